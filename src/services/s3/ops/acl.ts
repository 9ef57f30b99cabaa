// Bucket and object ACLs: canned ACLs become grants; a bucket whose ownership is BucketOwnerEnforced
// (the default since 2023) accepts no ACL but the owner's full control, as AWS does.
import { AwsError } from '../../../protocol/errors';
import { notifyObjectEvent } from '../notify';
import type { RequestContext } from '../../types';
import { requireBucket, requireOwnBucket } from '../access';
import { changeBucket } from '../describe';
import { invalidArgument, malformedXml } from '../errors';
import { canonicalId } from '../names';
import { getConfig, putConfig, type BucketRow } from '../store';
import { setAttrs } from '../store-objects';
import { resolveVersion } from '../versions';

interface Grant { Grantee: { Type: string; ID?: string; URI?: string; DisplayName?: string; EmailAddress?: string }; Permission: string }
export interface AccessControlPolicy { Owner: { ID: string }; Grants: Grant[] }

const GROUPS = {
  all: 'http://acs.amazonaws.com/groups/global/AllUsers',
  authenticated: 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers',
  logDelivery: 'http://acs.amazonaws.com/groups/s3/LogDelivery',
};

const group = (URI: string, Permission: string): Grant => ({ Grantee: { Type: 'Group', URI }, Permission });

/** The grants a canned ACL stands for. */
export function cannedGrants(acl: string, ownerId: string): AccessControlPolicy {
  const owner: Grant = { Grantee: { Type: 'CanonicalUser', ID: ownerId }, Permission: 'FULL_CONTROL' };
  const extra: Record<string, Grant[]> = {
    private: [],
    'public-read': [group(GROUPS.all, 'READ')],
    'public-read-write': [group(GROUPS.all, 'READ'), group(GROUPS.all, 'WRITE')],
    'authenticated-read': [group(GROUPS.authenticated, 'READ')],
    'aws-exec-read': [],
    'bucket-owner-read': [],
    'bucket-owner-full-control': [],
    'log-delivery-write': [group(GROUPS.logDelivery, 'WRITE'), group(GROUPS.logDelivery, 'READ_ACP')],
  };
  const grants = extra[acl];
  if (!grants) throw invalidArgument(`Invalid canned ACL: ${acl}`, 'x-amz-acl', acl);
  return { Owner: { ID: ownerId }, Grants: [owner, ...grants] };
}

function aclsDisabled(ctx: RequestContext, bucket: BucketRow): boolean {
  const ownership = getConfig<{ Rules: { ObjectOwnership: string }[] }>(ctx.platform.storage, bucket.id, 'ownership');
  return (ownership?.Rules[0]?.ObjectOwnership ?? 'BucketOwnerEnforced') === 'BucketOwnerEnforced';
}

function notSupported(): AwsError {
  return new AwsError('AccessControlListNotSupported', 'The bucket does not allow ACLs', 400);
}

interface PutAclInput { Bucket: string; ACL?: string; AccessControlPolicy?: { Owner?: { ID?: string }; Grants?: Grant[] }; ExpectedBucketOwner?: string }

/** The ACL a Put*Acl request asks for: a canned ACL or a full policy document (not both). */
function requestedAcl(input: PutAclInput, ownerId: string): AccessControlPolicy {
  if (input.ACL && input.AccessControlPolicy) throw new AwsError('UnexpectedContent', 'This request does not support content', 400);
  if (input.ACL) return cannedGrants(input.ACL, ownerId);
  const doc = input.AccessControlPolicy;
  if (!doc?.Owner?.ID) throw new AwsError('MalformedACLError', 'The XML you provided was not well-formed or did not validate against our published schema', 400);
  const grants = doc.Grants ?? [];
  for (const g of grants) if (!g.Grantee?.Type || !g.Permission) throw malformedXml();
  return { Owner: { ID: doc.Owner.ID }, Grants: grants };
}

function ownerOnly(policy: AccessControlPolicy, ownerId: string): boolean {
  return policy.Grants.every((g) => g.Grantee.Type === 'CanonicalUser' && g.Grantee.ID === ownerId && g.Permission === 'FULL_CONTROL');
}

export function getBucketAcl(input: { Bucket: string; ExpectedBucketOwner?: string }, ctx: RequestContext) {
  const bucket = requireOwnBucket(ctx, input.Bucket, input.ExpectedBucketOwner);
  const acl = getConfig<AccessControlPolicy>(ctx.platform.storage, bucket.id, 'acl') ?? cannedGrants('private', canonicalId(bucket.accountId));
  return { Owner: acl.Owner, Grants: acl.Grants };
}

export function putBucketAcl(input: PutAclInput, ctx: RequestContext) {
  const bucket = requireOwnBucket(ctx, input.Bucket, input.ExpectedBucketOwner);
  const ownerId = canonicalId(bucket.accountId);
  const acl = requestedAcl(input, ownerId);
  if (aclsDisabled(ctx, bucket) && !ownerOnly(acl, ownerId)) throw notSupported();
  changeBucket(ctx, bucket, () => putConfig(ctx.platform.storage, bucket.id, 'acl', acl));
  return {};
}

interface ObjectAclInput extends PutAclInput { Key: string; VersionId?: string }

export function getObjectAcl(input: ObjectAclInput, ctx: RequestContext) {
  const bucket = requireBucket(ctx, input.Bucket, input.ExpectedBucketOwner);
  const object = resolveVersion(ctx, bucket, input.Key, input.VersionId, 'GET');
  const stored = object.attrs.acl ? (JSON.parse(object.attrs.acl) as AccessControlPolicy) : cannedGrants('private', canonicalId(object.owner));
  return { Owner: stored.Owner, Grants: stored.Grants };
}

export function putObjectAcl(input: ObjectAclInput, ctx: RequestContext) {
  const bucket = requireBucket(ctx, input.Bucket, input.ExpectedBucketOwner);
  const object = resolveVersion(ctx, bucket, input.Key, input.VersionId, 'PUT');
  const ownerId = canonicalId(object.owner);
  const acl = requestedAcl(input, ownerId);
  if (aclsDisabled(ctx, bucket) && !ownerOnly(acl, ownerId)) throw notSupported();
  setAttrs(ctx.platform.storage, object.id, { ...object.attrs, acl: JSON.stringify(acl) });
  notifyObjectEvent(ctx, bucket, { eventName: 'ObjectAcl:Put', key: object.key, etag: object.etag, versionId: object.versionId });
  return { VersionId: object.versionId === 'null' ? undefined : object.versionId };
}
