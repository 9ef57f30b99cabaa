// Event invocations: queued durably in the request's transaction, run after it commits, retried on
// the clock (1 then 2 minutes, as Lambda backs off) up to the function's MaximumRetryAttempts, and
// dropped past MaximumEventAgeInSeconds; the outcome goes to the configured destination.
import type { Platform } from '../../core/platform';
import { sendToDestination } from './destinations';
import { execute, executionEnabled, runningCount } from './invoke';
import type { FunctionRef } from './names';
import { functionArn } from './names';
import { resolveRef } from './resolve';
import { dueInvocations, enqueue, findEventConfig, nextQueuedAt, removeInvocation, rescheduleInvocation, type QueuedInvocation } from './store';

const DEFAULT_RETRIES = 2;
const DEFAULT_MAX_AGE_S = 21_600;
const BACKOFF_MS = [60_000, 120_000];
const JOB = 'lambda-async-queue';
const THROTTLE_WAIT_MS = 1000;

const running = new WeakMap<Platform, Set<number>>();

export function queueInvocation(platform: Platform, ref: FunctionRef, payload: string, requestId: string): void {
  const now = platform.clock.now();
  enqueue(platform.storage, {
    accountId: ref.accountId, region: ref.region, name: ref.name, qualifier: ref.qualifier ?? '$LATEST', payload, requestId, attempts: 0, enqueuedAt: now, runAt: now,
  });
  // After the request's transaction commits (the request path finishes synchronously first).
  setImmediate(() => void drainQueue(platform));
}

/** Starts every due invocation that is not already running, and arms the clock for the next one. */
export async function drainQueue(platform: Platform): Promise<void> {
  if (!platform.storage.db.open || !executionEnabled(platform)) return;
  let inFlight = running.get(platform);
  if (!inFlight) running.set(platform, (inFlight = new Set()));
  const due = dueInvocations(platform.storage, platform.clock.now(), 100).filter((q) => !inFlight!.has(q.id));
  const runs = due.map(async (q) => {
    inFlight!.add(q.id);
    try {
      await runQueued(platform, q);
    } catch (err) {
      console.error(`kanri: lambda event invocation ${q.requestId} failed: ${(err as Error).message}`);
    } finally {
      inFlight!.delete(q.id);
    }
  });
  armTimer(platform);
  await Promise.all(runs);
  armTimer(platform);
}

/** Arms the clock for the soonest queued invocation that is not already running. */
function armTimer(platform: Platform): void {
  if (!platform.storage.db.open) return;
  const inFlight = running.get(platform) ?? new Set<number>();
  const next = nextQueuedAt(platform.storage, [...inFlight]);
  if (next === undefined) return;
  platform.scheduler.once(JOB, Math.max(0, next - platform.clock.now()), () => drainQueue(platform));
}

function isThrottled(platform: Platform, r: ReturnType<typeof resolveRef>): boolean {
  return runningCount(platform, functionArn(r.ref.region, r.ref.accountId, r.ref.name)) >= (r.fn.reservedConcurrency ?? Infinity);
}

function eventConfig(platform: Platform, q: QueuedInvocation): Record<string, any> {
  return findEventConfig(platform.storage, q.accountId, q.region, q.name, q.qualifier) ?? {};
}

async function runQueued(platform: Platform, q: QueuedInvocation): Promise<void> {
  if (!platform.storage.db.open) return;
  const ref: FunctionRef = { accountId: q.accountId, region: q.region, name: q.name, qualifier: q.qualifier };
  let resolved;
  try {
    resolved = resolveRef(platform, ref, Math.random());
  } catch {
    platform.storage.transaction(() => removeInvocation(platform.storage, q.id)); // the function went away
    return;
  }
  const config = eventConfig(platform, q);
  const maxAge = (config.MaximumEventAgeInSeconds ?? DEFAULT_MAX_AGE_S) * 1000;
  const arn = functionArn(q.region, q.accountId, q.name, q.qualifier);
  if (platform.clock.now() - q.enqueuedAt > maxAge) {
    platform.storage.transaction(() => removeInvocation(platform.storage, q.id));
    await sendToDestination(platform, config.DestinationConfig?.OnFailure?.Destination, arn, q, 'EventAgeExceeded', undefined);
    return;
  }
  if (resolved.fn.reservedConcurrency === 0 || (resolved.fn.reservedConcurrency !== null && isThrottled(platform, resolved))) {
    // Throttled events wait and try again without using up a retry, as Lambda's queue does.
    platform.storage.transaction(() => rescheduleInvocation(platform.storage, q.id, q.attempts, platform.clock.now() + THROTTLE_WAIT_MS));
    return;
  }
  // A function that cannot run at all (a runtime kanri lacks) fails like one that crashed.
  const result = await execute(platform, resolved, q.payload, q.requestId).catch((e: Error & { code?: string }) => ({
    payload: JSON.stringify({ errorType: e.code ?? e.name, errorMessage: e.message }), functionError: 'Unhandled' as const, logs: '', executedVersion: resolved.version.version, requestId: q.requestId,
  }));
  if (!platform.storage.db.open) return; // kanri stopped meanwhile; the invocation stays queued
  const attempts = q.attempts + 1;
  const retries = config.MaximumRetryAttempts ?? DEFAULT_RETRIES;
  if (!result.functionError) {
    platform.storage.transaction(() => removeInvocation(platform.storage, q.id));
    await sendToDestination(platform, config.DestinationConfig?.OnSuccess?.Destination, arn, { ...q, attempts }, 'Success', result);
  } else if (attempts <= retries) {
    platform.storage.transaction(() => rescheduleInvocation(platform.storage, q.id, attempts, platform.clock.now() + BACKOFF_MS[Math.min(attempts - 1, 1)]));
  } else {
    platform.storage.transaction(() => removeInvocation(platform.storage, q.id));
    await sendToDestination(platform, config.DestinationConfig?.OnFailure?.Destination, arn, { ...q, attempts }, 'RetriesExhausted', result);
  }
}
