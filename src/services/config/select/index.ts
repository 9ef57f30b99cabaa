// AWS Config advanced query (SelectResourceConfig / SelectAggregateResourceConfig) over configuration
// items, as a pure function of the expression and an item source. See README.md.
import { aggregate } from './aggregate';
import type { Condition, Query } from './ast';
import { invalidExpression } from './errors';
import { compareKeyLists, itemSortKey } from './order';
import { decodeNextToken, encodeNextToken, pageSize } from './paging';
import { parseQuery } from './parser';
import { compileCondition } from './predicate';
import { projectItem, selectionTrie, STAR_PROPERTIES } from './project';
import { isAggregateQuery, validateQuery } from './validate';
import type { Item } from './values';

export interface ItemSource {
  /** Current (non-deleted) configuration items of one resource type, AWS format 1.3 in camelCase. */
  byType(resourceType: string): Iterable<Record<string, unknown>>;
  /** Current items with this resource id (any type), when the store can find them by id. */
  byId?(resourceId: string): Iterable<Record<string, unknown>>;
  all(): Iterable<Record<string, unknown>>;
}

export interface SelectOptions {
  /** Limit (or MaxResults for the aggregate operation): 0..100; 0 or absent means AWS's default page size. */
  limit?: number;
  nextToken?: string;
}

export interface SelectResult {
  Results: string[];
  QueryInfo: { SelectFields: { Name: string }[] };
  NextToken?: string;
}

const MAX_EXPRESSION_LENGTH = 4096;
/** Advanced query does not answer for items the recorder does not record, nor for deleted ones. */
const NOT_QUERYABLE = new Set(['ResourceNotRecorded', 'ResourceDeleted', 'ResourceDeletedNotRecorded']);

export function selectResourceConfig(expression: string, source: ItemSource, opts: SelectOptions = {}): SelectResult {
  if (typeof expression !== 'string' || expression.length > MAX_EXPRESSION_LENGTH) {
    throw invalidExpression(`The expression must be between 1 and ${MAX_EXPRESSION_LENGTH} characters long`);
  }
  const query = parseQuery(expression);
  validateQuery(query);
  const aggregateQuery = isAggregateQuery(query);
  const size = pageSize(opts.limit, aggregateQuery);
  const offset = decodeNextToken(expression, opts.nextToken);
  const fieldNames = query.fields.map((f) => f.name);
  const SelectFields = (query.star ? [...STAR_PROPERTIES, ...fieldNames] : fieldNames).map((Name) => ({ Name }));

  const test = query.where ? compileCondition(query.where) : () => true;
  const matches: Item[] = [];
  for (const item of candidates(query, source)) {
    if (typeof item.configurationItemStatus === 'string' && NOT_QUERYABLE.has(item.configurationItemStatus)) continue;
    if (test(item)) matches.push(item);
  }

  let rows: Record<string, unknown>[];
  let paged = true;
  if (aggregateQuery) {
    rows = aggregate(matches, query).map((r) => r.row);
    // AWS does not page an aggregate query ordered by an aggregate function: one page, no token.
    paged = !query.orderBy.some((o) => o.field.kind === 'aggregate');
  } else {
    sortItems(matches, query);
    const trie = selectionTrie(query.star ? [...STAR_PROPERTIES, ...fieldNames] : fieldNames);
    rows = matches.slice(offset, offset + size).map((item) => projectItem(item, trie));
    const result: SelectResult = { Results: rows.map((r) => JSON.stringify(r)), QueryInfo: { SelectFields } };
    if (offset + size < matches.length) result.NextToken = encodeNextToken(expression, offset + size);
    return result;
  }
  const start = paged ? offset : 0;
  const result: SelectResult = { Results: rows.slice(start, start + size).map((r) => JSON.stringify(r)), QueryInfo: { SelectFields } };
  if (paged && start + size < rows.length) result.NextToken = encodeNextToken(expression, start + size);
  return result;
}

const DEFAULT_ORDER = ['accountId', 'awsRegion', 'resourceType', 'resourceId'];

/** ORDER BY when given; otherwise a stable order (account, region, type, id) so that pages never overlap. */
function sortItems(items: Item[], query: Query): void {
  const terms = query.orderBy.map((o) => ({ path: (o.field as { property: { path: string } }).property.path, descending: o.descending }));
  const keyOf = terms.length
    ? (item: Item) => terms.map((t) => itemSortKey(item, t.path, t.descending))
    : (item: Item) => DEFAULT_ORDER.map((key) => (typeof item[key] === 'string' ? (item[key] as string) : undefined));
  const descending = terms.length ? terms.map((t) => t.descending) : DEFAULT_ORDER.map(() => false);
  const keyed = items.map((item) => ({ item, keys: keyOf(item) }));
  keyed.sort((a, b) => compareKeyLists(a.keys, b.keys, descending));
  keyed.forEach((k, i) => { items[i] = k.item; });
}

/**
 * The items worth testing. A top-level AND that pins resourceId or resourceType (= or IN) reads
 * only those items through byId / byType, so a query's cost does not grow with items of other types.
 */
function candidates(query: Query, source: ItemSource): Iterable<Item> {
  const conjuncts: Condition[] = [];
  const collect = (c: Condition): void => {
    if (c.kind === 'and') { collect(c.left); collect(c.right); } else conjuncts.push(c);
  };
  if (query.where) collect(query.where);
  const ids = pinned(conjuncts, 'resourceId');
  if (ids && source.byId) return concat([...ids].map((id) => source.byId!(id)));
  const types = pinned(conjuncts, 'resourceType');
  if (types) return concat([...types].map((type) => source.byType(type)));
  return source.all();
}

/** The values a property must take to satisfy every conjunct naming it with = or IN, if any does. */
function pinned(conjuncts: Condition[], path: string): Set<string> | undefined {
  let allowed: Set<string> | undefined;
  for (const c of conjuncts) {
    let values: unknown[] | undefined;
    if (c.kind === 'compare' && c.op === '=' && c.property.path === path) values = [c.value];
    else if (c.kind === 'in' && c.property.path === path) values = c.values;
    if (!values) continue;
    const strings = new Set(values.filter((v): v is string => typeof v === 'string'));
    allowed = allowed ? new Set([...allowed].filter((v) => strings.has(v))) : strings;
  }
  return allowed;
}

function* concat(sources: Iterable<Item>[]): Iterable<Item> {
  for (const s of sources) yield* s;
}
