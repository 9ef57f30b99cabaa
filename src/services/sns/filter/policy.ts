// A filter policy, parsed and checked as SNS checks it on Subscribe and SetSubscriptionAttributes:
// the grammar (exact values, prefix, suffix, anything-but, numeric, exists, equals-ignore-case,
// cidr, $or, nesting for MessageBody), five keys at most and 150 combinations at most.
import { BlockList, isIP } from 'node:net';

export type FilterScope = 'MessageAttributes' | 'MessageBody';

export const MAX_KEYS = 5;
export const MAX_COMBINATIONS = 150;
export const MAX_POLICY_BYTES = 256 * 1024;

/** One alternative of a policy: every path must match one of its conditions. */
export type Branch = [path: string, conditions: unknown[]][];

export class FilterPolicyError extends Error {}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parses the JSON text; throws FilterPolicyError with AWS's message (without the parameter prefix). */
export function parseFilterPolicy(text: string, scope: FilterScope): Record<string, unknown> {
  if (Buffer.byteLength(text, 'utf8') > MAX_POLICY_BYTES) throw new FilterPolicyError('FilterPolicy: Filter policy is too big');
  let policy: unknown;
  try {
    policy = JSON.parse(text);
  } catch {
    throw new FilterPolicyError('FilterPolicy: failed to parse JSON.');
  }
  if (!isObject(policy)) throw new FilterPolicyError('FilterPolicy: Filter policy must be a JSON object');
  validateFilterPolicy(policy, scope);
  return policy;
}

export function validateFilterPolicy(policy: Record<string, unknown>, scope: FilterScope): void {
  if (Object.keys(policy).filter((k) => k !== '$or').length > MAX_KEYS) throw new FilterPolicyError('FilterPolicy: Filter policy can not have more than 5 keys');
  const rules: unknown[][] = [];
  const combinations = count(policy, 1, 1, scope, rules);
  if (combinations > MAX_COMBINATIONS) throw new FilterPolicyError('FilterPolicy: Filter policy is too complex');
  for (const list of rules) for (const rule of list) validateRule(rule);
}

/** Collects the rule arrays and counts combinations as AWS documents: values times nesting depth. */
function count(node: Record<string, unknown>, depth: number, combinations: number, scope: FilterScope, rules: unknown[][]): number {
  for (const key of Object.keys(node)) {
    const value = node[key];
    if (isObject(value)) {
      if (scope === 'MessageAttributes') throw new FilterPolicyError('Filter policy scope MessageAttributes does not support nested filter policy');
      combinations = count(value, depth + 1, combinations, scope, rules);
    } else if (Array.isArray(value)) {
      if (!value.length) throw new FilterPolicyError('FilterPolicy: Empty arrays are not allowed');
      if (key === '$or') {
        if (value.length < 2 || !value.every(isObject)) throw new FilterPolicyError('FilterPolicy: Value of $or must be an array of more than one JSON objects');
        let sum = 0;
        for (const alternative of value) sum += count(alternative as Record<string, unknown>, depth, combinations, scope, rules);
        combinations = sum;
      } else {
        rules.push(value);
        combinations *= value.length * depth;
      }
    } else {
      throw new FilterPolicyError(`FilterPolicy: "${key}" must be an object or an array`);
    }
  }
  return combinations;
}

function validateRule(rule: unknown): void {
  if (rule === null || typeof rule === 'string' || typeof rule === 'boolean') return;
  if (typeof rule === 'number') {
    if (!Number.isFinite(rule)) throw new FilterPolicyError('FilterPolicy: Match value must be String, number, true, false, or null');
    return;
  }
  if (!isObject(rule)) throw new FilterPolicyError('FilterPolicy: Match value must be String, number, true, false, or null');
  const keys = Object.keys(rule);
  if (keys.length !== 1) throw new FilterPolicyError('FilterPolicy: Only one key allowed in match expression');
  const operator = keys[0];
  const value = rule[operator];
  switch (operator) {
    case 'prefix':
    case 'suffix':
    case 'equals-ignore-case':
      if (typeof value !== 'string') throw new FilterPolicyError(`FilterPolicy: ${operator} match pattern must be a string`);
      return;
    case 'exists':
      if (typeof value !== 'boolean') throw new FilterPolicyError('FilterPolicy: exists match pattern must be either true or false.');
      return;
    case 'anything-but':
      return validateAnythingBut(value);
    case 'numeric':
      return validateNumeric(value);
    case 'cidr':
      return validateCidr(value);
    default:
      throw new FilterPolicyError(`FilterPolicy: Unrecognized match type ${operator}`);
  }
}

