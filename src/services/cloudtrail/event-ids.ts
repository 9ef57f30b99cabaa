// CloudTrail event ids: time-ordered UUIDs (version 7) with a counter in their 12 rand_a bits
// (RFC 9562's monotonic method), so events of one millisecond still sort, and page, in the order
// they happened. Written straight from core's random pool: every recorded call takes one.
import { randomPool as pool, takeRandom as take } from '../../core/ids';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

let lastMs = -1;
let sameMs = 0;
let msPrefix = ''; // "tttttttt-tttt-7" of lastMs

export function nextEventId(ms: number): string {
  if (ms === lastMs) sameMs++;
  else {
    sameMs = 0;
    lastMs = ms;
    const h = (Math.max(0, Math.floor(ms)) || 0).toString(16).padStart(12, '0');
    msPrefix = `${h.slice(0, 8)}-${h.slice(8, 12)}-7`;
  }
  let counter: string;
  if (sameMs <= 0xfff) counter = sameMs.toString(16).padStart(3, '0');
  else {
    const a = take(2);
    counter = HEX[pool[a] & 0x0f][1] + HEX[pool[a + 1]];
  }
  const r = take(8);
  const p = pool;
  return `${msPrefix}${counter}-${HEX[(p[r] & 0x3f) | 0x80]}${HEX[p[r + 1]]}-${HEX[p[r + 2]]}${HEX[p[r + 3]]}${HEX[p[r + 4]]}${HEX[p[r + 5]]}${HEX[p[r + 6]]}${HEX[p[r + 7]]}`;
}
