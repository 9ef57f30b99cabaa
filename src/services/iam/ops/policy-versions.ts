// Policy versions: CreatePolicyVersion (at most 5), GetPolicyVersion, ListPolicyVersions,
// DeletePolicyVersion, SetDefaultPolicyVersion.
import type { RequestContext } from '../../types';
import { checkSize, deleteConflict, limitExceeded, notFound } from '../errors';
import { changing } from '../events';
import { findManagedPolicy, policyDocument } from '../managed';
import { pageOfList, type PageInput } from '../paging';
import { encodeDocument, policySize, validateIdentityPolicy } from '../policy/document';
import { deletePolicyVersion as deleteVersionRow, insertPolicyVersion, policyVersion, policyVersions, updateLocalPolicy } from '../store-policies';
import { MANAGED_POLICY_SIZE, requireLocalPolicy } from './policies';

const MAX_VERSIONS = 5;

export function createPolicyVersion(input: { PolicyArn: string; PolicyDocument: string; SetAsDefault?: boolean }, ctx: RequestContext) {
  const storage = ctx.platform.storage;
  const policy = requireLocalPolicy(ctx, input.PolicyArn, 'CreatePolicyVersion');
  validateIdentityPolicy(input.PolicyDocument);
  checkSize(policySize(input.PolicyDocument), 'PolicySize', MANAGED_POLICY_SIZE);
  if (policyVersions(storage, policy.id).length >= MAX_VERSIONS) {
    throw limitExceeded('A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.');
  }
  const local = policy.local!;
  const versionId = `v${local.nextVersion}`;
  const now = ctx.now.toISOString();
  changing(ctx, 'policy', policy, () => {
    insertPolicyVersion(storage, policy.id, local.nextVersion, { versionId, document: input.PolicyDocument, createDate: now });
    updateLocalPolicy(storage, policy.id, {
      defaultVersionId: input.SetAsDefault ? versionId : local.defaultVersionId, nextVersion: local.nextVersion + 1,
      updateDate: input.SetAsDefault ? now : local.updateDate,
    });
  });
  return { PolicyVersion: { VersionId: versionId, IsDefaultVersion: !!input.SetAsDefault, CreateDate: ctx.now } };
}

export function getPolicyVersion(input: { PolicyArn: string; VersionId: string }, ctx: RequestContext) {
  const storage = ctx.platform.storage;
  const policy = findManagedPolicy(storage, ctx.accountId, input.PolicyArn);
  if (!policy) throw notFound.policy(input.PolicyArn);
  const document = policyDocument(storage, policy, input.VersionId);
  if (document === undefined) throw notFound.version(input.PolicyArn, input.VersionId);
  const createDate = policy.aws ? policy.updateDate : policyVersion(storage, policy.id, input.VersionId)!.createDate;
  return {
    PolicyVersion: {
      Document: encodeDocument(document), VersionId: input.VersionId, IsDefaultVersion: input.VersionId === policy.defaultVersionId, CreateDate: new Date(createDate),
    },
  };
}

export function listPolicyVersions(input: PageInput & { PolicyArn: string }, ctx: RequestContext) {
  const storage = ctx.platform.storage;
  const policy = findManagedPolicy(storage, ctx.accountId, input.PolicyArn);
  if (!policy) throw notFound.policy(input.PolicyArn);
  const versions = policy.aws
    ? [{ versionId: policy.defaultVersionId, createDate: policy.updateDate }]
    : policyVersions(storage, policy.id);
  const page = pageOfList(input, versions, (v) => v.versionId);
  return {
    Versions: page.items.map((v) => ({ VersionId: v.versionId, IsDefaultVersion: v.versionId === policy.defaultVersionId, CreateDate: new Date(v.createDate) })),
    IsTruncated: page.IsTruncated, Marker: page.Marker,
  };
}

export function deletePolicyVersion(input: { PolicyArn: string; VersionId: string }, ctx: RequestContext) {
  const storage = ctx.platform.storage;
  const policy = requireLocalPolicy(ctx, input.PolicyArn, 'DeletePolicyVersion');
  if (!policyVersion(storage, policy.id, input.VersionId)) throw notFound.version(input.PolicyArn, input.VersionId);
  if (input.VersionId === policy.defaultVersionId) throw deleteConflict('Cannot delete the default version of a policy.');
  changing(ctx, 'policy', policy, () => deleteVersionRow(storage, policy.id, input.VersionId));
  return {};
}

export function setDefaultPolicyVersion(input: { PolicyArn: string; VersionId: string }, ctx: RequestContext) {
  const storage = ctx.platform.storage;
  const policy = requireLocalPolicy(ctx, input.PolicyArn, 'SetDefaultPolicyVersion');
  if (!policyVersion(storage, policy.id, input.VersionId)) throw notFound.version(input.PolicyArn, input.VersionId);
  changing(ctx, 'policy', policy, () => updateLocalPolicy(storage, policy.id, {
    defaultVersionId: input.VersionId, nextVersion: policy.local!.nextVersion, updateDate: ctx.now.toISOString(),
  }));
  return {};
}
