// Which managed instance is calling: the one whose registration issued the request's access key.
// The agent's own calls (heartbeats, ec2messages, PutInventory, sessions) are authorized by it.
import { AwsError } from '../../../protocol/errors';
import type { RequestContext } from '../../types';
import { ec2StateOf } from './ec2';
import { invalidInstanceId } from './register';
import { findKey, findManagedInstance, type ManagedInstance } from './store';

export function callerInstanceOrUndefined(ctx: RequestContext): ManagedInstance | undefined {
  const key = findKey(ctx.platform.storage, ctx.principal.accessKeyId);
  if (!key) return undefined;
  return findManagedInstance(ctx.platform.storage, key.accountId, key.region, key.instanceId);
}

export function callerInstance(ctx: RequestContext): ManagedInstance {
  const instance = callerInstanceOrUndefined(ctx);
  if (!instance) throw new AwsError('AccessDeniedException', 'The request must be signed with the credentials of a registered managed instance.', 400);
  // A stopped or terminated EC2 instance runs nothing: its agent's calls are refused until it runs again.
  if (instance.resourceType === 'EC2Instance') {
    const state = ec2StateOf(ctx.platform, instance);
    if (state !== 'running') throw invalidInstanceId(`Instance ${instance.instanceId} is ${state ?? 'terminated'}.`);
  }
  return instance;
}
