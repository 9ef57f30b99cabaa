// Event notifications: which of a bucket's notification configurations an object event matches,
// and the messages S3 sends (event message structure 2.1; EventBridge's "Object Created" detail).
// Matching events are written to s3_notifications in the write's own transaction; notify-delivery.ts
// sends them once it has committed, so an acknowledged write never loses its notification.
import type { RequestContext } from '../types';
import type { BucketRow } from './store';
import { getConfig } from './store';
import { scheduleDelivery } from './notify-delivery';

interface FilterRule { Name?: string; Value?: string }
interface Destination { Id?: string; Events?: string[]; Filter?: { Key?: { FilterRules?: FilterRule[] } } }
export interface NotificationConfig {
  QueueConfigurations?: (Destination & { QueueArn: string })[];
  TopicConfigurations?: (Destination & { TopicArn: string })[];
  LambdaFunctionConfigurations?: (Destination & { LambdaFunctionArn: string })[];
  EventBridgeConfiguration?: Record<string, never>;
}

export type DestinationKind = 'sqs' | 'sns' | 'lambda' | 'events';

/** Every destination of a configuration with its kind and ARN. */
export function destinationsOf(config: NotificationConfig): { kind: DestinationKind; arn: string; conf: Destination }[] {
  return [
    ...(config.QueueConfigurations ?? []).map((c) => ({ kind: 'sqs' as const, arn: c.QueueArn, conf: c })),
    ...(config.TopicConfigurations ?? []).map((c) => ({ kind: 'sns' as const, arn: c.TopicArn, conf: c })),
    ...(config.LambdaFunctionConfigurations ?? []).map((c) => ({ kind: 'lambda' as const, arn: c.LambdaFunctionArn, conf: c })),
  ];
}

/** `s3:ObjectCreated:*` matches `ObjectCreated:Put`; names are otherwise exact. */
export function eventMatches(patterns: string[], eventName: string): boolean {
  const full = `s3:${eventName}`;
  return patterns.some((p) => p === full || (p.endsWith(':*') && full.startsWith(p.slice(0, -1))));
}

/** Prefix and suffix filter rules on the object key (names are case-insensitive, as S3 accepts them). */
export function keyMatches(conf: Destination, key: string): boolean {
  for (const rule of conf.Filter?.Key?.FilterRules ?? []) {
    const name = (rule.Name ?? '').toLowerCase();
    const value = rule.Value ?? '';
    if (name === 'prefix' && !key.startsWith(value)) return false;
    if (name === 'suffix' && !key.endsWith(value)) return false;
  }
  return true;
}

export interface ObjectEvent {
  /** Without the s3: prefix, as the message carries it: ObjectCreated:Put, ObjectRemoved:DeleteMarkerCreated, ... */
  eventName: string;
  key: string;
  size?: number;
  etag?: string;
  versionId?: string;
  /** The class a LifecycleTransition moved the object to. */
  storageClass?: string;
}

let sequence = 0;
/** Orders events on one key, as S3's sequencer does: hex, compared as strings of equal length. */
function sequencer(now: number): string {
  sequence = (sequence + 1) % 0x10000;
  return (BigInt(now) * 0x10000n + BigInt(sequence)).toString(16).toUpperCase().padStart(18, '0');
}

const encodeKey = (key: string) => encodeURIComponent(key).replace(/%20/g, '+').replace(/%2F/g, '/');

/** Who caused an event: a request, or S3 itself (lifecycle), which names its own principal. */
export type NotifyContext = Pick<RequestContext, 'platform' | 'now' | 'accountId'> & Partial<Pick<RequestContext, 'principal' | 'sourceIp' | 'requestId'>> & { servicePrincipal?: string };

