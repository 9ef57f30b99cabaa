// Inline policies: Put/Get/List/Delete User/Group/RolePolicy.
import type { RequestContext } from '../../types';
import { requireChangeableRole, requireEntity } from '../entities';
import { checkSize, notFound } from '../errors';
import { changing } from '../events';
import { pageOfList, type PageInput } from '../paging';
import { encodeDocument, policySize, validateIdentityPolicy } from '../policy/document';
import type { EntityRow } from '../store';
import { deleteInline, getInline, inlinePolicies, putInline } from '../store-policies';

type Holder = 'user' | 'group' | 'role';

/** The quota covers all of an entity's inline policies together. */
const SIZE_QUOTA: Record<Holder, [string, number]> = { user: ['UserPolicySize', 2048], group: ['GroupPolicySize', 5120], role: ['RolePolicySize', 10240] };

const NAME_MEMBER: Record<Holder, 'UserName' | 'GroupName' | 'RoleName'> = { user: 'UserName', group: 'GroupName', role: 'RoleName' };

function holder(ctx: RequestContext, kind: Holder, name: string, changing = false): EntityRow {
  return kind === 'role' && changing ? requireChangeableRole(ctx, name) : requireEntity(ctx, kind, name);
}

function putOp(kind: Holder) {
  return (input: { PolicyName: string; PolicyDocument: string } & Record<string, string>, ctx: RequestContext) => {
    const entity = holder(ctx, kind, input[NAME_MEMBER[kind]], true);
    validateIdentityPolicy(input.PolicyDocument);
    const others = inlinePolicies(ctx.platform.storage, entity.id).filter((p) => p.name.toLowerCase() !== input.PolicyName.toLowerCase());
    const [quota, limit] = SIZE_QUOTA[kind];
    checkSize(others.reduce((n, p) => n + policySize(p.document), policySize(input.PolicyDocument)), quota, limit);
    changing(ctx, kind, entity, () => putInline(ctx.platform.storage, ctx.accountId, entity.id, input.PolicyName, input.PolicyDocument));
    return {};
  };
}

function getOp(kind: Holder) {
  return (input: { PolicyName: string } & Record<string, string>, ctx: RequestContext) => {
    const entity = holder(ctx, kind, input[NAME_MEMBER[kind]]);
    const policy = getInline(ctx.platform.storage, entity.id, input.PolicyName);
    if (!policy) throw notFound.inline(kind, input.PolicyName);
    return { [NAME_MEMBER[kind]]: entity.name, PolicyName: policy.name, PolicyDocument: encodeDocument(policy.document) };
  };
}

function listOp(kind: Holder) {
  return (input: PageInput & Record<string, any>, ctx: RequestContext) => {
    const entity = holder(ctx, kind, input[NAME_MEMBER[kind]]);
    const page = pageOfList(input, inlinePolicies(ctx.platform.storage, entity.id).map((p) => p.name), (n) => n);
    return { PolicyNames: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
  };
}

function deleteOp(kind: Holder) {
  return (input: { PolicyName: string } & Record<string, string>, ctx: RequestContext) => {
    const entity = holder(ctx, kind, input[NAME_MEMBER[kind]], true);
    if (!getInline(ctx.platform.storage, entity.id, input.PolicyName)) throw notFound.inline(kind, input.PolicyName);
    changing(ctx, kind, entity, () => deleteInline(ctx.platform.storage, entity.id, input.PolicyName));
    return {};
  };
}

export const inlinePolicyHandlers = {
  PutUserPolicy: putOp('user'), GetUserPolicy: getOp('user'), ListUserPolicies: listOp('user'), DeleteUserPolicy: deleteOp('user'),
  PutGroupPolicy: putOp('group'), GetGroupPolicy: getOp('group'), ListGroupPolicies: listOp('group'), DeleteGroupPolicy: deleteOp('group'),
  PutRolePolicy: putOp('role'), GetRolePolicy: getOp('role'), ListRolePolicies: listOp('role'), DeleteRolePolicy: deleteOp('role'),
};
