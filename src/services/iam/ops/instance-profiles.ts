// Instance profiles: the container an EC2 instance wears to assume one role.
import type { RequestContext } from '../../types';
import { findEntity, newEntity, requireEntity, requireRole } from '../entities';
import { deleteConflict, exists, limitExceeded, notFound } from '../errors';
import { changing } from '../events';
import { pageOfList, pageOfQuery, type PageInput } from '../paging';
import { addProfileRole, deleteEntity, insertEntity, listEntities, profilesOfRole, removeProfileRole, rolesOfProfile } from '../store';
import { instanceProfileView } from '../views';
import { applyTags } from './tags';

interface Tag { Key: string; Value: string }

export function createInstanceProfile(input: { InstanceProfileName: string; Path?: string; Tags?: Tag[] }, ctx: RequestContext) {
  const storage = ctx.platform.storage;
  if (findEntity(ctx, 'instance-profile', input.InstanceProfileName)) throw exists['instance-profile'](input.InstanceProfileName);
  const row = newEntity(ctx, 'instance-profile', input.InstanceProfileName, input.Path);
  insertEntity(storage, 'instance-profile', row);
  applyTags(ctx, 'instance-profile', row.id, input.Tags);
  return { InstanceProfile: instanceProfileView(storage, row, true) };
}

export function getInstanceProfile(input: { InstanceProfileName: string }, ctx: RequestContext) {
  return { InstanceProfile: instanceProfileView(ctx.platform.storage, requireEntity(ctx, 'instance-profile', input.InstanceProfileName), true) };
}

export function listInstanceProfiles(input: PageInput & { PathPrefix?: string }, ctx: RequestContext) {
  const storage = ctx.platform.storage;
  const page = pageOfQuery(input, (after, n) => listEntities(storage, 'instance-profile', ctx.accountId, input.PathPrefix ?? '/', after, n), (p) => p.name);
  return { InstanceProfiles: page.items.map((p) => instanceProfileView(storage, p)), IsTruncated: page.IsTruncated, Marker: page.Marker };
}

export function deleteInstanceProfile(input: { InstanceProfileName: string }, ctx: RequestContext) {
  const storage = ctx.platform.storage;
  const row = requireEntity(ctx, 'instance-profile', input.InstanceProfileName);
  if (rolesOfProfile(storage, row.id).length) throw deleteConflict('Cannot delete entity, must remove roles from instance profile first.');
  deleteEntity(storage, 'instance-profile', row.id);
  return {};
}

/** One role per instance profile: IAM's fixed quota. The role's InstanceProfileList changes. */
export function addRoleToInstanceProfile(input: { InstanceProfileName: string; RoleName: string }, ctx: RequestContext) {
  const storage = ctx.platform.storage;
  const profile = requireEntity(ctx, 'instance-profile', input.InstanceProfileName);
  const role = requireRole(ctx, input.RoleName);
  if (rolesOfProfile(storage, profile.id).length) throw limitExceeded('Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1');
  changing(ctx, 'role', role, () => addProfileRole(storage, ctx.accountId, profile.id, role.id));
  return {};
}

export function removeRoleFromInstanceProfile(input: { InstanceProfileName: string; RoleName: string }, ctx: RequestContext) {
  const storage = ctx.platform.storage;
  const profile = requireEntity(ctx, 'instance-profile', input.InstanceProfileName);
  const role = requireRole(ctx, input.RoleName);
  changing(ctx, 'role', role, () => {
    if (!removeProfileRole(storage, profile.id, role.id)) throw notFound.role(input.RoleName);
  });
  return {};
}

export function listInstanceProfilesForRole(input: PageInput & { RoleName: string }, ctx: RequestContext) {
  const storage = ctx.platform.storage;
  const role = requireRole(ctx, input.RoleName);
  const page = pageOfList(input, profilesOfRole(storage, role.id), (p) => p.name);
  return { InstanceProfiles: page.items.map((p) => instanceProfileView(storage, p)), IsTruncated: page.IsTruncated, Marker: page.Marker };
}
