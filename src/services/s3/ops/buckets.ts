// CreateBucket, DeleteBucket, HeadBucket, ListBuckets, GetBucketLocation.
import { AwsError } from '../../../protocol/errors';
import type { RequestContext } from '../../types';
import { partitionOfCtx, requireBucket, requireOwnBucket } from '../access';
import { describeBucket, emitBucketChange } from '../describe';
import { bucketAlreadyExists, bucketAlreadyOwnedByYou, bucketNotEmpty, invalidArgument } from '../errors';
import { bucketArn, bucketRegionFor, canonicalId, checkBucketName } from '../names';
import { bucketsOf, findBucket, insertBucket, putConfig, removeBucket } from '../store';
import { hasAnyVersion, type Tag } from '../store-objects';
import { deleteUploadsOfBucket } from '../store-uploads';
import { removeFilesLater } from '../cleanup';
import { cannedGrants } from './acl';
import { checkTagSet } from './tagging';

/** New buckets block public access and disable ACLs, as AWS has done since April 2023. */
const DEFAULT_PUBLIC_ACCESS_BLOCK = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };

interface CreateBucketInput {
  Bucket: string;
  ACL?: string;
  CreateBucketConfiguration?: { LocationConstraint?: string; Tags?: Tag[] };
  ObjectLockEnabledForBucket?: boolean;
  ObjectOwnership?: string;
}

export function createBucket(input: CreateBucketInput, ctx: RequestContext) {
  const name = input.Bucket;
  checkBucketName(name);
  const config = input.CreateBucketConfiguration ?? {};
  const region = bucketRegionFor(ctx.region, config.LocationConstraint);
  const tags = config.Tags ?? [];
  if (tags.length) checkTagSet(tags);
  const storage = ctx.platform.storage;
  const existing = findBucket(storage, partitionOfCtx(ctx), name);
  if (existing) {
    if (existing.accountId !== ctx.accountId) throw bucketAlreadyExists(name);
    // Re-creating your own bucket in us-east-1 succeeds, as it always has there.
    if (region !== 'us-east-1' || tags.length) throw bucketAlreadyOwnedByYou(name);
    return { Location: `/${name}`, BucketArn: bucketArn(existing.region, name) };
  }
  const ownership = input.ObjectOwnership ?? 'BucketOwnerEnforced';
  if (input.ACL && input.ACL !== 'private' && ownership === 'BucketOwnerEnforced') {
    throw new AwsError('InvalidBucketAclWithObjectOwnership', "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting", 400);
  }
  const bucket = insertBucket(storage, {
    partition: partitionOfCtx(ctx), name, accountId: ctx.accountId, region, locationConstraint: config.LocationConstraint ?? null,
    createdAt: ctx.now.getTime(), versioning: input.ObjectLockEnabledForBucket ? 'Enabled' : '', objectLock: !!input.ObjectLockEnabledForBucket,
  });
  putConfig(storage, bucket.id, 'ownership', { Rules: [{ ObjectOwnership: ownership }] });
  putConfig(storage, bucket.id, 'publicAccessBlock', DEFAULT_PUBLIC_ACCESS_BLOCK);
  putConfig(storage, bucket.id, 'acl', cannedGrants(input.ACL ?? 'private', canonicalId(ctx.accountId)));
  if (tags.length) putConfig(storage, bucket.id, 'tagging', tags);
  emitBucketChange(ctx, bucket, null, describeBucket(storage, bucket));
  const location = region === 'us-east-1' ? `/${name}` : `http://${name}.s3.${region}.amazonaws.com/`;
  return { Location: location, BucketArn: bucketArn(region, name) };
}

export function deleteBucket(input: { Bucket: string; ExpectedBucketOwner?: string }, ctx: RequestContext) {
  const bucket = requireOwnBucket(ctx, input.Bucket, input.ExpectedBucketOwner);
  const storage = ctx.platform.storage;
  if (hasAnyVersion(storage, bucket.id)) throw bucketNotEmpty(bucket.name, bucket.versioning !== '');
  const before = describeBucket(storage, bucket);
  const partFiles = deleteUploadsOfBucket(storage, bucket.id);
  removeBucket(storage, bucket.id);
  emitBucketChange(ctx, bucket, before, null);
  removeFilesLater(ctx.platform, partFiles);
  return {};
}

export function headBucket(input: { Bucket: string; ExpectedBucketOwner?: string }, ctx: RequestContext) {
  const bucket = requireBucket(ctx, input.Bucket, input.ExpectedBucketOwner);
  return { BucketRegion: bucket.region, BucketArn: bucketArn(bucket.region, bucket.name), AccessPointAlias: false };
}

interface ListBucketsInput { MaxBuckets?: number; ContinuationToken?: string; Prefix?: string; BucketRegion?: string }

export function listBuckets(input: ListBucketsInput, ctx: RequestContext) {
  const max = input.MaxBuckets ?? 10000;
  if (max < 1 || max > 10000) throw invalidArgument('Argument max-buckets must be an integer between 1 and 10000', 'max-buckets', String(max));
  const after = input.ContinuationToken ? Buffer.from(input.ContinuationToken, 'base64url').toString('utf8') : '';
  const rows = bucketsOf(ctx.platform.storage, ctx.accountId, partitionOfCtx(ctx), after, input.Prefix ?? '', input.BucketRegion ?? '', max + 1);
  const page = rows.slice(0, max);
  return {
    Buckets: page.map((b) => ({ Name: b.name, CreationDate: new Date(b.createdAt), BucketRegion: b.region, BucketArn: bucketArn(b.region, b.name) })),
    Owner: { ID: canonicalId(ctx.accountId) },
    ContinuationToken: rows.length > max ? Buffer.from(page[page.length - 1].name).toString('base64url') : undefined,
    Prefix: input.Prefix,
  };
}

export function getBucketLocation(input: { Bucket: string; ExpectedBucketOwner?: string }, ctx: RequestContext) {
  const bucket = requireBucket(ctx, input.Bucket, input.ExpectedBucketOwner);
  return { LocationConstraint: bucket.locationConstraint ?? undefined };
}
