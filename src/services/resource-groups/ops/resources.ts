// The resources a group or a query selects, now.
import { pageAfter } from '../../../core/paging';
import type { IndexedResource } from '../../../core/resources';
import type { RequestContext } from '../../types';
import { badRequest, parseQuery, runQuery } from '../query';
import { badToken, requireGroup } from './groups';

const identifier = (r: IndexedResource) => ({ ResourceArn: r.arn, ResourceType: r.resourceType });

function maxResults(value: number | undefined): number {
  const max = value ?? 50;
  if (max < 1 || max > 50) throw badRequest('MaxResults must be between 1 and 50.');
  return max;
}

export function listGroupResources(input: any, ctx: RequestContext) {
  const g = requireGroup(ctx, input);
  const max = maxResults(input.MaxResults);
  if (!g.query) return { Resources: [], ResourceIdentifiers: [], QueryErrors: [] };
  const typeFilter = (input.Filters ?? []).find((f: any) => f.Name === 'resource-type')?.Values as string[] | undefined;
  const { resources, errors } = runQuery(ctx, parseQuery(g.query));
  const selected = typeFilter ? resources.filter((r) => typeFilter.includes(r.resourceType)) : resources;
  const { page, nextToken } = pageAfter(selected, (r) => r.arn!, max, input.NextToken, badToken);
  return { Resources: page.map((r) => ({ Identifier: identifier(r) })), ResourceIdentifiers: page.map(identifier), QueryErrors: errors, NextToken: nextToken };
}

export function searchResources(input: any, ctx: RequestContext) {
  const max = maxResults(input.MaxResults);
  const { resources, errors } = runQuery(ctx, parseQuery(input.ResourceQuery));
  const { page, nextToken } = pageAfter(resources, (r) => r.arn!, max, input.NextToken, badToken);
  return { ResourceIdentifiers: page.map(identifier), QueryErrors: errors, NextToken: nextToken };
}
