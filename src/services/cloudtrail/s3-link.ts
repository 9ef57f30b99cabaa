// The link to S3, looked up when needed: trails check their bucket and deliver log files through
// functions the S3 plugin exports. Until kanri has S3, both are absent and delivery reports it.
import type { Platform } from '../../core/platform';

export interface ObjectSink {
  putObject(accountId: string, region: string, bucket: string, key: string, body: Buffer): void | Promise<void>;
  bucketExists?(accountId: string, bucket: string): boolean;
}

export const S3_MISSING = 'S3 service not available in this kanri build';

export function objectSink(platform: Platform): ObjectSink | undefined {
  const s3 = platform.service('s3') as Partial<ObjectSink> | undefined;
  return typeof s3?.putObject === 'function' ? (s3 as ObjectSink) : undefined;
}
