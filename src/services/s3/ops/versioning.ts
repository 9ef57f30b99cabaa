// PutBucketVersioning, GetBucketVersioning and ListObjectVersions.
import { AwsError } from '../../../protocol/errors';
import type { RequestContext } from '../../types';
import { requireBucket, requireOwnBucket } from '../access';
import { changeBucket } from '../describe';
import { invalidArgument, malformedXml } from '../errors';
import { canonicalId } from '../names';
import { setVersioning } from '../store';
import { findVersion, versionsAfter, type ObjectRow } from '../store-objects';
import { encodeKeys, walkKeys, type KeyPage } from '../key-range';
import { objectEntry } from './listing';

interface VersioningInput { Bucket: string; ExpectedBucketOwner?: string; VersioningConfiguration?: { Status?: string; MFADelete?: string } }

export function putBucketVersioning(input: VersioningInput, ctx: RequestContext) {
  const bucket = requireOwnBucket(ctx, input.Bucket, input.ExpectedBucketOwner);
  const status = input.VersioningConfiguration?.Status;
  if (status === undefined) return {}; // AWS accepts an empty configuration and changes nothing
  if (status !== 'Enabled' && status !== 'Suspended') throw malformedXml();
  if (bucket.objectLock && status === 'Suspended') {
    throw new AwsError('InvalidBucketState', 'An Object Lock configuration is present on this bucket, so the versioning state cannot be changed.', 409);
  }
  if (bucket.versioning !== status) changeBucket(ctx, bucket, () => setVersioning(ctx.platform.storage, bucket.id, status));
  return {};
}

export function getBucketVersioning(input: VersioningInput, ctx: RequestContext) {
  const bucket = requireOwnBucket(ctx, input.Bucket, input.ExpectedBucketOwner);
  return { Status: bucket.versioning || undefined };
}

interface ListVersionsInput {
  Bucket: string;
  Prefix?: string;
  Delimiter?: string;
  MaxKeys?: number;
  KeyMarker?: string;
  VersionIdMarker?: string;
  EncodingType?: string;
  ExpectedBucketOwner?: string;
}

export function listObjectVersions(input: ListVersionsInput, ctx: RequestContext) {
  const bucket = requireBucket(ctx, input.Bucket, input.ExpectedBucketOwner);
  const storage = ctx.platform.storage;
  const prefix = input.Prefix ?? '';
  const max = Math.min(input.MaxKeys ?? 1000, 1000);
  const delimiter = input.Delimiter || undefined;
  if (input.VersionIdMarker && !input.KeyMarker) {
    throw invalidArgument('A version-id marker cannot be specified without a key marker.', 'version-id-marker', input.VersionIdMarker);
  }
  let afterId = 0;
  if (input.VersionIdMarker) {
    const marker = findVersion(storage, bucket.id, input.KeyMarker!, input.VersionIdMarker);
    if (!marker) throw invalidArgument('Invalid version id specified', 'version-id-marker', input.VersionIdMarker);
    afterId = marker.id;
  }
  const page = max === 0 ? { items: [], prefixes: [], truncated: false } as KeyPage<ObjectRow>
    : walkKeys((a, limit) => versionsAfter(storage, bucket.id, a.key, a.id, prefix, limit),
      { prefix, delimiter, after: { key: input.KeyMarker ?? '', id: afterId }, max, idOf: (r) => r.id, firstId: 0 });
  const versions = page.items;
  const enc = encodeKeys(input.EncodingType);
  const entry = (r: ObjectRow) => ({ ...objectEntry(r, true), Key: enc(r.key), VersionId: r.versionId, IsLatest: r.isLatest });
  const live = versions.filter((v) => !v.deleteMarker);
  const markers = versions.filter((v) => v.deleteMarker);
  return {
    Name: bucket.name, Prefix: enc(prefix), Delimiter: enc(input.Delimiter), MaxKeys: max, EncodingType: input.EncodingType,
    KeyMarker: enc(input.KeyMarker ?? ''), VersionIdMarker: input.VersionIdMarker ?? '', IsTruncated: page.truncated,
    NextKeyMarker: page.truncated ? enc(page.last) : undefined, NextVersionIdMarker: page.truncated ? page.lastItem?.versionId : undefined,
    Versions: live.length ? live.map(entry) : undefined,
    DeleteMarkers: markers.length
      ? markers.map((m) => ({ Key: enc(m.key), VersionId: m.versionId, IsLatest: m.isLatest, LastModified: new Date(m.lastModified), Owner: { ID: canonicalId(m.owner) } }))
      : undefined,
    CommonPrefixes: page.prefixes.length ? page.prefixes.map((p) => ({ Prefix: enc(p) })) : undefined,
  };
}
