// AWS's 6-field cron, as in EventBridge / CloudWatch Events schedules, Config, SSM maintenance windows
// and State Manager: `Minutes Hours Day-of-month Month Day-of-week Year`, always evaluated in UTC.
// An expression is parsed once into sorted value lists plus day rules. nextCronTime then walks
// year → month → day → hour → minute and skips whole units that are already past, so a sparse schedule
// (Feb 29, a single year) costs a few thousand steps rather than a minute-by-minute scan.

/** How one comma-separated part of the day-of-month or day-of-week field picks days. */
export type DayRule =
  | { kind: 'days'; values: number[] } // plain days of the month
  | { kind: 'weekdays'; values: number[] } // plain days of the week, 1=SUN .. 7=SAT
  | { kind: 'last' } // L: the last day of the month
  | { kind: 'lastWeekday' } // LW: the last Monday-Friday of the month
  | { kind: 'nearestWeekday'; day: number } // 15W: the Monday-Friday nearest the 15th
  | { kind: 'lastOf'; weekday: number } // 6L: the last Friday of the month
  | { kind: 'nth'; weekday: number; n: number }; // 3#2: the second Tuesday of the month

export interface CronSpec {
  minutes: number[]; // each list sorted ascending, without duplicates
  hours: number[];
  months: number[]; // 1-12
  years: number[]; // 1970-2199
  /** Rules of whichever day field is not '?'; a day matches when any rule does. */
  days: DayRule[];
}

interface Field {
  name: string;
  min: number;
  max: number;
  names?: string[]; // names[0] stands for the value 1
}

const MINUTES: Field = { name: 'minutes', min: 0, max: 59 };
const HOURS: Field = { name: 'hours', min: 0, max: 23 };
const DAY_OF_MONTH: Field = { name: 'day-of-month', min: 1, max: 31 };
const MONTH: Field = {
  name: 'month', min: 1, max: 12,
  names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'],
};
const DAY_OF_WEEK: Field = { name: 'day-of-week', min: 1, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] };
const YEAR: Field = { name: 'year', min: 1970, max: 2199 };

const MINUTE_MS = 60_000;

/** Parses the text inside `cron(...)`, e.g. `0 18 ? * MON-FRI *`. Throws on anything AWS would reject. */
export function parseCron(expression: string): CronSpec {
  try {
    const fields = expression.trim().split(/\s+/);
    if (fields.length !== 6) fail(`expected 6 fields, got ${fields[0] === '' ? 0 : fields.length}`);
    const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields;
    // AWS insists on exactly one of the two day fields being '?': both set, or neither, is an error.
    if ((dayOfMonth === '?') === (dayOfWeek === '?')) {
      fail('exactly one of day-of-month and day-of-week must be ?');
    }
    return {
      minutes: list(minutes, MINUTES),
      hours: list(hours, HOURS),
      months: list(month, MONTH),
      years: list(year, YEAR),
      days: dayOfMonth === '?' ? dayOfWeekRules(dayOfWeek) : dayOfMonthRules(dayOfMonth),
    };
  } catch (err) {
    throw new Error(`invalid cron expression: ${expression} (${(err as Error).message})`);
  }
}

/** The first matching whole minute strictly after afterMs (epoch ms, UTC), or undefined if none is left. */
export function nextCronTime(spec: CronSpec, afterMs: number): number | undefined {
  if (!Number.isFinite(afterMs)) return undefined;
  const start = Math.floor(afterMs / MINUTE_MS) * MINUTE_MS + MINUTE_MS; // earliest allowed candidate
  const startYear = new Date(start).getUTCFullYear();
  for (const y of spec.years) {
    if (y < startYear) continue;
    for (const m of spec.months) {
      if (Date.UTC(y, m, 1) <= start) continue; // the whole month is already over (m is 1-based)
      for (const d of matchingDays(spec.days, y, m)) {
        if (Date.UTC(y, m - 1, d + 1) <= start) continue;
        for (const h of spec.hours) {
          if (Date.UTC(y, m - 1, d, h + 1) <= start) continue;
          for (const min of spec.minutes) {
            const t = Date.UTC(y, m - 1, d, h, min);
            if (t >= start) return t;
          }
        }
      }
    }
  }
  return undefined; // the year list is exhausted (it never goes past 2199)
}

function fail(reason: string): never {
  throw new Error(reason);
}

/** A comma list of plain parts, flattened to sorted unique values. */
function list(text: string, field: Field): number[] {
  const seen = new Set<number>();
  for (const part of text.split(',')) for (const v of expand(part, field)) seen.add(v);
  return [...seen].sort((a, b) => a - b);
}

