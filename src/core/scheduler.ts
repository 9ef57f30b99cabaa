// Jobs on the clock: rate(...), cron(...) in AWS's 6-field syntax, and one-shots. A job fires once
// for every occurrence that came due, whether real time passed or the clock was moved forward.
import type { Clock } from './clock';
import { nextCronTime, parseCron } from './cron';

export type JobFn = (scheduledAt: Date) => void | Promise<void>;

interface Job {
  id: string;
  next: number | undefined;
  following: (after: number) => number | undefined;
  fn: JobFn;
}

const MAX_CATCH_UP = 10_000; // occurrences per job per check, so a huge jump cannot hang the process

export function scheduleNext(expression: string, after: number): number | undefined {
  const rate = /^rate\(\s*(\d+)\s+(minute|minutes|hour|hours|day|days)\s*\)$/.exec(expression.trim());
  if (rate) {
    const unit = rate[2].startsWith('minute') ? 60_000 : rate[2].startsWith('hour') ? 3_600_000 : 86_400_000;
    const every = Number(rate[1]) * unit;
    if (every <= 0) throw new Error(`invalid schedule expression: ${expression}`);
    return after + every;
  }
  const cron = /^cron\((.*)\)$/.exec(expression.trim());
  if (cron) return nextCronTime(parseCron(cron[1]), after);
  const at = /^at\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\)$/.exec(expression.trim());
  if (at) {
    const t = Date.parse(`${at[1]}Z`);
    return t > after ? t : undefined;
  }
  throw new Error(`invalid schedule expression: ${expression}`);
}

export class Scheduler {
  private jobs = new Map<string, Job>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly clock: Clock) {
    clock.on('advanced', () => void this.runDue());
  }

  /** Schedules fn by a rate(...), cron(...) or at(...) expression. Replaces a job of the same id. */
  every(id: string, expression: string, fn: JobFn, from = this.clock.now()): void {
    scheduleNext(expression, from); // validate now, not at the first firing
    this.add({ id, next: scheduleNext(expression, from), following: (t) => scheduleNext(expression, t), fn });
  }

  /** Runs fn once, delayMs from now on the clock. */
  once(id: string, delayMs: number, fn: JobFn): void {
    this.add({ id, next: this.clock.now() + delayMs, following: () => undefined, fn });
  }

  cancel(id: string): void {
    this.jobs.delete(id);
  }

  has(id: string): boolean {
    return this.jobs.has(id);
  }

  private add(job: Job): void {
    this.jobs.set(job.id, job);
    this.arm();
  }

  /** Fires every due occurrence in time order; a call during a run waits for it and runs again. */
  runDue(): Promise<void> {
    if (this.running) return this.running.then(() => this.runDue());
    this.running = this.fireDue().finally(() => (this.running = undefined));
    return this.running;
  }

  private async fireDue(): Promise<void> {
    try {
      for (let guard = 0; guard < MAX_CATCH_UP * 10; guard++) {
        const now = this.clock.now();
        let due: Job | undefined;
        for (const job of this.jobs.values()) if (job.next !== undefined && job.next <= now && (!due || job.next < due.next!)) due = job;
        if (!due) break;
        const at = due.next!;
        due.next = due.following(at);
        if (due.next === undefined && this.jobs.get(due.id) === due) this.jobs.delete(due.id);
        try {
          await due.fn(new Date(at));
        } catch (err) {
          console.error(`kanri: scheduled job ${due.id} failed: ${(err as Error).message}`);
        }
      }
    } finally {
      this.arm();
    }
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    let soonest: number | undefined;
    for (const job of this.jobs.values()) if (job.next !== undefined && (soonest === undefined || job.next < soonest)) soonest = job.next;
    if (soonest === undefined) return;
    const wait = Math.min(Math.max(soonest - this.clock.now(), 0), 60_000);
    this.timer = setTimeout(() => void this.runDue(), wait);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.jobs.clear();
  }
}
