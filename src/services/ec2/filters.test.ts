import { describe, expect, it } from 'vitest';
import { compileFilters, wildcard, type FieldMap } from './filters';
import { paginate } from './paging';

interface Vpc { VpcId: string; CidrBlock: string; IsDefault: boolean; Tags?: { Key: string; Value: string }[] }
const fields: FieldMap<Vpc> = { 'vpc-id': (v) => v.VpcId, 'cidr-block': (v) => v.CidrBlock, 'is-default': (v) => v.IsDefault };
const vpcs: Vpc[] = [
  { VpcId: 'vpc-1', CidrBlock: '10.0.0.0/16', IsDefault: false, Tags: [{ Key: 'Name', Value: 'prod-web' }, { Key: 'env', Value: 'prod' }] },
  { VpcId: 'vpc-2', CidrBlock: '10.1.0.0/16', IsDefault: false, Tags: [{ Key: 'Name', Value: 'dev-web' }] },
  { VpcId: 'vpc-3', CidrBlock: '172.31.0.0/16', IsDefault: true },
];
const ids = (filters: { Name: string; Values: string[] }[]) => vpcs.filter(compileFilters(filters, fields)).map((v) => v.VpcId);

describe('filters', () => {
  it('ORs values and ANDs filters', () => {
    expect(ids([{ Name: 'vpc-id', Values: ['vpc-1', 'vpc-3'] }])).toEqual(['vpc-1', 'vpc-3']);
    expect(ids([{ Name: 'vpc-id', Values: ['vpc-1', 'vpc-3'] }, { Name: 'is-default', Values: ['true'] }])).toEqual(['vpc-3']);
  });
  it('matches * and ? wildcards, and \\ escapes them', () => {
    expect(ids([{ Name: 'tag:Name', Values: ['*-web'] }])).toEqual(['vpc-1', 'vpc-2']);
    expect(ids([{ Name: 'cidr-block', Values: ['10.?.0.0/16'] }])).toEqual(['vpc-1', 'vpc-2']);
    expect(wildcard('a\\*')('a*')).toBe(true);
    expect(wildcard('a\\*')('ab')).toBe(false);
    expect(wildcard('a.c')('abc')).toBe(false);
  });
  it('filters by tag:Key, tag-key and tag-value', () => {
    expect(ids([{ Name: 'tag:env', Values: ['prod'] }])).toEqual(['vpc-1']);
    expect(ids([{ Name: 'tag-key', Values: ['Name'] }])).toEqual(['vpc-1', 'vpc-2']);
    expect(ids([{ Name: 'tag-value', Values: ['dev*'] }])).toEqual(['vpc-2']);
  });
  it('refuses an unknown filter name as AWS does', () => {
    expect(() => ids([{ Name: 'colour', Values: ['red'] }])).toThrow("The filter 'colour' is invalid");
  });
  it('ignores __proto__ as a filter name rather than reading the prototype', () => {
    expect(() => ids([{ Name: '__proto__', Values: ['x'] }])).toThrow('is invalid');
  });
});

describe('paginate', () => {
  const items = ['a', 'b', 'c', 'd', 'e'];
  it('walks pages with opaque tokens', () => {
    const first = paginate(items, (x) => x, 2, undefined);
    expect(first.page).toEqual(['a', 'b']);
    expect(first.nextToken).not.toContain('b');
    const second = paginate(items, (x) => x, 2, first.nextToken);
    expect(second.page).toEqual(['c', 'd']);
    const third = paginate(items, (x) => x, 2, second.nextToken);
    expect(third).toEqual({ page: ['e'], nextToken: undefined });
  });
  it('answers everything without MaxResults and refuses a forged token', () => {
    expect(paginate(items, (x) => x, undefined, undefined).page).toHaveLength(5);
    expect(() => paginate(items, (x) => x, 2, 'bogus!')).toThrow(/pagination token/);
  });
});
