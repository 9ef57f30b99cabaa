// EventBridge's tables: buses, rules, targets, tags, and the durable queue of deliveries that a
// committed PutEvents (or a schedule) leaves for the dispatcher.
import type { Row, Storage } from '../../storage/database';

export const EVENTS_MIGRATIONS = [
  `CREATE TABLE events_buses (
     account_id TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL,
     description TEXT, policy TEXT, kms_key TEXT, dead_letter_arn TEXT,
     created_at INTEGER NOT NULL, modified_at INTEGER NOT NULL,
     PRIMARY KEY (account_id, region, name));
   CREATE TABLE events_rules (
     account_id TEXT NOT NULL, region TEXT NOT NULL, bus TEXT NOT NULL, name TEXT NOT NULL,
     pattern TEXT, schedule TEXT, state TEXT NOT NULL, description TEXT, role_arn TEXT,
     created_at INTEGER NOT NULL, last_fired INTEGER,
     invocations INTEGER NOT NULL DEFAULT 0, failed_invocations INTEGER NOT NULL DEFAULT 0,
     PRIMARY KEY (account_id, region, bus, name));
   CREATE INDEX events_rules_schedule ON events_rules (schedule) WHERE schedule IS NOT NULL;
   CREATE TABLE events_targets (
     account_id TEXT NOT NULL, region TEXT NOT NULL, bus TEXT NOT NULL, rule TEXT NOT NULL,
     target_id TEXT NOT NULL, arn TEXT NOT NULL, target_json TEXT NOT NULL,
     PRIMARY KEY (account_id, region, bus, rule, target_id));
   CREATE INDEX events_targets_arn ON events_targets (account_id, region, bus, arn);
   CREATE TABLE events_tags (
     account_id TEXT NOT NULL, region TEXT NOT NULL, resource_arn TEXT NOT NULL, tag_key TEXT NOT NULL, tag_value TEXT NOT NULL,
     PRIMARY KEY (account_id, region, resource_arn, tag_key));
   CREATE TABLE events_deliveries (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     account_id TEXT NOT NULL, region TEXT NOT NULL, bus TEXT NOT NULL, rule TEXT NOT NULL,
     target_json TEXT NOT NULL, payload TEXT NOT NULL, event_json TEXT NOT NULL, hops INTEGER NOT NULL,
     created_at INTEGER NOT NULL);`,
];

export interface BusRow {
  accountId: string; region: string; name: string;
  description: string | null; policy: string | null; kmsKey: string | null; deadLetterArn: string | null;
  createdAt: number; modifiedAt: number;
}

export interface RuleRow {
  accountId: string; region: string; bus: string; name: string;
  pattern: string | null; schedule: string | null; state: string; description: string | null; roleArn: string | null;
  createdAt: number; lastFired: number | null;
}

const toBus = (r: Row): BusRow => ({
  accountId: r.account_id, region: r.region, name: r.name, description: r.description, policy: r.policy, kmsKey: r.kms_key,
  deadLetterArn: r.dead_letter_arn, createdAt: r.created_at, modifiedAt: r.modified_at,
});

const toRule = (r: Row): RuleRow => ({
  accountId: r.account_id, region: r.region, bus: r.bus, name: r.name, pattern: r.pattern, schedule: r.schedule, state: r.state,
  description: r.description, roleArn: r.role_arn, createdAt: r.created_at, lastFired: r.last_fired,
});

export function findBus(s: Storage, accountId: string, region: string, name: string): BusRow | undefined {
  const r = s.stmt('SELECT * FROM events_buses WHERE account_id = ? AND region = ? AND name = ?').get(accountId, region, name) as Row | undefined;
  return r && toBus(r);
}

export function saveBus(s: Storage, b: BusRow): void {
  s.stmt(`INSERT INTO events_buses (account_id, region, name, description, policy, kms_key, dead_letter_arn, created_at, modified_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET description = excluded.description, policy = excluded.policy,
          kms_key = excluded.kms_key, dead_letter_arn = excluded.dead_letter_arn, modified_at = excluded.modified_at`)
    .run(b.accountId, b.region, b.name, b.description, b.policy, b.kmsKey, b.deadLetterArn, b.createdAt, b.modifiedAt);
}

