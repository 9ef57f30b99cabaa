// Publishing one message to a topic: checks, FIFO deduplication and sequence numbers, the filter
// policy of each confirmed subscription, and one queued delivery per subscription that matches.
import { createHash, randomUUID } from 'node:crypto';
import type { Platform } from '../../core/platform';
import { DEFAULT_HTTP_POLICY } from './attributes';
import type { DeliveryPayload, RetryPolicy } from './delivery/queue';
import { enqueueDelivery } from './delivery/queue';
import { kickDeliveries } from './delivery/worker';
import { invalidParameter, invalidParameterValue } from './errors';
import { matchesFilterPolicy, type MessageAttribute } from './filter/match';
import type { FilterScope } from './filter/policy';
import { findDedup, putDedup, topicSubscriptions, updateTopic, type SubscriptionRow, type TopicRow } from './store';

export const MAX_MESSAGE_BYTES = 262_144;
const DEDUP_WINDOW_MS = 5 * 60_000;

export interface PublishRequest {
  message: string;
  subject?: string;
  messageStructure?: string;
  attributes: Record<string, MessageAttribute>;
  groupId?: string;
  dedupId?: string;
}

interface InputAttribute { DataType: string; StringValue?: string; BinaryValue?: Uint8Array | string }

/** Message attributes from the request, checked as SNS checks them; binary values become base64. */
export function readAttributes(input: Record<string, InputAttribute> | undefined): Record<string, MessageAttribute> {
  const out: Record<string, MessageAttribute> = Object.create(null);
  if (!input) return out;
  const names = Object.keys(input);
  if (names.length > 10) throw invalidParameter('Invalid parameter: MessageAttributes Reason: Number of message attributes [' + names.length + '] exceeds the allowed maximum [10].');
  for (const name of names) {
    const a = input[name];
    if (!/^[A-Za-z0-9_\-.]{1,256}$/.test(name) || name.startsWith('.') || name.endsWith('.') || name.includes('..') || /^(aws|amazon)\./i.test(name)) {
      throw invalidParameter(`Invalid parameter: MessageAttributes Reason: The message attribute name '${name}' is invalid.`);
    }
    const type = a.DataType ?? '';
    const base = type.split('.')[0];
    if (base !== 'String' && base !== 'Number' && base !== 'Binary') {
      throw invalidParameterValue(`The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`);
    }
    if (base === 'Binary') {
      if (a.BinaryValue === undefined) throw invalidParameterValue(`The message attribute '${name}' with type 'Binary' must use field 'Binary'.`);
      out[name] = { DataType: type, BinaryValue: typeof a.BinaryValue === 'string' ? a.BinaryValue : Buffer.from(a.BinaryValue).toString('base64') };
      continue;
    }
    if (a.StringValue === undefined || a.StringValue === '') {
      throw invalidParameterValue(`The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${base}'.`);
    }
    if (base === 'Number' && !(Number.isFinite(Number(a.StringValue)) && /^-?\d*\.?\d+(e[+-]?\d+)?$/i.test(a.StringValue.trim()))) {
      throw invalidParameterValue(`Could not cast message attribute '${name}' value to number.`);
    }
    if (type === 'String.Array') {
      let ok = false;
      try {
        ok = Array.isArray(JSON.parse(a.StringValue));
      } catch { /* not JSON */ }
      if (!ok) throw invalidParameter(`Invalid parameter: MessageAttributes Reason: The message attribute '${name}' has an invalid value. String.Array must be a JSON array.`);
    }
    out[name] = { DataType: type, StringValue: a.StringValue };
  }
  return out;
}

function attributesSize(attrs: Record<string, MessageAttribute>): number {
  let n = 0;
  for (const name of Object.keys(attrs)) n += Buffer.byteLength(name) + Buffer.byteLength(attrs[name].DataType) + Buffer.byteLength(attrs[name].StringValue ?? String(attrs[name].BinaryValue ?? ''));
  return n;
}

