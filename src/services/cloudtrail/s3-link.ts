// The link to S3: trails check their bucket and deliver log files through S3's exported functions.
import type { Platform } from '../../core/platform';
import { AwsError } from '../../protocol/errors';
import { findBucketInfo, writeObject } from '../s3';

export interface ObjectSink {
  putObject(accountId: string, region: string, bucket: string, key: string, body: Buffer): void | Promise<void>;
  bucketExists?(accountId: string, bucket: string): boolean;
}

/** Kept for delivery's wording should S3 ever be absent from a build. */
export const S3_MISSING = 'S3 service not available in this kanri build';

export function objectSink(platform: Platform): ObjectSink | undefined {
  const s3 = platform.service('s3') as Partial<ObjectSink> | undefined;
  if (!s3) return undefined;
  if (typeof s3.putObject === 'function') return s3 as ObjectSink; // a stand-in plugin (delivery's unit tests)
  return {
    async putObject(_accountId, region, bucket, key, body) {
      const info = findBucketInfo(platform, region, bucket);
      if (!info) throw new AwsError('NoSuchBucket', 'The specified bucket does not exist', 404);
      await writeObject(platform, { region: info.region, bucket, key, body, contentType: 'application/json', contentEncoding: 'gzip' });
    },
    bucketExists: (_accountId, bucket) => !!findBucketInfo(platform, 'us-east-1', bucket),
  };
}