function record(ctx: NotifyContext, bucket: BucketRow, e: ObjectEvent, configurationId: string, seq: string) {
  const object: Record<string, unknown> = { key: encodeKey(e.key) };
  if (e.size !== undefined) object.size = e.size;
  if (e.etag) object.eTag = e.etag.replace(/"/g, '');
  if (e.versionId && e.versionId !== 'null') object.versionId = e.versionId;
  object.sequencer = seq;
  return {
    eventVersion: '2.1', eventSource: 'aws:s3', awsRegion: bucket.region, eventTime: ctx.now.toISOString(), eventName: e.eventName,
    userIdentity: { principalId: principalIdOf(ctx) },
    requestParameters: { sourceIPAddress: ctx.sourceIp ?? '127.0.0.1' },
    responseElements: { 'x-amz-request-id': ctx.requestId ?? '', 'x-amz-id-2': Buffer.from(ctx.requestId ?? '').toString('base64') },
    s3: {
      s3SchemaVersion: '1.0', configurationId,
      bucket: { name: bucket.name, ownerIdentity: { principalId: bucket.accountId }, arn: `arn:${bucket.partition}:s3:::${bucket.name}` },
      object,
    },
  };
}

function principalIdOf(ctx: NotifyContext): string {
  if (ctx.servicePrincipal) return ctx.servicePrincipal;
  const p = ctx.principal;
  return !p || p.type === 'Root' ? ctx.accountId : `AWS:${p.userId}`;
}

const EVENTBRIDGE_TYPES: Record<string, string> = {
  ObjectCreated: 'Object Created', ObjectRemoved: 'Object Deleted', ObjectRestore: 'Object Restore Completed',
  ObjectTagging: 'Object Tags Added', ObjectAcl: 'Object ACL Updated', LifecycleExpiration: 'Object Deleted',
  LifecycleTransition: 'Object Storage Class Changed',
};

const REASONS: Record<string, string> = {
  'ObjectCreated:Put': 'PutObject', 'ObjectCreated:Copy': 'CopyObject', 'ObjectCreated:Post': 'PostObject',
  'ObjectCreated:CompleteMultipartUpload': 'CompleteMultipartUpload', 'ObjectRemoved:Delete': 'DeleteObject',
  'ObjectRemoved:DeleteMarkerCreated': 'DeleteObject', 'LifecycleExpiration:Delete': 'Lifecycle Expiration',
  'LifecycleExpiration:DeleteMarkerCreated': 'Lifecycle Expiration',
};

/** The EventBridge event S3 sends when a bucket has EventBridgeConfiguration. */
function eventBridgeEntry(ctx: NotifyContext, bucket: BucketRow, e: ObjectEvent, seq: string) {
  const [family, kind] = e.eventName.split(':');
  const detailType = family === 'ObjectTagging' && kind === 'Delete' ? 'Object Tags Deleted' : EVENTBRIDGE_TYPES[family];
  if (!detailType) return undefined;
  const object: Record<string, unknown> = { key: e.key };
  if (e.size !== undefined) object.size = e.size;
  if (e.etag) object.etag = e.etag.replace(/"/g, '');
  if (e.versionId && e.versionId !== 'null') object['version-id'] = e.versionId;
  object.sequencer = seq;
  const detail: Record<string, unknown> = {
    version: '0', bucket: { name: bucket.name }, object, 'request-id': ctx.requestId ?? '', requester: ctx.accountId,
    'source-ip-address': ctx.sourceIp ?? '127.0.0.1',
  };
  if (REASONS[e.eventName]) detail.reason = REASONS[e.eventName];
  if (family === 'LifecycleTransition') detail['destination-storage-class'] = e.storageClass;
  if (family === 'ObjectRemoved' || family === 'LifecycleExpiration') detail['deletion-type'] = kind === 'DeleteMarkerCreated' ? 'Delete Marker Created' : 'Permanently Deleted';
  return { source: 'aws.s3', detailType, detail, resources: [`arn:${bucket.partition}:s3:::${bucket.name}`] };
}

/**
 * Queues the notifications an object event sends. Call inside the transaction that makes the change.
 * Costs one config lookup when the bucket has no notification configuration.
 */
export function notifyObjectEvent(ctx: NotifyContext, bucket: BucketRow, e: ObjectEvent): void {
  const config = getConfig<NotificationConfig>(ctx.platform.storage, bucket.id, 'notification');
  if (!config) return;
  const seq = sequencer(ctx.platform.clock.now());
  for (const d of destinationsOf(config)) {
    if (!eventMatches(d.conf.Events ?? [], e.eventName) || !keyMatches(d.conf, e.key)) continue;
    const body = JSON.stringify({ Records: [record(ctx, bucket, e, d.conf.Id ?? '', seq)] });
    queueNotification(ctx, bucket, d.kind, d.arn, body);
  }
  if (config.EventBridgeConfiguration) {
    const entry = eventBridgeEntry(ctx, bucket, e, seq);
    if (entry) queueNotification(ctx, bucket, 'events', 'default', JSON.stringify(entry));
  }
}

/** The s3:TestEvent S3 sends to each destination when a notification configuration is set. */
export function testEventBody(ctx: RequestContext, bucket: BucketRow): string {
  return JSON.stringify({
    Service: 'Amazon S3', Event: 's3:TestEvent', Time: ctx.now.toISOString(), Bucket: bucket.name,
    RequestId: ctx.requestId ?? '', HostId: Buffer.from(ctx.requestId ?? '').toString('base64'),
  });
}

export function queueNotification(ctx: Pick<RequestContext, 'platform'>, bucket: BucketRow, kind: DestinationKind, arn: string, body: string): void {
  ctx.platform.storage
    .stmt('INSERT INTO s3_notifications (account_id, region, bucket, kind, destination, body, attempts) VALUES (?, ?, ?, ?, ?, ?, 0)')
    .run(bucket.accountId, bucket.region, bucket.name, kind, arn, body);
  scheduleDelivery(ctx.platform);
}
