// Time-based one-time passwords (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), as virtual MFA
// apps compute them from the device's base32 seed.
import { createHmac, randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const STEP_MS = 30_000;

export function base32Seed(): string {
  const bytes = randomBytes(40); // AWS's seeds are 64 base32 characters
  let bits = 0, value = 0, out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

function decode(seed: string): Buffer {
  let bits = 0, value = 0;
  const out: number[] = [];
  for (const ch of seed.replace(/=+$/, '').toUpperCase()) {
    value = (value << 5) | ALPHABET.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The code for a time step. */
export function totp(seed: string, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', decode(seed)).update(counter).digest();
  const offset = mac[mac.length - 1] & 15;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

export const stepAt = (ms: number): number => Math.floor(ms / STEP_MS);

/** Two consecutive codes near now (a few minutes of clock drift either way), as EnableMFADevice wants them. */
export function consecutiveCodes(seed: string, nowMs: number, code1: string, code2: string, drift = 10): boolean {
  const now = stepAt(nowMs);
  for (let s = now - drift; s <= now + drift; s++) if (totp(seed, s) === code1 && totp(seed, s + 1) === code2) return true;
  return false;
}
