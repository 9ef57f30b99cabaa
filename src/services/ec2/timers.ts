// State changes on the platform clock (pending -> running, stopping -> stopped, ...). A timer row
// names a resource, when it is due and what happens then. Due timers are applied at the start of
// every EC2 request in the caller's region (so a Describe after the clock moved sees the new state)
// and by one scheduler job (so the change is recorded even when nobody asks).
import type { Platform } from '../../core/platform';
import type { Ctx } from './resources';
import { clearTimer, dueTimers, nextTimer, setTimer } from './store';

type Transition = (ctx: Ctx, id: string, dueAt: number) => void;
const TRANSITIONS: Record<string, Transition> = Object.create(null);

export function registerTransition(action: string, fn: Transition): void {
  TRANSITIONS[action] = fn;
}

/** Delays AWS takes, roughly; short so tests move the clock a little. */
export const DELAYS_MS = {
  instancePending: 15_000,
  instanceStopping: 30_000,
  instanceShuttingDown: 30_000,
  terminatedVisible: 3_600_000,
  volumeCreating: 5_000,
  volumeAttaching: 5_000,
  natPending: 60_000,
  natDeleting: 60_000,
  natDeletedVisible: 3_600_000,
  snapshotPending: 30_000,
};

export function schedule(ctx: Ctx, id: string, delayMs: number, action: string): void {
  const dueAt = ctx.now.getTime() + delayMs;
  setTimer(ctx.platform.storage, { accountId: ctx.accountId, region: ctx.region }, id, dueAt, action);
  // The job armed for an earlier time picks this timer up when it re-arms; only an earlier one re-arms it now.
  const armed = armedAt.get(ctx.platform);
  if (armed === undefined || armed > dueAt || !ctx.platform.scheduler.has(JOB)) armJob(ctx.platform);
}

export function cancel(ctx: Ctx, id: string): void {
  clearTimer(ctx.platform.storage, { accountId: ctx.accountId, region: ctx.region }, id);
}

function apply(platform: Platform, t: { accountId: string; region: string; id: string; dueAt: number; action: string }, now: Date, emit?: Ctx['emit']): void {
  clearTimer(platform.storage, t, t.id);
  const fn = TRANSITIONS[t.action];
  // The transition sees the clock as it was when it came due, so its timestamps are right.
  if (fn) fn({ platform, accountId: t.accountId, region: t.region, now: new Date(Math.min(t.dueAt, now.getTime())), emit }, t.id, t.dueAt);
}

/**
 * Applies this account and region's due timers inside the request's transaction. The job's due time
 * is never later than the earliest timer (schedule re-arms it for an earlier one; a timer gone or
 * rolled back only leaves it early), so before it nothing is due and there is nothing to read.
 */
export function settle(ctx: Ctx): void {
  const armed = armedAt.get(ctx.platform);
  if (armed !== undefined && armed > ctx.now.getTime()) return;
  for (let round = 0; round < 10; round++) {
    const due = dueTimers(ctx.platform.storage, ctx.now.getTime(), ctx);
    if (!due.length) return;
    for (const t of due) apply(ctx.platform, t, ctx.now);
  }
}

const JOB = 'ec2:timers';

/** When the job is armed to fire (a due time), per platform. */
const armedAt = new WeakMap<Platform, number>();

/** Keeps one scheduler job armed for the earliest timer of any account. */
export function armJob(platform: Platform): void {
  const next = nextTimer(platform.storage);
  if (next === undefined) return;
  armedAt.set(platform, next);
  platform.scheduler.once(JOB, Math.max(0, next - platform.clock.now()), () => {
    armedAt.delete(platform);
    if (!platform.storage.db.open) return;
    platform.storage.transaction(() => {
      for (const t of dueTimers(platform.storage, platform.clock.now())) apply(platform, t, platform.clock.date());
    });
    armJob(platform);
  });
}
