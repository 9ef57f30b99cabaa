// Account-wide views: GetAccountAuthorizationDetails and GetAccountSummary.
import { partitionOf } from '../../../core/arn';
import type { Storage } from '../../../storage/database';
import type { RequestContext } from '../../types';
import { groupDetail, policyDetail, roleDetail, userDetail } from '../details';
import { awsPolicyByName, localAsManaged, type ManagedPolicy } from '../managed';
import { pageOfList, type PageInput } from '../paging';
import { allEntities, countEntities, type EntityRow, type RoleRow } from '../store';
import { allLocalPolicies, attachmentCounts, versionsInUse } from '../store-policies';
import { mfaDevices } from '../store-security';

type Filter = 'User' | 'Group' | 'Role' | 'LocalManagedPolicy' | 'AWSManagedPolicy';

type Item = { filter: 'User' | 'Group' | 'Role'; row: EntityRow } | { filter: 'LocalManagedPolicy' | 'AWSManagedPolicy'; policy: ManagedPolicy };

/** AWS managed policies count only where the account uses them; all 1,000+ would drown the answer. */
function awsPoliciesInUse(ctx: RequestContext): ManagedPolicy[] {
  const partition = partitionOf(ctx.region);
  return [...attachmentCounts(ctx.platform.storage, ctx.accountId).keys()]
    .filter((arn) => arn.includes(':iam::aws:policy/'))
    .map((arn) => awsPolicyByName(arn.slice(arn.lastIndexOf('/') + 1), partition))
    .filter((p): p is ManagedPolicy => !!p)
    .sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1));
}

export function getAccountAuthorizationDetails(input: PageInput & { Filter?: Filter[] }, ctx: RequestContext) {
  const storage = ctx.platform.storage;
  const wanted = new Set<Filter>(input.Filter?.length ? input.Filter : ['User', 'Group', 'Role', 'LocalManagedPolicy', 'AWSManagedPolicy']);
  const items: Item[] = [];
  if (wanted.has('User')) items.push(...allEntities(storage, 'user', ctx.accountId).map((row) => ({ filter: 'User' as const, row })));
  if (wanted.has('Group')) items.push(...allEntities(storage, 'group', ctx.accountId).map((row) => ({ filter: 'Group' as const, row })));
  if (wanted.has('Role')) items.push(...allEntities(storage, 'role', ctx.accountId).map((row) => ({ filter: 'Role' as const, row })));
  if (wanted.has('LocalManagedPolicy')) {
    items.push(...allLocalPolicies(storage, ctx.accountId).map((p) => ({ filter: 'LocalManagedPolicy' as const, policy: localAsManaged(p) })));
  }
  if (wanted.has('AWSManagedPolicy')) items.push(...awsPoliciesInUse(ctx).map((policy) => ({ filter: 'AWSManagedPolicy' as const, policy })));

  // Details are built for the page only.
  const page = pageOfList(input, items, (i) => ('row' in i ? i.row.id : i.policy.arn));
  const out = { UserDetailList: [] as unknown[], GroupDetailList: [] as unknown[], RoleDetailList: [] as unknown[], Policies: [] as unknown[] };
  for (const item of page.items) {
    if ('policy' in item) out.Policies.push(policyDetail(storage, ctx.accountId, item.policy));
    else if (item.filter === 'User') out.UserDetailList.push(userDetail(storage, item.row));
    else if (item.filter === 'Group') out.GroupDetailList.push(groupDetail(storage, item.row));
    else out.RoleDetailList.push(roleDetail(storage, item.row as RoleRow));
  }
  return { ...out, IsTruncated: page.IsTruncated, Marker: page.Marker };
}

/** Counts of what the account has, next to IAM's default quotas. */
export function getAccountSummary(_input: unknown, ctx: RequestContext) {
  return { SummaryMap: summaryMap(ctx.platform.storage, ctx.accountId) };
}

export function summaryMap(storage: Storage, accountId: string): Record<string, number> {
  const count = (kind: 'user' | 'group' | 'role' | 'instance-profile') => countEntities(storage, kind, accountId);
  const devices = mfaDevices(storage, accountId);
  return {
    Users: count('user'), UsersQuota: 5000, Groups: count('group'), GroupsQuota: 300, Roles: count('role'), RolesQuota: 1000,
    InstanceProfiles: count('instance-profile'), InstanceProfilesQuota: 1000, Policies: allLocalPolicies(storage, accountId).length, PoliciesQuota: 1500,
    PolicyVersionsInUse: versionsInUse(storage, accountId), PolicyVersionsInUseQuota: 10000, VersionsPerPolicyQuota: 5,
    PolicySizeQuota: 6144, UserPolicySizeQuota: 2048, GroupPolicySizeQuota: 5120, RolePolicySizeQuota: 10240, AssumeRolePolicySizeQuota: 2048,
    GroupsPerUserQuota: 10, AccessKeysPerUserQuota: 2, SigningCertificatesPerUserQuota: 2, AttachedPoliciesPerUserQuota: 10,
    AttachedPoliciesPerGroupQuota: 10, AttachedPoliciesPerRoleQuota: 10, ServerCertificates: 0, ServerCertificatesQuota: 20,
    MFADevices: devices.length, MFADevicesInUse: devices.filter((d) => d.userId).length, AccountMFAEnabled: 0, AccountAccessKeysPresent: 0, AccountSigningCertificatesPresent: 0,
    Providers: 0, GlobalEndpointTokenVersion: 1,
  };
}
