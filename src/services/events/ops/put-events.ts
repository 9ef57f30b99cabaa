// PutEvents and TestEventPattern. Each accepted entry becomes an event on its bus; the matching
// rules' deliveries are queued in this request's transaction and sent once it has committed.
import type { RequestContext } from '../../types';
import { validation } from '../errors';
import { busNameOf, DEFAULT_BUS } from '../names';
import { matchesPattern } from '../pattern/match';
import { kickDeliveries } from '../delivery';
import { buildEvent, routeEvent } from '../routing';
import { findBus } from '../store';
import { checkPattern } from './rules';

const MAX_REQUEST_BYTES = 256 * 1024;

interface Entry { Source?: string; DetailType?: string; Detail?: string; Resources?: string[]; EventBusName?: string; Time?: Date; TraceHeader?: string }

/** AWS's size of an entry: its Time (14 bytes when set) plus the UTF-8 bytes of its strings. */
function entrySize(e: Entry): number {
  let n = e.Time ? 14 : 0;
  for (const s of [e.Source, e.DetailType, e.Detail, ...(e.Resources ?? [])]) if (s) n += Buffer.byteLength(s, 'utf8');
  return n;
}

const failure = (ErrorCode: string, ErrorMessage: string) => ({ ErrorCode, ErrorMessage });

function parseDetail(text: string): object | undefined {
  try {
    const v = JSON.parse(text);
    // Deliveries serialize the event again; nesting too deep for that is refused here, not later.
    JSON.stringify(v);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

export function putEvents(input: { Entries: Entry[]; EndpointId?: string }, ctx: RequestContext) {
  if (input.Entries.reduce((n, e) => n + entrySize(e), 0) > MAX_REQUEST_BYTES) throw validation('Total size of the entries in the request is over the limit.');
  let failed = 0;
  let queued = 0;
  const results = input.Entries.map((e) => {
    const result = acceptEntry(e, ctx);
    if ('ErrorCode' in result) failed++;
    else queued += result.matched;
    return 'ErrorCode' in result ? result : { EventId: result.EventId };
  });
  if (queued) kickDeliveries(ctx.platform);
  return { FailedEntryCount: failed, Entries: results };
}

function acceptEntry(e: Entry, ctx: RequestContext): { ErrorCode: string; ErrorMessage: string } | { EventId: string; matched: number } {
  if (!e.Source) return failure('InvalidArgument', 'Parameter Source is not valid. Reason: Source is a required argument.');
  if (!e.DetailType) return failure('InvalidArgument', 'Parameter DetailType is not valid. Reason: DetailType is a required argument.');
  if (!e.Detail) return failure('InvalidArgument', 'Parameter Detail is not valid. Reason: Detail is a required argument.');
  const detail = parseDetail(e.Detail);
  if (!detail) return failure('MalformedDetail', 'Detail is malformed.');
  if (e.Source.startsWith('aws.')) return failure('NotAuthorizedForSourceException', 'Not authorized for the source.');
  const bus = busNameOf(e.EventBusName);
  if (bus !== DEFAULT_BUS && !findBus(ctx.platform.storage, ctx.accountId, ctx.region, bus)) return failure('ResourceNotFoundException', `Event bus ${bus} does not exist.`);
  const event = buildEvent(ctx, { source: e.Source, detailType: e.DetailType, detail, resources: e.Resources, time: e.Time ?? ctx.now });
  return { EventId: event.id, matched: routeEvent(ctx, bus, event) };
}

const REQUIRED_EVENT_FIELDS = ['id', 'account', 'source', 'time', 'region', 'detail-type'];

export function testEventPattern(input: { EventPattern: string; Event: string }, ctx: RequestContext) {
  void ctx;
  const pattern = checkPattern(input.EventPattern);
  let event: unknown;
  try {
    event = JSON.parse(input.Event);
  } catch {
    throw validation('Parameter Event is not valid.');
  }
  if (typeof event !== 'object' || event === null || Array.isArray(event)) throw validation('Parameter Event is not valid.');
  for (const field of REQUIRED_EVENT_FIELDS) if (!Object.hasOwn(event, field)) throw validation('Parameter Event is not valid.');
  return { Result: matchesPattern(pattern, event) };
}
