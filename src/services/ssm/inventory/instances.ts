// The managed instances inventory belongs to, and AWS:InstanceInformation, which comes from the
// managed instance itself (what its agent reported at registration and on its pings).
import type { RequestContext } from '../../types';
import type { Entry } from './store';

export interface InventoryInstance { instanceId: string; information: Entry }

// Until the managed-instance store lands, every well-formed id counts as managed.
export function findInventoryInstance(ctx: RequestContext, instanceId: string): InventoryInstance | undefined {
  return { instanceId, information: { InstanceId: instanceId, ResourceType: instanceId.startsWith('mi-') ? 'ManagedInstance' : 'EC2Instance' } };
}

export function listInventoryInstances(ctx: RequestContext): InventoryInstance[] {
  void ctx;
  return [];
}
