// Remediation configurations and exceptions, kept as AWS Config keeps them. Running a remediation
// needs SSM Automation, which kanri does not have: every execution (asked for, or automatic on a
// NON_COMPLIANT result) is recorded as FAILED with a step that says so, never as a success.
import { randomUUID } from 'node:crypto';
import type { Platform } from '../../../core/platform';
import { arn } from '../../../core/arn';
import { pageAfter } from '../../../core/paging';
import { AwsError } from '../../../protocol/errors';
import type { RequestContext } from '../../types';
import { invalidNextToken } from '../errors';
import { findEvaluation, findRule, type RuleRow } from './store';
import {
  deleteException, deleteRemediation, findRemediation, listExceptions, listExecutions, saveException, saveExecution, saveRemediation,
} from './store-custom';

interface ResourceKey { resourceType: string; resourceId: string }
interface ExceptionKey { ResourceType?: string; ResourceId?: string }

const invalid = (message: string) => new AwsError('InvalidParameterValueException', message);
const noRemediation = (rule: string) =>
  new AwsError('NoSuchRemediationConfigurationException', `No RemediationConfiguration for rule '${rule}' exists.`);
const scopeOf = (ctx: RequestContext) => ({ accountId: ctx.accountId, region: ctx.region });
const DOCUMENT_NAME = /^([a-zA-Z0-9_\-.]{3,128}|arn:aws[\w-]*:ssm:[\w-]*:\d{12}:document\/[a-zA-Z0-9_\-.]{3,128})$/;
const STEP = 'StartAutomationExecution';

function checkConfiguration(ctx: RequestContext, c: any): void {
  if (!findRule(ctx.platform.storage, scopeOf(ctx), c.ConfigRuleName)) {
    throw invalid(`The ConfigRule '${c.ConfigRuleName}' provided in the request is invalid. Please check the configRule name.`);
  }
  if (!DOCUMENT_NAME.test(c.TargetId)) throw invalid(`The TargetId '${c.TargetId}' is not a valid SSM document name.`);
  const params = c.Parameters ?? {};
  for (const [name, value] of Object.entries<any>(params)) {
    if (!!value?.ResourceValue === !!value?.StaticValue) throw invalid(`The parameter '${name}' must have exactly one of ResourceValue or StaticValue.`);
    if (value.StaticValue && !Array.isArray(value.StaticValue.Values)) throw invalid(`The parameter '${name}' has a StaticValue without Values.`);
  }
  if (Object.values<any>(params).filter((v) => v?.ResourceValue).length > 1) throw invalid('Only one parameter can take the resource ID (ResourceValue).');
  if (c.Automatic && !Object.hasOwn(params, 'AutomationAssumeRole')) {
    throw invalid('An automatic remediation needs the AutomationAssumeRole parameter: Systems Manager assumes it to remediate your resources.');
  }
}

export function putRemediationConfigurations(input: { RemediationConfigurations: any[] }, ctx: RequestContext) {
  const s = ctx.platform.storage;
  for (const c of input.RemediationConfigurations) checkConfiguration(ctx, c);
  for (const c of input.RemediationConfigurations) {
    const existing = findRemediation(s, scopeOf(ctx), c.ConfigRuleName);
    const { Arn: _a, CreatedByService: _c, ...given } = c;
    saveRemediation(s, scopeOf(ctx), {
      ...given, Arn: existing?.Arn ?? arn('config', ctx.region, ctx.accountId, `remediation-configuration/${c.ConfigRuleName}/${randomUUID()}`),
    });
  }
  return { FailedBatches: [] };
}

export function describeRemediationConfigurations(input: { ConfigRuleNames: string[] }, ctx: RequestContext) {
  const found = input.ConfigRuleNames.map((n) => findRemediation(ctx.platform.storage, scopeOf(ctx), n)).filter(Boolean);
  return { RemediationConfigurations: found };
}

