// Topic and subscription attributes: which a caller may set, how each is checked, and what
// GetTopicAttributes / GetSubscriptionAttributes answer.
import type { Storage } from '../../storage/database';
import { invalidParameter } from './errors';
import { FilterPolicyError, parseFilterPolicy, type FilterScope } from './filter/policy';
import { defaultPolicy } from './policy';
import { countSubscriptions, type SubscriptionRow, type TopicRow } from './store';

const FEEDBACK = ['Application', 'HTTP', 'Lambda', 'SQS', 'Firehose'].flatMap((p) =>
  [`${p}SuccessFeedbackRoleArn`, `${p}SuccessFeedbackSampleRate`, `${p}FailureFeedbackRoleArn`]);

export const TOPIC_ATTRIBUTES = new Set(['DisplayName', 'Policy', 'DeliveryPolicy', 'KmsMasterKeyId', 'SignatureVersion', 'TracingConfig',
  'ContentBasedDeduplication', 'ArchivePolicy', 'DataProtectionPolicy', 'FifoThroughputScope', ...FEEDBACK]);

export const SUBSCRIPTION_ATTRIBUTES = new Set(['DeliveryPolicy', 'FilterPolicy', 'FilterPolicyScope', 'RawMessageDelivery', 'RedrivePolicy',
  'SubscriptionRoleArn', 'ReplayPolicy']);

export const DEFAULT_HTTP_POLICY = {
  defaultHealthyRetryPolicy: { minDelayTarget: 20, maxDelayTarget: 20, numRetries: 3, numMaxDelayRetries: 0, numNoDelayRetries: 0, numMinDelayRetries: 0, backoffFunction: 'linear' },
  disableSubscriptionOverrides: false,
  defaultRequestPolicy: { headerContentType: 'text/plain; charset=UTF-8' },
};

