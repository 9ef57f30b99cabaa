// The x-amz-copy-source of CopyObject and UploadPartCopy: `[/]bucket/key[?versionId=...]`, URL-encoded.
import type { RequestContext } from '../types';
import { requireBucket } from './access';
import { checkCopySourceConditions } from './conditions';
import { invalidArgument, invalidRequest } from './errors';
import { bodyStore } from './files';
import { INLINE_LIMIT, takeIn, type TakenBody } from './intake';
import { inlineBody } from './store-objects';
import type { BucketRow } from './store';
import type { ObjectRow } from './store-objects';
import { resolveVersion } from './versions';
import type { ChecksumAlgorithm } from './checksums';

export interface CopySourceConditions {
  CopySourceIfMatch?: string;
  CopySourceIfNoneMatch?: string;
  CopySourceIfModifiedSince?: Date;
  CopySourceIfUnmodifiedSince?: Date;
}

export interface CopySource { bucket: BucketRow; row: ObjectRow; versionId?: string }

export function parseCopySource(header: string): { bucket: string; key: string; versionId?: string } {
  const q = header.indexOf('?');
  const path = q < 0 ? header : header.slice(0, q);
  const query = new URLSearchParams(q < 0 ? '' : header.slice(q + 1));
  let decoded: string;
  try {
    decoded = decodeURIComponent(path).replace(/^\//, '');
  } catch {
    decoded = path.replace(/^\//, '');
  }
  const slash = decoded.indexOf('/');
  if (slash <= 0 || slash === decoded.length - 1) throw invalidArgument('Invalid copy source object key', 'x-amz-copy-source', header);
  return { bucket: decoded.slice(0, slash), key: decoded.slice(slash + 1), versionId: query.get('versionId') ?? undefined };
}

/** The source version, after its conditions (each failure a 412). */
export function resolveCopySource(ctx: RequestContext, header: string, conditions: CopySourceConditions): CopySource {
  const source = parseCopySource(header);
  const bucket = requireBucket(ctx, source.bucket);
  const row = resolveVersion(ctx, bucket, source.key, source.versionId, 'GET');
  checkCopySourceConditions(conditions, row.etag, row.lastModified);
  return { bucket, row, versionId: source.versionId };
}

export const MAX_COPY_SIZE = 5 * 1024 ** 3;

export function checkCopySize(size: number): void {
  if (size > MAX_COPY_SIZE) throw invalidRequest(`The specified copy source is larger than the maximum allowable size for a copy source: ${MAX_COPY_SIZE}`);
}

/**
 * The source's bytes [start, end] as a new body. Bodies are never modified in place, so a whole file
 * whose hashes are already known is hard-linked rather than copied; `inline` lets a small result
 * live in its row (objects), while parts are always files.
 */
export async function copyBody(ctx: RequestContext, row: ObjectRow, opts: { start?: number; end?: number; rehash: boolean; algorithm?: ChecksumAlgorithm; inline: boolean }):
  Promise<TakenBody | { tmp: string; size: number }> {
  const store = bodyStore(ctx.platform);
  const whole = opts.start === undefined;
  if (whole && !opts.rehash && row.file) return { tmp: store.link(row.file), size: row.size };
  const start = opts.start ?? 0;
  const end = opts.end ?? row.size - 1;
  const source = row.file ? store.stream(row.file, start, end) : inlineBody(ctx.platform.storage, row.id).subarray(start, end + 1);
  return takeIn(store, [source], { algorithm: opts.algorithm, inlineLimit: opts.inline ? INLINE_LIMIT : 0 });
}
