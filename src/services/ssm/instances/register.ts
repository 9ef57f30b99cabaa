// The agent's side of managed instances, as the real SSM Agent calls it: RegisterManagedInstance
// (activation code + id → mi-…), RequestManagedInstanceRoleToken (temporary keys of the
// activation's role, found by the instance's fingerprint) and UpdateInstanceInformation (the
// heartbeat). DeregisterManagedInstance is the user's call.
import { createHash } from 'node:crypto';
import type { Principal } from '../../../core/accounts';
import { hexId, secretKey, upperId } from '../../../core/ids';
import type { Platform } from '../../../core/platform';
import type { Storage } from '../../../storage/database';
import { AwsError } from '../../../protocol/errors';
import type { RequestContext } from '../../types';
import { putTag } from '../store-parameters';
import { hashCode, invalidActivation } from './activations';
import { callerInstance } from './caller';
import {
  countRegistration, deleteInstance, dropExpiredKeys, findActivationAnywhere, findInstanceByFingerprint, findKey, findManagedInstance,
  insertInstance, insertKey, updateAgentInfo, type ManagedInstance,
} from './store';

const KEY_LIFETIME = 3_600_000; // instance role credentials last an hour, as on AWS

export function invalidInstanceId(message = 'Instances [[]] not in a valid state for account'): AwsError {
  return new AwsError('InvalidInstanceId', message);
}

export function registerManagedInstance(input: { ActivationCode: string; ActivationId: string; PublicKey: string; PublicKeyType: string; Fingerprint: string }, ctx: RequestContext) {
  const storage = ctx.platform.storage;
  const activation = findActivationAnywhere(storage, ctx.region, input.ActivationId);
  const now = ctx.now.getTime();
  if (!activation || activation.codeHash !== hashCode(input.ActivationCode)) throw invalidActivation();
  if (activation.expirationDate <= now) throw invalidActivation('Activation has expired.');
  if (activation.registrationsCount >= activation.registrationLimit) throw invalidActivation('Activation registration limit has been reached.');
  if (findInstanceByFingerprint(storage, fingerprintKey(input.Fingerprint))) throw invalidActivation('This machine is already registered.');
  const instanceId = hexId('mi');
  insertInstance(storage, {
    accountId: activation.accountId, region: activation.region, instanceId, resourceType: 'ManagedInstance', activationId: activation.activationId,
    iamRole: activation.iamRole, name: activation.defaultInstanceName, fingerprint: fingerprintKey(input.Fingerprint), registrationDate: now, lastPing: now,
    agentVersion: null, platformType: null, platformName: null, platformVersion: null, ipAddress: null, computerName: null,
  });
  countRegistration(storage, activation);
  for (const t of tagsOfActivation(ctx, activation.accountId, activation.activationId)) putTag(storage, activation, 'ManagedInstance', instanceId, t.Key, t.Value);
  return { InstanceId: instanceId };
}

function tagsOfActivation(ctx: RequestContext, accountId: string, activationId: string): { Key: string; Value: string }[] {
  return ctx.platform.storage.stmt("SELECT tag_key AS Key, tag_value AS Value FROM ssm_tags WHERE account_id = ? AND region = ? AND resource_type = 'Activation' AND resource_id = ?")
    .all(accountId, ctx.region, activationId) as { Key: string; Value: string }[];
}

/** Only a hash of the fingerprint is kept: it is what the instance proves itself with. */
function fingerprintKey(fingerprint: string): string {
  return createHash('sha256').update(fingerprint).digest('hex');
}

export function requestManagedInstanceRoleToken(input: { Fingerprint: string }, ctx: RequestContext) {
  const instance = findInstanceByFingerprint(ctx.platform.storage, fingerprintKey(input.Fingerprint));
  if (!instance || instance.region !== ctx.region) throw invalidInstanceId('The instance is not registered or was deregistered.');
  const roleName = (instance.iamRole ?? 'AmazonSSMRoleForInstancesQuickSetup').split('/').pop()!;
  const { Expiration, ...key } = issueInstanceKey(ctx.platform.storage, instance, roleName, `arn:aws:iam::${instance.accountId}:role/${instance.iamRole}`, ctx.now.getTime());
  return { ...key, TokenExpirationDate: Expiration, UpdateKeyPair: false };
}

/** One-hour keys of the instance's role, as `assumed-role/<role>/<instance id>` (what EC2's role credentials are too). */
export function issueInstanceKey(storage: Storage, instance: ManagedInstance, roleName: string, roleArn: string, now: number) {
  const accessKeyId = upperId('ASIA', 20);
  const roleId = `AROA${createHash('sha256').update(`${instance.accountId}/${roleName}`).digest('hex').slice(0, 17).toUpperCase()}`;
  const principal: Principal = {
    type: 'AssumedRole', accountId: instance.accountId, arn: `arn:aws:sts::${instance.accountId}:assumed-role/${roleName}/${instance.instanceId}`,
    userId: `${roleId}:${instance.instanceId}`, accessKeyId,
    sessionIssuer: { type: 'Role', principalId: roleId, arn: roleArn, accountId: instance.accountId, userName: roleName },
  };
  dropExpiredKeys(storage, instance, instance.instanceId, now - KEY_LIFETIME);
  insertKey(storage, { accessKeyId, accountId: instance.accountId, region: instance.region, instanceId: instance.instanceId, principalJson: JSON.stringify(principal), expiration: now + KEY_LIFETIME });
  return { AccessKeyId: accessKeyId, SecretAccessKey: secretKey(), SessionToken: Buffer.from(`kanri-ssm-${accessKeyId}-${secretKey()}`).toString('base64'), Expiration: new Date(now + KEY_LIFETIME) };
}

/** resolveAccessKey for the keys above: the instance's assumed role, until the key runs out. */
export function resolveInstanceKey(platform: Platform, accessKeyId: string): Principal | undefined {
  const key = findKey(platform.storage, accessKeyId);
  if (!key) return undefined;
  const principal = JSON.parse(key.principalJson) as Principal;
  if (key.expiration <= platform.clock.now()) return { ...principal, expired: true };
  return { ...principal, expiresAt: key.expiration };
}

interface InstanceInfo {
  InstanceId: string; AgentVersion?: string; AgentStatus?: string; AgentName?: string; PlatformName?: string; PlatformType?: string;
  PlatformVersion?: string; IPAddress?: string; ComputerName?: string;
}

export function updateInstanceInformation(input: InstanceInfo, ctx: RequestContext) {
  const instance = callerInstance(ctx);
  if (instance.instanceId !== input.InstanceId) throw new AwsError('AccessDeniedException', 'An instance can only report its own information.');
  updateAgentInfo(ctx.platform.storage, instance, instance.instanceId, {
    agentVersion: input.AgentVersion, platformType: input.PlatformType, platformName: input.PlatformName, platformVersion: input.PlatformVersion,
    ipAddress: input.IPAddress, computerName: input.ComputerName,
  }, ctx.now.getTime());
  return {};
}

export function deregisterManagedInstance(input: { InstanceId: string }, ctx: RequestContext) {
  if (!/^mi-[0-9a-f]{17}$/.test(input.InstanceId)) throw invalidInstanceId();
  if (!findManagedInstance(ctx.platform.storage, ctx.accountId, ctx.region, input.InstanceId)) throw invalidInstanceId();
  deleteInstance(ctx.platform.storage, ctx, input.InstanceId);
  return {};
}
