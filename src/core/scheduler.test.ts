import { describe, expect, it } from 'vitest';
import { Clock, parseDuration } from './clock';
import { Scheduler, scheduleNext } from './scheduler';

const T0 = Date.parse('2026-01-01T00:00:00Z');

function fixedClock() {
  return new Clock(() => T0);
}

describe('parseDuration', () => {
  it('reads ISO-8601 durations', () => {
    expect(parseDuration('PT6H')).toBe(6 * 3_600_000);
    expect(parseDuration('P1DT30M')).toBe(86_400_000 + 1_800_000);
    expect(parseDuration('PT1.5S')).toBe(1500);
    expect(parseDuration('P2W')).toBe(14 * 86_400_000);
    expect(parseDuration('6 hours')).toBeUndefined();
    expect(parseDuration('P')).toBeUndefined();
    expect(parseDuration('PT')).toBeUndefined();
  });
});

describe('Scheduler', () => {
  it('fires a rate job once per occurrence when the clock jumps', async () => {
    const clock = fixedClock();
    const s = new Scheduler(clock);
    const fired: string[] = [];
    s.every('hourly', 'rate(1 hour)', (at) => void fired.push(at.toISOString()));
    clock.advance(6 * 3_600_000 + 1);
    await s.runDue();
    expect(fired).toEqual([1, 2, 3, 4, 5, 6].map((h) => new Date(T0 + h * 3_600_000).toISOString()));
    s.stop();
  });

  it('fires cron jobs at their UTC times, in time order across jobs', async () => {
    const clock = fixedClock();
    const s = new Scheduler(clock);
    const fired: string[] = [];
    s.every('ten', 'cron(0 10 * * ? *)', (at) => void fired.push(`ten ${at.toISOString()}`));
    s.every('noon', 'cron(0 12 * * ? *)', (at) => void fired.push(`noon ${at.toISOString()}`));
    clock.advance(2 * 86_400_000);
    await s.runDue();
    expect(fired).toEqual([
      'ten 2026-01-01T10:00:00.000Z', 'noon 2026-01-01T12:00:00.000Z',
      'ten 2026-01-02T10:00:00.000Z', 'noon 2026-01-02T12:00:00.000Z',
    ]);
    s.stop();
  });

  it('runs a one-shot job once and forgets it', async () => {
    const clock = fixedClock();
    const s = new Scheduler(clock);
    let n = 0;
    s.once('later', 5000, () => void n++);
    clock.advance(4000);
    await s.runDue();
    expect(n).toBe(0);
    clock.advance(2000);
    await s.runDue();
    clock.advance(60_000);
    await s.runDue();
    expect(n).toBe(1);
    expect(s.has('later')).toBe(false);
  });

  it('fires on real time too', async () => {
    const clock = new Clock();
    const s = new Scheduler(clock);
    const fired = await new Promise<boolean>((resolve) => {
      s.once('soon', 20, () => resolve(true));
      setTimeout(() => resolve(false), 2000);
    });
    expect(fired).toBe(true);
    s.stop();
  });

  it('rejects an invalid expression when scheduled, not when it fires', () => {
    const s = new Scheduler(fixedClock());
    expect(() => s.every('bad', 'rate(0 minutes)', () => {})).toThrow();
    expect(() => s.every('bad', 'every day', () => {})).toThrow();
    expect(() => scheduleNext('cron(0 10 * * * *)', T0)).toThrow(); // both day fields set
  });
});
