import { describe, expect, it } from 'vitest';
import { matchesFilterPolicy, type MessageAttribute } from './match';
import { FilterPolicyError, parseFilterPolicy, type FilterScope } from './policy';

const s = (v: string): MessageAttribute => ({ DataType: 'String', StringValue: v });
const n = (v: string): MessageAttribute => ({ DataType: 'Number', StringValue: v });
const arr = (v: unknown[]): MessageAttribute => ({ DataType: 'String.Array', StringValue: JSON.stringify(v) });

function attrs(policy: object, a: Record<string, MessageAttribute>): boolean {
  return matchesFilterPolicy(parseFilterPolicy(JSON.stringify(policy), 'MessageAttributes'), 'MessageAttributes', 'hello', a);
}

function body(policy: object, message: unknown): boolean {
  return matchesFilterPolicy(parseFilterPolicy(JSON.stringify(policy), 'MessageBody'), 'MessageBody',
    typeof message === 'string' ? message : JSON.stringify(message), {});
}

function error(policy: unknown, scope: FilterScope = 'MessageAttributes'): string {
  try {
    parseFilterPolicy(typeof policy === 'string' ? policy : JSON.stringify(policy), scope);
  } catch (e) {
    if (e instanceof FilterPolicyError) return e.message;
    throw e;
  }
  return 'valid';
}

describe('attribute scope', () => {
  it('matches exact strings and numbers by type', () => {
    expect(attrs({ color: ['red', 'blue'] }, { color: s('red') })).toBe(true);
    expect(attrs({ color: ['red'] }, { color: s('green') })).toBe(false);
    expect(attrs({ color: ['red'] }, {})).toBe(false);
    expect(attrs({ price: [100] }, { price: n('100.0') })).toBe(true);
    expect(attrs({ price: [100] }, { price: s('100') })).toBe(false);
  });

  it('ANDs keys and ORs values', () => {
    const p = { color: ['red'], size: ['L', 'XL'] };
    expect(attrs(p, { color: s('red'), size: s('XL') })).toBe(true);
    expect(attrs(p, { color: s('red') })).toBe(false);
  });

  it('matches any item of a String.Array', () => {
    expect(attrs({ sport: ['rugby'] }, { sport: arr(['soccer', 'rugby']) })).toBe(true);
    expect(attrs({ sport: ['golf'] }, { sport: arr(['soccer', 'rugby']) })).toBe(false);
    expect(attrs({ n: [{ numeric: ['>', 5] }] }, { n: arr([1, 7]) })).toBe(true);
  });

  it('prefix, suffix, equals-ignore-case', () => {
    expect(attrs({ a: [{ prefix: 'ord' }] }, { a: s('order_placed') })).toBe(true);
    expect(attrs({ a: [{ prefix: 'x' }] }, { a: s('order_placed') })).toBe(false);
    expect(attrs({ a: [{ suffix: '.png' }] }, { a: s('cat.png') })).toBe(true);
    expect(attrs({ a: [{ suffix: '.png' }] }, { a: s('cat.jpg') })).toBe(false);
    expect(attrs({ a: [{ 'equals-ignore-case': 'ReD' }] }, { a: s('rEd') })).toBe(true);
  });

  it('anything-but: value, list, prefix, suffix; absent never matches', () => {
    expect(attrs({ a: [{ 'anything-but': 'red' }] }, { a: s('blue') })).toBe(true);
    expect(attrs({ a: [{ 'anything-but': 'red' }] }, { a: s('red') })).toBe(false);
    expect(attrs({ a: [{ 'anything-but': ['red', 'blue'] }] }, { a: s('blue') })).toBe(false);
    expect(attrs({ a: [{ 'anything-but': [100, 200] }] }, { a: n('150') })).toBe(true);
    expect(attrs({ a: [{ 'anything-but': [100, 200] }] }, { a: n('200') })).toBe(false);
    expect(attrs({ a: [{ 'anything-but': { prefix: 'or' } }] }, { a: s('order') })).toBe(false);
    expect(attrs({ a: [{ 'anything-but': { prefix: 'or' } }] }, { a: s('cancel') })).toBe(true);
    expect(attrs({ a: [{ 'anything-but': { suffix: 'ed' } }] }, { a: s('placed') })).toBe(false);
    expect(attrs({ a: [{ 'anything-but': 'red' }] }, {})).toBe(false);
  });

  it('numeric comparisons and ranges', () => {
    const p = { price: [{ numeric: ['>=', 100, '<', 200] }] };
    expect(attrs(p, { price: n('100') })).toBe(true);
    expect(attrs(p, { price: n('199.99') })).toBe(true);
    expect(attrs(p, { price: n('200') })).toBe(false);
    expect(attrs({ price: [{ numeric: ['=', 3e2] }] }, { price: n('300') })).toBe(true);
    expect(attrs({ price: [{ numeric: ['<', 0] }] }, { price: s('-5') })).toBe(false);
  });

  it('exists', () => {
    expect(attrs({ a: [{ exists: true }] }, { a: s('x') })).toBe(true);
    expect(attrs({ a: [{ exists: true }] }, {})).toBe(false);
    expect(attrs({ a: [{ exists: false }] }, {})).toBe(true);
    expect(attrs({ a: [{ exists: false }] }, { a: s('x') })).toBe(false);
  });

  it('cidr for IPv4 and IPv6', () => {
    expect(attrs({ ip: [{ cidr: '10.0.0.0/24' }] }, { ip: s('10.0.0.255') })).toBe(true);
    expect(attrs({ ip: [{ cidr: '10.0.0.0/24' }] }, { ip: s('10.0.1.1') })).toBe(false);
    expect(attrs({ ip: [{ cidr: '2001:db8::/32' }] }, { ip: s('2001:db8::1') })).toBe(true);
    expect(attrs({ ip: [{ cidr: '10.0.0.0/24' }] }, { ip: s('not-an-ip') })).toBe(false);
  });

  it('$or alternatives', () => {
    const p = { source: ['aws.cloudwatch'], $or: [{ metricName: ['CPUUtilization'] }, { namespace: ['AWS/EC2'] }] };
    expect(attrs(p, { source: s('aws.cloudwatch'), namespace: s('AWS/EC2') })).toBe(true);
    expect(attrs(p, { source: s('aws.cloudwatch'), metricName: s('CPUUtilization') })).toBe(true);
    expect(attrs(p, { source: s('aws.cloudwatch') })).toBe(false);
  });

  it('a key named __proto__ is an ordinary key', () => {
    expect(attrs(JSON.parse('{"__proto__": ["x"]}'), JSON.parse('{"__proto__": {"DataType": "String", "StringValue": "x"}}'))).toBe(true);
    expect(attrs(JSON.parse('{"__proto__": ["x"]}'), {})).toBe(false);
  });
});

