// Putting a message on a queue: AWS's checks (body characters, size, attributes, FIFO rules),
// deduplication, sequence numbers, then the row. Shared by SendMessage(Batch) and api.ts.
import { createHash, randomUUID } from 'node:crypto';
import type { Storage } from '../../storage/database';
import { invalidParameterValue, missingParameter, parameterInvalid, sqsError } from './errors';
import { md5OfAttributes, md5OfBody } from './md5';
import { isFifoName } from './names';
import { nextSequenceNumber, type QueueRow } from './store';
import { findDedup, insertMessage, putDedup, type StoredAttribute } from './store-messages';

export interface AttributeInput { DataType?: string; StringValue?: string; BinaryValue?: Uint8Array; StringListValues?: unknown[]; BinaryListValues?: unknown[] }

export interface SendInput {
  body: string | undefined;
  attributes?: Record<string, AttributeInput>;
  systemAttributes?: Record<string, AttributeInput>;
  groupId?: string;
  dedupId?: string;
  delaySeconds?: number;
  senderId: string;
  dlqSourceArn?: string;
}

export interface SendResult { messageId: string; md5Body: string; md5Attributes?: string; md5SystemAttributes?: string; sequenceNumber?: string }

const DEDUP_WINDOW_MS = 5 * 60_000;
const INVALID_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const ATTRIBUTE_NAME = /^(?!\.)(?!.*\.\.)(?!.*\.$)[A-Za-z0-9_.-]{1,256}$/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export function sendMessage(s: Storage, q: QueueRow, now: number, m: SendInput): SendResult {
  const fifo = isFifoName(q.name);
  if (m.body === undefined || m.body === '') throw missingParameter('MessageBody');
  if (INVALID_CHARS.test(m.body)) {
    throw sqsError('InvalidMessageContents', 'Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF');
  }
  const attributes = checkAttributes(m.attributes, 'user');
  const systemAttributes = checkSystemAttributes(m.systemAttributes);
  const max = Number(q.attributes.MaximumMessageSize ?? 1_048_576);
  if (Buffer.byteLength(m.body) + sizeOf(attributes) > max) {
    throw invalidParameterValue(`One or more parameters are invalid. Reason: Message must be shorter than ${max} bytes.`);
  }
  if (m.delaySeconds !== undefined && m.delaySeconds !== null) {
    if (fifo) throw parameterInvalid('DelaySeconds', m.delaySeconds, 'The request include parameter that is not valid for this queue type.');
    if (m.delaySeconds < 0 || m.delaySeconds > 900) throw parameterInvalid('DelaySeconds', m.delaySeconds, 'DelaySeconds must be >= 0 and <= 900.');
  }
  let dedupId: string | undefined;
  let sequenceNumber: string | undefined;
  const messageId = randomUUID();
  if (fifo) {
    if (!m.groupId) throw missingParameter('MessageGroupId');
    checkFifoId('MessageGroupId', m.groupId);
    if (m.dedupId !== undefined) checkFifoId('MessageDeduplicationId', m.dedupId);
    dedupId = m.dedupId ?? (q.attributes.ContentBasedDeduplication === 'true' ? createHash('sha256').update(m.body).digest('hex') : undefined);
    if (!dedupId) throw invalidParameterValue('The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
    const scope = q.attributes.DeduplicationScope === 'messageGroup' ? m.groupId : '';
    const hit = findDedup(s, q, scope, dedupId, now);
    if (hit) return { ...digests(m.body, attributes, systemAttributes), messageId: hit.messageId, sequenceNumber: hit.sequenceNumber ?? undefined };
    sequenceNumber = nextSequenceNumber(s, q);
    putDedup(s, q, scope, dedupId, { messageId, sequenceNumber }, now + DEDUP_WINDOW_MS);
  } else if (m.dedupId !== undefined) {
    throw parameterInvalid('MessageDeduplicationId', m.dedupId, 'The request includes a parameter that is not valid for this queue type.');
  }
  const delay = m.delaySeconds ?? Number(q.attributes.DelaySeconds ?? 0);
  const d = digests(m.body, attributes, systemAttributes);
  insertMessage(s, q, {
    messageId, body: m.body, md5Body: d.md5Body, attributes, md5Attributes: d.md5Attributes ?? null, systemAttributes,
    md5SystemAttributes: d.md5SystemAttributes ?? null, groupId: m.groupId ?? null, dedupId: dedupId ?? null,
    sequenceNumber: sequenceNumber ?? null, senderId: m.senderId, sentAt: now, visibleAt: now + delay * 1000, dlqSourceArn: m.dlqSourceArn ?? null,
  });
  return { ...d, messageId, sequenceNumber };
}

function digests(body: string, attributes: Record<string, StoredAttribute> | null, system: Record<string, StoredAttribute> | null) {
  return {
    md5Body: md5OfBody(body),
    md5Attributes: attributes ? md5OfAttributes(attributes) : undefined,
    md5SystemAttributes: system ? md5OfAttributes(system) : undefined,
  };
}

function checkFifoId(name: string, value: string): void {
  if (!/^[\x21-\x7e]{1,128}$/.test(value)) throw parameterInvalid(name, value, `${name} can only include alphanumeric and punctuation characters. 1 to 128 in length.`);
}

function sizeOf(attributes: Record<string, StoredAttribute> | null): number {
  let n = 0;
  for (const [name, a] of Object.entries(attributes ?? {})) {
    n += Buffer.byteLength(name) + Buffer.byteLength(a.DataType);
    n += a.BinaryValue !== undefined ? Buffer.from(a.BinaryValue, 'base64').length : Buffer.byteLength(a.StringValue ?? '');
  }
  return n;
}

/** Message attributes as AWS checks them; stored with binary values in base64. */
export function checkAttributes(input: Record<string, AttributeInput> | undefined, kind: 'user' | 'system'): Record<string, StoredAttribute> | null {
  const names = Object.keys(input ?? {});
  if (!names.length) return null;
  if (names.length > 10) throw invalidParameterValue(`Number of message attributes [${names.length}] exceeds the allowed maximum [10].`);
  const out: Record<string, StoredAttribute> = Object.create(null);
  for (const name of names) {
    const a = input![name] ?? {};
    if (!ATTRIBUTE_NAME.test(name) || (kind === 'user' && /^(aws\.|amazon\.)/i.test(name))) throw invalidParameterValue(`Message (${kind}) attribute name '${name}' is invalid.`);
    const type = a.DataType ?? '';
    if (!type) throw invalidParameterValue(`The message (${kind}) attribute '${name}' must contain a non-empty message attribute type.`);
    const base = /^(String|Number|Binary)(\..+)?$/.exec(type)?.[1];
    if (!base || type.length > 256) {
      throw invalidParameterValue(`The type of message (${kind}) attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`);
    }
    if (a.StringListValues?.length || a.BinaryListValues?.length) throw invalidParameterValue('Message attribute list values in SendMessage operation are not supported.');
    if (base === 'Binary') {
      if (a.BinaryValue === undefined || a.BinaryValue === null || a.BinaryValue.length === 0) {
        throw invalidParameterValue(`Message (${kind}) attribute '${name}' must contain a non-empty value of type 'Binary'.`);
      }
      out[name] = { DataType: type, BinaryValue: Buffer.from(a.BinaryValue).toString('base64') };
      continue;
    }
    if (a.StringValue === undefined || a.StringValue === null || a.StringValue === '') {
      throw invalidParameterValue(`Message (${kind}) attribute '${name}' must contain a non-empty value of type '${base}'.`);
    }
    if (base === 'Number' && (!NUMBER.test(a.StringValue) || a.StringValue.replace(/[^0-9]/g, '').replace(/^0+/, '').length > 38)) {
      throw invalidParameterValue(`Can't cast the value of message (${kind}) attribute '${name}' to a number.`);
    }
    if (INVALID_CHARS.test(a.StringValue)) throw sqsError('InvalidMessageContents', `Invalid characters found in the message (${kind}) attribute '${name}'.`);
    out[name] = { DataType: type, StringValue: a.StringValue };
  }
  return out;
}

function checkSystemAttributes(input: Record<string, AttributeInput> | undefined): Record<string, StoredAttribute> | null {
  for (const name of Object.keys(input ?? {})) {
    if (name !== 'AWSTraceHeader') throw invalidParameterValue(`Message system attribute name '${name}' is invalid.`);
    if (input![name]?.DataType !== 'String') throw invalidParameterValue(`Message system attribute '${name}' must use DataType String.`);
  }
  return checkAttributes(input, 'system');
}
