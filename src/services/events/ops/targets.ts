// PutTargets, RemoveTargets, ListTargetsByRule. A rule has at most five targets.
import { parseArn } from '../../../core/arn';
import type { RequestContext } from '../../types';
import { limitExceeded, validation } from '../errors';
import { emitRuleChange, requireRule } from '../names';
import { pageOf } from '../paging';
import { listTargets, putTarget, removeTarget } from '../store';
import { inputProblem } from '../transform';
import { describedRule } from './rules';

const MAX_TARGETS = 5;

type Target = Record<string, any> & { Id: string; Arn: string };

function targetProblem(t: Target): string | undefined {
  const arn = parseArn(t.Arn);
  if (!arn || !arn.service || !arn.resource) return `Parameter ${t.Arn} is not valid. Reason: Provided Arn is not in correct format.`;
  if (arn.service === 'sqs' && arn.resource.endsWith('.fifo') && !t.SqsParameters?.MessageGroupId) {
    return `Parameter(s) SqsParameters must be specified for target: ${t.Id}.`;
  }
  return inputProblem(t);
}

export function putTargets(input: { Rule: string; EventBusName?: string; Targets: Target[] }, ctx: RequestContext) {
  const rule = requireRule(ctx, input.EventBusName, input.Rule);
  for (const t of input.Targets) {
    const problem = targetProblem(t);
    if (problem) throw validation(problem);
  }
  const storage = ctx.platform.storage;
  const existing = listTargets(storage, ctx.accountId, ctx.region, rule.bus, rule.name);
  const ids = new Set([...existing.map((t) => t.targetId), ...input.Targets.map((t) => t.Id)]);
  if (ids.size > MAX_TARGETS) throw limitExceeded();
  const before = describedRule(ctx, rule);
  for (const t of input.Targets) putTarget(storage, ctx.accountId, ctx.region, rule.bus, rule.name, t);
  emitRuleChange(ctx, rule, before, describedRule(ctx, rule));
  return { FailedEntryCount: 0, FailedEntries: [] };
}

export function removeTargets(input: { Rule: string; EventBusName?: string; Ids: string[]; Force?: boolean }, ctx: RequestContext) {
  const rule = requireRule(ctx, input.EventBusName, input.Rule);
  const before = describedRule(ctx, rule);
  let removed = 0;
  for (const id of input.Ids) if (removeTarget(ctx.platform.storage, ctx.accountId, ctx.region, rule.bus, rule.name, id)) removed++;
  if (removed) emitRuleChange(ctx, rule, before, describedRule(ctx, rule));
  return { FailedEntryCount: 0, FailedEntries: [] };
}

export function listTargetsByRule(input: { Rule: string; EventBusName?: string; Limit?: number; NextToken?: string }, ctx: RequestContext) {
  const rule = requireRule(ctx, input.EventBusName, input.Rule);
  const page = pageOf(input.NextToken, input.Limit, 100,
    (after, n) => listTargets(ctx.platform.storage, ctx.accountId, ctx.region, rule.bus, rule.name, after, n), (t) => t.targetId);
  return { Targets: page.items.map((t) => t.target), NextToken: page.NextToken };
}
