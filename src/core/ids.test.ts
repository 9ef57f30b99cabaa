// Time-ordered EC2-style ids: AWS's form, unique, and in time order so B-trees take them at one place.
import { describe, expect, it } from 'vitest';
import { timeOrderedHexId } from './ids';

describe('timeOrderedHexId', () => {
  it("has AWS's 17-hex-digit form after the prefix", () => {
    expect(timeOrderedHexId('i')).toMatch(/^i-0[0-9a-f]{16}$/);
    expect(timeOrderedHexId('vol', 0)).toMatch(/^vol-00000000[0-9a-f]{9}$/);
  });

  it('sorts ids made later after earlier ones, and keeps ids of one moment apart by their random part', () => {
    const t = Date.UTC(2026, 10, 29);
    const ids = [t, t + 16, t + 1000, t + 60_000].map((ms) => timeOrderedHexId('i', ms));
    expect([...ids].sort()).toEqual(ids);
    const same = new Set(Array.from({ length: 10_000 }, () => timeOrderedHexId('i', t)));
    expect(same.size).toBe(10_000);
  });
});
