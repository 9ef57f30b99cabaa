// GetResources, GetTagKeys and GetTagValues: answered from the platform's resource index, so every
// service's tagged resources show up without code of their own here.
import { pageAfter } from '../../core/paging';
import type { IndexedResource } from '../../core/resources';
import type { RequestContext } from '../types';
import { invalid, regionsSeenFrom, typeFilter } from './scope';

const badToken = () => invalid('The specified pagination token is invalid.');

export function getResources(input: any, ctx: RequestContext) {
  const paging = input.ResourcesPerPage !== undefined || input.TagsPerPage !== undefined || input.PaginationToken;
  if (input.ResourceARNList && paging) throw invalid('Specify either ResourceARNList or pagination parameters, not both.');
  if (input.ResourcesPerPage !== undefined && (input.ResourcesPerPage < 1 || input.ResourcesPerPage > 100)) throw invalid('ResourcesPerPage must be between 1 and 100.');
  if (input.TagsPerPage !== undefined && (input.TagsPerPage < 100 || input.TagsPerPage > 500)) throw invalid('TagsPerPage must be between 100 and 500.');
  const tagFilters = (input.TagFilters ?? []).map((f: any) => {
    if (typeof f.Key !== 'string' || !f.Key) throw invalid('TagFilters must have a Key.');
    return { key: f.Key, values: f.Values };
  });
  const ofType = typeFilter(input.ResourceTypeFilters);
  const arns = input.ResourceARNList ? new Set<string>(input.ResourceARNList) : undefined;
  const found = ctx.platform.resources
    .list({ accountId: ctx.accountId, regions: regionsSeenFrom(ctx.region), tagFilters })
    .filter((r) => r.arn && Object.keys(r.tags).length && ofType(r) && (!arns || arns.has(r.arn)))
    .sort((a, b) => (a.arn! < b.arn! ? -1 : a.arn! > b.arn! ? 1 : 0));
  const { page, nextToken } = pageAfter(found, (r) => r.arn!, input.ResourcesPerPage ?? 50, input.PaginationToken, badToken);
  return { ResourceTagMappingList: page.map(mapping), PaginationToken: nextToken ?? '' };
}

function mapping(r: IndexedResource) {
  return { ResourceARN: r.arn, Tags: Object.entries(r.tags).map(([Key, Value]) => ({ Key, Value })) };
}

export function getTagKeys(input: any, ctx: RequestContext) {
  const keys = ctx.platform.resources.tagKeys(ctx.accountId, regionsSeenFrom(ctx.region));
  const { page, nextToken } = pageAfter(keys, (k) => k, 500, input.PaginationToken, badToken);
  return { TagKeys: page, PaginationToken: nextToken ?? '' };
}

export function getTagValues(input: any, ctx: RequestContext) {
  const values = ctx.platform.resources.tagValues(ctx.accountId, regionsSeenFrom(ctx.region), input.Key);
  const { page, nextToken } = pageAfter(values, (v) => v, 500, input.PaginationToken, badToken);
  return { TagValues: page, PaginationToken: nextToken ?? '' };
}
