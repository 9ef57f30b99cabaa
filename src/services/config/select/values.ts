// Reads a dotted property path out of a configuration item. Arrays are walked through at every step,
// so a path names every value it reaches (tags.key is each tag's key), the way AWS matches a
// condition against all elements of an array.

export type Item = Record<string, unknown>;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Tags as the query sees them: {key, tag: "key=value", value}, whether the item holds an array or a map. */
export function queryTags(raw: unknown): Record<string, unknown>[] {
  const pairs: [unknown, unknown][] = Array.isArray(raw)
    ? raw.filter(isObject).map((t) => [t.key ?? t.Key, t.value ?? t.Value])
    : isObject(raw) ? Object.entries(raw) : [];
  return pairs.map(([key, value]) => ({ key, tag: `${String(key)}=${value === undefined || value === null ? '' : String(value)}`, value }));
}

/** A nested document kept as JSON text (configuration and supplementaryConfiguration can be). */
function expand(value: unknown): unknown {
  if (typeof value === 'string' && (value.startsWith('{') || value.startsWith('['))) {
    try { return JSON.parse(value); } catch { return value; }
  }
  return value;
}

export function child(node: unknown, key: string, top: boolean): unknown {
  if (!isObject(node) || !Object.hasOwn(node, key)) return undefined;
  if (top && key === 'tags') return queryTags(node.tags);
  return expand(node[key]);
}

/** Every scalar value at `path` in the item (arrays flattened); objects and nulls are left out. */
export function valuesAt(item: Item, path: string): unknown[] {
  const segments = path.split('.');
  let nodes: unknown[] = [item];
  segments.forEach((segment, depth) => {
    const next: unknown[] = [];
    for (const node of nodes) pushFlat(next, child(node, segment, depth === 0));
    nodes = next;
  });
  return nodes.filter((v) => v !== null && v !== undefined && typeof v !== 'object');
}

function pushFlat(out: unknown[], value: unknown): void {
  if (Array.isArray(value)) for (const v of value) pushFlat(out, expand(v));
  else if (value !== undefined) out.push(value);
}
