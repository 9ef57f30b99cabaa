// Turns a checked WHERE condition into a test on one item. A comparison holds when ANY value the
// path reaches satisfies it (AWS: "matches are computed against all the array elements"); `!=`,
// NOT IN and NOT LIKE are the negation of their positive form, so an item without the property matches them.
import type { Comparison, Condition, Literal, PropertyRef } from './ast';
import { compareNormalized, normalize, valueKind, type ValueKind } from './compare';
import { intersects, parseIpRange, type IpRange } from './ip';
import { propertyType } from './properties';
import { valuesAt, type Item } from './values';

export type ItemTest = (item: Item) => boolean;

export function compileCondition(condition: Condition): ItemTest {
  switch (condition.kind) {
    case 'and': {
      const left = compileCondition(condition.left);
      const right = compileCondition(condition.right);
      return (item) => left(item) && right(item);
    }
    case 'or': {
      const left = compileCondition(condition.left);
      const right = compileCondition(condition.right);
      return (item) => left(item) || right(item);
    }
    case 'not': {
      const operand = compileCondition(condition.operand);
      return (item) => !operand(item);
    }
    case 'compare':
      if (condition.op === '!=') {
        const equal = compileCondition({ ...condition, op: '=' });
        return (item) => !equal(item);
      }
      return anyValue(condition.property, (kind) => comparisonTest(kind, condition.op, condition.value));
    case 'between':
      return anyValue(condition.property, (kind) => betweenTest(kind, condition.low, condition.high));
    case 'in':
      return anyValue(condition.property, (kind) => {
        const tests = condition.values.map((v) => comparisonTest(kind, '=', v));
        return (value) => tests.some((test) => test(value));
      });
    case 'like': {
      const pattern = likePattern(condition.pattern);
      return anyValue(condition.property, () => (value) => pattern.test(String(value)));
    }
  }
}

type ValueTest = (value: unknown) => boolean;

/** The test depends on the property's type, which can differ by resource type: build it once per type. */
function anyValue(property: PropertyRef, build: (kind: ValueKind) => ValueTest): ItemTest {
  const byResourceType = new Map<unknown, ValueTest>();
  return (item) => {
    const values = valuesAt(item, property.path);
    if (values.length === 0) return false;
    let test = byResourceType.get(item.resourceType);
    if (!test) {
      const type = propertyType(property.path, typeof item.resourceType === 'string' ? item.resourceType : undefined);
      test = build(valueKind(property.path, type));
      byResourceType.set(item.resourceType, test);
    }
    return values.some(test);
  };
}

function comparisonTest(kind: ValueKind, op: Comparison, literal: Literal): ValueTest {
  if (kind === 'ip') {
    const range = parseIpRange(String(literal));
    if (!range) return () => false;
    return (value) => {
      const own = parseIpRange(String(value));
      return own !== undefined && ipCompare(own, op, range);
    };
  }
  const target = normalize(literal, kind);
  if (target === undefined) return () => false;
  return (value) => {
    const own = normalize(value, kind);
    const order = own === undefined ? undefined : compareNormalized(own, target);
    if (order === undefined) return false;
    switch (op) {
      case '=': return order === 0;
      case '!=': return order !== 0;
      case '<': return order < 0;
      case '<=': return order <= 0;
      case '>': return order > 0;
      case '>=': return order >= 0;
    }
  };
}

/** A range query on a range-valued property: does any address of the property satisfy it? */
function ipCompare(own: IpRange, op: Comparison, literal: IpRange): boolean {
  if (own.v6 !== literal.v6) return false;
  switch (op) {
    case '=': return intersects(own, literal);
    case '!=': return !intersects(own, literal);
    case '<': return own.low < literal.low;
    case '<=': return own.low <= literal.high;
    case '>': return own.high > literal.high;
    case '>=': return own.high >= literal.low;
  }
}

function betweenTest(kind: ValueKind, low: Literal, high: Literal): ValueTest {
  if (kind === 'ip') {
    const from = parseIpRange(String(low));
    const to = parseIpRange(String(high));
    if (!from || !to || from.v6 !== to.v6) return () => false;
    const span: IpRange = { v6: from.v6, low: from.low, high: to.high };
    return (value) => {
      const own = parseIpRange(String(value));
      return own !== undefined && intersects(own, span);
    };
  }
  const atLeast = comparisonTest(kind, '>=', low);
  const atMost = comparisonTest(kind, '<=', high);
  return (value) => atLeast(value) && atMost(value);
}

/** `%` is any run of characters and `_` exactly one; the checker has already applied AWS's wildcard rules. */
export function likePattern(pattern: string): RegExp {
  let source = '';
  for (const ch of pattern) {
    if (ch === '%') source += '[\\s\\S]*';
    else if (ch === '_') source += '[\\s\\S]';
    else source += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'u');
}
