// CORS, lifecycle and notification configuration. Lifecycle expiration really runs (lifecycle.ts);
// notifications are checked against their destinations, greeted with s3:TestEvent, and delivered
// by notify.ts / notify-delivery.ts.
import type { RequestContext } from '../../types';
import { requireOwnBucket } from '../access';
import { changeBucket } from '../describe';
import { invalidArgument, invalidRequest, malformedXml, noSuchConfig } from '../errors';
import { deleteConfig, getConfig, putConfig, type BucketRow } from '../store';
import { AwsError } from '../../../protocol/errors';
import { serviceApi } from '../../links';
import { destinationsOf, queueNotification, testEventBody, type DestinationKind, type NotificationConfig } from '../notify';

interface BucketInput { Bucket: string; ExpectedBucketOwner?: string }

function setConfig(ctx: RequestContext, bucket: BucketRow, kind: string, value: unknown): void {
  changeBucket(ctx, bucket, () => (value === undefined ? deleteConfig(ctx.platform.storage, bucket.id, kind) : putConfig(ctx.platform.storage, bucket.id, kind, value)));
}

const CORS_METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'];

interface CorsRule { AllowedMethods?: string[]; AllowedOrigins?: string[] }

export function putBucketCors(input: BucketInput & { CORSConfiguration?: { CORSRules?: CorsRule[] } }, ctx: RequestContext) {
  const bucket = requireOwnBucket(ctx, input.Bucket, input.ExpectedBucketOwner);
  const rules = input.CORSConfiguration?.CORSRules ?? [];
  if (!rules.length || rules.length > 100) throw malformedXml();
  for (const rule of rules) {
    if (!rule.AllowedMethods?.length || !rule.AllowedOrigins?.length) throw malformedXml();
    const bad = rule.AllowedMethods.find((m) => !CORS_METHODS.includes(m));
    if (bad) throw invalidRequest(`Found unsupported HTTP method in CORS config. Unsupported method is ${bad}`);
  }
  setConfig(ctx, bucket, 'cors', rules);
  return {};
}

export function getBucketCors(input: BucketInput, ctx: RequestContext) {
  const bucket = requireOwnBucket(ctx, input.Bucket, input.ExpectedBucketOwner);
  const rules = getConfig<CorsRule[]>(ctx.platform.storage, bucket.id, 'cors');
  if (!rules) throw noSuchConfig('NoSuchCORSConfiguration', 'The CORS configuration does not exist', bucket.name);
  return { CORSRules: rules };
}

export function deleteBucketCors(input: BucketInput, ctx: RequestContext) {
  const bucket = requireOwnBucket(ctx, input.Bucket, input.ExpectedBucketOwner);
  setConfig(ctx, bucket, 'cors', undefined);
  return {};
}

export interface LifecycleRule {
  ID?: string;
  Status: string;
  Prefix?: string;
  Filter?: { Prefix?: string; Tag?: { Key: string; Value: string }; ObjectSizeGreaterThan?: number; ObjectSizeLessThan?: number;
    And?: { Prefix?: string; Tags?: { Key: string; Value: string }[]; ObjectSizeGreaterThan?: number; ObjectSizeLessThan?: number } };
  Expiration?: { Days?: number; Date?: Date | string; ExpiredObjectDeleteMarker?: boolean };
  NoncurrentVersionExpiration?: { NoncurrentDays?: number; NewerNoncurrentVersions?: number };
  AbortIncompleteMultipartUpload?: { DaysAfterInitiation?: number };
  Transitions?: { Days?: number; Date?: Date | string; StorageClass: string }[];
  NoncurrentVersionTransitions?: { NoncurrentDays?: number; StorageClass: string }[];
}

const TRANSITION_CLASSES = new Set(['GLACIER', 'STANDARD_IA', 'ONEZONE_IA', 'INTELLIGENT_TIERING', 'DEEP_ARCHIVE', 'GLACIER_IR']);

function checkLifecycleRule(rule: LifecycleRule, ids: Set<string>): void {
  if (rule.Status !== 'Enabled' && rule.Status !== 'Disabled') throw malformedXml();
  // A rule names its objects by Filter, or by the older Prefix: exactly one of them.
  if ((rule.Filter === undefined) === (rule.Prefix === undefined)) throw malformedXml();
  if (rule.ID !== undefined) {
    if (rule.ID.length > 255) throw invalidArgument('ID length should not exceed allowed limit of 255', 'ID', rule.ID);
    if (ids.has(rule.ID)) throw invalidArgument('Rule ID must be unique. Found same ID for more than one rule', 'ID', rule.ID);
    ids.add(rule.ID);
  }
  const e = rule.Expiration;
  if (e?.Days !== undefined && e.Days <= 0) throw invalidArgument("'Days' for Expiration action must be a positive integer", 'Days', String(e.Days));
  if (e?.Date !== undefined) {
    const d = new Date(e.Date);
    if (d.getUTCHours() || d.getUTCMinutes() || d.getUTCSeconds() || d.getUTCMilliseconds()) {
      throw invalidArgument("'Date' must be at midnight GMT", 'Date', d.toISOString());
    }
  }
  for (const t of rule.Transitions ?? []) {
    if (!TRANSITION_CLASSES.has(t.StorageClass)) throw malformedXml();
    if ((t.StorageClass === 'STANDARD_IA' || t.StorageClass === 'ONEZONE_IA') && t.Days !== undefined && t.Days < 30) {
      throw invalidArgument(`'Days' in Transition action must be greater than or equal to 30 for storageClass '${t.StorageClass}'`, 'Days', String(t.Days));
    }
  }
  for (const t of rule.NoncurrentVersionTransitions ?? []) if (!TRANSITION_CLASSES.has(t.StorageClass)) throw malformedXml();
  if (!e && !rule.NoncurrentVersionExpiration && !rule.AbortIncompleteMultipartUpload && !rule.Transitions?.length && !rule.NoncurrentVersionTransitions?.length) {
    throw invalidRequest('At least one action needs to be specified in a rule');
  }
}

