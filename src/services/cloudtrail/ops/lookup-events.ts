// LookupEvents: the caller's account and Region, newest first, one attribute at most, pages by
// an opaque position. Each page is one range read on the attribute's index (store.ts).
import { createHash } from 'node:crypto';
import type { RequestContext } from '../../types';
import { invalidLookupAttributes, invalidMaxResults, invalidNextToken, invalidTimeRange } from '../errors';
import { flushTrail } from '../recorder';
import { lookupEvents as readPage, type LookupKey, type StoredEvent } from '../store';

interface LookupInput {
  LookupAttributes?: { AttributeKey: LookupKey; AttributeValue: string }[];
  StartTime?: Date;
  EndTime?: Date;
  EventCategory?: string;
  MaxResults?: number;
  NextToken?: string;
}

const HISTORY_MS = 90 * 86_400_000; // AWS keeps 90 days of event history
const DEFAULT_RESULTS = 50;
const TOKEN_TAG = 'kanri-events';

interface Position { time: number; id: string }

/** Binds a token to the query it came from: AWS refuses a token used with different parameters. */
function fingerprint(input: LookupInput): string {
  const attr = input.LookupAttributes?.[0];
  const query = [attr?.AttributeKey, attr?.AttributeValue, input.StartTime?.getTime(), input.EndTime?.getTime(), input.EventCategory];
  return createHash('sha256').update(JSON.stringify(query)).digest('base64url').slice(0, 16);
}

function encodeToken(p: Position, print: string): string {
  return Buffer.from([TOKEN_TAG, p.time, p.id, print].join('\n'), 'utf8').toString('base64url');
}

function decodeToken(token: string, print: string): Position {
  const parts = Buffer.from(token, 'base64url').toString('utf8').split('\n');
  const [tag, time, id, tokenPrint] = parts;
  const valid = parts.length === 4 && tag === TOKEN_TAG && /^\d+$/.test(time) && /^[0-9a-f-]{36}$/.test(id) && tokenPrint === print
    && encodeToken({ time: Number(time), id }, print) === token;
  if (!valid) throw invalidNextToken('A token that is not valid, or a token that was previously used in a request with different parameters.');
  return { time: Number(time), id };
}

function toEvent(e: StoredEvent) {
  return {
    EventId: e.eventId,
    EventName: e.eventName,
    ReadOnly: String(e.readOnly),
    AccessKeyId: e.accessKeyId ?? undefined,
    EventTime: new Date(e.eventTime),
    EventSource: e.eventSource,
    Username: e.username ?? undefined,
    Resources: e.resources.map((r) => ({ ResourceType: r.type, ResourceName: r.name })),
    CloudTrailEvent: e.eventJson,
  };
}

export function lookupEvents(input: LookupInput, ctx: RequestContext) {
  // Everything that can fail is checked before the flush: a failed request's transaction rolls back.
  const attrs = input.LookupAttributes ?? [];
  if (attrs.length > 1) throw invalidLookupAttributes('You cannot specify more than one lookup attribute.');
  if (input.StartTime && input.EndTime && input.StartTime.getTime() > input.EndTime.getTime()) {
    throw invalidTimeRange('Start time must be before or equal to end time.');
  }
  const limit = input.MaxResults ?? DEFAULT_RESULTS;
  if (limit < 1 || limit > DEFAULT_RESULTS) throw invalidMaxResults('MaxResults must be between 1 and 50.');
  const print = fingerprint(input);
  const now = ctx.now.getTime();
  const before = input.NextToken !== undefined ? decodeToken(input.NextToken, print) : { time: input.EndTime?.getTime() ?? now, id: '~' };
  if (input.EventCategory === 'insight') return { Events: [] }; // kanri records no Insights events

  const attr = attrs[0];
  let value: string | number | undefined = attr?.AttributeValue;
  if (attr?.AttributeKey === 'ReadOnly') {
    if (value !== 'true' && value !== 'false') return { Events: [] };
    value = value === 'true' ? 1 : 0;
  }
  flushTrail(ctx.platform);
  const start = Math.max(input.StartTime?.getTime() ?? 0, now - HISTORY_MS);
  const rows = readPage(ctx.platform.storage, {
    accountId: ctx.accountId, region: ctx.region, key: attr?.AttributeKey, value, start, before, limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    Events: page.map(toEvent),
    NextToken: rows.length > limit ? encodeToken({ time: last.eventTime, id: last.eventId }, print) : undefined,
  };
}
