// Managed instances: hybrid activations, the instances registered through them (mi-…) or served
// by an agent for an EC2 instance (i-…), and the temporary keys each instance signs with.
import type { Row, Storage } from '../../../storage/database';
import type { Scope } from '../store-parameters';

export const INSTANCE_MIGRATIONS = [
  `CREATE TABLE ssm_activations (
     account_id TEXT NOT NULL, region TEXT NOT NULL, activation_id TEXT NOT NULL, code_hash TEXT NOT NULL, description TEXT,
     default_instance_name TEXT, iam_role TEXT NOT NULL, registration_limit INTEGER NOT NULL, registrations_count INTEGER NOT NULL,
     expiration_date INTEGER NOT NULL, created_date INTEGER NOT NULL, registration_metadata TEXT,
     PRIMARY KEY (account_id, region, activation_id));
   CREATE INDEX ssm_activations_id ON ssm_activations (activation_id);
   CREATE TABLE ssm_instances (
     account_id TEXT NOT NULL, region TEXT NOT NULL, instance_id TEXT NOT NULL, resource_type TEXT NOT NULL, activation_id TEXT,
     iam_role TEXT, name TEXT, fingerprint TEXT, registration_date INTEGER NOT NULL, last_ping INTEGER NOT NULL,
     agent_version TEXT, platform_type TEXT, platform_name TEXT, platform_version TEXT, ip_address TEXT, computer_name TEXT,
     PRIMARY KEY (account_id, region, instance_id));
   CREATE INDEX ssm_instances_fingerprint ON ssm_instances (fingerprint);
   CREATE TABLE ssm_instance_keys (
     access_key_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, region TEXT NOT NULL, instance_id TEXT NOT NULL,
     principal_json TEXT NOT NULL, expiration INTEGER NOT NULL);
   CREATE INDEX ssm_instance_keys_instance ON ssm_instance_keys (account_id, region, instance_id);`,
];

export interface ActivationRow {
  accountId: string; region: string; activationId: string; codeHash: string; description: string | null; defaultInstanceName: string | null;
  iamRole: string; registrationLimit: number; registrationsCount: number; expirationDate: number; createdDate: number;
}

export interface ManagedInstance {
  accountId: string; region: string; instanceId: string; resourceType: 'ManagedInstance' | 'EC2Instance'; activationId: string | null;
  iamRole: string | null; name: string | null; fingerprint: string | null; registrationDate: number; lastPing: number;
  agentVersion: string | null; platformType: string | null; platformName: string | null; platformVersion: string | null;
  ipAddress: string | null; computerName: string | null;
  /** Not stored: an EC2Instance's EC2 state when the caller looked it up (null once EC2 no longer has it). */
  ec2State?: string | null;
}

const toActivation = (r: Row): ActivationRow => ({
  accountId: r.account_id, region: r.region, activationId: r.activation_id, codeHash: r.code_hash, description: r.description,
  defaultInstanceName: r.default_instance_name, iamRole: r.iam_role, registrationLimit: r.registration_limit,
  registrationsCount: r.registrations_count, expirationDate: r.expiration_date, createdDate: r.created_date,
});

const toInstance = (r: Row): ManagedInstance => ({
  accountId: r.account_id, region: r.region, instanceId: r.instance_id, resourceType: r.resource_type, activationId: r.activation_id,
  iamRole: r.iam_role, name: r.name, fingerprint: r.fingerprint, registrationDate: r.registration_date, lastPing: r.last_ping,
  agentVersion: r.agent_version, platformType: r.platform_type, platformName: r.platform_name, platformVersion: r.platform_version,
  ipAddress: r.ip_address, computerName: r.computer_name,
});

