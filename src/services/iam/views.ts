// Entities as IAM's API returns them (the User, Group, Role, InstanceProfile and Policy shapes).
// Policy documents go out URL-encoded, as AWS sends them.
import type { Storage } from '../../storage/database';
import type { ManagedPolicy } from './managed';
import { encodeDocument } from './policy/document';
import { boundaryUsageCount, rolesOfProfile, tagsOf, type EntityRow, type RoleRow } from './store';
import { attachmentCount } from './store-policies';

function tagsOrNothing(storage: Storage, id: string) {
  const tags = tagsOf(storage, id);
  return tags.length ? tags : undefined;
}

function boundary(row: EntityRow) {
  return row.permissionsBoundary ? { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: row.permissionsBoundary } : undefined;
}

/** full: what Get* returns (tags, boundary); List* leaves those out. */
export function userView(storage: Storage, row: EntityRow, full = false) {
  return {
    Path: row.path, UserName: row.name, UserId: row.id, Arn: row.arn, CreateDate: new Date(row.createDate),
    PermissionsBoundary: full ? boundary(row) : undefined, Tags: full ? tagsOrNothing(storage, row.id) : undefined,
  };
}

export function groupView(row: EntityRow) {
  return { Path: row.path, GroupName: row.name, GroupId: row.id, Arn: row.arn, CreateDate: new Date(row.createDate) };
}

export function roleView(storage: Storage, row: RoleRow, full = false) {
  return {
    Path: row.path, RoleName: row.name, RoleId: row.id, Arn: row.arn, CreateDate: new Date(row.createDate),
    AssumeRolePolicyDocument: encodeDocument(row.assumeRolePolicy), Description: row.description, MaxSessionDuration: row.maxSessionDuration,
    PermissionsBoundary: full ? boundary(row) : undefined,
    Tags: full ? tagsOrNothing(storage, row.id) : undefined,
    RoleLastUsed: full ? { LastUsedDate: row.lastUsedDate ? new Date(row.lastUsedDate) : undefined, Region: row.lastUsedRegion } : undefined,
  };
}

export function instanceProfileView(storage: Storage, row: EntityRow, full = false) {
  return {
    Path: row.path, InstanceProfileName: row.name, InstanceProfileId: row.id, Arn: row.arn, CreateDate: new Date(row.createDate),
    Roles: rolesOfProfile(storage, row.id).map((r) => roleView(storage, r)),
    Tags: full ? tagsOrNothing(storage, row.id) : undefined,
  };
}

export function policyView(storage: Storage, accountId: string, p: ManagedPolicy, full = false) {
  return {
    PolicyName: p.name, PolicyId: p.id, Arn: p.arn, Path: p.path, DefaultVersionId: p.defaultVersionId,
    AttachmentCount: attachmentCount(storage, accountId, p.arn), PermissionsBoundaryUsageCount: boundaryUsageCount(storage, accountId, p.arn),
    IsAttachable: true, Description: full ? p.description : undefined,
    CreateDate: new Date(p.createDate), UpdateDate: new Date(p.updateDate),
    Tags: full && !p.aws ? tagsOrNothing(storage, p.id) : undefined,
  };
}

export function attachedPolicyView(arn: string) {
  return { PolicyName: arn.slice(arn.lastIndexOf('/') + 1), PolicyArn: arn };
}
