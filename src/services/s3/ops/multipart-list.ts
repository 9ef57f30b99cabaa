// ListParts and ListMultipartUploads.
import type { RequestContext } from '../../types';
import { requireBucket } from '../access';
import { checksumMember } from '../checksums';
import { invalidArgument } from '../errors';
import { canonicalId } from '../names';
import { partsOf, uploadsAfter, type UploadRow } from '../store-uploads';
import { pastPrefix } from '../key-range';
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
  let [afterKey, afterId] = [input.KeyMarker ?? '', input.UploadIdMarker ?? (input.KeyMarker ? '\u{10FFFF}' : '')];
  const uploads: UploadRow[] = [];
  const prefixes: string[] = [];
  let truncated = false;
  let last: { key: string; uploadId?: string } | undefined;
  outer: while (max > 0) {
    const rows = uploadsAfter(ctx.platform.storage, bucket.id, afterKey, afterId, prefix, 1001);
    if (!rows.length) break;
    for (const row of rows) {
      if (uploads.length + prefixes.length === max) {
        truncated = true;
        break outer;
      }
      const cut = delimiter ? row.key.indexOf(delimiter, prefix.length) : -1;
      if (cut >= 0) {
        const common = row.key.slice(0, cut + delimiter!.length);
        prefixes.push(common);
        last = { key: common };
        [afterKey, afterId] = [pastPrefix(common), ''];
        continue outer;
      }
      uploads.push(row);
      last = { key: row.key, uploadId: row.uploadId };
      [afterKey, afterId] = [row.key, row.uploadId];
    }
    if (rows.length < 1001) break;
  }
  const enc = (s: string | undefined) => (s === undefined || input.EncodingType !== 'url' ? s : encodeURIComponent(s).replace(/%2F/g, '/'));
  return {
    Bucket: bucket.name, Prefix: enc(prefix), Delimiter: enc(input.Delimiter), KeyMarker: enc(input.KeyMarker ?? ''),
    UploadIdMarker: input.UploadIdMarker ?? '', MaxUploads: max, IsTruncated: truncated, EncodingType: input.EncodingType,
    NextKeyMarker: truncated ? enc(last?.key) : undefined, NextUploadIdMarker: truncated ? last?.uploadId : undefined,
    Uploads: uploads.length ? uploads.map((u) => ({
      UploadId: u.uploadId, Key: enc(u.key), Initiated: new Date(u.initiated), StorageClass: u.storageClass,
      Owner: { ID: canonicalId(u.owner) }, Initiator: { ID: canonicalId(u.owner) },
      ChecksumAlgorithm: u.attrs.checksumAlgorithm, ChecksumType: u.attrs.checksumType,
    })) : undefined,
    CommonPrefixes: prefixes.length ? prefixes.map((p) => ({ Prefix: enc(p) })) : undefined,
  };
}
