// Parameter Store's tables. ssm_parameters holds each parameter's current version (read by
// primary key; a path index serves OneLevel queries and the key's order serves Recursive ones),
// ssm_parameter_versions every kept version with its labels. Values of SecureStrings are stored
// only as KMS ciphertext (base64).
import type { Row, Storage } from '../../storage/database';

export const PARAMETER_MIGRATIONS = [
  `CREATE TABLE ssm_parameters (
     account_id TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL, display_name TEXT NOT NULL, path TEXT NOT NULL,
     type TEXT NOT NULL, data_type TEXT NOT NULL, key_id TEXT, value TEXT NOT NULL, version INTEGER NOT NULL,
     modified_at INTEGER NOT NULL, modified_user TEXT NOT NULL, description TEXT, allowed_pattern TEXT,
     tier TEXT NOT NULL, policies TEXT, policy_due INTEGER,
     PRIMARY KEY (account_id, region, name));
   CREATE INDEX ssm_parameters_path ON ssm_parameters (account_id, region, path, name);
   CREATE INDEX ssm_parameters_policy_due ON ssm_parameters (policy_due) WHERE policy_due IS NOT NULL;
   CREATE TABLE ssm_parameter_versions (
     account_id TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL, version INTEGER NOT NULL,
     type TEXT NOT NULL, data_type TEXT NOT NULL, key_id TEXT, value TEXT NOT NULL,
     modified_at INTEGER NOT NULL, modified_user TEXT NOT NULL, description TEXT, allowed_pattern TEXT,
     tier TEXT NOT NULL, policies TEXT, labels TEXT NOT NULL DEFAULT '[]',
     PRIMARY KEY (account_id, region, name, version));
   CREATE TABLE ssm_parameter_counts (
     account_id TEXT NOT NULL, region TEXT NOT NULL, tier TEXT NOT NULL, count INTEGER NOT NULL,
     PRIMARY KEY (account_id, region, tier));
   CREATE TABLE ssm_tags (
     account_id TEXT NOT NULL, region TEXT NOT NULL, resource_type TEXT NOT NULL, resource_id TEXT NOT NULL,
     tag_key TEXT NOT NULL, tag_value TEXT NOT NULL,
     PRIMARY KEY (account_id, region, resource_type, resource_id, tag_key));`,
];

/** One version of a parameter, as both tables hold it. */
export interface VersionRow {
  name: string;
  version: number;
  type: string;
  dataType: string;
  keyId: string | null;
  value: string;
  modifiedAt: number;
  modifiedUser: string;
  description: string | null;
  allowedPattern: string | null;
  tier: string;
  /** The policies' JSON (an array of {Type, Version, Attributes, Status}). */
  policies: string | null;
}

export interface ParameterRow extends VersionRow {
  displayName: string;
  path: string;
  policyDue: number | null;
}

export interface Scope { accountId: string; region: string }

function toVersion(r: Row): VersionRow {
  return {
    name: r.name, version: r.version, type: r.type, dataType: r.data_type, keyId: r.key_id, value: r.value, modifiedAt: r.modified_at,
    modifiedUser: r.modified_user, description: r.description, allowedPattern: r.allowed_pattern, tier: r.tier, policies: r.policies,
  };
}

export function toParameter(r: Row): ParameterRow {
  return { ...toVersion(r), displayName: r.display_name, path: r.path, policyDue: r.policy_due };
}

export function findParameter(storage: Storage, s: Scope, key: string): ParameterRow | undefined {
  const r = storage.stmt('SELECT * FROM ssm_parameters WHERE account_id = ? AND region = ? AND name = ?').get(s.accountId, s.region, key) as Row | undefined;
  return r && toParameter(r);
}

/** What a read of the current version needs (GetParameter's hot path): fewer columns, less to copy. */
export type CurrentValue = Pick<ParameterRow, 'name' | 'displayName' | 'version' | 'type' | 'dataType' | 'keyId' | 'value' | 'modifiedAt'>;

export function findCurrentValue(storage: Storage, s: Scope, key: string): CurrentValue | undefined {
  // Raw (an array per row): no object with column names is built for a row we copy straight away.
  const r = storage.stmt('SELECT name, display_name, version, type, data_type, key_id, value, modified_at FROM ssm_parameters WHERE account_id = ? AND region = ? AND name = ?')
    .raw(true).get(s.accountId, s.region, key) as unknown[] | undefined;
  return r && {
    name: r[0] as string, displayName: r[1] as string, version: r[2] as number, type: r[3] as string, dataType: r[4] as string,
    keyId: r[5] as string | null, value: r[6] as string, modifiedAt: r[7] as number,
  };
}

