// DescribeInstanceInformation: managed instances with their agent's report and PingStatus, which
// turns ConnectionLost when the agent has not been heard from (heartbeat or poll) for two of its
// 5-minute pings, on the platform clock, and at once for an EC2 instance that is not running.
// An EC2 instance EC2 no longer has (an hour after it terminated) is not listed.
import { AwsError } from '../../../protocol/errors';
import type { RequestContext } from '../../types';
import { decodeToken, encodeToken } from '../paging';
import { tagsOf } from '../store-parameters';
import type { Platform } from '../../../core/platform';
import { ec2StateOf } from './ec2';
import { listInstances, type ManagedInstance } from './store';

/** EC2 instances with their EC2 state looked up; those EC2 no longer has are left out. */
export function withEc2States(platform: Platform, list: ManagedInstance[]): ManagedInstance[] {
  return list.filter((i) => i.resourceType !== 'EC2Instance' || (i.ec2State = ec2StateOf(platform, i)) !== null);
}

export const PING_INTERVAL = 300_000;
const LOST_AFTER = 2 * PING_INTERVAL;
export const AGENT_VERSION = '3.3.0.0';

export function pingStatus(i: ManagedInstance, now: number): 'Online' | 'ConnectionLost' {
  if (i.resourceType === 'EC2Instance' && i.ec2State !== undefined && i.ec2State !== 'running') return 'ConnectionLost';
  return now - i.lastPing > LOST_AFTER ? 'ConnectionLost' : 'Online';
}

type Getter = (i: ManagedInstance, now: number) => string | null;
const KEYS: Record<string, Getter> = {
  InstanceIds: (i) => i.instanceId,
  AgentVersion: (i) => i.agentVersion,
  PingStatus: (i, now) => pingStatus(i, now),
  PlatformTypes: (i) => i.platformType,
  ActivationIds: (i) => i.activationId,
  IamRole: (i) => i.iamRole,
  ResourceType: (i) => i.resourceType,
  AssociationStatus: () => null, // kanri has no State Manager associations yet
};
const ENUMS: Record<string, string[]> = {
  PingStatus: ['Online', 'ConnectionLost', 'Inactive'], PlatformTypes: ['Windows', 'Linux', 'MacOS'],
  ResourceType: ['ManagedInstance', 'EC2Instance', 'Document'], AssociationStatus: ['Pending', 'Success', 'Failed'],
};

function badValue(key: string): AwsError {
  return new AwsError('InvalidInstanceInformationFilterValue', `The filter value for ${key} is not valid.`);
}

type Test = (i: ManagedInstance) => boolean;

function filterTest(ctx: RequestContext, key: string, values: string[]): Test {
  const now = ctx.now.getTime();
  if (key.startsWith('tag:')) {
    const tagKey = key.slice(4);
    return (i) => tagsOf(ctx.platform.storage, i, 'ManagedInstance', i.instanceId).some((t) => t.Key === tagKey && values.includes(t.Value));
  }
  if (key === 'tag-key') return (i) => tagsOf(ctx.platform.storage, i, 'ManagedInstance', i.instanceId).some((t) => values.includes(t.Key));
  const get = Object.hasOwn(KEYS, key) ? KEYS[key] : undefined;
  if (!get) throw new AwsError('InvalidFilterKey', `The filter key ${key} is not valid.`);
  if (!values.length) throw badValue(key);
  const allowed = Object.hasOwn(ENUMS, key) ? ENUMS[key] : undefined;
  if (allowed && values.some((v) => !allowed.includes(v))) throw badValue(key);
  if (key === 'InstanceIds' && values.some((v) => !/^(mi|i)-[0-9a-f]{8,17}$/.test(v))) throw new AwsError('InvalidInstanceId', 'Instances not in a valid state for account');
  return (i) => values.includes(get(i, now) ?? '');
}

interface Input {
  InstanceInformationFilterList?: { key: string; valueSet: string[] }[];
  Filters?: { Key: string; Values: string[] }[];
  MaxResults?: number; NextToken?: string;
}

export function describeInstanceInformation(input: Input, ctx: RequestContext) {
  if (input.InstanceInformationFilterList && input.Filters) {
    throw new AwsError('InvalidFilterKey', 'InstanceInformationFilterList and Filters cannot be used together.');
  }
  const tests: Test[] = [
    ...(input.InstanceInformationFilterList ?? []).map((f) => {
      if (f.key.startsWith('tag')) throw new AwsError('InvalidFilterKey', `The filter key ${f.key} is not valid.`);
      return filterTest(ctx, f.key, f.valueSet ?? []);
    }),
    ...(input.Filters ?? []).map((f) => filterTest(ctx, f.Key, f.Values ?? [])),
  ];
  const after = decodeToken(input.NextToken);
  const now = ctx.now.getTime();
  const all = withEc2States(ctx.platform, listInstances(ctx.platform.storage, ctx)).filter((i) => i.instanceId > after && tests.every((t) => t(i)));
  const limit = input.MaxResults ?? 50;
  const page = all.slice(0, limit);
  return {
    InstanceInformationList: page.map((i) => instanceInformation(i, now)),
    NextToken: all.length > limit ? encodeToken(page[page.length - 1].instanceId) : undefined,
  };
}

export function instanceInformation(i: ManagedInstance, now: number) {
  return {
    InstanceId: i.instanceId, PingStatus: pingStatus(i, now), LastPingDateTime: new Date(i.lastPing), AgentVersion: i.agentVersion ?? undefined,
    IsLatestVersion: i.agentVersion === AGENT_VERSION, PlatformType: i.platformType ?? undefined, PlatformName: i.platformName ?? undefined,
    PlatformVersion: i.platformVersion ?? undefined, ActivationId: i.activationId ?? undefined, IamRole: i.iamRole ?? undefined,
    RegistrationDate: i.resourceType === 'ManagedInstance' ? new Date(i.registrationDate) : undefined, ResourceType: i.resourceType,
    Name: i.name ?? undefined, IPAddress: i.ipAddress ?? undefined, ComputerName: i.computerName ?? undefined,
    SourceId: i.instanceId, SourceType: i.resourceType === 'EC2Instance' ? 'AWS::EC2::Instance' : 'AWS::SSM::ManagedInstance',
  };
}
