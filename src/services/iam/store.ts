// IAM's tables. IAM is global per account: rows are scoped by account_id only, never by region.
// Names compare case-insensitively (IAM forbids "Bob" next to "bob"); unique ids are global.
import { SECURITY_MIGRATION } from './store-security';
import type { Row, Storage } from '../../storage/database';

export const IAM_MIGRATIONS = [
  `CREATE TABLE iam_users (account_id TEXT NOT NULL, name TEXT NOT NULL COLLATE NOCASE, id TEXT NOT NULL UNIQUE, path TEXT NOT NULL,
     arn TEXT NOT NULL, create_date TEXT NOT NULL, permissions_boundary TEXT, PRIMARY KEY (account_id, name));
   CREATE TABLE iam_groups (account_id TEXT NOT NULL, name TEXT NOT NULL COLLATE NOCASE, id TEXT NOT NULL UNIQUE, path TEXT NOT NULL,
     arn TEXT NOT NULL, create_date TEXT NOT NULL, permissions_boundary TEXT, PRIMARY KEY (account_id, name));
   CREATE TABLE iam_roles (account_id TEXT NOT NULL, name TEXT NOT NULL COLLATE NOCASE, id TEXT NOT NULL UNIQUE, path TEXT NOT NULL,
     arn TEXT NOT NULL, create_date TEXT NOT NULL, permissions_boundary TEXT, assume_role_policy TEXT NOT NULL, description TEXT,
     max_session_duration INTEGER NOT NULL, last_used_date TEXT, last_used_region TEXT, PRIMARY KEY (account_id, name));
   CREATE TABLE iam_instance_profiles (account_id TEXT NOT NULL, name TEXT NOT NULL COLLATE NOCASE, id TEXT NOT NULL UNIQUE, path TEXT NOT NULL,
     arn TEXT NOT NULL, create_date TEXT NOT NULL, permissions_boundary TEXT, PRIMARY KEY (account_id, name));
   CREATE INDEX iam_users_boundary ON iam_users (account_id, permissions_boundary);
   CREATE INDEX iam_roles_boundary ON iam_roles (account_id, permissions_boundary);
   CREATE TABLE iam_group_members (account_id TEXT NOT NULL, group_id TEXT NOT NULL, user_id TEXT NOT NULL, PRIMARY KEY (group_id, user_id));
   CREATE INDEX iam_group_members_user ON iam_group_members (user_id);
   CREATE TABLE iam_instance_profile_roles (account_id TEXT NOT NULL, profile_id TEXT NOT NULL, role_id TEXT NOT NULL, PRIMARY KEY (profile_id, role_id));
   CREATE INDEX iam_instance_profile_roles_role ON iam_instance_profile_roles (role_id);
   CREATE TABLE iam_policies (account_id TEXT NOT NULL, name TEXT NOT NULL COLLATE NOCASE, id TEXT NOT NULL UNIQUE, path TEXT NOT NULL,
     arn TEXT NOT NULL, create_date TEXT NOT NULL, update_date TEXT NOT NULL, description TEXT, default_version_id TEXT NOT NULL,
     next_version INTEGER NOT NULL, PRIMARY KEY (account_id, name));
   CREATE UNIQUE INDEX iam_policies_arn ON iam_policies (account_id, arn);
   CREATE TABLE iam_policy_versions (policy_id TEXT NOT NULL, version_id TEXT NOT NULL, document TEXT NOT NULL, create_date TEXT NOT NULL,
     seq INTEGER NOT NULL, PRIMARY KEY (policy_id, version_id));
   CREATE TABLE iam_attached_policies (account_id TEXT NOT NULL, entity_id TEXT NOT NULL, policy_arn TEXT NOT NULL, PRIMARY KEY (entity_id, policy_arn));
   CREATE INDEX iam_attached_policies_arn ON iam_attached_policies (account_id, policy_arn);
   CREATE TABLE iam_inline_policies (account_id TEXT NOT NULL, entity_id TEXT NOT NULL, name TEXT NOT NULL COLLATE NOCASE, document TEXT NOT NULL,
     PRIMARY KEY (entity_id, name));
   CREATE TABLE iam_access_keys (access_key_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, user_id TEXT NOT NULL, secret_access_key TEXT NOT NULL,
     status TEXT NOT NULL, create_date TEXT NOT NULL, last_used_date TEXT, last_used_service TEXT, last_used_region TEXT);
   CREATE INDEX iam_access_keys_user ON iam_access_keys (user_id);
   CREATE TABLE iam_tags (account_id TEXT NOT NULL, resource_id TEXT NOT NULL, key TEXT NOT NULL COLLATE NOCASE, value TEXT NOT NULL,
     PRIMARY KEY (resource_id, key));`,
  SECURITY_MIGRATION,
];

