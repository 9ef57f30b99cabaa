// Resource-change events for Config and EventBridge. IAM is global, so events say region 'global';
// before/after are the entity's *Detail shape (as GetAccountAuthorizationDetails returns it), named
// as AWS Config names it (userName, userPolicyList, attachedManagedPolicies).
import { configCase } from '../../core/config-case';
import type { RequestContext } from '../types';
import { groupDetail, policyDetail, roleDetail, userDetail } from './details';
import { localAsManaged } from './managed';
import { entityById, type RoleRow } from './store';
import { localPolicyById } from './store-policies';

export type ChangedKind = 'user' | 'group' | 'role' | 'policy';

const RESOURCE_TYPES: Record<ChangedKind, string> = {
  user: 'AWS::IAM::User', group: 'AWS::IAM::Group', role: 'AWS::IAM::Role', policy: 'AWS::IAM::Policy',
};

/** The entity's current detail as plain JSON (dates as ISO strings), or null once it is gone. */
export function describeForEvent(ctx: RequestContext, kind: ChangedKind, id: string): unknown {
  const storage = ctx.platform.storage;
  let detail: unknown;
  if (kind === 'policy') {
    const p = localPolicyById(storage, id);
    detail = p && policyDetail(storage, ctx.accountId, localAsManaged(p));
  } else {
    const row = entityById(storage, kind, id);
    detail = row && (kind === 'user' ? userDetail(storage, row) : kind === 'group' ? groupDetail(storage, row) : roleDetail(storage, row as RoleRow));
  }
  return detail ? configCase(detail) : null;
}

/** Emits the change from `before` to the entity's state now. */
export function emitChange(ctx: RequestContext, kind: ChangedKind, entity: { id: string; name: string; arn: string }, before: unknown): void {
  ctx.emit({
    resourceType: RESOURCE_TYPES[kind], resourceId: entity.id, resourceName: entity.name, arn: entity.arn, region: 'global',
    before: before ?? null, after: describeForEvent(ctx, kind, entity.id),
  });
}

/** Runs a change to an existing entity and emits it with its before and after. */
export function changing<T>(ctx: RequestContext, kind: ChangedKind, entity: { id: string; name: string; arn: string }, change: () => T): T {
  const before = describeForEvent(ctx, kind, entity.id);
  const result = change();
  emitChange(ctx, kind, entity, before);
  return result;
}
