// S3 bucket rules over the item's supplementaryConfiguration (versioning, ACL, policy, public access
// block, encryption, logging, object lock).
import { compliant, csv, field, list, nonCompliant, policyDocument, supplementary, truthy } from '../fields';
import type { ConfigurationItem, ManagedRule } from '../types';
import { grantsPublicly, isPublicPrincipal, statements, actionsOf } from './policies';

const BUCKET = 'AWS::S3::Bucket';

function bucketRule(identifier: string, evaluateItem: ManagedRule['evaluateItem']): ManagedRule {
  return { identifier, resourceTypes: [BUCKET], evaluateItem };
}

const versioningEnabled = bucketRule('S3_BUCKET_VERSIONING_ENABLED', (item, ctx) => {
  const v = supplementary(item, 'BucketVersioningConfiguration');
  if (field(v, 'status') !== 'Enabled') return nonCompliant(item, 'Versioning is not enabled for the bucket.');
  if (truthy(ctx.parameters.isMfaDeleteEnabled) && !truthy(field(v, 'isMfaDeleteEnabled'))) return nonCompliant(item, 'MFA delete is not enabled for the bucket.');
  return compliant(item);
});

const ALL_USERS = /AllUsers$/;
const AUTH_USERS = /AuthenticatedUsers$/;

/**
 * Permissions the ACL grants to everyone, as READ, WRITE, FULLCONTROL...: AWS's item (grantList of
 * {grantee: "AllUsers", permission: "Read"}) or the GetBucketAcl shape kanri records (Grants).
 */
function publicGrants(item: ConfigurationItem): string[] {
  const acl = supplementary(item, 'AccessControlList');
  const grants = [...list(field(acl, 'grantList')), ...list(field(acl, 'grants'))];
  const out: string[] = [];
  for (const g of grants) {
    const grantee = field(g, 'grantee');
    const who = typeof grantee === 'string' ? grantee : String(field(grantee, 'uRI') ?? field(grantee, 'URI') ?? field(grantee, 'uri') ?? field(grantee, 'id') ?? '');
    if (ALL_USERS.test(who) || AUTH_USERS.test(who)) out.push(String(field(g, 'permission')).toUpperCase().replace(/[ _]/g, ''));
  }
  return out;
}

function blockFlags(item: ConfigurationItem) {
  const pab = supplementary(item, 'PublicAccessBlockConfiguration');
  return {
    ignoreAcls: truthy(field(pab, 'ignorePublicAcls')),
    restrictPolicy: truthy(field(pab, 'restrictPublicBuckets')),
    all: ['blockPublicAcls', 'ignorePublicAcls', 'blockPublicPolicy', 'restrictPublicBuckets'].every((k) => truthy(field(pab, k))),
  };
}

function publicAccessRule(identifier: string, permissions: string[], actionPattern: RegExp, what: string): ManagedRule {
  return bucketRule(identifier, (item) => {
    const flags = blockFlags(item);
    const viaAcl = !flags.ignoreAcls && publicGrants(item).some((p) => permissions.includes(p));
    const policy = policyDocument(field(supplementary(item, 'BucketPolicy'), 'policyText'));
    const viaPolicy = !flags.restrictPolicy && grantsPublicly(policy, actionPattern);
    if (viaAcl) return nonCompliant(item, `The bucket ACL allows public ${what} access.`);
    if (viaPolicy) return nonCompliant(item, `The bucket policy allows public ${what} access.`);
    return compliant(item);
  });
}

const publicReadProhibited = publicAccessRule('S3_BUCKET_PUBLIC_READ_PROHIBITED', ['READ', 'FULLCONTROL'], /^s3:(\*|Get|List)/i, 'read');
const publicWriteProhibited = publicAccessRule('S3_BUCKET_PUBLIC_WRITE_PROHIBITED', ['WRITE', 'FULLCONTROL', 'WRITEACP'], /^s3:(\*|Put|Delete|Abort|Restore|Replicate)/i, 'write');

function defaultEncryption(item: ConfigurationItem): { algorithm?: string; key?: string } {
  const sse = supplementary(item, 'ServerSideEncryptionConfiguration');
  const rule = list(field(sse, 'rules'))[0];
  const d = field(rule, 'applyServerSideEncryptionByDefault');
  // AWS's item says sseAlgorithm/kmsMasterKeyID; the S3 API shape says SSEAlgorithm/KMSMasterKeyID.
  return { algorithm: field(d, 'sseAlgorithm') ?? field(d, 'SSEAlgorithm'), key: field(d, 'kmsMasterKeyID') ?? field(d, 'KMSMasterKeyID') };
}

