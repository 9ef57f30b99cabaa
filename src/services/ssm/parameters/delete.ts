// DeleteParameter and DeleteParameters: the parameter, its versions, labels, tags and policy timer.
import type { RequestContext } from '../../types';
import { parameterNotFound } from '../errors';
import { keyOf } from '../names';
import { addToTierCount, deleteParameterRows, findParameter } from '../store-parameters';
import { parameterChanged } from './events';
import { cancelPolicyTimer } from './policies';

function deleteOne(ctx: RequestContext, name: string): boolean {
  const key = keyOf(name);
  const row = findParameter(ctx.platform.storage, ctx, key);
  if (!row) return false;
  deleteParameterRows(ctx.platform.storage, ctx, key);
  addToTierCount(ctx.platform.storage, ctx, row.tier, -1);
  if (row.policies) cancelPolicyTimer(ctx.platform, ctx, key);
  ctx.touch('AWS::SSM::Parameter', row.displayName);
  parameterChanged(ctx.platform, { accountId: ctx.accountId, region: ctx.region, displayName: row.displayName, type: row.type, description: row.description }, 'Delete', ctx.now);
  return true;
}

export function deleteParameter(input: { Name: string }, ctx: RequestContext) {
  if (!deleteOne(ctx, input.Name)) throw parameterNotFound(input.Name);
  return {};
}

export function deleteParameters(input: { Names: string[] }, ctx: RequestContext) {
  const DeletedParameters: string[] = [];
  const InvalidParameters: string[] = [];
  for (const name of new Set(input.Names)) (deleteOne(ctx, name) ? DeletedParameters : InvalidParameters).push(name);
  return { DeletedParameters, InvalidParameters };
}
