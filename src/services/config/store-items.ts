// Configuration items: the full history (config_items, one row per state), the current item of each
// resource (config_current, what ItemSource and the list operations read) and the relationships each
// resource declares itself (config_relations; the inverse side is derived from its dst index).
import type { Row, Storage } from '../../storage/database';
import type { Scope } from './store';
import type { ConfigItem, Relationship } from './items';

export interface CurrentRow { item: ConfigItem; deleted: boolean; deletionMs?: number; createdTime?: string; stateId: number }

function toCurrent(r: Row): CurrentRow {
  return { item: JSON.parse(r.item_json), deleted: !!r.deleted, deletionMs: r.deletion_ms ?? undefined, createdTime: r.created_time ?? undefined, stateId: r.state_id };
}

export function currentItem(s: Storage, scope: Scope, type: string, id: string): CurrentRow | undefined {
  const r = s.stmt('SELECT * FROM config_current WHERE account_id = ? AND region = ? AND resource_type = ? AND resource_id = ?')
    .get(scope.accountId, scope.region, type, id) as Row | undefined;
  return r && toCurrent(r);
}

/** Stores a new state of a resource: its history row and its current row, in the caller's transaction. */
export function storeItem(s: Storage, scope: Scope, item: ConfigItem, createdTime: string | undefined): void {
  const stateId = Number(item.configurationStateId);
  const captureMs = Date.parse(item.configurationItemCaptureTime);
  const json = JSON.stringify(item);
  const deleted = item.configurationItemStatus === 'ResourceDeleted' || item.configurationItemStatus === 'ResourceDeletedNotRecorded';
  s.stmt('INSERT INTO config_items (account_id, region, resource_type, resource_id, state_id, capture_ms, status, item_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(scope.accountId, scope.region, item.resourceType, item.resourceId, stateId, captureMs, item.configurationItemStatus, json);
  s.stmt(`INSERT INTO config_current (account_id, region, resource_type, resource_id, resource_name, state_id, status, deleted, deletion_ms, created_time, item_json)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT DO UPDATE SET resource_name = COALESCE(excluded.resource_name, resource_name), state_id = excluded.state_id, status = excluded.status,
            deleted = excluded.deleted, deletion_ms = excluded.deletion_ms, created_time = COALESCE(created_time, excluded.created_time), item_json = excluded.item_json`)
    .run(scope.accountId, scope.region, item.resourceType, item.resourceId, item.resourceName ?? null, stateId, item.configurationItemStatus,
      deleted ? 1 : 0, deleted ? captureMs : null, createdTime ?? null, json);
}

export function itemHistory(s: Storage, scope: Scope, type: string, id: string, q: { fromMs: number; toMs: number; ascending: boolean; afterState?: number; limit: number }): ConfigItem[] {
  const order = q.ascending ? 'ASC' : 'DESC';
  const cmp = q.ascending ? '>' : '<';
  const rows = s.stmt(`SELECT item_json FROM config_items WHERE account_id = ? AND region = ? AND resource_type = ? AND resource_id = ?
                         AND capture_ms >= ? AND capture_ms <= ? AND state_id ${cmp} ? ORDER BY state_id ${order} LIMIT ?`)
    .all(scope.accountId, scope.region, type, id, q.fromMs, q.toMs, q.afterState ?? (q.ascending ? -1 : Number.MAX_SAFE_INTEGER), q.limit) as Row[];
  return rows.map((r) => JSON.parse(r.item_json));
}

export function hasHistory(s: Storage, scope: Scope, type: string, id: string): boolean {
  return !!s.stmt('SELECT 1 FROM config_items WHERE account_id = ? AND region = ? AND resource_type = ? AND resource_id = ? LIMIT 1').get(scope.accountId, scope.region, type, id);
}

/** Items captured in [fromMs, toMs), by type then time: the history files. */
export function itemsCapturedBetween(s: Storage, scope: Scope, fromMs: number, toMs: number): ConfigItem[] {
  const rows = s.stmt('SELECT item_json FROM config_items WHERE account_id = ? AND region = ? AND capture_ms >= ? AND capture_ms < ? ORDER BY capture_ms, state_id')
    .all(scope.accountId, scope.region, fromMs, toMs) as Row[];
  return rows.map((r) => JSON.parse(r.item_json));
}

export interface CurrentQuery { type: string; ids?: string[]; name?: string; includeDeleted: boolean; afterId?: string; limit: number }

export function listCurrent(s: Storage, scope: Scope, q: CurrentQuery): CurrentRow[] {
  const where = ['account_id = ?', 'region = ?', 'resource_type = ?', 'resource_id > ?'];
  const args: unknown[] = [scope.accountId, scope.region, q.type, q.afterId ?? ''];
  if (!q.includeDeleted) where.push('deleted = 0');
  if (q.name !== undefined) (where.push('resource_name = ?'), args.push(q.name));
  if (q.ids?.length) (where.push(`resource_id IN (${q.ids.map(() => '?').join(', ')})`), args.push(...q.ids));
  const rows = s.stmt(`SELECT * FROM config_current WHERE ${where.join(' AND ')} ORDER BY resource_id LIMIT ?`).all(...args, q.limit) as Row[];
  return rows.map(toCurrent);
}

export function countsByType(s: Storage, scope: Scope): { resourceType: string; count: number }[] {
  return (s.stmt(`SELECT resource_type, COUNT(*) AS n FROM config_current WHERE account_id = ? AND region = ? AND deleted = 0
                  GROUP BY resource_type ORDER BY n DESC, resource_type`).all(scope.accountId, scope.region) as Row[])
    .map((r) => ({ resourceType: r.resource_type, count: r.n }));
}

const PAGE = 500;

/**
 * Current items of the given types (all types when omitted) that are not deleted, read in pages by
 * key, so no statement stays open while the caller works (better-sqlite3 allows one at a time).
 */
export function* liveItems(s: Storage, scope: Scope, types?: string[]): Iterable<ConfigItem> {
  const typeFilter = types ? ` AND resource_type IN (${types.map(() => '?').join(', ')})` : '';
  const sql = `SELECT resource_type, resource_id, item_json FROM config_current WHERE account_id = ? AND region = ?${typeFilter} AND deleted = 0
               AND (resource_type, resource_id) > (?, ?) ORDER BY resource_type, resource_id LIMIT ${PAGE}`;
  let after: [string, string] = ['', ''];
  for (;;) {
    const rows = s.stmt(sql).all(scope.accountId, scope.region, ...(types ?? []), ...after) as Row[];
    for (const r of rows) yield JSON.parse(r.item_json);
    if (rows.length < PAGE) return;
    const last = rows[rows.length - 1];
    after = [last.resource_type, last.resource_id];
  }
}

export function liveItemsById(s: Storage, scope: Scope, id: string): ConfigItem[] {
  return (s.stmt('SELECT item_json FROM config_current WHERE account_id = ? AND region = ? AND resource_id = ? AND deleted = 0').all(scope.accountId, scope.region, id) as Row[])
    .map((r) => JSON.parse(r.item_json));
}

/** Every current row whose type is one of these (for the recording-group changes). */
export function currentOfTypes(s: Storage, scope: Scope, pick: (type: string) => boolean): CurrentRow[] {
  return (s.stmt('SELECT * FROM config_current WHERE account_id = ? AND region = ?').all(scope.accountId, scope.region) as Row[])
    .filter((r) => pick(r.resource_type)).map(toCurrent);
}

type Rel = { resourceType: string; resourceId: string; name: string };

export function ownRelations(s: Storage, scope: Scope, type: string, id: string): Rel[] {
  return (s.stmt('SELECT dst_type, dst_id, name FROM config_relations WHERE account_id = ? AND region = ? AND src_type = ? AND src_id = ?')
    .all(scope.accountId, scope.region, type, id) as Row[]).map((r) => ({ resourceType: r.dst_type, resourceId: r.dst_id, name: r.name }));
}

export function replaceRelations(s: Storage, scope: Scope, type: string, id: string, rels: Rel[]): void {
  s.stmt('DELETE FROM config_relations WHERE account_id = ? AND region = ? AND src_type = ? AND src_id = ?').run(scope.accountId, scope.region, type, id);
  const insert = s.stmt('INSERT OR IGNORE INTO config_relations (account_id, region, src_type, src_id, dst_type, dst_id, name) VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (const r of rels) insert.run(scope.accountId, scope.region, type, id, r.resourceType, r.resourceId, r.name);
}

/** Relationships other resources declare towards this one: (their type, their id, the name they gave). */
export function incomingRelations(s: Storage, scope: Scope, type: string, id: string): Rel[] {
  return (s.stmt('SELECT src_type, src_id, name FROM config_relations WHERE account_id = ? AND region = ? AND dst_type = ? AND dst_id = ? ORDER BY src_type, src_id')
    .all(scope.accountId, scope.region, type, id) as Row[]).map((r) => ({ resourceType: r.src_type, resourceId: r.src_id, name: r.name }));
}

export function resourceNameOf(s: Storage, scope: Scope, type: string, id: string): string | undefined {
  return (s.stmt('SELECT resource_name FROM config_current WHERE account_id = ? AND region = ? AND resource_type = ? AND resource_id = ?')
    .get(scope.accountId, scope.region, type, id) as Row | undefined)?.resource_name ?? undefined;
}

export type { Relationship };
