import { describe, expect, it } from 'vitest';
import { base32Seed, consecutiveCodes, totp } from './totp';

describe('totp', () => {
  it('matches RFC 6238 test vectors (SHA-1 seed "12345678901234567890")', () => {
    const seed = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // base32 of the RFC's ASCII key
    expect(totp(seed, Math.floor(59 / 30))).toBe('287082');
    expect(totp(seed, Math.floor(1111111109 / 30))).toBe('081804');
    expect(totp(seed, Math.floor(2000000000 / 30))).toBe('279037');
  });

  it('accepts two consecutive codes near now and nothing else', () => {
    const seed = base32Seed();
    expect(seed).toMatch(/^[A-Z2-7]{64}$/);
    const now = 1_700_000_000_000;
    const step = Math.floor(now / 30_000);
    expect(consecutiveCodes(seed, now, totp(seed, step), totp(seed, step + 1))).toBe(true);
    expect(consecutiveCodes(seed, now, totp(seed, step + 1), totp(seed, step))).toBe(false);
    expect(consecutiveCodes(seed, now, totp(seed, step + 50), totp(seed, step + 51))).toBe(false);
  });
});
