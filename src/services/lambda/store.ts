// Lambda's tables: functions, their versions ($LATEST is one), aliases, event invoke configs and
// the durable queue of asynchronous invocations. Code packages live as files (code.ts).
import type { Row, Storage } from '../../storage/database';

export const LAMBDA_MIGRATIONS = [
  `CREATE TABLE lambda_functions (
     account_id TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL,
     created_at INTEGER NOT NULL, next_version INTEGER NOT NULL, policy TEXT, tags TEXT NOT NULL, reserved_concurrency INTEGER,
     PRIMARY KEY (account_id, region, name));
   CREATE TABLE lambda_versions (
     account_id TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL, version TEXT NOT NULL,
     config TEXT NOT NULL, code_sha TEXT NOT NULL, ready_at INTEGER NOT NULL,
     PRIMARY KEY (account_id, region, name, version));
   CREATE TABLE lambda_aliases (
     account_id TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL, alias TEXT NOT NULL,
     config TEXT NOT NULL,
     PRIMARY KEY (account_id, region, name, alias));
   CREATE TABLE lambda_event_configs (
     account_id TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL, qualifier TEXT NOT NULL,
     config TEXT NOT NULL,
     PRIMARY KEY (account_id, region, name, qualifier));
   CREATE TABLE lambda_async_queue (
     id INTEGER PRIMARY KEY AUTOINCREMENT, account_id TEXT NOT NULL, region TEXT NOT NULL,
     name TEXT NOT NULL, qualifier TEXT NOT NULL, payload TEXT NOT NULL, request_id TEXT NOT NULL,
     attempts INTEGER NOT NULL, enqueued_at INTEGER NOT NULL, run_at INTEGER NOT NULL);`,
  `CREATE TABLE lambda_event_source_mappings (
     uuid TEXT PRIMARY KEY, account_id TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL,
     event_source_arn TEXT NOT NULL, config TEXT NOT NULL, ready_at INTEGER NOT NULL);
   CREATE INDEX lambda_esm_scope ON lambda_event_source_mappings (account_id, region, uuid);`,
  `CREATE TABLE lambda_layers (
     account_id TEXT NOT NULL, region TEXT NOT NULL, layer_name TEXT NOT NULL, next_version INTEGER NOT NULL,
     PRIMARY KEY (account_id, region, layer_name));
   CREATE TABLE lambda_layer_versions (
     account_id TEXT NOT NULL, region TEXT NOT NULL, layer_name TEXT NOT NULL, version INTEGER NOT NULL,
     config TEXT NOT NULL, code_sha TEXT NOT NULL, policy TEXT,
     PRIMARY KEY (account_id, region, layer_name, version));
   CREATE INDEX lambda_layer_versions_code ON lambda_layer_versions (code_sha);`,
];

export interface FunctionRow {
  accountId: string; region: string; name: string; createdAt: number; nextVersion: number; policy: any | null; tags: Record<string, string>;
  reservedConcurrency: number | null;
}

/** A version's FunctionConfiguration as the API shows it (State fields computed on read), plus where its code is. */
export interface VersionRow { name: string; version: string; config: Record<string, any>; codeSha: string; readyAt: number }

export function findFunction(s: Storage, accountId: string, region: string, name: string): FunctionRow | undefined {
  const r = s.stmt('SELECT * FROM lambda_functions WHERE account_id = ? AND region = ? AND name = ?').get(accountId, region, name) as Row | undefined;
  return r && { accountId, region, name, createdAt: r.created_at, nextVersion: r.next_version, policy: r.policy ? JSON.parse(r.policy) : null, tags: JSON.parse(r.tags),
    reservedConcurrency: r.reserved_concurrency };
}