const sseEnabled = bucketRule('S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED', (item) =>
  defaultEncryption(item).algorithm ? compliant(item) : nonCompliant(item, 'The bucket has no default server-side encryption.'));

const defaultEncryptionKms = bucketRule('S3_DEFAULT_ENCRYPTION_KMS', (item, ctx) => {
  if (item.resourceType !== BUCKET) return [];
  const { algorithm, key } = defaultEncryption(item);
  if (algorithm !== 'aws:kms' && algorithm !== 'aws:kms:dsse') return nonCompliant(item, 'The bucket is not encrypted by default with an AWS KMS key.');
  const allowed = csv(ctx.parameters.kmsKeyArns);
  if (allowed.length && !allowed.includes(String(key))) return nonCompliant(item, `The bucket's default KMS key ${key ?? '(aws/s3)'} is not in kmsKeyArns.`);
  return compliant(item);
});

const loggingEnabled = bucketRule('S3_BUCKET_LOGGING_ENABLED', (item, ctx) => {
  const logging = supplementary(item, 'BucketLoggingConfiguration');
  const target = field(logging, 'destinationBucketName') ?? field(field(logging, 'loggingEnabled'), 'targetBucket');
  const prefix = field(logging, 'logFilePrefix') ?? field(field(logging, 'loggingEnabled'), 'targetPrefix');
  if (!target) return nonCompliant(item, 'Server access logging is not enabled for the bucket.');
  if (ctx.parameters.targetBucket && target !== ctx.parameters.targetBucket) return nonCompliant(item, `The bucket logs to ${target}, not ${ctx.parameters.targetBucket}.`);
  if (ctx.parameters.targetPrefix && prefix !== ctx.parameters.targetPrefix) return nonCompliant(item, `The bucket logs with the prefix ${prefix ?? ''}, not ${ctx.parameters.targetPrefix}.`);
  return compliant(item);
});

// AWS's check: a Deny for every principal, on s3:* (or *), when aws:SecureTransport is false.
const sslRequestsOnly = bucketRule('S3_BUCKET_SSL_REQUESTS_ONLY', (item) => {
  const policy = policyDocument(field(supplementary(item, 'BucketPolicy'), 'policyText'));
  const denies = statements(policy).some((s) => {
    if (s.Effect !== 'Deny' || !isPublicPrincipal(s.Principal)) return false;
    if (!actionsOf(s).some((a) => a === '*' || a.toLowerCase() === 's3:*')) return false;
    const bool = s.Condition?.Bool ?? s.Condition?.bool;
    const v = bool?.['aws:SecureTransport'] ?? bool?.['aws:securetransport'];
    return list(v).some((x) => String(x).toLowerCase() === 'false');
  });
  return denies ? compliant(item) : nonCompliant(item, 'The bucket policy does not deny requests that do not use SSL (aws:SecureTransport false).');
});

const bucketLevelPublicAccessProhibited = bucketRule('S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED', (item, ctx) => {
  if (csv(ctx.parameters.excludedPublicBuckets).includes(item.resourceId)) return compliant(item);
  return blockFlags(item).all ? compliant(item) : nonCompliant(item, 'Block Public Access is not fully enabled at the bucket level.');
});

const aclProhibited = bucketRule('S3_BUCKET_ACL_PROHIBITED', (item) => {
  const rules = list(field(supplementary(item, 'BucketOwnershipControls'), 'rules'));
  const enforced = rules.some((r) => field(r, 'objectOwnership') === 'BucketOwnerEnforced');
  return enforced ? compliant(item) : nonCompliant(item, 'ACLs are enabled for the bucket (object ownership is not BucketOwnerEnforced).');
});

const defaultLockEnabled = bucketRule('S3_BUCKET_DEFAULT_LOCK_ENABLED', (item, ctx) => {
  const lock = supplementary(item, 'ObjectLockConfiguration');
  if (field(lock, 'objectLockEnabled') !== 'Enabled') return nonCompliant(item, 'Object Lock is not enabled for the bucket.');
  const mode = ctx.parameters.mode;
  const actual = field(field(field(lock, 'rule'), 'defaultRetention'), 'mode');
  if (mode && actual !== mode) return nonCompliant(item, `The default retention mode is ${actual ?? 'not set'}, not ${mode}.`);
  return compliant(item);
});

export const S3_RULES: ManagedRule[] = [
  versioningEnabled, publicReadProhibited, publicWriteProhibited, sseEnabled, defaultEncryptionKms, loggingEnabled,
  sslRequestsOnly, bucketLevelPublicAccessProhibited, aclProhibited, defaultLockEnabled,
];
