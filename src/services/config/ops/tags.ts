// Tags on Config's own resources (recorders here; rules and aggregators register their own check).
import type { RequestContext } from '../../types';
import { putTags, removeTags, tagsOfArn } from '../store';
import { noSuchTaggable } from '../errors';
import { AwsError } from '../../../protocol/errors';
import { taggableExists } from '../taggable';
import { decodeToken, encodeToken } from './resources';

function check(ctx: RequestContext, arn: string): void {
  if (!taggableExists(ctx.platform, ctx.accountId, ctx.region, arn)) throw noSuchTaggable(arn);
}

export function tagResource(input: any, ctx: RequestContext) {
  check(ctx, input.ResourceArn);
  const keys = new Set([...tagsOfArn(ctx.platform.storage, input.ResourceArn).map((t) => t.Key), ...input.Tags.map((t: { Key: string }) => t.Key)]);
  if (keys.size > 50) throw new AwsError('TooManyTagsException', 'The number of tags exceeds the limit of 50 tags.');
  putTags(ctx.platform.storage, input.ResourceArn, input.Tags);
  return {};
}

export function untagResource(input: any, ctx: RequestContext) {
  check(ctx, input.ResourceArn);
  removeTags(ctx.platform.storage, input.ResourceArn, input.TagKeys);
  return {};
}

export function listTagsForResource(input: any, ctx: RequestContext) {
  check(ctx, input.ResourceArn);
  const all = tagsOfArn(ctx.platform.storage, input.ResourceArn);
  const limit = input.Limit || 50;
  const start = decodeToken<{ o: number }>(input.NextToken, (v) => Number.isSafeInteger(v?.o) && v.o >= 0)?.o ?? 0;
  return { Tags: all.slice(start, start + limit), NextToken: start + limit < all.length ? encodeToken({ o: start + limit }) : undefined };
}
