// SQS's tables: queues (attributes and tags as JSON), messages (one row each, so they survive a
// restart), FIFO deduplication ids, recently deleted names and message move tasks.
import type { Row, Storage } from '../../storage/database';

export const SQS_MIGRATIONS = [
  `CREATE TABLE sqs_queues (
     account_id TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL,
     attributes TEXT NOT NULL, tags TEXT NOT NULL, created_at INTEGER NOT NULL, modified_at INTEGER NOT NULL,
     purged_at INTEGER, next_sequence INTEGER NOT NULL DEFAULT 0,
     PRIMARY KEY (account_id, region, name));
   CREATE TABLE sqs_messages (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     account_id TEXT NOT NULL, region TEXT NOT NULL, queue TEXT NOT NULL, message_id TEXT NOT NULL,
     body TEXT NOT NULL, md5_body TEXT NOT NULL, attributes TEXT, md5_attributes TEXT,
     system_attributes TEXT, md5_system_attributes TEXT,
     group_id TEXT, dedup_id TEXT, sequence_number TEXT, sender_id TEXT NOT NULL,
     sent_at INTEGER NOT NULL, visible_at INTEGER NOT NULL, receive_count INTEGER NOT NULL DEFAULT 0,
     first_receive_at INTEGER, receipt_token TEXT, dlq_source_arn TEXT);
   CREATE INDEX sqs_messages_ready ON sqs_messages (account_id, region, queue, visible_at, id);
   CREATE INDEX sqs_messages_id ON sqs_messages (account_id, region, queue, message_id);
   CREATE INDEX sqs_messages_order ON sqs_messages (account_id, region, queue, id);
   CREATE TABLE sqs_dedup (
     account_id TEXT NOT NULL, region TEXT NOT NULL, queue TEXT NOT NULL, scope TEXT NOT NULL, dedup_id TEXT NOT NULL,
     message_id TEXT NOT NULL, sequence_number TEXT, expires_at INTEGER NOT NULL,
     PRIMARY KEY (account_id, region, queue, scope, dedup_id));
   CREATE TABLE sqs_deleted (
     account_id TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL, deleted_at INTEGER NOT NULL,
     PRIMARY KEY (account_id, region, name));
   CREATE TABLE sqs_move_tasks (
     task_handle TEXT PRIMARY KEY, account_id TEXT NOT NULL, region TEXT NOT NULL,
     source_arn TEXT NOT NULL, destination_arn TEXT, max_per_second INTEGER,
     status TEXT NOT NULL, moved INTEGER NOT NULL, to_move INTEGER NOT NULL, started_at INTEGER NOT NULL, failure_reason TEXT);
   CREATE INDEX sqs_move_tasks_source ON sqs_move_tasks (source_arn, started_at);`,
  // Retention expiry runs before every receive: find old messages without scanning the queue.
  'CREATE INDEX sqs_messages_age ON sqs_messages (account_id, region, queue, sent_at);',
];

export interface QueueKey { accountId: string; region: string; name: string }

export interface QueueRow extends QueueKey {
  attributes: Record<string, string>;
  tags: Record<string, string>;
  createdAt: number;
  modifiedAt: number;
  purgedAt: number | null;
  nextSequence: number;
}

function toQueue(r: Row): QueueRow {
  return {
    accountId: r.account_id, region: r.region, name: r.name, attributes: jsonMap(r.attributes), tags: jsonMap(r.tags),
    createdAt: r.created_at, modifiedAt: r.modified_at, purgedAt: r.purged_at, nextSequence: r.next_sequence,
  };
}

/** A JSON object read into a prototype-free map (request-named keys). */
export function jsonMap<T = string>(text: string | null): Record<string, T> {
  const out: Record<string, T> = Object.create(null);
  if (text) for (const [k, v] of Object.entries(JSON.parse(text))) out[k] = v as T;
  return out;
}

export function findQueue(s: Storage, k: QueueKey): QueueRow | undefined {
  const r = s.stmt('SELECT * FROM sqs_queues WHERE account_id = ? AND region = ? AND name = ?').get(k.accountId, k.region, k.name) as Row | undefined;
  return r && toQueue(r);
}

export function insertQueue(s: Storage, q: QueueRow): void {
  s.stmt('INSERT INTO sqs_queues (account_id, region, name, attributes, tags, created_at, modified_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(q.accountId, q.region, q.name, JSON.stringify(q.attributes), JSON.stringify(q.tags), q.createdAt, q.modifiedAt);
}

export function updateQueueAttributes(s: Storage, k: QueueKey, attributes: Record<string, string>, at: number): void {
  s.stmt('UPDATE sqs_queues SET attributes = ?, modified_at = ? WHERE account_id = ? AND region = ? AND name = ?')
    .run(JSON.stringify(attributes), at, k.accountId, k.region, k.name);
}

export function updateQueueTags(s: Storage, k: QueueKey, tags: Record<string, string>): void {
  s.stmt('UPDATE sqs_queues SET tags = ? WHERE account_id = ? AND region = ? AND name = ?').run(JSON.stringify(tags), k.accountId, k.region, k.name);
}

export function setPurgedAt(s: Storage, k: QueueKey, at: number): void {
  s.stmt('UPDATE sqs_queues SET purged_at = ? WHERE account_id = ? AND region = ? AND name = ?').run(at, k.accountId, k.region, k.name);
}

/** The next FIFO sequence number of a queue (AWS's are 20-digit, increasing). */
export function nextSequenceNumber(s: Storage, k: QueueKey): string {
  const r = s.stmt('UPDATE sqs_queues SET next_sequence = next_sequence + 1 WHERE account_id = ? AND region = ? AND name = ? RETURNING next_sequence')
    .get(k.accountId, k.region, k.name) as Row;
  return String(18_000_000_000_000_000_000n + BigInt(r.next_sequence)).padStart(20, '0');
}

export function deleteQueueRows(s: Storage, k: QueueKey, at: number): void {
  const args = [k.accountId, k.region, k.name];
  s.stmt('DELETE FROM sqs_queues WHERE account_id = ? AND region = ? AND name = ?').run(...args);
  s.stmt('DELETE FROM sqs_messages WHERE account_id = ? AND region = ? AND queue = ?').run(...args);
  s.stmt('DELETE FROM sqs_dedup WHERE account_id = ? AND region = ? AND queue = ?').run(...args);
  s.stmt('INSERT INTO sqs_deleted (account_id, region, name, deleted_at) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET deleted_at = excluded.deleted_at').run(...args, at);
}

export function deletedAt(s: Storage, k: QueueKey): number | undefined {
  return (s.stmt('SELECT deleted_at FROM sqs_deleted WHERE account_id = ? AND region = ? AND name = ?').get(k.accountId, k.region, k.name) as Row | undefined)?.deleted_at;
}

/** Queue names after `after` in name order, for ListQueues' pages. */
export function listQueueNames(s: Storage, accountId: string, region: string, prefix: string, after: string, limit: number): string[] {
  const rows = s.stmt(`SELECT name FROM sqs_queues WHERE account_id = ? AND region = ? AND name > ? AND substr(name, 1, ?) = ?
                       ORDER BY name LIMIT ?`).all(accountId, region, after, prefix.length, prefix, limit) as Row[];
  return rows.map((r) => r.name);
}

export function allQueues(s: Storage, accountId: string, region: string): QueueRow[] {
  return (s.stmt('SELECT * FROM sqs_queues WHERE account_id = ? AND region = ? ORDER BY name').all(accountId, region) as Row[]).map(toQueue);
}
