import { describe, it, expect } from 'vitest';
import { nextCronTime, parseCron } from './cron';

/** The next firing of `expr` strictly after the ISO time `after`, as ISO text (or undefined). */
function next(expr: string, after: string): string | undefined {
  const t = nextCronTime(parseCron(expr), Date.parse(after));
  return t === undefined ? undefined : new Date(t).toISOString();
}

/** The next n firings, each strictly after the one before. */
function series(expr: string, after: string, n: number): string[] {
  const spec = parseCron(expr);
  const out: string[] = [];
  let t = Date.parse(after);
  for (let i = 0; i < n; i++) {
    const found = nextCronTime(spec, t);
    if (found === undefined) break;
    out.push(new Date(found).toISOString());
    t = found;
  }
  return out;
}

describe('nextCronTime: everyday schedules', () => {
  it('fires daily at a fixed time', () => {
    expect(next('0 10 * * ? *', '2026-03-04T09:00:00Z')).toBe('2026-03-04T10:00:00.000Z');
    expect(next('0 10 * * ? *', '2026-03-04T09:59:59.999Z')).toBe('2026-03-04T10:00:00.000Z');
    expect(next('15 12 * * ? *', '2026-03-04T12:16:00Z')).toBe('2026-03-05T12:15:00.000Z');
  });

  it('is strictly after: a time that matches exactly yields the next one', () => {
    expect(next('0 10 * * ? *', '2026-03-04T10:00:00Z')).toBe('2026-03-05T10:00:00.000Z');
    expect(next('15 12 * * ? *', '2026-03-04T12:15:30Z')).toBe('2026-03-05T12:15:00.000Z');
    expect(next('* * * * ? *', '2026-03-04T12:15:00Z')).toBe('2026-03-04T12:16:00.000Z');
  });

  it('returns whole minutes even when after has seconds and milliseconds', () => {
    expect(next('* * * * ? *', '2026-03-04T12:15:42.123Z')).toBe('2026-03-04T12:16:00.000Z');
  });

  it('skips weekends with MON-FRI, across the weekend', () => {
    // 2026-03-06 is a Friday, 2026-03-09 a Monday.
    expect(next('0 18 ? * MON-FRI *', '2026-03-04T18:30:00Z')).toBe('2026-03-05T18:00:00.000Z');
    expect(next('0 18 ? * MON-FRI *', '2026-03-06T18:00:00Z')).toBe('2026-03-09T18:00:00.000Z');
  });

  it('fires on the first of the month, rolling over the year', () => {
    expect(next('0 8 1 * ? *', '2026-03-04T00:00:00Z')).toBe('2026-04-01T08:00:00.000Z');
    expect(next('0 8 1 * ? *', '2026-12-01T08:00:00Z')).toBe('2027-01-01T08:00:00.000Z');
  });

  it('rolls over the day, month and year at midnight', () => {
    expect(next('0 0 * * ? *', '2026-12-31T23:59:00Z')).toBe('2027-01-01T00:00:00.000Z');
  });
});