/** One plain part: `*`, `n`, `a-b`, each optionally with `/step`. `x/y` runs from x to the field's end. */
function expand(part: string, field: Field): number[] {
  const [range, stepText, extra] = part.split('/');
  if (extra !== undefined) fail(`bad step in ${field.name}: '${part}'`);
  let step = 1;
  if (stepText !== undefined) {
    step = /^\d+$/.test(stepText) ? Number(stepText) : 0;
    if (step < 1) fail(`bad step in ${field.name}: '${part}'`);
  }
  let lo = field.min;
  let hi = field.max;
  if (range !== '*') {
    const [a, b, more] = range.split('-');
    if (more !== undefined) fail(`bad range in ${field.name}: '${part}'`);
    lo = value(a, field);
    hi = b !== undefined ? value(b, field) : stepText !== undefined ? field.max : lo;
    if (lo > hi) fail(`${field.name} range '${range}' runs backwards`);
  }
  const out: number[] = [];
  for (let v = lo; v <= hi; v += step) out.push(v);
  return out;
}

/** A single number, or a three-letter name where the field has names (case-insensitive). */
function value(text: string, field: Field): number {
  const named = field.names?.indexOf(text.toUpperCase()) ?? -1;
  if (named >= 0) return named + 1;
  if (!/^\d+$/.test(text)) fail(`bad ${field.name} value '${text}'`);
  const n = Number(text);
  if (n < field.min || n > field.max) fail(`${field.name} ${n} is outside ${field.min}-${field.max}`);
  return n;
}

function dayOfMonthRules(text: string): DayRule[] {
  return text.split(',').map((part): DayRule => {
    const p = part.toUpperCase();
    if (p === 'L') return { kind: 'last' };
    if (p === 'LW') return { kind: 'lastWeekday' };
    if (p.endsWith('W')) return { kind: 'nearestWeekday', day: value(p.slice(0, -1), DAY_OF_MONTH) };
    return { kind: 'days', values: expand(part, DAY_OF_MONTH) };
  });
}

function dayOfWeekRules(text: string): DayRule[] {
  return text.split(',').map((part): DayRule => {
    const p = part.toUpperCase();
    if (p === 'L') return { kind: 'weekdays', values: [7] }; // L alone is the last day of the week: Saturday
    if (p.includes('#')) {
      const [day, n, more] = p.split('#');
      // No month has a sixth occurrence of a weekday, so n is 1-5.
      if (more !== undefined || !/^[1-5]$/.test(n)) fail(`bad day-of-week '${part}'`);
      return { kind: 'nth', weekday: value(day, DAY_OF_WEEK), n: Number(n) };
    }
    if (p.length > 1 && p.endsWith('L')) return { kind: 'lastOf', weekday: value(p.slice(0, -1), DAY_OF_WEEK) };
    return { kind: 'weekdays', values: expand(part, DAY_OF_WEEK) };
  });
}

/** The days of month m (1-based) of year y that any rule picks, ascending. */
function matchingDays(rules: DayRule[], y: number, m: number): number[] {
  const length = new Date(Date.UTC(y, m, 0)).getUTCDate(); // day 0 of the next month is our last day
  const out: number[] = [];
  for (let d = 1; d <= length; d++) {
    if (rules.some((rule) => dayMatches(rule, y, m, d, length))) out.push(d);
  }
  return out;
}

function dayMatches(rule: DayRule, y: number, m: number, d: number, length: number): boolean {
  switch (rule.kind) {
    case 'days': return rule.values.includes(d);
    case 'weekdays': return rule.values.includes(weekday(y, m, d));
    case 'last': return d === length;
    case 'lastWeekday': return d === nearestWeekday(y, m, length, length);
    case 'nearestWeekday': return d === nearestWeekday(y, m, rule.day, length);
    case 'lastOf': return weekday(y, m, d) === rule.weekday && d + 7 > length;
    case 'nth': return weekday(y, m, d) === rule.weekday && Math.ceil(d / 7) === rule.n;
  }
}

/** AWS numbering: 1=SUN .. 7=SAT. */
function weekday(y: number, m: number, d: number): number {
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 1;
}

// W never crosses the month boundary: Saturday the 1st moves on to Monday the 3rd, and a Sunday that
// ends the month moves back to Friday. A day the month doesn't have (30W in February) never fires.
function nearestWeekday(y: number, m: number, day: number, length: number): number | undefined {
  if (day > length) return undefined;
  const wd = weekday(y, m, day);
  if (wd === 7) return day === 1 ? 3 : day - 1;
  if (wd === 1) return day === length ? day - 2 : day + 1;
  return day;
}
