// Finding and naming IAM's entities: unique ids with AWS's prefixes, ARNs with path and name.
import { partitionOf } from '../../core/arn';
import { upperId } from '../../core/ids';
import type { RequestContext } from '../types';
import { notFound, protectedRole, validationError } from './errors';
import { getEntity, getRole, type EntityKind, type EntityRow, type RoleRow } from './store';

const ID_PREFIX: Record<EntityKind | 'policy', string> = { user: 'AIDA', group: 'AGPA', role: 'AROA', 'instance-profile': 'AIPA', policy: 'ANPA' };

/** A unique id: AWS's four-letter prefix and 17 more characters. */
export function newId(kind: EntityKind | 'policy'): string {
  return upperId(ID_PREFIX[kind], 21);
}

export function iamArn(ctx: RequestContext, type: EntityKind | 'policy', path: string, name: string): string {
  return `arn:${partitionOf(ctx.region)}:iam::${ctx.accountId}:${type}${path}${name}`;
}

export function newEntity(ctx: RequestContext, kind: EntityKind, name: string, path = '/'): EntityRow {
  return { accountId: ctx.accountId, name, id: newId(kind), path, arn: iamArn(ctx, kind, path, name), createDate: ctx.now.toISOString() };
}

export function findEntity(ctx: RequestContext, kind: EntityKind, name: string): EntityRow | undefined {
  return getEntity(ctx.platform.storage, kind, ctx.accountId, name);
}

export function requireEntity(ctx: RequestContext, kind: EntityKind, name: string): EntityRow {
  const row = findEntity(ctx, kind, name);
  if (!row) throw notFound[kind](name);
  return row;
}

export function requireRole(ctx: RequestContext, name: string): RoleRow {
  const row = getRole(ctx.platform.storage, ctx.accountId, name);
  if (!row) throw notFound.role(name);
  return row;
}

export const SERVICE_ROLE_PATH = '/aws-service-role/';

export function isServiceLinked(role: EntityRow): boolean {
  return role.path.startsWith(SERVICE_ROLE_PATH);
}

/** A role the caller may change: service-linked roles are left to their service. */
export function requireChangeableRole(ctx: RequestContext, name: string): RoleRow {
  const role = requireRole(ctx, name);
  if (isServiceLinked(role)) throw protectedRole(role.name);
  return role;
}

/** The user an operation is about: the named one, or the calling IAM user when no name is given. */
export function targetUser(ctx: RequestContext, userName: string | undefined): EntityRow {
  if (userName !== undefined) return requireEntity(ctx, 'user', userName);
  if (ctx.principal.type === 'IAMUser' && ctx.principal.userName) return requireEntity(ctx, 'user', ctx.principal.userName);
  throw validationError('Must specify userName when calling with non-User credentials');
}
