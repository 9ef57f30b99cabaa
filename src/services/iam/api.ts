// What other services may ask IAM (through services/links.ts): the account facts AWS Config's
// account-level rules read (password policy, account summary, access keys, credential report),
// and an instance profile's role with what its policies allow (SSM's EC2 instance agents).
import { partitionOf } from '../../core/arn';
import type { Platform } from '../../core/platform';
import type { RequestContext } from '../types';
import { summaryMap } from './ops/account';
import { reportRows } from './ops/credential-report';
import { principalPolicies } from './ops/principal-policies';
import { evaluateWithBoundary } from './policy/evaluate';
import { allEntities, getEntity, rolesOfProfile } from './store';
import { keysOfUser } from './store-keys';
import { passwordPolicy } from './store-security';

export function accountFacts(platform: Platform, accountId: string, region: string) {
  const storage = platform.storage;
  return {
    passwordPolicy: () => passwordPolicy(storage, accountId) ?? null,
    accountSummary: () => summaryMap(storage, accountId),
    accessKeys(userName: string) {
      const user = allEntities(storage, 'user', accountId).find((u) => u.name.toLowerCase() === userName.toLowerCase());
      return user ? keysOfUser(storage, user.id).map((k) => ({ accessKeyId: k.accessKeyId, status: k.status, createDate: k.createDate })) : [];
    },
    credentialReport() {
      const [header, ...rows] = reportRows(storage, accountId, partitionOf(region));
      return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
    },
  };
}

/**
 * The role of an instance profile (by ARN, in accountId) and which of `actions` its identity
 * policies (within its permissions boundary) do not allow on any resource; undefined when the
 * profile does not exist.
 */
export function instanceProfileRole(platform: Platform, accountId: string, profileArn: string, actions: string[]): { role?: { name: string; arn: string }; denied: string[] } | undefined {
  platform.service('iam');
  const profile = getEntity(platform.storage, 'instance-profile', accountId, profileArn.split('/').pop() ?? '');
  if (!profile || profileArn.split(':')[4] !== accountId) return undefined;
  const [role] = rolesOfProfile(platform.storage, profile.id);
  if (!role) return { denied: actions };
  const ctx = { platform, accountId } as RequestContext;
  const { policies, boundary } = principalPolicies(ctx, role.arn);
  const denied = actions.filter((action) => evaluateWithBoundary(policies, boundary.length ? boundary : undefined, { action, resource: '*', context: new Map() }).decision !== 'allowed');
  return { role: { name: role.name, arn: role.arn }, denied };
}
