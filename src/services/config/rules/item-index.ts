// An in-memory view of configuration items for RuleContext.items: by type, and by type and id.
import type { ConfigurationItem, RuleContext } from './types';

export function indexItems(items: Iterable<ConfigurationItem>): RuleContext['items'] {
  const byType = new Map<string, Map<string, ConfigurationItem>>();
  for (const item of items) {
    let ofType = byType.get(item.resourceType);
    if (!ofType) byType.set(item.resourceType, (ofType = new Map()));
    ofType.set(item.resourceId, item);
  }
  return {
    byType: (type) => byType.get(type)?.values() ?? [],
    get: (type, id) => byType.get(type)?.get(id),
  };
}

/** A rule context over a list of items (tests, and one-off evaluations). */
export function ruleContext(items: ConfigurationItem[], parameters: Record<string, string> = {}, extra: Partial<RuleContext> = {}): RuleContext {
  return { parameters, items: indexItems(items), accountId: '000000000000', region: 'us-east-1', now: new Date('2026-01-01T00:00:00Z'), ...extra };
}
