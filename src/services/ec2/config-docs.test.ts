import { describe, expect, it } from 'vitest';
import { camel, sameJson } from './config-docs';
import { byKey } from './tagging';

describe('sameJson', () => {
  const cases: [unknown, unknown][] = [
    [{ a: 1, b: [1, 2] }, { a: 1, b: [1, 2] }],
    [{ a: 1, b: 2 }, { b: 2, a: 1 }], // member order counts, as in JSON
    [{ a: 1, b: undefined }, { a: 1 }],
    [{ a: undefined, b: 1 }, { b: 1, c: undefined }],
    [[1, undefined, () => 1], [1, null, null]],
    [{ a: new Date(0) }, { a: '1970-01-01T00:00:00.000Z' }],
    [{ a: NaN }, { a: null }],
    [{ a: [] }, { a: {} }],
    [{ a: { b: { c: 'x' } } }, { a: { b: { c: 'y' } } }],
    [{ a: [1, 2] }, { a: [1, 2, 3] }],
    [{ a: '1' }, { a: 1 }],
    [{ a: 0 }, { a: -0 }],
    [{}, { a: undefined }],
  ];
  it.each(cases)('agrees with JSON.stringify for %j and %j', (a, b) => {
    expect(sameJson(a, b)).toBe(JSON.stringify(a) === JSON.stringify(b));
  });
  it('takes shared parts as equal without walking them', () => {
    const shared = { deep: [1, 2, 3] };
    expect(sameJson({ x: shared, y: 1 }, { x: shared, y: 1 })).toBe(true);
    expect(sameJson({ x: shared, y: 1 }, { x: shared, y: 2 })).toBe(false);
  });
});

describe('camel', () => {
  it('converts member names at every depth and dates to ISO strings', () => {
    expect(camel({ InstanceId: 'i-1', Tags: [{ Key: 'Name', Value: 'x' }], LaunchTime: new Date(0), State: { Code: 16, Name: 'running' } })).toEqual({
      instanceId: 'i-1', tags: [{ key: 'Name', value: 'x' }], launchTime: '1970-01-01T00:00:00.000Z', state: { code: 16, name: 'running' },
    });
  });
  it('converts a part shared by before and after once, with the same result', () => {
    const shared = { GroupId: 'sg-1' };
    const done = new Map<object, unknown>();
    const before = camel({ Groups: [shared], A: 1 }, done) as Record<string, unknown>;
    const after = camel({ Groups: [shared], A: 2 }, done) as Record<string, unknown>;
    expect(JSON.stringify(before)).toBe('{"groups":[{"groupId":"sg-1"}],"a":1}');
    expect(JSON.stringify(after)).toBe('{"groups":[{"groupId":"sg-1"}],"a":2}');
  });
});

describe('byKey', () => {
  it('orders tag keys as SQLite does (UTF-8 bytes)', () => {
    const keys = ['b', 'a', 'B', 'ab', '', '\u{1F600}', '\uFF21', 'é', 'a b'];
    const sorted = keys.map((Key) => ({ Key, Value: '' })).sort(byKey).map((t) => t.Key);
    expect(sorted).toEqual([...keys].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y))));
  });
});