export function deleteRemediationConfiguration(input: { ConfigRuleName: string; ResourceType?: string }, ctx: RequestContext) {
  const existing = findRemediation(ctx.platform.storage, scopeOf(ctx), input.ConfigRuleName);
  if (!existing) throw noRemediation(input.ConfigRuleName);
  deleteRemediation(ctx.platform.storage, scopeOf(ctx), input.ConfigRuleName);
  return {};
}

function requireKeys(keys: ExceptionKey[]): { ResourceType: string; ResourceId: string }[] {
  for (const k of keys) if (!k.ResourceType || !k.ResourceId) throw invalid('Each resource key needs a ResourceType and a ResourceId.');
  return keys as { ResourceType: string; ResourceId: string }[];
}

export function putRemediationExceptions(input: { ConfigRuleName: string; ResourceKeys: ExceptionKey[]; Message?: string; ExpirationTime?: Date }, ctx: RequestContext) {
  const s = ctx.platform.storage;
  const rule = findRule(s, scopeOf(ctx), input.ConfigRuleName);
  if (!rule) throw invalid(`The ConfigRule '${input.ConfigRuleName}' provided in the request is invalid. Please check the configRule name.`);
  const expirationMs = input.ExpirationTime ? new Date(input.ExpirationTime).getTime() : undefined;
  if (expirationMs !== undefined && expirationMs <= ctx.now.getTime()) throw invalid('The ExpirationTime must be in the future.');
  const failed: any[] = [];
  for (const k of requireKeys(input.ResourceKeys)) {
    // AWS places exceptions on NON_COMPLIANT resources only.
    if (findEvaluation(s, rule, rule.name, k.ResourceType, k.ResourceId)?.compliance !== 'NON_COMPLIANT') {
      failed.push({ ConfigRuleName: rule.name, ResourceType: k.ResourceType, ResourceId: k.ResourceId, Message: input.Message, ExpirationTime: input.ExpirationTime });
      continue;
    }
    saveException(s, scopeOf(ctx), { ruleName: rule.name, resourceType: k.ResourceType, resourceId: k.ResourceId, message: input.Message, expirationMs });
  }
  return { FailedBatches: failed.length ? [{ FailureMessage: 'Remediation exceptions can only be placed on resources that are NON_COMPLIANT with the rule.', FailedItems: failed }] : [] };
}

const exceptionView = (e: ReturnType<typeof listExceptions>[number]) => ({
  ConfigRuleName: e.ruleName, ResourceType: e.resourceType, ResourceId: e.resourceId, Message: e.message,
  ExpirationTime: e.expirationMs === undefined ? undefined : new Date(e.expirationMs),
});

export function describeRemediationExceptions(input: { ConfigRuleName: string; ResourceKeys?: ExceptionKey[]; Limit?: number; NextToken?: string }, ctx: RequestContext) {
  let all = listExceptions(ctx.platform.storage, scopeOf(ctx), input.ConfigRuleName, ctx.now.getTime());
  if (input.ResourceKeys?.length) {
    const wanted = new Set(requireKeys(input.ResourceKeys).map((k) => `${k.ResourceType}\u0000${k.ResourceId}`));
    all = all.filter((e) => wanted.has(`${e.resourceType}\u0000${e.resourceId}`));
  }
  const { page, nextToken } = pageAfter(all, (e) => `${e.resourceType}\u0000${e.resourceId}`, input.Limit || 25, input.NextToken, invalidNextToken);
  return { RemediationExceptions: page.map(exceptionView), NextToken: nextToken };
}