const TRANSITION_MINIMUM = 'all_storage_classes_128K';

export function putBucketLifecycleConfiguration(input: BucketInput & { LifecycleConfiguration?: { Rules?: LifecycleRule[] }; TransitionDefaultMinimumObjectSize?: string }, ctx: RequestContext) {
  const bucket = requireOwnBucket(ctx, input.Bucket, input.ExpectedBucketOwner);
  const rules = input.LifecycleConfiguration?.Rules ?? [];
  if (!rules.length || rules.length > 1000) throw malformedXml();
  const ids = new Set<string>();
  rules.forEach((r) => checkLifecycleRule(r, ids));
  // Missing IDs get random ones, as S3 assigns them.
  const stored = rules.map((r) => ({ ...r, ID: r.ID ?? Math.random().toString(36).slice(2, 14) }));
  setConfig(ctx, bucket, 'lifecycle', { Rules: stored, TransitionDefaultMinimumObjectSize: input.TransitionDefaultMinimumObjectSize ?? TRANSITION_MINIMUM });
  return { TransitionDefaultMinimumObjectSize: input.TransitionDefaultMinimumObjectSize ?? TRANSITION_MINIMUM };
}

export function getBucketLifecycleConfiguration(input: BucketInput, ctx: RequestContext) {
  const bucket = requireOwnBucket(ctx, input.Bucket, input.ExpectedBucketOwner);
  const config = getConfig<{ Rules: LifecycleRule[]; TransitionDefaultMinimumObjectSize: string }>(ctx.platform.storage, bucket.id, 'lifecycle');
  if (!config) throw noSuchConfig('NoSuchLifecycleConfiguration', 'The lifecycle configuration does not exist', bucket.name);
  return config;
}

export function deleteBucketLifecycle(input: BucketInput, ctx: RequestContext) {
  const bucket = requireOwnBucket(ctx, input.Bucket, input.ExpectedBucketOwner);
  setConfig(ctx, bucket, 'lifecycle', undefined);
  return {};
}

/** How each destination kind is looked up, through that service's exports (absent services are not checked). */
const FINDERS: Record<Exclude<DestinationKind, 'events'>, [service: string, finder: string, noun: string]> = {
  sqs: ['sqs', 'findQueueByArn', 'queue'], sns: ['sns', 'findTopicByArn', 'topic'], lambda: ['lambda', 'findFunctionByArn', 'Lambda function'],
};

/** S3 refuses a configuration whose destinations it cannot reach, naming each one. */
function checkDestinations(ctx: RequestContext, config: NotificationConfig): void {
  const problems: Record<string, string> = {};
  let n = 0;
  for (const d of destinationsOf(config)) {
    const [service, finder, noun] = FINDERS[d.kind as Exclude<DestinationKind, 'events'>];
    const find = serviceApi<Record<string, (p: unknown, arn: string) => unknown>>(service)?.[finder];
    if (typeof find !== 'function' || find(ctx.platform, d.arn)) continue;
    n += 1;
    problems[`ArgumentName${n}`] = d.arn;
    problems[`ArgumentValue${n}`] = `The destination ${noun} does not exist`;
  }
  if (n) throw new AwsError('InvalidArgument', 'Unable to validate the following destination configurations', 400, true, problems);
}

export function putBucketNotificationConfiguration(input: BucketInput & { NotificationConfiguration?: NotificationConfig }, ctx: RequestContext) {
  const bucket = requireOwnBucket(ctx, input.Bucket, input.ExpectedBucketOwner);
  const config = input.NotificationConfiguration ?? {};
  checkDestinations(ctx, config);
  const empty = !config.EventBridgeConfiguration && destinationsOf(config).length === 0;
  setConfig(ctx, bucket, 'notification', empty ? undefined : config);
  // S3 greets every destination of a new configuration with a test event.
  for (const d of destinationsOf(config)) queueNotification(ctx, bucket, d.kind, d.arn, testEventBody(ctx, bucket));
  return {};
}

export function getBucketNotificationConfiguration(input: BucketInput, ctx: RequestContext) {
  const bucket = requireOwnBucket(ctx, input.Bucket, input.ExpectedBucketOwner);
  return getConfig<NotificationConfig>(ctx.platform.storage, bucket.id, 'notification') ?? {};
}