export function deleteBus(s: Storage, accountId: string, region: string, name: string): void {
  for (const table of ['events_targets', 'events_rules']) s.stmt(`DELETE FROM ${table} WHERE account_id = ? AND region = ? AND bus = ?`).run(accountId, region, name);
  s.stmt('DELETE FROM events_buses WHERE account_id = ? AND region = ? AND name = ?').run(accountId, region, name);
}

export function listBuses(s: Storage, accountId: string, region: string, prefix: string, after: string, limit: number): BusRow[] {
  return (s.stmt(`SELECT * FROM events_buses WHERE account_id = ? AND region = ? AND substr(name, 1, length(?)) = ? AND name > ? ORDER BY name LIMIT ?`)
    .all(accountId, region, prefix, prefix, after, limit) as Row[]).map(toBus);
}

export function countBuses(s: Storage, accountId: string, region: string): number {
  return (s.stmt('SELECT COUNT(*) AS n FROM events_buses WHERE account_id = ? AND region = ?').get(accountId, region) as Row).n;
}

export function findRule(s: Storage, accountId: string, region: string, bus: string, name: string): RuleRow | undefined {
  const r = s.stmt('SELECT * FROM events_rules WHERE account_id = ? AND region = ? AND bus = ? AND name = ?').get(accountId, region, bus, name) as Row | undefined;
  return r && toRule(r);
}

export function saveRule(s: Storage, r: RuleRow): void {
  s.stmt(`INSERT INTO events_rules (account_id, region, bus, name, pattern, schedule, state, description, role_arn, created_at, last_fired)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET pattern = excluded.pattern, schedule = excluded.schedule,
          state = excluded.state, description = excluded.description, role_arn = excluded.role_arn, last_fired = excluded.last_fired`)
    .run(r.accountId, r.region, r.bus, r.name, r.pattern, r.schedule, r.state, r.description, r.roleArn, r.createdAt, r.lastFired);
}

export function deleteRule(s: Storage, accountId: string, region: string, bus: string, name: string): void {
  s.stmt('DELETE FROM events_targets WHERE account_id = ? AND region = ? AND bus = ? AND rule = ?').run(accountId, region, bus, name);
  s.stmt('DELETE FROM events_rules WHERE account_id = ? AND region = ? AND bus = ? AND name = ?').run(accountId, region, bus, name);
}

export function listRules(s: Storage, accountId: string, region: string, bus: string, prefix: string, after: string, limit: number): RuleRow[] {
  return (s.stmt(`SELECT * FROM events_rules WHERE account_id = ? AND region = ? AND bus = ? AND substr(name, 1, length(?)) = ? AND name > ? ORDER BY name LIMIT ?`)
    .all(accountId, region, bus, prefix, prefix, after, limit) as Row[]).map(toRule);
}

/** The bus's enabled rules that have a pattern (the ones PutEvents routes through). */
export function patternRules(s: Storage, accountId: string, region: string, bus: string): RuleRow[] {
  return (s.stmt("SELECT * FROM events_rules WHERE account_id = ? AND region = ? AND bus = ? AND state = 'ENABLED' AND pattern IS NOT NULL")
    .all(accountId, region, bus) as Row[]).map(toRule);
}

export function scheduledRules(s: Storage): RuleRow[] {
  return (s.stmt('SELECT * FROM events_rules WHERE schedule IS NOT NULL').all() as Row[]).map(toRule);
}

export function countRules(s: Storage, accountId: string, region: string, bus: string): number {
  return (s.stmt('SELECT COUNT(*) AS n FROM events_rules WHERE account_id = ? AND region = ? AND bus = ?').get(accountId, region, bus) as Row).n;
}

export function countInvocation(s: Storage, accountId: string, region: string, bus: string, rule: string, failed: boolean): void {
  s.stmt(`UPDATE events_rules SET ${failed ? 'failed_invocations = failed_invocations + 1' : 'invocations = invocations + 1'}
          WHERE account_id = ? AND region = ? AND bus = ? AND name = ?`).run(accountId, region, bus, rule);
}

