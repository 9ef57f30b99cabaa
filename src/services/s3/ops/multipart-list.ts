// ListParts and ListMultipartUploads.
import type { RequestContext } from '../../types';
import { requireBucket } from '../access';
import { checksumMember } from '../checksums';
import { invalidArgument } from '../errors';
import { canonicalId } from '../names';
import { partsOf, uploadsAfter, type UploadRow } from '../store-uploads';
import { encodeKeys, walkKeys, type KeyPage } from '../key-range';
import { requireUpload } from './multipart';

interface ListPartsInput { Bucket: string; Key: string; UploadId: string; MaxParts?: number; PartNumberMarker?: number; ExpectedBucketOwner?: string }

export function listParts(input: ListPartsInput, ctx: RequestContext) {
  const { bucket, upload } = requireUpload(ctx, input);
  const max = Math.min(input.MaxParts ?? 1000, 1000);
  const marker = input.PartNumberMarker ?? 0;
  const rows = partsOf(ctx.platform.storage, input.UploadId, marker, max + 1);
  const page = rows.slice(0, max);
  const truncated = rows.length > max;
  const algorithm = upload.attrs.checksumAlgorithm;
  const owner = { ID: canonicalId(upload.owner) };
  return {
    Bucket: bucket.name, Key: upload.key, UploadId: upload.uploadId, PartNumberMarker: marker, MaxParts: max, IsTruncated: truncated,
    NextPartNumberMarker: page.length ? page[page.length - 1].partNumber : undefined,
    Parts: page.length ? page.map((p) => ({
      PartNumber: p.partNumber, LastModified: new Date(p.lastModified), ETag: p.etag, Size: p.size,
      ...(algorithm && p.checksum ? { [checksumMember(algorithm)]: p.checksum } : {}),
    })) : undefined,
    Initiator: owner, Owner: owner, StorageClass: upload.storageClass,
    ChecksumAlgorithm: algorithm, ChecksumType: upload.attrs.checksumType,
  };
}

interface ListUploadsInput {
  Bucket: string;
  Prefix?: string;
  Delimiter?: string;
  KeyMarker?: string;
  UploadIdMarker?: string;
  MaxUploads?: number;
  EncodingType?: string;
  ExpectedBucketOwner?: string;
}

export function listMultipartUploads(input: ListUploadsInput, ctx: RequestContext) {
  const bucket = requireBucket(ctx, input.Bucket, input.ExpectedBucketOwner);
  const prefix = input.Prefix ?? '';
  const max = Math.min(input.MaxUploads ?? 1000, 1000);
  const delimiter = input.Delimiter || undefined;
  if (input.UploadIdMarker && !input.KeyMarker) throw invalidArgument('Invalid uploadId marker', 'upload-id-marker', input.UploadIdMarker);
  // With only a key marker, every upload of that key is already listed.
  const after = { key: input.KeyMarker ?? '', id: input.UploadIdMarker ?? (input.KeyMarker ? '\u{10FFFF}' : '') };
  const page = max === 0 ? { items: [], prefixes: [], truncated: false } as KeyPage<UploadRow>
    : walkKeys((a, limit) => uploadsAfter(ctx.platform.storage, bucket.id, a.key, a.id, prefix, limit),
      { prefix, delimiter, after, max, idOf: (r) => r.uploadId, firstId: '' });
  const uploads = page.items;
  const enc = encodeKeys(input.EncodingType);
  return {
    Bucket: bucket.name, Prefix: enc(prefix), Delimiter: enc(input.Delimiter), KeyMarker: enc(input.KeyMarker ?? ''),
    UploadIdMarker: input.UploadIdMarker ?? '', MaxUploads: max, IsTruncated: page.truncated, EncodingType: input.EncodingType,
    NextKeyMarker: page.truncated ? enc(page.last) : undefined, NextUploadIdMarker: page.truncated ? page.lastItem?.uploadId : undefined,
    Uploads: uploads.length ? uploads.map((u) => ({
      UploadId: u.uploadId, Key: enc(u.key), Initiated: new Date(u.initiated), StorageClass: u.storageClass,
      Owner: { ID: canonicalId(u.owner) }, Initiator: { ID: canonicalId(u.owner) },
      ChecksumAlgorithm: u.attrs.checksumAlgorithm, ChecksumType: u.attrs.checksumType,
    })) : undefined,
    CommonPrefixes: page.prefixes.length ? page.prefixes.map((p) => ({ Prefix: enc(p) })) : undefined,
  };
}
