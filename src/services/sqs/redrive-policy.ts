// RedrivePolicy and RedriveAllowPolicy: parsed, checked against the target queue, stored normalized.
import type { AttributeContext } from './attributes';
import { parameterInvalid } from './errors';
import { isFifoName, queueArn, queueFromArn } from './names';
import { findQueue, type QueueRow } from './store';

export interface RedrivePolicy { deadLetterTargetArn: string; maxReceiveCount: number }

export function parseRedrivePolicy(text: string | undefined): RedrivePolicy | undefined {
  if (!text) return undefined;
  try {
    const p = JSON.parse(text);
    return { deadLetterTargetArn: String(p.deadLetterTargetArn), maxReceiveCount: Number(p.maxReceiveCount) };
  } catch {
    return undefined;
  }
}

function jsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

export function checkRedrivePolicy(text: string, c: AttributeContext): string {
  const bad = (reason: string) => parameterInvalid('RedrivePolicy', text, reason);
  const p = jsonObject(text);
  if (!p) throw bad('Redrive policy is not a valid JSON map.');
  for (const key of ['deadLetterTargetArn', 'maxReceiveCount']) if (!Object.hasOwn(p, key)) throw bad(`Redrive policy does not contain mandatory attribute: ${key}.`);
  const count = Number(p.maxReceiveCount);
  if (!Number.isInteger(count) || count < 1 || count > 1000) throw bad(`Invalid value for maxReceiveCount: ${p.maxReceiveCount}, valid values are from 1 to 1000 both inclusive.`);
  const target = typeof p.deadLetterTargetArn === 'string' ? queueFromArn(p.deadLetterTargetArn) : undefined;
  const dlq = target && findQueue(c.storage, target);
  if (!dlq || target!.accountId !== c.queue.accountId || target!.region !== c.queue.region) throw bad('Dead letter target does not exist.');
  if (isFifoName(dlq.name) !== c.queue.fifo) throw bad(`Dead-letter target must be ${c.queue.fifo ? 'a FIFO' : 'a standard'} queue.`);
  if (!allowsSource(dlq, queueArn(c.queue))) throw bad(`Queue ${p.deadLetterTargetArn} does not allow this queue to use it as a dead-letter queue.`);
  return JSON.stringify({ deadLetterTargetArn: p.deadLetterTargetArn, maxReceiveCount: count });
}

/** Whether a dead-letter queue's RedriveAllowPolicy lets sourceArn name it. */
export function allowsSource(dlq: QueueRow, sourceArn: string): boolean {
  const policy = dlq.attributes.RedriveAllowPolicy ? jsonObject(dlq.attributes.RedriveAllowPolicy) : undefined;
  if (!policy || policy.redrivePermission === 'allowAll') return true;
  if (policy.redrivePermission === 'denyAll') return false;
  return Array.isArray(policy.sourceQueueArns) && policy.sourceQueueArns.includes(sourceArn);
}

export function checkRedriveAllowPolicy(text: string): string {
  const bad = (reason: string) => parameterInvalid('RedriveAllowPolicy', text, reason);
  const p = jsonObject(text);
  const unsupported = 'Amazon SQS can\'t create the redrive allow policy, as it\u2019s in an unsupported format.';
  if (!p || !['allowAll', 'denyAll', 'byQueue'].includes(p.redrivePermission as string)) throw bad(unsupported);
  const arns = p.sourceQueueArns;
  if (p.redrivePermission === 'byQueue') {
    if (!Array.isArray(arns) || arns.length === 0 || arns.some((a) => typeof a !== 'string')) throw bad(unsupported);
    if (arns.length > 10) throw bad('Maximum number of source queue ARNs you can specify is 10.');
  } else if (arns !== undefined) {
    throw bad('Only specify sourceQueueArns when redrivePermission is byQueue.');
  }
  return JSON.stringify(arns === undefined ? { redrivePermission: p.redrivePermission } : { redrivePermission: p.redrivePermission, sourceQueueArns: arns });
}
