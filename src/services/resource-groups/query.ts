// Resource queries: TAG_FILTERS_1_0 is answered from the platform's resource index;
// CLOUDFORMATION_STACK_1_0 names a stack, and kanri has no CloudFormation stacks yet.
import type { IndexedResource } from '../../core/resources';
import { AwsError } from '../../protocol/errors';
import type { RequestContext } from '../types';

export const badRequest = (message: string) => new AwsError('BadRequestException', message, 400);

const TYPE = /^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+$/;

export interface ParsedQuery {
  type: 'TAG_FILTERS_1_0' | 'CLOUDFORMATION_STACK_1_0';
  resourceTypes: string[]; // empty: every type
  tagFilters: { key: string; values: string[] }[];
  stack?: string;
}

/** Checks a ResourceQuery as CreateGroup, UpdateGroupQuery and SearchResources do. */
export function parseQuery(q: { Type: string; Query: string }): ParsedQuery {
  let doc: any;
  try {
    doc = JSON.parse(q.Query);
  } catch {
    throw badRequest('Query is not valid JSON.');
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw badRequest('Query must be a JSON object.');
  const types = doc.ResourceTypeFilters ?? ['AWS::AllSupported'];
  if (!Array.isArray(types) || !types.length || types.some((t) => typeof t !== 'string' || (t !== 'AWS::AllSupported' && !TYPE.test(t)))) {
    throw badRequest('ResourceTypeFilters must be a non-empty list of resource types such as AWS::EC2::Instance, or AWS::AllSupported.');
  }
  if (types.includes('AWS::AllSupported') && types.length > 1) throw badRequest('AWS::AllSupported cannot be combined with other resource types.');
  const resourceTypes = types.includes('AWS::AllSupported') ? [] : types;
  if (q.Type === 'CLOUDFORMATION_STACK_1_0') {
    if (typeof doc.StackIdentifier !== 'string' || !doc.StackIdentifier.startsWith('arn:')) throw badRequest('StackIdentifier must be the ARN of a CloudFormation stack.');
    return { type: q.Type, resourceTypes, tagFilters: [], stack: doc.StackIdentifier };
  }
  if (q.Type !== 'TAG_FILTERS_1_0') throw badRequest(`Query type ${q.Type} is not supported.`);
  const filters = doc.TagFilters;
  if (!Array.isArray(filters) || !filters.length || filters.length > 50) throw badRequest('TagFilters must list between 1 and 50 tag filters.');
  const tagFilters = filters.map((f: any) => {
    if (!f || typeof f.Key !== 'string' || !f.Key) throw badRequest('Each tag filter needs a Key.');
    const values = f.Values ?? [];
    if (!Array.isArray(values) || values.length > 20 || values.some((v: unknown) => typeof v !== 'string')) throw badRequest('A tag filter has at most 20 string Values.');
    return { key: f.Key, values };
  });
  return { type: 'TAG_FILTERS_1_0', resourceTypes, tagFilters };
}

export interface QueryResult {
  resources: IndexedResource[];
  errors: { ErrorCode: string; Message: string }[];
}

/** The resources a query selects now, in ARN order. */
export function runQuery(ctx: RequestContext, q: ParsedQuery): QueryResult {
  if (q.type === 'CLOUDFORMATION_STACK_1_0') {
    return { resources: [], errors: [{ ErrorCode: 'CLOUDFORMATION_STACK_NOT_EXISTING', Message: `Stack ${q.stack} does not exist: kanri has no CloudFormation stacks yet.` }] };
  }
  const resources = ctx.platform.resources
    .list({ accountId: ctx.accountId, region: ctx.region, resourceTypes: q.resourceTypes, tagFilters: q.tagFilters })
    .filter((r) => r.arn)
    .sort((a, b) => (a.arn! < b.arn! ? -1 : a.arn! > b.arn! ? 1 : 0));
  return { resources, errors: [] };
}
