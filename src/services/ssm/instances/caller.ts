// Which managed instance is calling: the one whose registration issued the request's access key.
// The agent's own calls (heartbeats, ec2messages, PutInventory, sessions) are authorized by it.
import { AwsError } from '../../../protocol/errors';
import type { RequestContext } from '../../types';
import { findKey, findManagedInstance, type ManagedInstance } from './store';

export function callerInstanceOrUndefined(ctx: RequestContext): ManagedInstance | undefined {
  const key = findKey(ctx.platform.storage, ctx.principal.accessKeyId);
  if (!key) return undefined;
  return findManagedInstance(ctx.platform.storage, key.accountId, key.region, key.instanceId);
}

export function callerInstance(ctx: RequestContext): ManagedInstance {
  const instance = callerInstanceOrUndefined(ctx);
  if (!instance) throw new AwsError('AccessDeniedException', 'The request must be signed with the credentials of a registered managed instance.', 400);
  return instance;
}
