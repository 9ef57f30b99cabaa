// Reads of bucket settings kanri does not let you change yet, answered as AWS answers for a bucket
// that never set them (Terraform and the CLI read these for every bucket).
import type { RequestContext } from '../../types';
import { requireOwnBucket } from '../access';
import { noSuchConfig } from '../errors';

interface BucketInput { Bucket: string; ExpectedBucketOwner?: string }

export function getBucketAccelerateConfiguration(input: BucketInput, ctx: RequestContext) {
  requireOwnBucket(ctx, input.Bucket, input.ExpectedBucketOwner);
  return {};
}

export function getBucketRequestPayment(input: BucketInput, ctx: RequestContext) {
  requireOwnBucket(ctx, input.Bucket, input.ExpectedBucketOwner);
  return { Payer: 'BucketOwner' };
}

export function getBucketLogging(input: BucketInput, ctx: RequestContext) {
  requireOwnBucket(ctx, input.Bucket, input.ExpectedBucketOwner);
  return {};
}

export function getBucketWebsite(input: BucketInput, ctx: RequestContext) {
  const bucket = requireOwnBucket(ctx, input.Bucket, input.ExpectedBucketOwner);
  throw noSuchConfig('NoSuchWebsiteConfiguration', 'The specified bucket does not have a website configuration', bucket.name);
}

export function getBucketReplication(input: BucketInput, ctx: RequestContext) {
  const bucket = requireOwnBucket(ctx, input.Bucket, input.ExpectedBucketOwner);
  throw noSuchConfig('ReplicationConfigurationNotFoundError', 'The replication configuration was not found', bucket.name);
}

export function getObjectLockConfiguration(input: BucketInput, ctx: RequestContext) {
  const bucket = requireOwnBucket(ctx, input.Bucket, input.ExpectedBucketOwner);
  if (!bucket.objectLock) throw noSuchConfig('ObjectLockConfigurationNotFoundError', 'Object Lock configuration does not exist for this bucket', bucket.name);
  return { ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled' } };
}
