// Drains the delivery queue after requests commit. Each endpoint gets its rows one after another
// (FIFO order), endpoints go side by side, and a slow endpoint holds up no other. Retries wait on
// the platform clock.
import type { Platform } from '../../../core/platform';
import { findSubscription } from '../store';
import { body, deliver, type Outcome } from './targets';
import { dueDeliveries, markDelivered, markFailed, markRetry, nextPendingAt, retryDelaySeconds, type DeliveryRow } from './queue';
import { sendToSqs } from './sqs';

const BATCH = 200;
const JOB_ID = 'sns-deliveries';
/** SQS and Lambda: a few quick retries for failures that may pass (AWS retries its own endpoints for days). */
const AWS_ENDPOINT_RETRIES = [1, 10, 60];

/** Endpoints with a delivery in flight, per platform. */
const busyEndpoints = new WeakMap<Platform, Set<string>>();

/** Runs the worker once the current request has committed (the request path is synchronous). */
export function kickDeliveries(platform: Platform): void {
  setImmediate(() => runDeliveries(platform));
}

/** Starts every due delivery whose endpoint is free; each endpoint's chain looks for more when it ends. */
export function runDeliveries(platform: Platform): void {
  try {
    startDue(platform);
  } catch (err) {
    console.error(`kanri: sns delivery worker failed: ${(err as Error).message}`);
  }
}

function startDue(platform: Platform): void {
  if (!platform.storage.db.open) return;
  let busy = busyEndpoints.get(platform);
  if (!busy) busyEndpoints.set(platform, (busy = new Set()));
  const due = dueDeliveries(platform.storage, platform.clock.now(), BATCH, [...busy]);
  const byEndpoint = new Map<string, DeliveryRow[]>();
  for (const row of due) {
    const key = `${row.protocol} ${row.endpoint}`;
    byEndpoint.set(key, [...(byEndpoint.get(key) ?? []), row]);
  }
  for (const [key, rows] of byEndpoint) {
    busy.add(key);
    void (async () => {
      try {
        for (const row of rows) await attempt(platform, row);
      } catch (err) {
        console.error(`kanri: sns delivery failed: ${(err as Error).message}`);
      } finally {
        busy.delete(key);
        runDeliveries(platform);
      }
    })();
  }
  if (!byEndpoint.size) armRetryTimer(platform);
}

async function attempt(platform: Platform, row: DeliveryRow): Promise<void> {
  let outcome: Outcome;
  try {
    outcome = await deliver(platform, row);
  } catch (err) {
    outcome = { ok: false, retryable: true, error: (err as Error).message };
  }
  if (!platform.storage.db.open) return;
  const now = platform.clock.now();
  const attempts = row.attempts + 1;
  if (outcome.ok) {
    markDelivered(platform.storage, row.id);
    return;
  }
  const delay = outcome.retryable ? retryDelay(row, attempts) : undefined;
  if (delay !== undefined) {
    markRetry(platform.storage, row.id, attempts, now + delay * 1000, outcome.error, now);
    return;
  }
  markFailed(platform.storage, row.id, attempts, outcome.error, now);
  redrive(platform, row);
}

function retryDelay(row: DeliveryRow, attempts: number): number | undefined {
  if (row.protocol === 'http' || row.protocol === 'https') return row.payload.retry ? retryDelaySeconds(row.payload.retry, attempts) : undefined;
  return AWS_ENDPOINT_RETRIES[attempts - 1];
}

/** A notification that failed for good goes to the subscription's dead-letter queue, if it has one. */
function redrive(platform: Platform, row: DeliveryRow): void {
  const p = row.payload;
  if (p.type !== 'Notification' || !p.deadLetterTargetArn) return;
  const sub = findSubscription(platform.storage, row.accountId, row.region, row.subscriptionArn);
  const target = (sub?.attributes.RedrivePolicy && safeTarget(sub.attributes.RedrivePolicy)) || p.deadLetterTargetArn;
  const out = sendToSqs(platform, target, p, body(platform, p));
  if (!out.ok) console.error(`kanri: sns could not move a failed delivery to ${target}: ${out.error}`);
}

function safeTarget(policy: string): string | undefined {
  try {
    return JSON.parse(policy).deadLetterTargetArn;
  } catch {
    return undefined;
  }
}

/** One scheduler job, at the earliest pending retry; the clock moving forward fires it. */
function armRetryTimer(platform: Platform): void {
  const next = nextPendingAt(platform.storage);
  if (next === undefined) {
    platform.scheduler.cancel(JOB_ID);
    return;
  }
  // A row due now belongs to a busy endpoint: its chain picks it up when it ends.
  if (next <= platform.clock.now()) return;
  platform.scheduler.once(JOB_ID, next - platform.clock.now(), () => runDeliveries(platform));
}
