// The rules engine: which rules judge an item, running them (managed evaluators, Guard policies),
// and recording results. A result whose compliance changed is announced on EventBridge as
// "Config Rules Compliance Change", as AWS Config does.
import type { Platform } from '../../../core/platform';
import { serviceApi } from '../../links';
import { itemSource } from '../api';
import type { ConfigItem } from '../items';
import {
  catalogueRule, evaluateAccount, evaluateChange, inScope, managedRule, parseInputParameters, RuleEvaluationError, scopeTypes,
  validateManagedRuleParameters, type ConfigurationItem, type Evaluation, type RuleContext,
} from '../rules';
import { compileGuardPolicy } from '../rules/guard';
import { accountFacts } from './facts';
import { allRules, findEvaluation, findRule, saveEvaluation, saveRule, type EvaluationRow, type RuleRow } from './store';
import { invokeRuleFunction } from './custom-lambda';
import { pruneTokens } from './store-custom';
import { cachedAccountRules } from './rule-cache';
import { publishComplianceChange } from './notify';
import { autoRemediate } from './remediation-ops';

/** Evaluations run per rule name, for the bench: proof that a change runs only the rules in whose scope it falls. */
export const evaluationCounts = new Map<string, number>();

const CHANGE = ['ConfigurationItemChangeNotification', 'OversizedConfigurationItemChangeNotification'];

export function isChangeTriggered(rule: RuleRow): boolean {
  const source = rule.rule.Source;
  if (source.Owner === 'AWS') return catalogueRule(source.SourceIdentifier)?.triggerTypes.includes(CHANGE[0]) === true && !rule.rule.MaximumExecutionFrequency;
  return (source.SourceDetails ?? []).some((d: any) => CHANGE.includes(d.MessageType));
}

export function isPeriodic(rule: RuleRow): boolean {
  const source = rule.rule.Source;
  if (source.Owner === 'AWS') return !isChangeTriggered(rule) && catalogueRule(source.SourceIdentifier)?.triggerTypes.includes('ScheduledNotification') === true;
  return (source.SourceDetails ?? []).some((d: any) => d.MessageType === 'ScheduledNotification');
}

/** The resource types a rule judges: its scope's, else the managed rule's own. */
function typesOf(rule: RuleRow): string[] | undefined {
  const source = rule.rule.Source;
  const own = source.Owner === 'AWS' ? catalogueRule(source.SourceIdentifier)?.resourceTypes ?? [] : [];
  return scopeTypes(rule.rule.Scope, own);
}

/** A Config item as the rules read it (relationship names under `name`). */
function ruleItem(item: ConfigItem): ConfigurationItem {
  return { ...item, relationships: item.relationships.map((r) => ({ resourceType: r.resourceType, resourceId: r.resourceId, resourceName: r.resourceName, name: r.relationshipName })) };
}

function contextFor(platform: Platform, rule: RuleRow, now: Date): RuleContext {
  const source = itemSource(platform, rule.accountId, rule.region);
  const s = rule.rule.Source;
  const parameters = s.Owner === 'AWS' ? validateManagedRuleParameters(s.SourceIdentifier, rule.rule.InputParameters) : parseInputParameters(rule.rule.InputParameters);
  return {
    parameters, accountId: rule.accountId, region: rule.region, now, facts: accountFacts(platform, rule.accountId, rule.region),
    items: {
      *byType(type) { for (const item of source.byType(type)) yield ruleItem(item); },
      get(type, id) {
        for (const item of source.byId!(id)) if (item.resourceType === type) return ruleItem(item);
        return undefined;
      },
    },
  };
}

/** How one rule judges: one item (change) or the account (periodic). Throws RuleEvaluationError when it cannot. */
function judge(platform: Platform, rule: RuleRow, item: ConfigurationItem | undefined, now: Date): Evaluation[] {
  const source = rule.rule.Source;
  const ctx = contextFor(platform, rule, now);
  if (source.Owner === 'AWS') {
    const managed = managedRule(source.SourceIdentifier);
    if (!managed) throw unrunnable(rule)!;
    if (item) return evaluateChange(managed, item, ctx);
    // A periodic run judges the account; results for resources outside the scope are dropped.
    const types = typesOf(rule);
    const scope = rule.rule.Scope;
    // A scope of types alone needs no item read back per result (parsing each was most of a periodic run).
    if (!scope?.TagKey && !scope?.ComplianceResourceId) return evaluateAccount(managed, ctx, types).filter((e) => !types || types.includes(e.resourceType) || !ctx.items.get(e.resourceType, e.resourceId));
    return evaluateAccount(managed, ctx, types).filter((e) => {
      const judged = ctx.items.get(e.resourceType, e.resourceId);
      return !judged || inScope(rule.rule.Scope, judged);
    });
  }
  if (source.Owner === 'CUSTOM_POLICY') {
    const policy = compileGuardPolicy(source.CustomPolicyDetails.PolicyText);
    const items = item ? [item] : [...(typesOf(rule) ?? []).flatMap((t) => [...ctx.items.byType(t)])];
    return items.map((i) => (i.configuration && !/Deleted/.test(i.configurationItemStatus ?? '')
      ? policy(i) : { resourceType: i.resourceType, resourceId: i.resourceId, complianceType: 'NOT_APPLICABLE' as const }));
  }
  throw unrunnable(rule)!;
}

