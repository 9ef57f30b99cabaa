// CreateAlias, GetAlias, UpdateAlias, DeleteAlias, ListAliases. Routing weights send a share of
// invocations to one additional version.
import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../types';
import { conflict, functionNotFound, invalidParameter, preconditionFailed } from '../errors';
import { functionArn, parseFunctionName, type FunctionRef } from '../names';
import { decodeMarker, encodeMarker } from '../paging';
import { requireAlias, requireFunction } from '../resolve';
import { deleteAlias as removeAlias, findAlias, findVersion, listAliases as listAliasRows, putAlias } from '../store';

function refOf(ctx: RequestContext, functionName: string): FunctionRef {
  const ref = parseFunctionName(ctx, functionName);
  requireFunction(ctx.platform, ref);
  return ref;
}

function requireVersion(ctx: RequestContext, ref: FunctionRef, version: string): void {
  if (!findVersion(ctx.platform.storage, ctx.accountId, ctx.region, ref.name, version)) {
    throw functionNotFound(functionArn(ctx.region, ctx.accountId, ref.name, version));
  }
}

function checkRouting(ctx: RequestContext, ref: FunctionRef, primary: string, routing: any): void {
  const weights: Record<string, number> = routing?.AdditionalVersionWeights ?? {};
  const entries = Object.entries(weights);
  if (!entries.length) return;
  if (entries.length > 1) throw invalidParameter('Number of items in AdditionalVersionWeights cannot be greater than 1');
  if (primary === '$LATEST') throw invalidParameter('$LATEST is not supported for an alias pointing to more than 1 version');
  for (const [version, weight] of entries) {
    if (version === primary) throw invalidParameter(`Invalid function version ${version}. Function version ${version} is already included in routing configuration.`);
    if (!(weight >= 0 && weight <= 1)) throw invalidParameter('Weight must be between 0.0 and 1.0');
    requireVersion(ctx, ref, version);
  }
}

export function createAlias(input: { FunctionName: string; Name: string; FunctionVersion: string; Description?: string; RoutingConfig?: any }, ctx: RequestContext) {
  const ref = refOf(ctx, input.FunctionName);
  const arn = functionArn(ctx.region, ctx.accountId, ref.name, input.Name);
  if (findAlias(ctx.platform.storage, ctx.accountId, ctx.region, ref.name, input.Name)) throw conflict(`Alias already exists: ${arn}`);
  requireVersion(ctx, ref, input.FunctionVersion);
  checkRouting(ctx, ref, input.FunctionVersion, input.RoutingConfig);
  const alias = {
    AliasArn: arn, Name: input.Name, FunctionVersion: input.FunctionVersion, Description: input.Description ?? '', RevisionId: randomUUID(),
    ...(input.RoutingConfig?.AdditionalVersionWeights && Object.keys(input.RoutingConfig.AdditionalVersionWeights).length ? { RoutingConfig: input.RoutingConfig } : {}),
  };
  putAlias(ctx.platform.storage, ctx.accountId, ctx.region, ref.name, input.Name, alias);
  return alias;
}

export function getAlias(input: { FunctionName: string; Name: string }, ctx: RequestContext) {
  return requireAlias(ctx.platform, refOf(ctx, input.FunctionName), input.Name);
}

export function updateAlias(input: { FunctionName: string; Name: string; FunctionVersion?: string; Description?: string; RoutingConfig?: any; RevisionId?: string }, ctx: RequestContext) {
  const ref = refOf(ctx, input.FunctionName);
  const alias = requireAlias(ctx.platform, ref, input.Name);
  if (input.RevisionId !== undefined && input.RevisionId !== alias.RevisionId) throw preconditionFailed();
  if (input.FunctionVersion !== undefined) requireVersion(ctx, ref, input.FunctionVersion);
  const primary = input.FunctionVersion ?? alias.FunctionVersion;
  if (input.RoutingConfig !== undefined) {
    checkRouting(ctx, ref, primary, input.RoutingConfig);
    if (input.RoutingConfig.AdditionalVersionWeights && Object.keys(input.RoutingConfig.AdditionalVersionWeights).length) alias.RoutingConfig = input.RoutingConfig;
    else delete alias.RoutingConfig;
  }
  alias.FunctionVersion = primary;
  if (input.Description !== undefined) alias.Description = input.Description;
  alias.RevisionId = randomUUID();
  putAlias(ctx.platform.storage, ctx.accountId, ctx.region, ref.name, input.Name, alias);
  return alias;
}

/** Deleting an alias that is not there (or of a function that is not there) succeeds, as in AWS. */
export function deleteAlias(input: { FunctionName: string; Name: string }, ctx: RequestContext) {
  const ref = parseFunctionName(ctx, input.FunctionName);
  removeAlias(ctx.platform.storage, ctx.accountId, ctx.region, ref.name, input.Name);
  return {};
}

export function listAliases(input: { FunctionName: string; FunctionVersion?: string; Marker?: string; MaxItems?: number }, ctx: RequestContext) {
  const ref = refOf(ctx, input.FunctionName);
  const all = listAliasRows(ctx.platform.storage, ctx.accountId, ctx.region, ref.name)
    .filter((a) => input.FunctionVersion === undefined || a.FunctionVersion === input.FunctionVersion);
  const after = decodeMarker(input.Marker);
  const start = after ? all.findIndex((a) => a.Name === after) + 1 : 0;
  const size = input.MaxItems ?? 50;
  const page = all.slice(start, start + size);
  return { Aliases: page, NextMarker: start + size < all.length ? encodeMarker(page[page.length - 1].Name) : undefined };
}
