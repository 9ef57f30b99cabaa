// Sending one delivery to its endpoint: an SQS queue, an HTTP(S) URL, a Lambda function, a
// mailbox folder (email, email-json) or an SMS folder. Nothing here writes SNS's own tables.
import { mkdirSync, writeFileSync } from 'node:fs';
import { serviceApi } from '../../links';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { Platform } from '../../../core/platform';
import { envelope, envelopeAttributes, formatEnvelope, signingCertUrl, subscribeUrl, unsubscribeUrl } from './envelope';
import type { DeliveryPayload, DeliveryRow } from './queue';
import { sendToSqs } from './sqs';

export type Outcome = { ok: true } | { ok: false; retryable: boolean; error: string };

const HTTP_TIMEOUT_MS = 15_000;

export async function deliver(platform: Platform, row: DeliveryRow): Promise<Outcome> {
  switch (row.protocol) {
    case 'sqs': return sendToSqs(platform, row.endpoint, row.payload, body(platform, row.payload));
    case 'http':
    case 'https': return postHttp(platform, row);
    case 'lambda': return invokeLambda(platform, row);
    case 'email':
    case 'email-json': return writeMail(platform, row);
    case 'sms': return writeSms(platform, row);
    default: return { ok: false, retryable: false, error: `kanri does not deliver to protocol ${row.protocol}` };
  }
}

/** The body an SQS queue or HTTP endpoint gets: the message itself when raw, else the signed envelope. */
export function body(platform: Platform, p: DeliveryPayload): string {
  if (p.raw && p.type === 'Notification') return p.message;
  return formatEnvelope(envelope(platform, p));
}

function postHttp(platform: Platform, row: DeliveryRow): Promise<Outcome> {
  const p = row.payload;
  const text = body(platform, p);
  const headers: Record<string, string> = {
    'content-type': p.contentType ?? 'text/plain; charset=UTF-8',
    'user-agent': 'Amazon Simple Notification Service Agent',
    'x-amz-sns-message-type': p.type,
    'x-amz-sns-message-id': p.messageId,
    'x-amz-sns-topic-arn': p.topicArn,
    'content-length': String(Buffer.byteLength(text)),
  };
  if (p.type === 'Notification') headers['x-amz-sns-subscription-arn'] = p.subscriptionArn;
  if (p.raw && p.type === 'Notification') headers['x-amz-sns-rawdelivery'] = 'true';
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = new URL(row.endpoint);
    } catch {
      resolve({ ok: false, retryable: false, error: 'invalid endpoint URL' });
      return;
    }
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, { method: 'POST', headers, timeout: HTTP_TIMEOUT_MS }, (res) => {
      res.resume();
      const status = res.statusCode ?? 0;
      resolve(status >= 200 && status < 300 ? { ok: true } : { ok: false, retryable: true, error: `HTTP ${status}` });
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (err) => resolve({ ok: false, retryable: true, error: err.message }));
    req.end(text);
  });
}

/** Lambda's SNS event: one record, with the envelope's fields under Sns. */
export function lambdaEvent(platform: Platform, p: DeliveryPayload): string {
  const doc = envelope(platform, p);
  return JSON.stringify({
    Records: [{
      EventSource: 'aws:sns', EventVersion: '1.0', EventSubscriptionArn: p.subscriptionArn,
      Sns: {
        Type: doc.Type, MessageId: doc.MessageId, TopicArn: doc.TopicArn, Subject: p.subject ?? null, Message: doc.Message, Timestamp: doc.Timestamp,
        SignatureVersion: doc.SignatureVersion, Signature: doc.Signature, SigningCertUrl: signingCertUrl(platform),
        UnsubscribeUrl: unsubscribeUrl(platform, p.subscriptionArn), MessageAttributes: p.attributes ? envelopeAttributes(p.attributes) : {},
      },
    }],
  });
}

