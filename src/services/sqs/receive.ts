// Choosing what a receive gets: visible messages in order, FIFO groups blocked while one of their
// messages is in flight, dead-lettering past maxReceiveCount, and a fresh receipt handle each time.
import { randomBytes } from 'node:crypto';
import type { Storage } from '../../storage/database';
import { isFifoName, queueArn, queueFromArn } from './names';
import { parseRedrivePolicy } from './redrive-policy';
import { findQueue, type QueueKey, type QueueRow } from './store';
import { blockedGroups, deleteMessageRow, expireMessages, insertMessage, markReceived, visibleMessages, type MessageRow } from './store-messages';
import { wakeQueue } from './waiters';

export interface Received extends MessageRow { receiptHandle: string }

const SCAN = 500; // how far a FIFO receive looks past blocked groups

export function receiveMessages(s: Storage, q: QueueRow, now: number, max: number, visibilitySeconds: number): Received[] {
  expireMessages(s, q, now - Number(q.attributes.MessageRetentionPeriod ?? 345_600) * 1000);
  const redrive = parseRedrivePolicy(q.attributes.RedrivePolicy);
  const dlqKey = redrive && queueFromArn(redrive.deadLetterTargetArn);
  const dlq = dlqKey && findQueue(s, dlqKey);
  const fifo = isFifoName(q.name);
  const blocked = fifo ? blockedGroups(s, q, now) : new Set<string | null>();
  const out: Received[] = [];
  const candidates = visibleMessages(s, q, now, fifo ? SCAN : max * 4 + 10, fifo);
  for (const m of fifo ? groupFirst(candidates, blocked) : candidates) {
    if (out.length >= max) break;
    if (redrive && dlq && m.receiveCount >= redrive.maxReceiveCount) {
      moveToDeadLetterQueue(s, q, dlq, m);
      continue;
    }
    const token = randomBytes(16).toString('hex');
    markReceived(s, m.id, now + visibilitySeconds * 1000, token, now);
    out.push({ ...m, receiveCount: m.receiveCount + 1, firstReceiveAt: m.firstReceiveAt ?? now, receiptToken: token, receiptHandle: encodeReceiptHandle(q, m.messageId, token) });
  }
  return out;
}

/**
 * A FIFO receive returns as many messages of one group as it can, in order, before moving on to
 * the next group (as AWS documents); groups with a message in flight are skipped whole.
 */
function groupFirst(messages: MessageRow[], blocked: Set<string | null>): MessageRow[] {
  const groups = new Map<string | null, MessageRow[]>();
  for (const m of messages) {
    if (blocked.has(m.groupId)) continue;
    const list = groups.get(m.groupId);
    if (list) list.push(m);
    else groups.set(m.groupId, [m]);
  }
  return [...groups.values()].flat();
}

/** Moves a message to the dead-letter queue, keeping its id, body, attributes and sent time. */
export function moveToDeadLetterQueue(s: Storage, from: QueueRow, dlq: QueueKey, m: MessageRow): void {
  deleteMessageRow(s, m.id);
  insertMessage(s, dlq, { ...m, visibleAt: m.sentAt, dlqSourceArn: queueArn(from) }, m.receiveCount, m.firstReceiveAt);
  wakeQueue(dlq);
}

export interface ReceiptHandle { accountId: string; region: string; name: string; messageId: string; token: string }

export function encodeReceiptHandle(q: QueueKey, messageId: string, token: string): string {
  return Buffer.from(JSON.stringify([q.accountId, q.region, q.name, messageId, token])).toString('base64');
}

export function decodeReceiptHandle(handle: string): ReceiptHandle | undefined {
  if (!/^[A-Za-z0-9+/=]+$/.test(handle)) return undefined;
  try {
    const v = JSON.parse(Buffer.from(handle, 'base64').toString('utf8'));
    if (!Array.isArray(v) || v.length !== 5 || v.some((x) => typeof x !== 'string')) return undefined;
    return { accountId: v[0], region: v[1], name: v[2], messageId: v[3], token: v[4] };
  } catch {
    return undefined;
  }
}
