// From a FunctionName/Qualifier pair to the function, and the version a qualifier points at.
import type { Platform } from '../../core/platform';
import { aliasNotFound, functionNotFound } from './errors';
import { functionArn, parseFunctionName, type FunctionRef } from './names';
import { findAlias, findFunction, findVersion, type FunctionRow, type VersionRow } from './store';

export interface Resolved {
  ref: FunctionRef;
  fn: FunctionRow;
  /** The version that runs: the qualifier's own, or the one its alias points at. */
  version: VersionRow;
  alias?: Record<string, any>;
}

export function requireFunction(platform: Platform, ref: FunctionRef): FunctionRow {
  const fn = findFunction(platform.storage, ref.accountId, ref.region, ref.name);
  if (!fn) throw functionNotFound(functionArn(ref.region, ref.accountId, ref.name, ref.qualifier));
  return fn;
}

/** Resolves a reference; an alias's weighted routing picks its additional version by `roll` (0..1). */
export function resolveRef(platform: Platform, ref: FunctionRef, roll = 1): Resolved {
  const fn = requireFunction(platform, ref);
  const s = platform.storage;
  const q = ref.qualifier ?? '$LATEST';
  if (q === '$LATEST' || /^\d+$/.test(q)) {
    const version = findVersion(s, ref.accountId, ref.region, ref.name, q);
    if (!version) throw functionNotFound(functionArn(ref.region, ref.accountId, ref.name, q));
    return { ref, fn, version };
  }
  const alias = findAlias(s, ref.accountId, ref.region, ref.name, q);
  if (!alias) throw functionNotFound(functionArn(ref.region, ref.accountId, ref.name, q));
  let target = alias.FunctionVersion as string;
  const weights: Record<string, number> = alias.RoutingConfig?.AdditionalVersionWeights ?? {};
  let acc = 0;
  for (const [v, w] of Object.entries(weights)) {
    acc += w;
    if (roll < acc) {
      target = v;
      break;
    }
  }
  const version = findVersion(s, ref.accountId, ref.region, ref.name, target);
  if (!version) throw functionNotFound(functionArn(ref.region, ref.accountId, ref.name, target));
  return { ref, fn, version, alias };
}

export function resolve(ctx: { platform: Platform; accountId: string; region: string }, functionName: string, qualifier?: string, roll?: number): Resolved {
  return resolveRef(ctx.platform, parseFunctionName(ctx, functionName, qualifier), roll);
}

export function requireAlias(platform: Platform, ref: FunctionRef, alias: string): Record<string, any> {
  const found = findAlias(platform.storage, ref.accountId, ref.region, ref.name, alias);
  if (!found) throw aliasNotFound(functionArn(ref.region, ref.accountId, ref.name, alias));
  return found;
}
