// Aggregate resources: counts, listings, items and SelectAggregateResourceConfig over the readable
// sources' current items, each read through the Config item store of its account and Region.
import { pageAfter } from '../../../core/paging';
import type { RequestContext } from '../../types';
import { invalidNextToken, notDiscovered } from '../errors';
import { apiItem, baseItem } from '../items';
import { checkResourceType } from '../resource-types';
import { selectResourceConfig, type ItemSource } from '../select';
import { countsByType, currentItem, liveItems, liveItemsById } from '../store-items';
import { readableSources, requireAggregator, type Source } from './ops';

type Filter = { AccountId?: string; Region?: string; AwsRegion?: string };
const sourcesOf = (ctx: RequestContext, name: string, f?: Filter) =>
  readableSources(ctx.platform.storage, requireAggregator(ctx, name), { accountId: f?.AccountId, region: f?.Region ?? f?.AwsRegion });

export function getAggregateDiscoveredResourceCounts(
  input: { ConfigurationAggregatorName: string; Filters?: Filter & { ResourceType?: string }; GroupByKey?: string; Limit?: number; NextToken?: string }, ctx: RequestContext,
) {
  const s = ctx.platform.storage;
  const counts = sourcesOf(ctx, input.ConfigurationAggregatorName, input.Filters)
    .flatMap((src) => countsByType(s, src).map((c) => ({ src, ...c })))
    .filter((c) => !input.Filters?.ResourceType || c.resourceType === input.Filters.ResourceType);
  const total = counts.reduce((n, c) => n + c.count, 0);
  if (!input.GroupByKey) return { TotalDiscoveredResources: total };
  const groups = new Map<string, number>();
  for (const c of counts) {
    const g = input.GroupByKey === 'RESOURCE_TYPE' ? c.resourceType : input.GroupByKey === 'ACCOUNT_ID' ? c.src.accountId : c.src.region;
    groups.set(g, (groups.get(g) ?? 0) + c.count);
  }
  const all = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  const { page, nextToken } = pageAfter(all, ([g]) => g, input.Limit || 1000, input.NextToken, invalidNextToken);
  return { TotalDiscoveredResources: total, GroupByKey: input.GroupByKey, GroupedResourceCounts: page.map(([GroupName, ResourceCount]) => ({ GroupName, ResourceCount })), NextToken: nextToken };
}

export function listAggregateDiscoveredResources(
  input: { ConfigurationAggregatorName: string; ResourceType: string; Filters?: Filter & { ResourceId?: string; ResourceName?: string }; Limit?: number; NextToken?: string },
  ctx: RequestContext,
) {
  checkResourceType(input.ResourceType, 'ResourceType', true);
  const f = input.Filters ?? {};
  const all = sourcesOf(ctx, input.ConfigurationAggregatorName, f).flatMap((src) =>
    [...liveItems(ctx.platform.storage, src, [input.ResourceType])]
      .filter((i) => (!f.ResourceId || i.resourceId === f.ResourceId) && (!f.ResourceName || i.resourceName === f.ResourceName))
      .map((i) => ({ SourceAccountId: src.accountId, SourceRegion: src.region, ResourceId: i.resourceId, ResourceType: i.resourceType, ResourceName: i.resourceName })));
  const { page, nextToken } = pageAfter(all, (r) => `${r.SourceAccountId}/${r.SourceRegion}/${r.ResourceId}`, input.Limit || 100, input.NextToken, invalidNextToken);
  return { ResourceIdentifiers: page, NextToken: nextToken };
}

interface Identifier { SourceAccountId: string; SourceRegion: string; ResourceId: string; ResourceType: string; ResourceName?: string }

function readItem(ctx: RequestContext, sources: Source[], id: Identifier) {
  const src = sources.find((x) => x.accountId === id.SourceAccountId && x.region === id.SourceRegion);
  const cur = src && currentItem(ctx.platform.storage, src, id.ResourceType, id.ResourceId);
  return cur && !cur.deleted ? cur.item : undefined;
}

export function getAggregateResourceConfig(input: { ConfigurationAggregatorName: string; ResourceIdentifier: Identifier }, ctx: RequestContext) {
  checkResourceType(input.ResourceIdentifier.ResourceType, 'ResourceIdentifier.ResourceType', true);
  const item = readItem(ctx, sourcesOf(ctx, input.ConfigurationAggregatorName), input.ResourceIdentifier);
  if (!item) throw notDiscovered(input.ResourceIdentifier.ResourceType, input.ResourceIdentifier.ResourceId);
  return { ConfigurationItem: apiItem(item) };
}

export function batchGetAggregateResourceConfig(input: { ConfigurationAggregatorName: string; ResourceIdentifiers: Identifier[] }, ctx: RequestContext) {
  const sources = sourcesOf(ctx, input.ConfigurationAggregatorName);
  const found = [];
  const missing = [];
  for (const id of input.ResourceIdentifiers) {
    const item = readItem(ctx, sources, id);
    if (item) found.push(baseItem(item));
    else missing.push(id);
  }
  return { BaseConfigurationItems: found, UnprocessedResourceIdentifiers: missing };
}

/** The readable sources' items as one source for the advanced query (accountId and awsRegion are item fields). */
function unionSource(ctx: RequestContext, sources: Source[]): ItemSource {
  const s = ctx.platform.storage;
  return {
    *byType(type) { for (const src of sources) yield* liveItems(s, src, [type]) as Iterable<Record<string, unknown>>; },
    *byId(id) { for (const src of sources) yield* liveItemsById(s, src, id) as unknown as Iterable<Record<string, unknown>>; },
    *all() { for (const src of sources) yield* liveItems(s, src) as Iterable<Record<string, unknown>>; },
  };
}

export function selectAggregateResourceConfig(
  input: { ConfigurationAggregatorName: string; Expression: string; Limit?: number; MaxResults?: number; NextToken?: string }, ctx: RequestContext,
) {
  const sources = sourcesOf(ctx, input.ConfigurationAggregatorName);
  return selectResourceConfig(input.Expression, unionSource(ctx, sources), { limit: input.MaxResults ?? input.Limit, nextToken: input.NextToken });
}
