// Event patterns: parsed and checked once (at PutRule / TestEventPattern) into a tree of
// conditions, with the reasons AWS gives for a bad pattern ("Event pattern is not valid. Reason: ...")
// and, as AWS adds, where in the pattern the problem is.
import { parseCidr, type IpRange } from './ip';
import { closeLoc, JsonSyntaxError, memberLoc, parseLocated, readLoc, where, type Loc } from './json';
import { compileWildcard, type Glob } from './wildcard';

export type Condition =
  | { kind: 'exact'; value: string | number | boolean | null }
  | { kind: 'prefix' | 'suffix'; text: string; ignoreCase: boolean }
  | { kind: 'equalsIgnoreCase'; text: string }
  | { kind: 'numeric'; lo: number; loOpen: boolean; hi: number; hiOpen: boolean }
  | { kind: 'exists'; present: boolean }
  | { kind: 'cidr'; range: IpRange }
  | { kind: 'wildcard'; glob: Glob }
  | { kind: 'anythingBut'; test: Condition[] }; // matches a present value that none of test matches

/** One object level of a pattern: fields that must all match, plus $or groups (one branch each). */
export interface PatternNode {
  fields: { name: string; node?: PatternNode; conditions?: Condition[] }[];
  ors: PatternNode[][];
}

export class PatternError extends Error {}

type Json = Record<string, unknown> | unknown[];

/** The pattern being compiled (compilation is synchronous), for the location in messages. */
let source = '';

/**
 * Throws AWS's reason. With a location AWS appends where the parser stood; errors raised inside
 * its list readers are wrapped once more, so the location appears twice (twice = true).
 */
function fail(reason: string, loc?: Loc, twice = false): never {
  const suffix = loc ? where(source, loc) : '';
  throw new PatternError(reason + suffix + (twice ? suffix : ''));
}

const at = (container: Json, key: string | number): Loc | undefined => memberLoc.get(container)?.get(key);
/** Where the parser stands once it has read a string member's text. */
const atRead = (container: Json, key: string | number): Loc | undefined => readLoc.get(container)?.get(key);
const end = (container: Json): Loc | undefined => closeLoc.get(container);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

// Deeper patterns than this are refused, so matching (which recurses by pattern depth) stays bounded.
const MAX_DEPTH = 64;

/** Parses pattern text; throws PatternError with AWS's reason. */
export function compilePattern(text: string): PatternNode {
  source = text;
  let parsed: { value: unknown; loc: Loc };
  try {
    parsed = parseLocated(text);
  } catch (err) {
    if (err instanceof JsonSyntaxError) fail(err.message, err.loc);
    throw err;
  }
  if (!isObject(parsed.value)) fail('Filter is not an object', parsed.loc);
  return compileObject(parsed.value, 0);
}

function compileObject(obj: Record<string, unknown>, depth: number): PatternNode {
  if (depth > MAX_DEPTH) fail('Filter is too deeply nested');
  const node: PatternNode = { fields: [], ors: [] };
  const keys = Object.keys(obj);
  if (!keys.length) fail('Empty objects are not allowed', end(obj));
  for (const name of keys) {
    const v = obj[name];
    if (name === '$or') {
      if (!Array.isArray(v)) fail('It must be an Array followed with $or.', at(obj, name));
      const branches = v.map((b, i) => (isObject(b) ? compileObject(b, depth + 1) : fail('Only JSON object is allowed in array of $or relationship.', at(v, i))));
      if (branches.length < 2) fail('There must have at least 2 Objects in $or relationship.', end(v));
      node.ors.push(branches);
    } else if (isObject(v)) {
      node.fields.push({ name, node: compileObject(v, depth + 1) });
    } else if (Array.isArray(v)) {
      node.fields.push({ name, conditions: compileList(v) });
    } else {
      fail(`"${name}" must be an object or an array`, at(obj, name));
    }
  }
  return node;
}

function compileList(list: unknown[]): Condition[] {
  const out = list.map((item, i): Condition => {
    if (isObject(item)) return compileMatch(item);
    if (Array.isArray(item)) fail('Match value must be String, number, true, false, or null', at(list, i));
    return { kind: 'exact', value: item as string | number | boolean | null };
  });
  if (!out.length) fail('Empty arrays are not allowed', end(list));
  return out;
}

/** The one key of a match expression, with AWS's errors for none or several. */
function onlyKey(obj: Record<string, unknown>, noName = 'Match expression name not found'): string {
  const keys = Object.keys(obj);
  if (!keys.length) fail(noName, end(obj));
  if (keys.length > 1) fail('Only one key allowed in match expression', at(obj, keys[1]));
  return keys[0];
}

function compileMatch(obj: Record<string, unknown>): Condition {
  const type = onlyKey(obj);
  const v = obj[type];
  const here = at(obj, type);
  switch (type) {
    case 'prefix':
    case 'suffix': {
      if (isObject(v)) {
        const inner = onlyKey(v);
        const text = v[inner];
        if (inner !== 'equals-ignore-case' || typeof text !== 'string') fail(`${type} match pattern must be a string`, at(v, inner));
        return { kind: type, text: text.toLowerCase(), ignoreCase: true };
      }
      if (typeof v !== 'string') fail(`${type} match pattern must be a string`, here);
      return { kind: type, text: v, ignoreCase: false };
    }
    case 'equals-ignore-case':
      if (typeof v !== 'string') fail('equals-ignore-case match pattern must be a string', here);
      return { kind: 'equalsIgnoreCase', text: v.toLowerCase() };
    case 'numeric':
      if (!Array.isArray(v)) fail('Value of numeric must be an array.', here);
      return compileNumeric(v);
    case 'exists':
      if (typeof v !== 'boolean') fail('exists match pattern must be either true or false.', here);
      return { kind: 'exists', present: v };
    case 'cidr':
      if (typeof v !== 'string') fail('prefix match pattern must be a string', here);
      return { kind: 'cidr', range: parseCidr(v, (reason) => fail(reason)) };
    case 'wildcard':
      if (typeof v !== 'string') fail('wildcard match pattern must be a string', here);
      return { kind: 'wildcard', glob: compileWildcard(v, (reason) => fail(reason, reason.startsWith('Rule is too complex') ? undefined : atRead(obj, type))) };
    case 'anything-but':
      return { kind: 'anythingBut', test: compileAnythingBut(v, here) };
    default:
      fail(`Unrecognized match type ${type}`, here);
  }
}