export function upsertParameter(storage: Storage, s: Scope, p: ParameterRow): void {
  storage.stmt(`INSERT INTO ssm_parameters (account_id, region, name, display_name, path, type, data_type, key_id, value, version, modified_at,
                  modified_user, description, allowed_pattern, tier, policies, policy_due) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (account_id, region, name) DO UPDATE SET type = excluded.type, data_type = excluded.data_type, key_id = excluded.key_id,
                  value = excluded.value, version = excluded.version, modified_at = excluded.modified_at, modified_user = excluded.modified_user,
                  description = excluded.description, allowed_pattern = excluded.allowed_pattern, tier = excluded.tier,
                  policies = excluded.policies, policy_due = excluded.policy_due`)
    .run(s.accountId, s.region, p.name, p.displayName, p.path, p.type, p.dataType, p.keyId, p.value, p.version, p.modifiedAt, p.modifiedUser,
      p.description, p.allowedPattern, p.tier, p.policies, p.policyDue);
}

export function setPolicies(storage: Storage, s: Scope, key: string, policies: string | null, due: number | null): void {
  storage.stmt('UPDATE ssm_parameters SET policies = ?, policy_due = ? WHERE account_id = ? AND region = ? AND name = ?').run(policies, due, s.accountId, s.region, key);
}

