// GROUP BY and the aggregate functions. An item joins one group per distinct value of a multi-valued
// GROUP BY property (tags.key groups by each key), and none when it lacks the property. Groups come
// out by item count, largest first, then by key, unless ORDER BY says otherwise.
import type { Field, Query } from './ast';
import { normalize, valueKind } from './compare';
import { compareKeyLists, sortableValue, type SortKey } from './order';
import { propertyType } from './properties';
import { setPath } from './project';
import { valuesAt, type Item } from './values';

type AggregateField = Field & { kind: 'aggregate' };

interface Accumulator {
  items: number;
  count: number;
  sum: number;
  min?: number;
  max?: number;
}

interface Group {
  keys: unknown[];
  items: number;
  accumulators: Map<string, Accumulator>;
}

export interface AggregateRow {
  row: Record<string, unknown>;
  sortKeys: SortKey[];
}

export function aggregate(items: Iterable<Item>, query: Query): AggregateRow[] {
  const functions = new Map<string, AggregateField>();
  for (const field of [...query.fields, ...query.orderBy.map((o) => o.field)]) {
    if (field.kind === 'aggregate') functions.set(field.name, field);
  }
  const groups = new Map<string, Group>();
  if (query.groupBy.length === 0) groups.set(JSON.stringify([]), { keys: [], items: 0, accumulators: new Map() });
  for (const item of items) {
    for (const keys of groupKeys(item, query)) {
      const id = JSON.stringify(keys);
      let group = groups.get(id);
      if (!group) groups.set(id, (group = { keys, items: 0, accumulators: new Map() }));
      group.items++;
      for (const [name, field] of functions) accumulate(group, name, field, item);
    }
  }
  const rows = [...groups.values()].map((group) => ({ group, row: outputRow(group, query), sortKeys: orderKeys(group, query) }));
  if (query.orderBy.length) {
    const descending = query.orderBy.map((o) => o.descending);
    rows.sort((a, b) => compareKeyLists(a.sortKeys, b.sortKeys, descending));
  } else {
    rows.sort((a, b) => b.group.items - a.group.items || compareKeyLists(groupSortKeys(a.group, query), groupSortKeys(b.group, query), []));
  }
  return rows.map(({ row, sortKeys }) => ({ row, sortKeys }));
}

/** Every combination of the item's distinct values for the GROUP BY properties. */
function groupKeys(item: Item, query: Query): unknown[][] {
  let combos: unknown[][] = [[]];
  for (const property of query.groupBy) {
    const seen = new Map<string, unknown>();
    for (const value of valuesAt(item, property.path)) seen.set(`${typeof value}:${String(value)}`, value);
    if (seen.size === 0) return [];
    combos = combos.flatMap((combo) => [...seen.values()].map((value) => [...combo, value]));
  }
  return combos;
}

function accumulate(group: Group, name: string, field: AggregateField, item: Item): void {
  let acc = group.accumulators.get(name);
  if (!acc) group.accumulators.set(name, (acc = { items: 0, count: 0, sum: 0 }));
  if (!field.property) { acc.items++; return; }
  const values = valuesAt(item, field.property.path);
  if (values.length) acc.items++;
  if (field.fn === 'COUNT') return;
  const kind = valueKind(field.property.path, propertyType(field.property.path));
  for (const value of values) {
    const n = normalize(value, kind);
    if (typeof n !== 'number') continue;
    acc.count++;
    acc.sum += n;
    acc.min = acc.min === undefined ? n : Math.min(acc.min, n);
    acc.max = acc.max === undefined ? n : Math.max(acc.max, n);
  }
}

function aggregateValue(group: Group, field: AggregateField): unknown {
  const acc = group.accumulators.get(field.name) ?? { items: 0, count: 0, sum: 0 };
  const time = field.property !== undefined && valueKind(field.property.path, propertyType(field.property.path)) === 'time';
  const asOutput = (n: number | undefined) => (n === undefined ? null : time ? new Date(n).toISOString() : n);
  switch (field.fn) {
    case 'COUNT': return acc.items;
    case 'SUM': return acc.sum;
    case 'AVG': return acc.count ? acc.sum / acc.count : null;
    case 'MIN': return asOutput(acc.min);
    case 'MAX': return asOutput(acc.max);
  }
}

/** The selected fields only; top-level keys in code-unit order, as AWS's aggregate answers show them. */
function outputRow(group: Group, query: Query): Record<string, unknown> {
  const row: Record<string, unknown> = Object.create(null);
  for (const field of query.fields) {
    if (field.kind === 'aggregate') row[field.name] = aggregateValue(group, field);
    else setPath(row, field.property.path, group.keys[query.groupBy.findIndex((p) => p.path === field.property.path)]);
  }
  const sorted: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(row).sort()) sorted[key] = row[key];
  return sorted;
}

function orderKeys(group: Group, query: Query): SortKey[] {
  return query.orderBy.map(({ field }) => {
    if (field.kind === 'aggregate') {
      const value = aggregateValue(group, field);
      return value === null ? undefined : typeof value === 'string' ? Date.parse(value) : (value as number);
    }
    const index = query.groupBy.findIndex((p) => p.path === field.property.path);
    return sortableValue(group.keys[index], valueKind(field.property.path, propertyType(field.property.path)));
  });
}

function groupSortKeys(group: Group, query: Query): SortKey[] {
  return query.groupBy.map((p, i) => sortableValue(group.keys[i], valueKind(p.path, propertyType(p.path))));
}
