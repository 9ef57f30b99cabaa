// Turns every API call into a CloudTrail event. Mutating calls are written inside their own
// transaction; read-only calls are batched and written a moment later, off the hot path.
import type { Platform } from '../../core/platform';
import type { Principal } from '../../core/accounts';
import type { ServiceModel } from '../../protocol/model';
import { nextEventId } from './event-ids';
import { insertEvent, type EventRow, type TrailResource } from './store';
import { quoted, trailJsonText, trailTime } from './trail-json';

export interface ApiCall {
  model: ServiceModel;
  operation: string;
  inputShape?: string;
  outputShape?: string;
  input?: Record<string, unknown>;
  output?: Record<string, unknown>;
  principal: Principal;
  accountId: string;
  region: string;
  sourceIp: string;
  userAgent: string;
  requestId: string;
  time: Date;
  readOnly: boolean;
  resources: TrailResource[];
  errorCode?: string;
  errorMessage?: string;
  redact?: string[];
}

const MAX_ELEMENTS_CHARS = 100_000; // AWS omits oversized request/response elements too

function userIdentity(p: Principal): Record<string, unknown> {
  const base: Record<string, unknown> = { type: p.type, principalId: p.userId, arn: p.arn, accountId: p.accountId, accessKeyId: p.accessKeyId };
  if (p.userName) base.userName = p.userName;
  if (p.sessionIssuer) base.sessionContext = { sessionIssuer: p.sessionIssuer, attributes: { mfaAuthenticated: 'false' } };
  return base;
}

function usernameOf(p: Principal): string {
  if (p.type === 'Root') return 'root';
  if (p.type === 'AssumedRole') return p.arn.split('/').pop() ?? p.userId;
  return p.userName ?? p.arn.split('/').pop() ?? p.userId;
}

/** A principal's userIdentity JSON and username, worked out once per principal (the gateway caches principals). */
const identities = new WeakMap<Principal, { json: string; username: string }>();
function identityOf(p: Principal): { json: string; username: string } {
  let identity = identities.get(p);
  if (!identity) identities.set(p, (identity = { json: JSON.stringify(userIdentity(p)), username: usernameOf(p) }));
  return identity;
}

/** AWS drops oversized request or response elements; checked only when the whole event is big. */
function bounded(elements: unknown): unknown {
  if (elements === null) return null;
  const text = JSON.stringify(elements);
  return text.length > MAX_ELEMENTS_CHARS ? { omitted: true, originalSize: text.length } : elements;
}

export function buildEvent(call: ApiCall, eventId = nextEventId(call.time.getTime())): EventRow {
  const eventSource = `${call.model.metadata.endpointPrefix}.amazonaws.com`;
  const identity = identityOf(call.principal);
  const requestParameters = trailJsonText(call.model, call.inputShape, call.input && Object.keys(call.input).length ? call.input : null, call.redact);
  const responseElements = call.errorCode ? 'null' : trailJsonText(call.model, call.outputShape, call.readOnly ? null : call.output, call.redact);
  const resources = call.resources.length ? call.resources.map((r) => ({ accountId: call.accountId, type: r.type, ARN: r.name })) : undefined;
  // Written out by hand, in the order AWS writes them: one JSON.stringify per event costs more on
  // the path of every call (read-only ones included) than these few small ones.
  let eventJson = `{"eventVersion":"1.08","userIdentity":${identity.json},"eventTime":"${trailTime(call.time)}","eventSource":${quoted(eventSource)}`
    + `,"eventName":${quoted(call.operation)},"awsRegion":${quoted(call.region)},"sourceIPAddress":${quoted(call.sourceIp)},"userAgent":${quoted(call.userAgent)}`
    + `,"requestParameters":${requestParameters},"responseElements":${responseElements},"requestID":${quoted(call.requestId)}`
    + `,"eventID":"${eventId}","readOnly":${call.readOnly},"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":${quoted(call.accountId)}`
    + (call.errorCode ? `,"errorCode":${quoted(call.errorCode)}${call.errorMessage === undefined ? '' : `,"errorMessage":${JSON.stringify(call.errorMessage)}`}` : '')
    + (resources ? `,"resources":${JSON.stringify(resources)}` : '')
    + '}';
  if (eventJson.length > MAX_ELEMENTS_CHARS) {
    const event = JSON.parse(eventJson) as Record<string, unknown>;
    event.requestParameters = bounded(event.requestParameters);
    event.responseElements = bounded(event.responseElements);
    eventJson = JSON.stringify(event);
  }
  return {
    eventJson,
    eventId, accountId: call.accountId, region: call.region, eventTime: call.time.getTime(), eventName: call.operation, eventSource,
    username: identity.username, accessKeyId: call.principal.accessKeyId, readOnly: call.readOnly, resources: call.resources,
  };
}

interface QueuedCall { call: ApiCall; eventId: string }

const queues = new WeakMap<Platform, QueuedCall[]>();

/**
 * Loads the plugin (a map lookup once loaded): that migrates its tables, and its init re-arms trail
 * delivery after a restart or a reset, before the first event of the run is written.
 */
function ensureTables(platform: Platform): void {
  platform.service('cloudtrail');
}

/** Writes now: the caller is inside the request's transaction. */
export function recordNow(platform: Platform, call: ApiCall): void {
  ensureTables(platform);
  insertEvent(platform.storage, buildEvent(call));
}

/** Queues the event and writes the batch in one transaction on the next turn of the event loop. */
export function recordLater(platform: Platform, call: ApiCall): void {
  ensureTables(platform);
  let queue = queues.get(platform);
  if (!queue) {
    queues.set(platform, (queue = []));
  }
  // The id is taken now, so events keep their order; the event itself is built at flush time.
  queue.push({ call, eventId: nextEventId(call.time.getTime()) });
  // Large batches keep the hot path cheap: one transaction per FLUSH_MS or FLUSH_EVENTS.
  if (queue.length === 1) setTimeout(() => flushSafely(platform), FLUSH_MS).unref();
  else if (queue.length >= FLUSH_EVENTS) flushTrail(platform);
}

const FLUSH_MS = 50;
const FLUSH_EVENTS = 2000;

export function flushTrail(platform: Platform): void {
  const queue = queues.get(platform);
  if (!queue?.length) return;
  const batch = queue.splice(0, queue.length);
  if (!platform.storage.db.open) return;
  ensureTables(platform);
  platform.storage.transaction(() => {
    for (const { call, eventId } of batch) {
      try {
        insertEvent(platform.storage, buildEvent(call, eventId));
      } catch (err) {
        // One event that cannot be stored must not take the rest of its batch with it.
        console.error(`kanri: dropped the CloudTrail event of ${call.operation}: ${(err as Error).message}`);
      }
    }
  });
}

/** The timer's flush: a failure is logged, never thrown into the event loop. */
function flushSafely(platform: Platform): void {
  try {
    flushTrail(platform);
  } catch (err) {
    console.error(`kanri: CloudTrail flush failed: ${(err as Error).message}`);
  }
}
