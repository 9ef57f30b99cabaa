// A rule's Scope: which configuration items a change-triggered rule evaluates.
import { tagsOf } from './fields';
import type { ConfigurationItem } from './types';

export interface RuleScope {
  ComplianceResourceTypes?: string[];
  TagKey?: string;
  TagValue?: string;
  ComplianceResourceId?: string;
}

/**
 * AWS's matching: the item's type must be listed (when types are given), its id must equal
 * ComplianceResourceId (when given, with one type), and it must carry TagKey (with TagValue, when
 * given). An empty scope takes every item.
 */
export function inScope(scope: RuleScope | undefined, item: Pick<ConfigurationItem, 'resourceType' | 'resourceId' | 'tags' | 'configuration'>): boolean {
  if (!scope) return true;
  const types = scope.ComplianceResourceTypes ?? [];
  if (types.length && !types.includes(item.resourceType)) return false;
  if (scope.ComplianceResourceId !== undefined && scope.ComplianceResourceId !== item.resourceId) return false;
  if (scope.TagKey !== undefined) {
    const tags = tagsOf(item as ConfigurationItem);
    if (!Object.hasOwn(tags, scope.TagKey)) return false;
    if (scope.TagValue !== undefined && tags[scope.TagKey] !== scope.TagValue) return false;
  }
  return true;
}

/** The resource types a scope can ever match, for indexing rules by type (undefined: any type). */
export function scopeTypes(scope: RuleScope | undefined, ruleTypes: string[]): string[] | undefined {
  const types = scope?.ComplianceResourceTypes ?? [];
  if (types.length) return types;
  return ruleTypes.length ? ruleTypes : undefined;
}
