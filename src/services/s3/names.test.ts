// Bucket naming, LocationConstraint rules, and the key paging that folds common prefixes.
import { describe, expect, it } from 'vitest';
import { bucketRegionFor, isValidBucketName } from './names';
import { pastPrefix } from './key-range';
import { pageKeys } from './ops/listing';

describe('bucket names', () => {
  it('follows AWS\'s rules', () => {
    for (const ok of ['abc', 'my-bucket.logs', 'a'.repeat(63), '1-2-3']) expect(isValidBucketName(ok)).toBe(true);
    for (const bad of ['ab', 'a'.repeat(64), 'ABC', 'a_b', '-ab', 'ab-', 'a..b', '10.0.0.1', 'xn--ab', 'sthree-x', 'amzn-s3-demo-x', 'x-s3alias', 'x--ol-s3', 'x.mrap']) {
      expect([bad, isValidBucketName(bad)]).toEqual([bad, false]);
    }
  });
});

describe('location constraints', () => {
  const error = (region: string, constraint?: string) => {
    try { return bucketRegionFor(region, constraint); } catch (e) { return (e as Error & { code: string }).code; }
  };

  it('puts a bucket where its endpoint and constraint agree', () => {
    expect([error('us-east-1'), error('eu-west-1', 'eu-west-1'), error('eu-west-1', 'EU'), error('us-east-1', 'ap-south-1')]).toEqual(['us-east-1', 'eu-west-1', 'eu-west-1', 'ap-south-1']);
  });

  it('answers AWS\'s two errors otherwise', () => {
    expect(error('eu-west-2')).toBe('IllegalLocationConstraintException');
    expect(error('eu-west-2', 'eu-west-1')).toBe('IllegalLocationConstraintException');
    expect(error('us-east-1', 'us-east-1')).toBe('InvalidLocationConstraint');
    expect(error('us-east-1', 'mars-1')).toBe('InvalidLocationConstraint');
  });
});

describe('pageKeys', () => {
  const keys = ['a', 'b/1', 'b/2', 'b/3', 'c', 'd/x/1', 'e'].map((key) => ({ key }));
  let fetches = 0;
  const fetch = (after: string, limit: number) => {
    fetches++;
    return keys.filter((k) => k.key > after).slice(0, limit);
  };

  it('folds keys under a delimiter into one common prefix and skips past it', () => {
    fetches = 0;
    const page = pageKeys(fetch, { prefix: '', delimiter: '/', after: '', max: 10 });
    expect([page.items.map((k) => k.key), page.prefixes, page.truncated]).toEqual([['a', 'c', 'e'], ['b/', 'd/'], false]);
    expect(fetches).toBeLessThanOrEqual(4); // one seek per common prefix, not one row at a time
  });

  it('truncates at max, counting prefixes, and resumes after a prefix marker', () => {
    const first = pageKeys(fetch, { prefix: '', delimiter: '/', after: '', max: 2 });
    expect([first.items.map((k) => k.key), first.prefixes, first.truncated, first.last]).toEqual([['a'], ['b/'], true, 'b/']);
    const next = pageKeys(fetch, { prefix: '', delimiter: '/', after: first.last!, max: 2 });
    expect([next.items.map((k) => k.key), next.prefixes]).toEqual([['c'], ['d/']]);
    // SQLite orders keys by UTF-8 bytes (as S3 does), where U+10FFFF sorts after every other character.
    expect(Buffer.compare(Buffer.from(pastPrefix('b/')), Buffer.from('b/\u{FFFF}zzz'))).toBe(1);
  });
});