export function insertFunction(s: Storage, f: FunctionRow): void {
  s.stmt('INSERT INTO lambda_functions (account_id, region, name, created_at, next_version, policy, tags) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(f.accountId, f.region, f.name, f.createdAt, f.nextVersion, f.policy ? JSON.stringify(f.policy) : null, JSON.stringify(f.tags));
}

export function updateFunction(s: Storage, f: FunctionRow): void {
  s.stmt('UPDATE lambda_functions SET next_version = ?, policy = ?, tags = ?, reserved_concurrency = ? WHERE account_id = ? AND region = ? AND name = ?')
    .run(f.nextVersion, f.policy ? JSON.stringify(f.policy) : null, JSON.stringify(f.tags), f.reservedConcurrency, f.accountId, f.region, f.name);
}

/** Reserved concurrency of the account's other functions, and its code use, for GetAccountSettings and the 100-unreserved rule. */
export function accountUsage(s: Storage, accountId: string, region: string, exceptName = ''): { reserved: number; functions: number; codeSize: number } {
  const f = s.stmt('SELECT COALESCE(SUM(CASE WHEN name != ? THEN reserved_concurrency END), 0) AS reserved, COUNT(*) AS n FROM lambda_functions WHERE account_id = ? AND region = ?')
    .get(exceptName, accountId, region) as Row;
  const c = s.stmt("SELECT COALESCE(SUM(json_extract(config, '$.CodeSize')), 0) AS size FROM lambda_versions WHERE account_id = ? AND region = ?").get(accountId, region) as Row;
  return { reserved: f.reserved, functions: f.n, codeSize: c.size };
}

export function deleteFunctionRows(s: Storage, accountId: string, region: string, name: string): void {
  for (const t of ['lambda_versions', 'lambda_aliases', 'lambda_event_configs', 'lambda_async_queue', 'lambda_functions']) {
    s.stmt(`DELETE FROM ${t} WHERE account_id = ? AND region = ? AND name = ?`).run(accountId, region, name);
  }
}

function toVersion(r: Row): VersionRow {
  return { name: r.name, version: r.version, config: JSON.parse(r.config), codeSha: r.code_sha, readyAt: r.ready_at };
}

export function findVersion(s: Storage, accountId: string, region: string, name: string, version: string): VersionRow | undefined {
  const r = s.stmt('SELECT * FROM lambda_versions WHERE account_id = ? AND region = ? AND name = ? AND version = ?').get(accountId, region, name, version) as Row | undefined;
  return r && toVersion(r);
}

export function putVersion(s: Storage, accountId: string, region: string, v: VersionRow): void {
  s.stmt(`INSERT INTO lambda_versions (account_id, region, name, version, config, code_sha, ready_at) VALUES (?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT DO UPDATE SET config = excluded.config, code_sha = excluded.code_sha, ready_at = excluded.ready_at`)
    .run(accountId, region, v.name, v.version, JSON.stringify(v.config), v.codeSha, v.readyAt);
}

export function deleteVersion(s: Storage, accountId: string, region: string, name: string, version: string): void {
  s.stmt('DELETE FROM lambda_versions WHERE account_id = ? AND region = ? AND name = ? AND version = ?').run(accountId, region, name, version);
  s.stmt('DELETE FROM lambda_event_configs WHERE account_id = ? AND region = ? AND name = ? AND qualifier = ?').run(accountId, region, name, version);
}

/** Versions of a function in AWS's order: $LATEST first, then by number. */
export function listVersions(s: Storage, accountId: string, region: string, name: string): VersionRow[] {
  return (s.stmt(`SELECT * FROM lambda_versions WHERE account_id = ? AND region = ? AND name = ?
                  ORDER BY CASE WHEN version = '$LATEST' THEN 0 ELSE 1 END, CAST(version AS INTEGER)`).all(accountId, region, name) as Row[]).map(toVersion);
}

/** One page of $LATEST configurations by function name. */
export function listLatest(s: Storage, accountId: string, region: string, after: string, limit: number): VersionRow[] {
  return (s.stmt(`SELECT * FROM lambda_versions WHERE account_id = ? AND region = ? AND version = '$LATEST' AND name > ? ORDER BY name LIMIT ?`)
    .all(accountId, region, after, limit) as Row[]).map(toVersion);
}

/** Whether any version anywhere still uses a code package (so its file may be removed). */
export function codeInUse(s: Storage, codeSha: string): boolean {
  return !!s.stmt('SELECT 1 FROM lambda_versions WHERE code_sha = ? LIMIT 1').get(codeSha)
    || !!s.stmt('SELECT 1 FROM lambda_layer_versions WHERE code_sha = ? LIMIT 1').get(codeSha)
    // A function keeps the layer versions it names, even once they are deleted (their sha is in its Layers).
    || !!s.stmt('SELECT 1 FROM lambda_versions WHERE instr(config, ?) > 0 LIMIT 1').get(`"KanriCodeSha":"${codeSha}"`);
}

export function findAlias(s: Storage, accountId: string, region: string, name: string, alias: string): Record<string, any> | undefined {
  const r = s.stmt('SELECT config FROM lambda_aliases WHERE account_id = ? AND region = ? AND name = ? AND alias = ?').get(accountId, region, name, alias) as Row | undefined;
  return r && JSON.parse(r.config);
}

export function putAlias(s: Storage, accountId: string, region: string, name: string, alias: string, config: Record<string, any>): void {
  s.stmt('INSERT INTO lambda_aliases (account_id, region, name, alias, config) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET config = excluded.config')
    .run(accountId, region, name, alias, JSON.stringify(config));
}

export function deleteAlias(s: Storage, accountId: string, region: string, name: string, alias: string): void {
  s.stmt('DELETE FROM lambda_aliases WHERE account_id = ? AND region = ? AND name = ? AND alias = ?').run(accountId, region, name, alias);
  s.stmt('DELETE FROM lambda_event_configs WHERE account_id = ? AND region = ? AND name = ? AND qualifier = ?').run(accountId, region, name, alias);
}

export function listAliases(s: Storage, accountId: string, region: string, name: string): Record<string, any>[] {
  return (s.stmt('SELECT config FROM lambda_aliases WHERE account_id = ? AND region = ? AND name = ? ORDER BY alias').all(accountId, region, name) as Row[])
    .map((r) => JSON.parse(r.config));
}

export function findEventConfig(s: Storage, accountId: string, region: string, name: string, qualifier: string): Record<string, any> | undefined {
  const r = s.stmt('SELECT config FROM lambda_event_configs WHERE account_id = ? AND region = ? AND name = ? AND qualifier = ?').get(accountId, region, name, qualifier) as Row | undefined;
  return r && JSON.parse(r.config);
}

export function putEventConfig(s: Storage, accountId: string, region: string, name: string, qualifier: string, config: Record<string, any>): void {
  s.stmt('INSERT INTO lambda_event_configs (account_id, region, name, qualifier, config) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET config = excluded.config')
    .run(accountId, region, name, qualifier, JSON.stringify(config));
}

export function deleteEventConfig(s: Storage, accountId: string, region: string, name: string, qualifier: string): void {
  s.stmt('DELETE FROM lambda_event_configs WHERE account_id = ? AND region = ? AND name = ? AND qualifier = ?').run(accountId, region, name, qualifier);
}

export function listEventConfigs(s: Storage, accountId: string, region: string, name: string): Record<string, any>[] {
  return (s.stmt('SELECT config FROM lambda_event_configs WHERE account_id = ? AND region = ? AND name = ? ORDER BY qualifier').all(accountId, region, name) as Row[])
    .map((r) => JSON.parse(r.config));
}

export interface QueuedInvocation { id: number; accountId: string; region: string; name: string; qualifier: string; payload: string; requestId: string; attempts: number; enqueuedAt: number; runAt: number }

export function enqueue(s: Storage, q: Omit<QueuedInvocation, 'id'>): number {
  return Number(s.stmt(`INSERT INTO lambda_async_queue (account_id, region, name, qualifier, payload, request_id, attempts, enqueued_at, run_at)
                         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(q.accountId, q.region, q.name, q.qualifier, q.payload, q.requestId, q.attempts, q.enqueuedAt, q.runAt).lastInsertRowid);
}

/** Queued invocations due by `now`, oldest first. */
export function dueInvocations(s: Storage, now: number, limit: number): QueuedInvocation[] {
  return (s.stmt('SELECT * FROM lambda_async_queue WHERE run_at <= ? ORDER BY run_at, id LIMIT ?').all(now, limit) as Row[]).map((r) => ({
    id: r.id, accountId: r.account_id, region: r.region, name: r.name, qualifier: r.qualifier, payload: r.payload, requestId: r.request_id,
    attempts: r.attempts, enqueuedAt: r.enqueued_at, runAt: r.run_at,
  }));
}

/** The soonest run time among queued invocations other than those given (the running ones). */
export function nextQueuedAt(s: Storage, except: number[]): number | undefined {
  const rows = s.stmt('SELECT id, run_at FROM lambda_async_queue ORDER BY run_at LIMIT ?').all(except.length + 1) as Row[];
  return rows.find((r) => !except.includes(r.id))?.run_at;
}

export function rescheduleInvocation(s: Storage, id: number, attempts: number, runAt: number): void {
  s.stmt('UPDATE lambda_async_queue SET attempts = ?, run_at = ? WHERE id = ?').run(attempts, runAt, id);
}

export function removeInvocation(s: Storage, id: number): void {
  s.stmt('DELETE FROM lambda_async_queue WHERE id = ?').run(id);
}

/** An event source mapping: its configuration as the API shows it, with State settling at readyAt. */
export interface MappingRow { uuid: string; accountId: string; region: string; name: string; eventSourceArn: string; config: Record<string, any>; readyAt: number }

function toMapping(r: Row): MappingRow {
  return { uuid: r.uuid, accountId: r.account_id, region: r.region, name: r.name, eventSourceArn: r.event_source_arn, config: JSON.parse(r.config), readyAt: r.ready_at };
}

export function putMapping(s: Storage, m: MappingRow): void {
  s.stmt(`INSERT INTO lambda_event_source_mappings (uuid, account_id, region, name, event_source_arn, config, ready_at) VALUES (?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT DO UPDATE SET name = excluded.name, config = excluded.config, ready_at = excluded.ready_at`)
    .run(m.uuid, m.accountId, m.region, m.name, m.eventSourceArn, JSON.stringify(m.config), m.readyAt);
}

export function findMapping(s: Storage, accountId: string, region: string, uuid: string): MappingRow | undefined {
  const r = s.stmt('SELECT * FROM lambda_event_source_mappings WHERE uuid = ? AND account_id = ? AND region = ?').get(uuid, accountId, region) as Row | undefined;
  return r && toMapping(r);
}

/** Any account's mapping by id (the poller's view). */
export function mappingById(s: Storage, uuid: string): MappingRow | undefined {
  const r = s.stmt('SELECT * FROM lambda_event_source_mappings WHERE uuid = ?').get(uuid) as Row | undefined;
  return r && toMapping(r);
}

export function deleteMapping(s: Storage, uuid: string): void {
  s.stmt('DELETE FROM lambda_event_source_mappings WHERE uuid = ?').run(uuid);
}

export function listMappings(s: Storage, accountId: string, region: string): MappingRow[] {
  return (s.stmt('SELECT * FROM lambda_event_source_mappings WHERE account_id = ? AND region = ? ORDER BY uuid').all(accountId, region) as Row[]).map(toMapping);
}

/** Every mapping of every account, for the poller at start-up and after changes. */
export function allMappings(s: Storage): MappingRow[] {
  return (s.stmt('SELECT * FROM lambda_event_source_mappings ORDER BY uuid').all() as Row[]).map(toMapping);
}
