// Where an EventBridge call acts: its scope, the ARNs it names, bus and rule look-ups, and the
// AWS Config changes (AWS::Events::EventBus, AWS::Events::Rule) it writes.
import { arn, parseArn } from '../../core/arn';
import type { Platform } from '../../core/platform';
import type { RequestContext } from '../types';
import { busNotFound, ruleNotFound } from './errors';
import { findBus, findRule, saveBus, type BusRow, type RuleRow } from './store';

/** A request context, or the same fields when a schedule or another service acts. */
export type Scope = Pick<RequestContext, 'platform' | 'accountId' | 'region' | 'now'> & Partial<Pick<RequestContext, 'emit' | 'touch'>>;

export function scopeOf(platform: Platform, accountId: string, region: string): Scope {
  return { platform, accountId, region, now: platform.clock.date() };
}

export const DEFAULT_BUS = 'default';

export function busArn(scope: Pick<Scope, 'accountId' | 'region'>, name: string): string {
  return arn('events', scope.region, scope.accountId, `event-bus/${name}`);
}

/** Rules on the default bus have no bus in their ARN. */
export function ruleArn(scope: Pick<Scope, 'accountId' | 'region'>, bus: string, name: string): string {
  return arn('events', scope.region, scope.accountId, bus === DEFAULT_BUS ? `rule/${name}` : `rule/${bus}/${name}`);
}

/** A bus name from a name or an event-bus ARN (undefined means the default bus). */
export function busNameOf(nameOrArn: string | undefined): string {
  if (!nameOrArn) return DEFAULT_BUS;
  if (nameOrArn.startsWith('arn:')) {
    const parsed = parseArn(nameOrArn);
    if (parsed?.resource.startsWith('event-bus/')) return parsed.resource.slice('event-bus/'.length);
  }
  return nameOrArn;
}

/** The default bus exists in every account and Region: its row is written the first time it is used. */
export function ensureDefaultBus(scope: Scope): BusRow {
  const found = findBus(scope.platform.storage, scope.accountId, scope.region, DEFAULT_BUS);
  if (found) return found;
  const at = scope.now.getTime();
  const row: BusRow = {
    accountId: scope.accountId, region: scope.region, name: DEFAULT_BUS, description: null, policy: null, kmsKey: null,
    deadLetterArn: null, createdAt: at, modifiedAt: at,
  };
  saveBus(scope.platform.storage, row);
  return row;
}

export function requireBus(scope: Scope, nameOrArn: string | undefined): BusRow {
  const name = busNameOf(nameOrArn);
  if (name === DEFAULT_BUS) return ensureDefaultBus(scope);
  const bus = findBus(scope.platform.storage, scope.accountId, scope.region, name);
  if (!bus) throw busNotFound(name);
  return bus;
}

export function requireRule(scope: Scope, busNameOrArn: string | undefined, name: string): RuleRow {
  const bus = requireBus(scope, busNameOrArn);
  const rule = findRule(scope.platform.storage, scope.accountId, scope.region, bus.name, name);
  if (!rule) throw ruleNotFound(name, bus.name);
  return rule;
}

function emitChange(scope: Scope, change: { resourceType: string; resourceId: string; arn: string; resourceName: string; before: unknown; after: unknown }): void {
  if (scope.emit) return scope.emit(change);
  scope.platform.outbox.emit({ ...change, accountId: scope.accountId, region: scope.region, service: 'events', time: scope.now.toISOString() });
}

/** DescribeEventBus in camelCase, as AWS Config records an AWS::Events::EventBus. */
export function busConfiguration(scope: Scope, b: BusRow): Record<string, unknown> {
  return { name: b.name, arn: busArn(scope, b.name), policy: b.policy ?? undefined, description: b.description ?? undefined,
    kmsKeyIdentifier: b.kmsKey ?? undefined, creationTime: new Date(b.createdAt).toISOString(), lastModifiedTime: new Date(b.modifiedAt).toISOString() };
}

export function emitBusChange(scope: Scope, name: string, before: BusRow | null, after: BusRow | null): void {
  emitChange(scope, { resourceType: 'AWS::Events::EventBus', resourceId: name, arn: busArn(scope, name), resourceName: name,
    before: before && busConfiguration(scope, before), after: after && busConfiguration(scope, after) });
}

/** DescribeRule in camelCase, with the rule's targets, as AWS Config records an AWS::Events::Rule. */
export function ruleConfiguration(scope: Scope, r: RuleRow, targets: Record<string, unknown>[]): Record<string, unknown> {
  return { name: r.name, arn: ruleArn(scope, r.bus, r.name), eventBusName: r.bus, eventPattern: r.pattern ?? undefined,
    scheduleExpression: r.schedule ?? undefined, state: r.state, description: r.description ?? undefined, roleArn: r.roleArn ?? undefined,
    targets: targets.map(camelCase) };
}

function camelCase(value: unknown): any {
  if (Array.isArray(value)) return value.map(camelCase);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = Object.create(null);
  for (const [k, v] of Object.entries(value)) out[k[0].toLowerCase() + k.slice(1)] = k === 'InputPathsMap' ? v : camelCase(v);
  return out;
}

export function emitRuleChange(scope: Scope, rule: RuleRow, before: Record<string, unknown> | null, after: Record<string, unknown> | null): void {
  emitChange(scope, { resourceType: 'AWS::Events::Rule', resourceId: rule.bus === DEFAULT_BUS ? rule.name : `${rule.bus}|${rule.name}`, arn: ruleArn(scope, rule.bus, rule.name),
    resourceName: rule.name, before, after });
}
