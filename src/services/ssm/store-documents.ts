// Documents: one row per document (its type, versions and sharing), one per version (the content
// as given, its format, hash and what was parsed from it), and one per account a document is
// shared with ('all' for public), indexed by that account for ListDocuments' Private owner.
import type { Row, Storage } from '../../storage/database';
import type { Scope } from './store-parameters';

export const DOCUMENT_MIGRATIONS = [
  `CREATE TABLE ssm_documents (
     account_id TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL, document_type TEXT NOT NULL, target_type TEXT,
     default_version INTEGER NOT NULL, latest_version INTEGER NOT NULL, created_at INTEGER NOT NULL,
     PRIMARY KEY (account_id, region, name));
   CREATE TABLE ssm_document_versions (
     account_id TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL, version INTEGER NOT NULL, version_name TEXT, display_name TEXT,
     content TEXT NOT NULL, format TEXT NOT NULL, hash TEXT NOT NULL, schema_version TEXT NOT NULL, description TEXT,
     parameters TEXT NOT NULL, platform_types TEXT NOT NULL, requires TEXT, created_at INTEGER NOT NULL,
     PRIMARY KEY (account_id, region, name, version));
   CREATE TABLE ssm_document_shares (
     account_id TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL, shared_with TEXT NOT NULL, shared_version TEXT,
     PRIMARY KEY (account_id, region, name, shared_with));
   CREATE INDEX ssm_document_shares_with ON ssm_document_shares (shared_with, region, name);`,
];

export interface DocumentRow { accountId: string; region: string; name: string; documentType: string; targetType: string | null; defaultVersion: number; latestVersion: number; createdAt: number }

export interface DocVersionRow {
  version: number; versionName: string | null; displayName: string | null; content: string; format: string; hash: string; schemaVersion: string;
  description: string | null; parameters: string; platformTypes: string; requires: string | null; createdAt: number;
}

const toDoc = (r: Row): DocumentRow => ({
  accountId: r.account_id, region: r.region, name: r.name, documentType: r.document_type, targetType: r.target_type,
  defaultVersion: r.default_version, latestVersion: r.latest_version, createdAt: r.created_at,
});

const toVersion = (r: Row): DocVersionRow => ({
  version: r.version, versionName: r.version_name, displayName: r.display_name, content: r.content, format: r.format, hash: r.hash,
  schemaVersion: r.schema_version, description: r.description, parameters: r.parameters, platformTypes: r.platform_types, requires: r.requires, createdAt: r.created_at,
});

export function findDocument(storage: Storage, s: Scope, name: string): DocumentRow | undefined {
  const r = storage.stmt('SELECT * FROM ssm_documents WHERE account_id = ? AND region = ? AND name = ?').get(s.accountId, s.region, name) as Row | undefined;
  return r && toDoc(r);
}