export function insertActivation(storage: Storage, a: ActivationRow): void {
  storage.stmt(`INSERT INTO ssm_activations (account_id, region, activation_id, code_hash, description, default_instance_name, iam_role,
                  registration_limit, registrations_count, expiration_date, created_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(a.accountId, a.region, a.activationId, a.codeHash, a.description, a.defaultInstanceName, a.iamRole, a.registrationLimit,
      a.registrationsCount, a.expirationDate, a.createdDate);
}

export function findActivation(storage: Storage, s: Scope, id: string): ActivationRow | undefined {
  const r = storage.stmt('SELECT * FROM ssm_activations WHERE account_id = ? AND region = ? AND activation_id = ?').get(s.accountId, s.region, id) as Row | undefined;
  return r && toActivation(r);
}

/** An activation by id alone: registration carries no account, only the activation's id and code. */
export function findActivationAnywhere(storage: Storage, region: string, id: string): ActivationRow | undefined {
  const r = storage.stmt('SELECT * FROM ssm_activations WHERE activation_id = ? AND region = ?').get(id, region) as Row | undefined;
  return r && toActivation(r);
}

export function listActivations(storage: Storage, s: Scope): ActivationRow[] {
  return (storage.stmt('SELECT * FROM ssm_activations WHERE account_id = ? AND region = ? ORDER BY created_date, activation_id')
    .all(s.accountId, s.region) as Row[]).map(toActivation);
}

export function countRegistration(storage: Storage, a: ActivationRow): void {
  storage.stmt('UPDATE ssm_activations SET registrations_count = registrations_count + 1 WHERE account_id = ? AND region = ? AND activation_id = ?')
    .run(a.accountId, a.region, a.activationId);
}

export function deleteActivationRow(storage: Storage, s: Scope, id: string): void {
  storage.stmt('DELETE FROM ssm_activations WHERE account_id = ? AND region = ? AND activation_id = ?').run(s.accountId, s.region, id);
  storage.stmt("DELETE FROM ssm_tags WHERE account_id = ? AND region = ? AND resource_type = 'Activation' AND resource_id = ?").run(s.accountId, s.region, id);
}

export function insertInstance(storage: Storage, i: ManagedInstance): void {
  storage.stmt(`INSERT INTO ssm_instances (account_id, region, instance_id, resource_type, activation_id, iam_role, name, fingerprint,
                  registration_date, last_ping) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (account_id, region, instance_id) DO UPDATE SET last_ping = excluded.last_ping, iam_role = excluded.iam_role`)
    .run(i.accountId, i.region, i.instanceId, i.resourceType, i.activationId, i.iamRole, i.name, i.fingerprint, i.registrationDate, i.lastPing);
}

/**
 * A managed instance (mi-… registered through an activation, or an EC2 i-… an agent serves), or
 * undefined. Other SSM features (Inventory, Session Manager) find their targets with this.
 */
export function findManagedInstance(db: Storage, accountId: string, region: string, instanceId: string): ManagedInstance | undefined {
  const r = db.stmt('SELECT * FROM ssm_instances WHERE account_id = ? AND region = ? AND instance_id = ?').get(accountId, region, instanceId) as Row | undefined;
  return r && toInstance(r);
}

export function findInstanceByFingerprint(storage: Storage, fingerprint: string): ManagedInstance | undefined {
  const r = storage.stmt('SELECT * FROM ssm_instances WHERE fingerprint = ?').get(fingerprint) as Row | undefined;
  return r && toInstance(r);
}

export function listInstances(storage: Storage, s: Scope): ManagedInstance[] {
  return (storage.stmt('SELECT * FROM ssm_instances WHERE account_id = ? AND region = ? ORDER BY instance_id').all(s.accountId, s.region) as Row[]).map(toInstance);
}

export function recordPing(storage: Storage, s: Scope, instanceId: string, at: number): void {
  storage.stmt('UPDATE ssm_instances SET last_ping = ? WHERE account_id = ? AND region = ? AND instance_id = ?').run(at, s.accountId, s.region, instanceId);
}

export function updateAgentInfo(storage: Storage, s: Scope, instanceId: string, info: Partial<ManagedInstance>, at: number): void {
  storage.stmt(`UPDATE ssm_instances SET last_ping = ?, agent_version = COALESCE(?, agent_version), platform_type = COALESCE(?, platform_type),
                  platform_name = COALESCE(?, platform_name), platform_version = COALESCE(?, platform_version), ip_address = COALESCE(?, ip_address),
                  computer_name = COALESCE(?, computer_name) WHERE account_id = ? AND region = ? AND instance_id = ?`)
    .run(at, info.agentVersion ?? null, info.platformType ?? null, info.platformName ?? null, info.platformVersion ?? null, info.ipAddress ?? null,
      info.computerName ?? null, s.accountId, s.region, instanceId);
}

export function deleteInstance(storage: Storage, s: Scope, instanceId: string): void {
  storage.stmt('DELETE FROM ssm_instances WHERE account_id = ? AND region = ? AND instance_id = ?').run(s.accountId, s.region, instanceId);
  storage.stmt('DELETE FROM ssm_instance_keys WHERE account_id = ? AND region = ? AND instance_id = ?').run(s.accountId, s.region, instanceId);
  storage.stmt("DELETE FROM ssm_tags WHERE account_id = ? AND region = ? AND resource_type = 'ManagedInstance' AND resource_id = ?").run(s.accountId, s.region, instanceId);
}

export interface InstanceKey { accessKeyId: string; accountId: string; region: string; instanceId: string; principalJson: string; expiration: number }

export function insertKey(storage: Storage, k: InstanceKey): void {
  storage.stmt('INSERT INTO ssm_instance_keys (access_key_id, account_id, region, instance_id, principal_json, expiration) VALUES (?, ?, ?, ?, ?, ?)')
    .run(k.accessKeyId, k.accountId, k.region, k.instanceId, k.principalJson, k.expiration);
}

export function findKey(storage: Storage, accessKeyId: string): InstanceKey | undefined {
  const r = storage.stmt('SELECT * FROM ssm_instance_keys WHERE access_key_id = ?').get(accessKeyId) as Row | undefined;
  return r && { accessKeyId, accountId: r.account_id, region: r.region, instanceId: r.instance_id, principalJson: r.principal_json, expiration: r.expiration };
}

/** Keys of an instance that ran out long ago are no use to anyone. */
export function dropExpiredKeys(storage: Storage, s: Scope, instanceId: string, before: number): void {
  storage.stmt('DELETE FROM ssm_instance_keys WHERE account_id = ? AND region = ? AND instance_id = ? AND expiration < ?').run(s.accountId, s.region, instanceId, before);
}
