// The managed instances inventory belongs to (instances/store.ts), and AWS:InstanceInformation,
// which comes from the managed instance itself: what its agent reported, and its ping status.
import type { RequestContext } from '../../types';
import { pingStatus } from '../instances/describe';
import { findManagedInstance, listInstances, type ManagedInstance } from '../instances/store';
import type { Entry } from './store';

export interface InventoryInstance { instanceId: string; information: Entry }

function information(i: ManagedInstance, now: number): Entry {
  const e: Record<string, string | null> = {
    AgentType: 'amazon-ssm-agent', AgentVersion: i.agentVersion, ComputerName: i.computerName, IamRole: i.iamRole, InstanceId: i.instanceId,
    InstanceStatus: pingStatus(i, now) === 'Online' ? 'Active' : 'ConnectionLost', IpAddress: i.ipAddress, PlatformName: i.platformName,
    PlatformType: i.platformType, PlatformVersion: i.platformVersion, ResourceType: i.resourceType,
  };
  const out: Entry = {};
  for (const [k, v] of Object.entries(e)) if (v) out[k] = v;
  return out;
}

export function findInventoryInstance(ctx: RequestContext, instanceId: string): InventoryInstance | undefined {
  const i = findManagedInstance(ctx.platform.storage, ctx.accountId, ctx.region, instanceId);
  return i && { instanceId, information: information(i, ctx.now.getTime()) };
}

export function listInventoryInstances(ctx: RequestContext): InventoryInstance[] {
  const now = ctx.now.getTime();
  return listInstances(ctx.platform.storage, ctx).map((i) => ({ instanceId: i.instanceId, information: information(i, now) }));
}
