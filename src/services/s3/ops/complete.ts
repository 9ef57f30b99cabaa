// CompleteMultipartUpload: checks the part list as S3 does, streams the part files into one object
// file, and stores the object with S3's multipart ETag (md5 of the parts' binary md5s, "-", count).
import { createHash } from 'node:crypto';
import type { RequestContext } from '../../types';
import { removeFilesLater } from '../cleanup';
import { checksumMember, createHasher, isChecksumAlgorithm } from '../checksums';
import { commitObject } from '../commit';
import { badDigest, entityTooSmall, invalidPart, invalidPartOrder, invalidRequest, malformedXml, noSuchUpload } from '../errors';
import { bodyStore } from '../files';
import { takeIn } from '../intake';
import { encryptionMembers } from '../object-meta';
import type { ObjectChecksum } from '../store-objects';
import { deleteUpload, findUpload, partsOf, type PartRow } from '../store-uploads';
import { shownVersionId } from '../versions';
import { requireUpload } from './multipart';

const MIN_PART_SIZE = 5 * 1024 * 1024;

interface CompleteInput {
  Bucket: string;
  Key: string;
  UploadId: string;
  ExpectedBucketOwner?: string;
  IfMatch?: string;
  IfNoneMatch?: string;
  MpuObjectSize?: number;
  MultipartUpload?: { Parts?: { PartNumber?: number; ETag?: string; [checksum: string]: unknown }[] };
  [member: string]: unknown;
}

const bareEtag = (etag: string | undefined) => (etag ?? '').replace(/^"|"$/g, '');

/** The stored parts the request names, in order, with S3's checks. */
function chosenParts(ctx: RequestContext, input: CompleteInput): PartRow[] {
  const requested = input.MultipartUpload?.Parts ?? [];
  if (!requested.length) throw malformedXml();
  const stored = new Map(partsOf(ctx.platform.storage, input.UploadId, 0, 10001).map((p) => [p.partNumber, p]));
  const chosen: PartRow[] = [];
  let previous = 0;
  for (const want of requested) {
    const n = want.PartNumber ?? 0;
    if (n <= previous) throw invalidPartOrder(input.UploadId);
    previous = n;
    const part = stored.get(n);
    if (!part || bareEtag(want.ETag) !== bareEtag(part.etag)) throw invalidPart(input.UploadId, n, bareEtag(want.ETag));
    chosen.push(part);
  }
  chosen.forEach((p, i) => {
    if (i < chosen.length - 1 && p.size < MIN_PART_SIZE) throw entityTooSmall(p.size, p.partNumber, bareEtag(p.etag));
  });
  return chosen;
}

function multipartEtag(parts: PartRow[]): string {
  const md5 = createHash('md5');
  for (const p of parts) md5.update(Buffer.from(bareEtag(p.etag), 'hex'));
  return `"${md5.digest('hex')}-${parts.length}"`;
}

/** A composite checksum: the algorithm over the parts' raw checksums, then "-<count>". */
function compositeChecksum(algorithm: string, parts: PartRow[]): string | undefined {
  if (!isChecksumAlgorithm(algorithm) || parts.some((p) => !p.checksum)) return undefined;
  const h = createHasher(algorithm);
  for (const p of parts) h.update(Buffer.from(p.checksum!, 'base64'));
  return `${h.digest().toString('base64')}-${parts.length}`;
}

export async function completeMultipartUpload(input: CompleteInput, ctx: RequestContext) {
  const { upload } = requireUpload(ctx, input);
  const parts = chosenParts(ctx, input);
  const size = parts.reduce((n, p) => n + p.size, 0);
  if (input.MpuObjectSize !== undefined && input.MpuObjectSize !== size) {
    throw invalidRequest(`The provided 'x-amz-mp-object-size' header value ${input.MpuObjectSize} does not match what was computed: ${size}`);
  }
  const algorithm = upload.attrs.checksumAlgorithm;
  const fullObject = upload.attrs.checksumType === 'FULL_OBJECT' && isChecksumAlgorithm(algorithm) ? algorithm : undefined;
  const store = bodyStore(ctx.platform);
  const body = await takeIn(store, parts.map((p) => store.stream(p.file)), { algorithm: fullObject, skipMd5: true });
  let checksum: ObjectChecksum | undefined;
  try {
    if (fullObject) {
      const value = body.checksum!.toString('base64');
      const given = input[checksumMember(fullObject)];
      if (typeof given === 'string' && given !== value) throw badDigest(fullObject);
      checksum = { algorithm: fullObject, value, type: 'FULL_OBJECT' };
    } else if (algorithm) {
      const value = compositeChecksum(algorithm, parts);
      if (value) checksum = { algorithm, value, type: 'COMPOSITE' };
    }
  } catch (err) {
    store.discard(body.tmp!);
    throw err;
  }
  const { checksumAlgorithm: _a, checksumType: _t, ...attrs } = upload.attrs;
  const { bucket, row } = commitObject(ctx, input.Bucket, body, () => {
    // An upload completed or aborted while the parts were being joined is gone: NoSuchUpload.
    if (!findUpload(ctx.platform.storage, input.UploadId)) throw noSuchUpload(input.UploadId);
    removeFilesLater(ctx.platform, deleteUpload(ctx.platform.storage, input.UploadId));
    return {
      key: input.Key, deleteMarker: false, size, etag: multipartEtag(parts), lastModified: ctx.platform.clock.now(), storageClass: upload.storageClass,
      owner: upload.owner, attrs: { ...attrs, checksum, partSizes: parts.map((p) => p.size) }, tags: upload.tags,
    };
  }, { key: input.Key, IfMatch: input.IfMatch, IfNoneMatch: input.IfNoneMatch }, 'ObjectCreated:CompleteMultipartUpload');
  return {
    Location: `/${bucket.name}/${input.Key}`, Bucket: bucket.name, Key: input.Key, ETag: row.etag,
    VersionId: shownVersionId(bucket, row.versionId),
    ...(checksum ? { [checksumMember(checksum.algorithm)]: checksum.value, ChecksumType: checksum.type } : {}),
    ...encryptionMembers(row.attrs),
  };
}