const NOT_A_VALUE = 'Value of anything-but must be an array or single string/number value.';

function compileAnythingBut(v: unknown, here: Loc | undefined): Condition[] {
  if (isObject(v)) return compileAnythingButOperator(v);
  if (typeof v === 'string' || typeof v === 'number') return [{ kind: 'exact', value: v }];
  if (!Array.isArray(v)) fail(NOT_A_VALUE, here);
  let numbers = 0;
  let strings = 0;
  v.forEach((x, i) => {
    if (typeof x === 'number') numbers++;
    else if (typeof x === 'string') strings++;
    else fail('Inside anything but list, start|null|boolean is not supported.', at(v, i), true);
  });
  if ((numbers > 0) === (strings > 0)) fail('Inside anything but list, either all values are number or string, mixed type is not supported', end(v));
  return v.map((x) => ({ kind: 'exact', value: x as string | number }));
}

function compileAnythingButOperator(obj: Record<string, unknown>): Condition[] {
  const op = onlyKey(obj, 'Anything-But expression name not found');
  const arg = obj[op];
  const here = at(obj, op);
  if (op === 'equals-ignore-case') {
    const unsupported = 'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.';
    if (typeof arg === 'number') fail(unsupported, here);
    if (typeof arg === 'string') return [{ kind: 'equalsIgnoreCase', text: arg.toLowerCase() }];
    if (!Array.isArray(arg)) fail(NOT_A_VALUE, here);
    return arg.map((s, i) => (typeof s === 'string' ? { kind: 'equalsIgnoreCase' as const, text: s.toLowerCase() } : fail(unsupported, at(arg, i), true)));
  }
  if (op !== 'prefix' && op !== 'suffix' && op !== 'wildcard') fail(`Unsupported anything-but pattern: ${op}`, here);
  if (isObject(arg)) fail(NOT_A_VALUE, here);
  const message = op === 'wildcard' ? 'wildcard match pattern must be a string' : 'prefix/suffix match pattern must be a string';
  const one = (s: unknown, loc: Loc | undefined, read: Loc | undefined, twice: boolean): Condition => {
    if (typeof s !== 'string') fail(message, loc, twice);
    if (op === 'wildcard') return { kind: 'wildcard', glob: compileWildcard(s, (reason) => fail(reason, read, twice)) };
    if (!s) fail('Null prefix/suffix not allowed', read, twice);
    return { kind: op, text: s, ignoreCase: false };
  };
  if (!Array.isArray(arg)) return [one(arg, here, atRead(obj, op), false)];
  if (!arg.length) fail('Empty arrays are not allowed', end(arg));
  return arg.map((s, i) => one(s, at(arg, i), atRead(arg, i), true));
}

const NUMERIC_OPS = new Set(['=', '<', '<=', '>', '>=']);

/** Where AWS's parser stands after reading term i of a numeric list (its end when there is none). */
function termLoc(terms: unknown[], i: number, read = false): Loc | undefined {
  return i < terms.length ? (read ? atRead : at)(terms, i) : end(terms);
}

function compileNumeric(terms: unknown[]): Condition {
  const [op, a, op2, b] = terms;
  const name = (o: string) => (o === '=' ? 'equals' : o);
  if (typeof op !== 'string') fail(`Invalid member in numeric match: ${op === undefined ? ']' : JSON.stringify(op)}`, termLoc(terms, 0, true));
  if (!NUMERIC_OPS.has(op)) fail(`Unrecognized numeric range operator: ${op}`, termLoc(terms, 1));
  if (typeof a !== 'number') fail(`Value of ${name(op)} must be numeric`, termLoc(terms, 1));
  if (op === '=' || op === '<' || op === '<=') {
    if (terms.length > 2) fail('Too many elements in numeric expression', termLoc(terms, 2));
    if (op === '=') return { kind: 'numeric', lo: a, loOpen: false, hi: a, hiOpen: false };
    return { kind: 'numeric', lo: -Infinity, loOpen: true, hi: a, hiOpen: op === '<' };
  }
  if (terms.length === 2) return { kind: 'numeric', lo: a, loOpen: op === '>', hi: Infinity, hiOpen: true };
  if (typeof op2 !== 'string') fail(`Bad value in numeric range: ${JSON.stringify(op2)}`, termLoc(terms, 2, true));
  if (op2 !== '<' && op2 !== '<=') fail(`Bad numeric range operator: ${op2}`, termLoc(terms, 2, true));
  if (typeof b !== 'number') fail(`Value of ${op2} must be numeric`, termLoc(terms, 3));
  if (terms.length > 4) fail('Too many terms in numeric range expression', termLoc(terms, 4));
  if (!(a < b)) fail('Bottom must be less than top', end(terms));
  return { kind: 'numeric', lo: a, loOpen: op === '>', hi: b, hiOpen: op2 === '<' };
}
