// Config rules: PutConfigRule, DescribeConfigRules, DeleteConfigRule, their evaluation status,
// StartConfigRulesEvaluation and DeleteEvaluationResults.
import { randomBytes } from 'node:crypto';
import { arn } from '../../../core/arn';
import { AwsError } from '../../../protocol/errors';
import type { RequestContext } from '../../types';
import { catalogueRule, unknownSourceIdentifier, validateManagedRuleParameters } from '../rules';
import { compileGuardPolicy } from '../rules/guard';
import { listRecorders, putTags, removeTags } from '../store';
import { noRecorder } from '../errors';
import { runRuleOverAccount } from './engine';
import { deleteEvaluations, deleteRule, findRule, listRules, saveRule, type RuleRow } from './store';
import { checkRuleFunction } from './custom-lambda';
import { deleteRuleTokens, findRemediation } from './store-custom';
import { invalidateRules } from './rule-cache';

const MAX_RULES = 1000; // AWS's quota of Config rules per account and Region
const invalid = (message: string) => new AwsError('InvalidParameterValueException', message);
export const noSuchRule = (name: string) =>
  new AwsError('NoSuchConfigRuleException', `The ConfigRule '${name}' provided in the request is invalid. Please check the configRule name.`);
const scopeOf = (ctx: RequestContext) => ({ accountId: ctx.accountId, region: ctx.region });

export function requireRule(ctx: RequestContext, name: string): RuleRow {
  const rule = findRule(ctx.platform.storage, scopeOf(ctx), name);
  if (!rule) throw noSuchRule(name);
  return rule;
}

/** A rule a service deployed (a conformance pack's) is changed or deleted only through that service. */
function refuseServiceLinked(rule: RuleRow): void {
  if (rule.rule.CreatedBy) {
    throw new AwsError('AccessDeniedException', 'An AWS service owns ServiceLinkedConfigRule. You do not have permissions to take action on this rule.');
  }
}

/** The Source checks AWS makes, by owner. */
export function checkSource(rule: any): void {
  const source = rule.Source;
  if (source.Owner === 'AWS') {
    const entry = catalogueRule(source.SourceIdentifier);
    if (!entry) throw unknownSourceIdentifier(source.SourceIdentifier);
    validateManagedRuleParameters(source.SourceIdentifier, rule.InputParameters);
    if (rule.MaximumExecutionFrequency && !entry.triggerTypes.includes('ScheduledNotification')) {
      throw invalid('A maximum execution frequency is not allowed for rules triggered by configuration changes.');
    }
  } else if (source.Owner === 'CUSTOM_LAMBDA') {
    if (!/^arn:aws[\w-]*:lambda:[\w-]+:\d{12}:function:[\w-]+(:[\w$-]+)?$/.test(source.SourceIdentifier ?? '')) {
      throw invalid('SourceIdentifier must be the ARN of a Lambda function for a CUSTOM_LAMBDA rule.');
    }
    if (!source.SourceDetails?.length) throw invalid('SourceDetails should not be empty for a CUSTOM_LAMBDA rule.');
  } else if (source.Owner === 'CUSTOM_POLICY') {
    if (source.SourceIdentifier) throw invalid('SourceIdentifier is not allowed for a CUSTOM_POLICY rule.');
    const details = source.CustomPolicyDetails;
    if (!details?.PolicyText || !details.PolicyRuntime) throw invalid('CustomPolicyDetails with PolicyRuntime and PolicyText are required for a CUSTOM_POLICY rule.');
    if (!/^guard-2\.x\.x$/.test(details.PolicyRuntime)) throw invalid(`The policy runtime ${details.PolicyRuntime} is not supported. Use guard-2.x.x.`);
    try {
      compileGuardPolicy(details.PolicyText);
    } catch (err) {
      throw invalid(`The policy text is not valid Guard: ${(err as Error).message}`);
    }
    if (!source.SourceDetails?.length) throw invalid('SourceDetails should not be empty for a CUSTOM_POLICY rule.');
  }
  const scope = rule.Scope;
  if (scope?.ComplianceResourceId && (scope.ComplianceResourceTypes?.length ?? 0) !== 1) {
    throw invalid('ComplianceResourceId requires exactly one ComplianceResourceTypes value.');
  }
}

/** The rule as DescribeConfigRules shows it (CustomPolicyDetails' text included, as AWS returns it). */
function ruleView(r: RuleRow) {
  return { ...r.rule, ConfigRuleName: r.name, ConfigRuleArn: r.arn, ConfigRuleId: r.id, ConfigRuleState: 'ACTIVE', EvaluationModes: [{ Mode: 'DETECTIVE' }] };
}

