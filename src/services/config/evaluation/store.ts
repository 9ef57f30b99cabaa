// Config rules and their evaluation results: config_rules (the rule as PutConfigRule stored it, plus
// its evaluation status) and config_evaluations (the latest result per rule and resource).
import type { Row, Storage } from '../../../storage/database';
import { namedRows } from '../named-rows';

export const EVALUATION_MIGRATIONS = [
  `CREATE TABLE config_rules (
     account_id TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL, arn TEXT NOT NULL, id TEXT NOT NULL,
     rule_json TEXT NOT NULL, status_json TEXT NOT NULL, PRIMARY KEY (account_id, region, name));
   CREATE TABLE config_evaluations (
     account_id TEXT NOT NULL, region TEXT NOT NULL, rule_name TEXT NOT NULL, resource_type TEXT NOT NULL, resource_id TEXT NOT NULL,
     compliance TEXT NOT NULL, annotation TEXT, ordering_ms INTEGER NOT NULL, recorded_ms INTEGER NOT NULL, invoked_ms INTEGER NOT NULL,
     PRIMARY KEY (account_id, region, rule_name, resource_type, resource_id));
   CREATE INDEX config_evaluations_by_resource ON config_evaluations (account_id, region, resource_type, resource_id);`,
];

export interface Scope { accountId: string; region: string }

/** What DescribeConfigRuleEvaluationStatus reports, as epoch ms. */
export interface RuleStatus {
  firstActivated: number;
  lastSuccessfulInvocation?: number;
  lastFailedInvocation?: number;
  lastSuccessfulEvaluation?: number;
  lastFailedEvaluation?: number;
  lastErrorCode?: string;
  lastErrorMessage?: string;
  lastPeriodicRun?: number;
}

export interface RuleRow extends Scope {
  name: string;
  arn: string;
  id: string;
  rule: any; // the ConfigRule as DescribeConfigRules returns it
  status: RuleStatus;
}

export interface EvaluationRow extends Scope {
  ruleName: string;
  resourceType: string;
  resourceId: string;
  compliance: string;
  annotation?: string;
  orderingMs: number;
  recordedMs: number;
  invokedMs: number;
}

const toRule = (r: Row): RuleRow => ({
  accountId: r.account_id, region: r.region, name: r.name, arn: r.arn, id: r.id, rule: JSON.parse(r.rule_json), status: JSON.parse(r.status_json),
});

const toEvaluation = (r: Row): EvaluationRow => ({
  accountId: r.account_id, region: r.region, ruleName: r.rule_name, resourceType: r.resource_type, resourceId: r.resource_id,
  compliance: r.compliance, annotation: r.annotation ?? undefined, orderingMs: r.ordering_ms, recordedMs: r.recorded_ms, invokedMs: r.invoked_ms,
});

const named = namedRows('config_rules', toRule);
export const findRule = named.find;
export const findRuleByArn = named.findByArn;
export const listRules = named.list;

/** Every rule of the account (global items are judged by rules in any region). */
export function accountRules(s: Storage, accountId: string): RuleRow[] {
  return (s.stmt('SELECT * FROM config_rules WHERE account_id = ? ORDER BY region, name').all(accountId) as Row[]).map(toRule);
}

export function allRules(s: Storage): RuleRow[] {
  return (s.stmt('SELECT * FROM config_rules ORDER BY account_id, region, name').all() as Row[]).map(toRule);
}

export function saveRule(s: Storage, r: RuleRow): void {
  s.stmt('INSERT OR REPLACE INTO config_rules (account_id, region, name, arn, id, rule_json, status_json) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(r.accountId, r.region, r.name, r.arn, r.id, JSON.stringify(r.rule), JSON.stringify(r.status));
}

export function deleteRule(s: Storage, scope: Scope, name: string): void {
  s.stmt('DELETE FROM config_rules WHERE account_id = ? AND region = ? AND name = ?').run(scope.accountId, scope.region, name);
  deleteEvaluations(s, scope, name);
}

export function deleteEvaluations(s: Storage, scope: Scope, ruleName: string): void {
  s.stmt('DELETE FROM config_evaluations WHERE account_id = ? AND region = ? AND rule_name = ?').run(scope.accountId, scope.region, ruleName);
}

export function findEvaluation(s: Storage, scope: Scope, ruleName: string, type: string, id: string): EvaluationRow | undefined {
  const r = s.stmt('SELECT * FROM config_evaluations WHERE account_id = ? AND region = ? AND rule_name = ? AND resource_type = ? AND resource_id = ?')
    .get(scope.accountId, scope.region, ruleName, type, id) as Row | undefined;
  return r && toEvaluation(r);
}

export function saveEvaluation(s: Storage, e: EvaluationRow): void {
  s.stmt(`INSERT OR REPLACE INTO config_evaluations (account_id, region, rule_name, resource_type, resource_id, compliance, annotation, ordering_ms, recorded_ms, invoked_ms)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(e.accountId, e.region, e.ruleName, e.resourceType, e.resourceId, e.compliance, e.annotation ?? null, e.orderingMs, e.recordedMs, e.invokedMs);
}

export function ruleEvaluations(s: Storage, scope: Scope, ruleName: string): EvaluationRow[] {
  return (s.stmt('SELECT * FROM config_evaluations WHERE account_id = ? AND region = ? AND rule_name = ? ORDER BY resource_type, resource_id')
    .all(scope.accountId, scope.region, ruleName) as Row[]).map(toEvaluation);
}

export function scopeEvaluations(s: Storage, scope: Scope): EvaluationRow[] {
  return (s.stmt('SELECT * FROM config_evaluations WHERE account_id = ? AND region = ? ORDER BY resource_type, resource_id, rule_name')
    .all(scope.accountId, scope.region) as Row[]).map(toEvaluation);
}

/** One resource type's evaluations, or one resource's (through config_evaluations_by_resource). */
export function resourceEvaluations(s: Storage, scope: Scope, type: string, id?: string): EvaluationRow[] {
  const rows = id === undefined
    ? s.stmt('SELECT * FROM config_evaluations WHERE account_id = ? AND region = ? AND resource_type = ? ORDER BY resource_id, rule_name').all(scope.accountId, scope.region, type)
    : s.stmt('SELECT * FROM config_evaluations WHERE account_id = ? AND region = ? AND resource_type = ? AND resource_id = ? ORDER BY rule_name').all(scope.accountId, scope.region, type, id);
  return (rows as Row[]).map(toEvaluation);
}
