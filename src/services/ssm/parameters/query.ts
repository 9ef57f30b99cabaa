// GetParametersByPath and DescribeParameters. Both walk an index in key order from the token:
// one path (OneLevel, the path index), a subtree (Recursive, a prefix range on the primary key),
// or named keys; filters are applied to what the walk reads. Like AWS, a page may come back short
// (with a NextToken) when filters reject much of what was read.
import type { RequestContext } from '../../types';
import { validation } from '../errors';
import { keyOf, parameterArn } from '../names';
import { decodeToken, encodeToken } from '../paging';
import { findParameter, parametersInPath, parametersInRange, type ParameterRow, type Scope, type VersionRow } from '../store-parameters';
import type { Storage } from '../../../storage/database';
import { BAD_PATH, checkFilters, matchFilters, optionOf, type Filter } from './filters';
import { inlinePolicies } from './policies';
import { publicParameters } from './public';
import { parameterOutput } from './read';

type Fetch = (after: string, limit: number) => ParameterRow[];
const SCAN_LIMIT = 1000;
const BATCH = 100;

interface Page { items: { row: ParameterRow; listed: VersionRow }[]; next?: string }

function walk(ctx: RequestContext, fetch: Fetch, after: string, max: number, filters: Filter[] | undefined): Page {
  const items: Page['items'] = [];
  const batchSize = filters?.length ? BATCH : max + 1;
  let cursor = after;
  let scanned = 0;
  for (;;) {
    const batch = fetch(cursor, batchSize);
    for (const row of batch) {
      if (items.length === max || scanned >= SCAN_LIMIT) return { items, next: encodeToken(cursor) };
      scanned++;
      cursor = row.name;
      const listed = matchFilters(ctx, row, filters);
      if (listed) items.push({ row, listed });
    }
    if (batch.length < batchSize) return { items };
  }
}

/** The prefix range of a subtree: every key under `/a/b/` lies in ['/a/b/', '/a/b0'). */
function subtree(storage: Storage, s: Scope, path: string): Fetch {
  if (path === '') return (after, limit) => parametersInRange(storage, s, '', null, after, limit);
  return (after, limit) => parametersInRange(storage, s, `${path}/`, `${path}0`, after, limit);
}

function oneLevel(storage: Storage, s: Scope, path: string): Fetch {
  return (after, limit) => parametersInPath(storage, s, path || '/', after, limit);
}

function checkPath(path: string): string {
  if (!path.startsWith('/') || path.includes('//') || !/^[a-zA-Z0-9_.\-/]+$/.test(path)) throw validation(BAD_PATH);
  return path.replace(/\/+$/, '');
}

export function getParametersByPath(input: {
  Path: string; Recursive?: boolean; ParameterFilters?: Filter[]; WithDecryption?: boolean; MaxResults?: number; NextToken?: string;
}, ctx: RequestContext) {
  checkFilters(input.ParameterFilters, true);
  const path = checkPath(input.Path);
  const max = input.MaxResults ?? 10;
  const after = decodeToken(input.NextToken);
  if (path.startsWith('/aws/')) return publicByPath(ctx, path, !!input.Recursive, max, after);
  const storage = ctx.platform.storage;
  const fetch = input.Recursive ? subtree(storage, ctx, path) : oneLevel(storage, ctx, path);
  const page = walk(ctx, fetch, after, max, input.ParameterFilters);
  const Parameters = page.items.map(({ row, listed }) =>
    parameterOutput(ctx, { row: listed, displayName: row.displayName, arn: parameterArn(ctx.region, ctx.accountId, row.displayName) }, input.WithDecryption));
  return { Parameters, NextToken: page.next };
}

function publicByPath(ctx: RequestContext, path: string, recursive: boolean, max: number, after: string) {
  const matching = publicParameters(ctx.region).filter((p) => p.name.startsWith(`${path}/`) && p.name > after
    && (recursive || !p.name.slice(path.length + 1).includes('/')));
  const page = matching.slice(0, max);
  const Parameters = page.map((p) => ({
    Name: p.name, Type: 'String', Value: p.value, Version: 1, LastModifiedDate: new Date(p.modifiedAt),
    ARN: `arn:aws:ssm:${ctx.region}::parameter${p.name}`, DataType: 'text',
  }));
  return { Parameters, NextToken: matching.length > max ? encodeToken(page[page.length - 1].name) : undefined };
}

/** DescribeParameters' legacy Filters, as the ParameterFilters they stand for. */
function legacyFilters(filters: { Key: string; Values: string[] }[]): Filter[] {
  return filters.map((f) => ({ Key: f.Key, Option: f.Key === 'Name' ? 'BeginsWith' : 'Equals', Values: f.Values }));
}

function describeFetch(ctx: RequestContext, filters: Filter[]): Fetch {
  const storage = ctx.platform.storage;
  const name = filters.find((f) => f.Key === 'Name' && optionOf(f) === 'Equals');
  if (name) {
    const keys = [...new Set(name.Values!.map(keyOf))].sort();
    return (after, limit) => keys.filter((k) => k > after).map((k) => findParameter(storage, ctx, k)).filter((r): r is ParameterRow => !!r).slice(0, limit);
  }
  const path = filters.find((f) => f.Key === 'Path');
  if (path && path.Values!.length === 1) {
    const p = path.Values![0].replace(/\/+$/, '');
    return optionOf(path) === 'Recursive' ? subtree(storage, ctx, p) : oneLevel(storage, ctx, p);
  }
  return subtree(storage, ctx, '');
}

export function describeParameters(input: {
  Filters?: { Key: string; Values: string[] }[]; ParameterFilters?: Filter[]; MaxResults?: number; NextToken?: string; Shared?: boolean;
}, ctx: RequestContext) {
  if (input.Filters?.length && input.ParameterFilters?.length) throw validation('You can use either Filters or ParameterFilters in a single request.');
  const filters = input.Filters?.length ? legacyFilters(input.Filters) : input.ParameterFilters ?? [];
  checkFilters(filters, false);
  const after = decodeToken(input.NextToken);
  // Parameters shared with this account come through AWS RAM, which kanri does not have: none are shared.
  if (input.Shared) return { Parameters: [] };
  const page = walk(ctx, describeFetch(ctx, filters), after, input.MaxResults ?? 50, filters);
  const Parameters = page.items.map(({ row }) => ({
    Name: row.displayName, ARN: parameterArn(ctx.region, ctx.accountId, row.displayName), Type: row.type, KeyId: row.keyId ?? undefined,
    LastModifiedDate: new Date(row.modifiedAt), LastModifiedUser: row.modifiedUser, Description: row.description ?? undefined,
    AllowedPattern: row.allowedPattern ?? undefined, Version: row.version, Tier: row.tier, Policies: inlinePolicies(row.policies) ?? [], DataType: row.dataType,
  }));
  return { Parameters, NextToken: page.next };
}
