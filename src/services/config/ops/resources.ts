// Reading what was recorded: a resource's history, current items in bulk, discovered resources
// and their counts. Pages continue after the last key read (opaque tokens), never by offset.
import type { RequestContext } from '../../types';
import { listRecorders } from '../store';
import { countsByType, currentItem, hasHistory, itemHistory, listCurrent } from '../store-items';
import { apiItem, baseItem } from '../items';
import { checkResourceType } from '../resource-types';
import { invalidLimit, invalidNextToken, invalidTimeRange, noRecorder, notDiscovered, validation } from '../errors';

const scopeOf = (ctx: RequestContext) => ({ accountId: ctx.accountId, region: ctx.region });

export function encodeToken(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64');
}

export function decodeToken<T>(token: string | undefined, check: (v: any) => boolean): T | undefined {
  if (token === undefined) return undefined;
  try {
    const v = JSON.parse(Buffer.from(token, 'base64').toString());
    if (check(v)) return v as T;
  } catch { /* answered below */ }
  throw invalidNextToken();
}

function limitOf(limit: number | undefined, fallback: number): number {
  if (limit === undefined || limit === 0) return fallback;
  if (limit > 100 || limit < 0) throw invalidLimit(limit);
  return limit;
}

export function getResourceConfigHistory(input: any, ctx: RequestContext) {
  const scope = scopeOf(ctx);
  const s = ctx.platform.storage;
  checkResourceType(input.resourceType, 'resourceType', true);
  const limit = limitOf(input.limit, 10);
  const from = input.earlierTime ? new Date(input.earlierTime).getTime() : 0;
  const to = input.laterTime ? new Date(input.laterTime).getTime() : Number.MAX_SAFE_INTEGER;
  if (from > to) throw invalidTimeRange();
  const ascending = input.chronologicalOrder === 'Forward';
  const after = decodeToken<{ s: number }>(input.nextToken, (v) => Number.isSafeInteger(v?.s));
  if (!hasHistory(s, scope, input.resourceType, input.resourceId)) {
    if (!listRecorders(s, scope).length) throw noRecorder();
    throw notDiscovered(input.resourceType, input.resourceId);
  }
  const items = itemHistory(s, scope, input.resourceType, input.resourceId, { fromMs: from, toMs: to, ascending, afterState: after?.s, limit: limit + 1 });
  const page = items.slice(0, limit);
  return {
    configurationItems: page.map(apiItem),
    nextToken: items.length > limit ? encodeToken({ s: Number(page[page.length - 1].configurationStateId) }) : undefined,
  };
}

export function batchGetResourceConfig(input: any, ctx: RequestContext) {
  const scope = scopeOf(ctx);
  const s = ctx.platform.storage;
  (input.resourceKeys as { resourceType: string }[]).forEach((k, i) => checkResourceType(k.resourceType, `resourceKeys.${i + 1}.member.resourceType`, true));
  if (!listRecorders(s, scope).length) throw noRecorder();
  const items = [];
  for (const key of input.resourceKeys as { resourceType: string; resourceId: string }[]) {
    const cur = currentItem(s, scope, key.resourceType, key.resourceId);
    if (cur && !cur.deleted) items.push(baseItem(cur.item));
  }
  return { baseConfigurationItems: items, unprocessedResourceKeys: [] };
}

export function listDiscoveredResources(input: any, ctx: RequestContext) {
  const scope = scopeOf(ctx);
  checkResourceType(input.resourceType, 'resourceType', true);
  if (input.resourceIds?.length && input.resourceName !== undefined) throw validation('Both Resource ID and Resource Name cannot be specified in the request');
  const limit = limitOf(input.limit, 100);
  const after = decodeToken<{ i: string }>(input.nextToken, (v) => typeof v?.i === 'string');
  const rows = listCurrent(ctx.platform.storage, scope, {
    type: input.resourceType, ids: input.resourceIds, name: input.resourceName, includeDeleted: !!input.includeDeletedResources, afterId: after?.i, limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  return {
    resourceIdentifiers: page.map((r) => ({
      resourceType: r.item.resourceType, resourceId: r.item.resourceId, resourceName: r.item.resourceName,
      resourceDeletionTime: r.deleted && r.deletionMs !== undefined ? new Date(r.deletionMs) : undefined,
    })),
    nextToken: rows.length > limit ? encodeToken({ i: page[page.length - 1].item.resourceId }) : undefined,
  };
}

export function getDiscoveredResourceCounts(input: any, ctx: RequestContext) {
  const limit = limitOf(input.limit, 100);
  const all = countsByType(ctx.platform.storage, scopeOf(ctx));
  const wanted: string[] | undefined = input.resourceTypes?.length ? input.resourceTypes : undefined;
  // A named type nothing was recorded for counts 0; a name that is no resource type is left out.
  const counts = wanted
    ? [...new Set(wanted)].map((t) => ({ resourceType: t, count: all.find((c) => c.resourceType === t)?.count ?? 0 })).filter((c) => c.count > 0 || /^AWS::\w+::\w+$/.test(c.resourceType))
    : all;
  const start = decodeToken<{ o: number }>(input.nextToken, (v) => Number.isSafeInteger(v?.o) && v.o >= 0)?.o ?? 0;
  const page = counts.slice(start, start + limit);
  return {
    totalDiscoveredResources: all.reduce((n, c) => n + c.count, 0),
    resourceCounts: page,
    nextToken: start + limit < counts.length ? encodeToken({ o: start + limit }) : undefined,
  };
}
