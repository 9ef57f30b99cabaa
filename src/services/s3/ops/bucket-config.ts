// Bucket policy, public access block, ownership controls and default encryption. Each change is a
// bucket configuration change (an AWS::S3::Bucket event); reads of what was never set answer S3's 404s.
import { AwsError } from '../../../protocol/errors';
import type { RequestContext } from '../../types';
import { requireOwnBucket } from '../access';
import { changeBucket, DEFAULT_ENCRYPTION } from '../describe';
import { invalidArgument, malformedPolicy, malformedXml, noSuchConfig } from '../errors';
import { bucketArn } from '../names';
import { deleteConfig, getConfig, putConfig, type BucketRow } from '../store';

interface BucketInput { Bucket: string; ExpectedBucketOwner?: string; [member: string]: unknown }

function setConfig(ctx: RequestContext, bucket: BucketRow, kind: string, value: unknown): void {
  changeBucket(ctx, bucket, () => (value === undefined ? deleteConfig(ctx.platform.storage, bucket.id, kind) : putConfig(ctx.platform.storage, bucket.id, kind, value)));
}

/** Get/Put/Delete for a configuration stored whole under `kind`, read back as the member `member`. */
function configOps(kind: string, member: string, notFound: [string, string], validate: (value: any, ctx: RequestContext, bucket: BucketRow) => void = () => {}) {
  return {
    get(input: BucketInput, ctx: RequestContext) {
      const bucket = requireOwnBucket(ctx, input.Bucket, input.ExpectedBucketOwner);
      const value = getConfig(ctx.platform.storage, bucket.id, kind);
      if (value === undefined) throw noSuchConfig(notFound[0], notFound[1], bucket.name);
      return { [member]: value };
    },
    put(input: BucketInput, ctx: RequestContext) {
      const bucket = requireOwnBucket(ctx, input.Bucket, input.ExpectedBucketOwner);
      const value = input[member];
      if (value === undefined) throw malformedXml();
      validate(value, ctx, bucket);
      setConfig(ctx, bucket, kind, value);
      return {};
    },
    remove(input: BucketInput, ctx: RequestContext) {
      const bucket = requireOwnBucket(ctx, input.Bucket, input.ExpectedBucketOwner);
      setConfig(ctx, bucket, kind, undefined);
      return {};
    },
  };
}

export const publicAccessBlock = configOps('publicAccessBlock', 'PublicAccessBlockConfiguration',
  ['NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found']);

const OWNERSHIPS = ['BucketOwnerPreferred', 'ObjectWriter', 'BucketOwnerEnforced'];

export const ownershipControls = configOps('ownership', 'OwnershipControls', ['OwnershipControlsNotFoundError', 'The bucket ownership controls were not found'],
  (value: { Rules?: { ObjectOwnership?: string }[] }) => {
    if (value.Rules?.length !== 1 || !OWNERSHIPS.includes(value.Rules[0].ObjectOwnership ?? '')) throw malformedXml();
  });

const encryptionOps = configOps('encryption', 'ServerSideEncryptionConfiguration', ['ServerSideEncryptionConfigurationNotFoundError', ''],
  (value: { Rules?: { ApplyServerSideEncryptionByDefault?: { SSEAlgorithm?: string; KMSMasterKeyID?: string } }[] }) => {
    const rule = value.Rules?.[0]?.ApplyServerSideEncryptionByDefault;
    if (!value.Rules?.length || !rule?.SSEAlgorithm) throw malformedXml();
    if (!['AES256', 'aws:kms', 'aws:kms:dsse'].includes(rule.SSEAlgorithm)) throw malformedXml();
    if (rule.KMSMasterKeyID && rule.SSEAlgorithm === 'AES256') {
      throw invalidArgument('a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse', 'ApplyServerSideEncryptionByDefault');
    }
  });

export const encryption = {
  get(input: BucketInput, ctx: RequestContext) {
    const bucket = requireOwnBucket(ctx, input.Bucket, input.ExpectedBucketOwner);
    return { ServerSideEncryptionConfiguration: getConfig(ctx.platform.storage, bucket.id, 'encryption') ?? DEFAULT_ENCRYPTION };
  },
  put: encryptionOps.put,
  remove: encryptionOps.remove,
};

interface Statement { Effect?: string; Principal?: unknown; Condition?: unknown }

/** A policy is public when it allows everyone ("*") without a condition narrowing it. */
function isPublicPolicy(doc: { Statement?: Statement | Statement[] }): boolean {
  const statements = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement] : [];
  const everyone = (p: unknown) => p === '*' || (typeof p === 'object' && p !== null && [(p as Record<string, unknown>).AWS].flat().includes('*'));
  return statements.some((s) => s.Effect === 'Allow' && everyone(s.Principal) && !s.Condition);
}

function parsePolicy(text: string): { Statement?: Statement | Statement[] } {
  if (!text.trimStart().startsWith('{')) throw malformedPolicy("Policies must be valid JSON and the first byte must be '{'");
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw malformedPolicy('This policy contains invalid Json');
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw malformedPolicy("Policies must be valid JSON and the first byte must be '{'");
  if (!('Statement' in doc)) throw malformedPolicy('Missing required field Statement');
  return doc as { Statement?: Statement | Statement[] };
}

export function putBucketPolicy(input: BucketInput & { Policy?: string }, ctx: RequestContext) {
  const bucket = requireOwnBucket(ctx, input.Bucket, input.ExpectedBucketOwner);
  const doc = parsePolicy(input.Policy ?? '');
  const block = getConfig<{ BlockPublicPolicy?: boolean }>(ctx.platform.storage, bucket.id, 'publicAccessBlock');
  if (block?.BlockPublicPolicy && isPublicPolicy(doc)) {
    throw new AwsError('AccessDenied', `User: ${ctx.principal.arn} is not authorized to perform: s3:PutBucketPolicy on resource: "${bucketArn(bucket.region, bucket.name)}" `
      + 'because public policies are blocked by the BlockPublicPolicy block public access setting.', 403);
  }
  setConfig(ctx, bucket, 'policy', input.Policy);
  return {};
}

export function getBucketPolicy(input: BucketInput, ctx: RequestContext) {
  const bucket = requireOwnBucket(ctx, input.Bucket, input.ExpectedBucketOwner);
  const policy = getConfig<string>(ctx.platform.storage, bucket.id, 'policy');
  if (policy === undefined) throw noSuchConfig('NoSuchBucketPolicy', 'The bucket policy does not exist', bucket.name);
  return { Policy: policy };
}

export function deleteBucketPolicy(input: BucketInput, ctx: RequestContext) {
  const bucket = requireOwnBucket(ctx, input.Bucket, input.ExpectedBucketOwner);
  setConfig(ctx, bucket, 'policy', undefined);
  return {};
}

export function getBucketPolicyStatus(input: BucketInput, ctx: RequestContext) {
  const policy = getBucketPolicy(input, ctx).Policy;
  return { PolicyStatus: { IsPublic: isPublicPolicy(JSON.parse(policy)) } };
}
