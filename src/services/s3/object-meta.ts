// An object's stored attributes, from a write request's members and back out as response members.
import { AwsError } from '../../protocol/errors';
import { storedContentEncoding } from './chunked';
import { checksumMember } from './checksums';
import { invalidStorageClass } from './errors';
import type { BucketRow } from './store';
import type { ObjectAttrs, ObjectRow } from './store-objects';
import { shownVersionId } from './versions';

export const STORAGE_CLASSES = new Set([
  'STANDARD', 'REDUCED_REDUNDANCY', 'STANDARD_IA', 'ONEZONE_IA', 'INTELLIGENT_TIERING', 'GLACIER', 'DEEP_ARCHIVE',
  'OUTPOSTS', 'GLACIER_IR', 'SNOW', 'EXPRESS_ONEZONE', 'FSX_OPENZFS', 'FSX_ONTAP',
]);
const MAX_METADATA_BYTES = 2048;

/** The members of PutObject / CreateMultipartUpload / CopyObject (REPLACE) that describe an object. */
export interface ObjectWriteInput {
  ContentType?: string;
  ContentEncoding?: string;
  ContentDisposition?: string;
  ContentLanguage?: string;
  CacheControl?: string;
  /** A string in the model: S3 keeps and returns whatever the client sent. */
  Expires?: string;
  Metadata?: Record<string, string>;
  WebsiteRedirectLocation?: string;
  StorageClass?: string;
  ServerSideEncryption?: string;
  SSEKMSKeyId?: string;
  BucketKeyEnabled?: boolean;
  ACL?: string;
}

export function storageClassOf(input: { StorageClass?: string }): string {
  const cls = input.StorageClass ?? 'STANDARD';
  if (!STORAGE_CLASSES.has(cls)) throw invalidStorageClass(cls);
  return cls;
}

/** S3 keeps at most 2 KB of user metadata (keys and values, as UTF-8). */
function checkMetadata(metadata: Record<string, string> | undefined): void {
  if (!metadata) return;
  const size = Object.entries(metadata).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(String(v)), 0);
  if (size > MAX_METADATA_BYTES) {
    throw new AwsError('MetadataTooLarge', 'Your metadata headers exceed the maximum allowed metadata size', 400, true, { Size: size, MaxSizeAllowed: MAX_METADATA_BYTES });
  }
}

/** Attributes to store; the bucket's default encryption applies when the request names none. */
export function attrsFromInput(input: ObjectWriteInput, defaultSse: { algorithm: string; kmsKeyId?: string }): ObjectAttrs {
  checkMetadata(input.Metadata);
  const sse = input.ServerSideEncryption ?? defaultSse.algorithm;
  return {
    contentType: input.ContentType ?? 'binary/octet-stream',
    contentEncoding: storedContentEncoding(input.ContentEncoding),
    contentDisposition: input.ContentDisposition,
    contentLanguage: input.ContentLanguage,
    cacheControl: input.CacheControl,
    expires: input.Expires,
    metadata: input.Metadata && Object.keys(input.Metadata).length ? input.Metadata : undefined,
    websiteRedirect: input.WebsiteRedirectLocation,
    sse,
    kmsKeyId: sse === 'AES256' ? undefined : input.SSEKMSKeyId ?? defaultSse.kmsKeyId,
    bucketKeyEnabled: input.BucketKeyEnabled,
  };
}

/** The encryption members every object response carries. */
export function encryptionMembers(attrs: ObjectAttrs) {
  return { ServerSideEncryption: attrs.sse ?? 'AES256', SSEKMSKeyId: attrs.kmsKeyId, BucketKeyEnabled: attrs.bucketKeyEnabled };
}

export function checksumMembers(attrs: ObjectAttrs): Record<string, string> {
  const c = attrs.checksum;
  return c ? { [checksumMember(c.algorithm)]: c.value, ChecksumType: c.type } : {};
}

/** HeadObject's and GetObject's members for a stored version (without range or body). */
export function objectMembers(bucket: BucketRow, row: ObjectRow, opts: { checksums: boolean; tagCount: boolean }) {
  const a = row.attrs;
  return {
    AcceptRanges: 'bytes',
    ETag: row.etag,
    LastModified: new Date(row.lastModified),
    ContentLength: row.size,
    ContentType: a.contentType,
    ContentEncoding: a.contentEncoding,
    ContentDisposition: a.contentDisposition,
    ContentLanguage: a.contentLanguage,
    CacheControl: a.cacheControl,
    Expires: a.expires,
    Metadata: a.metadata,
    WebsiteRedirectLocation: a.websiteRedirect,
    StorageClass: row.storageClass === 'STANDARD' ? undefined : row.storageClass,
    VersionId: shownVersionId(bucket, row.versionId),
    TagCount: opts.tagCount && row.tags.length ? row.tags.length : undefined,
    ...encryptionMembers(a),
    ...(opts.checksums ? checksumMembers(a) : {}),
  };
}

/** The response-* query parameters of GetObject override the stored headers. */
export function applyResponseOverrides(out: Record<string, unknown>, input: Record<string, unknown>): void {
  const pairs: [string, string][] = [
    ['ResponseContentType', 'ContentType'], ['ResponseContentEncoding', 'ContentEncoding'], ['ResponseContentDisposition', 'ContentDisposition'],
    ['ResponseContentLanguage', 'ContentLanguage'], ['ResponseCacheControl', 'CacheControl'], ['ResponseExpires', 'Expires'],
  ];
  for (const [from, to] of pairs) if (input[from] !== undefined) out[to] = input[from];
}
