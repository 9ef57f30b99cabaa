// Message rows: sending, choosing what a receive gets, visibility, deletion and counts.
import type { Row, Storage } from '../../storage/database';
import type { QueueKey } from './store';

export interface StoredAttribute { DataType: string; StringValue?: string; BinaryValue?: string } // BinaryValue in base64

export interface MessageRow {
  id: number;
  messageId: string;
  body: string;
  md5Body: string;
  attributes: Record<string, StoredAttribute> | null;
  md5Attributes: string | null;
  systemAttributes: Record<string, StoredAttribute> | null;
  md5SystemAttributes: string | null;
  groupId: string | null;
  dedupId: string | null;
  sequenceNumber: string | null;
  senderId: string;
  sentAt: number;
  visibleAt: number;
  receiveCount: number;
  firstReceiveAt: number | null;
  receiptToken: string | null;
  dlqSourceArn: string | null;
}

export type NewMessage = Omit<MessageRow, 'id' | 'receiveCount' | 'firstReceiveAt' | 'receiptToken'>;

function toMessage(r: Row): MessageRow {
  return {
    id: r.id, messageId: r.message_id, body: r.body, md5Body: r.md5_body,
    attributes: r.attributes ? JSON.parse(r.attributes) : null, md5Attributes: r.md5_attributes,
    systemAttributes: r.system_attributes ? JSON.parse(r.system_attributes) : null, md5SystemAttributes: r.md5_system_attributes,
    groupId: r.group_id, dedupId: r.dedup_id, sequenceNumber: r.sequence_number, senderId: r.sender_id, sentAt: r.sent_at,
    visibleAt: r.visible_at, receiveCount: r.receive_count, firstReceiveAt: r.first_receive_at, receiptToken: r.receipt_token,
    dlqSourceArn: r.dlq_source_arn,
  };
}

