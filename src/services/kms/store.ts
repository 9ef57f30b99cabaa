// KMS's tables: keys, their versions of key material, and their tags. Aliases and grants are in
// store-links.ts. Key material stays in the data folder's database and nowhere else.
import type { Row, Storage } from '../../storage/database';

export const KMS_MIGRATIONS = [
  `CREATE TABLE kms_keys (
     account_id TEXT NOT NULL, region TEXT NOT NULL, key_id TEXT NOT NULL,
     description TEXT NOT NULL, key_state TEXT NOT NULL, key_manager TEXT NOT NULL,
     created_at INTEGER NOT NULL, deletion_at INTEGER, policy TEXT NOT NULL,
     current_version INTEGER NOT NULL, current_material_id TEXT NOT NULL,
     rotation_period INTEGER, rotated_at INTEGER,
     PRIMARY KEY (account_id, region, key_id));
   CREATE INDEX kms_keys_timers ON kms_keys (key_state, rotation_period);
   CREATE TABLE kms_key_material (
     account_id TEXT NOT NULL, region TEXT NOT NULL, key_id TEXT NOT NULL, version INTEGER NOT NULL,
     material_id TEXT NOT NULL, material BLOB NOT NULL, created_at INTEGER NOT NULL, rotation_type TEXT,
     PRIMARY KEY (account_id, region, key_id, version));
   CREATE TABLE kms_tags (
     account_id TEXT NOT NULL, region TEXT NOT NULL, key_id TEXT NOT NULL, tag_key TEXT NOT NULL, tag_value TEXT NOT NULL,
     PRIMARY KEY (account_id, region, key_id, tag_key));
   CREATE TABLE kms_aliases (
     account_id TEXT NOT NULL, region TEXT NOT NULL, alias_name TEXT NOT NULL, key_id TEXT NOT NULL,
     created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
     PRIMARY KEY (account_id, region, alias_name));
   CREATE INDEX kms_aliases_key ON kms_aliases (account_id, region, key_id);
   CREATE TABLE kms_grants (
     account_id TEXT NOT NULL, region TEXT NOT NULL, grant_id TEXT NOT NULL, key_id TEXT NOT NULL,
     name TEXT, grantee TEXT NOT NULL, retiring TEXT, operations TEXT NOT NULL, constraints TEXT,
     created_at INTEGER NOT NULL,
     PRIMARY KEY (account_id, region, grant_id));
   CREATE INDEX kms_grants_key ON kms_grants (account_id, region, key_id, grant_id);
   CREATE INDEX kms_grants_retiring ON kms_grants (account_id, region, retiring, grant_id);`,
];

export type KeyState = 'Enabled' | 'Disabled' | 'PendingDeletion';

export interface KeyRow {
  accountId: string;
  region: string;
  keyId: string;
  description: string;
  keyState: KeyState;
  keyManager: 'CUSTOMER' | 'AWS';
  createdAt: number;
  deletionAt: number | null;
  policy: string;
  currentVersion: number;
  currentMaterialId: string;
  /** Days between automatic rotations; null while rotation is off. */
  rotationPeriod: number | null;
  /** When the automatic rotation schedule last started or fired. */
  rotatedAt: number | null;
}

function toKey(r: Row): KeyRow {
  return {
    accountId: r.account_id, region: r.region, keyId: r.key_id, description: r.description, keyState: r.key_state,
    keyManager: r.key_manager, createdAt: r.created_at, deletionAt: r.deletion_at, policy: r.policy,
    currentVersion: r.current_version, currentMaterialId: r.current_material_id, rotationPeriod: r.rotation_period, rotatedAt: r.rotated_at,
  };
}

