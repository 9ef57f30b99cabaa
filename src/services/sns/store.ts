// SNS's tables: topics, their tags, subscriptions, FIFO deduplication ids, and the durable
// delivery queue (written in the Publish transaction, drained after it commits).
import type { Row, Storage } from '../../storage/database';

export const SNS_MIGRATIONS = [
  `CREATE TABLE sns_topics (
     account_id TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL, arn TEXT NOT NULL,
     fifo INTEGER NOT NULL, attributes TEXT NOT NULL, subscriptions_deleted INTEGER NOT NULL DEFAULT 0,
     sequence INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL,
     PRIMARY KEY (account_id, region, name));
   CREATE TABLE sns_tags (
     account_id TEXT NOT NULL, region TEXT NOT NULL, topic TEXT NOT NULL, tag_key TEXT NOT NULL, tag_value TEXT NOT NULL,
     PRIMARY KEY (account_id, region, topic, tag_key));
   CREATE TABLE sns_subscriptions (
     account_id TEXT NOT NULL, region TEXT NOT NULL, arn TEXT NOT NULL, topic TEXT NOT NULL, topic_arn TEXT NOT NULL,
     protocol TEXT NOT NULL, endpoint TEXT NOT NULL, owner TEXT NOT NULL, confirmed INTEGER NOT NULL,
     token TEXT, token_expires INTEGER, authenticated INTEGER NOT NULL DEFAULT 0, unsubscribe_needs_auth INTEGER NOT NULL DEFAULT 0,
     attributes TEXT NOT NULL, created_at INTEGER NOT NULL,
     PRIMARY KEY (account_id, region, arn));
   CREATE INDEX sns_subscriptions_topic ON sns_subscriptions (account_id, region, topic, arn);
   CREATE INDEX sns_subscriptions_token ON sns_subscriptions (token);
   CREATE TABLE sns_dedup (
     account_id TEXT NOT NULL, region TEXT NOT NULL, topic TEXT NOT NULL, dedup_id TEXT NOT NULL,
     message_id TEXT NOT NULL, sequence_number TEXT NOT NULL, expires_at INTEGER NOT NULL,
     PRIMARY KEY (account_id, region, topic, dedup_id));
   CREATE TABLE sns_deliveries (
     id INTEGER PRIMARY KEY AUTOINCREMENT, account_id TEXT NOT NULL, region TEXT NOT NULL,
     subscription_arn TEXT NOT NULL, kind TEXT NOT NULL, protocol TEXT NOT NULL, endpoint TEXT NOT NULL,
     payload TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_at INTEGER NOT NULL,
     status TEXT NOT NULL, last_error TEXT, updated_at INTEGER NOT NULL);
   CREATE INDEX sns_deliveries_due ON sns_deliveries (status, next_at);
   CREATE TABLE sns_global_signing_key (id INTEGER PRIMARY KEY, private_pem TEXT NOT NULL, public_pem TEXT NOT NULL);
   CREATE TABLE sns_sms_attributes (
     account_id TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL,
     PRIMARY KEY (account_id, region, name));`,
];

export interface TopicRow {
  accountId: string;
  region: string;
  name: string;
  arn: string;
  fifo: boolean;
  /** Attributes the user set (DisplayName, Policy, DeliveryPolicy, ...), by name. */
  attributes: Record<string, string>;
  subscriptionsDeleted: number;
  sequence: number;
  createdAt: number;
}

function toTopic(r: Row): TopicRow {
  return {
    accountId: r.account_id, region: r.region, name: r.name, arn: r.arn, fifo: !!r.fifo, attributes: parseMap(r.attributes),
    subscriptionsDeleted: r.subscriptions_deleted, sequence: r.sequence, createdAt: r.created_at,
  };
}

/** JSON object text as a map without a prototype (attribute names come from requests). */
export function parseMap(text: string): Record<string, string> {
  return Object.assign(Object.create(null), JSON.parse(text));
}