export type EntityKind = 'user' | 'group' | 'role' | 'instance-profile';

const TABLES: Record<EntityKind, string> = { user: 'iam_users', group: 'iam_groups', role: 'iam_roles', 'instance-profile': 'iam_instance_profiles' };

/** Users, groups, roles and instance profiles share these columns; roles add their own. */
export interface EntityRow {
  accountId: string;
  name: string;
  id: string;
  path: string;
  arn: string;
  createDate: string;
  permissionsBoundary?: string;
}

export interface RoleRow extends EntityRow {
  assumeRolePolicy: string;
  description?: string;
  maxSessionDuration: number;
  lastUsedDate?: string;
  lastUsedRegion?: string;
}

function toEntity(r: Row | undefined): EntityRow | undefined {
  if (!r) return undefined;
  const row: RoleRow = {
    accountId: r.account_id, name: r.name, id: r.id, path: r.path, arn: r.arn, createDate: r.create_date,
    permissionsBoundary: r.permissions_boundary ?? undefined, assumeRolePolicy: r.assume_role_policy, description: r.description ?? undefined,
    maxSessionDuration: r.max_session_duration, lastUsedDate: r.last_used_date ?? undefined, lastUsedRegion: r.last_used_region ?? undefined,
  };
  return row;
}

export function getEntity(storage: Storage, kind: EntityKind, accountId: string, name: string): EntityRow | undefined {
  return toEntity(storage.stmt(`SELECT * FROM ${TABLES[kind]} WHERE account_id = ? AND name = ?`).get(accountId, name) as Row | undefined);
}

export function getRole(storage: Storage, accountId: string, name: string): RoleRow | undefined {
  return getEntity(storage, 'role', accountId, name) as RoleRow | undefined;
}

export function entityById(storage: Storage, kind: EntityKind, id: string): EntityRow | undefined {
  return toEntity(storage.stmt(`SELECT * FROM ${TABLES[kind]} WHERE id = ?`).get(id) as Row | undefined);
}

/** Keyset page in name order: rows after `after` whose path starts with pathPrefix. */
export function listEntities(storage: Storage, kind: EntityKind, accountId: string, pathPrefix: string, after: string, limit: number): EntityRow[] {
  const rows = storage
    .stmt(`SELECT * FROM ${TABLES[kind]} WHERE account_id = ? AND substr(path, 1, length(?)) = ? AND name > ? ORDER BY name LIMIT ?`)
    .all(accountId, pathPrefix, pathPrefix, after, limit) as Row[];
  return rows.map((r) => toEntity(r)!);
}

export function allEntities(storage: Storage, kind: EntityKind, accountId: string): EntityRow[] {
  return (storage.stmt(`SELECT * FROM ${TABLES[kind]} WHERE account_id = ? ORDER BY name`).all(accountId) as Row[]).map((r) => toEntity(r)!);
}

export function countEntities(storage: Storage, kind: EntityKind, accountId: string): number {
  return (storage.stmt(`SELECT COUNT(*) AS n FROM ${TABLES[kind]} WHERE account_id = ?`).get(accountId) as Row).n;
}

export function insertEntity(storage: Storage, kind: EntityKind, e: EntityRow): void {
  storage
    .stmt(`INSERT INTO ${TABLES[kind]} (account_id, name, id, path, arn, create_date, permissions_boundary) VALUES (?, ?, ?, ?, ?, ?, ?)`)
    .run(e.accountId, e.name, e.id, e.path, e.arn, e.createDate, e.permissionsBoundary ?? null);
}

