// STS's table: the temporary credentials it issued (global to the partition, keyed by access key).
import type { Storage } from '../../storage/database';
import type { Principal } from '../../core/accounts';

export const STS_MIGRATIONS = [
  `CREATE TABLE sts_sessions (
     access_key_id TEXT PRIMARY KEY, secret_access_key TEXT NOT NULL, session_token TEXT NOT NULL,
     principal_json TEXT NOT NULL, expiration INTEGER NOT NULL)`,
];

export interface SessionRow { accessKeyId: string; secretAccessKey: string; sessionToken: string; principal: Principal; expiration: number }

export function insertSession(storage: Storage, s: SessionRow): void {
  storage
    .stmt('INSERT INTO sts_sessions (access_key_id, secret_access_key, session_token, principal_json, expiration) VALUES (?, ?, ?, ?, ?)')
    .run(s.accessKeyId, s.secretAccessKey, s.sessionToken, JSON.stringify(s.principal), s.expiration);
}

export function findSession(storage: Storage, accessKeyId: string): SessionRow | undefined {
  const row = storage.stmt('SELECT * FROM sts_sessions WHERE access_key_id = ?').get(accessKeyId) as Record<string, any> | undefined;
  if (!row) return undefined;
  return { accessKeyId, secretAccessKey: row.secret_access_key, sessionToken: row.session_token, principal: JSON.parse(row.principal_json), expiration: row.expiration };
}
