// The *Detail shapes of GetAccountAuthorizationDetails: an entity with its inline and attached
// policies. Resource-change events carry the same shapes, so Config sees what IAM reports.
import type { Storage } from '../../storage/database';
import { policyDocument, type ManagedPolicy } from './managed';
import { encodeDocument } from './policy/document';
import { groupsOfUser, profilesOfRole, type EntityRow, type RoleRow } from './store';
import { attachedPolicyArns, inlinePolicies, policyVersions } from './store-policies';
import { attachedPolicyView, groupView, instanceProfileView, policyView, roleView, userView } from './views';

function inlineList(storage: Storage, entityId: string) {
  return inlinePolicies(storage, entityId).map((p) => ({ PolicyName: p.name, PolicyDocument: encodeDocument(p.document) }));
}

function attachedList(storage: Storage, entityId: string) {
  return attachedPolicyArns(storage, entityId).map(attachedPolicyView);
}

export function userDetail(storage: Storage, row: EntityRow) {
  return {
    ...userView(storage, row, true),
    UserPolicyList: inlineList(storage, row.id),
    GroupList: groupsOfUser(storage, row.id).map((g) => g.name),
    AttachedManagedPolicies: attachedList(storage, row.id),
  };
}

export function groupDetail(storage: Storage, row: EntityRow) {
  return { ...groupView(row), GroupPolicyList: inlineList(storage, row.id), AttachedManagedPolicies: attachedList(storage, row.id) };
}

export function roleDetail(storage: Storage, row: RoleRow) {
  const { Description: _d, MaxSessionDuration: _m, ...role } = roleView(storage, row, true);
  return {
    ...role,
    InstanceProfileList: profilesOfRole(storage, row.id).map((p) => instanceProfileView(storage, p)),
    RolePolicyList: inlineList(storage, row.id),
    AttachedManagedPolicies: attachedList(storage, row.id),
  };
}

export function policyDetail(storage: Storage, accountId: string, p: ManagedPolicy) {
  const { Tags: _t, ...policy } = policyView(storage, accountId, p, true);
  const versions = p.aws
    ? [{ versionId: p.defaultVersionId, document: policyDocument(storage, p)!, createDate: p.updateDate }]
    : policyVersions(storage, p.id);
  return {
    ...policy,
    PolicyVersionList: versions.map((v) => ({
      Document: encodeDocument(v.document), VersionId: v.versionId, IsDefaultVersion: v.versionId === p.defaultVersionId, CreateDate: new Date(v.createDate),
    })),
  };
}
