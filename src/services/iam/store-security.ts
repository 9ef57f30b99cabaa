// The account's sign-in security: its password policy, users' console passwords (login profiles;
// kanri keeps no password, only that one exists), virtual MFA devices and the credential report.
import type { Row, Storage } from '../../storage/database';

export const SECURITY_MIGRATION = `
  CREATE TABLE iam_password_policy (account_id TEXT PRIMARY KEY, policy_json TEXT NOT NULL);
  CREATE TABLE iam_login_profiles (user_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, create_date TEXT NOT NULL, reset_required INTEGER NOT NULL,
    password_last_changed TEXT NOT NULL);
  CREATE TABLE iam_mfa_devices (serial TEXT PRIMARY KEY, account_id TEXT NOT NULL, name TEXT NOT NULL, path TEXT NOT NULL, seed TEXT NOT NULL,
    create_date TEXT NOT NULL, user_id TEXT, enable_date TEXT);
  CREATE INDEX iam_mfa_devices_user ON iam_mfa_devices (user_id);
  CREATE TABLE iam_credential_reports (account_id TEXT PRIMARY KEY, generated TEXT NOT NULL, content TEXT NOT NULL);`;

export function passwordPolicy(s: Storage, accountId: string): Record<string, unknown> | undefined {
  const r = s.stmt('SELECT policy_json FROM iam_password_policy WHERE account_id = ?').get(accountId) as Row | undefined;
  return r ? JSON.parse(r.policy_json) : undefined;
}

export function putPasswordPolicy(s: Storage, accountId: string, policy: Record<string, unknown>): void {
  s.stmt('INSERT OR REPLACE INTO iam_password_policy (account_id, policy_json) VALUES (?, ?)').run(accountId, JSON.stringify(policy));
}

export function deletePasswordPolicy(s: Storage, accountId: string): boolean {
  return s.stmt('DELETE FROM iam_password_policy WHERE account_id = ?').run(accountId).changes > 0;
}

export interface LoginProfileRow { userId: string; accountId: string; createDate: string; resetRequired: boolean; passwordLastChanged: string }

export function loginProfile(s: Storage, userId: string): LoginProfileRow | undefined {
  const r = s.stmt('SELECT * FROM iam_login_profiles WHERE user_id = ?').get(userId) as Row | undefined;
  return r && { userId: r.user_id, accountId: r.account_id, createDate: r.create_date, resetRequired: r.reset_required === 1, passwordLastChanged: r.password_last_changed };
}

export function putLoginProfile(s: Storage, p: LoginProfileRow): void {
  s.stmt('INSERT OR REPLACE INTO iam_login_profiles (user_id, account_id, create_date, reset_required, password_last_changed) VALUES (?, ?, ?, ?, ?)')
    .run(p.userId, p.accountId, p.createDate, p.resetRequired ? 1 : 0, p.passwordLastChanged);
}

export function deleteLoginProfile(s: Storage, userId: string): void {
  s.stmt('DELETE FROM iam_login_profiles WHERE user_id = ?').run(userId);
}

export interface MfaDeviceRow { serial: string; accountId: string; name: string; path: string; seed: string; createDate: string; userId: string | null; enableDate: string | null }

const toDevice = (r: Row): MfaDeviceRow => ({
  serial: r.serial, accountId: r.account_id, name: r.name, path: r.path, seed: r.seed, createDate: r.create_date, userId: r.user_id, enableDate: r.enable_date,
});

export function mfaDevice(s: Storage, serial: string): MfaDeviceRow | undefined {
  const r = s.stmt('SELECT * FROM iam_mfa_devices WHERE serial = ?').get(serial) as Row | undefined;
  return r && toDevice(r);
}

export function mfaDevices(s: Storage, accountId: string): MfaDeviceRow[] {
  return (s.stmt('SELECT * FROM iam_mfa_devices WHERE account_id = ? ORDER BY serial').all(accountId) as Row[]).map(toDevice);
}

export function mfaDevicesOfUser(s: Storage, userId: string): MfaDeviceRow[] {
  return (s.stmt('SELECT * FROM iam_mfa_devices WHERE user_id = ? ORDER BY enable_date, serial').all(userId) as Row[]).map(toDevice);
}

export function insertMfaDevice(s: Storage, d: MfaDeviceRow): void {
  s.stmt('INSERT INTO iam_mfa_devices (serial, account_id, name, path, seed, create_date, user_id, enable_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(d.serial, d.accountId, d.name, d.path, d.seed, d.createDate, d.userId, d.enableDate);
}

export function assignMfaDevice(s: Storage, serial: string, userId: string | null, enableDate: string | null): void {
  s.stmt('UPDATE iam_mfa_devices SET user_id = ?, enable_date = ? WHERE serial = ?').run(userId, enableDate, serial);
}

export function deleteMfaDevice(s: Storage, serial: string): void {
  s.stmt('DELETE FROM iam_mfa_devices WHERE serial = ?').run(serial);
}

export function credentialReport(s: Storage, accountId: string): { generated: string; content: string } | undefined {
  return s.stmt('SELECT generated, content FROM iam_credential_reports WHERE account_id = ?').get(accountId) as { generated: string; content: string } | undefined;
}

export function putCredentialReport(s: Storage, accountId: string, generated: string, content: string): void {
  s.stmt('INSERT OR REPLACE INTO iam_credential_reports (account_id, generated, content) VALUES (?, ?, ?)').run(accountId, generated, content);
}
