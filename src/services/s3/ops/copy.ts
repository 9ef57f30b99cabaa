// CopyObject: metadata and tags are copied or replaced by directive; the body is hard-linked when
// its hashes carry over, and streamed (re-hashed) when they cannot.
import type { RequestContext } from '../../types';
import { requireBucket } from '../access';
import { checksumMember, isChecksumAlgorithm } from '../checksums';
import { commitObject, defaultEncryption } from '../commit';
import { checkCopySize, copyBody, resolveCopySource, type CopySourceConditions } from '../copy-source';
import { invalidArgument, invalidCopyRequest } from '../errors';
import { attrsFromInput, storageClassOf, encryptionMembers, type ObjectWriteInput } from '../object-meta';
import type { ObjectAttrs } from '../store-objects';
import { shownVersionId } from '../versions';
import { etagOf } from './put';
import { parseTaggingHeader } from './tagging';

interface CopyObjectInput extends ObjectWriteInput, CopySourceConditions {
  Bucket: string;
  Key: string;
  CopySource: string;
  MetadataDirective?: string;
  TaggingDirective?: string;
  Tagging?: string;
  ChecksumAlgorithm?: string;
  ExpectedBucketOwner?: string;
  IfMatch?: string;
  IfNoneMatch?: string;
}

function directive(value: string | undefined, header: string): 'COPY' | 'REPLACE' {
  if (value === undefined || value === 'COPY' || value === 'REPLACE') return value ?? 'COPY';
  throw invalidArgument(`Unknown ${header} directive.`, header, value);
}

export async function copyObject(input: CopyObjectInput, ctx: RequestContext) {
  const target = requireBucket(ctx, input.Bucket, input.ExpectedBucketOwner);
  const source = resolveCopySource(ctx, input.CopySource, input);
  const src = source.row;
  checkCopySize(src.size);
  const metadataDirective = directive(input.MetadataDirective, 'x-amz-metadata-directive');
  const taggingDirective = directive(input.TaggingDirective, 'x-amz-tagging-directive');
  const sameObject = source.bucket.id === target.id && src.key === input.Key;
  const changes = metadataDirective === 'REPLACE' || input.StorageClass !== undefined || input.ServerSideEncryption !== undefined
    || input.WebsiteRedirectLocation !== undefined || input.ChecksumAlgorithm !== undefined;
  if (sameObject && !changes && source.versionId === undefined) throw invalidCopyRequest();
  const sse = defaultEncryption(ctx, target);
  const attrs: ObjectAttrs = metadataDirective === 'REPLACE'
    ? attrsFromInput(input, sse)
    : { ...src.attrs, ...encryptionOnly(input, sse), websiteRedirect: input.WebsiteRedirectLocation ?? src.attrs.websiteRedirect, acl: undefined };
  delete attrs.partSizes;
  const tags = taggingDirective === 'REPLACE' ? parseTaggingHeader(input.Tagging) : src.tags;
  const algorithm = isChecksumAlgorithm(input.ChecksumAlgorithm) ? input.ChecksumAlgorithm : undefined;
  // A multipart source's ETag is not its MD5, and a new checksum needs the bytes: read them.
  const rehash = !!src.attrs.partSizes || (algorithm !== undefined && algorithm !== src.attrs.checksum?.algorithm);
  const kept = src.attrs.checksum?.algorithm;
  const body = await copyBody(ctx, src, { rehash, algorithm: algorithm ?? (isChecksumAlgorithm(kept) ? kept : undefined), inline: true });
  let etag = src.etag;
  if ('md5' in body) {
    etag = etagOf(body.md5);
    const alg = algorithm ?? src.attrs.checksum?.algorithm;
    attrs.checksum = body.checksum && alg ? { algorithm: alg, value: body.checksum.toString('base64'), type: 'FULL_OBJECT' } : undefined;
  }
  const { bucket, row } = commitObject(ctx, input.Bucket, body, () => ({
    key: input.Key, deleteMarker: false, size: src.size, etag, lastModified: ctx.platform.clock.now(),
    storageClass: storageClassOf(input), owner: ctx.accountId, attrs, tags,
  }), { key: input.Key, IfMatch: input.IfMatch, IfNoneMatch: input.IfNoneMatch }, 'ObjectCreated:Copy');
  const checksum = row.attrs.checksum;
  return {
    CopyObjectResult: {
      ETag: row.etag, LastModified: new Date(row.lastModified),
      ...(checksum ? { [checksumMember(checksum.algorithm)]: checksum.value, ChecksumType: checksum.type } : {}),
    },
    VersionId: shownVersionId(bucket, row.versionId),
    CopySourceVersionId: source.bucket.versioning === '' ? undefined : src.versionId,
    ...encryptionMembers(attrs),
  };
}

/** With the COPY directive only encryption may change: the request's, else the target bucket's default. */
function encryptionOnly(input: ObjectWriteInput, sse: { algorithm: string; kmsKeyId?: string }): Partial<ObjectAttrs> {
  const algorithm = input.ServerSideEncryption ?? sse.algorithm;
  return { sse: algorithm, kmsKeyId: algorithm === 'AES256' ? undefined : input.SSEKMSKeyId ?? sse.kmsKeyId, bucketKeyEnabled: input.BucketKeyEnabled };
}
