// The resource index keeps no EC2 descriptions: every change would write a few KB of JSON that
// only Config's discovery reads. It asks here instead, and gets the Describe view in camelCase,
// as the change's `after` would have been written (camelJson).
import type { Platform } from '../../core/platform';
import { camelJson } from './config-docs';
import { KINDS } from './kinds';
import { view } from './resources';
import { findResource } from './store';

export function describeIndexed(platform: Platform, accountId: string, region: string, resourceType: string, resourceId: string): Record<string, unknown> | undefined {
  const ctx = { platform, accountId, region, now: platform.clock.date() };
  const r = findResource(platform.storage, { accountId, region }, resourceId);
  if (!r || KINDS[r.kind]?.configType !== resourceType) return undefined;
  return JSON.parse(camelJson(view(ctx, r))!);
}
