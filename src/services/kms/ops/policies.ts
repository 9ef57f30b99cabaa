// GetKeyPolicy, PutKeyPolicy, ListKeyPolicies. A key has one policy, named "default".
import { AwsError } from '../../../protocol/errors';
import type { RequestContext } from '../../types';
import { saveKey } from '../lifecycle';
import { normalizePolicy } from '../policy';
import { findKeyRow, requireCustomerManaged, requireNotPendingDeletion } from '../resolve';

function checkPolicyName(name: string | undefined): void {
  if (name !== undefined && name !== 'default') throw new AwsError('NotFoundException', 'No such policy exists');
}

export function getKeyPolicy(input: { KeyId: string; PolicyName?: string }, ctx: RequestContext) {
  checkPolicyName(input.PolicyName);
  return { Policy: findKeyRow(ctx, input.KeyId).policy, PolicyName: 'default' };
}

export function putKeyPolicy(input: { KeyId: string; Policy: string; PolicyName?: string }, ctx: RequestContext) {
  checkPolicyName(input.PolicyName);
  const row = findKeyRow(ctx, input.KeyId);
  requireCustomerManaged(ctx, row, 'PutKeyPolicy');
  requireNotPendingDeletion(row);
  saveKey(ctx, row, { ...row, policy: normalizePolicy(input.Policy) });
  return {};
}

export function listKeyPolicies(input: { KeyId: string }, ctx: RequestContext) {
  findKeyRow(ctx, input.KeyId);
  return { PolicyNames: ['default'], Truncated: false };
}
