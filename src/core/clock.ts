// The one clock. Real time plus an offset that only moves forward (POST /_kanri/clock).
import { EventEmitter } from 'node:events';

export class Clock extends EventEmitter {
  private offsetMs = 0;

  constructor(private readonly realNow: () => number = Date.now) {
    super();
  }

  now(): number {
    return this.realNow() + this.offsetMs;
  }

  date(): Date {
    return new Date(this.now());
  }

  get offset(): number {
    return this.offsetMs;
  }

  /** Moves time forward; listeners (the scheduler) run what came due. */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError('the clock only moves forward');
    this.offsetMs += ms;
    this.emit('advanced', this.now());
  }

  /** Restores a persisted offset at start-up. */
  restoreOffset(ms: number): void {
    this.offsetMs = Math.max(this.offsetMs, ms);
  }
}

/** ISO-8601 durations: P1DT6H, PT6H, PT90M, PT1.5S, P2W. */
export function parseDuration(text: string): number | undefined {
  const m = /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return undefined;
  const [w, d, h, min, s] = m.slice(1).map((x) => (x ? parseFloat(x) : 0));
  return Math.round((((w * 7 + d) * 24 + h) * 60 + min) * 60_000 + s * 1000);
}
