// CreateUser, GetUser, ListUsers, UpdateUser, DeleteUser.
import type { RequestContext } from '../../types';
import { findEntity, iamArn, newEntity, requireEntity, targetUser } from '../entities';
import { deleteConflict, exists, notFound } from '../errors';
import { loginProfile, mfaDevicesOfUser } from '../store-security';
import { changing, describeForEvent, emitChange } from '../events';
import { findManagedPolicy } from '../managed';
import { pageOfQuery, type PageInput } from '../paging';
import { deleteEntity, groupsOfUser, insertEntity, listEntities, renameEntity } from '../store';
import { keysOfUser } from '../store-keys';
import { attachedPolicyArns, inlinePolicies } from '../store-policies';
import { userView } from '../views';
import { applyTags } from './tags';

interface Tag { Key: string; Value: string }

/** A boundary must name a managed policy that exists. */
export function checkBoundary(ctx: RequestContext, arn: string | undefined): void {
  if (arn !== undefined && !findManagedPolicy(ctx.platform.storage, ctx.accountId, arn)) throw notFound.boundary(arn);
}

export function createUser(input: { UserName: string; Path?: string; PermissionsBoundary?: string; Tags?: Tag[] }, ctx: RequestContext) {
  const storage = ctx.platform.storage;
  if (findEntity(ctx, 'user', input.UserName)) throw exists.user(input.UserName);
  checkBoundary(ctx, input.PermissionsBoundary);
  const row = { ...newEntity(ctx, 'user', input.UserName, input.Path), permissionsBoundary: input.PermissionsBoundary };
  changing(ctx, 'user', row, () => {
    insertEntity(storage, 'user', row);
    applyTags(ctx, 'user', row.id, input.Tags);
  });
  return { User: userView(storage, row, true) };
}

export function getUser(input: { UserName?: string }, ctx: RequestContext) {
  const p = ctx.principal;
  if (input.UserName === undefined && p.type === 'Root') {
    // The account's root user: no name and no path, as AWS answers it.
    return { User: { UserId: p.accountId, Arn: p.arn, CreateDate: new Date(ctx.platform.startedAt) } };
  }
  return { User: userView(ctx.platform.storage, targetUser(ctx, input.UserName), true) };
}

export function listUsers(input: PageInput & { PathPrefix?: string }, ctx: RequestContext) {
  const storage = ctx.platform.storage;
  const page = pageOfQuery(input, (after, n) => listEntities(storage, 'user', ctx.accountId, input.PathPrefix ?? '/', after, n), (u) => u.name);
  return { Users: page.items.map((u) => userView(storage, u)), IsTruncated: page.IsTruncated, Marker: page.Marker };
}

export function updateUser(input: { UserName: string; NewUserName?: string; NewPath?: string }, ctx: RequestContext) {
  const storage = ctx.platform.storage;
  const row = requireEntity(ctx, 'user', input.UserName);
  const name = input.NewUserName ?? row.name;
  const path = input.NewPath ?? row.path;
  const other = findEntity(ctx, 'user', name);
  if (other && other.id !== row.id) throw exists.user(name);
  const before = describeForEvent(ctx, 'user', row.id);
  const arn = iamArn(ctx, 'user', path, name);
  renameEntity(storage, 'user', row.id, name, path, arn);
  emitChange(ctx, 'user', { id: row.id, name, arn }, before);
  return {};
}

export function deleteUser(input: { UserName: string }, ctx: RequestContext) {
  const storage = ctx.platform.storage;
  const row = requireEntity(ctx, 'user', input.UserName);
  if (loginProfile(storage, row.id)) throw deleteConflict('Cannot delete entity, must delete login profile first.');
  if (keysOfUser(storage, row.id).length) throw deleteConflict('Cannot delete entity, must delete access keys first.');
  if (mfaDevicesOfUser(storage, row.id).length) throw deleteConflict('Cannot delete entity, must delete MFA device first.');
  if (inlinePolicies(storage, row.id).length) throw deleteConflict('Cannot delete entity, must delete policies first.');
  if (attachedPolicyArns(storage, row.id).length) throw deleteConflict('Cannot delete entity, must detach all policies first.');
  if (groupsOfUser(storage, row.id).length) throw deleteConflict('Cannot delete entity, must remove users from group first.');
  changing(ctx, 'user', row, () => deleteEntity(storage, 'user', row.id));
  return {};
}
