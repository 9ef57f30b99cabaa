// The resource index: the current description of every resource any service has emitted a change
// for, kept in the change's own transaction. The outbox is pruned once read, so whatever needs
// "what exists now" reads this: Config's discovery when a recorder starts, the tagging API,
// Resource Groups. A new resource type needs nothing here: emitting its changes is enough. A service
// that keeps its resources' state itself (EC2) can describe them on demand instead (describeWith):
// its rows then hold no description, and each change skips writing one.
import type { Row, Storage } from '../storage/database';
import type { ResourceChange } from './events';

export interface IndexedResource {
  accountId: string;
  region: string;
  service: string;
  resourceType: string;
  resourceId: string;
  arn?: string;
  resourceName?: string;
  /** Read on first use (a describing service is asked then); undefined when that service no longer has the resource. */
  description: Record<string, unknown> | undefined;
  relationships: { resourceType: string; resourceId: string; name: string }[];
  tags: Record<string, string>;
  createdTime: string;
  updatedTime: string;
}

export interface ResourceQuery {
  accountId: string;
  region?: string;
  /** Several regions (a regional API that also shows global resources); ignored when region is set. */
  regions?: string[];
  resourceTypes?: string[];
  /** Every filter must match: a key with no values means the key is present. */
  tagFilters?: { key: string; values?: string[] }[];
}

export const RESOURCE_INDEX_MIGRATIONS = [
  `CREATE TABLE resource_index (
     account_id TEXT NOT NULL, region TEXT NOT NULL, resource_type TEXT NOT NULL, resource_id TEXT NOT NULL,
     service TEXT NOT NULL, arn TEXT, resource_name TEXT, description_json TEXT NOT NULL,
     relationships_json TEXT, tags_json TEXT NOT NULL, created_time TEXT NOT NULL, updated_time TEXT NOT NULL,
     PRIMARY KEY (account_id, resource_type, resource_id, region)) WITHOUT ROWID;
   CREATE TABLE resource_index_tags (
     account_id TEXT NOT NULL, region TEXT NOT NULL, resource_type TEXT NOT NULL, resource_id TEXT NOT NULL,
     key TEXT NOT NULL, value TEXT NOT NULL,
     PRIMARY KEY (account_id, resource_type, resource_id, region, key)) WITHOUT ROWID;
   CREATE INDEX resource_index_tags_by_key ON resource_index_tags (account_id, key, value);`,
  'CREATE INDEX resource_index_by_arn ON resource_index (arn)',
  // A rowid table: a description of a few KB fits in one table leaf (an index b-tree, as WITHOUT
  // ROWID rows are, keeps ~1 KB locally and spills the rest to overflow pages), a new resource is
  // appended, and an update rewrites its one leaf. The key moves to a unique index; the ARN index
  // holds (arn, rowid) only. The small columns come first so reading tags or the ARN stops early.
  `CREATE TABLE resource_index_v2 (
     account_id TEXT NOT NULL, region TEXT NOT NULL, resource_type TEXT NOT NULL, resource_id TEXT NOT NULL,
     service TEXT NOT NULL, arn TEXT, resource_name TEXT, tags_json TEXT NOT NULL, created_time TEXT NOT NULL, updated_time TEXT NOT NULL,
     relationships_json TEXT, description_json TEXT NOT NULL);
   INSERT INTO resource_index_v2 (account_id, region, resource_type, resource_id, service, arn, resource_name, tags_json, created_time, updated_time, relationships_json, description_json)
     SELECT account_id, region, resource_type, resource_id, service, arn, resource_name, tags_json, created_time, updated_time, relationships_json, description_json
     FROM resource_index ORDER BY account_id, resource_type, resource_id, region;
   DROP TABLE resource_index;
   ALTER TABLE resource_index_v2 RENAME TO resource_index;
   CREATE UNIQUE INDEX resource_index_key ON resource_index (account_id, resource_type, resource_id, region);
   CREATE INDEX resource_index_by_arn ON resource_index (arn);`,
  // description_json NULL: the service describes the resource when asked (describeWith).
  `CREATE TABLE resource_index_v3 (
     account_id TEXT NOT NULL, region TEXT NOT NULL, resource_type TEXT NOT NULL, resource_id TEXT NOT NULL,
     service TEXT NOT NULL, arn TEXT, resource_name TEXT, tags_json TEXT NOT NULL, created_time TEXT NOT NULL, updated_time TEXT NOT NULL,
     relationships_json TEXT, description_json TEXT);
   INSERT INTO resource_index_v3 (rowid, account_id, region, resource_type, resource_id, service, arn, resource_name, tags_json, created_time, updated_time, relationships_json, description_json)
     SELECT rowid, account_id, region, resource_type, resource_id, service, arn, resource_name, tags_json, created_time, updated_time, relationships_json, description_json
     FROM resource_index ORDER BY rowid;
   DROP TABLE resource_index;
   ALTER TABLE resource_index_v3 RENAME TO resource_index;
   CREATE UNIQUE INDEX resource_index_key ON resource_index (account_id, resource_type, resource_id, region);
   CREATE INDEX resource_index_by_arn ON resource_index (arn);`,
];