async function invokeLambda(platform: Platform, row: DeliveryRow): Promise<Outcome> {
  const api = serviceApi<{
    invokeAsync?: (platform: Platform, functionArn: string, payload: string) => unknown;
    checkInvokePermission?: (platform: Platform, functionArn: string, principalService: string, sourceArn?: string) => boolean;
  }>('lambda');
  if (typeof api?.invokeAsync !== 'function') return { ok: false, retryable: false, error: 'Lambda is not available in this kanri' };
  // As in AWS, the function's resource policy must let sns.amazonaws.com invoke it for this topic.
  if (api.checkInvokePermission && !api.checkInvokePermission(platform, row.endpoint, 'sns.amazonaws.com', row.payload.topicArn)) {
    return { ok: false, retryable: false, error: `sns.amazonaws.com is not allowed to invoke ${row.endpoint}` };
  }
  try {
    await api.invokeAsync(platform, row.endpoint, lambdaEvent(platform, row.payload));
    return { ok: true };
  } catch (err) {
    const name = (err as { code?: string; name?: string }).code ?? (err as Error).name;
    return { ok: false, retryable: !/NotFound/.test(name ?? ''), error: (err as Error).message };
  }
}

/** Where email, email-json and sms deliveries are written: <data dir>/sns/mailbox (or KANRI_SNS_MAILBOX). */
export function mailboxRoot(platform: Platform): string {
  if (process.env.KANRI_SNS_MAILBOX) return process.env.KANRI_SNS_MAILBOX;
  const dataDir = platform.storage.dataDir;
  return dataDir ? join(dataDir, 'sns', 'mailbox') : join(tmpdir(), `kanri-${process.pid}`, 'sns', 'mailbox');
}

function fileName(p: DeliveryPayload): string {
  return `${p.timestamp.replace(/[:.]/g, '-')}-${p.messageId}`;
}

function writeMail(platform: Platform, row: DeliveryRow): Outcome {
  const p = row.payload;
  const json = row.protocol === 'email-json';
  let subject: string;
  let text: string;
  if (p.type === 'SubscriptionConfirmation') {
    subject = 'AWS Notification - Subscription Confirmation';
    text = json ? formatEnvelope(envelope(platform, p))
      : `You have chosen to subscribe to the topic: \n${p.topicArn}\n\nTo confirm this subscription, click or visit the link below (If this was in error no action is necessary): \n`
        + `Confirm subscription: ${subscribeUrl(platform, p.topicArn, p.token!)}\n\nPlease do not reply directly to this email.\n`;
  } else {
    subject = p.subject ?? 'AWS Notification Message';
    text = json ? formatEnvelope(envelope(platform, p))
      : `${p.message}\n\n--\nIf you wish to stop receiving notifications from this topic, please click or visit the link below to unsubscribe:\n`
        + `${unsubscribeUrl(platform, p.subscriptionArn)}\n\nPlease do not reply directly to this email.\n`;
  }
  const mail = [
    'From: AWS Notifications <no-reply@sns.amazonaws.com>', `To: ${row.endpoint}`, `Subject: ${subject}`, `Date: ${new Date(p.timestamp).toUTCString()}`,
    `Message-ID: <${p.messageId}@sns.amazonaws.com>`, `X-Amz-Sns-Message-Type: ${p.type}`, `X-Amz-Sns-Topic-Arn: ${p.topicArn}`,
    `Content-Type: ${json ? 'application/json' : 'text/plain'}; charset=UTF-8`, '', text,
  ].join('\r\n');
  const dir = join(mailboxRoot(platform), row.endpoint);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${fileName(p)}.eml`), mail);
  return { ok: true };
}

function writeSms(platform: Platform, row: DeliveryRow): Outcome {
  const dir = join(mailboxRoot(platform), '..', 'sms', row.endpoint.replace(/^\+/, ''));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${fileName(row.payload)}.txt`), row.payload.message);
  return { ok: true };
}
