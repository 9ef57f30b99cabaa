// IAM users' access keys. Keyed by the access key id, which is globally unique, so a signed
// request's key finds its user and account in one lookup.
import type { Row, Storage } from '../../storage/database';

export type KeyStatus = 'Active' | 'Inactive';

export interface AccessKeyRow {
  accessKeyId: string;
  accountId: string;
  userId: string;
  secretAccessKey: string;
  status: KeyStatus;
  createDate: string;
  lastUsedDate?: string;
  lastUsedService?: string;
  lastUsedRegion?: string;
}

function toKey(r: Row | undefined): AccessKeyRow | undefined {
  if (!r) return undefined;
  return {
    accessKeyId: r.access_key_id, accountId: r.account_id, userId: r.user_id, secretAccessKey: r.secret_access_key, status: r.status,
    createDate: r.create_date, lastUsedDate: r.last_used_date ?? undefined, lastUsedService: r.last_used_service ?? undefined,
    lastUsedRegion: r.last_used_region ?? undefined,
  };
}

export function insertAccessKey(storage: Storage, k: AccessKeyRow): void {
  storage
    .stmt('INSERT INTO iam_access_keys (access_key_id, account_id, user_id, secret_access_key, status, create_date) VALUES (?, ?, ?, ?, ?, ?)')
    .run(k.accessKeyId, k.accountId, k.userId, k.secretAccessKey, k.status, k.createDate);
}

export function accessKey(storage: Storage, accessKeyId: string): AccessKeyRow | undefined {
  return toKey(storage.stmt('SELECT * FROM iam_access_keys WHERE access_key_id = ?').get(accessKeyId) as Row | undefined);
}

/** A user's keys, oldest first. */
export function keysOfUser(storage: Storage, userId: string): AccessKeyRow[] {
  return (storage.stmt('SELECT * FROM iam_access_keys WHERE user_id = ? ORDER BY create_date, rowid').all(userId) as Row[]).map((r) => toKey(r)!);
}

export function setKeyStatus(storage: Storage, accessKeyId: string, status: KeyStatus): void {
  storage.stmt('UPDATE iam_access_keys SET status = ? WHERE access_key_id = ?').run(status, accessKeyId);
}

export function deleteAccessKey(storage: Storage, accessKeyId: string): void {
  storage.stmt('DELETE FROM iam_access_keys WHERE access_key_id = ?').run(accessKeyId);
}

/** Records when a key last signed a request (the resolver knows the time, not the service). */
export function markKeyUsed(storage: Storage, accessKeyId: string, date: string): void {
  storage.stmt('UPDATE iam_access_keys SET last_used_date = ? WHERE access_key_id = ?').run(date, accessKeyId);
}
