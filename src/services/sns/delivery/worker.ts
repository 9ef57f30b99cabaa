// Drains the delivery queue after requests commit: due rows in order, one endpoint's rows one
// after another (FIFO order), endpoints side by side. Retries wait on the platform clock.
import type { Platform } from '../../../core/platform';
import { findSubscription } from '../store';
import { body, deliver, type Outcome } from './targets';
import { dueDeliveries, markDelivered, markFailed, markRetry, nextPendingAt, retryDelaySeconds, type DeliveryRow } from './queue';
import { sendToSqs } from './sqs';

const BATCH = 200;
const JOB_ID = 'sns-deliveries';
/** SQS and Lambda: a few quick retries for failures that may pass (AWS retries its own endpoints for days). */
const AWS_ENDPOINT_RETRIES = [1, 10, 60];

interface WorkerState { running: boolean; again: boolean }
const states = new WeakMap<Platform, WorkerState>();

/** Runs the worker once the current request has committed (the request path is synchronous). */
export function kickDeliveries(platform: Platform): void {
  setImmediate(() => void runDeliveries(platform).catch((err) => console.error(`kanri: sns delivery failed: ${(err as Error).message}`)));
}

/** Delivers everything due; resolves when the queue has nothing due. */
export async function runDeliveries(platform: Platform): Promise<void> {
  let state = states.get(platform);
  if (!state) states.set(platform, (state = { running: false, again: false }));
  if (state.running) {
    state.again = true;
    return;
  }
  state.running = true;
  try {
    do {
      state.again = false;
      for (;;) {
        if (!platform.storage.db.open) return;
        const due = dueDeliveries(platform.storage, platform.clock.now(), BATCH);
        if (!due.length) break;
        const byEndpoint = new Map<string, DeliveryRow[]>();
        for (const row of due) {
          const key = `${row.protocol} ${row.endpoint}`;
          byEndpoint.set(key, [...(byEndpoint.get(key) ?? []), row]);
        }
        await Promise.all([...byEndpoint.values()].map(async (rows) => {
          for (const row of rows) await attempt(platform, row);
        }));
        if (due.length < BATCH) break;
      }
    } while (state.again);
  } finally {
    state.running = false;
    armRetryTimer(platform);
  }
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
  await redrive(platform, row);
}

function retryDelay(row: DeliveryRow, attempts: number): number | undefined {
  if (row.protocol === 'http' || row.protocol === 'https') return row.payload.retry ? retryDelaySeconds(row.payload.retry, attempts) : undefined;
  return AWS_ENDPOINT_RETRIES[attempts - 1];
}

/** A notification that failed for good goes to the subscription's dead-letter queue, if it has one. */
async function redrive(platform: Platform, row: DeliveryRow): Promise<void> {
  const p = row.payload;
  if (p.type !== 'Notification' || !p.deadLetterTargetArn) return;
  const sub = findSubscription(platform.storage, row.accountId, row.region, row.subscriptionArn);
  const target = sub?.attributes.RedrivePolicy ? safeTarget(sub.attributes.RedrivePolicy) ?? p.deadLetterTargetArn : p.deadLetterTargetArn;
  await sendToSqs(platform, target, p, body(platform, p));
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
  if (!platform.storage.db.open) return;
  const next = nextPendingAt(platform.storage);
  if (next === undefined) {
    platform.scheduler.cancel(JOB_ID);
    return;
  }
  platform.scheduler.once(JOB_ID, Math.max(0, next - platform.clock.now()), () => runDeliveries(platform));
}
