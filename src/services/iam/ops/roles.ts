// Roles: CreateRole, GetRole, ListRoles, UpdateRole, UpdateRoleDescription,
// UpdateAssumeRolePolicy, DeleteRole.
import type { RequestContext } from '../../types';
import { findEntity, newEntity, requireChangeableRole, requireRole } from '../entities';
import { checkSize, deleteConflict, exists } from '../errors';
import { changing } from '../events';
import { pageOfQuery, type PageInput } from '../paging';
import { policySize, validateTrustPolicy } from '../policy/document';
import { deleteEntity, insertRole, listEntities, profilesOfRole, updateRole as storeRoleUpdate, type RoleRow } from '../store';
import { attachedPolicyArns, inlinePolicies } from '../store-policies';
import { roleView } from '../views';
import { applyTags } from './tags';
import { checkBoundary } from './users';

interface Tag { Key: string; Value: string }

export interface CreateRoleInput {
  RoleName: string;
  AssumeRolePolicyDocument: string;
  Path?: string;
  Description?: string;
  MaxSessionDuration?: number;
  PermissionsBoundary?: string;
  Tags?: Tag[];
}

/** A trust policy, valid and within ACLSizePerRole. */
function checkTrustPolicy(document: string): void {
  validateTrustPolicy(document);
  checkSize(policySize(document), 'ACLSizePerRole', 2048);
}

/** Inserts a role; CreateRole and CreateServiceLinkedRole both come through here. */
export function insertNewRole(ctx: RequestContext, input: CreateRoleInput): RoleRow {
  if (findEntity(ctx, 'role', input.RoleName)) throw exists.role(input.RoleName);
  checkTrustPolicy(input.AssumeRolePolicyDocument);
  checkBoundary(ctx, input.PermissionsBoundary);
  const row: RoleRow = {
    ...newEntity(ctx, 'role', input.RoleName, input.Path), assumeRolePolicy: input.AssumeRolePolicyDocument,
    description: input.Description, maxSessionDuration: input.MaxSessionDuration ?? 3600, permissionsBoundary: input.PermissionsBoundary,
  };
  changing(ctx, 'role', row, () => {
    insertRole(ctx.platform.storage, row);
    applyTags(ctx, 'role', row.id, input.Tags);
  });
  return row;
}

export function createRole(input: CreateRoleInput, ctx: RequestContext) {
  const row = insertNewRole(ctx, input);
  const { RoleLastUsed: _unused, ...role } = roleView(ctx.platform.storage, row, true);
  return { Role: role };
}

export function getRole(input: { RoleName: string }, ctx: RequestContext) {
  return { Role: roleView(ctx.platform.storage, requireRole(ctx, input.RoleName), true) };
}

export function listRoles(input: PageInput & { PathPrefix?: string }, ctx: RequestContext) {
  const storage = ctx.platform.storage;
  const page = pageOfQuery(input, (after, n) => listEntities(storage, 'role', ctx.accountId, input.PathPrefix ?? '/', after, n), (r) => r.name);
  return { Roles: page.items.map((r) => roleView(storage, r as RoleRow)), IsTruncated: page.IsTruncated, Marker: page.Marker };
}

function update(ctx: RequestContext, role: RoleRow, fields: Partial<Pick<RoleRow, 'description' | 'maxSessionDuration' | 'assumeRolePolicy'>>): void {
  changing(ctx, 'role', role, () => storeRoleUpdate(ctx.platform.storage, role.id, {
    description: 'description' in fields ? fields.description : role.description,
    maxSessionDuration: fields.maxSessionDuration ?? role.maxSessionDuration,
    assumeRolePolicy: fields.assumeRolePolicy ?? role.assumeRolePolicy,
  }));
}

export function updateRole(input: { RoleName: string; Description?: string; MaxSessionDuration?: number }, ctx: RequestContext) {
  const role = requireRole(ctx, input.RoleName);
  update(ctx, role, { ...(input.Description !== undefined ? { description: input.Description } : {}), maxSessionDuration: input.MaxSessionDuration });
  return {};
}

export function updateRoleDescription(input: { RoleName: string; Description: string }, ctx: RequestContext) {
  const role = requireRole(ctx, input.RoleName);
  update(ctx, role, { description: input.Description });
  return { Role: roleView(ctx.platform.storage, requireRole(ctx, input.RoleName), true) };
}

export function updateAssumeRolePolicy(input: { RoleName: string; PolicyDocument: string }, ctx: RequestContext) {
  const role = requireChangeableRole(ctx, input.RoleName);
  checkTrustPolicy(input.PolicyDocument);
  update(ctx, role, { assumeRolePolicy: input.PolicyDocument });
  return {};
}

/** Removes a role once nothing refers to it; service-linked roles go through DeleteServiceLinkedRole. */
export function deleteRoleChecked(ctx: RequestContext, role: RoleRow): void {
  const storage = ctx.platform.storage;
  if (profilesOfRole(storage, role.id).length) throw deleteConflict('Cannot delete entity, must remove roles from instance profile first.');
  if (attachedPolicyArns(storage, role.id).length) throw deleteConflict('Cannot delete entity, must detach all policies first.');
  if (inlinePolicies(storage, role.id).length) throw deleteConflict('Cannot delete entity, must delete policies first.');
  changing(ctx, 'role', role, () => deleteEntity(storage, 'role', role.id));
}

export function deleteRole(input: { RoleName: string }, ctx: RequestContext) {
  deleteRoleChecked(ctx, requireChangeableRole(ctx, input.RoleName));
  return {};
}
