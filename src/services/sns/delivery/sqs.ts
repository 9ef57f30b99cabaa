// Delivery to SQS through the SQS service's exported API (never its tables).
import type { Platform } from '../../../core/platform';
import type { DeliveryPayload } from './queue';
import type { Outcome } from './targets';

interface SqsApi {
  sendToQueue(platform: Platform, queueArn: string, message: {
    body: string;
    messageAttributes?: Record<string, { DataType: string; StringValue?: string; BinaryValue?: Uint8Array }>;
    messageGroupId?: string;
    messageDeduplicationId?: string;
  }): { messageId: string } | Promise<{ messageId: string }>;
  findQueueByArn(platform: Platform, queueArn: string): unknown;
}

function sqsApi(): SqsApi | undefined {
  try {
    return require('../../sqs/api') as SqsApi;
  } catch {
    return undefined;
  }
}

export function queueExists(platform: Platform, queueArn: string): boolean | undefined {
  const api = sqsApi();
  if (!api) return undefined;
  try {
    return !!api.findQueueByArn(platform, queueArn);
  } catch {
    return false;
  }
}

/** Sends the body; with raw delivery the message attributes go along as SQS message attributes. */
export async function sendToSqs(platform: Platform, queueArn: string, p: DeliveryPayload, body: string): Promise<Outcome> {
  const api = sqsApi();
  if (!api) return { ok: false, retryable: false, error: 'SQS is not available in this kanri' };
  if (!queueExists(platform, queueArn)) return { ok: false, retryable: false, error: `queue ${queueArn} does not exist` };
  const message: Parameters<SqsApi['sendToQueue']>[2] = { body };
  if (p.raw && p.attributes && Object.keys(p.attributes).length) {
    message.messageAttributes = {};
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
    await platform.storage.transaction(() => api.sendToQueue(platform, queueArn, message));
    return { ok: true };
  } catch (err) {
    return { ok: false, retryable: false, error: (err as Error).message };
  }
}
