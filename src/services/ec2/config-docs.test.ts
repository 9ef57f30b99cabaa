import { describe, expect, it } from 'vitest';
import { camel, camelJson, sameJson } from './config-docs';
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
});

describe('camelJson', () => {
  const same = (v: unknown) => expect(camelJson(v)).toBe(JSON.stringify(camel(v)));
  it('writes what JSON.stringify writes of the camelCase copy', () => {
    same({
      InstanceId: 'i-1', Tags: [{ Key: 'Name', Value: 'x "quoted" \\ \n \u2028 \ud800 é 😀' }], LaunchTime: new Date(0),
      State: { Code: 16, Name: 'running' }, Empty: {}, List: [], Nested: [[1, [2, {}]], { A: [null] }],
      Numbers: [0, -0, 1.5, 1e21, -1e-7, NaN, Infinity, -Infinity], Flags: [true, false], Nothing: null,
      Gone: undefined, Fn: () => 1, Sym: Symbol('s'), Holes: [undefined, () => 1, , 3], // eslint-disable-line no-sparse-arrays
      'Odd Key': 1, '': 2, '1': 3, '0x': 4, already: 5, 'Ünïcode': 6, [Symbol('k')]: 7,
    });
    for (const v of [null, undefined, 1, 'x', true, [], {}, [undefined], new Date(1e12), Object.create(null), new Map([[1, 2]]), Buffer.from('ab')]) same(v);
  });
  it('leaves what only the copy renders faithfully to the copy', () => {
    same({ Key: 1, key: 2 }); // one member per camelCase name: the last value, in the first one's place
    same({ key: 1, Other: 0, Key: 2 });
    same({ \u212Aey: 1, Key: 2 }); // the Kelvin sign lowercases to k
    same(JSON.parse('{"__proto__": {"A": 1}, "B": 2}'));
    same(JSON.parse('{"__Proto__": 1, "B": 2}'));
    same({ ToJSON: () => 'x', A: 1 });
    same({ A: { toJSON: () => 'x', B: 1 } });
    expect(() => camelJson({ A: 1n })).toThrow(TypeError);
    expect(() => camelJson({ A: new Date(NaN) })).toThrow(RangeError);
  });
  it('agrees on random documents', () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    const names = ['A', 'a', 'Ab', 'ab', 'Tags', 'Key', 'Value', 'X1', '__proto__', 'toJSON', 'é', 'É', '', '0', '10'];
    const gen = (depth: number): unknown => {
      switch (rand(depth > 3 ? 6 : 9)) {
        case 0: return rand(1000) - 500;
        case 1: return ['', 'x', 'a"b', 'line\nbreak', '\u0001', '\udc00', 'ü'][rand(7)];
        case 2: return [true, false, null, undefined, NaN][rand(5)];
        case 3: return new Date(rand(1e9) * 1000);
        case 4: return rand(2) ? 1.25 : -0;
        case 5: return () => 1;
        case 6: case 7: { const o: Record<string, unknown> = {}; for (let i = rand(5); i > 0; i--) Object.defineProperty(o, names[rand(names.length)], { value: gen(depth + 1), enumerable: true, writable: true, configurable: true }); return o; }
        default: return Array.from({ length: rand(4) }, () => gen(depth + 1));
      }
    };
    for (let i = 0; i < 3000; i++) same({ Doc: gen(0), More: gen(1) });
  });
});

describe('byKey', () => {
  it('orders tag keys as SQLite does (UTF-8 bytes)', () => {
    const keys = ['b', 'a', 'B', 'ab', '', '\u{1F600}', '\uFF21', 'é', 'a b'];
    const sorted = keys.map((Key) => ({ Key, Value: '' })).sort(byKey).map((t) => t.Key);
    expect(sorted).toEqual([...keys].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y))));
  });
});