/** Why kanri cannot run a rule at all (said in its evaluation status, never as invented results). */
function unrunnable(rule: RuleRow): RuleEvaluationError | undefined {
  const source = rule.rule.Source;
  if (source.Owner === 'AWS' && !managedRule(source.SourceIdentifier)) {
    return new RuleEvaluationError(`kanri does not evaluate the managed rule ${source.SourceIdentifier} yet: the rule is kept, but it gives no results.`, 'NotImplemented');
  }
  return undefined;
}

/** Runs a rule and records what it found, with its evaluation status; call inside a transaction. */
export function runRule(platform: Platform, rule: RuleRow, item?: ConfigurationItem, leftScope = false, save = true): void {
  const now = platform.clock.date();
  const ms = now.getTime();
  evaluationCounts.set(rule.name, (evaluationCounts.get(rule.name) ?? 0) + 1);
  if (rule.rule.Source.Owner === 'CUSTOM_LAMBDA') {
    // The function answers through PutEvaluations; its invocation's outcome updates the status.
    invokeRuleFunction(platform, rule, item, leftScope);
    if (!item) {
      rule.status.lastPeriodicRun = ms;
      saveRule(platform.storage, rule);
    }
    return;
  }
  try {
    const results = judge(platform, rule, item, now);
    for (const e of results) record(platform, rule, e, ms, item ? Date.parse(item.configurationItemCaptureTime ?? now.toISOString()) : ms);
    rule.status = { ...rule.status, lastSuccessfulInvocation: ms, lastSuccessfulEvaluation: ms };
  } catch (err) {
    const e = err as Error;
    const code = err instanceof RuleEvaluationError ? e.name : (e as { code?: string }).code ?? 'InternalError';
    rule.status = { ...rule.status, lastFailedInvocation: ms, lastFailedEvaluation: ms, lastErrorCode: code, lastErrorMessage: e.message };
  }
  if (!item) rule.status.lastPeriodicRun = ms;
  if (save) saveRule(platform.storage, rule);
}

/** Every in-scope item now (a new rule, StartConfigRulesEvaluation), or the account for periodic rules. */
export function runRuleOverAccount(platform: Platform, rule: RuleRow): void {
  if (isPeriodic(rule) || rule.rule.Source.Owner !== 'AWS' && !isChangeTriggered(rule)) return runRule(platform, rule);
  const source = itemSource(platform, rule.accountId, rule.region);
  const types = typesOf(rule);
  const items = types ? types.flatMap((t) => [...source.byType(t)]) : [...source.all()];
  const inScopeItems = items.filter((i) => i.configurationItemStatus !== 'ResourceNotRecorded' && inScope(rule.rule.Scope, ruleItem(i)));
  // The status is written once for the whole pass, not once per item.
  for (const item of inScopeItems) runRule(platform, rule, ruleItem(item), false, false);
  if (inScopeItems.length) saveRule(platform.storage, rule);
  if (!inScopeItems.length) {
    // Nothing in scope yet: the rule ran and found nothing to judge.
    const ms = platform.clock.now();
    const error = unrunnable(rule);
    rule.status = error
      ? { ...rule.status, lastFailedInvocation: ms, lastFailedEvaluation: ms, lastErrorCode: error.name, lastErrorMessage: error.message }
      : { ...rule.status, lastSuccessfulInvocation: ms, lastSuccessfulEvaluation: ms };
    saveRule(platform.storage, rule);
  }
}

/** A newly recorded item: the change-triggered rules in whose scope it falls judge it, each once. */
export function onItem(item: ConfigItem, platform: Platform): void {
  if (!platform.storage.db.open) return;
  const counted = LOG_COUNTS ? new Map(evaluationCounts) : undefined;
  platform.storage.transaction(() => {
    for (const cached of cachedAccountRules(platform, item.accountId)) {
      const rule = cached;
      if (item.awsRegion !== 'global' && rule.region !== item.awsRegion) continue;
      if (!isChangeTriggered(rule)) continue;
      const types = typesOf(rule);
      if (types && !types.includes(item.resourceType)) continue;
      const deleted = /Deleted|NotRecorded/.test(item.configurationItemStatus);
      const outOfScope = !deleted && !inScope(rule.rule.Scope, ruleItem(item));
      // A custom Lambda rule hears of a resource that left its scope (eventLeftScope), as on AWS.
      if (outOfScope && rule.rule.Source.Owner !== 'CUSTOM_LAMBDA') continue;
      if ((deleted || outOfScope) && !findEvaluation(platform.storage, rule, rule.name, item.resourceType, item.resourceId)) continue;
      const fresh = findRule(platform.storage, rule, rule.name); // its current status
      if (fresh) runRule(platform, fresh, ruleItem(item), deleted || outOfScope);
    }
  });
  if (counted) logCounts(`${item.resourceType} ${item.resourceId}`, counted);
}