describe('nextCronTime: steps, ranges and lists', () => {
  it('x/y starts at x and repeats every y', () => {
    expect(series('0/15 * * * ? *', '2026-03-04T10:07:00Z', 4)).toEqual([
      '2026-03-04T10:15:00.000Z', '2026-03-04T10:30:00.000Z', '2026-03-04T10:45:00.000Z', '2026-03-04T11:00:00.000Z',
    ]);
    expect(series('5/20 * * * ? *', '2026-03-04T10:00:00Z', 4)).toEqual([
      '2026-03-04T10:05:00.000Z', '2026-03-04T10:25:00.000Z', '2026-03-04T10:45:00.000Z', '2026-03-04T11:05:00.000Z',
    ]);
  });

  it('*/y steps from the field minimum', () => {
    expect(parseCron('*/20 * * * ? *').minutes).toEqual([0, 20, 40]);
    expect(parseCron('0 */6 * * ? *').hours).toEqual([0, 6, 12, 18]);
    expect(parseCron('0 0 */10 * ? *').days).toEqual([{ kind: 'days', values: [1, 11, 21, 31] }]);
    expect(parseCron('0 0 ? * */2 *').days).toEqual([{ kind: 'weekdays', values: [1, 3, 5, 7] }]);
    expect(parseCron('0 0 1 */5 ? *').months).toEqual([1, 6, 11]);
    expect(parseCron('0 0 1 1 ? 2190/4').years).toEqual([2190, 2194, 2198]);
  });

  it('a-b/y steps within a range, and lists merge and sort', () => {
    expect(parseCron('0 8-18/4 * * ? *').hours).toEqual([8, 12, 16]);
    expect(parseCron('45,0,30,0 * * * ? *').minutes).toEqual([0, 30, 45]);
    expect(parseCron('0-5,58,2 * * * ? *').minutes).toEqual([0, 1, 2, 3, 4, 5, 58]);
  });

  it('every 10 minutes on weekdays', () => {
    // Saturday 2026-03-07 → Monday 2026-03-09 at midnight.
    expect(next('0/10 * ? * MON-FRI *', '2026-03-07T10:00:00Z')).toBe('2026-03-09T00:00:00.000Z');
    expect(next('0/10 * ? * MON-FRI *', '2026-03-06T23:50:00Z')).toBe('2026-03-09T00:00:00.000Z');
    expect(next('0/10 * ? * MON-FRI *', '2026-03-04T10:01:00Z')).toBe('2026-03-04T10:10:00.000Z');
  });

  it('every 5 minutes in business hours on weekdays', () => {
    const expr = '0/5 8-17 ? * MON-FRI *';
    expect(next(expr, '2026-03-04T12:01:00Z')).toBe('2026-03-04T12:05:00.000Z');
    expect(next(expr, '2026-03-04T07:59:00Z')).toBe('2026-03-04T08:00:00.000Z');
    expect(next(expr, '2026-03-04T17:55:00Z')).toBe('2026-03-05T08:00:00.000Z');
    expect(next(expr, '2026-03-06T17:55:00Z')).toBe('2026-03-09T08:00:00.000Z');
  });

  it('accepts month and weekday names in any case, and in lists', () => {
    expect(parseCron('0 0 ? * mon-Fri *').days).toEqual([{ kind: 'weekdays', values: [2, 3, 4, 5, 6] }]);
    expect(parseCron('0 0 1 jan,JUL,Dec ? *').months).toEqual([1, 7, 12]);
    expect(parseCron('0 0 ? * SUN,SAT *').days).toEqual([
      { kind: 'weekdays', values: [1] }, { kind: 'weekdays', values: [7] },
    ]);
    expect(next('0 0 ? * SUN,SAT *', '2026-03-08T00:00:00Z')).toBe('2026-03-14T00:00:00.000Z');
    expect(next('0 0 ? * 2#1,6L *', '2026-03-02T00:00:00Z')).toBe('2026-03-27T00:00:00.000Z');
    expect(next('0 0 1 JAN,JUL ? *', '2026-03-04T00:00:00Z')).toBe('2026-07-01T00:00:00.000Z');
  });

  it('numbers days of the week 1=SUN .. 7=SAT', () => {
    // 2026-03-08 is a Sunday, 2026-03-07 a Saturday.
    expect(next('0 0 ? * 1 *', '2026-03-04T00:00:00Z')).toBe('2026-03-08T00:00:00.000Z');
    expect(next('0 0 ? * 7 *', '2026-03-04T00:00:00Z')).toBe('2026-03-07T00:00:00.000Z');
  });

  it('tolerates extra whitespace between fields', () => {
    expect(next('  0\t10  * *   ? * ', '2026-03-04T09:00:00Z')).toBe('2026-03-04T10:00:00.000Z');
  });
});