export function insertVersion(storage: Storage, s: Scope, v: VersionRow): void {
  storage.stmt(`INSERT INTO ssm_parameter_versions (account_id, region, name, version, type, data_type, key_id, value, modified_at, modified_user,
                  description, allowed_pattern, tier, policies) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(s.accountId, s.region, v.name, v.version, v.type, v.dataType, v.keyId, v.value, v.modifiedAt, v.modifiedUser, v.description,
      v.allowedPattern, v.tier, v.policies);
}

export interface LabelledVersion extends VersionRow { labels: string[] }

function toLabelled(r: Row): LabelledVersion {
  return { ...toVersion(r), labels: JSON.parse(r.labels) };
}

export function findVersion(storage: Storage, s: Scope, key: string, version: number): LabelledVersion | undefined {
  const r = storage.stmt('SELECT * FROM ssm_parameter_versions WHERE account_id = ? AND region = ? AND name = ? AND version = ?')
    .get(s.accountId, s.region, key, version) as Row | undefined;
  return r && toLabelled(r);
}

/** Versions in ascending order, from `after` on (at most 100 are kept). */
export function listVersions(storage: Storage, s: Scope, key: string, after = 0, limit = 1000): LabelledVersion[] {
  return (storage.stmt('SELECT * FROM ssm_parameter_versions WHERE account_id = ? AND region = ? AND name = ? AND version > ? ORDER BY version LIMIT ?')
    .all(s.accountId, s.region, key, after, limit) as Row[]).map(toLabelled);
}

/** The versions that carry any label (a label search reads these few, not every version). */
export function labelledVersions(storage: Storage, s: Scope, key: string): LabelledVersion[] {
  return (storage.stmt("SELECT * FROM ssm_parameter_versions WHERE account_id = ? AND region = ? AND name = ? AND labels != '[]' ORDER BY version")
    .all(s.accountId, s.region, key) as Row[]).map(toLabelled);
}

export function setLabels(storage: Storage, s: Scope, key: string, version: number, labels: string[]): void {
  storage.stmt('UPDATE ssm_parameter_versions SET labels = ? WHERE account_id = ? AND region = ? AND name = ? AND version = ?')
    .run(JSON.stringify(labels), s.accountId, s.region, key, version);
}

export function versionCount(storage: Storage, s: Scope, key: string): { count: number; oldest: number } {
  const r = storage.stmt('SELECT COUNT(*) AS count, MIN(version) AS oldest FROM ssm_parameter_versions WHERE account_id = ? AND region = ? AND name = ?')
    .get(s.accountId, s.region, key) as Row;
  return { count: r.count, oldest: r.oldest };
}

export function deleteVersion(storage: Storage, s: Scope, key: string, version: number): void {
  storage.stmt('DELETE FROM ssm_parameter_versions WHERE account_id = ? AND region = ? AND name = ? AND version = ?').run(s.accountId, s.region, key, version);
}

export function deleteParameterRows(storage: Storage, s: Scope, key: string): void {
  storage.stmt('DELETE FROM ssm_parameters WHERE account_id = ? AND region = ? AND name = ?').run(s.accountId, s.region, key);
  storage.stmt('DELETE FROM ssm_parameter_versions WHERE account_id = ? AND region = ? AND name = ?').run(s.accountId, s.region, key);
  storage.stmt("DELETE FROM ssm_tags WHERE account_id = ? AND region = ? AND resource_type = 'Parameter' AND resource_id = ?").run(s.accountId, s.region, key);
}

/** Parameters counted per tier, kept as a counter so a create does not count the table. */
export function tierCount(storage: Storage, s: Scope, tier: string): number {
  const r = storage.stmt('SELECT count FROM ssm_parameter_counts WHERE account_id = ? AND region = ? AND tier = ?').get(s.accountId, s.region, tier) as Row | undefined;
  return r?.count ?? 0;
}

export function addToTierCount(storage: Storage, s: Scope, tier: string, delta: number): void {
  storage.stmt(`INSERT INTO ssm_parameter_counts (account_id, region, tier, count) VALUES (?, ?, ?, ?)
                ON CONFLICT (account_id, region, tier) DO UPDATE SET count = count + excluded.count`).run(s.accountId, s.region, tier, delta);
}

/** Current parameters in one path (OneLevel), after a key, in key order. */
export function parametersInPath(storage: Storage, s: Scope, path: string, after: string, limit: number): ParameterRow[] {
  return (storage.stmt('SELECT * FROM ssm_parameters WHERE account_id = ? AND region = ? AND path = ? AND name > ? ORDER BY name LIMIT ?')
    .all(s.accountId, s.region, path, after, limit) as Row[]).map(toParameter);
}

/** Current parameters whose key lies in [from, to), after a key, in key order (a prefix range on the primary key). */
export function parametersInRange(storage: Storage, s: Scope, from: string, to: string | null, after: string, limit: number): ParameterRow[] {
  const low = after > from ? after : from;
  const op = after >= from ? '>' : '>=';
  const sql = `SELECT * FROM ssm_parameters WHERE account_id = ? AND region = ? AND name ${op} ?${to === null ? '' : ' AND name < ?'} ORDER BY name LIMIT ?`;
  const args: unknown[] = [s.accountId, s.region, low];
  if (to !== null) args.push(to);
  args.push(limit);
  return (storage.stmt(sql).all(...args) as Row[]).map(toParameter);
}

export function parametersWithPolicies(storage: Storage): (ParameterRow & Scope)[] {
  return (storage.stmt('SELECT * FROM ssm_parameters WHERE policy_due IS NOT NULL').all() as Row[])
    .map((r) => ({ ...toParameter(r), accountId: r.account_id, region: r.region }));
}

// Tags of any SSM resource (Parameter, Document, OpsItem ...), by its type and id.

export function tagsOf(storage: Storage, s: Scope, type: string, id: string): { Key: string; Value: string }[] {
  return (storage.stmt('SELECT tag_key, tag_value FROM ssm_tags WHERE account_id = ? AND region = ? AND resource_type = ? AND resource_id = ? ORDER BY tag_key')
    .all(s.accountId, s.region, type, id) as Row[]).map((r) => ({ Key: r.tag_key, Value: r.tag_value }));
}

export function putTag(storage: Storage, s: Scope, type: string, id: string, key: string, value: string): void {
  storage.stmt(`INSERT INTO ssm_tags (account_id, region, resource_type, resource_id, tag_key, tag_value) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (account_id, region, resource_type, resource_id, tag_key) DO UPDATE SET tag_value = excluded.tag_value`)
    .run(s.accountId, s.region, type, id, key, value);
}

export function removeTag(storage: Storage, s: Scope, type: string, id: string, key: string): void {
  storage.stmt('DELETE FROM ssm_tags WHERE account_id = ? AND region = ? AND resource_type = ? AND resource_id = ? AND tag_key = ?').run(s.accountId, s.region, type, id, key);
}

export function removeAllTags(storage: Storage, s: Scope, type: string, id: string): void {
  storage.stmt('DELETE FROM ssm_tags WHERE account_id = ? AND region = ? AND resource_type = ? AND resource_id = ?').run(s.accountId, s.region, type, id);
}
