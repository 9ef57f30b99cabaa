// Whether a message passes a subscription's filter policy. Pure: the policy is already validated.
import { branchesOf, inCidr, type FilterScope } from './policy';

export interface MessageAttribute { DataType: string; StringValue?: string; BinaryValue?: unknown }

type Scalar = string | number | boolean | null;

/** Values present at a path; undefined when the path is absent. */
type Lookup = (path: string) => Scalar[] | undefined;

export function matchesFilterPolicy(policy: Record<string, unknown>, scope: FilterScope,
  message: string, attributes: Record<string, MessageAttribute>): boolean {
  let lookup: Lookup;
  if (scope === 'MessageBody') {
    let body: unknown;
    try {
      body = JSON.parse(message);
    } catch {
      return false; // body filtering assumes a JSON object
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
    const flat = flattenPayload(body);
    lookup = (path) => flat.get(path);
  } else {
    lookup = (path) => (Object.hasOwn(attributes, path) ? attributeValues(attributes[path]) : undefined);
  }
  return branchesOf(policy).some((branch) => branch.every(([path, conditions]) => {
    const values = lookup(path);
    return conditions.some((c) => matchesCondition(c, values));
  }));
}

/** An attribute as the values a policy compares: String → text, Number → number, String.Array → its items. */
export function attributeValues(attr: MessageAttribute): Scalar[] {
  const type = attr.DataType.split('.')[0];
  const text = attr.StringValue ?? '';
  if (attr.DataType === 'String.Array') {
    try {
      const items = JSON.parse(text);
      return Array.isArray(items) ? items.filter((x) => x === null || typeof x !== 'object') : [];
    } catch {
      return [];
    }
  }
  if (type === 'Number') {
    const n = Number(text);
    return Number.isFinite(n) ? [n] : [];
  }
  if (type === 'String') return [text];
  return []; // Binary: present, but nothing compares to it
}

/** {a: {b: [1, {c: 2}]}} → a.b → [1], a.b.c → [2]. Arrays spread their items. */
export function flattenPayload(body: object): Map<string, Scalar[]> {
  const out = new Map<string, Scalar[]>();
  const visit = (v: unknown, path: string): void => {
    if (Array.isArray(v)) {
      for (const item of v) visit(item, path);
      if (!v.length && path && !out.has(path)) out.set(path, []);
    } else if (typeof v === 'object' && v !== null) {
      for (const key of Object.keys(v)) visit((v as Record<string, unknown>)[key], path ? `${path}.${key}` : key);
    } else if (path) {
      const list = out.get(path) ?? [];
      list.push(v as Scalar);
      out.set(path, list);
    }
  };
  visit(body, '');
  return out;
}

export function matchesCondition(condition: unknown, values: Scalar[] | undefined): boolean {
  if (typeof condition !== 'object' || condition === null) {
    return !!values && values.some((v) => v === condition);
  }
  const [operator] = Object.keys(condition);
  const operand = (condition as Record<string, unknown>)[operator];
  if (operator === 'exists') return operand === (values !== undefined);
  if (!values) return false;
  switch (operator) {
    case 'prefix':
      return values.some((v) => typeof v === 'string' && v.startsWith(operand as string));
    case 'suffix':
      return values.some((v) => typeof v === 'string' && v.endsWith(operand as string));
    case 'equals-ignore-case':
      return values.some((v) => typeof v === 'string' && v.toLowerCase() === (operand as string).toLowerCase());
    case 'anything-but':
      return values.length > 0 && values.some((v) => anythingBut(operand, v));
    case 'numeric':
      return values.some((v) => typeof v === 'number' && numericMatch(operand as unknown[], v));
    case 'cidr':
      return values.some((v) => typeof v === 'string' && inCidr(v, operand as string));
    default:
      return false;
  }
}

function anythingBut(operand: unknown, v: Scalar): boolean {
  if (Array.isArray(operand)) return !operand.some((x) => x === v);
  if (typeof operand === 'object' && operand !== null) {
    const [inner] = Object.keys(operand);
    const raw = (operand as Record<string, unknown>)[inner];
    const patterns = (Array.isArray(raw) ? raw : [raw]) as string[];
    if (typeof v !== 'string') return true;
    if (inner === 'prefix') return !patterns.some((p) => v.startsWith(p));
    if (inner === 'suffix') return !patterns.some((p) => v.endsWith(p));
    return !patterns.some((p) => v.toLowerCase() === p.toLowerCase());
  }
  return v !== operand;
}

function numericMatch(expression: unknown[], v: number): boolean {
  for (let i = 0; i + 1 < expression.length; i += 2) {
    const bound = expression[i + 1] as number;
    switch (expression[i]) {
      case '=': if (v !== bound) return false; break;
      case '>': if (!(v > bound)) return false; break;
      case '>=': if (!(v >= bound)) return false; break;
      case '<': if (!(v < bound)) return false; break;
      case '<=': if (!(v <= bound)) return false; break;
      default: return false;
    }
  }
  return true;
}
