// The ids are UUIDv7s: their shape, their time, and their order within a millisecond.
import { describe, expect, it } from 'vitest';
import { nextEventId } from './event-ids';
import { idTime } from './store';

const UUID7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('event ids', () => {
  it('are version 7 UUIDs carrying their millisecond', () => {
    for (const ms of [0, 1, 1000, 1_790_000_000_123, 253_402_300_799_999]) {
      const id = nextEventId(ms);
      expect(id).toMatch(UUID7);
      expect(idTime(id)).toBe(ms);
      const h = ms.toString(16).padStart(12, '0'); // UUIDv7: its first 48 bits are the milliseconds
      expect(id.slice(0, 14)).toBe(`${h.slice(0, 8)}-${h.slice(8)}-`);
    }
    expect(idTime(nextEventId(-5))).toBe(0);
  });

  it('count up within a millisecond, then fall back to random bits past 4096', () => {
    const ids = Array.from({ length: 4200 }, () => nextEventId(1_790_000_000_777));
    expect(ids.slice(0, 4096).map((id) => parseInt(id.slice(15, 18), 16))).toEqual(Array.from({ length: 4096 }, (_, i) => i));
    expect([...ids.slice(0, 4096)].sort()).toEqual(ids.slice(0, 4096));
    for (const id of ids) expect(id).toMatch(UUID7);
    expect(new Set(ids.map((id) => id.slice(19))).size).toBe(ids.length);
    expect(nextEventId(1_790_000_000_778).slice(14, 18)).toBe('7000');
  });
});
