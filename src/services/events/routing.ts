// From an event to deliveries: the envelope AWS builds, the bus's enabled rules whose pattern
// matches, and one queued delivery per target, written in the caller's transaction.
import { randomUUID } from 'node:crypto';
import { compilePattern, type PatternNode } from './pattern/compile';
import { matchesPattern } from './pattern/match';
import { ruleArn, type Scope } from './names';
import { enqueueDelivery, listTargets, patternRules, type RuleRow } from './store';
import { renderInput } from './transform';

export interface EventEnvelope {
  version: '0'; id: string; 'detail-type': string; source: string; account: string; time: string; region: string;
  resources: string[]; detail: unknown;
}

/** AWS's event time: ISO-8601 to the second. */
export function eventTime(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function buildEvent(scope: Pick<Scope, 'accountId' | 'region'>, e: { source: string; detailType: string; detail: unknown; resources?: string[]; time: Date }): EventEnvelope {
  return {
    version: '0', id: randomUUID(), 'detail-type': e.detailType, source: e.source, account: scope.accountId,
    time: eventTime(e.time), region: scope.region, resources: e.resources ?? [], detail: e.detail,
  };
}

// Patterns are compiled once per text; a bounded cache keeps a busy bus from re-parsing them.
const compiled = new Map<string, PatternNode>();

function compiledPattern(text: string): PatternNode | undefined {
  let node = compiled.get(text);
  if (!node) {
    try {
      node = compilePattern(text);
    } catch {
      return undefined; // stored patterns were checked at PutRule
    }
    if (compiled.size >= 1000) compiled.delete(compiled.keys().next().value!);
    compiled.set(text, node);
  }
  return node;
}

/** Queues a delivery to every target of rule for event. */
export function queueForRule(scope: Scope, rule: RuleRow, event: EventEnvelope, hops: number): void {
  const storage = scope.platform.storage;
  const info = { ruleArn: ruleArn(rule, rule.bus, rule.name), ruleName: rule.name, ingestionTime: eventTime(scope.now) };
  const eventJson = JSON.stringify(event);
  for (const t of listTargets(storage, rule.accountId, rule.region, rule.bus, rule.name)) {
    enqueueDelivery(storage, {
      accountId: rule.accountId, region: rule.region, bus: rule.bus, rule: rule.name, target: t.target,
      payload: renderInput(t.target as any, event as any, info), eventJson, hops,
    }, scope.now.getTime());
  }
}

/** Matches an event against the bus's enabled rules and queues deliveries; returns how many rules matched. */
export function routeEvent(scope: Scope, bus: string, event: EventEnvelope, hops = 0): number {
  let matched = 0;
  for (const rule of patternRules(scope.platform.storage, scope.accountId, scope.region, bus)) {
    const node = compiledPattern(rule.pattern!);
    if (!node || !matchesPattern(node, event)) continue;
    matched++;
    queueForRule(scope, rule, event, hops);
  }
  return matched;
}
