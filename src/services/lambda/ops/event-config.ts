// Put/Get/Update/Delete/ListFunctionEventInvokeConfig(s): retries, event age and destinations
// of Event invocations, per qualifier.
import { parseArn } from '../../../core/arn';
import type { RequestContext } from '../../types';
import { functionNotFound, invalidParameter, notFound } from '../errors';
import { functionArn, parseFunctionName } from '../names';
import { requireAlias, requireFunction } from '../resolve';
import { deleteEventConfig, findEventConfig, findVersion, listEventConfigs, putEventConfig } from '../store';

const DESTINATION_SERVICES = new Set(['sqs', 'sns', 'lambda', 'events']);

function target(ctx: RequestContext, functionName: string, qualifier: string | undefined) {
  const ref = parseFunctionName(ctx, functionName, qualifier);
  requireFunction(ctx.platform, ref);
  const q = ref.qualifier ?? '$LATEST';
  if (/^\d+$/.test(q)) {
    if (!findVersion(ctx.platform.storage, ctx.accountId, ctx.region, ref.name, q)) throw functionNotFound(functionArn(ctx.region, ctx.accountId, ref.name, q));
  } else if (q !== '$LATEST') {
    requireAlias(ctx.platform, ref, q);
  }
  return { name: ref.name, q, arn: functionArn(ctx.region, ctx.accountId, ref.name, q) };
}

function checkDestinations(config: any): void {
  for (const side of ['OnSuccess', 'OnFailure']) {
    const dest = config?.[side]?.Destination;
    if (dest === undefined) continue;
    const parsed = parseArn(dest);
    if (!parsed || !DESTINATION_SERVICES.has(parsed.service)) {
      throw invalidParameter(`The provided destination config DestinationConfig(onSuccess=${config?.OnSuccess?.Destination ?? 'null'}, onFailure=${config?.OnFailure?.Destination ?? 'null'}) is invalid.`);
    }
  }
}

/** LastModified is kept as clock milliseconds and shown as a timestamp. */
function shown(config: Record<string, any>): Record<string, any> {
  return { ...config, LastModified: new Date(config.LastModified) };
}

function write(ctx: RequestContext, input: any, merge: boolean) {
  const { name, q, arn } = target(ctx, input.FunctionName, input.Qualifier);
  checkDestinations(input.DestinationConfig);
  const old = merge ? findEventConfig(ctx.platform.storage, ctx.accountId, ctx.region, name, q) : undefined;
  const config: Record<string, any> = {
    LastModified: ctx.platform.clock.now(), FunctionArn: arn,
    MaximumRetryAttempts: input.MaximumRetryAttempts ?? old?.MaximumRetryAttempts,
    MaximumEventAgeInSeconds: input.MaximumEventAgeInSeconds ?? old?.MaximumEventAgeInSeconds,
    DestinationConfig: { OnSuccess: {}, OnFailure: {}, ...(old?.DestinationConfig ?? {}), ...(input.DestinationConfig ?? {}) },
  };
  putEventConfig(ctx.platform.storage, ctx.accountId, ctx.region, name, q, config);
  return shown(config);
}

export function putFunctionEventInvokeConfig(input: any, ctx: RequestContext) {
  return write(ctx, input, false);
}

export function updateFunctionEventInvokeConfig(input: any, ctx: RequestContext) {
  return write(ctx, input, true);
}

export function getFunctionEventInvokeConfig(input: { FunctionName: string; Qualifier?: string }, ctx: RequestContext) {
  const { name, q, arn } = target(ctx, input.FunctionName, input.Qualifier);
  const config = findEventConfig(ctx.platform.storage, ctx.accountId, ctx.region, name, q);
  if (!config) throw notFound(`The function ${arn} doesn't have an EventInvokeConfig`);
  return shown(config);
}

export function deleteFunctionEventInvokeConfig(input: { FunctionName: string; Qualifier?: string }, ctx: RequestContext) {
  const { name, q, arn } = target(ctx, input.FunctionName, input.Qualifier);
  if (!findEventConfig(ctx.platform.storage, ctx.accountId, ctx.region, name, q)) throw notFound(`The function ${arn} doesn't have an EventInvokeConfig`);
  deleteEventConfig(ctx.platform.storage, ctx.accountId, ctx.region, name, q);
  return {};
}

export function listFunctionEventInvokeConfigs(input: { FunctionName: string }, ctx: RequestContext) {
  const ref = parseFunctionName(ctx, input.FunctionName);
  requireFunction(ctx.platform, ref);
  return { FunctionEventInvokeConfigs: listEventConfigs(ctx.platform.storage, ctx.accountId, ctx.region, ref.name).map(shown) };
}