export function insertRole(storage: Storage, r: RoleRow): void {
  storage
    .stmt(`INSERT INTO iam_roles (account_id, name, id, path, arn, create_date, permissions_boundary, assume_role_policy, description, max_session_duration)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(r.accountId, r.name, r.id, r.path, r.arn, r.createDate, r.permissionsBoundary ?? null, r.assumeRolePolicy, r.description ?? null, r.maxSessionDuration);
}

export function renameEntity(storage: Storage, kind: EntityKind, id: string, name: string, path: string, arn: string): void {
  storage.stmt(`UPDATE ${TABLES[kind]} SET name = ?, path = ?, arn = ? WHERE id = ?`).run(name, path, arn, id);
}

export function setPermissionsBoundary(storage: Storage, kind: EntityKind, id: string, arn: string | undefined): void {
  storage.stmt(`UPDATE ${TABLES[kind]} SET permissions_boundary = ? WHERE id = ?`).run(arn ?? null, id);
}

export function updateRole(storage: Storage, id: string, fields: { description?: string; maxSessionDuration: number; assumeRolePolicy: string }): void {
  storage.stmt('UPDATE iam_roles SET description = ?, max_session_duration = ?, assume_role_policy = ? WHERE id = ?')
    .run(fields.description ?? null, fields.maxSessionDuration, fields.assumeRolePolicy, id);
}

export function markRoleUsed(storage: Storage, id: string, date: string, region: string): void {
  storage.stmt('UPDATE iam_roles SET last_used_date = ?, last_used_region = ? WHERE id = ?').run(date, region, id);
}

/** Removes an entity with its tags; callers check for dependents first (DeleteConflict). */
export function deleteEntity(storage: Storage, kind: EntityKind, id: string): void {
  storage.stmt(`DELETE FROM ${TABLES[kind]} WHERE id = ?`).run(id);
  storage.stmt('DELETE FROM iam_tags WHERE resource_id = ?').run(id);
}

/** How many users and roles have the policy as their permissions boundary. */
export function boundaryUsageCount(storage: Storage, accountId: string, policyArn: string): number {
  return (storage.stmt(`SELECT (SELECT COUNT(*) FROM iam_users WHERE account_id = @a AND permissions_boundary = @p)
                             + (SELECT COUNT(*) FROM iam_roles WHERE account_id = @a AND permissions_boundary = @p) AS n`).get({ a: accountId, p: policyArn }) as Row).n;
}

// Group membership and instance-profile roles: both are id → id links.

export function addMember(storage: Storage, accountId: string, groupId: string, userId: string): void {
  storage.stmt('INSERT OR IGNORE INTO iam_group_members (account_id, group_id, user_id) VALUES (?, ?, ?)').run(accountId, groupId, userId);
}

export function removeMember(storage: Storage, groupId: string, userId: string): boolean {
  return storage.stmt('DELETE FROM iam_group_members WHERE group_id = ? AND user_id = ?').run(groupId, userId).changes > 0;
}

export function groupMembers(storage: Storage, groupId: string): EntityRow[] {
  const rows = storage.stmt('SELECT u.* FROM iam_group_members m JOIN iam_users u ON u.id = m.user_id WHERE m.group_id = ? ORDER BY u.name').all(groupId) as Row[];
  return rows.map((r) => toEntity(r)!);
}

export function groupsOfUser(storage: Storage, userId: string): EntityRow[] {
  const rows = storage.stmt('SELECT g.* FROM iam_group_members m JOIN iam_groups g ON g.id = m.group_id WHERE m.user_id = ? ORDER BY g.name').all(userId) as Row[];
  return rows.map((r) => toEntity(r)!);
}

export function addProfileRole(storage: Storage, accountId: string, profileId: string, roleId: string): void {
  storage.stmt('INSERT INTO iam_instance_profile_roles (account_id, profile_id, role_id) VALUES (?, ?, ?)').run(accountId, profileId, roleId);
}

export function removeProfileRole(storage: Storage, profileId: string, roleId: string): boolean {
  return storage.stmt('DELETE FROM iam_instance_profile_roles WHERE profile_id = ? AND role_id = ?').run(profileId, roleId).changes > 0;
}

export function rolesOfProfile(storage: Storage, profileId: string): RoleRow[] {
  const rows = storage.stmt('SELECT r.* FROM iam_instance_profile_roles p JOIN iam_roles r ON r.id = p.role_id WHERE p.profile_id = ?').all(profileId) as Row[];
  return rows.map((r) => toEntity(r) as RoleRow);
}

export function profilesOfRole(storage: Storage, roleId: string): EntityRow[] {
  const rows = storage.stmt('SELECT i.* FROM iam_instance_profile_roles p JOIN iam_instance_profiles i ON i.id = p.profile_id WHERE p.role_id = ? ORDER BY i.name').all(roleId) as Row[];
  return rows.map((r) => toEntity(r)!);
}

// Tags, kept in the order they were first set.

export function tagsOf(storage: Storage, resourceId: string): { Key: string; Value: string }[] {
  return (storage.stmt('SELECT key, value FROM iam_tags WHERE resource_id = ? ORDER BY rowid').all(resourceId) as Row[]).map((r) => ({ Key: r.key, Value: r.value }));
}

export function putTag(storage: Storage, accountId: string, resourceId: string, key: string, value: string): void {
  storage.stmt('INSERT INTO iam_tags (account_id, resource_id, key, value) VALUES (?, ?, ?, ?) ON CONFLICT (resource_id, key) DO UPDATE SET value = excluded.value')
    .run(accountId, resourceId, key, value);
}

export function deleteTag(storage: Storage, resourceId: string, key: string): void {
  storage.stmt('DELETE FROM iam_tags WHERE resource_id = ? AND key = ?').run(resourceId, key);
}
