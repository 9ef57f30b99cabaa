// Permissions boundaries: the most a user's or role's identity policies can ever allow.
import type { RequestContext } from '../../types';
import { requireChangeableRole, requireEntity } from '../entities';
import { changing } from '../events';
import { setPermissionsBoundary, type EntityRow } from '../store';
import { checkBoundary } from './users';

function put(ctx: RequestContext, kind: 'user' | 'role', entity: EntityRow, arn: string | undefined) {
  if (arn !== undefined) checkBoundary(ctx, arn);
  changing(ctx, kind, entity, () => setPermissionsBoundary(ctx.platform.storage, kind, entity.id, arn));
  return {};
}

export const boundaryHandlers = {
  PutUserPermissionsBoundary: (input: { UserName: string; PermissionsBoundary: string }, ctx: RequestContext) =>
    put(ctx, 'user', requireEntity(ctx, 'user', input.UserName), input.PermissionsBoundary),
  DeleteUserPermissionsBoundary: (input: { UserName: string }, ctx: RequestContext) =>
    put(ctx, 'user', requireEntity(ctx, 'user', input.UserName), undefined),
  PutRolePermissionsBoundary: (input: { RoleName: string; PermissionsBoundary: string }, ctx: RequestContext) =>
    put(ctx, 'role', requireChangeableRole(ctx, input.RoleName), input.PermissionsBoundary),
  DeleteRolePermissionsBoundary: (input: { RoleName: string }, ctx: RequestContext) =>
    put(ctx, 'role', requireChangeableRole(ctx, input.RoleName), undefined),
};
