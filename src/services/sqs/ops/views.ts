// A received message as ReceiveMessage answers it: the system attributes and message attributes
// the caller asked for, and the MD5 of the message attributes it returns.
import { md5OfAttributes } from '../md5';
import type { Received } from '../receive';
import type { StoredAttribute } from '../store-messages';

export interface ReceiveOptions { AttributeNames?: string[]; MessageSystemAttributeNames?: string[]; MessageAttributeNames?: string[] }

export function messageOutput(m: Received, opts: ReceiveOptions) {
  const system = systemAttributes(m, [...(opts.AttributeNames ?? []), ...(opts.MessageSystemAttributeNames ?? [])]);
  const attrs = pickAttributes(m.attributes, opts.MessageAttributeNames ?? []);
  return {
    MessageId: m.messageId, ReceiptHandle: m.receiptHandle, MD5OfBody: m.md5Body, Body: m.body,
    Attributes: Object.keys(system).length ? system : undefined,
    MD5OfMessageAttributes: attrs ? md5OfAttributes(attrs) : undefined,
    MessageAttributes: attrs ? toWire(attrs) : undefined,
  };
}

function systemAttributes(m: Received, names: string[]): Record<string, string> {
  const all: Record<string, string | null | undefined> = {
    SenderId: m.senderId, SentTimestamp: String(m.sentAt), ApproximateReceiveCount: String(m.receiveCount),
    ApproximateFirstReceiveTimestamp: m.firstReceiveAt === null ? null : String(m.firstReceiveAt),
    SequenceNumber: m.sequenceNumber, MessageDeduplicationId: m.dedupId, MessageGroupId: m.groupId,
    AWSTraceHeader: m.systemAttributes?.AWSTraceHeader?.StringValue, DeadLetterQueueSourceArn: m.dlqSourceArn,
  };
  const out: Record<string, string> = Object.create(null);
  const every = names.includes('All');
  for (const [k, v] of Object.entries(all)) if ((every || names.includes(k)) && v !== null && v !== undefined) out[k] = v;
  return out;
}

/** Names may be exact, All, .* or a prefix ending in .* (as AWS matches them). */
function pickAttributes(attrs: Record<string, StoredAttribute> | null, names: string[]): Record<string, StoredAttribute> | undefined {
  if (!attrs || !names.length) return undefined;
  const out: Record<string, StoredAttribute> = Object.create(null);
  for (const [k, v] of Object.entries(attrs)) {
    const wanted = names.some((n) => n === 'All' || n === '.*' || n === k || (n.endsWith('.*') && k.startsWith(n.slice(0, -1))));
    if (wanted) out[k] = v;
  }
  return Object.keys(out).length ? out : undefined;
}

function toWire(attrs: Record<string, StoredAttribute>) {
  const out: Record<string, { DataType: string; StringValue?: string; BinaryValue?: Buffer }> = Object.create(null);
  for (const [k, v] of Object.entries(attrs)) {
    out[k] = v.BinaryValue !== undefined ? { DataType: v.DataType, BinaryValue: Buffer.from(v.BinaryValue, 'base64') } : { DataType: v.DataType, StringValue: v.StringValue };
  }
  return out;
}