export function putConfigRule(input: { ConfigRule: any; Tags?: { Key: string; Value: string }[] }, ctx: RequestContext) {
  const s = ctx.platform.storage;
  const given = input.ConfigRule;
  const name = given.ConfigRuleName;
  if (!name) throw invalid('ConfigRuleName is required.');
  if (!listRecorders(s, scopeOf(ctx)).some((r) => !r.servicePrincipal)) throw noRecorder();
  checkSource(given);
  const existing = findRule(s, scopeOf(ctx), name);
  if (existing) refuseServiceLinked(existing);
  if (!existing && listRules(s, scopeOf(ctx)).length >= MAX_RULES) {
    throw new AwsError('MaxNumberOfConfigRulesExceededException', `Failed to put config rule '${name}' because the maximum number of config rules: ${MAX_RULES} is reached.`);
  }
  const id = existing?.id ?? `config-rule-${randomBytes(4).toString('hex').slice(0, 6)}`;
  const ruleArn = existing?.arn ?? arn('config', ctx.region, ctx.accountId, `config-rule/${id}`);
  if (given.Source.Owner === 'CUSTOM_LAMBDA') checkRuleFunction(ctx.platform, given.Source.SourceIdentifier, ruleArn);
  const stored = { ...given };
  for (const k of ['ConfigRuleArn', 'ConfigRuleId', 'ConfigRuleState', 'EvaluationModes', 'CreatedBy']) delete stored[k];
  const now = ctx.now.getTime();
  const rule: RuleRow = {
    ...scopeOf(ctx), name, id, arn: ruleArn,
    rule: stored, status: existing ? existing.status : { firstActivated: now },
  };
  saveRule(s, rule);
  invalidateRules(ctx.platform, ctx.accountId);
  if (input.Tags?.length) putTags(s, rule.arn, input.Tags);
  if (existing) deleteEvaluations(s, rule, name); // a changed rule judges afresh
  runRuleOverAccount(ctx.platform, rule);
  return {};
}

export function describeConfigRules(input: { ConfigRuleNames?: string[] }, ctx: RequestContext) {
  const rules = input.ConfigRuleNames?.length ? input.ConfigRuleNames.map((n) => requireRule(ctx, n)) : listRules(ctx.platform.storage, scopeOf(ctx));
  return { ConfigRules: rules.map(ruleView) };
}

export function deleteConfigRule(input: { ConfigRuleName: string }, ctx: RequestContext) {
  const rule = requireRule(ctx, input.ConfigRuleName);
  refuseServiceLinked(rule);
  if (findRemediation(ctx.platform.storage, rule, rule.name)) {
    throw new AwsError('ResourceInUseException', `The rule ${rule.name} has a remediation action associated with it. Delete the remediation action before deleting the rule.`);
  }
  deleteRule(ctx.platform.storage, rule, rule.name);
  deleteRuleTokens(ctx.platform.storage, rule, rule.name);
  invalidateRules(ctx.platform, ctx.accountId);
  removeTags(ctx.platform.storage, rule.arn);
  return {};
}

const time = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms));

export function describeConfigRuleEvaluationStatus(input: { ConfigRuleNames?: string[] }, ctx: RequestContext) {
  const rules = input.ConfigRuleNames?.length ? input.ConfigRuleNames.map((n) => requireRule(ctx, n)) : listRules(ctx.platform.storage, scopeOf(ctx));
  return {
    ConfigRulesEvaluationStatus: rules.map((r) => ({
      ConfigRuleName: r.name, ConfigRuleArn: r.arn, ConfigRuleId: r.id, FirstActivatedTime: time(r.status.firstActivated), FirstEvaluationStarted: true,
      LastSuccessfulInvocationTime: time(r.status.lastSuccessfulInvocation), LastFailedInvocationTime: time(r.status.lastFailedInvocation),
      LastSuccessfulEvaluationTime: time(r.status.lastSuccessfulEvaluation), LastFailedEvaluationTime: time(r.status.lastFailedEvaluation),
      LastErrorCode: r.status.lastErrorCode, LastErrorMessage: r.status.lastErrorMessage,
    })),
  };
}

export function startConfigRulesEvaluation(input: { ConfigRuleNames?: string[] }, ctx: RequestContext) {
  const names = input.ConfigRuleNames ?? [];
  if (names.length > 25) throw new AwsError('LimitExceededException', 'You can specify at most 25 Config rules.');
  const rules = names.length ? names.map((n) => requireRule(ctx, n)) : listRules(ctx.platform.storage, scopeOf(ctx));
  for (const rule of rules) runRuleOverAccount(ctx.platform, rule);
  return {};
}

export function deleteEvaluationResults(input: { ConfigRuleName: string }, ctx: RequestContext) {
  const rule = requireRule(ctx, input.ConfigRuleName);
  deleteEvaluations(ctx.platform.storage, rule, rule.name);
  return {};
}
