// SelectResourceConfig: the advanced query engine (select/) over this account's and region's
// current items.
import type { RequestContext } from '../../types';
import { itemSource } from '../api';
import { selectResourceConfig as run } from '../select';

export function selectResourceConfig(input: { Expression: string; Limit?: number; NextToken?: string }, ctx: RequestContext) {
  const source = itemSource(ctx.platform, ctx.accountId, ctx.region) as Parameters<typeof run>[1];
  return run(input.Expression, source, { limit: input.Limit, nextToken: input.NextToken });
}
