// Managed policies: CreatePolicy, GetPolicy, DeletePolicy, ListPolicies (AWS's and the account's).
import { partitionOf } from '../../../core/arn';
import { AwsError } from '../../../protocol/errors';
import type { RequestContext } from '../../types';
import { iamArn, newId } from '../entities';
import { checkSize, deleteConflict, exists, notFound } from '../errors';
import { changing } from '../events';
import { awsPolicies, findManagedPolicy, localAsManaged, sortName, type ManagedPolicy } from '../managed';
import { decodeMarker, DEFAULT_MAX_ITEMS, encodeMarker, type PageInput } from '../paging';
import { policySize, validateIdentityPolicy } from '../policy/document';
import { attachmentCount, attachmentCounts, deleteLocalPolicy, insertLocalPolicy, insertPolicyVersion, listLocalPolicies, localPolicyByName, policyVersions } from '../store-policies';
import { boundaryUsageCount } from '../store';
import { policyView } from '../views';
import { applyTags } from './tags';

interface Tag { Key: string; Value: string }

export const MANAGED_POLICY_SIZE = 6144;

/** The account's own policy, for operations AWS managed policies refuse. */
export function requireLocalPolicy(ctx: RequestContext, arn: string, operation: string): ManagedPolicy {
  const policy = findManagedPolicy(ctx.platform.storage, ctx.accountId, arn);
  if (!policy) throw notFound.policy(arn);
  if (policy.aws) {
    throw new AwsError('AccessDenied', `User: ${ctx.principal.arn} is not authorized to perform: iam:${operation} on resource: policy ${arn}`, 403);
  }
  return policy;
}

export function createPolicy(input: { PolicyName: string; PolicyDocument: string; Path?: string; Description?: string; Tags?: Tag[] }, ctx: RequestContext) {
  const storage = ctx.platform.storage;
  validateIdentityPolicy(input.PolicyDocument);
  checkSize(policySize(input.PolicyDocument), 'PolicySize', MANAGED_POLICY_SIZE);
  if (localPolicyByName(storage, ctx.accountId, input.PolicyName)) throw exists.policy(input.PolicyName);
  const path = input.Path ?? '/';
  const now = ctx.now.toISOString();
  const row = {
    accountId: ctx.accountId, name: input.PolicyName, id: newId('policy'), path, arn: iamArn(ctx, 'policy', path, input.PolicyName),
    createDate: now, updateDate: now, description: input.Description, defaultVersionId: 'v1', nextVersion: 2,
  };
  changing(ctx, 'policy', row, () => {
    insertLocalPolicy(storage, row);
    insertPolicyVersion(storage, row.id, 1, { versionId: 'v1', document: input.PolicyDocument, createDate: now });
    applyTags(ctx, 'policy', row.id, input.Tags);
  });
  const { Description: _d, ...policy } = policyView(storage, ctx.accountId, localAsManaged(row), true);
  return { Policy: policy };
}

export function getPolicy(input: { PolicyArn: string }, ctx: RequestContext) {
  const policy = findManagedPolicy(ctx.platform.storage, ctx.accountId, input.PolicyArn);
  if (!policy) throw notFound.policy(input.PolicyArn);
  return { Policy: policyView(ctx.platform.storage, ctx.accountId, policy, true) };
}

export function deletePolicy(input: { PolicyArn: string }, ctx: RequestContext) {
  const storage = ctx.platform.storage;
  const policy = requireLocalPolicy(ctx, input.PolicyArn, 'DeletePolicy');
  if (attachmentCount(storage, ctx.accountId, policy.arn) || boundaryUsageCount(storage, ctx.accountId, policy.arn)) {
    throw deleteConflict('Cannot delete a policy attached to entities.');
  }
  if (policyVersions(storage, policy.id).length > 1) {
    throw deleteConflict("This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.");
  }
  changing(ctx, 'policy', policy, () => deleteLocalPolicy(storage, policy.id));
  return {};
}

interface ListPoliciesInput extends PageInput {
  Scope?: 'All' | 'AWS' | 'Local';
  OnlyAttached?: boolean;
  PathPrefix?: string;
  PolicyUsageFilter?: 'PermissionsPolicy' | 'PermissionsBoundary';
}

/**
 * AWS's and the account's policies in one name order. A marker is the last policy's folded name
 * and its scope (AWS sorts before Local on equal names), so either side resumes by keyset.
 */
export function listPolicies(input: ListPoliciesInput, ctx: RequestContext) {
  const storage = ctx.platform.storage;
  const scope = input.Scope ?? 'All';
  const prefix = input.PathPrefix ?? '/';
  const size = input.MaxItems ?? DEFAULT_MAX_ITEMS;
  const after = decodeMarker(input.Marker);
  const keyOf = (p: ManagedPolicy) => `${sortName(p.name)}\u0000${p.aws ? 'a' : 'l'}`;
  const boundaryOnly = input.PolicyUsageFilter === 'PermissionsBoundary';
  const used = (p: ManagedPolicy) => (boundaryOnly ? boundaryUsageCount(storage, ctx.accountId, p.arn) > 0 : true);

  const candidates: ManagedPolicy[] = [];
  if (scope !== 'Local') {
    const counts = input.OnlyAttached ? attachmentCounts(storage, ctx.accountId) : undefined;
    for (const p of awsPolicies(partitionOf(ctx.region))) {
      if (candidates.length > size || keyOf(p) <= after || !p.path.startsWith(prefix)) continue;
      if (counts && !counts.get(p.arn)) continue;
      if (used(p)) candidates.push(p);
    }
  }
  if (scope !== 'AWS') {
    const afterName = after.split('\u0000')[0];
    let from = afterName;
    // Fetch in batches: filters (OnlyAttached, usage) run here, not in SQL.
    for (let taken = 0, first = true; taken <= size; first = false) {
      const rows = listLocalPolicies(storage, ctx.accountId, prefix, from, size + 2, first).map(localAsManaged);
      if (!rows.length) break;
      for (const p of rows) {
        if (keyOf(p) <= after) continue;
        if (input.OnlyAttached && !attachmentCount(storage, ctx.accountId, p.arn)) continue;
        if (!used(p)) continue;
        candidates.push(p);
        taken++;
      }
      if (rows.length < size + 2) break;
      from = rows[rows.length - 1].name;
    }
  }
  candidates.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  const items = candidates.slice(0, size);
  const truncated = candidates.length > size;
  return {
    Policies: items.map((p) => policyView(storage, ctx.accountId, p)),
    IsTruncated: truncated,
    Marker: truncated ? encodeMarker(keyOf(items[items.length - 1])) : undefined,
  };
}
