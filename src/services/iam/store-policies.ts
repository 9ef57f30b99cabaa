// Customer managed policies and their versions, attachments (by policy ARN, so AWS managed
// policies attach the same way) and inline policies. Scoped by account only, as all of IAM.
import type { Row, Storage } from '../../storage/database';

export interface LocalPolicyRow {
  accountId: string;
  name: string;
  id: string;
  path: string;
  arn: string;
  createDate: string;
  updateDate: string;
  description?: string;
  defaultVersionId: string;
  nextVersion: number;
}

export interface VersionRow { versionId: string; document: string; createDate: string }

function toPolicy(r: Row | undefined): LocalPolicyRow | undefined {
  if (!r) return undefined;
  return {
    accountId: r.account_id, name: r.name, id: r.id, path: r.path, arn: r.arn, createDate: r.create_date, updateDate: r.update_date,
    description: r.description ?? undefined, defaultVersionId: r.default_version_id, nextVersion: r.next_version,
  };
}

export function localPolicyByArn(storage: Storage, accountId: string, arn: string): LocalPolicyRow | undefined {
  return toPolicy(storage.stmt('SELECT * FROM iam_policies WHERE account_id = ? AND arn = ?').get(accountId, arn) as Row | undefined);
}

export function localPolicyById(storage: Storage, id: string): LocalPolicyRow | undefined {
  return toPolicy(storage.stmt('SELECT * FROM iam_policies WHERE id = ?').get(id) as Row | undefined);
}

export function localPolicyByName(storage: Storage, accountId: string, name: string): LocalPolicyRow | undefined {
  return toPolicy(storage.stmt('SELECT * FROM iam_policies WHERE account_id = ? AND name = ?').get(accountId, name) as Row | undefined);
}

export function allLocalPolicies(storage: Storage, accountId: string): LocalPolicyRow[] {
  return (storage.stmt('SELECT * FROM iam_policies WHERE account_id = ? ORDER BY name').all(accountId) as Row[]).map((r) => toPolicy(r)!);
}

/** Versions of the account's policies that are attached somewhere (GetAccountSummary's PolicyVersionsInUse). */
export function versionsInUse(storage: Storage, accountId: string): number {
  return (storage.stmt(`SELECT COUNT(*) AS n FROM iam_policy_versions v JOIN iam_policies p ON p.id = v.policy_id
                        WHERE p.account_id = ? AND EXISTS (SELECT 1 FROM iam_attached_policies a WHERE a.account_id = p.account_id AND a.policy_arn = p.arn)`)
    .get(accountId) as Row).n;
}

/** Keyset page in name order, from a name (inclusive) or after it. */
export function listLocalPolicies(storage: Storage, accountId: string, pathPrefix: string, from: string, limit: number, inclusive = false): LocalPolicyRow[] {
  const rows = storage
    .stmt(`SELECT * FROM iam_policies WHERE account_id = ? AND substr(path, 1, length(?)) = ? AND name ${inclusive ? '>=' : '>'} ? ORDER BY name LIMIT ?`)
    .all(accountId, pathPrefix, pathPrefix, from, limit) as Row[];
  return rows.map((r) => toPolicy(r)!);
}

