// Matching an event (parsed JSON) against a compiled pattern. Arrays in the event match when any
// element does; a nested pattern over an array of objects must match within one element.
import type { Condition, PatternNode } from './compile';
import { inRange } from './ip';
import { globMatches } from './wildcard';

type Leaf = string | number | boolean | null;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function matchesPattern(node: PatternNode, event: unknown): boolean {
  if (Array.isArray(event)) {
    const objects = event.filter(isObject);
    return objects.length ? objects.some((el) => matchesPattern(node, el)) : matchesPattern(node, undefined);
  }
  const obj = isObject(event) ? event : undefined;
  const field = (name: string) => (obj ? lookup(obj, name) : undefined);
  for (const f of node.fields) {
    const ok = f.node ? matchesPattern(f.node, field(f.name)) : matchesConditions(f.conditions!, field(f.name));
    if (!ok) return false;
  }
  return node.ors.every((branches) => branches.some((b) => matchesPattern(b, event)));
}

/**
 * A field by name, where dots join levels both ways (as AWS flattens names): pattern "a.b" finds
 * event {a: {b}}, and pattern {a: {b}} finds an event key "a.b".
 */
function lookup(obj: Record<string, unknown>, name: string): unknown {
  if (Object.hasOwn(obj, name)) return obj[name];
  for (let dot = name.indexOf('.'); dot > 0; dot = name.indexOf('.', dot + 1)) {
    const head = name.slice(0, dot);
    const child = Object.hasOwn(obj, head) ? obj[head] : undefined;
    if (isObject(child)) {
      const found = lookup(child, name.slice(dot + 1));
      if (found !== undefined) return found;
    }
  }
  let joined: Record<string, unknown> | undefined;
  for (const key of Object.keys(obj)) {
    if (key.length > name.length + 1 && key.startsWith(name) && key[name.length] === '.') {
      joined ??= Object.create(null) as Record<string, unknown>;
      joined[key.slice(name.length + 1)] = obj[key];
    }
  }
  return joined;
}

/** The leaf values at a field: a scalar, or the scalars of an array (objects are not leaves). */
function leaves(v: unknown, out: Leaf[] = [], depth = 0): Leaf[] {
  // Arrays nested deeper than any real event are not looked into (the walk recurses).
  if (Array.isArray(v)) {
    if (depth < 64) for (const x of v) leaves(x, out, depth + 1);
  }
  else if (v !== undefined && !isObject(v)) out.push(v as Leaf);
  return out;
}

function matchesConditions(conditions: Condition[], v: unknown): boolean {
  const values = leaves(v);
  return conditions.some((c) => {
    if (c.kind === 'exists') return c.present === values.length > 0;
    if (c.kind === 'anythingBut') return values.some((x) => !c.test.some((t) => matchesLeaf(t, x)));
    return values.some((x) => matchesLeaf(c, x));
  });
}

function matchesLeaf(c: Condition, x: Leaf): boolean {
  switch (c.kind) {
    case 'exact': return x === c.value;
    case 'prefix': return typeof x === 'string' && (c.ignoreCase ? x.toLowerCase() : x).startsWith(c.text);
    case 'suffix': return typeof x === 'string' && (c.ignoreCase ? x.toLowerCase() : x).endsWith(c.text);
    case 'equalsIgnoreCase': return typeof x === 'string' && x.toLowerCase() === c.text;
    case 'numeric':
      return typeof x === 'number' && (c.loOpen ? x > c.lo : x >= c.lo) && (c.hiOpen ? x < c.hi : x <= c.hi);
    case 'cidr': return typeof x === 'string' && inRange(c.range, x);
    case 'wildcard': return typeof x === 'string' && globMatches(c.glob, x);
    default: return false; // exists and anything-but are whole-field conditions
  }
}
