// The Condition element: operators, ...IfExists, ForAnyValue:/ForAllValues: and missing keys, as
// AWS documents them. Within a block, keys AND together; within a key, policy values OR together.
import type { RequestContextValues } from './context';
import { inCidr } from './ip';
import { matchesWildcard, matchesWithVariables, substituteVariables } from './wildcard';

type Compare = (requestValue: string, policyValue: string, context: RequestContextValues, missing: Set<string>) => boolean;

const resolved = (p: string, context: RequestContextValues, missing: Set<string>) => substituteVariables(p, context, missing)?.pattern;

function number(text: string): number {
  return text.trim() === '' ? NaN : Number(text);
}

/** ISO 8601 dates, or epoch seconds. */
function date(text: string): number {
  return /^\d+$/.test(text) ? Number(text) * 1000 : Date.parse(text);
}

function numeric(test: (a: number, b: number) => boolean, parse: (t: string) => number): Compare {
  return (v, p) => {
    const a = parse(v);
    const b = parse(p);
    return !Number.isNaN(a) && !Number.isNaN(b) && test(a, b);
  };
}

/** ARNs compare by their six colon-separated parts, each with wildcards, case-sensitively. */
function arnMatches(pattern: string, value: string): boolean {
  const split = (arn: string) => {
    const parts = arn.split(':');
    return parts.length < 6 ? parts : [...parts.slice(0, 5), parts.slice(5).join(':')];
  };
  const p = split(pattern);
  const v = split(value);
  // A pattern that is not a whole ARN ("*", "arn:aws:sns:*") is matched as one string.
  if (p.length < 6) return matchesWildcard(pattern, value);
  return p.length === v.length && p.every((seg, i) => matchesWildcard(seg, v[i]));
}

const stringEquals: Compare = (v, p, c, m) => v === resolved(p, c, m);
const stringEqualsIgnoreCase: Compare = (v, p, c, m) => v.toLowerCase() === resolved(p, c, m)?.toLowerCase();
const stringLike: Compare = (v, p, c, m) => matchesWithVariables(p, v, c, m);
const arnLike: Compare = (v, p, c, m) => {
  const pattern = resolved(p, c, m);
  return pattern !== undefined && arnMatches(pattern, v);
};

/** Each operator as its positive comparison; the Not... forms negate it. */
const OPERATORS: Record<string, { compare: Compare; negated: boolean }> = {
  StringEquals: { compare: stringEquals, negated: false },
  StringNotEquals: { compare: stringEquals, negated: true },
  StringEqualsIgnoreCase: { compare: stringEqualsIgnoreCase, negated: false },
  StringNotEqualsIgnoreCase: { compare: stringEqualsIgnoreCase, negated: true },
  StringLike: { compare: stringLike, negated: false },
  StringNotLike: { compare: stringLike, negated: true },
  NumericEquals: { compare: numeric((a, b) => a === b, number), negated: false },
  NumericNotEquals: { compare: numeric((a, b) => a === b, number), negated: true },
  NumericLessThan: { compare: numeric((a, b) => a < b, number), negated: false },
  NumericLessThanEquals: { compare: numeric((a, b) => a <= b, number), negated: false },
  NumericGreaterThan: { compare: numeric((a, b) => a > b, number), negated: false },
  NumericGreaterThanEquals: { compare: numeric((a, b) => a >= b, number), negated: false },
  DateEquals: { compare: numeric((a, b) => a === b, date), negated: false },
  DateNotEquals: { compare: numeric((a, b) => a === b, date), negated: true },
  DateLessThan: { compare: numeric((a, b) => a < b, date), negated: false },
  DateLessThanEquals: { compare: numeric((a, b) => a <= b, date), negated: false },
  DateGreaterThan: { compare: numeric((a, b) => a > b, date), negated: false },
  DateGreaterThanEquals: { compare: numeric((a, b) => a >= b, date), negated: false },
  Bool: { compare: (v, p) => v.toLowerCase() === p.toLowerCase(), negated: false },
  BinaryEquals: { compare: (v, p) => v === p, negated: false },
  IpAddress: { compare: (v, p) => inCidr(v, p), negated: false },
  NotIpAddress: { compare: (v, p) => inCidr(v, p), negated: true },
  ArnEquals: { compare: arnLike, negated: false },
  ArnLike: { compare: arnLike, negated: false },
  ArnNotEquals: { compare: arnLike, negated: true },
  ArnNotLike: { compare: arnLike, negated: true },
};

interface ParsedOperator { base: string; setOperator?: 'ForAnyValue' | 'ForAllValues'; ifExists: boolean }

function parseOperator(name: string): ParsedOperator {
  let base = name;
  let setOperator: ParsedOperator['setOperator'];
  for (const prefix of ['ForAnyValue', 'ForAllValues'] as const) {
    if (base.startsWith(`${prefix}:`)) {
      setOperator = prefix;
      base = base.slice(prefix.length + 1);
    }
  }
  const ifExists = base.endsWith('IfExists') && base !== 'IfExists';
  if (ifExists) base = base.slice(0, -'IfExists'.length);
  return { base, setOperator, ifExists };
}

function policyValues(raw: unknown): string[] {
  return (Array.isArray(raw) ? raw : [raw]).map((v) => String(v));
}

function evaluateKey(op: ParsedOperator, key: string, raw: unknown, context: RequestContextValues, missing: Set<string>): boolean {
  const entry = context.get(key.toLowerCase());
  const values = policyValues(raw);
  if (op.base === 'Null') {
    // Null: "true" asks that the key be absent, "false" that it be present.
    return values.some((p) => (p.toLowerCase() === 'true') === !entry);
  }
  const operator = OPERATORS[op.base];
  if (!operator) return false; // an operator IAM does not know never matches
  if (!entry) {
    missing.add(key);
    if (op.ifExists || op.setOperator === 'ForAllValues') return true;
    if (op.setOperator === 'ForAnyValue') return false;
    return operator.negated; // a negated operator with no value to compare "can return true" (AWS docs)
  }
  const positive = (v: string) => values.some((p) => operator.compare(v, p, context, missing));
  if (op.setOperator === 'ForAllValues') return entry.values.every((v) => positive(v) !== operator.negated);
  if (op.setOperator === 'ForAnyValue') return entry.values.some((v) => positive(v) !== operator.negated);
  const any = entry.values.some(positive);
  return operator.negated ? !any : any;
}

/** True when every operator block's every key is satisfied; missing collects absent keys. */
export function conditionsHold(condition: Record<string, Record<string, unknown>> | undefined, context: RequestContextValues, missing: Set<string>): boolean {
  if (!condition) return true;
  let holds = true;
  // Every block is evaluated (not short-circuited) so MissingContextValues names all absent keys.
  for (const [operatorName, block] of Object.entries(condition)) {
    const op = parseOperator(operatorName);
    for (const [key, raw] of Object.entries(block)) {
      if (!evaluateKey(op, key, raw, context, missing)) holds = false;
    }
  }
  return holds;
}

export const KNOWN_CONDITION_OPERATORS = [...Object.keys(OPERATORS), 'Null'];
