// ListObjects (v1: Marker) and ListObjectsV2 (opaque ContinuationToken, StartAfter, KeyCount,
// FetchOwner), with Prefix, Delimiter/CommonPrefixes and MaxKeys. A common prefix is skipped in one
// index seek, so listing a folder of a million keys costs what its page costs.
import type { RequestContext } from '../../types';
import { requireBucket } from '../access';
import { invalidArgument } from '../errors';
import { canonicalId } from '../names';
import { encodeKeys as encodeKey, walkKeys, type KeyPage } from '../key-range';
import { currentObjects, type ObjectRow } from '../store-objects';

/** Object keys after `after`, folded by the delimiter: walkKeys with the key as the whole cursor. */
export function pageKeys<T extends { key: string }>(
  fetch: (after: string, limit: number) => T[], opts: { prefix: string; delimiter?: string; after: string; max: number },
): KeyPage<T> {
  return walkKeys((a, limit) => fetch(a.key, limit), { ...opts, after: { key: opts.after, id: 0 }, idOf: () => 0, firstId: 0 });
}

export function objectEntry(row: ObjectRow, owner: boolean) {
  const c = row.attrs.checksum;
  return {
    Key: row.key, LastModified: new Date(row.lastModified), ETag: row.etag, Size: row.size, StorageClass: row.storageClass,
    Owner: owner ? { ID: canonicalId(row.owner) } : undefined,
    ChecksumAlgorithm: c ? [c.algorithm] : undefined, ChecksumType: c?.type,
  };
}

function maxKeysOf(value: number | undefined): number {
  if (value !== undefined && value < 0) throw invalidArgument('Provided max-keys not an integer or within integer range', 'max-keys', String(value));
  return Math.min(value ?? 1000, 1000);
}

interface ListInput { Bucket: string; Prefix?: string; Delimiter?: string; MaxKeys?: number; EncodingType?: string; ExpectedBucketOwner?: string }

function list(ctx: RequestContext, input: ListInput, after: string) {
  const bucket = requireBucket(ctx, input.Bucket, input.ExpectedBucketOwner);
  const prefix = input.Prefix ?? '';
  const max = maxKeysOf(input.MaxKeys);
  const storage = ctx.platform.storage;
  const page = max === 0 ? { items: [], prefixes: [], truncated: false } as KeyPage<ObjectRow>
    : pageKeys((a, limit) => currentObjects(storage, bucket.id, a, prefix, limit), { prefix, delimiter: input.Delimiter, after, max });
  return { bucket, page, max };
}

export function listObjects(input: ListInput & { Marker?: string }, ctx: RequestContext) {
  const { bucket, page, max } = list(ctx, input, input.Marker ?? '');
  const enc = encodeKey(input.EncodingType);
  return {
    Name: bucket.name, Prefix: enc(input.Prefix ?? ''), Marker: enc(input.Marker ?? ''), MaxKeys: max, Delimiter: enc(input.Delimiter),
    IsTruncated: page.truncated, EncodingType: input.EncodingType,
    // AWS gives NextMarker only with a delimiter; without one the last key is the marker.
    NextMarker: page.truncated && input.Delimiter ? enc(page.last) : undefined,
    Contents: page.items.length ? page.items.map((r) => ({ ...objectEntry(r, true), Key: enc(r.key)! })) : undefined,
    CommonPrefixes: page.prefixes.length ? page.prefixes.map((p) => ({ Prefix: enc(p) })) : undefined,
  };
}

interface ListV2Input extends ListInput { ContinuationToken?: string; StartAfter?: string; FetchOwner?: boolean }

function readToken(token: string): string {
  const text = Buffer.from(token, 'base64url').toString('utf8');
  if (!text.startsWith('k1:')) throw invalidArgument('The continuation token provided is incorrect', 'continuation-token');
  return text.slice(3);
}

const writeToken = (key: string) => Buffer.from(`k1:${key}`).toString('base64url');

export function listObjectsV2(input: ListV2Input, ctx: RequestContext) {
  const after = input.ContinuationToken !== undefined ? readToken(input.ContinuationToken) : input.StartAfter ?? '';
  const { bucket, page, max } = list(ctx, input, after);
  const enc = encodeKey(input.EncodingType);
  return {
    Name: bucket.name, Prefix: enc(input.Prefix ?? ''), MaxKeys: max, Delimiter: enc(input.Delimiter), EncodingType: input.EncodingType,
    IsTruncated: page.truncated, KeyCount: page.items.length + page.prefixes.length,
    ContinuationToken: input.ContinuationToken, StartAfter: enc(input.StartAfter),
    NextContinuationToken: page.truncated && page.last !== undefined ? writeToken(page.last) : undefined,
    Contents: page.items.length ? page.items.map((r) => ({ ...objectEntry(r, !!input.FetchOwner), Key: enc(r.key)! })) : undefined,
    CommonPrefixes: page.prefixes.length ? page.prefixes.map((p) => ({ Prefix: enc(p) })) : undefined,
  };
}
