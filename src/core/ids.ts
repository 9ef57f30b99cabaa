// Identifiers in AWS's formats. Randomness comes from one place so tests can seed it if needed.
import { randomBytes, randomUUID } from 'node:crypto';

export function requestId(): string {
  return randomUUID();
}

export function hexId(prefix: string, digits = 17): string {
  return `${prefix}-${randomBytes(Math.ceil(digits / 2)).toString('hex').slice(0, digits)}`;
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
