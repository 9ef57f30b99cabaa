// What other services (SNS, EventBridge, ...) use to reach queues. Callable inside a request's
// transaction or outside any (then it opens its own).
import type { Platform } from '../../core/platform';
import { sqsError } from './errors';
import { queueArn, queueFromArn } from './names';
import { sendMessage } from './send';
import { findQueue } from './store';
import { wakeQueue } from './waiters';

export interface QueueMessageInput {
  body: string;
  messageAttributes?: Record<string, { DataType: string; StringValue?: string; BinaryValue?: Uint8Array }>;
  messageGroupId?: string;
  messageDeduplicationId?: string;
  delaySeconds?: number;
  senderId?: string;
}

export interface QueueDescription { accountId: string; region: string; name: string; url?: string; attributes: Record<string, string> }

/** Loads the SQS plugin, so its tables exist even when no SQS request came first. */
function ensureLoaded(platform: Platform): void {
  platform.service('sqs');
}

export function findQueueByArn(platform: Platform, arnText: string): QueueDescription | undefined {
  ensureLoaded(platform);
  const key = queueFromArn(arnText);
  const q = key && findQueue(platform.storage, key);
  if (!q) return undefined;
  // The queue's settings, without the message counts: those cost a pass over its messages, and
  // callers (SNS, EventBridge, Lambda, S3 checking a destination) only ask whether it exists and how it is set.
  const attributes: Record<string, string> = Object.assign(Object.create(null), { QueueArn: queueArn(q) }, q.attributes);
  return { accountId: q.accountId, region: q.region, name: q.name, attributes };
}

export function sendToQueue(platform: Platform, arnText: string, msg: QueueMessageInput): { messageId: string } {
  ensureLoaded(platform);
  const key = queueFromArn(arnText);
  const result = platform.storage.transaction(() => {
    const q = key && findQueue(platform.storage, key);
    if (!q) throw sqsError('QueueDoesNotExist', 'The specified queue does not exist.');
    return sendMessage(platform.storage, q, platform.clock.now(), {
      body: msg.body, attributes: msg.messageAttributes, groupId: msg.messageGroupId, dedupId: msg.messageDeduplicationId,
      delaySeconds: msg.delaySeconds, senderId: msg.senderId ?? key!.accountId,
    });
  });
  wakeQueue(key!);
  return { messageId: result.messageId };
}