function isJsonObject(text: string): boolean {
  try {
    const v = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}

/** Checks one topic attribute; prefix is "Attributes Reason: " on CreateTopic, empty on SetTopicAttributes. */
export function checkTopicAttribute(topic: { fifo: boolean }, name: string, value: string, prefix = ''): string {
  const fail = (reason: string) => invalidParameter(`Invalid parameter: ${prefix}${reason}`);
  switch (name) {
    case 'DisplayName':
      if (value.length > 100) throw fail('DisplayName');
      return value;
    case 'Policy':
    case 'DataProtectionPolicy':
      if (!isJsonObject(value)) throw fail(`${name}: failed to parse JSON.`);
      return value;
    case 'DeliveryPolicy':
      if (value === '') return value;
      if (!isJsonObject(value)) throw fail('DeliveryPolicy: failed to parse JSON.');
      checkDeliveryPolicy(value, fail);
      return value;
    case 'SignatureVersion':
      if (value !== '1' && value !== '2') throw fail('SignatureVersion');
      return value;
    case 'TracingConfig':
      if (value !== 'PassThrough' && value !== 'Active') throw fail('TracingConfig');
      return value;
    case 'ContentBasedDeduplication':
      if (!topic.fifo) throw fail('ContentBasedDeduplication Reason: Content based deduplication can only be set for FIFO topics');
      if (!/^(true|false)$/i.test(value)) throw fail('ContentBasedDeduplication');
      return value.toLowerCase();
    case 'ArchivePolicy':
    case 'FifoThroughputScope':
      if (!topic.fifo) throw fail(`${name} Reason: ${name} can only be set for FIFO topics`);
      if (name === 'FifoThroughputScope' && value !== 'Topic' && value !== 'MessageGroup') throw fail('FifoThroughputScope');
      if (name === 'ArchivePolicy' && !isJsonObject(value)) throw fail('ArchivePolicy: failed to parse JSON.');
      return value;
    default:
      if (name.endsWith('SampleRate') && !/^(100|\d{1,2})$/.test(value)) throw fail(name);
      return value;
  }
}

function checkDeliveryPolicy(value: string, fail: (r: string) => Error): void {
  const policy = JSON.parse(value);
  const retry = policy.http?.defaultHealthyRetryPolicy ?? policy.healthyRetryPolicy;
  if (!retry) return;
  for (const k of ['minDelayTarget', 'maxDelayTarget', 'numRetries', 'numNoDelayRetries', 'numMinDelayRetries', 'numMaxDelayRetries']) {
    if (retry[k] !== undefined && !(Number.isInteger(retry[k]) && retry[k] >= 0)) throw fail(`DeliveryPolicy: ${k} must be a non-negative integer`);
  }
  if ((retry.minDelayTarget ?? 1) > (retry.maxDelayTarget ?? 3600)) throw fail('DeliveryPolicy: minDelayTarget must be less than or equal to maxDelayTarget');
  if ((retry.numRetries ?? 0) > 100) throw fail('DeliveryPolicy: numRetries must be less than or equal to 100');
  if (retry.backoffFunction !== undefined && !['linear', 'arithmetic', 'geometric', 'exponential'].includes(retry.backoffFunction)) {
    throw fail('DeliveryPolicy: backoffFunction must be one of linear, arithmetic, geometric, exponential');
  }
}

export function topicAttributes(storage: Storage, topic: TopicRow): Record<string, string> {
  const counts = countSubscriptions(storage, topic);
  const out: Record<string, string> = Object.create(null);
  out.Policy = topic.attributes.Policy ?? defaultPolicy(topic.arn, topic.accountId);
  out.Owner = topic.accountId;
  out.SubscriptionsPending = String(counts.pending);
  out.TopicArn = topic.arn;
  out.EffectiveDeliveryPolicy = topic.attributes.DeliveryPolicy ? effectiveDeliveryPolicy(topic.attributes.DeliveryPolicy) : JSON.stringify({ http: DEFAULT_HTTP_POLICY });
  out.SubscriptionsConfirmed = String(counts.confirmed);
  out.DisplayName = topic.attributes.DisplayName ?? '';
  out.SubscriptionsDeleted = String(topic.subscriptionsDeleted);
  if (topic.fifo) {
    out.FifoTopic = 'true';
    out.ContentBasedDeduplication = topic.attributes.ContentBasedDeduplication ?? 'false';
  }
  for (const [k, v] of Object.entries(topic.attributes)) if (!(k in out)) out[k] = v;
  return out;
}

/** A topic's delivery policy with AWS's defaults filled in for what it leaves out. */
function effectiveDeliveryPolicy(text: string): string {
  const policy = JSON.parse(text);
  const http = policy.http ?? {};
  return JSON.stringify({ ...policy, http: { ...DEFAULT_HTTP_POLICY, ...http,
    defaultHealthyRetryPolicy: { ...DEFAULT_HTTP_POLICY.defaultHealthyRetryPolicy, ...http.defaultHealthyRetryPolicy } } });
}

const NO_RAW = new Set(['email', 'email-json', 'lambda', 'sms', 'application']);

/** Checks one subscription attribute; prefix is "Attributes Reason: " on Subscribe. Returns the stored value. */
export function checkSubscriptionAttribute(sub: { protocol: string; attributes: Record<string, string> }, name: string, value: string, prefix = ''): string {
  const fail = (reason: string) => invalidParameter(`Invalid parameter: ${prefix}${reason}`);
  switch (name) {
    case 'RawMessageDelivery':
      if (!/^(true|false)$/i.test(value)) throw fail(`RawMessageDelivery: Invalid value [${value}]. Must be true or false.`);
      if (NO_RAW.has(sub.protocol) && value.toLowerCase() === 'true') throw fail(`Delivery protocol [${sub.protocol}] does not support raw message delivery.`);
      return value.toLowerCase();
    case 'FilterPolicyScope': {
      if (value !== 'MessageAttributes' && value !== 'MessageBody') throw fail('FilterPolicyScope: Invalid filter policy scope, please specify either MessageAttributes or MessageBody');
      const policy = sub.attributes.FilterPolicy;
      if (policy) checkFilterPolicy(policy, value, prefix);
      return value;
    }
    case 'FilterPolicy':
      if (value === '') return value;
      checkFilterPolicy(value, (sub.attributes.FilterPolicyScope as FilterScope) ?? 'MessageAttributes', prefix);
      return value;
    case 'RedrivePolicy': {
      if (value === '') return value;
      let target: unknown;
      try {
        target = JSON.parse(value)?.deadLetterTargetArn;
      } catch {
        throw fail('RedrivePolicy: failed to parse JSON.');
      }
      if (typeof target !== 'string' || !/^arn:aws[\w-]*:sqs:[\w-]+:\d{12}:([\w-]{1,75}\.fifo|[\w-]{1,80})$/.test(target)) throw fail('RedrivePolicy: deadLetterTargetArn is an invalid arn');
      return value;
    }
    case 'DeliveryPolicy':
      if (value === '') return value;
      if (!isJsonObject(value)) throw fail('DeliveryPolicy: failed to parse JSON.');
      checkDeliveryPolicy(value, fail);
      return value;
    case 'ReplayPolicy':
      throw fail('ReplayPolicy: kanri does not replay archived messages');
    default:
      return value;
  }
}

function checkFilterPolicy(text: string, scope: FilterScope, prefix: string): void {
  try {
    parseFilterPolicy(text, scope);
  } catch (e) {
    if (e instanceof FilterPolicyError) throw invalidParameter(`Invalid parameter: ${prefix}${e.message}`);
    throw e;
  }
}

export function subscriptionAttributes(sub: SubscriptionRow, topic: TopicRow | undefined): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  out.Owner = sub.owner;
  out.RawMessageDelivery = sub.attributes.RawMessageDelivery ?? 'false';
  out.TopicArn = sub.topicArn;
  out.Endpoint = sub.endpoint;
  out.Protocol = sub.protocol;
  out.PendingConfirmation = sub.confirmed ? 'false' : 'true';
  out.ConfirmationWasAuthenticated = sub.authenticated ? 'true' : 'false';
  out.SubscriptionArn = sub.arn;
  if (sub.protocol === 'sqs') out.SubscriptionPrincipal = `arn:aws:iam::${sub.owner}:root`;
  if (sub.protocol === 'http' || sub.protocol === 'https') {
    const own = sub.attributes.DeliveryPolicy ? JSON.parse(sub.attributes.DeliveryPolicy) : {};
    const topicPolicy = topic?.attributes.DeliveryPolicy ? JSON.parse(topic.attributes.DeliveryPolicy).http ?? {} : {};
    out.EffectiveDeliveryPolicy = JSON.stringify({
      healthyRetryPolicy: { ...DEFAULT_HTTP_POLICY.defaultHealthyRetryPolicy, ...topicPolicy.defaultHealthyRetryPolicy, ...own.healthyRetryPolicy },
      sicklyRetryPolicy: own.sicklyRetryPolicy ?? null, throttlePolicy: own.throttlePolicy ?? null, requestPolicy: own.requestPolicy ?? topicPolicy.defaultRequestPolicy ?? DEFAULT_HTTP_POLICY.defaultRequestPolicy,
      guaranteed: false,
    });
  }
  for (const [k, v] of Object.entries(sub.attributes)) if (v !== '') out[k] = v;
  if (sub.attributes.FilterPolicy && !sub.attributes.FilterPolicyScope) out.FilterPolicyScope = 'MessageAttributes';
  return out;
}
