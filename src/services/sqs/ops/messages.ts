// SendMessage, ReceiveMessage (with long polling), DeleteMessage, ChangeMessageVisibility.
import type { Platform } from '../../../core/platform';
import type { RequestContext } from '../../types';
import { parameterInvalid, receiptHandleInvalid } from '../errors';
import { isFifoName } from '../names';
import { decodeReceiptHandle, receiveMessages } from '../receive';
import { requireQueue } from '../resolve';
import { sendMessage, type AttributeInput } from '../send';
import { findQueue, type QueueRow } from '../store';
import { deleteMessageRow, findMessage, nextVisibleAt, setVisibleAt } from '../store-messages';
import { addWaiter, wakeQueue } from '../waiters';
import { messageOutput, type ReceiveOptions } from './views';

export interface SendMessageInput {
  QueueUrl: string; MessageBody: string; DelaySeconds?: number; MessageAttributes?: Record<string, AttributeInput>;
  MessageSystemAttributes?: Record<string, AttributeInput>; MessageDeduplicationId?: string; MessageGroupId?: string;
}

export function sendOne(ctx: RequestContext, q: QueueRow, input: Omit<SendMessageInput, 'QueueUrl'>) {
  const r = sendMessage(ctx.platform.storage, q, ctx.now.getTime(), {
    body: input.MessageBody, attributes: input.MessageAttributes, systemAttributes: input.MessageSystemAttributes,
    groupId: input.MessageGroupId, dedupId: input.MessageDeduplicationId, delaySeconds: input.DelaySeconds, senderId: ctx.principal.userId || ctx.accountId,
  });
  wakeQueue(q);
  return {
    MD5OfMessageBody: r.md5Body, MD5OfMessageAttributes: r.md5Attributes, MD5OfMessageSystemAttributes: r.md5SystemAttributes,
    MessageId: r.messageId, SequenceNumber: r.sequenceNumber,
  };
}

export function sendMessageOp(input: SendMessageInput, ctx: RequestContext) {
  return sendOne(ctx, requireQueue(ctx, input.QueueUrl), input);
}

export interface ReceiveMessageInput extends ReceiveOptions {
  QueueUrl: string; MaxNumberOfMessages?: number; VisibilityTimeout?: number; WaitTimeSeconds?: number; ReceiveRequestAttemptId?: string;
}

function inRange(name: string, value: number | undefined, min: number, max: number, reason: string): void {
  if (value !== undefined && value !== null && (value < min || value > max)) throw parameterInvalid(name, value, reason);
}

export function receiveMessage(input: ReceiveMessageInput, ctx: RequestContext) {
  const q = requireQueue(ctx, input.QueueUrl);
  inRange('MaxNumberOfMessages', input.MaxNumberOfMessages, 1, 10, 'Must be between 1 and 10, if provided.');
  inRange('WaitTimeSeconds', input.WaitTimeSeconds, 0, 20, 'Must be >= 0 and <= 20, if provided.');
  inRange('VisibilityTimeout', input.VisibilityTimeout, 0, 43_200, 'Must be >= 0 and <= 43200, if provided.');
  const max = input.MaxNumberOfMessages ?? 1;
  const visibility = input.VisibilityTimeout ?? Number(q.attributes.VisibilityTimeout ?? 30);
  const wait = input.WaitTimeSeconds ?? Number(q.attributes.ReceiveMessageWaitTimeSeconds ?? 0);
  const now = ctx.now.getTime();
  const got = receiveMessages(ctx.platform.storage, q, now, max, visibility);
  if (got.length || wait <= 0) return { Messages: got.length ? got.map((m) => messageOutput(m, input)) : undefined };
  return longPoll(ctx.platform, q, now + wait * 1000, max, visibility, input);
}

/** Holds the request until a message can be received or the wait ends; never polls in a loop. */
function longPoll(platform: Platform, q: QueueRow, deadline: number, max: number, visibility: number, input: ReceiveMessageInput) {
  return new Promise<{ Messages?: unknown[] }>((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    let done = false;
    const finish = (messages: unknown[]) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      remove();
      resolve({ Messages: messages.length ? messages : undefined });
    };
    const recheck = () => {
      if (done) return;
      if (!platform.storage.db.open) return finish([]); // kanri is shutting down
      const now = platform.clock.now();
      const result = platform.storage.transaction(() => {
        const current = findQueue(platform.storage, q);
        if (!current) return { gone: true, messages: [] as unknown[], next: undefined };
        const messages = receiveMessages(platform.storage, current, now, max, visibility).map((m) => messageOutput(m, input));
        return { gone: false, messages, next: nextVisibleAt(platform.storage, current, now) };
      });
      if (result.gone || result.messages.length || now >= deadline) return finish(result.messages);
      clearTimeout(timer);
      const at = Math.min(deadline, result.next ?? deadline);
      timer = setTimeout(recheck, Math.max(0, at - now) + 1);
      timer.unref(); // an open connection keeps the process alive, not a waiting poll
    };
    const remove = addWaiter(q, recheck);
    timer = setTimeout(recheck, 0);
  });
}

export function deleteMessage(input: { QueueUrl: string; ReceiptHandle: string }, ctx: RequestContext) {
  deleteByHandle(ctx, requireQueue(ctx, input.QueueUrl), input.ReceiptHandle);
  return {};
}

/** A handle from an earlier receive deletes nothing but succeeds, as AWS documents. */
export function deleteByHandle(ctx: RequestContext, q: QueueRow, handle: string): void {
  const h = decodeReceiptHandle(handle ?? '');
  if (!h || h.accountId !== q.accountId || h.region !== q.region || h.name !== q.name) throw receiptHandleInvalid(handle);
  const m = findMessage(ctx.platform.storage, q, h.messageId);
  // A FIFO queue refuses a handle whose visibility ran out (the group may be with someone else).
  if (isFifoName(q.name) && m && (m.receiptToken !== h.token || m.visibleAt <= ctx.now.getTime())) throw expiredHandle(handle);
  if (m && m.receiptToken === h.token) deleteMessageRow(ctx.platform.storage, m.id);
}

const expiredHandle = (handle: string) => parameterInvalid('ReceiptHandle', handle, 'The receipt handle has expired.');

export function changeMessageVisibility(input: { QueueUrl: string; ReceiptHandle: string; VisibilityTimeout: number }, ctx: RequestContext) {
  changeVisibility(ctx, requireQueue(ctx, input.QueueUrl), input.ReceiptHandle, input.VisibilityTimeout);
  return {};
}

export function changeVisibility(ctx: RequestContext, q: QueueRow, handle: string, seconds: number): void {
  inRange('VisibilityTimeout', seconds, 0, 43_200, 'Must be between 0 and 43200, if provided.');
  const h = decodeReceiptHandle(handle ?? '');
  if (!h || h.accountId !== q.accountId || h.region !== q.region || h.name !== q.name) throw receiptHandleInvalid(handle);
  const m = findMessage(ctx.platform.storage, q, h.messageId);
  if (!m || m.receiptToken !== h.token) {
    throw parameterInvalid('ReceiptHandle', handle, 'Message does not exist or is not available for visibility timeout change.');
  }
  const now = ctx.now.getTime();
  if (isFifoName(q.name) && m.visibleAt <= now) throw expiredHandle(handle);
  setVisibleAt(ctx.platform.storage, m.id, now + seconds * 1000);
  if (seconds === 0) wakeQueue(q);
}