export function deleteRemediationExceptions(input: { ConfigRuleName: string; ResourceKeys: ExceptionKey[] }, ctx: RequestContext) {
  const keys = input.ResourceKeys;
  // A key without a type or an id names no exception: it is reported as not deleted.
  const missing = keys.filter((k) => !k.ResourceType || !k.ResourceId || !deleteException(ctx.platform.storage, scopeOf(ctx), input.ConfigRuleName, k.ResourceType, k.ResourceId));
  if (missing.length === keys.length) {
    throw new AwsError('NoSuchRemediationExceptionException', `No remediation exception exists for the given resource keys of rule '${input.ConfigRuleName}'.`);
  }
  return { FailedBatches: missing.length ? [{ FailureMessage: 'No remediation exception exists for these resource keys.', FailedItems: missing }] : [] };
}

/** Records the execution Config would start, as FAILED: kanri has no SSM Automation to run it. */
function failExecution(platform: Platform, rule: RuleRow, config: any, key: ResourceKey): void {
  const now = platform.clock.now();
  saveExecution(platform.storage, rule, {
    ruleName: rule.name, resourceType: key.resourceType, resourceId: key.resourceId, state: 'FAILED', invocationMs: now, updatedMs: now,
    steps: [{ Name: STEP, State: 'FAILED', StartTime: now, StopTime: now,
      ErrorMessage: `kanri does not run SSM Automation yet: the remediation document ${config.TargetId} was not run for ${key.resourceType} ${key.resourceId}.` }],
  });
}

export function startRemediationExecution(input: { ConfigRuleName: string; ResourceKeys: ResourceKey[] }, ctx: RequestContext) {
  const s = ctx.platform.storage;
  const config = findRemediation(s, scopeOf(ctx), input.ConfigRuleName);
  const rule = findRule(s, scopeOf(ctx), input.ConfigRuleName);
  if (!config || !rule) throw noRemediation(input.ConfigRuleName);
  for (const key of input.ResourceKeys) failExecution(ctx.platform, rule, config, key);
  return {
    FailureMessage: 'kanri does not run SSM Automation yet: the remediation was not executed. DescribeRemediationExecutionStatus shows each execution as FAILED.',
    FailedItems: input.ResourceKeys,
  };
}

export function describeRemediationExecutionStatus(input: { ConfigRuleName: string; ResourceKeys?: ResourceKey[]; Limit?: number; NextToken?: string }, ctx: RequestContext) {
  if (!findRemediation(ctx.platform.storage, scopeOf(ctx), input.ConfigRuleName)) throw noRemediation(input.ConfigRuleName);
  let all = listExecutions(ctx.platform.storage, scopeOf(ctx), input.ConfigRuleName);
  if (input.ResourceKeys?.length) {
    const wanted = new Set(input.ResourceKeys.map((k) => `${k.resourceType}\u0000${k.resourceId}`));
    all = all.filter((e) => wanted.has(`${e.resourceType}\u0000${e.resourceId}`));
  }
  const { page, nextToken } = pageAfter(all, (e) => `${e.resourceType}\u0000${e.resourceId}`, input.Limit || 100, input.NextToken, invalidNextToken);
  return {
    RemediationExecutionStatuses: page.map((e) => ({
      ResourceKey: { resourceType: e.resourceType, resourceId: e.resourceId }, State: e.state,
      StepDetails: e.steps.map((st) => ({ ...st, StartTime: new Date(st.StartTime), StopTime: st.StopTime === undefined ? undefined : new Date(st.StopTime) })),
      InvocationTime: new Date(e.invocationMs), LastUpdatedTime: new Date(e.updatedMs),
    })),
    NextToken: nextToken,
  };
}

/** Automatic remediation of a NON_COMPLIANT result (outside an unexpired exception): recorded as FAILED. */
export function autoRemediate(platform: Platform, rule: RuleRow, resourceType: string, resourceId: string): void {
  const config = findRemediation(platform.storage, rule, rule.name);
  if (!config?.Automatic) return;
  if (config.ResourceType && config.ResourceType !== resourceType) return;
  if (listExceptions(platform.storage, rule, rule.name, platform.clock.now()).some((e) => e.resourceType === resourceType && e.resourceId === resourceId)) return;
  failExecution(platform, rule, config, { resourceType, resourceId });
}
