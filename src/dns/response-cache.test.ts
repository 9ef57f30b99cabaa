// The response cache on its own: hits carry the asking packet's id; a different query never gets
// another's response, even when both hash to the same slot.
import { describe, expect, it } from 'vitest';
import { buildQuery } from './message';
import { hashOf, ResponseCache } from './response-cache';

const query = (name: string, id = 1) => buildQuery(name, 'A', { id });

describe('ResponseCache', () => {
  it('answers the same bytes after the id with the asker id, per transport', () => {
    const cache = new ResponseCache(10, 512);
    const response = Buffer.from([0, 1, 0x84, 0, 9, 9]);
    cache.keep(query('a.example.'), false, response);
    expect([...cache.answer(query('a.example.', 0xbeef), false)!]).toEqual([0xbe, 0xef, 0x84, 0, 9, 9]);
    expect(response[0]).toBe(0); // the kept copy is not patched
    expect(cache.answer(query('a.example.'), true)).toBeNull();
    expect(cache.answer(query('A.example.'), false)).toBeNull(); // the case as asked is part of the answer
  });

  it('never answers one query with another whose bytes share its hash', () => {
    const seen = new Map<number, Buffer>();
    let pair: [Buffer, Buffer] | null = null;
    for (let i = 0; !pair; i++) {
      const q = query(`n${i}.example.`);
      const h = hashOf(q, false);
      const other = seen.get(h);
      if (other) pair = [other, q];
      else seen.set(h, q);
    }
    const cache = new ResponseCache(10, 512);
    cache.keep(pair[0], false, Buffer.from([0, 0, 1]));
    expect(cache.answer(pair[1], false)).toBeNull();
    cache.keep(pair[1], false, Buffer.from([0, 0, 2]));
    expect(cache.answer(pair[0], false)).toBeNull();
    expect([...cache.answer(pair[1], false)!]).toEqual([pair[1][0], pair[1][1], 2]);
  });

  it('keeps no query longer than its limit, and starts over when full', () => {
    const cache = new ResponseCache(2, 40);
    cache.keep(query(`${'x'.repeat(40)}.example.`), false, Buffer.from([0, 0, 1]));
    expect(cache.size).toBe(0);
    for (const name of ['a.', 'b.', 'c.']) cache.keep(query(name), false, Buffer.from([0, 0, 1]));
    expect(cache.size).toBe(1);
  });
});
