// Finding the bucket a request names, and who may use it.
import { partitionOf } from '../../core/arn';
import { AwsError } from '../../protocol/errors';
import type { RequestContext } from '../types';
import { noSuchBucket } from './errors';
import { findBucket, getConfig, type BucketRow } from './store';

export function partitionOfCtx(ctx: RequestContext): string {
  return partitionOf(ctx.region);
}

function accessDenied(): AwsError {
  return new AwsError('AccessDenied', 'Access Denied', 403);
}

/**
 * The named bucket, or NoSuchBucket. Another account's bucket is reachable only when it has a bucket
 * policy (kanri stores policies but does not evaluate them), as AWS denies cross-account access by default.
 */
export function requireBucket(ctx: RequestContext, name: string, expectedOwner?: string): BucketRow {
  if (expectedOwner !== undefined && !/^\d{12}$/.test(expectedOwner)) {
    throw new AwsError('InvalidBucketOwnerAWSAccountID', `The value of the expected bucket owner parameter must be an AWS Account ID... [${expectedOwner}]`, 400);
  }
  const bucket = findBucket(ctx.platform.storage, partitionOfCtx(ctx), name);
  if (!bucket) throw noSuchBucket(name);
  if (expectedOwner !== undefined && expectedOwner !== bucket.accountId) throw accessDenied();
  if (bucket.accountId !== ctx.accountId && getConfig(ctx.platform.storage, bucket.id, 'policy') === undefined) throw accessDenied();
  return bucket;
}

/** Bucket configuration may be read and changed by its owner only. */
export function requireOwnBucket(ctx: RequestContext, name: string, expectedOwner?: string): BucketRow {
  const bucket = requireBucket(ctx, name, expectedOwner);
  if (bucket.accountId !== ctx.accountId) throw accessDenied();
  return bucket;
}
