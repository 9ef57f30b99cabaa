// Queue attributes: defaults, AWS's limits and errors, and the full view GetQueueAttributes gives.
import type { Storage } from '../../storage/database';
import { invalidAttributeName, invalidAttributeValue, parameterInvalid, sqsError } from './errors';
import { checkRedrivePolicy, checkRedriveAllowPolicy } from './redrive-policy';
import { checkPolicyDocument } from './policy';
import type { QueueRow } from './store';
import type { MessageCounts } from './store-messages';

const INTEGER_LIMITS: Record<string, [number, number]> = {
  DelaySeconds: [0, 900],
  MaximumMessageSize: [1024, 1_048_576],
  MessageRetentionPeriod: [60, 1_209_600],
  ReceiveMessageWaitTimeSeconds: [0, 20],
  VisibilityTimeout: [0, 43_200],
  KmsDataKeyReusePeriodSeconds: [60, 86_400],
};
const BOOLEANS = new Set(['SqsManagedSseEnabled', 'ContentBasedDeduplication', 'FifoQueue']);
const FIFO_ONLY = new Set(['FifoQueue', 'ContentBasedDeduplication', 'DeduplicationScope', 'FifoThroughputLimit']);
const SETTABLE = new Set([...Object.keys(INTEGER_LIMITS), ...BOOLEANS, ...FIFO_ONLY, 'Policy', 'RedrivePolicy', 'RedriveAllowPolicy', 'KmsMasterKeyId']);
export const READ_ONLY = ['QueueArn', 'ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed', 'CreatedTimestamp', 'LastModifiedTimestamp'];
const READABLE = new Set([...SETTABLE, ...READ_ONLY, 'All']);

export function defaultAttributes(fifo: boolean): Record<string, string> {
  const a: Record<string, string> = Object.assign(Object.create(null), {
    DelaySeconds: '0', MaximumMessageSize: '1048576', MessageRetentionPeriod: '345600',
    ReceiveMessageWaitTimeSeconds: '0', VisibilityTimeout: '30', SqsManagedSseEnabled: 'true',
  });
  if (fifo) Object.assign(a, { FifoQueue: 'true', ContentBasedDeduplication: 'false', DeduplicationScope: 'queue', FifoThroughputLimit: 'perQueue' });
  return a;
}

export interface AttributeContext { storage: Storage; queue: { accountId: string; region: string; name: string; fifo: boolean }; creating: boolean }

/** Checks requested attributes and answers them normalized (booleans lower-case). */
export function checkAttributes(input: Record<string, string> | undefined, c: AttributeContext): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const name of Object.keys(input ?? {})) {
    const value = String(input![name]);
    if (!SETTABLE.has(name)) throw invalidAttributeName(name);
    if (FIFO_ONLY.has(name) && !c.queue.fifo) {
      if (name === 'DeduplicationScope' || name === 'FifoThroughputLimit') throw sqsError('InvalidAttributeName', `You can specify the ${name} only when FifoQueue is set to true.`);
      throw invalidAttributeName(name);
    }
    if (name === 'FifoQueue' && !c.creating) throw invalidAttributeValue(name, 'Modifying queue type is not supported.');
    out[name] = checkValue(name, value, c);
  }
  if (c.queue.fifo && out.FifoQueue === 'false') throw invalidAttributeValue('FifoQueue');
  if (out.FifoThroughputLimit === 'perMessageGroupId' && out.DeduplicationScope === 'queue') {
    throw invalidAttributeValue('FifoThroughputLimit', 'Per message group throughput limit is only valid for message group deduplication scope.');
  }
  if (out.KmsMasterKeyId && out.SqsManagedSseEnabled === 'true') {
    throw sqsError('InvalidAttributeName', 'You can use one type of server-side encryption (SSE) at one time. You can either enable KMS SSE or SQS SSE.');
  }
  return out;
}

function checkValue(name: string, value: string, c: AttributeContext): string {
  const limits = INTEGER_LIMITS[name];
  if (limits) {
    const n = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || n < limits[0] || n > limits[1]) throw invalidAttributeValue(name);
    return String(n);
  }
  if (BOOLEANS.has(name)) {
    const v = value.toLowerCase();
    if (v !== 'true' && v !== 'false') throw invalidAttributeValue(name);
    return v;
  }
  switch (name) {
    case 'DeduplicationScope':
      if (value !== 'messageGroup' && value !== 'queue') throw invalidAttributeValue(name);
      return value;
    case 'FifoThroughputLimit':
      if (value !== 'perQueue' && value !== 'perMessageGroupId') throw invalidAttributeValue(name);
      return value;
    case 'Policy':
      if (value !== '') checkPolicyDocument(value);
      return value;
    case 'RedrivePolicy':
      return value === '' ? '' : checkRedrivePolicy(value, c);
    case 'RedriveAllowPolicy':
      return value === '' ? '' : checkRedriveAllowPolicy(value);
    case 'KmsMasterKeyId':
      if (value.length > 2048) throw parameterInvalid('KmsMasterKeyId', value, 'KmsMasterKeyId is too long.');
      return value;
  }
  return value;
}

/** Applies checked changes to stored attributes; an empty string clears a policy or key. */
export function mergeAttributes(stored: Record<string, string>, changes: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = Object.assign(Object.create(null), stored);
  for (const [k, v] of Object.entries(changes)) {
    if (v === '' && ['Policy', 'RedrivePolicy', 'RedriveAllowPolicy', 'KmsMasterKeyId'].includes(k)) delete out[k];
    else out[k] = v;
  }
  if (changes.KmsMasterKeyId) {
    out.SqsManagedSseEnabled = 'false';
    out.KmsDataKeyReusePeriodSeconds ??= '300';
  }
  if (changes.SqsManagedSseEnabled === 'true') {
    delete out.KmsMasterKeyId;
    delete out.KmsDataKeyReusePeriodSeconds;
  }
  return out;
}

/** Names GetQueueAttributes may ask for; unknown names are AWS's InvalidAttributeName. */
export function checkReadableNames(names: string[]): void {
  for (const n of names) if (!READABLE.has(n)) throw invalidAttributeName(n);
}

export function fullAttributes(q: QueueRow, arn: string, counts: MessageCounts): Record<string, string> {
  return Object.assign(Object.create(null), {
    QueueArn: arn,
    ApproximateNumberOfMessages: String(counts.visible),
    ApproximateNumberOfMessagesNotVisible: String(counts.inFlight),
    ApproximateNumberOfMessagesDelayed: String(counts.delayed),
    CreatedTimestamp: String(Math.floor(q.createdAt / 1000)),
    LastModifiedTimestamp: String(Math.floor(q.modifiedAt / 1000)),
  }, q.attributes);
}

/** The subset of attributes that an idempotent CreateQueue compares against the existing queue. */
export function differingAttribute(existing: Record<string, string>, requested: Record<string, string>, fifo: boolean): string | undefined {
  const defaults = defaultAttributes(fifo);
  for (const [k, v] of Object.entries(requested)) {
    const current = existing[k] ?? defaults[k] ?? '';
    if (current !== v) return k;
  }
  return undefined;
}
