// PutRule, DescribeRule, ListRules, DeleteRule, EnableRule, DisableRule, ListRuleNamesByTarget.
import type { RequestContext } from '../../types';
import { invalidPattern, limitExceeded, validation } from '../errors';
import { compilePattern, PatternError } from '../pattern/compile';
import { DEFAULT_BUS, emitRuleChange, requireBus, requireRule, ruleArn, ruleConfiguration, type Scope } from '../names';
import { pageOf } from '../paging';
import { armSchedule, checkScheduleExpression } from '../schedule';
import { deleteRule as removeRule, findRule, listRules as listRuleRows, listTargets, rulesByTarget, saveRule, countRules, type RuleRow } from '../store';
import { dropTags, writeTags } from './tags';

const MAX_RULES = 300; // AWS's default quota of rules per event bus

/** Throws InvalidEventPatternException with AWS's reason when the pattern is not valid. */
export function checkPattern(text: string) {
  try {
    return compilePattern(text);
  } catch (err) {
    if (err instanceof PatternError) throw invalidPattern(err.message);
    throw err;
  }
}

export function ruleView(scope: Scope, r: RuleRow) {
  return {
    Name: r.name, Arn: ruleArn(scope, r.bus, r.name), EventPattern: r.pattern ?? undefined, ScheduleExpression: r.schedule ?? undefined,
    State: r.state, Description: r.description ?? undefined, RoleArn: r.roleArn ?? undefined, EventBusName: r.bus,
  };
}

export function describedRule(scope: Scope, r: RuleRow) {
  return ruleConfiguration(scope, r, listTargets(scope.platform.storage, r.accountId, r.region, r.bus, r.name).map((t) => t.target));
}

interface PutRuleInput {
  Name: string; EventBusName?: string; EventPattern?: string; ScheduleExpression?: string; State?: string;
  Description?: string; RoleArn?: string; Tags?: { Key: string; Value: string }[];
}

export function putRule(input: PutRuleInput, ctx: RequestContext) {
  const bus = requireBus(ctx, input.EventBusName);
  if (!input.EventPattern && !input.ScheduleExpression) throw validation('Parameter(s) EventPattern or ScheduleExpression must be specified.');
  if (input.ScheduleExpression) {
    if (bus.name !== DEFAULT_BUS) throw validation('ScheduleExpression is supported only on the default event bus.');
    checkScheduleExpression(input.ScheduleExpression);
  }
  if (input.EventPattern) checkPattern(input.EventPattern);
  const storage = ctx.platform.storage;
  const existing = findRule(storage, ctx.accountId, ctx.region, bus.name, input.Name);
  if (!existing && countRules(storage, ctx.accountId, ctx.region, bus.name) >= MAX_RULES) throw limitExceeded();
  const row: RuleRow = {
    accountId: ctx.accountId, region: ctx.region, bus: bus.name, name: input.Name,
    pattern: input.EventPattern ?? null, schedule: input.ScheduleExpression ?? null,
    state: input.State ?? 'ENABLED', description: input.Description ?? null, roleArn: input.RoleArn ?? null,
    createdAt: existing?.createdAt ?? ctx.now.getTime(),
    // A changed schedule starts counting from now; an unchanged one keeps its place.
    lastFired: existing && existing.schedule === (input.ScheduleExpression ?? null) ? existing.lastFired : null,
  };
  if (existing && existing.state === 'DISABLED' && row.state !== 'DISABLED') row.lastFired = resumedAt(ctx, existing);
  const before = existing ? describedRule(ctx, existing) : null;
  saveRule(storage, row);
  const arn = ruleArn(ctx, bus.name, input.Name);
  if (!existing) writeTags(ctx, arn, input.Tags ?? []);
  emitRuleChange(ctx, row, before, describedRule(ctx, row));
  armSchedule(ctx.platform, row);
  return { RuleArn: arn };
}

export function describeRule(input: { Name: string; EventBusName?: string }, ctx: RequestContext) {
  const rule = requireRule(ctx, input.EventBusName, input.Name);
  return { ...ruleView(ctx, rule), CreatedBy: rule.accountId };
}

export function listRules(input: { NamePrefix?: string; EventBusName?: string; Limit?: number; NextToken?: string }, ctx: RequestContext) {
  const bus = requireBus(ctx, input.EventBusName);
  const page = pageOf(input.NextToken, input.Limit, 100,
    (after, n) => listRuleRows(ctx.platform.storage, ctx.accountId, ctx.region, bus.name, input.NamePrefix ?? '', after, n), (r) => r.name);
  return { Rules: page.items.map((r) => ruleView(ctx, r)), NextToken: page.NextToken };
}

/** Removes a rule with its targets and tags, writes its change and stops its schedule. */
export function removeRuleAndTags(scope: Scope, rule: RuleRow): void {
  const before = describedRule(scope, rule);
  removeRule(scope.platform.storage, rule.accountId, rule.region, rule.bus, rule.name);
  dropTags(scope, ruleArn(scope, rule.bus, rule.name));
  emitRuleChange(scope, rule, before, null);
  armSchedule(scope.platform, { ...rule, schedule: null });
}

export function deleteRule(input: { Name: string; EventBusName?: string; Force?: boolean }, ctx: RequestContext) {
  const bus = requireBus(ctx, input.EventBusName);
  const rule = findRule(ctx.platform.storage, ctx.accountId, ctx.region, bus.name, input.Name);
  if (!rule) return {}; // deleting a rule that is not there succeeds, as on AWS
  if (!input.Force && listTargets(ctx.platform.storage, ctx.accountId, ctx.region, bus.name, rule.name, '', 1).length) {
    throw validation("Rule can't be deleted since it has targets.");
  }
  removeRuleAndTags(ctx, rule);
  return {};
}

/** A schedule enabled again counts from now: the times it missed while disabled do not fire. */
function resumedAt(ctx: RequestContext, rule: RuleRow): number | null {
  return rule.schedule ? ctx.now.getTime() : rule.lastFired;
}

function setState(input: { Name: string; EventBusName?: string }, ctx: RequestContext, state: string) {
  const rule = requireRule(ctx, input.EventBusName, input.Name);
  if (rule.state === state) return {};
  const before = describedRule(ctx, rule);
  const after = { ...rule, state, lastFired: state === 'DISABLED' ? rule.lastFired : resumedAt(ctx, rule) };
  saveRule(ctx.platform.storage, after);
  emitRuleChange(ctx, after, before, describedRule(ctx, after));
  armSchedule(ctx.platform, after);
  return {};
}

export const enableRule = (input: { Name: string; EventBusName?: string }, ctx: RequestContext) => setState(input, ctx, 'ENABLED');
export const disableRule = (input: { Name: string; EventBusName?: string }, ctx: RequestContext) => setState(input, ctx, 'DISABLED');

export function listRuleNamesByTarget(input: { TargetArn: string; EventBusName?: string; Limit?: number; NextToken?: string }, ctx: RequestContext) {
  const bus = requireBus(ctx, input.EventBusName);
  const page = pageOf(input.NextToken, input.Limit, 100,
    (after, n) => rulesByTarget(ctx.platform.storage, ctx.accountId, ctx.region, bus.name, input.TargetArn, after, n), (name) => name);
  return { RuleNames: page.items, NextToken: page.NextToken };
}
