// Delivery to SQS through the SQS service's exported API (never its tables).
import type { Platform } from '../../../core/platform';
import { findQueueByArn, sendToQueue, type QueueMessageInput } from '../../sqs/api';
import type { DeliveryPayload } from './queue';
import type { Outcome } from './targets';

export function queueExists(platform: Platform, queueArn: string): boolean {
  try {
    return !!findQueueByArn(platform, queueArn);
  } catch {
    return false;
  }
}

/** Sends the body; with raw delivery the message attributes go along as SQS message attributes. */
export function sendToSqs(platform: Platform, queueArn: string, p: DeliveryPayload, body: string): Outcome {
  if (!queueExists(platform, queueArn)) return { ok: false, retryable: false, error: `queue ${queueArn} does not exist` };
  const message: QueueMessageInput = { body };
  if (p.raw && p.type === 'Notification' && p.attributes && Object.keys(p.attributes).length) {
    message.messageAttributes = Object.create(null) as NonNullable<QueueMessageInput['messageAttributes']>;
    for (const name of Object.keys(p.attributes)) {
      const a = p.attributes[name];
      message.messageAttributes[name] = a.DataType.startsWith('Binary')
        ? { DataType: a.DataType, BinaryValue: Buffer.from(String(a.BinaryValue ?? ''), 'base64') }
        : { DataType: a.DataType, StringValue: a.StringValue ?? '' };
    }
  }
  if (queueArn.endsWith('.fifo')) {
    message.messageGroupId = p.groupId ?? p.messageId;
    message.messageDeduplicationId = p.dedupId ?? p.messageId;
  }
  try {
    sendToQueue(platform, queueArn, message);
    return { ok: true };
  } catch (err) {
    return { ok: false, retryable: false, error: (err as Error).message };
  }
}