function validateAnythingBut(value: unknown): void {
  if (Array.isArray(value)) {
    if (!value.length) throw new FilterPolicyError('FilterPolicy: Empty arrays are not allowed');
    for (const v of value) {
      if (typeof v !== 'string' && typeof v !== 'number') throw new FilterPolicyError('FilterPolicy: Inside anything but list, start|null|boolean is not supported.');
    }
    return;
  }
  if (isObject(value)) {
    const keys = Object.keys(value);
    if (keys.length !== 1) throw new FilterPolicyError('FilterPolicy: Only one key allowed in match expression');
    const inner = keys[0];
    if (inner !== 'prefix' && inner !== 'suffix' && inner !== 'equals-ignore-case') throw new FilterPolicyError(`FilterPolicy: Unsupported anything-but pattern: ${inner}`);
    const v = value[inner];
    const list = Array.isArray(v) ? v : [v];
    if (!list.length || list.some((x) => typeof x !== 'string')) throw new FilterPolicyError(`FilterPolicy: ${inner} match pattern must be a string`);
    return;
  }
  if (typeof value === 'string' || typeof value === 'number') return;
  throw new FilterPolicyError('FilterPolicy: Value of anything-but must be an array or single string/number value.');
}

const LOWER = new Set(['>', '>=']);
const UPPER = new Set(['<', '<=']);

function validateNumeric(value: unknown): void {
  if (!Array.isArray(value) || !value.length) throw new FilterPolicyError('FilterPolicy: Value of numeric must be an array.');
  const [op, operand, op2, operand2, ...rest] = value;
  if (typeof op !== 'string') throw new FilterPolicyError(`FilterPolicy: Invalid member in numeric match: ${JSON.stringify(op)}`);
  if (op !== '=' && !LOWER.has(op) && !UPPER.has(op)) throw new FilterPolicyError(`FilterPolicy: Unrecognized numeric range operator: ${op}`);
  if (typeof operand !== 'number') throw new FilterPolicyError(`FilterPolicy: Value of ${op === '=' ? 'equals' : op} must be numeric`);
  if (value.length === 2) return;
  if (!LOWER.has(op)) throw new FilterPolicyError('FilterPolicy: Too many elements in numeric expression');
  if (typeof op2 !== 'string') throw new FilterPolicyError(`FilterPolicy: Bad value in numeric range: ${JSON.stringify(op2)}`);
  if (!UPPER.has(op2)) throw new FilterPolicyError(`FilterPolicy: Bad numeric range operator: ${op2}`);
  if (typeof operand2 !== 'number') throw new FilterPolicyError(`FilterPolicy: Value of ${op2} must be numeric`);
  if (operand2 <= operand) throw new FilterPolicyError('FilterPolicy: Bottom must be less than top');
  if (rest.length) throw new FilterPolicyError('FilterPolicy: Too many terms in numeric range expression');
}

function validateCidr(value: unknown): void {
  if (typeof value !== 'string') throw new FilterPolicyError('FilterPolicy: prefix match pattern must be a string');
  const parts = value.split('/');
  if (parts.length !== 2) throw new FilterPolicyError("FilterPolicy: Malformed CIDR, one '/' required");
  if (!/^\d+$/.test(parts[1])) throw new FilterPolicyError('FilterPolicy: Malformed CIDR, mask bits must be an integer');
  const family = isIP(parts[0]);
  const bits = Number(parts[1]);
  if (!family || bits > (family === 4 ? 32 : 128)) throw new FilterPolicyError(`FilterPolicy: Nonstandard IP address: ${parts[0]}`);
}

/** Expands $or and nesting into alternatives of (dotted path, conditions). */
export function branchesOf(policy: Record<string, unknown>): Branch[] {
  return expand(policy, '', [[]]);
}

function expand(node: Record<string, unknown>, parent: string, branches: Branch[]): Branch[] {
  for (const key of Object.keys(node)) {
    const value = node[key];
    if (key === '$or' && Array.isArray(value)) {
      branches = value.flatMap((alt) => (isObject(alt) ? expand(alt, parent, branches) : []));
      continue;
    }
    const path = parent ? `${parent}.${key}` : key;
    if (isObject(value)) branches = expand(value, path, branches);
    else branches = branches.map((b) => [...b, [path, Array.isArray(value) ? value : [value]]]);
  }
  return branches;
}

/** Whether an address lies in a CIDR block (IPv4 or IPv6); false for anything that is not an address. */
export function inCidr(address: string, cidr: string): boolean {
  const [net, bits] = cidr.split('/');
  const family = isIP(net);
  const addressFamily = isIP(address);
  if (!family || family !== addressFamily) return false;
  const list = new BlockList();
  list.addSubnet(net, Number(bits), family === 4 ? 'ipv4' : 'ipv6');
  return list.check(address, family === 4 ? 'ipv4' : 'ipv6');
}