/** A service's current description of one of its resources, as its changes' after text would read; undefined if gone. */
export type Describer = (accountId: string, region: string, resourceType: string, resourceId: string) => Record<string, unknown> | undefined;

export class ResourceIndex {
  private describers = new Map<string, Describer>();

  /** `load`: loads a service's plugin, whose init registers its describer (rows outlive a restart). */
  constructor(private readonly storage: Storage, private readonly load?: (service: string) => void) {
    storage.migrate('resource_index', RESOURCE_INDEX_MIGRATIONS);
  }

  /** The service describes its resources when a reader asks: its changes store no description. */
  describeWith(service: string, describer: Describer): void {
    this.describers.set(service, describer);
  }

  /**
   * Applies one change; runs inside the change's transaction (called by the outbox). `afterJson`
   * gives after's text, asked only for a service that does not describe its resources.
   */
  apply(change: ResourceChange, afterJson: () => string | null): void {
    const key = [change.accountId, change.resourceType, change.resourceId, change.region];
    if (change.after == null) {
      this.storage.stmt('DELETE FROM resource_index_tags WHERE account_id = ? AND resource_type = ? AND resource_id = ? AND region = ?').run(...key);
      this.storage.stmt('DELETE FROM resource_index WHERE account_id = ? AND resource_type = ? AND resource_id = ? AND region = ?').run(...key);
      return;
    }
    const tags = tagsOf(change.after);
    const tagsJson = JSON.stringify(tags);
    const relationshipsJson = change.relationships ? JSON.stringify(change.relationships) : null;
    const description = this.describers.has(change.service) ? null : afterJson();
    // A create is an insert that finds no row; most updates keep the ARN and the tags, so they are
    // one update that finds them unchanged. Neither reads first.
    if (change.before == null && this.insert(change, key, description, relationshipsJson, tags, tagsJson)) return;
    const row = [change.resourceName ?? null, description, relationshipsJson];
    const kept = this.storage
      // updated_time moves only when the row does: a change it records nothing of (an EC2 state change,
      // whose description EC2 keeps) then rewrites identical bytes, which SQLite leaves unwritten.
      .stmt(`UPDATE resource_index SET updated_time = IIF(resource_name IS ? AND description_json IS ? AND relationships_json IS ?, updated_time, ?),
               resource_name = ?, description_json = ?, relationships_json = ?
             WHERE account_id = ? AND resource_type = ? AND resource_id = ? AND region = ? AND tags_json = ? AND arn IS ?`)
      .run(...row, change.time, ...row, ...key, tagsJson, change.arn ?? null);
    if (kept.changes) return;
    const stored = this.storage.stmt('SELECT rowid, arn, tags_json FROM resource_index WHERE account_id = ? AND resource_type = ? AND resource_id = ? AND region = ?')
      .get(...key) as Row | undefined;
    if (!stored) return void this.insert(change, key, description, relationshipsJson, tags, tagsJson);
    // The same tags as stored (most changes) leave the tag rows as they are.
    if (stored.tags_json !== tagsJson) {
      this.storage.stmt('DELETE FROM resource_index_tags WHERE account_id = ? AND resource_type = ? AND resource_id = ? AND region = ?').run(...key);
      this.insertTags(key, tags);
    }
    // Assigning the ARN, even its own value, would rewrite its index entry: only when it changed.
    if (stored.arn !== (change.arn ?? null)) this.storage.stmt('UPDATE resource_index SET arn = ? WHERE rowid = ?').run(change.arn ?? null, stored.rowid);
    this.storage
      .stmt('UPDATE resource_index SET resource_name = ?, description_json = ?, relationships_json = ?, tags_json = ?, updated_time = ? WHERE rowid = ?')
      .run(change.resourceName ?? null, description, relationshipsJson, tagsJson, change.time, stored.rowid);
  }

  /** A new row and its tag rows (none exist without the row: they are written and deleted together). */
  private insert(change: ResourceChange, key: string[], description: string | null, relationshipsJson: string | null, tags: Record<string, string>, tagsJson: string): boolean {
    const inserted = this.storage
      .stmt(`INSERT INTO resource_index (account_id, resource_type, resource_id, region, service, arn, resource_name, description_json, relationships_json, tags_json, created_time, updated_time)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`)
      .run(...key, change.service, change.arn ?? null, change.resourceName ?? null, description, relationshipsJson, tagsJson, change.time, change.time);
    if (inserted.changes) this.insertTags(key, tags);
    return inserted.changes > 0;
  }

