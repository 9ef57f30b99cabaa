// Compliance as the rules left it: by rule, by resource, their details and summaries.
// A rule or resource is NON_COMPLIANT when any result is; COMPLIANT when every applicable one is;
// INSUFFICIENT_DATA when nothing applicable was found.
import { pageAfter } from '../../../core/paging';
import { AwsError } from '../../../protocol/errors';
import type { RequestContext } from '../../types';
import { invalidNextToken } from '../errors';
import { checkResourceType } from '../resource-types';
import { requireRule } from './rules-ops';
import { listRules, resourceEvaluations, ruleEvaluations, scopeEvaluations, type EvaluationRow } from './store';

const scopeOf = (ctx: RequestContext) => ({ accountId: ctx.accountId, region: ctx.region });
const CAP = 100;
const capped = (n: number) => ({ CappedCount: Math.min(n, CAP), CapExceeded: n > CAP });

/** The overall compliance of a set of results, with the non-compliant count AWS reports. */
function overall(results: EvaluationRow[]) {
  const bad = results.filter((r) => r.compliance === 'NON_COMPLIANT').length;
  if (bad) return { ComplianceType: 'NON_COMPLIANT', ComplianceContributorCount: capped(bad) };
  if (results.some((r) => r.compliance === 'COMPLIANT')) return { ComplianceType: 'COMPLIANT' };
  return { ComplianceType: 'INSUFFICIENT_DATA' };
}

function resultView(r: EvaluationRow) {
  return {
    EvaluationResultIdentifier: {
      EvaluationResultQualifier: { ConfigRuleName: r.ruleName, ResourceType: r.resourceType, ResourceId: r.resourceId, EvaluationMode: 'DETECTIVE' },
      OrderingTimestamp: new Date(r.orderingMs),
    },
    ComplianceType: r.compliance, ResultRecordedTime: new Date(r.recordedMs), ConfigRuleInvokedTime: new Date(r.invokedMs), Annotation: r.annotation,
  };
}

function page<T>(items: T[], key: (t: T) => string, limit: number | undefined, token: string | undefined, invalid: () => Error = invalidNextToken) {
  const { page: out, nextToken } = pageAfter(items, key, limit || 100, token, invalid);
  return { out, NextToken: nextToken };
}

const wanted = (types: string[] | undefined) => (c: string) => !types?.length || types.includes(c);

export function describeComplianceByConfigRule(input: { ConfigRuleNames?: string[]; ComplianceTypes?: string[]; NextToken?: string }, ctx: RequestContext) {
  const rules = input.ConfigRuleNames?.length ? input.ConfigRuleNames.map((n) => requireRule(ctx, n)) : listRules(ctx.platform.storage, scopeOf(ctx));
  const all = rules
    .map((r) => ({ ConfigRuleName: r.name, Compliance: overall(ruleEvaluations(ctx.platform.storage, r, r.name)) }))
    .filter((c) => wanted(input.ComplianceTypes)(c.Compliance.ComplianceType));
  const { out, NextToken } = page(all, (c) => c.ConfigRuleName, 100, input.NextToken);
  return { ComplianceByConfigRules: out, NextToken };
}

export function getComplianceDetailsByConfigRule(input: { ConfigRuleName: string; ComplianceTypes?: string[]; Limit?: number; NextToken?: string }, ctx: RequestContext) {
  const rule = requireRule(ctx, input.ConfigRuleName);
  const results = ruleEvaluations(ctx.platform.storage, rule, rule.name).filter((r) => wanted(input.ComplianceTypes)(r.compliance));
  const { out, NextToken } = page(results, (r) => `${r.resourceType}\u0000${r.resourceId}`, input.Limit, input.NextToken);
  return { EvaluationResults: out.map(resultView), NextToken };
}

function byResource(ctx: RequestContext, type?: string, id?: string): Map<string, EvaluationRow[]> {
  const groups = new Map<string, EvaluationRow[]>();
  // A type (and id) reads through the by-resource index rather than every evaluation in the Region.
  const rows = type ? resourceEvaluations(ctx.platform.storage, scopeOf(ctx), type, id) : scopeEvaluations(ctx.platform.storage, scopeOf(ctx));
  for (const r of rows) {
    if ((type && r.resourceType !== type) || (id && r.resourceId !== id)) continue;
    const key = `${r.resourceType}\u0000${r.resourceId}`;
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  return groups;
}

export function describeComplianceByResource(input: { ResourceType?: string; ResourceId?: string; ComplianceTypes?: string[]; Limit?: number; NextToken?: string }, ctx: RequestContext) {
  if (input.ResourceType) checkResourceType(input.ResourceType, 'ResourceType', false);
  const all = [...byResource(ctx, input.ResourceType, input.ResourceId)].map(([key, rows]) => ({
    key, ResourceType: rows[0].resourceType, ResourceId: rows[0].resourceId, Compliance: overall(rows),
  })).filter((c) => wanted(input.ComplianceTypes)(c.Compliance.ComplianceType));
  const { out, NextToken } = page(all, (c) => c.key, input.Limit, input.NextToken);
  return { ComplianceByResources: out.map(({ key: _key, ...c }) => c), NextToken };
}

export function getComplianceDetailsByResource(input: { ResourceType: string; ResourceId: string; ComplianceTypes?: string[]; NextToken?: string }, ctx: RequestContext) {
  const rows = byResource(ctx, input.ResourceType, input.ResourceId).get(`${input.ResourceType}\u0000${input.ResourceId}`) ?? [];
  const results = rows.filter((r) => wanted(input.ComplianceTypes)(r.compliance));
  // This operation declares no InvalidNextTokenException: a bad token is an invalid parameter.
  const badToken = () => new AwsError('InvalidParameterValueException', 'The nextToken provided is invalid');
  const { out, NextToken } = page(results, (r) => r.ruleName, 100, input.NextToken, badToken);
  return { EvaluationResults: out.map(resultView), NextToken };
}

export function getComplianceSummaryByConfigRule(_input: unknown, ctx: RequestContext) {
  const verdicts = listRules(ctx.platform.storage, scopeOf(ctx)).map((r) => overall(ruleEvaluations(ctx.platform.storage, r, r.name)).ComplianceType);
  return {
    ComplianceSummary: {
      CompliantResourceCount: capped(verdicts.filter((v) => v === 'COMPLIANT').length),
      NonCompliantResourceCount: capped(verdicts.filter((v) => v === 'NON_COMPLIANT').length),
      ComplianceSummaryTimestamp: ctx.now,
    },
  };
}

export function getComplianceSummaryByResourceType(input: { ResourceTypes?: string[] }, ctx: RequestContext) {
  const groups = [...byResource(ctx).values()];
  const summary = (rows: EvaluationRow[][], ResourceType?: string) => {
    const verdicts = rows.map((r) => overall(r).ComplianceType);
    return {
      ResourceType,
      ComplianceSummary: {
        CompliantResourceCount: capped(verdicts.filter((v) => v === 'COMPLIANT').length),
        NonCompliantResourceCount: capped(verdicts.filter((v) => v === 'NON_COMPLIANT').length),
        ComplianceSummaryTimestamp: ctx.now,
      },
    };
  };
  if (!input.ResourceTypes?.length) return { ComplianceSummariesByResourceType: [summary(groups)] };
  return { ComplianceSummariesByResourceType: input.ResourceTypes.map((t) => summary(groups.filter((g) => g[0].resourceType === t), t)) };
}