export function insertTopic(storage: Storage, t: TopicRow): void {
  storage.stmt(`INSERT INTO sns_topics (account_id, region, name, arn, fifo, attributes, subscriptions_deleted, sequence, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(t.accountId, t.region, t.name, t.arn, t.fifo ? 1 : 0, JSON.stringify(t.attributes), t.subscriptionsDeleted, t.sequence, t.createdAt);
}

export function updateTopic(storage: Storage, t: TopicRow): void {
  storage.stmt('UPDATE sns_topics SET attributes = ?, subscriptions_deleted = ?, sequence = ? WHERE account_id = ? AND region = ? AND name = ?')
    .run(JSON.stringify(t.attributes), t.subscriptionsDeleted, t.sequence, t.accountId, t.region, t.name);
}

export function findTopic(storage: Storage, accountId: string, region: string, name: string): TopicRow | undefined {
  const r = storage.stmt('SELECT * FROM sns_topics WHERE account_id = ? AND region = ? AND name = ?').get(accountId, region, name) as Row | undefined;
  return r && toTopic(r);
}

export function listTopicArns(storage: Storage, accountId: string, region: string, after: string, limit: number): { name: string; arn: string }[] {
  return (storage.stmt('SELECT name, arn FROM sns_topics WHERE account_id = ? AND region = ? AND name > ? ORDER BY name LIMIT ?')
    .all(accountId, region, after, limit) as Row[]).map((r) => ({ name: r.name, arn: r.arn }));
}

export function deleteTopicRows(storage: Storage, accountId: string, region: string, name: string): void {
  for (const [table, column] of [['sns_tags', 'topic'], ['sns_subscriptions', 'topic'], ['sns_dedup', 'topic'], ['sns_topics', 'name']]) {
    storage.stmt(`DELETE FROM ${table} WHERE account_id = ? AND region = ? AND ${column} = ?`).run(accountId, region, name);
  }
}

export function putTag(storage: Storage, t: TopicRow, key: string, value: string): void {
  storage.stmt('INSERT INTO sns_tags (account_id, region, topic, tag_key, tag_value) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET tag_value = excluded.tag_value')
    .run(t.accountId, t.region, t.name, key, value);
}

export function deleteTag(storage: Storage, t: TopicRow, key: string): void {
  storage.stmt('DELETE FROM sns_tags WHERE account_id = ? AND region = ? AND topic = ? AND tag_key = ?').run(t.accountId, t.region, t.name, key);
}

export function listTags(storage: Storage, t: TopicRow): { Key: string; Value: string }[] {
  return (storage.stmt('SELECT tag_key, tag_value FROM sns_tags WHERE account_id = ? AND region = ? AND topic = ? ORDER BY tag_key')
    .all(t.accountId, t.region, t.name) as Row[]).map((r) => ({ Key: r.tag_key, Value: r.tag_value }));
}

export interface SubscriptionRow {
  accountId: string;
  region: string;
  arn: string;
  topic: string;
  topicArn: string;
  protocol: string;
  endpoint: string;
  owner: string;
  confirmed: boolean;
  token: string | null;
  tokenExpires: number | null;
  /** ConfirmationWasAuthenticated: confirmed by a signed call (or confirmed at once). */
  authenticated: boolean;
  /** Confirmed with AuthenticateOnUnsubscribe=true: only a signed Unsubscribe may end it. */
  unsubscribeNeedsAuth: boolean;
  /** DeliveryPolicy, FilterPolicy, FilterPolicyScope, RawMessageDelivery, RedrivePolicy, ... as set. */
  attributes: Record<string, string>;
  createdAt: number;
}

function toSubscription(r: Row): SubscriptionRow {
  return {
    accountId: r.account_id, region: r.region, arn: r.arn, topic: r.topic, topicArn: r.topic_arn, protocol: r.protocol, endpoint: r.endpoint,
    owner: r.owner, confirmed: !!r.confirmed, token: r.token, tokenExpires: r.token_expires, authenticated: !!r.authenticated,
    unsubscribeNeedsAuth: !!r.unsubscribe_needs_auth,
    attributes: parseMap(r.attributes), createdAt: r.created_at,
  };
}

export function insertSubscription(storage: Storage, s: SubscriptionRow): void {
  storage.stmt(`INSERT INTO sns_subscriptions (account_id, region, arn, topic, topic_arn, protocol, endpoint, owner, confirmed, token, token_expires,
                  authenticated, unsubscribe_needs_auth, attributes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(s.accountId, s.region, s.arn, s.topic, s.topicArn, s.protocol, s.endpoint, s.owner, s.confirmed ? 1 : 0, s.token, s.tokenExpires,
      s.authenticated ? 1 : 0, s.unsubscribeNeedsAuth ? 1 : 0, JSON.stringify(s.attributes), s.createdAt);
}

export function updateSubscription(storage: Storage, s: SubscriptionRow): void {
  storage.stmt(`UPDATE sns_subscriptions SET confirmed = ?, token = ?, token_expires = ?, authenticated = ?, unsubscribe_needs_auth = ?, attributes = ?
                WHERE account_id = ? AND region = ? AND arn = ?`)
    .run(s.confirmed ? 1 : 0, s.token, s.tokenExpires, s.authenticated ? 1 : 0, s.unsubscribeNeedsAuth ? 1 : 0, JSON.stringify(s.attributes),
      s.accountId, s.region, s.arn);
}

export function findSubscription(storage: Storage, accountId: string, region: string, arn: string): SubscriptionRow | undefined {
  const r = storage.stmt('SELECT * FROM sns_subscriptions WHERE account_id = ? AND region = ? AND arn = ?').get(accountId, region, arn) as Row | undefined;
  return r && toSubscription(r);
}

export function findByToken(storage: Storage, token: string): SubscriptionRow | undefined {
  const r = storage.stmt('SELECT * FROM sns_subscriptions WHERE token = ?').get(token) as Row | undefined;
  return r && toSubscription(r);
}

export function findSubscriptionByEndpoint(storage: Storage, t: TopicRow, protocol: string, endpoint: string): SubscriptionRow | undefined {
  const r = storage.stmt('SELECT * FROM sns_subscriptions WHERE account_id = ? AND region = ? AND topic = ? AND protocol = ? AND endpoint = ?')
    .get(t.accountId, t.region, t.name, protocol, endpoint) as Row | undefined;
  return r && toSubscription(r);
}

export function deleteSubscription(storage: Storage, s: SubscriptionRow): void {
  storage.stmt('DELETE FROM sns_subscriptions WHERE account_id = ? AND region = ? AND arn = ?').run(s.accountId, s.region, s.arn);
}

/** Subscriptions of one topic in ARN order, after the given ARN. */
export function topicSubscriptions(storage: Storage, t: TopicRow, after = '', limit = 1_000_000): SubscriptionRow[] {
  return (storage.stmt('SELECT * FROM sns_subscriptions WHERE account_id = ? AND region = ? AND topic = ? AND arn > ? ORDER BY arn LIMIT ?')
    .all(t.accountId, t.region, t.name, after, limit) as Row[]).map(toSubscription);
}

/** Subscriptions owned by an account in a region, across its topics. */
export function accountSubscriptions(storage: Storage, accountId: string, region: string, after: string, limit: number): SubscriptionRow[] {
  return (storage.stmt('SELECT * FROM sns_subscriptions WHERE account_id = ? AND region = ? AND arn > ? ORDER BY arn LIMIT ?')
    .all(accountId, region, after, limit) as Row[]).map(toSubscription);
}

export function countSubscriptions(storage: Storage, t: TopicRow): { confirmed: number; pending: number } {
  const r = storage.stmt('SELECT COALESCE(SUM(confirmed), 0) AS c, COUNT(*) AS n FROM sns_subscriptions WHERE account_id = ? AND region = ? AND topic = ?')
    .get(t.accountId, t.region, t.name) as Row;
  return { confirmed: r.c, pending: r.n - r.c };
}

export function findDedup(storage: Storage, t: TopicRow, dedupId: string, now: number): { messageId: string; sequenceNumber: string } | undefined {
  const r = storage.stmt('SELECT message_id, sequence_number FROM sns_dedup WHERE account_id = ? AND region = ? AND topic = ? AND dedup_id = ? AND expires_at > ?')
    .get(t.accountId, t.region, t.name, dedupId, now) as Row | undefined;
  return r && { messageId: r.message_id, sequenceNumber: r.sequence_number };
}

export function putDedup(storage: Storage, t: TopicRow, dedupId: string, messageId: string, sequenceNumber: string, expiresAt: number): void {
  storage.stmt('DELETE FROM sns_dedup WHERE account_id = ? AND region = ? AND topic = ? AND expires_at <= ?').run(t.accountId, t.region, t.name, expiresAt - 10 * 60_000);
  storage.stmt(`INSERT INTO sns_dedup (account_id, region, topic, dedup_id, message_id, sequence_number, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT DO UPDATE SET message_id = excluded.message_id, sequence_number = excluded.sequence_number, expires_at = excluded.expires_at`)
    .run(t.accountId, t.region, t.name, dedupId, messageId, sequenceNumber, expiresAt);
}

/** Unconfirmed subscriptions whose token ran out (all accounts), for the hourly clean-up. */
export function expiredPendingSubscriptions(storage: Storage, now: number): SubscriptionRow[] {
  return (storage.stmt('SELECT * FROM sns_subscriptions WHERE confirmed = 0 AND token_expires <= ?').all(now) as Row[]).map(toSubscription);
}

export function smsAttributes(storage: Storage, accountId: string, region: string): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const r of storage.stmt('SELECT name, value FROM sns_sms_attributes WHERE account_id = ? AND region = ? ORDER BY name').all(accountId, region) as Row[]) {
    out[r.name] = r.value;
  }
  return out;
}

export function putSmsAttribute(storage: Storage, accountId: string, region: string, name: string, value: string): void {
  storage.stmt('INSERT INTO sns_sms_attributes (account_id, region, name, value) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET value = excluded.value')
    .run(accountId, region, name, value);
}
