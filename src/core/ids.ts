// Identifiers in AWS's formats. Randomness comes from one place so tests can seed it if needed.
import { randomBytes, randomUUID } from 'node:crypto';

export function requestId(): string {
  return randomUUID();
}

export function hexId(prefix: string, digits = 17): string {
  const n = Math.ceil(digits / 2);
  if (poolOffset + n > pool.length) refillPool();
  const hex = pool.toString('hex', poolOffset, poolOffset + n);
  poolOffset += n;
  return `${prefix}-${hex.slice(0, digits)}`;
}

/**
 * An id in AWS's 17-hex-digit form ('0', then the time in 16 ms steps as 7 digits, wrapping every
 * ~50 days, then 36 random bits). Ids made close in time sort next to each other, so each B-tree
 * keyed by id takes a turn's new rows on one or two pages, not one random page per row: fewer pages
 * to write at COMMIT. Uniqueness rests on the random bits, as with AWS's own ids.
 */
export function timeOrderedHexId(prefix: string, nowMs = Date.now()): string {
  const time = (Math.floor(nowMs / 16) % 0x10000000).toString(16).padStart(7, '0');
  if (poolOffset + 5 > pool.length) refillPool();
  const random = pool.toString('hex', poolOffset, poolOffset + 5).slice(0, 9);
  poolOffset += 5;
  return `${prefix}-0${time}${random}`;
}

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Upper-case base32-ish ids like access keys (AKIA..., ASIA...) and unique ids (AROA...). */
export function upperId(prefix: string, length: number): string {
  const bytes = randomBytes(length);
  let out = prefix;
  for (let i = out.length; i < length; i++) out += UPPER_ALNUM[bytes[i] % UPPER_ALNUM.length];
  return out;
}

export function secretKey(): string {
  return randomBytes(30).toString('base64').replace(/[+/=]/g, 'A').slice(0, 40);
}

/**
 * A UUID whose first 48 bits are the time (as UUIDv7 lays it out), so ids written in time order
 * append to a B-tree instead of landing at random pages.
 */
export function timeOrderedUuid(ms: number): string {
  const b = pooledRandom(16);
  b.writeUIntBE(Math.max(0, Math.floor(ms)), 0, 6);
  b[6] = (b[6] & 0x0f) | 0x70;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

let pool = Buffer.alloc(0);
let poolOffset = 0;

function refillPool(): void {
  pool = randomBytes(4096);
  poolOffset = 0;
}

/** Random bytes from a refilled pool: one call into OpenSSL per 4 KiB, not per id. */
function pooledRandom(n: number): Buffer {
  if (poolOffset + n > pool.length) refillPool();
  const out = Buffer.from(pool.subarray(poolOffset, poolOffset + n));
  poolOffset += n;
  return out;
}