describe('body scope', () => {
  it('matches nested keys, arrays and exists', () => {
    const p = { detail: { state: ['running'], tags: { env: [{ prefix: 'prod' }] } } };
    expect(body(p, { detail: { state: 'running', tags: { env: 'production' } } })).toBe(true);
    expect(body(p, { detail: { state: 'stopped', tags: { env: 'production' } } })).toBe(false);
    expect(body({ items: { id: [2] } }, { items: [{ id: 1 }, { id: 2 }] })).toBe(true);
    expect(body({ a: [{ exists: false }] }, { b: 1 })).toBe(true);
    expect(body({ a: [true] }, { a: true })).toBe(true);
    expect(body({ a: [null] }, { a: null })).toBe(true);
  });

  it('a body that is not a JSON object never matches', () => {
    expect(body({ a: ['x'] }, 'plain text')).toBe(false);
    expect(body({ a: ['x'] }, '[1,2]')).toBe(false);
  });
});

describe('validation', () => {
  it('accepts the documented grammar', () => {
    expect(error({ a: ['x', 1, true, null, { prefix: 'p' }, { suffix: 's' }, { 'anything-but': ['a', 'b'] }, { numeric: ['>', 0, '<=', 5] },
      { exists: true }, { 'equals-ignore-case': 'x' }, { cidr: '10.0.0.0/8' }, { 'anything-but': { prefix: 'x' } }] })).toBe('valid');
  });

  it('answers AWS messages for bad policies', () => {
    expect(error('{not json')).toBe('FilterPolicy: failed to parse JSON.');
    expect(error({ a: [] })).toBe('FilterPolicy: Empty arrays are not allowed');
    expect(error({ a: 'x' })).toBe('FilterPolicy: "a" must be an object or an array');
    expect(error({ a: { b: ['x'] } })).toBe('Filter policy scope MessageAttributes does not support nested filter policy');
    expect(error({ a: { b: ['x'] } }, 'MessageBody')).toBe('valid');
    expect(error({ a: [{ prefix: 1 }] })).toBe('FilterPolicy: prefix match pattern must be a string');
    expect(error({ a: [{ foo: 1 }] })).toBe('FilterPolicy: Unrecognized match type foo');
    expect(error({ a: [{ prefix: 'a', suffix: 'b' }] })).toBe('FilterPolicy: Only one key allowed in match expression');
    expect(error({ a: [{ exists: 'yes' }] })).toBe('FilterPolicy: exists match pattern must be either true or false.');
    expect(error({ a: [['x']] })).toBe('FilterPolicy: Match value must be String, number, true, false, or null');
    expect(error({ a: [{ numeric: ['<>', 1] }] })).toBe('FilterPolicy: Unrecognized numeric range operator: <>');
    expect(error({ a: [{ numeric: ['=', 'x'] }] })).toBe('FilterPolicy: Value of equals must be numeric');
    expect(error({ a: [{ numeric: ['<', 1, '>', 0] }] })).toBe('FilterPolicy: Too many elements in numeric expression');
    expect(error({ a: [{ numeric: ['>', 5, '<', 1] }] })).toBe('FilterPolicy: Bottom must be less than top');
    expect(error({ a: [{ numeric: ['>', 0, '=', 1] }] })).toBe('FilterPolicy: Bad numeric range operator: =');
    expect(error({ a: [{ cidr: '10.0.0.0' }] })).toBe("FilterPolicy: Malformed CIDR, one '/' required");
    expect(error({ a: [{ cidr: '10.0.0.0/x' }] })).toBe('FilterPolicy: Malformed CIDR, mask bits must be an integer');
    expect(error({ a: [{ cidr: '300.0.0.0/8' }] })).toBe('FilterPolicy: Nonstandard IP address: 300.0.0.0');
    expect(error({ a: [{ 'anything-but': { foo: 'x' } }] })).toBe('FilterPolicy: Unsupported anything-but pattern: foo');
  });

  it('limits keys to five and combinations to 150', () => {
    expect(error({ a: ['1'], b: ['1'], c: ['1'], d: ['1'], e: ['1'], f: ['1'] })).toBe('FilterPolicy: Filter policy can not have more than 5 keys');
    const ten = Array.from({ length: 13 }, (_, i) => `v${i}`);
    expect(error({ a: ten, b: ten })).toBe('FilterPolicy: Filter policy is too complex');
    expect(error({ a: ten, b: ten.slice(0, 11) })).toBe('valid');
  });
});
