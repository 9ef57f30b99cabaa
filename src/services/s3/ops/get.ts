// GetObject and HeadObject: conditions, ranges, part numbers, response overrides; the body
// streams from its file (small ones are read whole).
import { AwsError } from '../../../protocol/errors';
import type { RequestContext } from '../../types';
import { requireBucket } from '../access';
import { checkReadConditions, parseRange, type ByteRange, type ReadConditions } from '../conditions';
import { invalidArgument } from '../errors';
import { bodyStore } from '../files';
import { applyResponseOverrides, objectMembers } from '../object-meta';
import { inlineBody, type ObjectRow } from '../store-objects';
import { resolveVersion } from '../versions';

interface ReadInput extends ReadConditions {
  Bucket: string;
  Key: string;
  VersionId?: string;
  Range?: string;
  PartNumber?: number;
  ChecksumMode?: string;
  ExpectedBucketOwner?: string;
  [member: string]: unknown;
}

const ARCHIVED = new Set(['GLACIER', 'DEEP_ARCHIVE']);

/** The bytes a PartNumber names: that part of a multipart object, or the whole of any other object as part 1. */
function partRange(row: ObjectRow, partNumber: number): ByteRange & { count: number } {
  if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > 10000) {
    throw invalidArgument('Part number must be an integer between 1 and 10000, inclusive', 'partNumber', String(partNumber));
  }
  const sizes = row.attrs.partSizes ?? [row.size];
  if (partNumber > sizes.length) {
    throw new AwsError('InvalidPartNumber', 'The requested partnumber is not satisfiable', 416, true, { PartNumberRequested: partNumber, ActualPartCount: sizes.length });
  }
  const start = sizes.slice(0, partNumber - 1).reduce((a, b) => a + b, 0);
  return { start, end: start + sizes[partNumber - 1] - 1, count: sizes.length };
}

function read(input: ReadInput, ctx: RequestContext, method: 'GET' | 'HEAD') {
  const bucket = requireBucket(ctx, input.Bucket, input.ExpectedBucketOwner);
  const row = resolveVersion(ctx, bucket, input.Key, input.VersionId, method);
  checkReadConditions(input, row.etag, row.lastModified);
  if (input.Range !== undefined && input.PartNumber !== undefined) {
    throw new AwsError('InvalidRequest', 'Cannot specify both Range header and partNumber query parameter', 400);
  }
  let range: ByteRange | undefined;
  let partsCount: number | undefined;
  if (input.PartNumber !== undefined) {
    const part = partRange(row, input.PartNumber);
    range = { start: part.start, end: part.end };
    partsCount = row.attrs.partSizes ? part.count : undefined;
  } else {
    range = parseRange(input.Range, row.size);
  }
  // A checksum covers the whole object, so a range gets none.
  const out: Record<string, unknown> = objectMembers(bucket, row, { checksums: input.ChecksumMode === 'ENABLED' && !range, tagCount: method === 'GET' });
  if (partsCount !== undefined) out.PartsCount = partsCount;
  if (range) {
    out.ContentRange = `bytes ${range.start}-${range.end}/${row.size}`;
    out.ContentLength = range.end - range.start + 1;
  }
  applyResponseOverrides(out, input);
  return { out, row, range };
}

export function getObject(input: ReadInput, ctx: RequestContext) {
  const { out, row, range } = read(input, ctx, 'GET');
  if (ARCHIVED.has(row.storageClass)) {
    throw new AwsError('InvalidObjectState', "The operation is not valid for the object's storage class", 403, true, { StorageClass: row.storageClass });
  }
  const { start, end } = range ?? { start: 0, end: row.size - 1 };
  out.Body = row.file ? bodyStore(ctx.platform).read(row.file, start, end)
    : row.size ? inlineBody(ctx.platform.storage, row.id).subarray(start, end + 1) : Buffer.alloc(0);
  return out;
}

export function headObject(input: ReadInput, ctx: RequestContext) {
  return read(input, ctx, 'HEAD').out;
}
