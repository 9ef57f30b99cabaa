// AWS::Lambda::Function resource-change events: `after` is GetFunctionConfiguration in camelCase,
// related to its execution role as AWS Config relates them.
import type { RequestContext } from '../types';
import { functionArn } from './names';

function camel(value: unknown, isMap = false): unknown {
  if (Array.isArray(value)) return value.map((v) => camel(v));
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = Object.create(null);
  for (const [k, v] of Object.entries(value)) {
    // Environment variable names are the user's, kept as given.
    const key = isMap ? k : k.charAt(0).toLowerCase() + k.slice(1);
    out[key] = camel(v, !isMap && k === 'Variables');
  }
  return out;
}

/** The configuration as GetFunctionConfiguration shows it: without kanri's note of each layer's package. */
function shown(config: Record<string, any> | null): Record<string, any> | null {
  if (!config?.Layers) return config;
  return { ...config, Layers: config.Layers.map((l: Record<string, unknown>) => ({ Arn: l.Arn, CodeSize: l.CodeSize })) };
}

export function changeEvent(ctx: RequestContext, name: string, before: Record<string, any> | null, after: Record<string, any> | null) {
  const role = (after ?? before)?.Role as string | undefined;
  const roleName = role?.split('/').pop();
  return {
    resourceType: 'AWS::Lambda::Function', resourceId: name, resourceName: name, arn: functionArn(ctx.region, ctx.accountId, name),
    before: before && camel(shown(before)), after: after && camel(shown(after)),
    relationships: roleName ? [{ resourceType: 'AWS::IAM::Role', resourceId: roleName, name: 'Is associated with Role' }] : [],
  };
}

export function emitFunction(ctx: RequestContext, name: string, before: Record<string, any> | null, after: Record<string, any> | null): void {
  ctx.emit(changeEvent(ctx, name, before, after));
}
