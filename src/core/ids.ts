// Identifiers in AWS's formats. Randomness comes from one place so tests can seed it if needed.
import { randomBytes, randomFillSync, randomUUID } from 'node:crypto';

export function requestId(): string {
  return randomUUID();
}

export function hexId(prefix: string, digits = 17): string {
  const n = Math.ceil(digits / 2);
  const at = takeRandom(n);
  return `${prefix}-${randomPool.toString('hex', at, at + n).slice(0, digits)}`;
}

/**
 * An id in AWS's 17-hex-digit form ('0', then the time in 16 ms steps as 7 digits, wrapping every
 * ~50 days, then 36 random bits). Ids made close in time sort next to each other, so each B-tree
 * keyed by id takes a turn's new rows on one or two pages, not one random page per row: fewer pages
 * to write at COMMIT. Uniqueness rests on the random bits, as with AWS's own ids.
 */
export function timeOrderedHexId(prefix: string, nowMs = Date.now()): string {
  const time = (Math.floor(nowMs / 16) % 0x10000000).toString(16).padStart(7, '0');
  const at = takeRandom(5);
  const random = randomPool.toString('hex', at, at + 5).slice(0, 9);
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

/** Random bytes for ids: one pool, refilled by one call into OpenSSL per 4 KiB, not per id. */
export const randomPool = Buffer.alloc(4096);
let poolOffset = randomPool.length;

/** Where the next n random bytes are in randomPool; read them before the next call. */
export function takeRandom(n: number): number {
  if (poolOffset + n > randomPool.length) {
    randomFillSync(randomPool);
    poolOffset = 0;
  }
  poolOffset += n;
  return poolOffset - n;
}
