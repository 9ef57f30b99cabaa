// Resource Groups' one table: groups per account and region, with their query, configuration and tags.
import type { Row, Storage } from '../../storage/database';

export const RESOURCE_GROUPS_MIGRATIONS = [
  `CREATE TABLE resource_groups_groups (
     account_id TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL, arn TEXT NOT NULL,
     description TEXT, display_name TEXT, criticality INTEGER, owner TEXT,
     query_type TEXT, query TEXT, configuration_json TEXT, tags_json TEXT NOT NULL,
     PRIMARY KEY (account_id, region, name));
   CREATE UNIQUE INDEX resource_groups_by_arn ON resource_groups_groups (arn);`,
];

export interface Group {
  accountId: string;
  region: string;
  name: string;
  arn: string;
  description?: string;
  displayName?: string;
  criticality?: number;
  owner?: string;
  query?: { Type: string; Query: string };
  configuration?: unknown[];
  tags: Record<string, string>;
}

export function findGroup(storage: Storage, accountId: string, region: string, name: string): Group | undefined {
  const row = storage.stmt('SELECT * FROM resource_groups_groups WHERE account_id = ? AND region = ? AND name = ?').get(accountId, region, name) as Row | undefined;
  return row && toGroup(row);
}

export function listGroups(storage: Storage, accountId: string, region: string): Group[] {
  return (storage.stmt('SELECT * FROM resource_groups_groups WHERE account_id = ? AND region = ? ORDER BY name').all(accountId, region) as Row[]).map(toGroup);
}

export function saveGroup(storage: Storage, g: Group): void {
  storage
    .stmt(`INSERT OR REPLACE INTO resource_groups_groups (account_id, region, name, arn, description, display_name, criticality, owner, query_type, query, configuration_json, tags_json)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(g.accountId, g.region, g.name, g.arn, g.description ?? null, g.displayName ?? null, g.criticality ?? null, g.owner ?? null,
      g.query?.Type ?? null, g.query?.Query ?? null, g.configuration ? JSON.stringify(g.configuration) : null, JSON.stringify(g.tags));
}

export function deleteGroup(storage: Storage, g: Group): void {
  storage.stmt('DELETE FROM resource_groups_groups WHERE account_id = ? AND region = ? AND name = ?').run(g.accountId, g.region, g.name);
}

function toGroup(r: Row): Group {
  return {
    accountId: r.account_id, region: r.region, name: r.name, arn: r.arn, description: r.description ?? undefined,
    displayName: r.display_name ?? undefined, criticality: r.criticality ?? undefined, owner: r.owner ?? undefined,
    query: r.query_type ? { Type: r.query_type, Query: r.query } : undefined,
    configuration: r.configuration_json ? JSON.parse(r.configuration_json) : undefined, tags: JSON.parse(r.tags_json),
  };
}
