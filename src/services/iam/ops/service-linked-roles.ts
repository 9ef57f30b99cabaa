// Service-linked roles: roles a service owns, named AWSServiceRoleFor<Service> under
// /aws-service-role/<service principal>/, trusting that service and carrying its managed policy.
import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../types';
import { findEntity, isServiceLinked, requireRole, SERVICE_ROLE_PATH } from '../entities';
import { invalidInput, noSuchEntity } from '../errors';
import { changing } from '../events';
import { awsPolicyByName } from '../managed';
import { deleteEntity } from '../store';
import { attach, attachedPolicyArns, deleteInline, detach, inlinePolicies } from '../store-policies';
import { roleView } from '../views';
import { insertNewRole } from './roles';
import { partitionOf } from '../../../core/arn';

/** Role name suffix and managed policy of the service-linked roles kanri's neighbours use. */
const SERVICES: Record<string, { suffix: string; policy?: string }> = {
  'config.amazonaws.com': { suffix: 'Config', policy: 'AWSConfigServiceRolePolicy' },
  'ssm.amazonaws.com': { suffix: 'AmazonSSM', policy: 'AmazonSSMServiceRolePolicy' },
  'autoscaling.amazonaws.com': { suffix: 'AutoScaling', policy: 'AutoScalingServiceRolePolicy' },
  'elasticloadbalancing.amazonaws.com': { suffix: 'ElasticLoadBalancing', policy: 'AWSElasticLoadBalancingServiceRolePolicy' },
  'support.amazonaws.com': { suffix: 'Support', policy: 'AWSSupportServiceRolePolicy' },
  'trustedadvisor.amazonaws.com': { suffix: 'TrustedAdvisor', policy: 'AWSTrustedAdvisorServiceRolePolicy' },
  'servicequotas.amazonaws.com': { suffix: 'ServiceQuotas', policy: 'ServiceQuotasServiceRolePolicy' },
  'cloudtrail.amazonaws.com': { suffix: 'CloudTrail', policy: 'CloudTrailServiceRolePolicy' },
  'transitgateway.amazonaws.com': { suffix: 'VPCTransitGateway', policy: 'AWSVPCTransitGatewayServiceRolePolicy' },
  'directconnect.amazonaws.com': { suffix: 'DirectConnect', policy: 'AWSDirectConnectServiceRolePolicy' },
  'storagegateway.amazonaws.com': { suffix: 'StorageGateway', policy: 'AWSStorageGatewayServiceRolePolicy' },
  'organizations.amazonaws.com': { suffix: 'Organizations', policy: 'AWSOrganizationsServiceTrustPolicy' },
  'events.amazonaws.com': { suffix: 'CloudWatchEvents', policy: 'CloudWatchEventsServiceRolePolicy' },
  'ecs.amazonaws.com': { suffix: 'ECS', policy: 'AmazonECSServiceRolePolicy' },
  'rds.amazonaws.com': { suffix: 'RDS', policy: 'AmazonRDSServiceRolePolicy' },
  'guardduty.amazonaws.com': { suffix: 'AmazonGuardDuty', policy: 'AmazonGuardDutyServiceRolePolicy' },
  'spot.amazonaws.com': { suffix: 'EC2Spot', policy: 'AWSEC2SpotServiceRolePolicy' },
  'spotfleet.amazonaws.com': { suffix: 'EC2SpotFleet', policy: 'AWSEC2SpotFleetServiceRolePolicy' },
  'elasticfilesystem.amazonaws.com': { suffix: 'AmazonElasticFileSystem', policy: 'AmazonElasticFileSystemServiceRolePolicy' },
  'eks.amazonaws.com': { suffix: 'AmazonEKS', policy: 'AmazonEKSServiceRolePolicy' },
};

function serviceOf(name: string): { suffix: string; policy?: string } {
  const known = SERVICES[name];
  if (known) return known;
  // Other services follow the same pattern; their policies are not in kanri's catalogue.
  const m = /^([a-z0-9-]+)(\.[a-z0-9-]+)*\.amazonaws\.com$/.exec(name);
  if (!m) throw invalidInput(`Invalid service name: ${name}`);
  return { suffix: m[1].split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('') };
}

export function createServiceLinkedRole(input: { AWSServiceName: string; Description?: string; CustomSuffix?: string }, ctx: RequestContext) {
  const service = serviceOf(input.AWSServiceName);
  const roleName = `AWSServiceRoleFor${service.suffix}${input.CustomSuffix ? `_${input.CustomSuffix}` : ''}`;
  if (findEntity(ctx, 'role', roleName)) {
    throw invalidInput(`Service role name ${roleName} has been taken in this account, please try a different suffix.`);
  }
  const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: [input.AWSServiceName] }, Action: ['sts:AssumeRole'] }] };
  const row = insertNewRole(ctx, {
    RoleName: roleName, Path: `${SERVICE_ROLE_PATH}${input.AWSServiceName}/`, AssumeRolePolicyDocument: JSON.stringify(trust), Description: input.Description,
  });
  const policy = service.policy && awsPolicyByName(service.policy, partitionOf(ctx.region));
  if (policy) changing(ctx, 'role', row, () => attach(ctx.platform.storage, ctx.accountId, row.id, policy.arn));
  const { RoleLastUsed: _unused, ...role } = roleView(ctx.platform.storage, row, true);
  return { Role: role };
}

/** The service cleans up its own role: its policies go with it. */
export function deleteServiceLinkedRole(input: { RoleName: string }, ctx: RequestContext) {
  const storage = ctx.platform.storage;
  const role = requireRole(ctx, input.RoleName);
  if (!isServiceLinked(role)) throw invalidInput(`Role ${role.name} is not a service-linked role.`);
  changing(ctx, 'role', role, () => {
    for (const arn of attachedPolicyArns(storage, role.id)) detach(storage, role.id, arn);
    for (const p of inlinePolicies(storage, role.id)) deleteInline(storage, role.id, p.name);
    deleteEntity(storage, 'role', role.id);
  });
  const service = role.path.slice(SERVICE_ROLE_PATH.length, -1);
  return { DeletionTaskId: `task${SERVICE_ROLE_PATH}${service}/${role.name}/${randomUUID()}` };
}

/** Deletion is immediate here, so a well-formed task whose role is gone has succeeded. */
export function getServiceLinkedRoleDeletionStatus(input: { DeletionTaskId: string }, ctx: RequestContext) {
  const m = /^task\/aws-service-role\/[^/]+\/([\w+=,.@-]+)\/[0-9a-f-]{36}$/.exec(input.DeletionTaskId);
  if (!m) throw noSuchEntity(`Deletion task ${input.DeletionTaskId} cannot be found.`);
  return { Status: findEntity(ctx, 'role', m[1]) ? 'IN_PROGRESS' : 'SUCCEEDED' };
}
