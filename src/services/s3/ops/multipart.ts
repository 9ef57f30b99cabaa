// CreateMultipartUpload, UploadPart (streamed to a part file), UploadPartCopy, AbortMultipartUpload.
import { randomBytes } from 'node:crypto';
import type { RequestContext } from '../../types';
import { requireBucket } from '../access';
import { removeFilesLater } from '../cleanup';
import { checksumMember, isChecksumAlgorithm, type ChecksumAlgorithm } from '../checksums';
import { defaultEncryption } from '../commit';
import { parseCopyRange } from '../conditions';
import { checkCopySize, copyBody, resolveCopySource, type CopySourceConditions } from '../copy-source';
import { invalidArgument, invalidRequest, noSuchUpload } from '../errors';
import { bodyStore } from '../files';
import type { TakenBody } from '../intake';
import { attrsFromInput, encryptionMembers, storageClassOf, type ObjectWriteInput } from '../object-meta';
import { receiveBody, takeBody, type UploadInput } from '../receive';
import type { BucketRow } from '../store';
import { deleteUpload, findUpload, insertUpload, putPart, type UploadRow } from '../store-uploads';
import { etagOf } from './put';
import { parseTaggingHeader } from './tagging';

let uploadSeq = 0;

/** Upload ids sort by creation time (then a counter), the order ListMultipartUploads gives within a key. */
function newUploadId(now: number): string {
  uploadSeq = (uploadSeq + 1) % 0x10000;
  return `${now.toString(16).padStart(12, '0')}${uploadSeq.toString(16).padStart(4, '0')}${randomBytes(18).toString('hex')}`;
}

interface UploadRef { Bucket: string; Key: string; UploadId: string; ExpectedBucketOwner?: string }

export function requireUpload(ctx: RequestContext, input: UploadRef): { bucket: BucketRow; upload: UploadRow } {
  const bucket = requireBucket(ctx, input.Bucket, input.ExpectedBucketOwner);
  const upload = findUpload(ctx.platform.storage, input.UploadId);
  if (!upload || upload.bucketId !== bucket.id || upload.key !== input.Key) throw noSuchUpload(input.UploadId);
  return { bucket, upload };
}

interface CreateInput extends ObjectWriteInput { Bucket: string; Key: string; Tagging?: string; ChecksumAlgorithm?: string; ChecksumType?: string; ExpectedBucketOwner?: string }

export function createMultipartUpload(input: CreateInput, ctx: RequestContext) {
  const bucket = requireBucket(ctx, input.Bucket, input.ExpectedBucketOwner);
  const algorithm = input.ChecksumAlgorithm?.toUpperCase();
  if (algorithm !== undefined && !isChecksumAlgorithm(algorithm)) throw invalidRequest('Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]');
  // CRC64NVME exists only whole-object; the others default to composite, and SHAs cannot be whole-object.
  const type = input.ChecksumType ?? (algorithm === 'CRC64NVME' ? 'FULL_OBJECT' : algorithm ? 'COMPOSITE' : undefined);
  if (type && !algorithm) throw invalidRequest('The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.');
  if (type === 'FULL_OBJECT' && algorithm?.startsWith('SHA')) throw invalidRequest(`The FULL_OBJECT checksum type cannot be used with the ${algorithm.toLowerCase()} checksum algorithm.`);
  if (type === 'COMPOSITE' && algorithm === 'CRC64NVME') throw invalidRequest('The COMPOSITE checksum type cannot be used with the crc64nvme checksum algorithm.');
  const attrs = { ...attrsFromInput(input, defaultEncryption(ctx, bucket)), checksumAlgorithm: algorithm, checksumType: type };
  const uploadId = newUploadId(ctx.now.getTime());
  insertUpload(ctx.platform.storage, {
    uploadId, bucketId: bucket.id, key: input.Key, initiated: ctx.now.getTime(), owner: ctx.accountId, storageClass: storageClassOf(input),
    attrs, tags: parseTaggingHeader(input.Tagging),
  });
  return { Bucket: bucket.name, Key: input.Key, UploadId: uploadId, ChecksumAlgorithm: algorithm, ChecksumType: type, ...encryptionMembers(attrs) };
}

function checkPartNumber(n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > 10000) throw invalidArgument('Part number must be an integer between 1 and 10000, inclusive', 'partNumber', String(n));
}

/** Stores a received part body as the upload's part `n` (if the upload still exists when it arrives). */
function commitPart(ctx: RequestContext, input: UploadRef, n: number, body: TakenBody, checksum: string | undefined): { etag: string; lastModified: number } {
  const store = bodyStore(ctx.platform);
  const storage = ctx.platform.storage;
  const etag = etagOf(body.md5);
  const lastModified = ctx.platform.clock.now();
  let placed: string | undefined;
  try {
    const replaced = storage.transaction(() => {
      requireUpload(ctx, input);
      placed = store.place(body.tmp!);
      return putPart(storage, { uploadId: input.UploadId, partNumber: n, size: body.size, etag, lastModified, file: placed, checksum: checksum ?? null });
    });
    removeFilesLater(ctx.platform, [replaced]);
  } catch (err) {
    if (placed) store.remove([placed]);
    else if (body.tmp) store.discard(body.tmp);
    throw err;
  }
  return { etag, lastModified };
}

interface UploadPartInput extends UploadRef, UploadInput { PartNumber: number }

export async function uploadPart(input: UploadPartInput, ctx: RequestContext) {
  const body = takeBody(input);
  checkPartNumber(input.PartNumber);
  const { upload } = requireUpload(ctx, input);
  const uploadAlgorithm = upload.attrs.checksumAlgorithm as ChecksumAlgorithm | undefined;
  const received = await receiveBody(ctx, body, { ...input, ChecksumAlgorithm: input.ChecksumAlgorithm ?? uploadAlgorithm }, { inline: false });
  const { etag } = commitPart(ctx, input, input.PartNumber, received, received.checksumValue);
  return {
    ETag: etag, ...encryptionMembers(upload.attrs),
    ...(received.algorithm ? { [checksumMember(received.algorithm)]: received.checksumValue } : {}),
  };
}

interface UploadPartCopyInput extends UploadRef, CopySourceConditions { PartNumber: number; CopySource: string; CopySourceRange?: string }

export async function uploadPartCopy(input: UploadPartCopyInput, ctx: RequestContext) {
  checkPartNumber(input.PartNumber);
  const { upload } = requireUpload(ctx, input);
  const source = resolveCopySource(ctx, input.CopySource, input);
  const range = parseCopyRange(input.CopySourceRange, source.row.size);
  checkCopySize(range ? range.end - range.start + 1 : source.row.size);
  const algorithm = upload.attrs.checksumAlgorithm as ChecksumAlgorithm | undefined;
  const body = await copyBody(ctx, source.row, { start: range?.start ?? 0, end: range?.end ?? source.row.size - 1, rehash: true, algorithm, inline: false }) as TakenBody;
  const checksum = body.checksum?.toString('base64');
  const { etag, lastModified } = commitPart(ctx, input, input.PartNumber, body, checksum);
  return {
    CopyPartResult: { ETag: etag, LastModified: new Date(lastModified), ...(algorithm && checksum ? { [checksumMember(algorithm)]: checksum } : {}) },
    CopySourceVersionId: source.bucket.versioning === '' ? undefined : source.row.versionId,
    ...encryptionMembers(upload.attrs),
  };
}

export function abortMultipartUpload(input: UploadRef, ctx: RequestContext) {
  requireUpload(ctx, input);
  removeFilesLater(ctx.platform, deleteUpload(ctx.platform.storage, input.UploadId));
  return {};
}
