// Shapes a result as AWS does: the selected paths are kept inside the item's own structure, in the
// item's own key order (configuration.instanceType -> {"configuration":{"instanceType":...}}), and
// arrays stay arrays of the selected sub-properties (tags.key -> {"tags":[{"key":...},...]}).
import { toTime } from './compare';
import { child, type Item } from './values';

/** SELECT * means the top-level scalar properties only, per AWS's documented list. */
export const STAR_PROPERTIES = [
  'accountId', 'awsRegion', 'arn', 'availabilityZone', 'configurationItemCaptureTime',
  'resourceCreationTime', 'resourceId', 'resourceName', 'resourceType', 'version',
];

const TIMESTAMPS = new Set(['configurationItemCaptureTime', 'resourceCreationTime', 'configurationItemDeliveryTime']);

type Trie = Map<string, Trie | true>;

export function selectionTrie(paths: string[]): Trie {
  const root: Trie = new Map();
  for (const path of paths) {
    const segments = path.split('.');
    let node = root;
    segments.forEach((segment, i) => {
      const existing = node.get(segment);
      if (existing === true) return;
      if (i === segments.length - 1) { node.set(segment, true); return; }
      const next: Trie = existing ?? new Map();
      node.set(segment, next);
      node = next;
    });
  }
  return root;
}

export function projectItem(item: Item, trie: Trie): Record<string, unknown> {
  return (projectObject(item, trie, true) ?? {}) as Record<string, unknown>;
}

function projectObject(node: Record<string, unknown>, trie: Trie, top: boolean): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = Object.create(null);
  let any = false;
  for (const key of Object.keys(node)) {
    const sub = trie.get(key);
    if (sub === undefined) continue;
    let value = child(node, key, top);
    if (value === undefined) continue;
    if (top && TIMESTAMPS.has(key) && (typeof value === 'number' || value instanceof Date)) value = new Date(toTime(value)).toISOString();
    const projected = sub === true ? value : projectValue(value, sub);
    if (projected === undefined) continue;
    out[key] = projected;
    any = true;
  }
  return any ? out : undefined;
}

function projectValue(value: unknown, trie: Trie): unknown {
  if (Array.isArray(value)) {
    const elements = value.map((v) => projectValue(child({ v }, 'v', false), trie)).filter((v) => v !== undefined);
    return elements.length ? elements : undefined;
  }
  if (typeof value === 'object' && value !== null) return projectObject(value as Record<string, unknown>, trie, false);
  return undefined;
}

/** Places a value at a dotted path in a result row (used for GROUP BY keys). */
export function setPath(row: Record<string, unknown>, path: string, value: unknown): void {
  const segments = path.split('.');
  let node = row;
  for (const segment of segments.slice(0, -1)) {
    const next = node[segment];
    if (typeof next !== 'object' || next === null) node[segment] = Object.create(null);
    node = node[segment] as Record<string, unknown>;
  }
  node[segments[segments.length - 1]] = value;
}
