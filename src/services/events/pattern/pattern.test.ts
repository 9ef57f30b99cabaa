// The event-pattern grammar: what matches, what does not, and AWS's reasons for bad patterns.
import { describe, expect, it } from 'vitest';
import { compilePattern } from './compile';
import { matchesPattern } from './match';

const base = { id: '1', account: '111122223333', source: 'shop', time: '2024-01-01T00:00:00Z', region: 'us-east-1', 'detail-type': 'Order', resources: ['arn:aws:s3:::b'] };
const match = (pattern: object, detail: unknown, extra: object = {}) => matchesPattern(compilePattern(JSON.stringify(pattern)), { ...base, ...extra, detail });
const message = (pattern: unknown) => {
  try {
    compilePattern(typeof pattern === 'string' ? pattern : JSON.stringify(pattern));
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
};
/** The reason alone, without the location AWS appends. */
const reason = (pattern: unknown) => message(pattern)?.split('\n at [')[0];

describe('event patterns: values', () => {
  it('matches exact values, with arrays as OR, on nested fields', () => {
    expect(match({ source: ['shop', 'other'] }, {})).toBe(true);
    expect(match({ source: ['other'] }, {})).toBe(false);
    expect(match({ detail: { state: { name: ['running'] } } }, { state: { name: 'running' } })).toBe(true);
    expect(match({ detail: { state: { name: ['running'] } } }, { state: { name: 'stopped' } })).toBe(false);
    expect(match({ detail: { missing: ['x'] } }, {})).toBe(false);
  });

  it('matches numbers numerically, booleans, null and empty strings by type', () => {
    expect(match({ detail: { n: [300] } }, { n: 3.0e2 })).toBe(true);
    expect(match({ detail: { n: [300] } }, { n: '300' })).toBe(false);
    expect(match({ detail: { b: [true] } }, { b: true })).toBe(true);
    expect(match({ detail: { b: [true] } }, { b: 'true' })).toBe(false);
    expect(match({ detail: { v: [null] } }, { v: null })).toBe(true);
    expect(match({ detail: { v: [null] } }, {})).toBe(false);
    expect(match({ detail: { v: [''] } }, { v: '' })).toBe(true);
    expect(match({ detail: { v: [''] } }, { v: null })).toBe(false);
  });

  it('matches array-valued fields when any element matches', () => {
    expect(match({ resources: ['arn:aws:s3:::b'] }, {})).toBe(true);
    expect(match({ detail: { tags: ['b', 'z'] } }, { tags: ['a', 'b'] })).toBe(true);
    expect(match({ detail: { tags: ['z'] } }, { tags: ['a', 'b'] })).toBe(false);
    expect(match({ detail: { tags: [null] } }, { tags: [] })).toBe(false);
    // A nested pattern over an array of objects must be met by one element.
    expect(match({ detail: { items: { sku: ['a'], qty: [2] } } }, { items: [{ sku: 'a', qty: 1 }, { sku: 'b', qty: 2 }] })).toBe(false);
    expect(match({ detail: { items: { sku: ['b'], qty: [2] } } }, { items: [{ sku: 'a', qty: 1 }, { sku: 'b', qty: 2 }] })).toBe(true);
  });

  it('joins dotted names both ways', () => {
    expect(match({ detail: { 'state.name': ['on'] } }, { state: { name: 'on' } })).toBe(true);
    expect(match({ detail: { state: { name: ['on'] } } }, { 'state.name': 'on' })).toBe(true);
  });
});

describe('event patterns: operators', () => {
  it('prefix and suffix, also ignoring case', () => {
    expect(match({ source: [{ prefix: 'sh' }] }, {})).toBe(true);
    expect(match({ source: [{ prefix: 'SH' }] }, {})).toBe(false);
    expect(match({ source: [{ prefix: { 'equals-ignore-case': 'SH' } }] }, {})).toBe(true);
    expect(match({ detail: { f: [{ suffix: '.png' }] } }, { f: 'a.png' })).toBe(true);
    expect(match({ detail: { f: [{ suffix: { 'equals-ignore-case': '.PNG' } }] } }, { f: 'a.png' })).toBe(true);
    expect(match({ detail: { f: [{ suffix: '.png' }] } }, { f: 5 })).toBe(false);
  });

  it('equals-ignore-case', () => {
    expect(match({ detail: { t: [{ 'equals-ignore-case': 'GOLD' }] } }, { t: 'gold' })).toBe(true);
    expect(match({ detail: { t: [{ 'equals-ignore-case': 'GOLD' }] } }, { t: 'golden' })).toBe(false);
  });

  it('anything-but values, lists, prefix, suffix, ignore-case and wildcard', () => {
    expect(match({ detail: { s: [{ 'anything-but': 'init' }] } }, { s: 'run' })).toBe(true);
    expect(match({ detail: { s: [{ 'anything-but': 'init' }] } }, { s: 'init' })).toBe(false);
    expect(match({ detail: { s: [{ 'anything-but': 'init' }] } }, { s: null })).toBe(true);
    expect(match({ detail: { s: [{ 'anything-but': 'init' }] } }, {})).toBe(false);
    expect(match({ detail: { s: [{ 'anything-but': ['a', 'b'] }] } }, { s: 'b' })).toBe(false);
    expect(match({ detail: { n: [{ 'anything-but': [1, 2] }] } }, { n: 3 })).toBe(true);
    expect(match({ detail: { n: [{ 'anything-but': 123 }] } }, { n: 123 })).toBe(false);
    expect(match({ detail: { s: [{ 'anything-but': { prefix: 'in' } }] } }, { s: 'init' })).toBe(false);
    expect(match({ detail: { s: [{ 'anything-but': { prefix: 'in' } }] } }, { s: 12 })).toBe(true);
    expect(match({ detail: { s: [{ 'anything-but': { suffix: ['.a', '.b'] } }] } }, { s: 'x.c' })).toBe(true);
    expect(match({ detail: { s: [{ 'anything-but': { 'equals-ignore-case': ['X', 'Y'] } }] } }, { s: 'x' })).toBe(false);
    expect(match({ detail: { s: [{ 'anything-but': { wildcard: '*.txt' } }] } }, { s: 'a.txt' })).toBe(false);
  });

  it('numeric ranges', () => {
    const range = { detail: { n: [{ numeric: ['>', 0, '<=', 5] }] } };
    expect(match(range, { n: 5 })).toBe(true);
    expect(match(range, { n: 0 })).toBe(false);
    expect(match(range, { n: '3' })).toBe(false);
    expect(match({ detail: { n: [{ numeric: ['=', 3.018e2] }] } }, { n: 301.8 })).toBe(true);
    expect(match({ detail: { n: [{ numeric: ['>=', 10] }] } }, { n: 10 })).toBe(true);
    expect(match({ detail: { n: [{ numeric: ['<', 10] }] } }, { n: 10 })).toBe(false);
  });

  it('exists true and false, on leaves only', () => {
    expect(match({ detail: { c: [{ exists: true }] } }, { c: 'x' })).toBe(true);
    expect(match({ detail: { c: [{ exists: true }] } }, { c: null })).toBe(true);
    expect(match({ detail: { c: [{ exists: true }] } }, {})).toBe(false);
    expect(match({ detail: { c: [{ exists: true }] } }, { c: { d: 1 } })).toBe(false);
    expect(match({ detail: { c: [{ exists: false }] } }, {})).toBe(true);
    expect(match({ detail: { c: [{ exists: false }] } }, { c: 1 })).toBe(false);
    expect(match({ detail: { c: { d: [{ exists: false }] } } }, {})).toBe(true);
  });

  it('cidr for IPv4 and IPv6', () => {
    expect(match({ detail: { ip: [{ cidr: '10.0.0.0/24' }] } }, { ip: '10.0.0.255' })).toBe(true);
    expect(match({ detail: { ip: [{ cidr: '10.0.0.0/24' }] } }, { ip: '10.0.1.0' })).toBe(false);
    expect(match({ detail: { ip: [{ cidr: '2001:db8::/32' }] } }, { ip: '2001:db8:1::5' })).toBe(true);
    expect(match({ detail: { ip: [{ cidr: '2001:db8::/32' }] } }, { ip: '2001:db9::' })).toBe(false);
  });

  it('wildcards, with escaped stars', () => {
    expect(match({ detail: { a: [{ wildcard: 'arn:*:bus/*' }] } }, { a: 'arn:x:y:bus/z' })).toBe(true);
    expect(match({ detail: { a: [{ wildcard: 'a*c' }] } }, { a: 'abd' })).toBe(false);
    expect(match({ detail: { a: [{ wildcard: 'a\\*c' }] } }, { a: 'a*c' })).toBe(true);
    expect(match({ detail: { a: [{ wildcard: 'a\\*c' }] } }, { a: 'abc' })).toBe(false);
    expect(match({ detail: { a: [{ wildcard: '*' }] } }, { a: '' })).toBe(true);
  });

  it('$or at any level', () => {
    const p = { source: ['shop'], $or: [{ detail: { a: [1] } }, { detail: { b: [{ numeric: ['>', 5] }] } }] };
    expect(match(p, { b: 9 })).toBe(true);
    expect(match(p, { a: 1 })).toBe(true);
    expect(match(p, { a: 2, b: 1 })).toBe(false);
    expect(match({ detail: { $or: [{ a: ['x'] }, { b: ['y'] }] } }, { b: 'y' })).toBe(true);
  });
});

describe('event patterns: AWS reasons for bad patterns', () => {
  it('rejects what is not an object of arrays and objects', () => {
    expect(reason('["a"]')).toBe('Filter is not an object');
    expect(reason('nope')).toMatch(/^Unrecognized token 'nope': was expecting/);
    expect(reason("{'a': 1}")).toBe("Unexpected character (''' (code 39)): was expecting double-quote to start field name");
    expect(reason({ source: 'shop' })).toBe('"source" must be an object or an array');
    expect(reason({ source: [] })).toBe('Empty arrays are not allowed');
    expect(reason({ source: {} })).toBe('Empty objects are not allowed');
    expect(reason({ source: [['x']] })).toBe('Match value must be String, number, true, false, or null');
    expect(reason({ $or: [{ a: ['x'] }] })).toBe('There must have at least 2 Objects in $or relationship.');
  });

  it('rejects bad operators with their messages', () => {
    expect(reason({ a: [{ EXISTS: true }] })).toBe('Unrecognized match type EXISTS');
    expect(reason({ a: [{ prefix: 1 }] })).toBe('prefix match pattern must be a string');
    expect(reason({ a: [{ suffix: ['x'] }] })).toBe('suffix match pattern must be a string');
    expect(reason({ a: [{ 'equals-ignore-case': 1 }] })).toBe('equals-ignore-case match pattern must be a string');
    expect(reason({ a: [{ wildcard: 1 }] })).toBe('wildcard match pattern must be a string');
    expect(reason({ a: [{ wildcard: 'a**' }] })).toBe('Consecutive wildcard characters at pos 2');
    expect(reason({ a: [{ exists: 'yes' }] })).toBe('exists match pattern must be either true or false.');
    expect(reason({ a: [{ prefix: 'a', suffix: 'b' }] })).toBe('Only one key allowed in match expression');
    expect(reason({ a: [{ numeric: 5 }] })).toBe('Value of numeric must be an array.');
    expect(reason({ a: [{ numeric: ['>', 0, '>', 5] }] })).toBe('Bad numeric range operator: >');
    expect(reason({ a: [{ numeric: ['<', 'x'] }] })).toBe('Value of < must be numeric');
    expect(reason({ a: [{ 'anything-but': null }] })).toBe('Value of anything-but must be an array or single string/number value.');
    expect(reason({ a: [{ 'anything-but': ['x', null] }] })).toBe('Inside anything but list, start|null|boolean is not supported.');
    expect(reason({ a: [{ 'anything-but': ['x', 1] }] })).toBe('Inside anything but list, either all values are number or string, mixed type is not supported');
    expect(reason({ a: [{ 'anything-but': { prefix: '' } }] })).toBe('Null prefix/suffix not allowed');
    expect(reason({ a: [{ 'anything-but': { prefix: 1 } }] })).toBe('prefix/suffix match pattern must be a string');
    expect(reason({ a: [{ 'anything-but': { 'equals-ignore-case': [1] } }] })).toBe('Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.');
    expect(reason({ a: [{ cidr: '10.0.0.1' }] })).toBe("Malformed CIDR, one '/' required");
    expect(reason({ a: [{ cidr: '10.0.0.1/x' }] })).toBe('Malformed CIDR, mask bits must be an integer');
    expect(reason({ a: [{ cidr: 'xx.11.xx/8' }] })).toBe('Nonstandard IP address: xx.11.xx');
  });

  it('says where in the pattern the problem is, as AWS does', () => {
    expect(message('{"resources": []}')).toBe('Empty arrays are not allowed\n at [Source: (String)"{"resources": []}"; line: 1, column: 17]');
    expect(message('{"string": "my-value"}')).toBe('"string" must be an object or an array\n at [Source: (String)"{"string": "my-value"}"; line: 1, column: 13]');
    expect(message('{"detail": {"c-count": [{"numeric": [">", 0, ">", 0]}]}}'))
      .toBe('Bad numeric range operator: >\n at [Source: (String)"{"detail": {"c-count": [{"numeric": [">", 0, ">", 0]}]}}"; line: 1, column: 49]');
    const twice = '\n at [Source: (String)"{"s": [{"anything-but": ["a", null]}]}"; line: 1, column: 35]';
    expect(message('{"s": [{"anything-but": ["a", null]}]}')).toBe(`Inside anything but list, start|null|boolean is not supported.${twice}${twice}`);
    expect(message('{\n  "a":\n    [{"EXISTS": true}]\n}')).toBe('Unrecognized match type EXISTS\n at [Source: (String)"{\n  "a":\n    [{"EXISTS": true}]\n}"; line: 3, column: 21]');
    expect(message("{'a': 1}")).toBe(`Unexpected character (''' (code 39)): was expecting double-quote to start field name\n at [Source: (String)"{'a': 1}"; line: 1, column: 2]`);
    expect(message(`{"a": [${'1,'.repeat(300)}{"x": 1}]}`)).toMatch(/"\[truncated 117 chars\]; line: 1, column: 615\]$/);
    expect(message({ a: [{ cidr: '1.2.3.4' }] })).toBe("Malformed CIDR, one '/' required");
  });

  it('ignores __proto__ as a plain field name', () => {
    const p = compilePattern('{"__proto__": ["x"]}');
    expect(matchesPattern(p, JSON.parse('{"__proto__": "x"}'))).toBe(true);
    expect(matchesPattern(p, {})).toBe(false);
  });
});
