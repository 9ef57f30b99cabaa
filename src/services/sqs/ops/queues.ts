// CreateQueue, GetQueueUrl, ListQueues, DeleteQueue, Get/SetQueueAttributes, PurgeQueue.
import type { RequestContext } from '../../types';
import { checkAttributes, checkReadableNames, defaultAttributes, differingAttribute, fullAttributes, mergeAttributes } from '../attributes';
import { invalidParameterValue, parameterInvalid, queueDoesNotExist, sqsError } from '../errors';
import { changingQueue, describeQueueForEvent, emitQueueChange } from '../events';
import { checkQueueName, isFifoName, queueArn, queueUrl } from '../names';
import { requireQueue } from '../resolve';
import { deletedAt, deleteQueueRows, findQueue, insertQueue, listQueueNames, setPurgedAt, updateQueueAttributes } from '../store';
import { countMessages, expireMessages, purgeMessages } from '../store-messages';
import { wakeQueue } from '../waiters';
import { checkTags } from './tags';

const RECREATE_WAIT_MS = 60_000;
const PURGE_INTERVAL_MS = 60_000;

export function createQueue(input: { QueueName: string; Attributes?: Record<string, string>; tags?: Record<string, string> }, ctx: RequestContext) {
  const name = input.QueueName;
  const fifoRequested = String(input.Attributes?.FifoQueue ?? '').toLowerCase() === 'true';
  checkQueueName(name, fifoRequested);
  const fifo = isFifoName(name);
  if (fifo && !fifoRequested) {
    throw invalidParameterValue('The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.');
  }
  const key = { accountId: ctx.accountId, region: ctx.region, name };
  const storage = ctx.platform.storage;
  const requested = checkAttributes(input.Attributes, { storage, queue: { ...key, fifo }, creating: true });
  if (!fifo) delete requested.FifoQueue;
  const existing = findQueue(storage, key);
  if (existing) {
    const differs = differingAttribute(existing.attributes, requested, fifo);
    if (differs) throw sqsError('QueueNameExists', `A queue already exists with the same name and a different value for attribute ${differs}`);
    return { QueueUrl: queueUrl(ctx, key) };
  }
  const deleted = deletedAt(storage, key);
  const now = ctx.now.getTime();
  if (deleted !== undefined && now - deleted < RECREATE_WAIT_MS) {
    throw sqsError('QueueDeletedRecently', 'You must wait 60 seconds after deleting a queue before you can create another queue with the same name.');
  }
  const tags = checkTags(input.tags ?? {}, {});
  insertQueue(storage, { ...key, attributes: mergeAttributes(defaultAttributes(fifo), requested), tags, createdAt: now, modifiedAt: now, purgedAt: null, nextSequence: 0 });
  emitQueueChange(ctx, key, null);
  return { QueueUrl: queueUrl(ctx, key) };
}

export function getQueueUrl(input: { QueueName: string; QueueOwnerAWSAccountId?: string }, ctx: RequestContext) {
  const key = { accountId: input.QueueOwnerAWSAccountId || ctx.accountId, region: ctx.region, name: input.QueueName };
  if (!findQueue(ctx.platform.storage, key)) throw queueDoesNotExist();
  return { QueueUrl: queueUrl(ctx, key) };
}

export function listQueues(input: { QueueNamePrefix?: string; NextToken?: string; MaxResults?: number }, ctx: RequestContext) {
  const max = input.MaxResults;
  if (max !== undefined && max !== null && (max < 1 || max > 1000)) throw parameterInvalid('MaxResults', max, 'MaxResults must be an integer between 1 and 1000.');
  let after = '';
  if (input.NextToken) {
    const token = decodeToken(input.NextToken);
    if (token === undefined) throw invalidParameterValue('Invalid NextToken value.');
    after = token;
  }
  const limit = max ?? 1000;
  const names = listQueueNames(ctx.platform.storage, ctx.accountId, ctx.region, input.QueueNamePrefix ?? '', after, limit + 1);
  const page = names.slice(0, limit);
  const more = max !== undefined && max !== null && names.length > limit;
  return {
    QueueUrls: page.length ? page.map((name) => queueUrl(ctx, { accountId: ctx.accountId, region: ctx.region, name })) : undefined,
    NextToken: more ? Buffer.from(JSON.stringify({ after: page[page.length - 1] })).toString('base64') : undefined,
  };
}

function decodeToken(token: string): string | undefined {
  try {
    const v = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
    return typeof v?.after === 'string' ? v.after : undefined;
  } catch {
    return undefined;
  }
}

export function deleteQueue(input: { QueueUrl: string }, ctx: RequestContext) {
  const q = requireQueue(ctx, input.QueueUrl);
  const before = describeQueueForEvent(ctx, q);
  deleteQueueRows(ctx.platform.storage, q, ctx.now.getTime());
  emitQueueChange(ctx, q, before);
  wakeQueue(q);
  return {};
}

export function getQueueAttributes(input: { QueueUrl: string; AttributeNames?: string[] }, ctx: RequestContext) {
  const q = requireQueue(ctx, input.QueueUrl);
  const names = input.AttributeNames ?? [];
  checkReadableNames(names);
  if (!names.length) return {};
  expireMessages(ctx.platform.storage, q, ctx.now.getTime() - Number(q.attributes.MessageRetentionPeriod ?? 345_600) * 1000);
  const all = fullAttributes(q, queueArn(q), countMessages(ctx.platform.storage, q, ctx.now.getTime()));
  const wanted = names.includes('All') ? Object.keys(all) : names;
  const out: Record<string, string> = Object.create(null);
  for (const n of wanted) if (Object.hasOwn(all, n)) out[n] = all[n];
  return Object.keys(out).length ? { Attributes: out } : {};
}

export function setQueueAttributes(input: { QueueUrl: string; Attributes?: Record<string, string> }, ctx: RequestContext) {
  const q = requireQueue(ctx, input.QueueUrl);
  const storage = ctx.platform.storage;
  const changes = checkAttributes(input.Attributes ?? {}, { storage, queue: { ...q, fifo: isFifoName(q.name) }, creating: false });
  changingQueue(ctx, q, () => updateQueueAttributes(storage, q, mergeAttributes(q.attributes, changes), ctx.now.getTime()));
  wakeQueue(q); // a shorter delay or visibility changes nothing already stored, but a waiter may recheck
  return {};
}

export function purgeQueue(input: { QueueUrl: string }, ctx: RequestContext) {
  const q = requireQueue(ctx, input.QueueUrl);
  const now = ctx.now.getTime();
  if (q.purgedAt !== null && now - q.purgedAt < PURGE_INTERVAL_MS) {
    throw sqsError('PurgeQueueInProgress', `Only one PurgeQueue operation on ${q.name} is allowed every 60 seconds.`);
  }
  purgeMessages(ctx.platform.storage, q);
  setPurgedAt(ctx.platform.storage, q, now);
  return {};
}