describe('nextCronTime: L, W and #', () => {
  it('# picks the nth weekday of the month', () => {
    // First Monday: 2026-03-02, then 2026-04-06.
    expect(next('0 9 ? * 2#1 *', '2026-03-01T00:00:00Z')).toBe('2026-03-02T09:00:00.000Z');
    expect(next('0 9 ? * 2#1 *', '2026-03-02T09:00:00Z')).toBe('2026-04-06T09:00:00.000Z');
    // Second Tuesday of March 2026 is the 10th; names work too.
    expect(next('0 0 ? * 3#2 *', '2026-03-01T00:00:00Z')).toBe('2026-03-10T00:00:00.000Z');
    expect(next('0 0 ? * TUE#2 *', '2026-03-01T00:00:00Z')).toBe('2026-03-10T00:00:00.000Z');
  });

  it('#5 skips months without a fifth occurrence', () => {
    // Fifth Sundays: 2026-03-29, then none in April, then 2026-05-31.
    expect(next('0 0 ? * 1#5 *', '2026-03-01T00:00:00Z')).toBe('2026-03-29T00:00:00.000Z');
    expect(next('0 0 ? * 1#5 *', '2026-03-29T00:00:00Z')).toBe('2026-05-31T00:00:00.000Z');
  });

  it('L in day-of-month is the last day, including leap Februaries', () => {
    expect(series('0 0 L * ? *', '2026-01-15T00:00:00Z', 3)).toEqual([
      '2026-01-31T00:00:00.000Z', '2026-02-28T00:00:00.000Z', '2026-03-31T00:00:00.000Z',
    ]);
    expect(next('0 0 L * ? *', '2026-04-01T00:00:00Z')).toBe('2026-04-30T00:00:00.000Z');
    expect(next('0 0 L 2 ? *', '2027-03-01T00:00:00Z')).toBe('2028-02-29T00:00:00.000Z');
  });

  it('nL in day-of-week is the last such weekday; L alone is Saturday', () => {
    // Last Fridays: 2026-03-27, 2026-04-24.
    expect(series('0 0 ? * 6L *', '2026-03-01T00:00:00Z', 2)).toEqual([
      '2026-03-27T00:00:00.000Z', '2026-04-24T00:00:00.000Z',
    ]);
    expect(next('0 0 ? * FRIL *', '2026-03-01T00:00:00Z')).toBe('2026-03-27T00:00:00.000Z');
    expect(series('0 0 ? * L *', '2026-03-04T00:00:00Z', 2)).toEqual([
      '2026-03-07T00:00:00.000Z', '2026-03-14T00:00:00.000Z',
    ]);
  });

  it('W moves to the nearest weekday', () => {
    // 15th: Sunday in Feb 2026 → Mon 16th; Wednesday in Apr 2026 → 15th; Saturday in Aug 2026 → Fri 14th.
    expect(next('0 0 15W * ? *', '2026-02-01T00:00:00Z')).toBe('2026-02-16T00:00:00.000Z');
    expect(next('0 0 15W * ? *', '2026-04-01T00:00:00Z')).toBe('2026-04-15T00:00:00.000Z');
    expect(next('0 0 15W * ? *', '2026-08-01T00:00:00Z')).toBe('2026-08-14T00:00:00.000Z');
  });

  it('W does not cross the month boundary', () => {
    // 2026-08-01 is a Saturday: 1W is Monday the 3rd, not Friday July 31st.
    expect(next('0 0 1W * ? *', '2026-07-05T00:00:00Z')).toBe('2026-08-03T00:00:00.000Z');
    // 2026-05-31 is a Sunday: 31W is Friday the 29th, not Monday June 1st.
    expect(next('0 0 31W * ? *', '2026-05-01T00:00:00Z')).toBe('2026-05-29T00:00:00.000Z');
    // 30W never fires in February.
    expect(next('0 0 30W 2 ? *', '2026-01-01T00:00:00Z')).toBeUndefined();
  });

  it('LW is the last weekday of the month, within its year', () => {
    // 2027 month ends: Jan 31 Sun → 29; Feb 28 Sun → 26; Jul 31 Sat → 30; Dec 31 Fri → 31.
    const all = series('0 0 LW * ? 2027', '2026-06-01T00:00:00Z', 20);
    expect(all).toHaveLength(12);
    expect(all[0]).toBe('2027-01-29T00:00:00.000Z');
    expect(all[1]).toBe('2027-02-26T00:00:00.000Z');
    expect(all[6]).toBe('2027-07-30T00:00:00.000Z');
    expect(all[11]).toBe('2027-12-31T00:00:00.000Z');
    expect(next('0 0 LW * ? 2027', '2027-12-31T00:00:00Z')).toBeUndefined();
  });

  it('lowercase l, w and lw are accepted', () => {
    expect(next('0 0 lw * ? *', '2026-05-01T00:00:00Z')).toBe('2026-05-29T00:00:00.000Z');
    expect(next('0 0 ? * 6l *', '2026-03-01T00:00:00Z')).toBe('2026-03-27T00:00:00.000Z');
  });
});

