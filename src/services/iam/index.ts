// IAM: users, groups, roles, managed and inline policies, instance profiles, access keys that
// sign requests as their user, and a policy simulator that really evaluates. Global per account.
import type { Principal } from '../../core/accounts';
import type { Platform } from '../../core/platform';
import type { ServicePlugin } from '../types';
import { parseArn } from '../../core/arn';
import { IAM_MIGRATIONS, entityById, getRole as roleByName, markRoleUsed, type RoleRow } from './store';
import { accessKey, markKeyUsed } from './store-keys';
import { createUser, deleteUser, getUser, listUsers, updateUser } from './ops/users';
import { addUserToGroup, createGroup, deleteGroup, getGroup, listGroups, listGroupsForUser, removeUserFromGroup, updateGroup } from './ops/groups';
import { createRole, deleteRole, getRole, listRoles, updateAssumeRolePolicy, updateRole, updateRoleDescription } from './ops/roles';
import { createServiceLinkedRole, deleteServiceLinkedRole, getServiceLinkedRoleDeletionStatus } from './ops/service-linked-roles';
import { createPolicy, deletePolicy, getPolicy, listPolicies } from './ops/policies';
import { createPolicyVersion, deletePolicyVersion, getPolicyVersion, listPolicyVersions, setDefaultPolicyVersion } from './ops/policy-versions';
import { attachmentHandlers, listEntitiesForPolicy } from './ops/attachments';
import { inlinePolicyHandlers } from './ops/inline-policies';
import { addRoleToInstanceProfile, createInstanceProfile, deleteInstanceProfile, getInstanceProfile, listInstanceProfiles, listInstanceProfilesForRole, removeRoleFromInstanceProfile } from './ops/instance-profiles';
import { createAccessKey, deleteAccessKey, getAccessKeyLastUsed, listAccessKeys, updateAccessKey } from './ops/access-keys';
import { tagHandlers } from './ops/tags';
import { boundaryHandlers } from './ops/boundaries';
import { getAccountAuthorizationDetails, getAccountSummary } from './ops/account';
import { createLoginProfile, deleteAccountPasswordPolicy, deleteLoginProfile, getAccountPasswordPolicy, getLoginProfile, updateAccountPasswordPolicy, updateLoginProfile } from './ops/passwords';
import { createVirtualMFADevice, deactivateMFADevice, deleteVirtualMFADevice, enableMFADevice, listMFADevices, listVirtualMFADevices } from './ops/mfa';
import { generateCredentialReport, getCredentialReport } from './ops/credential-report';
import { getContextKeysForCustomPolicy, getContextKeysForPrincipalPolicy, simulateCustomPolicy, simulatePrincipalPolicy } from './ops/simulate';

export { awsPolicyByName } from './managed';
export { evaluate } from './policy/evaluate';

/** A role by its ARN, for services that assume or pass roles (STS, EC2 instance profiles, Config). */
export function roleForArn(platform: Platform, arn: string): RoleRow | undefined {
  const parsed = parseArn(arn);
  if (!parsed || parsed.service !== 'iam' || !parsed.resource.startsWith('role/')) return undefined;
  const role = roleByName(platform.storage, parsed.account, parsed.resource.slice(parsed.resource.lastIndexOf('/') + 1));
  return role?.arn === arn ? role : undefined;
}

/** Records a role's use (GetRole's RoleLastUsed); call it in the request's transaction. */
export function noteRoleUsed(platform: Platform, roleId: string, region: string): void {
  markRoleUsed(platform.storage, roleId, new Date(platform.clock.now()).toISOString(), region);
}

/** Last-used times are written at most this often per key, so signing does not mean a write per request. */
const LAST_USED_GRANULARITY_MS = 60_000;

/**
 * The user behind an access key IAM issued. An Inactive or deleted key maps to no one here, so
 * the caller falls back to the default principal of its account; rejecting such keys outright
 * belongs to strict auth, which is a later switch.
 */
