// The last step of every object write (PutObject, CopyObject, CompleteMultipartUpload): in one
// transaction, re-read the bucket (it may have gone while the body streamed in), check the write's
// conditions, move the body file into place and store the new version.
import type { RequestContext } from '../types';
import { partitionOfCtx } from './access';
import { removeFilesLater } from './cleanup';
import { etagMatches } from './conditions';
import { noSuchBucket, noSuchKey, preconditionFailed } from './errors';
import { bodyStore } from './files';
import { notifyObjectEvent } from './notify';
import { findBucket, getConfig, type BucketRow } from './store';
import { latestVersion, type ObjectRow } from './store-objects';
import { writeVersion, type NewObject } from './versions';

export interface WriteConditions { IfMatch?: string; IfNoneMatch?: string }

/** Conditional writes: If-None-Match: * refuses to overwrite, If-Match wants the current ETag. */
export function checkWriteConditions(ctx: RequestContext, bucket: BucketRow, key: string, c: WriteConditions): void {
  if (c.IfMatch === undefined && c.IfNoneMatch === undefined) return;
  const current = latestVersion(ctx.platform.storage, bucket.id, key);
  const exists = !!current && !current.deleteMarker;
  if (c.IfNoneMatch !== undefined && exists) throw preconditionFailed('If-None-Match');
  if (c.IfMatch !== undefined) {
    if (!exists) throw noSuchKey(key);
    if (!etagMatches(c.IfMatch, current!.etag)) throw preconditionFailed('If-Match');
  }
}

/** A body waiting for its row: a tmp file to move into place, or a small body stored in the row. */
export interface PendingBody { tmp?: string; inline?: Buffer }

/**
 * Stores a version whose body is in a tmp file, inline, or absent. `build` sees the bucket as it is
 * at commit time. Returns the bucket and the new row; replaced bodies are removed after commit.
 */
export function commitObject(
  ctx: RequestContext, bucketName: string, body: PendingBody | null, build: (bucket: BucketRow) => Omit<NewObject, 'file'>,
  conditions: WriteConditions & { key: string } = { key: '' },
  eventName = 'ObjectCreated:Put',
): { bucket: BucketRow; row: ObjectRow } {
  const store = bodyStore(ctx.platform);
  const storage = ctx.platform.storage;
  let placed: string | null = null;
  try {
    const result = storage.transaction(() => {
      const bucket = findBucket(storage, partitionOfCtx(ctx), bucketName);
      if (!bucket) throw noSuchBucket(bucketName);
      checkWriteConditions(ctx, bucket, conditions.key, conditions);
      const obj = build(bucket);
      placed = body?.tmp ? store.place(body.tmp) : null;
      const written = writeVersion(storage, bucket, { ...obj, file: placed, inline: body?.inline ?? null });
      const row = written.row;
      notifyObjectEvent(ctx, bucket, { eventName, key: row.key, size: row.size, etag: row.etag, versionId: row.versionId });
      return { bucket, row: written.row, replaced: written.replaced };
    });
    removeFilesLater(ctx.platform, result.replaced);
    return { bucket: result.bucket, row: result.row };
  } catch (err) {
    if (body?.tmp && !placed) store.discard(body.tmp);
    if (placed) store.remove([placed]);
    throw err;
  }
}

/** The bucket's default encryption (SSE-S3 unless configured otherwise). */
export function defaultEncryption(ctx: RequestContext, bucket: BucketRow): { algorithm: string; kmsKeyId?: string } {
  const config = getConfig<{ Rules: { ApplyServerSideEncryptionByDefault?: { SSEAlgorithm: string; KMSMasterKeyID?: string } }[] }>(
    ctx.platform.storage, bucket.id, 'encryption');
  const rule = config?.Rules?.[0]?.ApplyServerSideEncryptionByDefault;
  return { algorithm: rule?.SSEAlgorithm ?? 'AES256', kmsKeyId: rule?.KMSMasterKeyID };
}
