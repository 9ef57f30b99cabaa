// AWS::Lambda::Function resource-change events: `after` is GetFunctionConfiguration in camelCase,
// with the function's resource policy as Config's supplementaryConfiguration.Policy (JSON text),
// related to its execution role as AWS Config relates them.
import { configCase } from '../../core/config-case';
import type { RequestContext } from '../types';
import { functionArn } from './names';
import type { Policies } from './policy';
import { findFunction } from './store';

// Environment variable names are the user's, kept as given.
const USER_MAPS = new Set(['Variables']);

/** The configuration as GetFunctionConfiguration shows it: without kanri's note of each layer's package. */
function shown(config: Record<string, any> | null): Record<string, any> | null {
  if (!config?.Layers) return config;
  return { ...config, Layers: config.Layers.map((l: Record<string, unknown>) => ({ Arn: l.Arn, CodeSize: l.CodeSize })) };
}

/** The description Config records: the configuration, and the unqualified function's policy if it has one. */
function described(config: Record<string, any> | null, policies: Policies | null | undefined): Record<string, any> | null {
  if (!config) return null;
  const out = configCase(shown(config), USER_MAPS) as Record<string, any>;
  const own = policies && Object.hasOwn(policies, '') ? policies[''] : undefined;
  if (own) out.supplementaryConfiguration = { Policy: JSON.stringify(own.doc) };
  return out;
}

/** `policies` defaults to what is stored now; pass the before/after policies when they are what changed. */
export function changeEvent(ctx: RequestContext, name: string, before: Record<string, any> | null, after: Record<string, any> | null,
  policies?: { before: Policies | null; after: Policies | null }) {
  const role = (after ?? before)?.Role as string | undefined;
  const roleName = role?.split('/').pop();
  const stored = policies ? undefined : findFunction(ctx.platform.storage, ctx.accountId, ctx.region, name)?.policy;
  return {
    resourceType: 'AWS::Lambda::Function', resourceId: name, resourceName: name, arn: functionArn(ctx.region, ctx.accountId, name),
    before: described(before, policies ? policies.before : stored), after: described(after, policies ? policies.after : stored),
    relationships: roleName ? [{ resourceType: 'AWS::IAM::Role', resourceId: roleName, name: 'Is associated with Role' }] : [],
  };
}

export function emitFunction(ctx: RequestContext, name: string, before: Record<string, any> | null, after: Record<string, any> | null,
  policies?: { before: Policies | null; after: Policies | null }): void {
  ctx.emit(changeEvent(ctx, name, before, after, policies));
}
