// TagResource, UntagResource, ListTagsForResource on event buses and rules, by ARN.
import { parseArn } from '../../../core/arn';
import type { RequestContext } from '../../types';
import { validation } from '../errors';
import { busArn, requireBus, requireRule, ruleArn, type Scope } from '../names';
import { deleteTags, listTags, putTag } from '../store';

type Tag = { Key: string; Value: string };

/** The canonical ARN of the bus or rule an ARN names; throws ResourceNotFoundException if it is gone. */
function resolveResource(ctx: RequestContext, resourceArn: string): string {
  const parsed = parseArn(resourceArn);
  if (parsed && parsed.service === 'events' && parsed.account === ctx.accountId && parsed.region === ctx.region) {
    if (parsed.resource.startsWith('event-bus/')) return busArn(ctx, requireBus(ctx, parsed.resource.slice('event-bus/'.length)).name);
    if (parsed.resource.startsWith('rule/')) {
      const parts = parsed.resource.slice('rule/'.length).split('/');
      const [bus, name] = parts.length === 2 ? parts : [undefined, parts[0]];
      const rule = requireRule(ctx, bus, name);
      return ruleArn(ctx, rule.bus, rule.name);
    }
  }
  throw validation(`Parameter ${resourceArn} is not valid. Reason: Provided Arn is not in correct format.`);
}

export function writeTags(scope: Scope, arn: string, tags: Tag[]): void {
  for (const t of tags) putTag(scope.platform.storage, scope.accountId, scope.region, arn, t.Key, t.Value);
}

export function dropTags(scope: Scope, arn: string): void {
  deleteTags(scope.platform.storage, scope.accountId, scope.region, arn);
}

export function tagResource(input: { ResourceARN: string; Tags: Tag[] }, ctx: RequestContext) {
  writeTags(ctx, resolveResource(ctx, input.ResourceARN), input.Tags);
  return {};
}

export function untagResource(input: { ResourceARN: string; TagKeys: string[] }, ctx: RequestContext) {
  const arn = resolveResource(ctx, input.ResourceARN);
  for (const key of input.TagKeys) deleteTags(ctx.platform.storage, ctx.accountId, ctx.region, arn, key);
  return {};
}

export function listTagsForResource(input: { ResourceARN: string }, ctx: RequestContext) {
  return { Tags: listTags(ctx.platform.storage, ctx.accountId, ctx.region, resolveResource(ctx, input.ResourceARN)) };
}