export function insertKey(storage: Storage, k: KeyRow): void {
  storage.stmt(`INSERT INTO kms_keys (account_id, region, key_id, description, key_state, key_manager, created_at, deletion_at, policy,
                  current_version, current_material_id, rotation_period, rotated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(k.accountId, k.region, k.keyId, k.description, k.keyState, k.keyManager, k.createdAt, k.deletionAt, k.policy,
      k.currentVersion, k.currentMaterialId, k.rotationPeriod, k.rotatedAt);
}

/** Writes every mutable column of a key. */
export function updateKey(storage: Storage, k: KeyRow): void {
  storage.stmt(`UPDATE kms_keys SET description = ?, key_state = ?, deletion_at = ?, policy = ?, current_version = ?,
                  current_material_id = ?, rotation_period = ?, rotated_at = ? WHERE account_id = ? AND region = ? AND key_id = ?`)
    .run(k.description, k.keyState, k.deletionAt, k.policy, k.currentVersion, k.currentMaterialId, k.rotationPeriod, k.rotatedAt,
      k.accountId, k.region, k.keyId);
}

export function findKey(storage: Storage, accountId: string, region: string, keyId: string): KeyRow | undefined {
  const r = storage.stmt('SELECT * FROM kms_keys WHERE account_id = ? AND region = ? AND key_id = ?').get(accountId, region, keyId) as Row | undefined;
  return r && toKey(r);
}

/** One page of key ids after the given one, in id order. */
export function listKeyIds(storage: Storage, accountId: string, region: string, after: string, limit: number): string[] {
  return (storage.stmt('SELECT key_id FROM kms_keys WHERE account_id = ? AND region = ? AND key_id > ? ORDER BY key_id LIMIT ?')
    .all(accountId, region, after, limit) as Row[]).map((r) => r.key_id);
}

/** Keys with a timer: pending deletion or rotating automatically (all accounts, at start-up). */
export function keysWithTimers(storage: Storage): KeyRow[] {
  return (storage.stmt("SELECT * FROM kms_keys WHERE key_state = 'PendingDeletion' OR rotation_period IS NOT NULL").all() as Row[]).map(toKey);
}

/** Removes a key and everything that hangs off it. */
export function deleteKeyAndDependents(storage: Storage, accountId: string, region: string, keyId: string): void {
  for (const table of ['kms_key_material', 'kms_tags', 'kms_aliases', 'kms_grants', 'kms_keys']) {
    storage.stmt(`DELETE FROM ${table} WHERE account_id = ? AND region = ? AND key_id = ?`).run(accountId, region, keyId);
  }
}

export interface MaterialRow { version: number; materialId: string; material: Buffer; createdAt: number; rotationType: string | null }

export function insertMaterial(storage: Storage, accountId: string, region: string, keyId: string, m: MaterialRow): void {
  storage.stmt('INSERT INTO kms_key_material (account_id, region, key_id, version, material_id, material, created_at, rotation_type) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(accountId, region, keyId, m.version, m.materialId, m.material, m.createdAt, m.rotationType);
}

export function findMaterial(storage: Storage, accountId: string, region: string, keyId: string, version: number): MaterialRow | undefined {
  const r = storage.stmt('SELECT * FROM kms_key_material WHERE account_id = ? AND region = ? AND key_id = ? AND version = ?')
    .get(accountId, region, keyId, version) as Row | undefined;
  return r && { version: r.version, materialId: r.material_id, material: r.material, createdAt: r.created_at, rotationType: r.rotation_type };
}

/** Rotations (every version after the first), without the material itself. */
export function listRotations(storage: Storage, accountId: string, region: string, keyId: string, afterVersion: number, limit: number) {
  return (storage.stmt(`SELECT version, material_id, created_at, rotation_type FROM kms_key_material
                         WHERE account_id = ? AND region = ? AND key_id = ? AND version > ? ORDER BY version LIMIT ?`)
    .all(accountId, region, keyId, Math.max(afterVersion, 1), limit) as Row[])
    .map((r) => ({ version: r.version as number, materialId: r.material_id as string, createdAt: r.created_at as number, rotationType: r.rotation_type as string }));
}

export function countOnDemandRotations(storage: Storage, accountId: string, region: string, keyId: string): number {
  return (storage.stmt("SELECT COUNT(*) AS n FROM kms_key_material WHERE account_id = ? AND region = ? AND key_id = ? AND rotation_type = 'ON_DEMAND'")
    .get(accountId, region, keyId) as Row).n;
}

export function putTag(storage: Storage, accountId: string, region: string, keyId: string, key: string, value: string): void {
  storage.stmt('INSERT INTO kms_tags (account_id, region, key_id, tag_key, tag_value) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET tag_value = excluded.tag_value')
    .run(accountId, region, keyId, key, value);
}

export function deleteTag(storage: Storage, accountId: string, region: string, keyId: string, key: string): void {
  storage.stmt('DELETE FROM kms_tags WHERE account_id = ? AND region = ? AND key_id = ? AND tag_key = ?').run(accountId, region, keyId, key);
}

export function listTags(storage: Storage, accountId: string, region: string, keyId: string, after: string, limit: number): { key: string; value: string }[] {
  return (storage.stmt('SELECT tag_key, tag_value FROM kms_tags WHERE account_id = ? AND region = ? AND key_id = ? AND tag_key > ? ORDER BY tag_key LIMIT ?')
    .all(accountId, region, keyId, after, limit) as Row[]).map((r) => ({ key: r.tag_key, value: r.tag_value }));
}

export function countTags(storage: Storage, accountId: string, region: string, keyId: string): number {
  return (storage.stmt('SELECT COUNT(*) AS n FROM kms_tags WHERE account_id = ? AND region = ? AND key_id = ?').get(accountId, region, keyId) as Row).n;
}
