// Aliases and grants: names and permissions that point at a key.
import type { Row, Storage } from '../../storage/database';

export interface AliasRow { aliasName: string; keyId: string; createdAt: number; updatedAt: number }

function toAlias(r: Row): AliasRow {
  return { aliasName: r.alias_name, keyId: r.key_id, createdAt: r.created_at, updatedAt: r.updated_at };
}

export function insertAlias(storage: Storage, accountId: string, region: string, a: AliasRow): void {
  storage.stmt('INSERT INTO kms_aliases (account_id, region, alias_name, key_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(accountId, region, a.aliasName, a.keyId, a.createdAt, a.updatedAt);
}

export function findAlias(storage: Storage, accountId: string, region: string, aliasName: string): AliasRow | undefined {
  const r = storage.stmt('SELECT * FROM kms_aliases WHERE account_id = ? AND region = ? AND alias_name = ?').get(accountId, region, aliasName) as Row | undefined;
  return r && toAlias(r);
}

export function retargetAlias(storage: Storage, accountId: string, region: string, aliasName: string, keyId: string, at: number): void {
  storage.stmt('UPDATE kms_aliases SET key_id = ?, updated_at = ? WHERE account_id = ? AND region = ? AND alias_name = ?').run(keyId, at, accountId, region, aliasName);
}

export function deleteAlias(storage: Storage, accountId: string, region: string, aliasName: string): void {
  storage.stmt('DELETE FROM kms_aliases WHERE account_id = ? AND region = ? AND alias_name = ?').run(accountId, region, aliasName);
}

/** One page of aliases after the given name, of every key or of one. */
export function listAliases(storage: Storage, accountId: string, region: string, keyId: string | undefined, after: string, limit: number): AliasRow[] {
  const rows = keyId
    ? storage.stmt('SELECT * FROM kms_aliases WHERE account_id = ? AND region = ? AND key_id = ? AND alias_name > ? ORDER BY alias_name LIMIT ?').all(accountId, region, keyId, after, limit)
    : storage.stmt('SELECT * FROM kms_aliases WHERE account_id = ? AND region = ? AND alias_name > ? ORDER BY alias_name LIMIT ?').all(accountId, region, after, limit);
  return (rows as Row[]).map(toAlias);
}

export interface GrantRow {
  grantId: string;
  keyId: string;
  name: string | null;
  grantee: string;
  retiring: string | null;
  operations: string[];
  constraints: Record<string, unknown> | null;
  createdAt: number;
}

function toGrant(r: Row): GrantRow {
  return {
    grantId: r.grant_id, keyId: r.key_id, name: r.name, grantee: r.grantee, retiring: r.retiring,
    operations: JSON.parse(r.operations), constraints: r.constraints ? JSON.parse(r.constraints) : null, createdAt: r.created_at,
  };
}

export function insertGrant(storage: Storage, accountId: string, region: string, g: GrantRow): void {
  storage.stmt('INSERT INTO kms_grants (account_id, region, grant_id, key_id, name, grantee, retiring, operations, constraints, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(accountId, region, g.grantId, g.keyId, g.name, g.grantee, g.retiring, JSON.stringify(g.operations), g.constraints ? JSON.stringify(g.constraints) : null, g.createdAt);
}

export function findGrant(storage: Storage, accountId: string, region: string, grantId: string): GrantRow | undefined {
  const r = storage.stmt('SELECT * FROM kms_grants WHERE account_id = ? AND region = ? AND grant_id = ?').get(accountId, region, grantId) as Row | undefined;
  return r && toGrant(r);
}

export function findGrantByName(storage: Storage, accountId: string, region: string, keyId: string, name: string): GrantRow | undefined {
  const r = storage.stmt('SELECT * FROM kms_grants WHERE account_id = ? AND region = ? AND key_id = ? AND name = ?').get(accountId, region, keyId, name) as Row | undefined;
  return r && toGrant(r);
}

export function deleteGrant(storage: Storage, accountId: string, region: string, grantId: string): void {
  storage.stmt('DELETE FROM kms_grants WHERE account_id = ? AND region = ? AND grant_id = ?').run(accountId, region, grantId);
}

export function listGrantsOfKey(storage: Storage, accountId: string, region: string, keyId: string, grantee: string | null, after: string, limit: number): GrantRow[] {
  return (storage.stmt(`SELECT * FROM kms_grants WHERE account_id = ? AND region = ? AND key_id = ? AND (? IS NULL OR grantee = ?)
                          AND grant_id > ? ORDER BY grant_id LIMIT ?`)
    .all(accountId, region, keyId, grantee, grantee, after, limit) as Row[]).map(toGrant);
}

export function listGrantsRetirableBy(storage: Storage, accountId: string, region: string, retiring: string, after: string, limit: number): GrantRow[] {
  return (storage.stmt('SELECT * FROM kms_grants WHERE account_id = ? AND region = ? AND retiring = ? AND grant_id > ? ORDER BY grant_id LIMIT ?')
    .all(accountId, region, retiring, after, limit) as Row[]).map(toGrant);
}
