import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { zip } from '../../../e2e/lambda-zip';
import { readZip, safeEntryName, ZipError } from './zip';

describe('readZip', () => {
  it('reads deflated entries written by a zip writer', () => {
    const entries = readZip(zip({ 'index.js': 'exports.handler = 1;', 'lib/util.py': 'x = 1\n' }));
    expect(entries.map((e) => [e.name, e.data.toString()])).toEqual([['index.js', 'exports.handler = 1;'], ['lib/util.py', 'x = 1\n']]);
    expect(entries[0].mode).toBe(0o644);
  });

  it('refuses what is not a zip, and entries that escape the folder', () => {
    expect(() => readZip(Buffer.from('not a zip at all, not even close'))).toThrow(ZipError);
    expect(() => readZip(zip({ '../evil.js': 'x' }))).toThrow(/unsafe/);
    expect(() => readZip(zip({ '/etc/passwd': 'x' }))).toThrow(/unsafe/);
  });

  it('stops at the unzipped size limit', () => {
    const big = 'a'.repeat(10_000);
    expect(deflateRawSync(big).length).toBeLessThan(200);
    expect(() => readZip(zip({ 'big.txt': big }), 5_000)).toThrow('too large');
  });

  it('knows safe names', () => {
    expect(['a.js', 'dir/a.js', 'a..b.js'].map(safeEntryName)).toEqual([true, true, true]);
    expect(['', '../a', 'a/../../b', 'C:/x', '\\\\server\\x'].map(safeEntryName)).toEqual([false, false, false, false, false]);
  });
});