export function insertMessage(s: Storage, q: QueueKey, m: NewMessage, receiveCount = 0, firstReceiveAt: number | null = null): void {
  s.stmt(`INSERT INTO sqs_messages (account_id, region, queue, message_id, body, md5_body, attributes, md5_attributes, system_attributes,
            md5_system_attributes, group_id, dedup_id, sequence_number, sender_id, sent_at, visible_at, dlq_source_arn, receive_count, first_receive_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(q.accountId, q.region, q.name, m.messageId, m.body, m.md5Body, m.attributes ? JSON.stringify(m.attributes) : null, m.md5Attributes,
      m.systemAttributes ? JSON.stringify(m.systemAttributes) : null, m.md5SystemAttributes, m.groupId, m.dedupId, m.sequenceNumber,
      m.senderId, m.sentAt, m.visibleAt, m.dlqSourceArn, receiveCount, firstReceiveAt);
}

/**
 * Visible messages. A FIFO queue reads them in send order (its receive filters groups itself); a
 * standard queue reads them in the order they became visible, straight off the index.
 */
export function visibleMessages(s: Storage, q: QueueKey, now: number, limit: number, sendOrder: boolean): MessageRow[] {
  const sql = sendOrder
    ? 'SELECT * FROM sqs_messages WHERE account_id = ? AND region = ? AND queue = ? AND visible_at <= ? ORDER BY id LIMIT ?'
    : 'SELECT * FROM sqs_messages WHERE account_id = ? AND region = ? AND queue = ? AND visible_at <= ? ORDER BY visible_at, id LIMIT ?';
  return (s.stmt(sql).all(q.accountId, q.region, q.name, now, limit) as Row[]).map(toMessage);
}

/** Message groups of a FIFO queue that have a message in flight (they are blocked). */
export function blockedGroups(s: Storage, q: QueueKey, now: number): Set<string> {
  const rows = s.stmt(`SELECT DISTINCT group_id FROM sqs_messages WHERE account_id = ? AND region = ? AND queue = ?
                       AND visible_at > ? AND receive_count > 0`).all(q.accountId, q.region, q.name, now) as Row[];
  return new Set(rows.map((r) => r.group_id));
}

export function findMessage(s: Storage, q: QueueKey, messageId: string): MessageRow | undefined {
  const r = s.stmt('SELECT * FROM sqs_messages WHERE account_id = ? AND region = ? AND queue = ? AND message_id = ?').get(q.accountId, q.region, q.name, messageId) as Row | undefined;
  return r && toMessage(r);
}

export function markReceived(s: Storage, id: number, visibleAt: number, token: string, now: number): void {
  s.stmt('UPDATE sqs_messages SET receive_count = receive_count + 1, visible_at = ?, receipt_token = ?, first_receive_at = COALESCE(first_receive_at, ?) WHERE id = ?')
    .run(visibleAt, token, now, id);
}

export function setVisibleAt(s: Storage, id: number, visibleAt: number): void {
  s.stmt('UPDATE sqs_messages SET visible_at = ? WHERE id = ?').run(visibleAt, id);
}

export function deleteMessageRow(s: Storage, id: number): void {
  s.stmt('DELETE FROM sqs_messages WHERE id = ?').run(id);
}

export function purgeMessages(s: Storage, q: QueueKey): void {
  s.stmt('DELETE FROM sqs_messages WHERE account_id = ? AND region = ? AND queue = ?').run(q.accountId, q.region, q.name);
}

/** Drops messages older than the queue's retention period. */
export function expireMessages(s: Storage, q: QueueKey, before: number): void {
  s.stmt('DELETE FROM sqs_messages WHERE account_id = ? AND region = ? AND queue = ? AND sent_at < ?').run(q.accountId, q.region, q.name, before);
}

export interface MessageCounts { visible: number; inFlight: number; delayed: number }

export function countMessages(s: Storage, q: QueueKey, now: number): MessageCounts {
  const r = s.stmt(`SELECT SUM(visible_at <= ?) AS visible, SUM(visible_at > ? AND receive_count > 0) AS in_flight,
                     SUM(visible_at > ? AND receive_count = 0) AS delayed
                   FROM sqs_messages WHERE account_id = ? AND region = ? AND queue = ?`).get(now, now, now, q.accountId, q.region, q.name) as Row;
  return { visible: r.visible ?? 0, inFlight: r.in_flight ?? 0, delayed: r.delayed ?? 0 };
}

/** The earliest time a currently hidden message becomes visible (for waking long polls). */
export function nextVisibleAt(s: Storage, q: QueueKey, now: number): number | undefined {
  const r = s.stmt('SELECT MIN(visible_at) AS t FROM sqs_messages WHERE account_id = ? AND region = ? AND queue = ? AND visible_at > ?')
    .get(q.accountId, q.region, q.name, now) as Row;
  return r.t ?? undefined;
}

export interface DedupHit { messageId: string; sequenceNumber: string | null }

export function findDedup(s: Storage, q: QueueKey, scope: string, dedupId: string, now: number): DedupHit | undefined {
  const r = s.stmt('SELECT message_id, sequence_number FROM sqs_dedup WHERE account_id = ? AND region = ? AND queue = ? AND scope = ? AND dedup_id = ? AND expires_at > ?')
    .get(q.accountId, q.region, q.name, scope, dedupId, now) as Row | undefined;
  return r && { messageId: r.message_id, sequenceNumber: r.sequence_number };
}

export function putDedup(s: Storage, q: QueueKey, scope: string, dedupId: string, hit: DedupHit, expiresAt: number): void {
  s.stmt(`INSERT INTO sqs_dedup (account_id, region, queue, scope, dedup_id, message_id, sequence_number, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT DO UPDATE SET message_id = excluded.message_id, sequence_number = excluded.sequence_number, expires_at = excluded.expires_at`)
    .run(q.accountId, q.region, q.name, scope, dedupId, hit.messageId, hit.sequenceNumber, expiresAt);
}
