// What custom Lambda rules and remediation keep (and config_rule_generations, see rule-cache.ts): config_result_tokens (the ResultToken each
// invocation carries, so PutEvaluations knows the rule and the invocation time),
// config_remediations, config_remediation_exceptions and config_remediation_executions.
import type { Row, Storage } from '../../../storage/database';
import type { Scope } from './store';

export const CUSTOM_MIGRATIONS = [
  `CREATE TABLE config_result_tokens (
     token TEXT PRIMARY KEY, account_id TEXT NOT NULL, region TEXT NOT NULL, rule_name TEXT NOT NULL, invoked_ms INTEGER NOT NULL);
   CREATE INDEX config_result_tokens_by_time ON config_result_tokens (invoked_ms);
   CREATE TABLE config_rule_generations (account_id TEXT PRIMARY KEY, generation TEXT NOT NULL);
   CREATE TABLE config_remediations (
     account_id TEXT NOT NULL, region TEXT NOT NULL, rule_name TEXT NOT NULL, config_json TEXT NOT NULL, PRIMARY KEY (account_id, region, rule_name));
   CREATE TABLE config_remediation_exceptions (
     account_id TEXT NOT NULL, region TEXT NOT NULL, rule_name TEXT NOT NULL, resource_type TEXT NOT NULL, resource_id TEXT NOT NULL,
     message TEXT, expiration_ms INTEGER, PRIMARY KEY (account_id, region, rule_name, resource_type, resource_id));
   CREATE TABLE config_remediation_executions (
     account_id TEXT NOT NULL, region TEXT NOT NULL, rule_name TEXT NOT NULL, resource_type TEXT NOT NULL, resource_id TEXT NOT NULL,
     state TEXT NOT NULL, invocation_ms INTEGER NOT NULL, updated_ms INTEGER NOT NULL, steps_json TEXT NOT NULL,
     PRIMARY KEY (account_id, region, rule_name, resource_type, resource_id));`,
];

export interface TokenRow extends Scope { token: string; ruleName: string; invokedMs: number }

export function saveToken(s: Storage, t: TokenRow): void {
  s.stmt('INSERT INTO config_result_tokens (token, account_id, region, rule_name, invoked_ms) VALUES (?, ?, ?, ?, ?)')
    .run(t.token, t.accountId, t.region, t.ruleName, t.invokedMs);
}

export function findToken(s: Storage, token: string): TokenRow | undefined {
  const r = s.stmt('SELECT * FROM config_result_tokens WHERE token = ?').get(token) as Row | undefined;
  return r && { token: r.token, accountId: r.account_id, region: r.region, ruleName: r.rule_name, invokedMs: r.invoked_ms };
}

/** Tokens older than this are forgotten (a function answers well within Lambda's 6-hour event age). */
export function pruneTokens(s: Storage, beforeMs: number): void {
  s.stmt('DELETE FROM config_result_tokens WHERE invoked_ms < ?').run(beforeMs);
}

export function deleteRuleTokens(s: Storage, scope: Scope, ruleName: string): void {
  s.stmt('DELETE FROM config_result_tokens WHERE account_id = ? AND region = ? AND rule_name = ?').run(scope.accountId, scope.region, ruleName);
}

export function findRemediation(s: Storage, scope: Scope, ruleName: string): any | undefined {
  const r = s.stmt('SELECT config_json FROM config_remediations WHERE account_id = ? AND region = ? AND rule_name = ?').get(scope.accountId, scope.region, ruleName) as Row | undefined;
  return r && JSON.parse(r.config_json);
}

export function saveRemediation(s: Storage, scope: Scope, config: any): void {
  s.stmt('INSERT OR REPLACE INTO config_remediations (account_id, region, rule_name, config_json) VALUES (?, ?, ?, ?)')
    .run(scope.accountId, scope.region, config.ConfigRuleName, JSON.stringify(config));
}

export function deleteRemediation(s: Storage, scope: Scope, ruleName: string): void {
  s.stmt('DELETE FROM config_remediations WHERE account_id = ? AND region = ? AND rule_name = ?').run(scope.accountId, scope.region, ruleName);
  s.stmt('DELETE FROM config_remediation_executions WHERE account_id = ? AND region = ? AND rule_name = ?').run(scope.accountId, scope.region, ruleName);
}

export interface ExceptionRow { ruleName: string; resourceType: string; resourceId: string; message?: string; expirationMs?: number }

export function listExceptions(s: Storage, scope: Scope, ruleName: string, nowMs: number): ExceptionRow[] {
  return (s.stmt(`SELECT * FROM config_remediation_exceptions WHERE account_id = ? AND region = ? AND rule_name = ?
                   AND (expiration_ms IS NULL OR expiration_ms > ?) ORDER BY resource_type, resource_id`)
    .all(scope.accountId, scope.region, ruleName, nowMs) as Row[])
    .map((r) => ({ ruleName: r.rule_name, resourceType: r.resource_type, resourceId: r.resource_id, message: r.message ?? undefined, expirationMs: r.expiration_ms ?? undefined }));
}

export function saveException(s: Storage, scope: Scope, e: ExceptionRow): void {
  s.stmt(`INSERT OR REPLACE INTO config_remediation_exceptions (account_id, region, rule_name, resource_type, resource_id, message, expiration_ms)
          VALUES (?, ?, ?, ?, ?, ?, ?)`).run(scope.accountId, scope.region, e.ruleName, e.resourceType, e.resourceId, e.message ?? null, e.expirationMs ?? null);
}

export function deleteException(s: Storage, scope: Scope, ruleName: string, type: string, id: string): boolean {
  return s.stmt('DELETE FROM config_remediation_exceptions WHERE account_id = ? AND region = ? AND rule_name = ? AND resource_type = ? AND resource_id = ?')
    .run(scope.accountId, scope.region, ruleName, type, id).changes > 0;
}

export interface ExecutionRow { ruleName: string; resourceType: string; resourceId: string; state: string; invocationMs: number; updatedMs: number; steps: any[] }

export function saveExecution(s: Storage, scope: Scope, e: ExecutionRow): void {
  s.stmt(`INSERT OR REPLACE INTO config_remediation_executions (account_id, region, rule_name, resource_type, resource_id, state, invocation_ms, updated_ms, steps_json)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(scope.accountId, scope.region, e.ruleName, e.resourceType, e.resourceId, e.state, e.invocationMs, e.updatedMs, JSON.stringify(e.steps));
}

export function listExecutions(s: Storage, scope: Scope, ruleName: string): ExecutionRow[] {
  return (s.stmt('SELECT * FROM config_remediation_executions WHERE account_id = ? AND region = ? AND rule_name = ? ORDER BY resource_type, resource_id')
    .all(scope.accountId, scope.region, ruleName) as Row[])
    .map((r) => ({ ruleName: r.rule_name, resourceType: r.resource_type, resourceId: r.resource_id, state: r.state, invocationMs: r.invocation_ms, updatedMs: r.updated_ms, steps: JSON.parse(r.steps_json) }));
}
