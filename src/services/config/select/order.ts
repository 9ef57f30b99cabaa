// Sort keys for ORDER BY. A property with several values sorts by its smallest value ascending and its
// largest descending; items without the property sort last either way.
import { normalize, valueKind } from './compare';
import { parseIpRange } from './ip';
import { propertyType } from './properties';
import { valuesAt, type Item } from './values';

export type SortKey = number | string | bigint | undefined;

export function itemSortKey(item: Item, path: string, descending: boolean): SortKey {
  const kind = valueKind(path, propertyType(path, typeof item.resourceType === 'string' ? item.resourceType : undefined));
  let best: SortKey;
  for (const value of valuesAt(item, path)) {
    const key = sortableValue(value, kind);
    if (key === undefined) continue;
    if (best === undefined || (descending ? compareKeys(key, best) > 0 : compareKeys(key, best) < 0)) best = key;
  }
  return best;
}

export function sortableValue(value: unknown, kind: ReturnType<typeof valueKind>): SortKey {
  if (kind === 'ip') {
    const range = parseIpRange(String(value));
    // IPv6 after IPv4: shift v6 addresses past the whole v4 space.
    return range ? range.low + (range.v6 ? 1n << 32n : 0n) : String(value);
  }
  return normalize(value, kind);
}

/** Present before missing; then numbers and bigints by value, strings by code unit; mixed kinds by kind name. */
export function compareKeys(a: SortKey, b: SortKey): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  const numeric = (v: SortKey) => typeof v === 'number' || typeof v === 'bigint';
  if (numeric(a) && numeric(b)) return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return numeric(a) ? -1 : 1;
}

/** Compares two rows' key lists term by term; missing values stay last whatever the direction. */
export function compareKeyLists(a: SortKey[], b: SortKey[], descending: boolean[]): number {
  for (let i = 0; i < a.length; i++) {
    const order = compareKeys(a[i], b[i]);
    if (order === 0) continue;
    const missing = a[i] === undefined || b[i] === undefined;
    return descending[i] && !missing ? -order : order;
  }
  return 0;
}
