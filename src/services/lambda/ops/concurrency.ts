// Put/Get/DeleteFunctionConcurrency and GetAccountSettings. Reserved concurrency caps how many
// invocations of a function run at once (0 stops it); the account keeps 100 unreserved.
import type { RequestContext } from '../../types';
import { invalidParameter } from '../errors';
import { parseFunctionName } from '../names';
import { requireFunction } from '../resolve';
import { accountUsage, updateFunction } from '../store';

export const ACCOUNT_CONCURRENCY = 1000;
const MIN_UNRESERVED = 100;

function fnOf(ctx: RequestContext, functionName: string) {
  return requireFunction(ctx.platform, parseFunctionName(ctx, functionName));
}

export function putFunctionConcurrency(input: { FunctionName: string; ReservedConcurrentExecutions: number }, ctx: RequestContext) {
  const fn = fnOf(ctx, input.FunctionName);
  const others = accountUsage(ctx.platform.storage, ctx.accountId, ctx.region, fn.name).reserved;
  if (ACCOUNT_CONCURRENCY - others - input.ReservedConcurrentExecutions < MIN_UNRESERVED) {
    throw invalidParameter(`Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [${MIN_UNRESERVED}].`);
  }
  updateFunction(ctx.platform.storage, { ...fn, reservedConcurrency: input.ReservedConcurrentExecutions });
  return { ReservedConcurrentExecutions: input.ReservedConcurrentExecutions };
}

export function getFunctionConcurrency(input: { FunctionName: string }, ctx: RequestContext) {
  const fn = fnOf(ctx, input.FunctionName);
  return fn.reservedConcurrency === null ? {} : { ReservedConcurrentExecutions: fn.reservedConcurrency };
}

export function deleteFunctionConcurrency(input: { FunctionName: string }, ctx: RequestContext) {
  const fn = fnOf(ctx, input.FunctionName);
  updateFunction(ctx.platform.storage, { ...fn, reservedConcurrency: null });
  return {};
}

export function getAccountSettings(_input: unknown, ctx: RequestContext) {
  const usage = accountUsage(ctx.platform.storage, ctx.accountId, ctx.region);
  return {
    AccountLimit: {
      TotalCodeSize: 80_530_636_800, CodeSizeUnzipped: 262_144_000, CodeSizeZipped: 52_428_800,
      ConcurrentExecutions: ACCOUNT_CONCURRENCY, UnreservedConcurrentExecutions: ACCOUNT_CONCURRENCY - usage.reserved,
    },
    AccountUsage: { TotalCodeSize: usage.codeSize, FunctionCount: usage.functions },
  };
}
