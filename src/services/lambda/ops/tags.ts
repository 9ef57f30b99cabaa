// TagResource, UntagResource, ListTags on functions (by ARN).
import type { RequestContext } from '../../types';
import { functionNotFound, invalidParameter } from '../errors';
import { parseFunctionArn } from '../names';
import { findFunction, updateFunction } from '../store';

function functionOf(ctx: RequestContext, resource: string) {
  const ref = parseFunctionArn(resource);
  if (!ref || ref.qualifier) throw invalidParameter('Tags are not supported on function aliases or versions; use the unqualified function ARN.');
  if (ref.accountId !== ctx.accountId || ref.region !== ctx.region) throw functionNotFound(resource);
  const fn = findFunction(ctx.platform.storage, ref.accountId, ref.region, ref.name);
  if (!fn) throw functionNotFound(resource);
  return fn;
}

export function tagResource(input: { Resource: string; Tags: Record<string, string> }, ctx: RequestContext) {
  const fn = functionOf(ctx, input.Resource);
  const tags = Object.assign(Object.create(null), fn.tags, input.Tags);
  if (Object.keys(tags).length > 50) throw invalidParameter('Number of tags exceeds resource tag limit.');
  updateFunction(ctx.platform.storage, { ...fn, tags });
  return {};
}

export function untagResource(input: { Resource: string; TagKeys: string[] }, ctx: RequestContext) {
  const fn = functionOf(ctx, input.Resource);
  const tags = Object.assign(Object.create(null), fn.tags);
  for (const k of input.TagKeys) delete tags[k];
  updateFunction(ctx.platform.storage, { ...fn, tags });
  return {};
}

export function listTags(input: { Resource: string }, ctx: RequestContext) {
  return { Tags: { ...functionOf(ctx, input.Resource).tags } };
}
