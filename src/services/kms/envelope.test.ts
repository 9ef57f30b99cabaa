import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { canonicalContext, newMaterial, open, readHeader, seal } from './envelope';

const keyId = randomUUID();
const material = newMaterial();
const secret = Buffer.from('the launch codes');

describe('ciphertext envelope', () => {
  it('round-trips and names its key and material version', () => {
    const blob = seal({ keyId, version: 3 }, material, secret, { app: 'x' });
    expect(readHeader(blob)).toEqual({ keyId, version: 3 });
    expect(open(blob, material, { app: 'x' })).toEqual(secret);
    expect(blob.includes(secret)).toBe(false);
  });

  it('never repeats a ciphertext for the same plaintext', () => {
    expect(seal({ keyId, version: 1 }, material, secret).equals(seal({ keyId, version: 1 }, material, secret))).toBe(false);
  });

  it('binds the encryption context regardless of key order', () => {
    const blob = seal({ keyId, version: 1 }, material, secret, { a: '1', b: '2' });
    expect(open(blob, material, { b: '2', a: '1' })).toEqual(secret);
    expect(open(blob, material, { a: '1' })).toBeUndefined();
    expect(open(blob, material, { a: '1', b: '3' })).toBeUndefined();
    expect(open(blob, material)).toBeUndefined();
  });

  it('treats a missing and an empty context alike', () => {
    expect(canonicalContext(undefined).length).toBe(0);
    expect(open(seal({ keyId, version: 1 }, material, secret), material, {})).toEqual(secret);
  });

  it('rejects any changed byte, including the header', () => {
    const blob = seal({ keyId, version: 1 }, material, secret);
    for (const at of [5, 19, 25, blob.length - 20, blob.length - 1]) {
      const bad = Buffer.from(blob);
      bad[at] ^= 0x01;
      expect(open(bad, material)).toBeUndefined();
    }
  });

  it('rejects other material, truncated blobs and foreign bytes', () => {
    const blob = seal({ keyId, version: 1 }, material, secret);
    expect(open(blob, newMaterial())).toBeUndefined();
    expect(open(blob.subarray(0, 30), material)).toBeUndefined();
    expect(readHeader(Buffer.from('not a kanri ciphertext at all, really not'))).toBeUndefined();
    expect(open(Buffer.concat([blob, Buffer.from('x')]), material)).toBeUndefined();
  });

  it('does not confuse contexts that would join to the same string', () => {
    expect(canonicalContext({ ab: 'c' }).equals(canonicalContext({ a: 'bc' }))).toBe(false);
  });
});
