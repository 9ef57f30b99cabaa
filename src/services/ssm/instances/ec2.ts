// EC2 instances served by an agent (`kanri agent --instance-id`, `kanri start --instance-agents`).
// On AWS the agent on an instance takes its instance profile role's credentials from the instance
// metadata service; kanri has none, so RequestInstanceRoleCredentials (kanri's own call, signed by
// a caller of the instance's account) stands in for it. kanri first checks what AWS needs for an
// instance to be managed: it exists, is running, and its profile's role allows the agent's calls.
import type { Platform } from '../../../core/platform';
import { AwsError } from '../../../protocol/errors';
import type * as Ec2Api from '../../ec2/api';
import type * as IamApi from '../../iam/api';
import { requireApi } from '../../links';
import type { RequestContext } from '../../types';
import { invalidInstanceId, issueInstanceKey } from './register';
import { findManagedInstance, insertInstance, updateAgentInfo, type ManagedInstance } from './store';

/** What AmazonSSMManagedInstanceCore grants that an agent cannot work without. */
export const AGENT_ACTIONS = ['ssm:UpdateInstanceInformation', 'ec2messages:GetMessages'];

const ec2 = () => requireApi<typeof Ec2Api>('ec2');
const denied = (message: string) => new AwsError('AccessDeniedException', message, 400);

/** The EC2 state of an i- managed instance ('running', 'stopped', ...), or null once EC2 no longer has it. */
export function ec2StateOf(platform: Platform, i: ManagedInstance): string | null {
  return ec2().findInstance(platform, i.accountId, i.region, i.instanceId)?.state ?? null;
}

/** The instance and its role when an agent may serve it; AwsErrors saying why not. */
export function checkServable(platform: Platform, accountId: string, region: string, instanceId: string) {
  if (!/^i-[0-9a-f]{8,17}$/.test(instanceId)) throw invalidInstanceId(`${instanceId} is not an EC2 instance id.`);
  const instance = ec2().findInstance(platform, accountId, region, instanceId);
  if (!instance) throw invalidInstanceId(`Instance ${instanceId} does not exist in account ${accountId} in ${region}.`);
  if (instance.state !== 'running') throw invalidInstanceId(`Instance ${instanceId} is ${instance.state}: an agent serves only a running instance.`);
  const hint = 'attach arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore to its role';
  if (!instance.profileArn) throw denied(`Instance ${instanceId} has no IAM instance profile: launch it with one whose role allows Systems Manager (${hint}).`);
  const found = requireApi<typeof IamApi>('iam').instanceProfileRole(platform, accountId, instance.profileArn, AGENT_ACTIONS);
  if (!found) throw denied(`The instance profile ${instance.profileArn} of ${instanceId} does not exist.`);
  if (!found.role) throw denied(`The instance profile ${instance.profileArn} of ${instanceId} has no role.`);
  if (found.denied.length) throw denied(`The role ${found.role.name} of instance ${instanceId} does not allow ${found.denied.join(', ')}: ${hint}.`);
  return { instance, role: found.role };
}

/** Registers (or refreshes) the i- managed instance and issues its role's keys; call inside a transaction. */
export function issueEc2InstanceCredentials(platform: Platform, accountId: string, region: string, instanceId: string, now: number) {
  const { instance, role } = checkServable(platform, accountId, region, instanceId);
  const storage = platform.storage;
  const row: ManagedInstance = findManagedInstance(storage, accountId, region, instanceId) ?? {
    accountId, region, instanceId, resourceType: 'EC2Instance', activationId: null, iamRole: role.name, name: null, fingerprint: null,
    registrationDate: now, lastPing: now, agentVersion: null, platformType: null, platformName: null, platformVersion: null, ipAddress: null, computerName: null,
  };
  insertInstance(storage, { ...row, iamRole: role.name, lastPing: now });
  updateAgentInfo(storage, row, instanceId, { ipAddress: instance.privateIpAddress, computerName: instance.privateDnsName }, now);
  const key = issueInstanceKey(storage, row, role.name, role.arn, now);
  return { ...key, InstanceId: instanceId, RoleName: role.name, PrivateIpAddress: instance.privateIpAddress, Hostname: instance.privateDnsName };
}

export function requestInstanceRoleCredentials(input: { InstanceId: string }, ctx: RequestContext) {
  return issueEc2InstanceCredentials(ctx.platform, ctx.accountId, ctx.region, input.InstanceId, ctx.now.getTime());
}
