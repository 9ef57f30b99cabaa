// Managed policies attached to users, groups and roles: Attach*/Detach*/ListAttached*Policies
// and ListEntitiesForPolicy.
import type { RequestContext } from '../../types';
import { requireChangeableRole, requireEntity } from '../entities';
import { limitExceeded, notFound } from '../errors';
import { changing, describeForEvent, emitChange } from '../events';
import { findManagedPolicy } from '../managed';
import { pageOfList, type PageInput } from '../paging';
import { entityById, type EntityRow } from '../store';
import { attach, attachedPolicyArns, detach, entitiesAttachedTo } from '../store-policies';
import { attachedPolicyView } from '../views';

type Holder = 'user' | 'group' | 'role';

const NAME_MEMBER: Record<Holder, 'UserName' | 'GroupName' | 'RoleName'> = { user: 'UserName', group: 'GroupName', role: 'RoleName' };
const QUOTA = 10;
const QUOTA_NAMES: Record<Holder, string> = { user: 'PoliciesPerUser', group: 'PoliciesPerGroup', role: 'PoliciesPerRole' };

function holder(ctx: RequestContext, kind: Holder, name: string): EntityRow {
  return kind === 'role' ? requireChangeableRole(ctx, name) : requireEntity(ctx, kind, name);
}

/** Attaching changes the entity and, for the account's own policies, its AttachmentCount. */
function withPolicyEvent(ctx: RequestContext, arn: string, change: () => void): void {
  const policy = findManagedPolicy(ctx.platform.storage, ctx.accountId, arn);
  if (!policy || policy.aws) return change();
  const before = describeForEvent(ctx, 'policy', policy.id);
  change();
  emitChange(ctx, 'policy', policy, before);
}

function attachOp(kind: Holder) {
  return (input: { PolicyArn: string } & Record<string, string>, ctx: RequestContext) => {
    const storage = ctx.platform.storage;
    const entity = holder(ctx, kind, input[NAME_MEMBER[kind]]);
    if (!findManagedPolicy(storage, ctx.accountId, input.PolicyArn)) throw notFound.attachable(input.PolicyArn);
    const current = attachedPolicyArns(storage, entity.id);
    if (current.includes(input.PolicyArn)) return {};
    if (current.length >= QUOTA) throw limitExceeded(`Cannot exceed quota for ${QUOTA_NAMES[kind]}: ${QUOTA}`);
    withPolicyEvent(ctx, input.PolicyArn, () => changing(ctx, kind, entity, () => attach(storage, ctx.accountId, entity.id, input.PolicyArn)));
    return {};
  };
}

function detachOp(kind: Holder) {
  return (input: { PolicyArn: string } & Record<string, string>, ctx: RequestContext) => {
    const storage = ctx.platform.storage;
    const entity = holder(ctx, kind, input[NAME_MEMBER[kind]]);
    if (!attachedPolicyArns(storage, entity.id).includes(input.PolicyArn)) throw notFound.policy(input.PolicyArn);
    withPolicyEvent(ctx, input.PolicyArn, () => changing(ctx, kind, entity, () => detach(storage, entity.id, input.PolicyArn)));
    return {};
  };
}

function listOp(kind: Holder) {
  return (input: PageInput & { PathPrefix?: string } & Record<string, any>, ctx: RequestContext) => {
    const entity = requireEntity(ctx, kind, input[NAME_MEMBER[kind]]);
    const prefix = input.PathPrefix ?? '/';
    const arns = attachedPolicyArns(ctx.platform.storage, entity.id).filter((arn) => {
      const resource = arn.split(':').slice(5).join(':'); // policy/<path><name>
      return resource.slice('policy'.length).startsWith(prefix);
    });
    const page = pageOfList(input, arns, (arn) => arn);
    return { AttachedPolicies: page.items.map(attachedPolicyView), IsTruncated: page.IsTruncated, Marker: page.Marker };
  };
}

export const attachmentHandlers = {
  AttachUserPolicy: attachOp('user'), AttachGroupPolicy: attachOp('group'), AttachRolePolicy: attachOp('role'),
  DetachUserPolicy: detachOp('user'), DetachGroupPolicy: detachOp('group'), DetachRolePolicy: detachOp('role'),
  ListAttachedUserPolicies: listOp('user'), ListAttachedGroupPolicies: listOp('group'), ListAttachedRolePolicies: listOp('role'),
};

const FILTERS: Record<string, Holder> = { User: 'user', Group: 'group', Role: 'role' };

export function listEntitiesForPolicy(input: PageInput & { PolicyArn: string; EntityFilter?: string; PathPrefix?: string; PolicyUsageFilter?: string }, ctx: RequestContext) {
  const storage = ctx.platform.storage;
  if (!findManagedPolicy(storage, ctx.accountId, input.PolicyArn)) throw notFound.policy(input.PolicyArn);
  const wanted = input.EntityFilter ? FILTERS[input.EntityFilter] : undefined;
  const prefix = input.PathPrefix ?? '/';
  // Boundary use is not an attachment: that filter lists nothing here.
  const ids = input.PolicyUsageFilter === 'PermissionsBoundary' ? [] : entitiesAttachedTo(storage, ctx.accountId, input.PolicyArn);
  const entities: { kind: Holder; row: EntityRow }[] = [];
  for (const id of ids) {
    const kind: Holder = id.startsWith('AIDA') ? 'user' : id.startsWith('AGPA') ? 'group' : 'role';
    const row = entityById(storage, kind, id);
    if (row && (!wanted || wanted === kind) && row.path.startsWith(prefix)) entities.push({ kind, row });
  }
  const order: Holder[] = ['group', 'user', 'role'];
  entities.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || (a.row.name.toLowerCase() < b.row.name.toLowerCase() ? -1 : 1));
  const page = pageOfList(input, entities, (e) => e.row.id);
  const of = (kind: Holder) => page.items.filter((e) => e.kind === kind).map((e) => e.row);
  return {
    PolicyGroups: of('group').map((g) => ({ GroupName: g.name, GroupId: g.id })),
    PolicyUsers: of('user').map((u) => ({ UserName: u.name, UserId: u.id })),
    PolicyRoles: of('role').map((r) => ({ RoleName: r.name, RoleId: r.id })),
    IsTruncated: page.IsTruncated, Marker: page.Marker,
  };
}
