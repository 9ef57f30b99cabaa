import { describe, expect, it } from 'vitest';
import { selectResourceConfig } from './index';
import { countingSource, ITEMS } from './fixtures.test-helper';

function manyVolumes(n: number) {
  return Array.from({ length: n }, (_, i) => ({ ...ITEMS[5], resourceId: `vol-${String(i).padStart(5, '0')}`, configuration: { size: i } }));
}

function allPages(expression: string, limit: number | undefined, source = countingSource()) {
  const pages: string[][] = [];
  let nextToken: string | undefined;
  do {
    const out = selectResourceConfig(expression, source, { limit, nextToken });
    pages.push(out.Results);
    nextToken = out.NextToken;
  } while (nextToken && pages.length < 1000);
  return pages;
}

describe('advanced query pagination', () => {
  it('pages through every result once, in a stable order, with an opaque NextToken', () => {
    const pages = allPages(`SELECT resourceId`, 4);
    expect(pages.map((p) => p.length)).toEqual([4, 4, 2]);
    const ids = pages.flat().map((r) => JSON.parse(r).resourceId);
    expect(new Set(ids).size).toBe(10);
    expect(ids).toEqual([...ids].sort((a, b) => {
      const type = (id: string) => ITEMS.find((i) => i.resourceId === id)!.resourceType as string;
      return type(a) < type(b) ? -1 : type(a) > type(b) ? 1 : a < b ? -1 : 1;
    }));
  });

  it('keeps ORDER BY across pages', () => {
    const source = countingSource(manyVolumes(30));
    const pages = allPages(`SELECT configuration.size WHERE resourceType = 'AWS::EC2::Volume' ORDER BY configuration.size DESC`, 7, source);
    expect(pages.flat().map((r) => JSON.parse(r).configuration.size)).toEqual(Array.from({ length: 30 }, (_, i) => 29 - i));
  });

  it('the default page size is 25 for plain queries and 500 for aggregates; Limit 0 means the default', () => {
    const source = countingSource(manyVolumes(600));
    expect(selectResourceConfig(`SELECT resourceId`, source, {}).Results).toHaveLength(25);
    expect(selectResourceConfig(`SELECT resourceId`, source, { limit: 0 }).Results).toHaveLength(25);
    expect(selectResourceConfig(`SELECT resourceId`, source, { limit: 100 }).Results).toHaveLength(100);
    const grouped = selectResourceConfig(`SELECT resourceId, COUNT(*) GROUP BY resourceId`, source, {});
    expect(grouped.Results).toHaveLength(500);
    expect(grouped.NextToken).toBeDefined();
    const rest = selectResourceConfig(`SELECT resourceId, COUNT(*) GROUP BY resourceId`, source, { nextToken: grouped.NextToken });
    expect(rest.Results).toHaveLength(100);
    expect(rest.NextToken).toBeUndefined();
  });

  it('does not page an aggregate query ordered by an aggregate function', () => {
    const source = countingSource(manyVolumes(30));
    const out = selectResourceConfig(`SELECT resourceId, COUNT(*) GROUP BY resourceId ORDER BY COUNT(*) DESC`, source, { limit: 10 });
    expect(out.Results).toHaveLength(10);
    expect(out.NextToken).toBeUndefined();
  });

  it("a token is bound to its expression", () => {
    const first = selectResourceConfig(`SELECT resourceId`, countingSource(), { limit: 2 });
    expect(() => selectResourceConfig(`SELECT arn`, countingSource(), { nextToken: first.NextToken })).toThrow(/nextToken provided is invalid/);
  });
});

describe('advanced query reads only the items it needs', () => {
  it('a WHERE pinning resourceType reads that type through byType, never all()', () => {
    const source = countingSource();
    selectResourceConfig(`SELECT resourceId WHERE resourceType = 'AWS::EC2::Volume' AND configuration.size > 10`, source, {});
    expect(source.calls).toEqual({ byType: ['AWS::EC2::Volume'], byId: [], all: 0, yielded: 4 });
  });

  it('resourceType IN (...) reads each named type; nested ANDs count as top level', () => {
    const source = countingSource();
    selectResourceConfig(`SELECT resourceId WHERE (configuration.size > 1 OR tags.key = 'x') AND (resourceType IN ('AWS::EC2::VPC', 'AWS::S3::Bucket') AND resourceName LIKE 'my-%')`, source, {});
    expect(source.calls.byType).toEqual(['AWS::EC2::VPC', 'AWS::S3::Bucket']);
    expect(source.calls.all).toBe(0);
  });

  it('a pinned resourceId uses byId when the source has it, else falls back to byType or all()', () => {
    const withId = countingSource();
    selectResourceConfig(`SELECT resourceId WHERE resourceId = 'i-0002' AND resourceType = 'AWS::EC2::Instance'`, withId, {});
    expect(withId.calls).toMatchObject({ byId: ['i-0002'], byType: [], all: 0, yielded: 1 });
    const without = countingSource(ITEMS, false);
    selectResourceConfig(`SELECT resourceId WHERE resourceId = 'i-0002' AND resourceType = 'AWS::EC2::Instance'`, without, {});
    expect(without.calls).toMatchObject({ byType: ['AWS::EC2::Instance'], all: 0 });
    const none = countingSource(ITEMS, false);
    selectResourceConfig(`SELECT resourceId WHERE resourceId = 'i-0002'`, none, {});
    expect(none.calls.all).toBe(1);
  });

  it('OR or NOT around resourceType cannot pin it: all() is read', () => {
    for (const where of [`resourceType = 'AWS::EC2::VPC' OR resourceId = 'x'`, `NOT resourceType = 'AWS::EC2::VPC'`, `resourceType != 'AWS::EC2::VPC'`]) {
      const source = countingSource();
      selectResourceConfig(`SELECT resourceId WHERE ${where}`, source, {});
      expect(source.calls.all).toBe(1);
      expect(source.calls.byType).toEqual([]);
    }
  });

  it('contradictory pins read nothing', () => {
    const source = countingSource();
    const out = selectResourceConfig(`SELECT resourceId WHERE resourceType = 'AWS::EC2::VPC' AND resourceType = 'AWS::S3::Bucket'`, source, {});
    expect(out.Results).toEqual([]);
    expect(source.calls).toMatchObject({ byType: [], all: 0, yielded: 0 });
  });

  it('micro-benchmark shape: 20,000 items of other types are never touched by a pinned query', () => {
    const others = Array.from({ length: 20000 }, (_, i) => ({ ...ITEMS[0], resourceType: 'AWS::SQS::Queue', resourceId: `q-${i}` }));
    const source = countingSource([...ITEMS, ...others]);
    const out = selectResourceConfig(`SELECT resourceId, configuration.size WHERE resourceType = 'AWS::EC2::Volume' ORDER BY configuration.size`, source, {});
    expect(out.Results.map((r) => JSON.parse(r).resourceId)).toEqual(['vol-0002', 'vol-0003', 'vol-0001']);
    expect(source.calls.yielded).toBe(4);
    expect(source.calls.all).toBe(0);
  });
});
