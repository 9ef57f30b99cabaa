// PLACEHOLDER until the full AWS cron module lands: supports * , - / ? and names only.
export interface CronSpec { minutes: Set<number>; hours: Set<number>; dom: Set<number> | null; months: Set<number>; dow: Set<number> | null; years: Set<number> }
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
function field(text: string, min: number, max: number, names: string[] = [], base = 1): Set<number> {
  const out = new Set<number>();
  const num = (s: string) => { const i = names.indexOf(s.toUpperCase()); const n = i >= 0 ? i + base : Number(s); if (!Number.isInteger(n) || n < min || n > max) throw new Error('bad'); return n; };
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText ? Number(stepText) : 1;
    let lo = min, hi = max;
    if (range !== '*') { const [a, b] = range.split('-'); lo = num(a); hi = b !== undefined ? num(b) : stepText ? max : lo; }
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}
export function parseCron(expression: string): CronSpec {
  const f = expression.trim().split(/\s+/);
  try {
    if (f.length !== 6 || (f[2] === '?') === (f[4] === '?')) throw new Error('bad');
    return { minutes: field(f[0], 0, 59), hours: field(f[1], 0, 23), dom: f[2] === '?' ? null : field(f[2], 1, 31), months: field(f[3], 1, 12, MONTHS), dow: f[4] === '?' ? null : field(f[4], 1, 7, DAYS), years: field(f[5], 1970, 2199) };
  } catch { throw new Error(`invalid cron expression: ${expression}`); }
}
export function nextCronTime(spec: CronSpec, afterMs: number): number | undefined {
  let t = Math.floor(afterMs / 60_000) * 60_000 + 60_000;
  for (let i = 0; i < 60 * 24 * 366 * 2; i++, t += 60_000) {
    const d = new Date(t);
    if (!spec.years.has(d.getUTCFullYear()) || !spec.months.has(d.getUTCMonth() + 1)) continue;
    if (spec.dom && !spec.dom.has(d.getUTCDate())) continue;
    if (spec.dow && !spec.dow.has(d.getUTCDay() + 1)) continue;
    if (spec.hours.has(d.getUTCHours()) && spec.minutes.has(d.getUTCMinutes())) return t;
  }
  return undefined;
}