function resolveAccessKey(platform: Platform, accessKeyId: string): Principal | undefined {
  const key = accessKey(platform.storage, accessKeyId);
  if (!key || key.status !== 'Active') return undefined;
  const user = entityById(platform.storage, 'user', key.userId);
  if (!user) return undefined;
  const now = platform.clock.now();
  if (!key.lastUsedDate || now - Date.parse(key.lastUsedDate) >= LAST_USED_GRANULARITY_MS) {
    markKeyUsed(platform.storage, accessKeyId, new Date(now).toISOString());
  }
  return { type: 'IAMUser', accountId: key.accountId, arn: user.arn, userId: user.id, accessKeyId, userName: user.name };
}

const iam: ServicePlugin = {
  name: 'iam',
  migrations: IAM_MIGRATIONS,
  validationErrorCode: 'ValidationError',
  resolveAccessKey,
  handlers: {
    CreateUser: createUser, GetUser: getUser, ListUsers: listUsers, UpdateUser: updateUser, DeleteUser: deleteUser,
    CreateGroup: createGroup, GetGroup: getGroup, ListGroups: listGroups, UpdateGroup: updateGroup, DeleteGroup: deleteGroup,
    AddUserToGroup: addUserToGroup, RemoveUserFromGroup: removeUserFromGroup, ListGroupsForUser: listGroupsForUser,
    CreateRole: createRole, GetRole: getRole, ListRoles: listRoles, UpdateRole: updateRole, UpdateRoleDescription: updateRoleDescription,
    UpdateAssumeRolePolicy: updateAssumeRolePolicy, DeleteRole: deleteRole,
    CreateServiceLinkedRole: createServiceLinkedRole, DeleteServiceLinkedRole: deleteServiceLinkedRole,
    GetServiceLinkedRoleDeletionStatus: getServiceLinkedRoleDeletionStatus,
    CreatePolicy: createPolicy, GetPolicy: getPolicy, DeletePolicy: deletePolicy, ListPolicies: listPolicies,
    CreatePolicyVersion: createPolicyVersion, GetPolicyVersion: getPolicyVersion, ListPolicyVersions: listPolicyVersions,
    DeletePolicyVersion: deletePolicyVersion, SetDefaultPolicyVersion: setDefaultPolicyVersion,
    ...attachmentHandlers, ListEntitiesForPolicy: listEntitiesForPolicy,
    ...inlinePolicyHandlers,
    CreateInstanceProfile: createInstanceProfile, GetInstanceProfile: getInstanceProfile, ListInstanceProfiles: listInstanceProfiles,
    DeleteInstanceProfile: deleteInstanceProfile, AddRoleToInstanceProfile: addRoleToInstanceProfile,
    RemoveRoleFromInstanceProfile: removeRoleFromInstanceProfile, ListInstanceProfilesForRole: listInstanceProfilesForRole,
    CreateAccessKey: createAccessKey, ListAccessKeys: listAccessKeys, UpdateAccessKey: updateAccessKey, DeleteAccessKey: deleteAccessKey,
    GetAccessKeyLastUsed: getAccessKeyLastUsed,
    ...tagHandlers,
    ...boundaryHandlers,
    GetAccountAuthorizationDetails: getAccountAuthorizationDetails, GetAccountSummary: getAccountSummary,
    UpdateAccountPasswordPolicy: updateAccountPasswordPolicy, GetAccountPasswordPolicy: getAccountPasswordPolicy, DeleteAccountPasswordPolicy: deleteAccountPasswordPolicy,
    CreateLoginProfile: createLoginProfile, GetLoginProfile: getLoginProfile, UpdateLoginProfile: updateLoginProfile, DeleteLoginProfile: deleteLoginProfile,
    CreateVirtualMFADevice: createVirtualMFADevice, EnableMFADevice: enableMFADevice, DeactivateMFADevice: deactivateMFADevice,
    DeleteVirtualMFADevice: deleteVirtualMFADevice, ListMFADevices: listMFADevices, ListVirtualMFADevices: listVirtualMFADevices,
    GenerateCredentialReport: generateCredentialReport, GetCredentialReport: getCredentialReport,
    SimulatePrincipalPolicy: simulatePrincipalPolicy, SimulateCustomPolicy: simulateCustomPolicy,
    GetContextKeysForPrincipalPolicy: getContextKeysForPrincipalPolicy, GetContextKeysForCustomPolicy: getContextKeysForCustomPolicy,
  },
};

export default iam;
