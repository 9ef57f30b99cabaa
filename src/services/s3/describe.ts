// A bucket as AWS Config describes it (configuration + supplementaryConfiguration + tags), and the
// resource-change event every bucket create, delete and configuration change emits.
import type { Storage } from '../../storage/database';
import type { RequestContext } from '../types';
import { bucketArn, canonicalId } from './names';
import { allConfigs, findBucket, type BucketRow } from './store';
import type { Tag } from './store-objects';

export interface BucketDescription {
  name: string;
  owner: { id: string; displayName: null };
  creationDate: string;
  region: string;
  tags: Record<string, string>;
  supplementaryConfiguration: Record<string, unknown>;
}

/** Config's supplementary keys for each stored configuration kind. */
const SUPPLEMENTARY: Record<string, string> = {
  policy: 'BucketPolicy',
  publicAccessBlock: 'PublicAccessBlockConfiguration',
  ownership: 'BucketOwnershipControls',
  acl: 'AccessControlList',
  encryption: 'ServerSideEncryptionConfiguration',
  cors: 'BucketCorsConfiguration',
  lifecycle: 'BucketLifecycleConfiguration',
  notification: 'BucketNotificationConfiguration',
  tagging: 'BucketTaggingConfiguration',
};

/** Every bucket encrypts by default (SSE-S3) since 2023: deleting the configuration restores that default. */
export const DEFAULT_ENCRYPTION = { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false }] };

export function describeBucket(storage: Storage, bucket: BucketRow): BucketDescription {
  const configs = allConfigs(storage, bucket.id);
  const supplementary: Record<string, unknown> = {
    BucketVersioningConfiguration: { status: bucket.versioning || 'Off', isMfaDeleteEnabled: null },
    ServerSideEncryptionConfiguration: DEFAULT_ENCRYPTION,
  };
  for (const [kind, value] of Object.entries(configs)) {
    const name = SUPPLEMENTARY[kind];
    if (!name) continue;
    supplementary[name] = kind === 'policy' ? { policyText: value } : value;
  }
  const tags = Object.fromEntries(((configs.tagging as Tag[] | undefined) ?? []).map((t) => [t.Key, t.Value]));
  return {
    name: bucket.name,
    owner: { id: canonicalId(bucket.accountId), displayName: null },
    creationDate: new Date(bucket.createdAt).toISOString(),
    region: bucket.region,
    tags,
    supplementaryConfiguration: supplementary,
  };
}

/** Emits AWS::S3::Bucket with before/after; call inside the transaction that made the change. */
export function emitBucketChange(ctx: RequestContext, bucket: BucketRow, before: BucketDescription | null, after: BucketDescription | null): void {
  ctx.emit({
    resourceType: 'AWS::S3::Bucket', resourceId: bucket.name, resourceName: bucket.name, arn: bucketArn(bucket.region, bucket.name),
    region: bucket.region, accountId: bucket.accountId, before, after,
  });
}

/** Runs a configuration change between two descriptions of the bucket, and emits it. */
export function changeBucket<T>(ctx: RequestContext, bucket: BucketRow, change: () => T): T {
  const storage = ctx.platform.storage;
  const before = describeBucket(storage, bucket);
  const result = change();
  const now = findBucket(storage, bucket.partition, bucket.name) ?? bucket;
  emitBucketChange(ctx, now, before, describeBucket(storage, now));
  return result;
}
