// Event patterns: parsed and checked once (at PutRule / TestEventPattern) into a tree of
// conditions, with the reasons AWS gives for a bad pattern ("Event pattern is not valid. Reason: ...").
import { parseCidr, type IpRange } from './ip';
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

function fail(reason: string): never {
  throw new PatternError(reason);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses pattern text; throws PatternError with AWS's reason. */
export function compilePattern(text: string): PatternNode {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    fail(jsonReason(text));
  }
  if (!isObject(value)) fail('Filter is not an object');
  return compileObject(value);
}

/** Close to what AWS's JSON parser says for the common mistakes. */
function jsonReason(text: string): string {
  const t = text.trimStart();
  const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(t);
  if (word) return `Unrecognized token '${word[0]}': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')`;
  const bare = /[:,[]\s*([A-Za-z_][A-Za-z0-9_]*)/.exec(t);
  if (bare && !['true', 'false', 'null'].includes(bare[1])) {
    return `Unrecognized token '${bare[1]}': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')`;
  }
  const single = /^\{\s*'/.test(t);
  if (single) return "Unexpected character (''' (code 39)): was expecting double-quote to start field name";
  if (!t) return 'No content to map due to end-of-input';
  return 'Filter is not valid JSON';
}

// Deeper patterns than this are refused, so matching (which recurses by pattern depth) stays bounded.
const MAX_DEPTH = 64;

function compileObject(obj: Record<string, unknown>, depth = 0): PatternNode {
  if (depth > MAX_DEPTH) fail('Filter is too deeply nested');
  const node: PatternNode = { fields: [], ors: [] };
  const keys = Object.keys(obj);
  if (!keys.length) fail('Empty objects are not allowed');
  for (const name of keys) {
    const v = obj[name];
    if (name === '$or') {
      if (!Array.isArray(v)) fail('It must be an Array followed with $or.');
      const branches = v.map((b) => (isObject(b) ? compileObject(b, depth + 1) : fail('Only JSON object is allowed in array of $or relationship.')));
      if (branches.length < 2) fail('There must have at least 2 Objects in $or relationship.');
      node.ors.push(branches);
    } else if (isObject(v)) {
      node.fields.push({ name, node: compileObject(v, depth + 1) });
    } else if (Array.isArray(v)) {
      node.fields.push({ name, conditions: compileList(v) });
    } else {
      fail(`"${name}" must be an object or an array`);
    }
  }
  return node;
}

function compileList(list: unknown[]): Condition[] {
  const out: Condition[] = [];
  for (const item of list) {
    if (isObject(item)) out.push(compileMatch(item));
    else if (Array.isArray(item)) fail('Match value must be String, number, true, false, or null');
    else out.push({ kind: 'exact', value: item as string | number | boolean | null });
  }
  if (!out.length) fail('Empty arrays are not allowed');
  return out;
}

function onlyKey(obj: Record<string, unknown>): [string, unknown] {
  const keys = Object.keys(obj);
  if (!keys.length) fail('Match expression name not found');
  if (keys.length > 1) fail('Only one key allowed in match expression');
  return [keys[0], obj[keys[0]]];
}

function compileMatch(obj: Record<string, unknown>): Condition {
  const [type, v] = onlyKey(obj);
  switch (type) {
    case 'prefix':
    case 'suffix': {
      if (isObject(v)) {
        const [inner, text] = onlyKey(v);
        if (inner !== 'equals-ignore-case' || typeof text !== 'string') fail(`${type} match pattern must be a string`);
        return { kind: type, text: text.toLowerCase(), ignoreCase: true };
      }
      if (typeof v !== 'string') fail(`${type} match pattern must be a string`);
      return { kind: type, text: v, ignoreCase: false };
    }
    case 'equals-ignore-case':
      if (typeof v !== 'string') fail('equals-ignore-case match pattern must be a string');
      return { kind: 'equalsIgnoreCase', text: v.toLowerCase() };
    case 'numeric':
      if (!Array.isArray(v)) fail('Value of numeric must be an array.');
      return compileNumeric(v);
    case 'exists':
      if (typeof v !== 'boolean') fail('exists match pattern must be either true or false.');
      return { kind: 'exists', present: v };
    case 'cidr':
      if (typeof v !== 'string') fail('prefix match pattern must be a string');
      return { kind: 'cidr', range: parseCidr(v, fail) };
    case 'wildcard':
      if (typeof v !== 'string') fail('wildcard match pattern must be a string');
      return { kind: 'wildcard', glob: compileWildcard(v, fail) };
    case 'anything-but':
      return { kind: 'anythingBut', test: compileAnythingBut(v) };
    default:
      fail(`Unrecognized match type ${type}`);
  }
}

function compileAnythingBut(v: unknown): Condition[] {
  if (isObject(v)) {
    const [op, arg] = onlyKey(v);
    if (op === 'equals-ignore-case') {
      const list = Array.isArray(arg) ? arg : typeof arg === 'string' ? [arg] : fail('Value of anything-but must be an array or single string/number value.');
      return list.map((s) => (typeof s === 'string' ? { kind: 'equalsIgnoreCase' as const, text: s.toLowerCase() }
        : fail('Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.')));
    }
    if (op === 'prefix' || op === 'suffix' || op === 'wildcard') {
      if (isObject(arg)) fail('Value of anything-but must be an array or single string/number value.');
      const message = op === 'wildcard' ? 'wildcard match pattern must be a string' : 'prefix/suffix match pattern must be a string';
      const list = Array.isArray(arg) ? arg : [arg];
      if (!list.length) fail('Empty arrays are not allowed');
      return list.map((s): Condition => {
        if (typeof s !== 'string') fail(message);
        if (op === 'wildcard') return { kind: 'wildcard', glob: compileWildcard(s, fail) };
        if (!s) fail('Null prefix/suffix not allowed');
        return { kind: op, text: s, ignoreCase: false };
      });
    }
    fail(`Unsupported anything-but pattern: ${op}`);
  }
  if (typeof v === 'string' || typeof v === 'number') return [{ kind: 'exact', value: v }];
  if (!Array.isArray(v)) fail('Value of anything-but must be an array or single string/number value.');
  let numbers = 0;
  let strings = 0;
  for (const x of v) {
    if (typeof x === 'number') numbers++;
    else if (typeof x === 'string') strings++;
    else fail('Inside anything but list, start|null|boolean is not supported.');
  }
  if ((numbers > 0) === (strings > 0)) fail('Inside anything but list, either all values are number or string, mixed type is not supported');
  return v.map((x) => ({ kind: 'exact', value: x as string | number }));
}

const NUMERIC_OPS = new Set(['=', '<', '<=', '>', '>=']);

function compileNumeric(terms: unknown[]): Condition {
  const num = (op: string, x: unknown): number => (typeof x === 'number' ? x : fail(`Value of ${op === '=' ? 'equals' : op} must be numeric`));
  const [op, a, op2, b, ...rest] = terms;
  if (typeof op !== 'string') fail(`Invalid member in numeric match: ${JSON.stringify(op)}`);
  if (!NUMERIC_OPS.has(op)) fail(`Unrecognized numeric range operator: ${op}`);
  const x = num(op, a);
  if (op === '=' || op === '<' || op === '<=') {
    if (terms.length > 2) fail('Too many elements in numeric expression');
    if (op === '=') return { kind: 'numeric', lo: x, loOpen: false, hi: x, hiOpen: false };
    return { kind: 'numeric', lo: -Infinity, loOpen: true, hi: x, hiOpen: op === '<' };
  }
  if (terms.length === 2) return { kind: 'numeric', lo: x, loOpen: op === '>', hi: Infinity, hiOpen: true };
  if (typeof op2 !== 'string') fail(`Bad value in numeric range: ${JSON.stringify(op2)}`);
  if (op2 !== '<' && op2 !== '<=') fail(`Bad numeric range operator: ${op2}`);
  const y = num(op2, b);
  if (rest.length) fail('Too many terms in numeric range expression');
  if (!(x < y)) fail('Bottom must be less than top');
  return { kind: 'numeric', lo: x, loOpen: op === '>', hi: y, hiOpen: op2 === '<' };
}