describe('nextCronTime: years and exhaustion', () => {
  it('finds Feb 29 years ahead, promptly', () => {
    const started = Date.now();
    expect(next('0 0 29 2 ? *', '2026-03-04T00:00:00Z')).toBe('2028-02-29T00:00:00.000Z');
    expect(next('0 0 29 2 ? *', '2028-02-29T00:00:00Z')).toBe('2032-02-29T00:00:00.000Z');
    // 2100 is not a leap year.
    expect(next('0 0 29 2 ? *', '2096-03-01T00:00:00Z')).toBe('2104-02-29T00:00:00.000Z');
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('honours year lists and ranges', () => {
    expect(next('0 0 1 1 ? 2020,2030', '2025-06-01T00:00:00Z')).toBe('2030-01-01T00:00:00.000Z');
    expect(next('0 0 1 1 ? 2030-2032', '2030-01-01T00:00:00Z')).toBe('2031-01-01T00:00:00.000Z');
  });

  it('returns undefined once the years run out', () => {
    expect(next('0 0 1 1 ? 2020,2030', '2030-01-01T00:00:00Z')).toBeUndefined();
    expect(next('0 0 1 1 ? 2020', '2026-03-04T00:00:00Z')).toBeUndefined();
    expect(next('* * * * ? *', '2199-12-31T23:59:00Z')).toBeUndefined();
    expect(next('* * * * ? *', '2199-12-31T23:58:00Z')).toBe('2199-12-31T23:59:00.000Z');
  });

  it('gives up promptly on a date that never exists', () => {
    const started = Date.now();
    expect(next('0 0 31 2 ? *', '1970-01-01T00:00:00Z')).toBeUndefined();
    expect(next('0 0 ? 2 1#5 2199', '2199-01-01T00:00:00Z')).toBeUndefined(); // Feb 2199 has 4 Sundays
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('returns undefined for a non-finite start', () => {
    expect(nextCronTime(parseCron('* * * * ? *'), Number.NaN)).toBeUndefined();
  });
});

describe('parseCron: invalid expressions', () => {
  const invalid: Array<[string, string]> = [
    ['0 10 ? * ? *', 'both day fields ?'],
    ['0 10 * * * *', 'neither day field ?'],
    ['0 10 1 * MON *', 'both day fields set'],
    ['0 10 * * ?', '5 fields'],
    ['0 10 * * ? * *', '7 fields'],
    ['', 'empty'],
    ['60 0 * * ? *', 'minute 60'],
    ['0 24 * * ? *', 'hour 24'],
    ['0 0 0 * ? *', 'day-of-month 0'],
    ['0 0 32 * ? *', 'day-of-month 32'],
    ['0 0 1 0 ? *', 'month 0'],
    ['0 0 1 13 ? *', 'month 13'],
    ['0 0 ? * 0 *', 'day-of-week 0'],
    ['0 0 ? * 8 *', 'day-of-week 8'],
    ['0 0 1 * ? 1969', 'year 1969'],
    ['0 0 1 * ? 2200', 'year 2200'],
    ['0 0 1 * ? 2190-2200', 'year range past 2199'],
    ['0 0 1 FOO ? *', 'unknown month name'],
    ['0 0 1 MON ? *', 'weekday name in month'],
    ['0 0 ? * JAN *', 'month name in day-of-week'],
    ['0 0 ? * MONDAY *', 'long weekday name'],
    ['0 0 ? * MON-FOO *', 'bad name in range'],
    ['? 0 1 * ? *', '? in minutes'],
    ['0 0 1 ? ? *', '? in month'],
    ['L 0 1 * ? *', 'L in minutes'],
    ['0 0 1 L ? *', 'L in month'],
    ['0 0 ? * 2W *', 'W in day-of-week'],
    ['0 0 1#2 * ? *', '# in day-of-month'],
    ['0 0 32W * ? *', 'W day out of range'],
    ['0 0 W * ? *', 'W without a day'],
    ['0 0 ? * 8L *', 'L weekday out of range'],
    ['0 0 ? * 2#6 *', 'sixth weekday'],
    ['0 0 ? * 2#0 *', 'zeroth weekday'],
    ['0 0 ? * 8#1 *', '# weekday out of range'],
    ['0 0 ? * 2#1#1 *', 'double #'],
    ['0/0 * * * ? *', 'zero step'],
    ['0/x * * * ? *', 'non-numeric step'],
    ['0/5/5 * * * ? *', 'double step'],
    ['*/ * * * ? *', 'empty step'],
    ['30-10 * * * ? *', 'backwards range'],
    ['1-2-3 * * * ? *', 'double range'],
    ['1.5 * * * ? *', 'fraction'],
    ['-1 * * * ? *', 'negative'],
    ['1,,2 * * * ? *', 'empty list item'],
    ['a * * * ? *', 'letters'],
  ];
  for (const [expr, why] of invalid) {
    it(`rejects ${why}: '${expr}'`, () => {
      expect(() => parseCron(expr)).toThrow(`invalid cron expression: ${expr}`);
    });
  }

  it('explains the reason after the expression', () => {
    expect(() => parseCron('0 10 * * * *')).toThrow(
      'invalid cron expression: 0 10 * * * * (exactly one of day-of-month and day-of-week must be ?)',
    );
    expect(() => parseCron('0 10 * * ?')).toThrow('(expected 6 fields, got 5)');
    expect(() => parseCron('60 0 * * ? *')).toThrow('(minutes 60 is outside 0-59)');
  });

  it('accepts every documented AWS example', () => {
    for (const expr of [
      '0 10 * * ? *', '15 12 * * ? *', '0 18 ? * MON-FRI *', '0 8 1 * ? *', '0/15 * * * ? *',
      '0/10 * ? * MON-FRI *', '0/5 8-17 ? * MON-FRI *', '0 9 ? * 2#1 *', '0 0 L * ? *', '0 0 ? * 6L *',
      '0 0 15W * ? *', '0 0 LW * ? 2027',
    ]) {
      expect(() => parseCron(expr)).not.toThrow();
    }
  });
});
