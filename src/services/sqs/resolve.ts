// Finding the queue a request names.
import type { RequestContext } from '../types';
import { queueDoesNotExist } from './errors';
import { queueFromUrl } from './names';
import { findQueue, type QueueRow } from './store';

export function requireQueue(ctx: RequestContext, url: string | undefined): QueueRow {
  const q = findQueue(ctx.platform.storage, queueFromUrl(ctx, url ?? ''));
  if (!q) throw queueDoesNotExist();
  ctx.touch('AWS::SQS::Queue', q.name);
  return q;
}