  private insertTags(key: string[], tags: Record<string, string>): void {
    const insertTag = this.storage.stmt('INSERT OR REPLACE INTO resource_index_tags (account_id, resource_type, resource_id, region, key, value) VALUES (?, ?, ?, ?, ?, ?)');
    for (const k in tags) insertTag.run(...key, k, tags[k]);
  }

  get(accountId: string, region: string, resourceType: string, resourceId: string): IndexedResource | undefined {
    const row = this.storage
      .stmt('SELECT * FROM resource_index WHERE account_id = ? AND resource_type = ? AND resource_id = ? AND region = ?')
      .get(accountId, resourceType, resourceId, region) as Row | undefined;
    return row && this.toResource(row);
  }

  /** The resource with this ARN in the account, if any service has recorded one. */
  byArn(accountId: string, arn: string): IndexedResource | undefined {
    const row = this.storage.stmt('SELECT * FROM resource_index WHERE arn = ? AND account_id = ?').get(arn, accountId) as Row | undefined;
    return row && this.toResource(row);
  }

  private toResource(r: Row): IndexedResource {
    let description: Record<string, unknown> | undefined, read = false;
    const describe = () => {
      if (r.description_json != null) return JSON.parse(r.description_json);
      if (!this.describers.has(r.service)) this.load?.(r.service);
      return this.describers.get(r.service)?.(r.account_id, r.region, r.resource_type, r.resource_id);
    };
    return {
      accountId: r.account_id, region: r.region, service: r.service, resourceType: r.resource_type, resourceId: r.resource_id,
      arn: r.arn ?? undefined, resourceName: r.resource_name ?? undefined,
      get description() {
        if (!read) (description = describe()), (read = true);
        return description;
      },
      relationships: r.relationships_json ? JSON.parse(r.relationships_json) : [], tags: JSON.parse(r.tags_json),
      createdTime: r.created_time, updatedTime: r.updated_time,
    };
  }

  /** Distinct tag keys (or one key's values) in the account's regions, sorted. */
  tagKeys(accountId: string, regions: string[]): string[] {
    const rows = this.storage.stmt(`SELECT DISTINCT key FROM resource_index_tags WHERE account_id = ? AND region IN (${regions.map(() => '?').join(', ')}) ORDER BY key`)
      .all(accountId, ...regions) as Row[];
    return rows.map((r) => r.key);
  }

  tagValues(accountId: string, regions: string[], key: string): string[] {
    const rows = this.storage.stmt(`SELECT DISTINCT value FROM resource_index_tags WHERE account_id = ? AND key = ? AND region IN (${regions.map(() => '?').join(', ')}) ORDER BY value`)
      .all(accountId, key, ...regions) as Row[];
    return rows.map((r) => r.value);
  }

  /** Resources matching the query, ordered by type and id; tag filters are answered from the tag index. */
  list(query: ResourceQuery): IndexedResource[] {
    const where = ['r.account_id = ?'];
    const args: unknown[] = [query.accountId];
    if (query.region) (where.push('r.region = ?'), args.push(query.region));
    else if (query.regions?.length) (where.push(`r.region IN (${query.regions.map(() => '?').join(', ')})`), args.push(...query.regions));
    if (query.resourceTypes?.length) {
      where.push(`r.resource_type IN (${query.resourceTypes.map(() => '?').join(', ')})`);
      args.push(...query.resourceTypes);
    }
    for (const f of query.tagFilters ?? []) {
      const values = f.values?.length ? ` AND t.value IN (${f.values.map(() => '?').join(', ')})` : '';
      where.push(`EXISTS (SELECT 1 FROM resource_index_tags t WHERE t.account_id = r.account_id AND t.resource_type = r.resource_type
                    AND t.resource_id = r.resource_id AND t.region = r.region AND t.key = ?${values})`);
      args.push(f.key, ...(f.values ?? []));
    }
    const sql = `SELECT r.* FROM resource_index r WHERE ${where.join(' AND ')} ORDER BY r.resource_type, r.resource_id, r.region`;
    return (this.storage.stmt(sql).all(...args) as Row[]).map((r) => this.toResource(r));
  }
}

/**
 * A description's tags as a map: services write them as a map, or as AWS's [{key, value}] / [{Key, Value}]
 * lists, under tags, Tags or tagSet (or TagSet: EC2's ENIs, in EC2's own casing).
 */
export function tagsOf(description: unknown): Record<string, string> {
  const d = description as Record<string, unknown>;
  const raw = d.tags ?? d.Tags ?? d.tagSet ?? d.TagSet;
  const out: Record<string, string> = Object.create(null);
  if (Array.isArray(raw)) {
    for (const t of raw as Record<string, unknown>[]) {
      const k = t.key ?? t.Key, v = t.value ?? t.Value;
      if (typeof k === 'string') out[k] = typeof v === 'string' ? v : '';
    }
  } else if (raw && typeof raw === 'object') {
    for (const [k, v] of Object.entries(raw)) out[k] = typeof v === 'string' ? v : String(v ?? '');
  }
  return out;
}

