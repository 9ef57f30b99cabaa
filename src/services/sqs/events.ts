// AWS::SQS::Queue resource-change events. AWS Config names a queue by its URL (its AWS form, so the
// id does not depend on which host a client used) and records GetQueueAttributes' view with the
// attribute names as they are (QueueUrl, QueueName, VisibilityTimeout, Policy), as AWS's items do.
import type { RequestContext } from '../types';
import { fullAttributes } from './attributes';
import { queueArn } from './names';
import { findQueue, type QueueKey, type QueueRow } from './store';

export type QueueDescription = Record<string, unknown>;

export function canonicalQueueUrl(k: QueueKey): string {
  return `https://sqs.${k.region}.amazonaws.com/${k.accountId}/${k.name}`;
}

export function describeQueueForEvent(ctx: RequestContext, k: QueueKey): QueueDescription | null {
  const q = findQueue(ctx.platform.storage, k);
  if (!q) return null;
  const attrs = fullAttributes(q, queueArn(q), { visible: 0, inFlight: 0, delayed: 0 });
  const out: QueueDescription = { QueueUrl: canonicalQueueUrl(q), QueueName: q.name };
  for (const [name, value] of Object.entries(attrs)) if (!name.startsWith('Approximate')) out[name] = value;
  out.tags = { ...q.tags };
  return out;
}

export function emitQueueChange(ctx: RequestContext, k: QueueKey, before: QueueDescription | null): void {
  const after = describeQueueForEvent(ctx, k);
  ctx.emit({
    resourceType: 'AWS::SQS::Queue', resourceId: canonicalQueueUrl(k), resourceName: k.name, arn: queueArn(k),
    accountId: k.accountId, region: k.region, before, after,
  });
}

/** Runs a change to a queue and emits its before and after. */
export function changingQueue<T>(ctx: RequestContext, q: QueueRow, change: () => T): T {
  const before = describeQueueForEvent(ctx, q);
  const result = change();
  emitQueueChange(ctx, q, before);
  return result;
}