/** KANRI_CONFIG_RULE_LOG=1: one stderr line per recorded item or periodic run naming the rules it ran (bench/config-rules.js reads it). */
const LOG_COUNTS = process.env.KANRI_CONFIG_RULE_LOG === '1';

function logCounts(what: string, before: Map<string, number>): void {
  const ran = [...evaluationCounts].filter(([name, n]) => n !== (before.get(name) ?? 0)).map(([name, n]) => `${name}:${n - (before.get(name) ?? 0)}`);
  console.error(`kanri-config-rules: ${what} ran ${ran.join(',') || '-'}`);
}

/** Records one result (managed, Guard or a function's PutEvaluations); a changed compliance is announced. */
export function record(platform: Platform, rule: RuleRow, e: Evaluation, invokedMs: number, orderingMs: number, recordedMs = invokedMs): void {
  const before = findEvaluation(platform.storage, rule, rule.name, e.resourceType, e.resourceId);
  if (before && before.compliance === e.complianceType && before.annotation === e.annotation) return;
  const row: EvaluationRow = {
    accountId: rule.accountId, region: rule.region, ruleName: rule.name, resourceType: e.resourceType, resourceId: e.resourceId,
    compliance: e.complianceType, annotation: e.annotation, orderingMs, recordedMs, invokedMs,
  };
  saveEvaluation(platform.storage, row);
  if (before?.compliance === e.complianceType) return;
  const result = (r: EvaluationRow) => ({
    evaluationResultIdentifier: { evaluationResultQualifier: { configRuleName: rule.name, resourceType: r.resourceType, resourceId: r.resourceId, evaluationMode: 'DETECTIVE' },
      orderingTimestamp: new Date(r.orderingMs).toISOString() },
    complianceType: r.compliance, resultRecordedTime: new Date(r.recordedMs).toISOString(), configRuleInvokedTime: new Date(r.invokedMs).toISOString(),
    ...(r.annotation ? { annotation: r.annotation } : {}),
  });
  const detail = {
    resourceId: e.resourceId, awsRegion: rule.region, awsAccountId: rule.accountId, configRuleName: rule.name, recordVersion: '1.0',
    configRuleARN: rule.arn, messageType: 'ComplianceChangeNotification', newEvaluationResult: result(row),
    ...(before ? { oldEvaluationResult: result(before) } : {}), notificationCreationTime: new Date(recordedMs).toISOString(), resourceType: e.resourceType,
  };
  serviceApi<typeof import('../../events/api')>('events')?.putEvent(platform, rule.accountId, rule.region, {
    source: 'aws.config', detailType: 'Config Rules Compliance Change', detail, resources: [rule.arn],
  });
  publishComplianceChange(platform, rule, row, before);
  if (row.compliance === 'NON_COMPLIANT') autoRemediate(platform, rule, row.resourceType, row.resourceId);
}

const FREQUENCY_MS: Record<string, number> = {
  One_Hour: 3_600_000, Three_Hours: 3 * 3_600_000, Six_Hours: 6 * 3_600_000, Twelve_Hours: 12 * 3_600_000, TwentyFour_Hours: 24 * 3_600_000,
};

const TOKEN_LIFETIME_MS = 24 * 3_600_000;

/** Periodic rules whose MaximumExecutionFrequency has passed since their last run. */
export function runPeriodic(platform: Platform, at: number): void {
  if (!platform.storage.db.open) return;
  const counted = LOG_COUNTS ? new Map(evaluationCounts) : undefined;
  platform.storage.transaction(() => {
    pruneTokens(platform.storage, at - TOKEN_LIFETIME_MS);
    for (const rule of allRules(platform.storage)) {
      if (!isPeriodic(rule)) continue;
      const source = rule.rule.Source;
      const details = (source.SourceDetails ?? []).find((d: any) => d.MessageType === 'ScheduledNotification');
      const frequency = rule.rule.MaximumExecutionFrequency ?? details?.MaximumExecutionFrequency ?? 'TwentyFour_Hours';
      const last = rule.status.lastPeriodicRun ?? rule.status.firstActivated;
      if (at - last >= FREQUENCY_MS[frequency]) runRule(platform, rule);
    }
  });
  if (counted) logCounts('periodic', counted);
}

export function schedulePeriodic(platform: Platform): void {
  platform.scheduler.every('config-rules-periodic', 'rate(1 hour)', (at) => runPeriodic(platform, at.getTime()));
}
