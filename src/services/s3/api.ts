// What other services may call (CloudTrail log delivery, Config snapshots, Storage Gateway shares):
// find a bucket, write and read objects as a service principal would, outside any HTTP request.
import { Readable } from 'node:stream';
import { partitionOf } from '../../core/arn';
import type { Platform } from '../../core/platform';
import type { RequestContext } from '../types';
import { commitObject, defaultEncryption } from './commit';
import { bodyStore } from './files';
import { INLINE_LIMIT, takeIn } from './intake';
import { attrsFromInput } from './object-meta';
import { etagOf } from './ops/put';
import { findBucket } from './store';
import { inlineBody, latestVersion } from './store-objects';
import { shownVersionId } from './versions';

/** Other services may call in before any S3 request loaded the plugin (its tables, its jobs). */
function loaded(platform: Platform): Platform {
  platform.service('s3');
  return platform;
}

export interface BucketInfo { name: string; accountId: string; region: string; versioning: string }

/** The bucket of that name in the region's partition, or undefined. */
export function findBucketInfo(platform: Platform, region: string, name: string): BucketInfo | undefined {
  const b = findBucket(loaded(platform).storage, partitionOf(region), name);
  return b && { name: b.name, accountId: b.accountId, region: b.region, versioning: b.versioning };
}

function serviceContext(platform: Platform, region: string, accountId: string): RequestContext {
  return { platform, region, accountId, now: platform.clock.date() } as RequestContext;
}

/** Writes an object (streamed, like PutObject) into an existing bucket; throws NoSuchBucket otherwise. */
export async function writeObject(platform: Platform, opts: {
  region: string; bucket: string; key: string; body: Buffer | Readable; contentType?: string; contentEncoding?: string; metadata?: Record<string, string>;
}): Promise<{ etag: string; versionId?: string }> {
  const info = findBucketInfo(platform, opts.region, opts.bucket);
  const ctx = serviceContext(platform, opts.region, info?.accountId ?? '');
  const taken = await takeIn(bodyStore(platform), [opts.body], { inlineLimit: INLINE_LIMIT });
  const { bucket, row } = commitObject(ctx, opts.bucket, taken, (b) => ({
    key: opts.key, deleteMarker: false, size: taken.size, etag: etagOf(taken.md5), lastModified: platform.clock.now(), storageClass: 'STANDARD',
    owner: b.accountId, tags: [],
    attrs: attrsFromInput({ ContentType: opts.contentType, ContentEncoding: opts.contentEncoding, Metadata: opts.metadata }, defaultEncryption(ctx, b)),
  }));
  return { etag: row.etag, versionId: shownVersionId(bucket, row.versionId) };
}

/** The current body of a key as a stream, or undefined when there is none. */
export function openObject(platform: Platform, region: string, bucketName: string, key: string): { size: number; body: Readable } | undefined {
  const bucket = findBucket(loaded(platform).storage, partitionOf(region), bucketName);
  const row = bucket && latestVersion(platform.storage, bucket.id, key);
  if (!row || row.deleteMarker) return undefined;
  const body = row.file ? bodyStore(platform).stream(row.file) : Readable.from(row.size ? [inlineBody(platform.storage, row.id)] : []);
  return { size: row.size, body };
}
