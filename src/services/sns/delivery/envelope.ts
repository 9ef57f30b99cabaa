// What SNS sends: the signed JSON document (Notification, SubscriptionConfirmation), laid out as
// AWS lays it out, and the links in it, which point back at this kanri.
import { createPrivateKey, createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { Platform } from '../../../core/platform';
import type { Row } from '../../../storage/database';
import type { DeliveryPayload } from './queue';

export function baseUrl(platform: Platform): string {
  return platform.endpoint ?? `http://localhost:${process.env.KANRI_PORT ?? 4566}`;
}

export function subscribeUrl(platform: Platform, topicArn: string, token: string): string {
  return `${baseUrl(platform)}/?Action=ConfirmSubscription&Version=2010-03-31&TopicArn=${encodeURIComponent(topicArn)}&Token=${token}`;
}

export function unsubscribeUrl(platform: Platform, subscriptionArn: string): string {
  return `${baseUrl(platform)}/?Action=Unsubscribe&Version=2010-03-31&SubscriptionArn=${encodeURIComponent(subscriptionArn)}`;
}

export function signingCertUrl(platform: Platform): string {
  return `${baseUrl(platform)}/_kanri/sns/SimpleNotificationService-kanri.pem`;
}

const keys = new WeakMap<Platform, { privatePem: string; publicPem: string }>();

/** The platform's signing key, made once and kept in its database. */
export function signingKey(platform: Platform): { privatePem: string; publicPem: string } {
  let key = keys.get(platform);
  if (key) return key;
  const row = platform.storage.stmt('SELECT private_pem, public_pem FROM sns_global_signing_key WHERE id = 1').get() as Row | undefined;
  if (row) key = { privatePem: row.private_pem, publicPem: row.public_pem };
  else {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    key = { privatePem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, publicPem: pair.publicKey.export({ type: 'spki', format: 'pem' }) as string };
    platform.storage.stmt('INSERT OR IGNORE INTO sns_global_signing_key (id, private_pem, public_pem) VALUES (1, ?, ?)').run(key.privatePem, key.publicPem);
  }
  keys.set(platform, key);
  return key;
}

/** The string SNS signs: the named fields in this order, each as "Name\nvalue\n". */
export function stringToSign(doc: Record<string, string | undefined>): string {
  const fields = doc.Type === 'Notification'
    ? ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type']
    : ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'];
  return fields.filter((f) => doc[f] !== undefined).map((f) => `${f}\n${doc[f]}\n`).join('');
}

const privateKeys = new WeakMap<Platform, KeyObject>();
/** Recent signatures by what they sign: a publish to N subscriptions signs the same text N times. */
const signatures = new Map<string, string>();
const SIGNATURES_KEPT = 512;

function sign(platform: Platform, doc: Record<string, string | undefined>, version: string): string {
  const text = stringToSign(doc);
  const cacheKey = `${version}\n${text}`;
  const cached = signatures.get(cacheKey);
  if (cached) return cached;
  let key = privateKeys.get(platform);
  if (!key) privateKeys.set(platform, (key = createPrivateKey(signingKey(platform).privatePem))); // parsing PEM costs as much as signing
  const signature = createSign(version === '2' ? 'RSA-SHA256' : 'RSA-SHA1').update(text, 'utf8').sign(key, 'base64');
  if (signatures.size >= SIGNATURES_KEPT) signatures.delete(signatures.keys().next().value!);
  signatures.set(cacheKey, signature);
  return signature;
}

export function confirmationText(topicArn: string): string {
  return `You have chosen to subscribe to the topic ${topicArn}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`;
}

/** The document's fields in AWS's order, signed. */
export function envelope(platform: Platform, p: DeliveryPayload): Record<string, unknown> {
  const doc: Record<string, string | undefined> = { Type: p.type, MessageId: p.messageId };
  if (p.type === 'Notification') {
    if (p.sequenceNumber) doc.SequenceNumber = p.sequenceNumber;
    doc.TopicArn = p.topicArn;
    if (p.subject !== undefined) doc.Subject = p.subject;
    doc.Message = p.message;
    doc.Timestamp = p.timestamp;
  } else {
    doc.Token = p.token;
    doc.TopicArn = p.topicArn;
    doc.Message = p.message;
    doc.SubscribeURL = subscribeUrl(platform, p.topicArn, p.token!);
    doc.Timestamp = p.timestamp;
  }
  doc.SignatureVersion = p.signatureVersion;
  doc.Signature = sign(platform, doc, p.signatureVersion);
  doc.SigningCertURL = signingCertUrl(platform);
  const out: Record<string, unknown> = { ...doc };
  if (p.type === 'Notification') {
    out.UnsubscribeURL = unsubscribeUrl(platform, p.subscriptionArn);
    if (p.attributes && Object.keys(p.attributes).length) out.MessageAttributes = envelopeAttributes(p.attributes);
  }
  return out;
}

/** Message attributes as a notification carries them: {"Type": ..., "Value": ...}. */
export function envelopeAttributes(attrs: NonNullable<DeliveryPayload['attributes']>): Record<string, { Type: string; Value: string }> {
  const out: Record<string, { Type: string; Value: string }> = Object.create(null); // names come from requests
  for (const name of Object.keys(attrs)) {
    const a = attrs[name];
    out[name] = { Type: a.DataType, Value: a.DataType.startsWith('Binary') ? String(a.BinaryValue ?? '') : a.StringValue ?? '' };
  }
  return out;
}

/** JSON text in AWS's layout: two-space indent, " : " between name and value, nested objects compact. */
export function formatEnvelope(doc: Record<string, unknown>): string {
  const lines = Object.entries(doc).map(([k, v]) => {
    if (v && typeof v === 'object') {
      const inner = Object.entries(v).map(([ik, iv]) => `    ${JSON.stringify(ik)} : ${JSON.stringify(iv)}`);
      return `  ${JSON.stringify(k)} : {\n${inner.join(',\n')}\n  }`;
    }
    return `  ${JSON.stringify(k)} : ${JSON.stringify(v)}`;
  });
  return `{\n${lines.join(',\n')}\n}`;
}
