// OpsCenter: one row per OpsItem (the item as JSON, with the columns DescribeOpsItems sorts by)
// and one per related item.
import type { Row, Storage } from '../../storage/database';
import type { Scope } from './store-parameters';

export const OPSITEM_MIGRATIONS = [
  `CREATE TABLE ssm_ops_items (
     account_id TEXT NOT NULL, region TEXT NOT NULL, ops_item_id TEXT NOT NULL, created_at INTEGER NOT NULL, item TEXT NOT NULL,
     PRIMARY KEY (account_id, region, ops_item_id));
   CREATE INDEX ssm_ops_items_created ON ssm_ops_items (account_id, region, created_at, ops_item_id);
   CREATE TABLE ssm_ops_related (
     account_id TEXT NOT NULL, region TEXT NOT NULL, ops_item_id TEXT NOT NULL, association_id TEXT NOT NULL,
     association_type TEXT NOT NULL, resource_type TEXT NOT NULL, resource_uri TEXT NOT NULL,
     created_at INTEGER NOT NULL, created_by TEXT NOT NULL,
     PRIMARY KEY (account_id, region, ops_item_id, association_id));`,
];

/** An OpsItem as stored: times in ms, OperationalData as the API shows it. */
export interface OpsItemRecord {
  OpsItemId: string; Title: string; Description: string; Source: string; Status: string; OpsItemType: string;
  CreatedBy: string; CreatedTime: number; LastModifiedBy: string; LastModifiedTime: number; Version: number;
  Priority?: number; Severity?: string; Category?: string;
  OperationalData: Record<string, { Type?: string; Value?: string }>;
  Notifications: { Arn?: string }[]; RelatedOpsItems: { OpsItemId: string }[];
  ActualStartTime?: number; ActualEndTime?: number; PlannedStartTime?: number; PlannedEndTime?: number;
}

export function findOpsItem(storage: Storage, s: Scope, id: string): OpsItemRecord | undefined {
  const r = storage.stmt('SELECT item FROM ssm_ops_items WHERE account_id = ? AND region = ? AND ops_item_id = ?').get(s.accountId, s.region, id) as Row | undefined;
  return r && JSON.parse(r.item);
}

export function saveOpsItem(storage: Storage, s: Scope, item: OpsItemRecord): void {
  storage.stmt(`INSERT INTO ssm_ops_items (account_id, region, ops_item_id, created_at, item) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (account_id, region, ops_item_id) DO UPDATE SET item = excluded.item`)
    .run(s.accountId, s.region, item.OpsItemId, item.CreatedTime, JSON.stringify(item));
}

export function deleteOpsItemRows(storage: Storage, s: Scope, id: string): void {
  storage.stmt('DELETE FROM ssm_ops_items WHERE account_id = ? AND region = ? AND ops_item_id = ?').run(s.accountId, s.region, id);
  storage.stmt('DELETE FROM ssm_ops_related WHERE account_id = ? AND region = ? AND ops_item_id = ?').run(s.accountId, s.region, id);
  storage.stmt("DELETE FROM ssm_tags WHERE account_id = ? AND region = ? AND resource_type = 'OpsItem' AND resource_id = ?").run(s.accountId, s.region, id);
}

/** OpsItems newest first, before a (created_at, id) position. */
export function listOpsItems(storage: Storage, s: Scope, before: [number, string] | undefined, limit: number): OpsItemRecord[] {
  const rows = before
    ? storage.stmt(`SELECT item FROM ssm_ops_items WHERE account_id = ? AND region = ? AND (created_at < ? OR (created_at = ? AND ops_item_id < ?))
                    ORDER BY created_at DESC, ops_item_id DESC LIMIT ?`).all(s.accountId, s.region, before[0], before[0], before[1], limit)
    : storage.stmt('SELECT item FROM ssm_ops_items WHERE account_id = ? AND region = ? ORDER BY created_at DESC, ops_item_id DESC LIMIT ?').all(s.accountId, s.region, limit);
  return (rows as Row[]).map((r) => JSON.parse(r.item));
}

export interface RelatedRow { associationId: string; associationType: string; resourceType: string; resourceUri: string; createdAt: number; createdBy: string }

export function relatedItems(storage: Storage, s: Scope, opsItemId: string): RelatedRow[] {
  return (storage.stmt('SELECT * FROM ssm_ops_related WHERE account_id = ? AND region = ? AND ops_item_id = ? ORDER BY created_at, association_id')
    .all(s.accountId, s.region, opsItemId) as Row[]).map((r) => ({
    associationId: r.association_id, associationType: r.association_type, resourceType: r.resource_type, resourceUri: r.resource_uri, createdAt: r.created_at, createdBy: r.created_by,
  }));
}

export function insertRelated(storage: Storage, s: Scope, opsItemId: string, r: RelatedRow): void {
  storage.stmt(`INSERT INTO ssm_ops_related (account_id, region, ops_item_id, association_id, association_type, resource_type, resource_uri, created_at, created_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(s.accountId, s.region, opsItemId, r.associationId, r.associationType, r.resourceType, r.resourceUri, r.createdAt, r.createdBy);
}

export function deleteRelated(storage: Storage, s: Scope, opsItemId: string, associationId: string): boolean {
  return storage.stmt('DELETE FROM ssm_ops_related WHERE account_id = ? AND region = ? AND ops_item_id = ? AND association_id = ?')
    .run(s.accountId, s.region, opsItemId, associationId).changes > 0;
}