export interface TargetRow { targetId: string; arn: string; target: Record<string, any> }

export function listTargets(s: Storage, accountId: string, region: string, bus: string, rule: string, after = '', limit = 1000): TargetRow[] {
  return (s.stmt('SELECT * FROM events_targets WHERE account_id = ? AND region = ? AND bus = ? AND rule = ? AND target_id > ? ORDER BY target_id LIMIT ?')
    .all(accountId, region, bus, rule, after, limit) as Row[]).map((r) => ({ targetId: r.target_id, arn: r.arn, target: JSON.parse(r.target_json) }));
}

export function putTarget(s: Storage, accountId: string, region: string, bus: string, rule: string, target: Record<string, any>): void {
  s.stmt(`INSERT INTO events_targets (account_id, region, bus, rule, target_id, arn, target_json) VALUES (?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT DO UPDATE SET arn = excluded.arn, target_json = excluded.target_json`)
    .run(accountId, region, bus, rule, target.Id, target.Arn, JSON.stringify(target));
}

export function removeTarget(s: Storage, accountId: string, region: string, bus: string, rule: string, targetId: string): boolean {
  return s.stmt('DELETE FROM events_targets WHERE account_id = ? AND region = ? AND bus = ? AND rule = ? AND target_id = ?')
    .run(accountId, region, bus, rule, targetId).changes > 0;
}

export function rulesByTarget(s: Storage, accountId: string, region: string, bus: string, arn: string, after: string, limit: number): string[] {
  return (s.stmt('SELECT DISTINCT rule FROM events_targets WHERE account_id = ? AND region = ? AND bus = ? AND arn = ? AND rule > ? ORDER BY rule LIMIT ?')
    .all(accountId, region, bus, arn, after, limit) as Row[]).map((r) => r.rule);
}

export function listTags(s: Storage, accountId: string, region: string, arn: string): { Key: string; Value: string }[] {
  return (s.stmt('SELECT tag_key, tag_value FROM events_tags WHERE account_id = ? AND region = ? AND resource_arn = ? ORDER BY tag_key')
    .all(accountId, region, arn) as Row[]).map((r) => ({ Key: r.tag_key, Value: r.tag_value }));
}

export function putTag(s: Storage, accountId: string, region: string, arn: string, key: string, value: string): void {
  s.stmt('INSERT INTO events_tags (account_id, region, resource_arn, tag_key, tag_value) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET tag_value = excluded.tag_value')
    .run(accountId, region, arn, key, value);
}

export function deleteTags(s: Storage, accountId: string, region: string, arn: string, key?: string): void {
  if (key === undefined) s.stmt('DELETE FROM events_tags WHERE account_id = ? AND region = ? AND resource_arn = ?').run(accountId, region, arn);
  else s.stmt('DELETE FROM events_tags WHERE account_id = ? AND region = ? AND resource_arn = ? AND tag_key = ?').run(accountId, region, arn, key);
}

export interface DeliveryRow {
  seq: number; accountId: string; region: string; bus: string; rule: string;
  target: Record<string, any>; payload: string; eventJson: string; hops: number;
}

export function enqueueDelivery(s: Storage, d: Omit<DeliveryRow, 'seq'>, at: number): void {
  s.stmt('INSERT INTO events_deliveries (account_id, region, bus, rule, target_json, payload, event_json, hops, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(d.accountId, d.region, d.bus, d.rule, JSON.stringify(d.target), d.payload, d.eventJson, d.hops, at);
}

export function nextDeliveries(s: Storage, afterSeq: number, limit: number): DeliveryRow[] {
  return (s.stmt('SELECT * FROM events_deliveries WHERE seq > ? ORDER BY seq LIMIT ?').all(afterSeq, limit) as Row[]).map((r) => ({
    seq: r.seq, accountId: r.account_id, region: r.region, bus: r.bus, rule: r.rule, target: JSON.parse(r.target_json),
    payload: r.payload, eventJson: r.event_json, hops: r.hops,
  }));
}

export function finishDelivery(s: Storage, seq: number): void {
  s.stmt('DELETE FROM events_deliveries WHERE seq = ?').run(seq);
}
