// Groups and their members: CreateGroup, GetGroup, ListGroups, UpdateGroup, DeleteGroup,
// AddUserToGroup, RemoveUserFromGroup, ListGroupsForUser.
import type { RequestContext } from '../../types';
import { findEntity, iamArn, newEntity, requireEntity } from '../entities';
import { deleteConflict, exists, noSuchEntity } from '../errors';
import { changing, describeForEvent, emitChange } from '../events';
import { pageOfList, pageOfQuery, type PageInput } from '../paging';
import { addMember, deleteEntity, groupMembers, groupsOfUser, insertEntity, listEntities, removeMember, renameEntity } from '../store';
import { attachedPolicyArns, inlinePolicies } from '../store-policies';
import { groupView, userView } from '../views';

export function createGroup(input: { GroupName: string; Path?: string }, ctx: RequestContext) {
  if (findEntity(ctx, 'group', input.GroupName)) throw exists.group(input.GroupName);
  const row = newEntity(ctx, 'group', input.GroupName, input.Path);
  changing(ctx, 'group', row, () => insertEntity(ctx.platform.storage, 'group', row));
  return { Group: groupView(row) };
}

export function getGroup(input: PageInput & { GroupName: string }, ctx: RequestContext) {
  const storage = ctx.platform.storage;
  const row = requireEntity(ctx, 'group', input.GroupName);
  const page = pageOfList(input, groupMembers(storage, row.id), (u) => u.name);
  return { Group: groupView(row), Users: page.items.map((u) => userView(storage, u)), IsTruncated: page.IsTruncated, Marker: page.Marker };
}

export function listGroups(input: PageInput & { PathPrefix?: string }, ctx: RequestContext) {
  const storage = ctx.platform.storage;
  const page = pageOfQuery(input, (after, n) => listEntities(storage, 'group', ctx.accountId, input.PathPrefix ?? '/', after, n), (g) => g.name);
  return { Groups: page.items.map(groupView), IsTruncated: page.IsTruncated, Marker: page.Marker };
}

export function updateGroup(input: { GroupName: string; NewGroupName?: string; NewPath?: string }, ctx: RequestContext) {
  const row = requireEntity(ctx, 'group', input.GroupName);
  const name = input.NewGroupName ?? row.name;
  const path = input.NewPath ?? row.path;
  const other = findEntity(ctx, 'group', name);
  if (other && other.id !== row.id) throw exists.group(name);
  const before = describeForEvent(ctx, 'group', row.id);
  // Members' GroupList names the group: their configuration changes too.
  const members = groupMembers(ctx.platform.storage, row.id).map((m) => ({ member: m, before: describeForEvent(ctx, 'user', m.id) }));
  const arn = iamArn(ctx, 'group', path, name);
  renameEntity(ctx.platform.storage, 'group', row.id, name, path, arn);
  emitChange(ctx, 'group', { id: row.id, name, arn }, before);
  for (const m of members) emitChange(ctx, 'user', m.member, m.before);
  return {};
}

export function deleteGroup(input: { GroupName: string }, ctx: RequestContext) {
  const storage = ctx.platform.storage;
  const row = requireEntity(ctx, 'group', input.GroupName);
  if (groupMembers(storage, row.id).length) throw deleteConflict('Cannot delete entity, must remove users from group first.');
  if (inlinePolicies(storage, row.id).length) throw deleteConflict('Cannot delete entity, must delete policies first.');
  if (attachedPolicyArns(storage, row.id).length) throw deleteConflict('Cannot delete entity, must detach all policies first.');
  changing(ctx, 'group', row, () => deleteEntity(storage, 'group', row.id));
  return {};
}

export function addUserToGroup(input: { GroupName: string; UserName: string }, ctx: RequestContext) {
  const group = requireEntity(ctx, 'group', input.GroupName);
  const user = requireEntity(ctx, 'user', input.UserName);
  changing(ctx, 'user', user, () => addMember(ctx.platform.storage, ctx.accountId, group.id, user.id));
  return {};
}

export function removeUserFromGroup(input: { GroupName: string; UserName: string }, ctx: RequestContext) {
  const group = requireEntity(ctx, 'group', input.GroupName);
  const user = requireEntity(ctx, 'user', input.UserName);
  changing(ctx, 'user', user, () => {
    if (!removeMember(ctx.platform.storage, group.id, user.id)) throw noSuchEntity(`The user with name ${user.name} cannot be found in group ${group.name}.`);
  });
  return {};
}

export function listGroupsForUser(input: PageInput & { UserName: string }, ctx: RequestContext) {
  const user = requireEntity(ctx, 'user', input.UserName);
  const page = pageOfList(input, groupsOfUser(ctx.platform.storage, user.id), (g) => g.name);
  return { Groups: page.items.map(groupView), IsTruncated: page.IsTruncated, Marker: page.Marker };
}