/** Checks what does not depend on the topic's subscriptions; returns the per-protocol messages for MessageStructure=json. */
export function checkPublish(topic: TopicRow, req: PublishRequest): Record<string, string> | undefined {
  if (req.message === '') throw invalidParameter('Invalid parameter: Empty message');
  if (Buffer.byteLength(req.message) + attributesSize(req.attributes) > MAX_MESSAGE_BYTES) throw invalidParameter('Invalid parameter: Message too long');
  if (req.subject !== undefined && (req.subject === '' || req.subject.length > 100 || !/^[\x20-\x7e]+$/.test(req.subject))) {
    throw invalidParameter('Invalid parameter: Subject');
  }
  let perProtocol: Record<string, string> | undefined;
  if (req.messageStructure !== undefined) {
    if (req.messageStructure !== 'json') throw invalidParameter('Invalid parameter: MessageStructure');
    let doc: unknown;
    try {
      doc = JSON.parse(req.message);
    } catch {
      throw invalidParameter('Invalid parameter: Message Structure - JSON message body failed to parse');
    }
    if (!doc || typeof doc !== 'object' || Array.isArray(doc) || typeof (doc as Record<string, unknown>).default !== 'string') {
      throw invalidParameter('Invalid parameter: Message Structure - No default entry in JSON message body');
    }
    perProtocol = Object.assign(Object.create(null), doc);
  }
  if (topic.fifo) {
    if (!req.groupId) throw invalidParameter('Invalid parameter: The MessageGroupId parameter is required for FIFO topics');
    if (!req.dedupId && topic.attributes.ContentBasedDeduplication !== 'true') {
      throw invalidParameter('Invalid parameter: The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
    }
  } else if (req.dedupId !== undefined) {
    throw invalidParameter('Invalid parameter: MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type');
  }
  for (const [name, value] of [['MessageGroupId', req.groupId], ['MessageDeduplicationId', req.dedupId]] as const) {
    if (value !== undefined && !/^[\x21-\x7e]{1,128}$/.test(value)) throw invalidParameter(`Invalid parameter: ${name} Reason: ${name} can only contain alphanumeric characters and punctuation and be at most 128 characters long`);
  }
  return perProtocol;
}

/** Publishes in the caller's transaction and starts delivery once it commits. */
export function publishChecked(platform: Platform, topic: TopicRow, req: PublishRequest, perProtocol: Record<string, string> | undefined, now: Date) {
  const storage = platform.storage;
  let sequenceNumber: string | undefined;
  let dedupId: string | undefined;
  if (topic.fifo) {
    dedupId = req.dedupId ?? createHash('sha256').update(req.message).digest('hex');
    const seen = findDedup(storage, topic, dedupId, now.getTime());
    if (seen) return { MessageId: seen.messageId, SequenceNumber: seen.sequenceNumber };
    topic.sequence += 1;
    updateTopic(storage, topic);
    sequenceNumber = (10n ** 19n + BigInt(topic.sequence)).toString();
  }
  const messageId = randomUUID();
  if (dedupId) putDedup(storage, topic, dedupId, messageId, sequenceNumber!, now.getTime() + DEDUP_WINDOW_MS);
  let queued = 0;
  for (const sub of topicSubscriptions(storage, topic)) {
    if (!sub.confirmed || !passesFilter(sub, req)) continue;
    const message = perProtocol ? (typeof perProtocol[sub.protocol] === 'string' ? perProtocol[sub.protocol] : perProtocol.default) : req.message;
    const payload: DeliveryPayload = {
      type: 'Notification', messageId, topicArn: topic.arn, subscriptionArn: sub.arn, message, timestamp: now.toISOString(),
      subject: req.subject, attributes: req.attributes, raw: sub.attributes.RawMessageDelivery === 'true',
      groupId: req.groupId, dedupId, sequenceNumber, signatureVersion: topic.attributes.SignatureVersion ?? '1',
      retry: retryPolicyOf(topic, sub), contentType: contentTypeOf(topic, sub), deadLetterTargetArn: deadLetterOf(sub),
    };
    enqueueDelivery(storage, sub.accountId, sub.region, sub.protocol, sub.endpoint, payload, now.getTime());
    queued++;
  }
  if (queued) kickDeliveries(platform);
  return { MessageId: messageId, SequenceNumber: sequenceNumber };
}

function passesFilter(sub: SubscriptionRow, req: PublishRequest): boolean {
  const text = sub.attributes.FilterPolicy;
  if (!text) return true;
  const scope = (sub.attributes.FilterPolicyScope ?? 'MessageAttributes') as FilterScope;
  return matchesFilterPolicy(JSON.parse(text), scope, req.message, req.attributes);
}

/** The HTTP retry policy: the subscription's own, unless the topic forbids overrides, over the topic's, over AWS's default. */
export function retryPolicyOf(topic: TopicRow, sub: SubscriptionRow): RetryPolicy | undefined {
  if (sub.protocol !== 'http' && sub.protocol !== 'https') return undefined;
  const topicHttp = topic.attributes.DeliveryPolicy ? JSON.parse(topic.attributes.DeliveryPolicy).http ?? {} : {};
  const own = sub.attributes.DeliveryPolicy && !topicHttp.disableSubscriptionOverrides ? JSON.parse(sub.attributes.DeliveryPolicy).healthyRetryPolicy ?? {} : {};
  return { ...DEFAULT_HTTP_POLICY.defaultHealthyRetryPolicy, ...topicHttp.defaultHealthyRetryPolicy, ...own };
}

/** The Content-Type of HTTP posts: the delivery policy's requestPolicy.headerContentType, else text/plain. */
export function contentTypeOf(topic: TopicRow, sub: SubscriptionRow): string | undefined {
  if (sub.protocol !== 'http' && sub.protocol !== 'https') return undefined;
  const own = sub.attributes.DeliveryPolicy ? JSON.parse(sub.attributes.DeliveryPolicy).requestPolicy?.headerContentType : undefined;
  const topicWide = topic.attributes.DeliveryPolicy ? JSON.parse(topic.attributes.DeliveryPolicy).http?.defaultRequestPolicy?.headerContentType : undefined;
  const chosen = own ?? topicWide;
  return typeof chosen === 'string' && /^[\w.+-]+\/[\w.+-]+(;\s*charset=[\w-]+)?$/i.test(chosen) ? chosen : undefined;
}

function deadLetterOf(sub: SubscriptionRow): string | undefined {
  if (!sub.attributes.RedrivePolicy) return undefined;
  try {
    return JSON.parse(sub.attributes.RedrivePolicy).deadLetterTargetArn;
  } catch {
    return undefined;
  }
}