export function insertDocument(storage: Storage, d: DocumentRow): void {
  storage.stmt(`INSERT INTO ssm_documents (account_id, region, name, document_type, target_type, default_version, latest_version, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(d.accountId, d.region, d.name, d.documentType, d.targetType, d.defaultVersion, d.latestVersion, d.createdAt);
}

export function updateDocumentVersions(storage: Storage, d: DocumentRow): void {
  storage.stmt('UPDATE ssm_documents SET default_version = ?, latest_version = ?, target_type = ? WHERE account_id = ? AND region = ? AND name = ?')
    .run(d.defaultVersion, d.latestVersion, d.targetType, d.accountId, d.region, d.name);
}

export function insertDocVersion(storage: Storage, s: Scope, name: string, v: DocVersionRow): void {
  storage.stmt(`INSERT INTO ssm_document_versions (account_id, region, name, version, version_name, display_name, content, format, hash, schema_version,
                  description, parameters, platform_types, requires, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(s.accountId, s.region, name, v.version, v.versionName, v.displayName, v.content, v.format, v.hash, v.schemaVersion, v.description,
      v.parameters, v.platformTypes, v.requires, v.createdAt);
}

export function findDocVersion(storage: Storage, s: Scope, name: string, version: number): DocVersionRow | undefined {
  const r = storage.stmt('SELECT * FROM ssm_document_versions WHERE account_id = ? AND region = ? AND name = ? AND version = ?')
    .get(s.accountId, s.region, name, version) as Row | undefined;
  return r && toVersion(r);
}

export function findDocVersionByName(storage: Storage, s: Scope, name: string, versionName: string): DocVersionRow | undefined {
  const r = storage.stmt('SELECT * FROM ssm_document_versions WHERE account_id = ? AND region = ? AND name = ? AND version_name = ?')
    .get(s.accountId, s.region, name, versionName) as Row | undefined;
  return r && toVersion(r);
}

export function listDocVersions(storage: Storage, s: Scope, name: string, after: number, limit: number): DocVersionRow[] {
  return (storage.stmt('SELECT * FROM ssm_document_versions WHERE account_id = ? AND region = ? AND name = ? AND version > ? ORDER BY version LIMIT ?')
    .all(s.accountId, s.region, name, after, limit) as Row[]).map(toVersion);
}

export function deleteDocVersion(storage: Storage, s: Scope, name: string, version: number): void {
  storage.stmt('DELETE FROM ssm_document_versions WHERE account_id = ? AND region = ? AND name = ? AND version = ?').run(s.accountId, s.region, name, version);
}

export function deleteDocumentRows(storage: Storage, s: Scope, name: string): void {
  for (const table of ['ssm_documents', 'ssm_document_versions', 'ssm_document_shares']) {
    storage.stmt(`DELETE FROM ${table} WHERE account_id = ? AND region = ? AND name = ?`).run(s.accountId, s.region, name);
  }
  storage.stmt("DELETE FROM ssm_tags WHERE account_id = ? AND region = ? AND resource_type = 'Document' AND resource_id = ?").run(s.accountId, s.region, name);
}

/** Documents of an account in name order, after a name. */
export function listOwnDocuments(storage: Storage, s: Scope, after: string, limit: number): DocumentRow[] {
  return (storage.stmt('SELECT * FROM ssm_documents WHERE account_id = ? AND region = ? AND name > ? ORDER BY name LIMIT ?')
    .all(s.accountId, s.region, after, limit) as Row[]).map(toDoc);
}

export function sharesOf(storage: Storage, s: Scope, name: string): { sharedWith: string; sharedVersion: string | null }[] {
  return (storage.stmt('SELECT shared_with, shared_version FROM ssm_document_shares WHERE account_id = ? AND region = ? AND name = ? ORDER BY shared_with')
    .all(s.accountId, s.region, name) as Row[]).map((r) => ({ sharedWith: r.shared_with, sharedVersion: r.shared_version }));
}

export function share(storage: Storage, s: Scope, name: string, withAccount: string, version: string | null): void {
  storage.stmt(`INSERT INTO ssm_document_shares (account_id, region, name, shared_with, shared_version) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (account_id, region, name, shared_with) DO UPDATE SET shared_version = excluded.shared_version`)
    .run(s.accountId, s.region, name, withAccount, version);
}

export function unshare(storage: Storage, s: Scope, name: string, withAccount: string): void {
  storage.stmt('DELETE FROM ssm_document_shares WHERE account_id = ? AND region = ? AND name = ? AND shared_with = ?').run(s.accountId, s.region, name, withAccount);
}

/** Documents shared with an account (or with everyone: 'all'), from other accounts of a region. */
export function sharedWith(storage: Storage, region: string, account: string): { accountId: string; name: string }[] {
  return (storage.stmt('SELECT account_id, name FROM ssm_document_shares WHERE shared_with = ? AND region = ? ORDER BY name')
    .all(account, region) as Row[]).map((r) => ({ accountId: r.account_id, name: r.name }));
}

export function countDocuments(storage: Storage, s: Scope): number {
  return (storage.stmt('SELECT COUNT(*) AS n FROM ssm_documents WHERE account_id = ? AND region = ?').get(s.accountId, s.region) as Row).n;
}
