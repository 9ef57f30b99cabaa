// Turns every API call into a CloudTrail event. Mutating calls are written inside their own
// transaction; read-only calls are batched and written a moment later, off the hot path.
import { timeOrderedUuid } from '../../core/ids';
import type { Platform } from '../../core/platform';
import type { Principal } from '../../core/accounts';
import type { ServiceModel } from '../../protocol/model';
import { insertEvent, type EventRow, type TrailResource } from './store';

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

const HIDDEN = 'HIDDEN_DUE_TO_SECURITY_REASONS';
const MAX_ELEMENTS_CHARS = 100_000; // AWS omits oversized request/response elements too

/** Typed value → CloudTrail's camelCase JSON, with sensitive members hidden. */
export function trailJson(model: ServiceModel, shapeName: string | undefined, value: unknown, redact: string[] = []): unknown {
  if (value === undefined || value === null) return null;
  const shape = shapeName ? model.shapes[shapeName] : undefined;
  if (shape?.sensitive) return HIDDEN;
  if (value instanceof Date) return value.toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (Buffer.isBuffer(value)) return HIDDEN;
  if (typeof (value as { pipe?: unknown }).pipe === 'function') return null; // a streamed body (S3 PutObject) is never recorded
  if (Array.isArray(value)) return value.map((v) => trailJson(model, shape?.member?.shape, v, redact));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    const isMap = shape?.type === 'map';
    const members = shape?.type === 'structure' ? shape.members : undefined;
    const valueShape = isMap ? shape!.value?.shape : undefined;
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const key = isMap ? k : camelKey(k);
      out[key] = redact.length && redact.includes(k) ? HIDDEN : trailJson(model, (members && Object.hasOwn(members, k) ? members[k].shape : undefined) ?? valueShape, v, redact);
    }
    return out;
  }
  return value;
}

/** Member names repeat across every event: each is converted to camelCase once. */
const CAMEL_KEYS = new Map<string, string>();

function camelKey(k: string): string {
  let c = CAMEL_KEYS.get(k);
  if (c === undefined) {
    c = k.charAt(0).toLowerCase() + k.slice(1);
    if (CAMEL_KEYS.size < 10_000) CAMEL_KEYS.set(k, c);
  }
  return c;
}

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

/** AWS drops oversized request or response elements; checked only when the whole event is big. */
function bounded(elements: unknown): unknown {
  if (elements === null) return null;
  const text = JSON.stringify(elements);
  return text.length > MAX_ELEMENTS_CHARS ? { omitted: true, originalSize: text.length } : elements;
}

export function buildEvent(call: ApiCall, eventId = nextEventId(call.time.getTime())): EventRow {
  const eventSource = `${call.model.metadata.endpointPrefix}.amazonaws.com`;
  const event: Record<string, unknown> = {
    eventVersion: '1.08',
    userIdentity: userIdentity(call.principal),
    eventTime: call.time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    eventSource,
    eventName: call.operation,
    awsRegion: call.region,
    sourceIPAddress: call.sourceIp,
    userAgent: call.userAgent,
    requestParameters: trailJson(call.model, call.inputShape, call.input && Object.keys(call.input).length ? call.input : null, call.redact),
    responseElements: call.errorCode ? null : trailJson(call.model, call.outputShape, call.readOnly ? null : call.output, call.redact),
    requestID: call.requestId,
    eventID: eventId,
    readOnly: call.readOnly,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: call.accountId,
  };
  if (call.errorCode) {
    event.errorCode = call.errorCode;
    event.errorMessage = call.errorMessage;
  }
  if (call.resources.length) event.resources = call.resources.map((r) => ({ accountId: call.accountId, type: r.type, ARN: r.name }));
  let eventJson = JSON.stringify(event);
  if (eventJson.length > MAX_ELEMENTS_CHARS) {
    event.requestParameters = bounded(event.requestParameters);
    event.responseElements = bounded(event.responseElements);
    eventJson = JSON.stringify(event);
  }
  return {
    eventJson,
    eventId, accountId: call.accountId, region: call.region, eventTime: call.time.getTime(), eventName: call.operation, eventSource,
    username: usernameOf(call.principal), accessKeyId: call.principal.accessKeyId, readOnly: call.readOnly, resources: call.resources, event,
  };
}

let lastMs = -1;
let sameMs = 0;

/**
 * A time-ordered UUID with a counter in its 12 rand_a bits (RFC 9562's monotonic method), so events
 * recorded in the same millisecond still sort, and page, in the order they happened.
 */
export function nextEventId(ms: number): string {
  sameMs = ms === lastMs ? sameMs + 1 : 0;
  lastMs = ms;
  const id = timeOrderedUuid(ms);
  return sameMs > 0xfff ? id : `${id.slice(0, 15)}${sameMs.toString(16).padStart(3, '0')}${id.slice(18)}`;
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
