// Inventory: one row per (instance, type) with the item as PutInventory stored it, the custom
// types' schemas learned from PutInventory, and DeleteInventory's deletions.
import type { Row, Storage } from '../../../storage/database';
import type { Scope } from '../store-parameters';

export const INVENTORY_MIGRATIONS = [
  `CREATE TABLE ssm_inventory_items (
     account_id TEXT NOT NULL, region TEXT NOT NULL, instance_id TEXT NOT NULL, type_name TEXT NOT NULL,
     schema_version TEXT NOT NULL, capture_time TEXT NOT NULL, content_hash TEXT, content TEXT NOT NULL,
     PRIMARY KEY (account_id, region, instance_id, type_name));
   CREATE INDEX ssm_inventory_items_type ON ssm_inventory_items (account_id, region, type_name, instance_id);
   CREATE TABLE ssm_inventory_schemas (
     account_id TEXT NOT NULL, region TEXT NOT NULL, type_name TEXT NOT NULL, version TEXT NOT NULL,
     attributes TEXT NOT NULL, disabled_version TEXT,
     PRIMARY KEY (account_id, region, type_name));
   CREATE TABLE ssm_inventory_deletions (
     account_id TEXT NOT NULL, region TEXT NOT NULL, deletion_id TEXT NOT NULL, client_token TEXT, type_name TEXT NOT NULL,
     start_time INTEGER NOT NULL, status TEXT NOT NULL, message TEXT NOT NULL, update_time INTEGER NOT NULL, summary TEXT NOT NULL,
     PRIMARY KEY (account_id, region, deletion_id));`,
];

export type Entry = Record<string, string>;

export interface ItemRow { instanceId: string; typeName: string; schemaVersion: string; captureTime: string; contentHash: string | null; content: Entry[] }

const toItem = (r: Row): ItemRow => ({
  instanceId: r.instance_id, typeName: r.type_name, schemaVersion: r.schema_version, captureTime: r.capture_time,
  contentHash: r.content_hash, content: JSON.parse(r.content),
});

export function itemsOf(storage: Storage, s: Scope, instanceId: string): ItemRow[] {
  return (storage.stmt('SELECT * FROM ssm_inventory_items WHERE account_id = ? AND region = ? AND instance_id = ? ORDER BY type_name')
    .all(s.accountId, s.region, instanceId) as Row[]).map(toItem);
}

export function findItem(storage: Storage, s: Scope, instanceId: string, typeName: string): ItemRow | undefined {
  const r = storage.stmt('SELECT * FROM ssm_inventory_items WHERE account_id = ? AND region = ? AND instance_id = ? AND type_name = ?')
    .get(s.accountId, s.region, instanceId, typeName) as Row | undefined;
  return r && toItem(r);
}

export function saveItem(storage: Storage, s: Scope, i: ItemRow): void {
  storage.stmt(`INSERT INTO ssm_inventory_items (account_id, region, instance_id, type_name, schema_version, capture_time, content_hash, content)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (account_id, region, instance_id, type_name) DO UPDATE SET schema_version = excluded.schema_version,
                  capture_time = excluded.capture_time, content_hash = excluded.content_hash, content = excluded.content`)
    .run(s.accountId, s.region, i.instanceId, i.typeName, i.schemaVersion, i.captureTime, i.contentHash, JSON.stringify(i.content));
}

/** Instances holding data of a type, with the schema version each holds. */
export function holdersOf(storage: Storage, s: Scope, typeName: string): { instanceId: string; schemaVersion: string }[] {
  return (storage.stmt('SELECT instance_id, schema_version FROM ssm_inventory_items WHERE account_id = ? AND region = ? AND type_name = ? ORDER BY instance_id')
    .all(s.accountId, s.region, typeName) as Row[]).map((r) => ({ instanceId: r.instance_id, schemaVersion: r.schema_version }));
}

export function deleteItemsOfType(storage: Storage, s: Scope, typeName: string): void {
  storage.stmt('DELETE FROM ssm_inventory_items WHERE account_id = ? AND region = ? AND type_name = ?').run(s.accountId, s.region, typeName);
}

export function deleteItemsOfInstance(storage: Storage, s: Scope, instanceId: string): void {
  storage.stmt('DELETE FROM ssm_inventory_items WHERE account_id = ? AND region = ? AND instance_id = ?').run(s.accountId, s.region, instanceId);
}

export interface CustomSchema { typeName: string; version: string; attributes: string[]; disabledVersion: string | null }

const toSchema = (r: Row): CustomSchema => ({ typeName: r.type_name, version: r.version, attributes: JSON.parse(r.attributes), disabledVersion: r.disabled_version });

export function findSchema(storage: Storage, s: Scope, typeName: string): CustomSchema | undefined {
  const r = storage.stmt('SELECT * FROM ssm_inventory_schemas WHERE account_id = ? AND region = ? AND type_name = ?').get(s.accountId, s.region, typeName) as Row | undefined;
  return r && toSchema(r);
}

export function listSchemas(storage: Storage, s: Scope): CustomSchema[] {
  return (storage.stmt('SELECT * FROM ssm_inventory_schemas WHERE account_id = ? AND region = ? ORDER BY type_name').all(s.accountId, s.region) as Row[]).map(toSchema);
}

export function saveSchema(storage: Storage, s: Scope, c: CustomSchema): void {
  storage.stmt(`INSERT INTO ssm_inventory_schemas (account_id, region, type_name, version, attributes, disabled_version) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (account_id, region, type_name) DO UPDATE SET version = excluded.version, attributes = excluded.attributes,
                  disabled_version = excluded.disabled_version`)
    .run(s.accountId, s.region, c.typeName, c.version, JSON.stringify(c.attributes), c.disabledVersion);
}

export function deleteSchemaRow(storage: Storage, s: Scope, typeName: string): void {
  storage.stmt('DELETE FROM ssm_inventory_schemas WHERE account_id = ? AND region = ? AND type_name = ?').run(s.accountId, s.region, typeName);
}

export interface DeletionRow {
  deletionId: string; clientToken: string | null; typeName: string; startTime: number; status: string; message: string; updateTime: number;
  summary: { TotalCount: number; RemainingCount: number; SummaryItems: { Version: string; Count: number; RemainingCount: number }[] };
}

const toDeletion = (r: Row): DeletionRow => ({
  deletionId: r.deletion_id, clientToken: r.client_token, typeName: r.type_name, startTime: r.start_time, status: r.status,
  message: r.message, updateTime: r.update_time, summary: JSON.parse(r.summary),
});

export function insertDeletion(storage: Storage, s: Scope, d: DeletionRow): void {
  storage.stmt(`INSERT INTO ssm_inventory_deletions (account_id, region, deletion_id, client_token, type_name, start_time, status, message, update_time, summary)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(s.accountId, s.region, d.deletionId, d.clientToken, d.typeName, d.startTime, d.status, d.message, d.updateTime, JSON.stringify(d.summary));
}

export function findDeletionByToken(storage: Storage, s: Scope, token: string): DeletionRow | undefined {
  const r = storage.stmt('SELECT * FROM ssm_inventory_deletions WHERE account_id = ? AND region = ? AND client_token = ?').get(s.accountId, s.region, token) as Row | undefined;
  return r && toDeletion(r);
}

export function listDeletions(storage: Storage, s: Scope): DeletionRow[] {
  return (storage.stmt('SELECT * FROM ssm_inventory_deletions WHERE account_id = ? AND region = ? ORDER BY start_time DESC, deletion_id')
    .all(s.accountId, s.region) as Row[]).map(toDeletion);
}