export function insertLocalPolicy(storage: Storage, p: LocalPolicyRow): void {
  storage
    .stmt(`INSERT INTO iam_policies (account_id, name, id, path, arn, create_date, update_date, description, default_version_id, next_version)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(p.accountId, p.name, p.id, p.path, p.arn, p.createDate, p.updateDate, p.description ?? null, p.defaultVersionId, p.nextVersion);
}

export function updateLocalPolicy(storage: Storage, id: string, fields: { defaultVersionId: string; nextVersion: number; updateDate: string }): void {
  storage.stmt('UPDATE iam_policies SET default_version_id = ?, next_version = ?, update_date = ? WHERE id = ?')
    .run(fields.defaultVersionId, fields.nextVersion, fields.updateDate, id);
}

export function deleteLocalPolicy(storage: Storage, id: string): void {
  storage.stmt('DELETE FROM iam_policies WHERE id = ?').run(id);
  storage.stmt('DELETE FROM iam_policy_versions WHERE policy_id = ?').run(id);
  storage.stmt('DELETE FROM iam_tags WHERE resource_id = ?').run(id);
}

/** Versions, newest first. */
export function policyVersions(storage: Storage, policyId: string): VersionRow[] {
  const rows = storage.stmt('SELECT * FROM iam_policy_versions WHERE policy_id = ? ORDER BY seq DESC').all(policyId) as Row[];
  return rows.map((r) => ({ versionId: r.version_id, document: r.document, createDate: r.create_date }));
}

export function policyVersion(storage: Storage, policyId: string, versionId: string): VersionRow | undefined {
  const r = storage.stmt('SELECT * FROM iam_policy_versions WHERE policy_id = ? AND version_id = ?').get(policyId, versionId) as Row | undefined;
  return r && { versionId: r.version_id, document: r.document, createDate: r.create_date };
}

export function insertPolicyVersion(storage: Storage, policyId: string, seq: number, v: VersionRow): void {
  storage.stmt('INSERT INTO iam_policy_versions (policy_id, version_id, document, create_date, seq) VALUES (?, ?, ?, ?, ?)')
    .run(policyId, v.versionId, v.document, v.createDate, seq);
}

export function deletePolicyVersion(storage: Storage, policyId: string, versionId: string): void {
  storage.stmt('DELETE FROM iam_policy_versions WHERE policy_id = ? AND version_id = ?').run(policyId, versionId);
}

// Attachments: entity id → policy ARN, in the order they were attached.

export function attach(storage: Storage, accountId: string, entityId: string, policyArn: string): boolean {
  return storage.stmt('INSERT OR IGNORE INTO iam_attached_policies (account_id, entity_id, policy_arn) VALUES (?, ?, ?)').run(accountId, entityId, policyArn).changes > 0;
}

export function detach(storage: Storage, entityId: string, policyArn: string): boolean {
  return storage.stmt('DELETE FROM iam_attached_policies WHERE entity_id = ? AND policy_arn = ?').run(entityId, policyArn).changes > 0;
}

export function attachedPolicyArns(storage: Storage, entityId: string): string[] {
  return (storage.stmt('SELECT policy_arn FROM iam_attached_policies WHERE entity_id = ? ORDER BY rowid').all(entityId) as Row[]).map((r) => r.policy_arn);
}

export function attachmentCount(storage: Storage, accountId: string, policyArn: string): number {
  return (storage.stmt('SELECT COUNT(*) AS n FROM iam_attached_policies WHERE account_id = ? AND policy_arn = ?').get(accountId, policyArn) as Row).n;
}

/** Every attached ARN of the account with its count (for ListPolicies OnlyAttached and Scope=AWS counts). */
export function attachmentCounts(storage: Storage, accountId: string): Map<string, number> {
  const rows = storage.stmt('SELECT policy_arn, COUNT(*) AS n FROM iam_attached_policies WHERE account_id = ? GROUP BY policy_arn').all(accountId) as Row[];
  return new Map(rows.map((r) => [r.policy_arn as string, r.n as number]));
}

export function entitiesAttachedTo(storage: Storage, accountId: string, policyArn: string): string[] {
  return (storage.stmt('SELECT entity_id FROM iam_attached_policies WHERE account_id = ? AND policy_arn = ?').all(accountId, policyArn) as Row[]).map((r) => r.entity_id);
}

// Inline policies, embedded in one user, group or role.

export interface InlinePolicy { name: string; document: string }

export function putInline(storage: Storage, accountId: string, entityId: string, name: string, document: string): void {
  storage.stmt(`INSERT INTO iam_inline_policies (account_id, entity_id, name, document) VALUES (?, ?, ?, ?)
                ON CONFLICT (entity_id, name) DO UPDATE SET document = excluded.document`).run(accountId, entityId, name, document);
}

export function getInline(storage: Storage, entityId: string, name: string): InlinePolicy | undefined {
  const r = storage.stmt('SELECT name, document FROM iam_inline_policies WHERE entity_id = ? AND name = ?').get(entityId, name) as Row | undefined;
  return r && { name: r.name, document: r.document };
}

export function inlinePolicies(storage: Storage, entityId: string): InlinePolicy[] {
  return (storage.stmt('SELECT name, document FROM iam_inline_policies WHERE entity_id = ? ORDER BY name').all(entityId) as Row[])
    .map((r) => ({ name: r.name, document: r.document }));
}

export function deleteInline(storage: Storage, entityId: string, name: string): boolean {
  return storage.stmt('DELETE FROM iam_inline_policies WHERE entity_id = ? AND name = ?').run(entityId, name).changes > 0;
}
