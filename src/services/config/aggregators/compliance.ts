// Aggregate compliance: each readable source's rules and packs, read through the rules and packs
// stores of that account and Region, with the request's account/Region filters and grouping.
import { pageAfter } from '../../../core/paging';
import type { Storage } from '../../../storage/database';
import type { RequestContext } from '../../types';
import { invalidNextToken } from '../errors';
import { findRule, listRules, ruleEvaluations, type EvaluationRow } from '../evaluation/store';
import { packCompliance } from '../packs/compliance';
import { listPacks } from '../packs/store';
import { readableSources, requireAggregator, type Source } from './ops';

const CAP = 100;
const capped = (n: number) => ({ CappedCount: Math.min(n, CAP), CapExceeded: n > CAP });

/** A rule's compliance as DescribeComplianceByConfigRule reports it. */
function overall(rows: EvaluationRow[]) {
  const bad = rows.filter((r) => r.compliance === 'NON_COMPLIANT').length;
  if (bad) return { ComplianceType: 'NON_COMPLIANT', ComplianceContributorCount: capped(bad) };
  if (rows.some((r) => r.compliance === 'COMPLIANT')) return { ComplianceType: 'COMPLIANT' };
  return { ComplianceType: 'INSUFFICIENT_DATA' };
}

function sources(ctx: RequestContext, name: string, filter?: { AccountId?: string; AwsRegion?: string; Region?: string }): Source[] {
  const a = requireAggregator(ctx, name);
  return readableSources(ctx.platform.storage, a, { accountId: filter?.AccountId, region: filter?.AwsRegion ?? filter?.Region });
}

function ruleCompliance(s: Storage, srcs: Source[]) {
  return srcs.flatMap((src) => listRules(s, src).map((r) => ({ src, name: r.name, compliance: overall(ruleEvaluations(s, src, r.name)) })));
}

export function describeAggregateComplianceByConfigRules(
  input: { ConfigurationAggregatorName: string; Filters?: { AccountId?: string; AwsRegion?: string; ComplianceType?: string; ConfigRuleName?: string }; Limit?: number; NextToken?: string },
  ctx: RequestContext,
) {
  const f = input.Filters ?? {};
  const all = ruleCompliance(ctx.platform.storage, sources(ctx, input.ConfigurationAggregatorName, f))
    .filter((r) => (!f.ConfigRuleName || r.name === f.ConfigRuleName) && (!f.ComplianceType || r.compliance.ComplianceType === f.ComplianceType));
  const { page, nextToken } = pageAfter(all, (r) => `${r.src.accountId}/${r.src.region}/${r.name}`, input.Limit || 1000, input.NextToken, invalidNextToken);
  return {
    AggregateComplianceByConfigRules: page.map((r) => ({ ConfigRuleName: r.name, Compliance: r.compliance, AccountId: r.src.accountId, AwsRegion: r.src.region })),
    NextToken: nextToken,
  };
}

export function describeAggregateComplianceByConformancePacks(
  input: { ConfigurationAggregatorName: string; Filters?: { AccountId?: string; AwsRegion?: string; ComplianceType?: string; ConformancePackName?: string }; Limit?: number; NextToken?: string },
  ctx: RequestContext,
) {
  const s = ctx.platform.storage;
  const f = input.Filters ?? {};
  const all = sources(ctx, input.ConfigurationAggregatorName, f)
    .flatMap((src) => listPacks(s, src).map((p) => ({ src, name: p.name, compliance: packCompliance(s, p) })))
    .filter((p) => (!f.ConformancePackName || p.name === f.ConformancePackName) && (!f.ComplianceType || p.compliance.ComplianceType === f.ComplianceType));
  const { page, nextToken } = pageAfter(all, (p) => `${p.src.accountId}/${p.src.region}/${p.name}`, input.Limit || 100, input.NextToken, invalidNextToken);
  return {
    AggregateComplianceByConformancePacks: page.map((p) => ({ ConformancePackName: p.name, Compliance: p.compliance, AccountId: p.src.accountId, AwsRegion: p.src.region })),
    NextToken: nextToken,
  };
}

export function getAggregateComplianceDetailsByConfigRule(
  input: { ConfigurationAggregatorName: string; ConfigRuleName: string; AccountId: string; AwsRegion: string; ComplianceType?: string; Limit?: number; NextToken?: string },
  ctx: RequestContext,
) {
  const s = ctx.platform.storage;
  const [src] = sources(ctx, input.ConfigurationAggregatorName, { AccountId: input.AccountId, AwsRegion: input.AwsRegion });
  const rule = src && findRule(s, src, input.ConfigRuleName);
  const rows = rule ? ruleEvaluations(s, src, rule.name).filter((e) => !input.ComplianceType || e.compliance === input.ComplianceType) : [];
  const { page, nextToken } = pageAfter(rows, (e) => `${e.resourceType}\u0000${e.resourceId}`, input.Limit || 50, input.NextToken, invalidNextToken);
  return {
    AggregateEvaluationResults: page.map((e) => ({
      EvaluationResultIdentifier: {
        EvaluationResultQualifier: { ConfigRuleName: e.ruleName, ResourceType: e.resourceType, ResourceId: e.resourceId, EvaluationMode: 'DETECTIVE' },
        OrderingTimestamp: new Date(e.orderingMs),
      },
      ComplianceType: e.compliance, ResultRecordedTime: new Date(e.recordedMs), ConfigRuleInvokedTime: new Date(e.invokedMs), Annotation: e.annotation,
      AccountId: e.accountId, AwsRegion: e.region,
    })),
    NextToken: nextToken,
  };
}

const groupOf = (key: string | undefined, src: Source) => (key === 'ACCOUNT_ID' ? src.accountId : key === 'AWS_REGION' ? src.region : '');

function grouped<T extends { src: Source }>(items: T[], key: string | undefined): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const g = groupOf(key, item.src);
    groups.set(g, [...(groups.get(g) ?? []), item]);
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
}

export function getAggregateConfigRuleComplianceSummary(
  input: { ConfigurationAggregatorName: string; Filters?: { AccountId?: string; AwsRegion?: string }; GroupByKey?: string; Limit?: number; NextToken?: string },
  ctx: RequestContext,
) {
  const rules = ruleCompliance(ctx.platform.storage, sources(ctx, input.ConfigurationAggregatorName, input.Filters));
  const groups = input.GroupByKey ? grouped(rules, input.GroupByKey) : [['', rules] as [string, typeof rules]];
  const { page, nextToken } = pageAfter(groups, ([g]) => g, input.Limit || 1000, input.NextToken, invalidNextToken);
  return {
    GroupByKey: input.GroupByKey,
    AggregateComplianceCounts: page.map(([g, rs]) => ({
      GroupName: input.GroupByKey ? g : undefined,
      ComplianceSummary: {
        CompliantResourceCount: capped(rs.filter((r) => r.compliance.ComplianceType === 'COMPLIANT').length),
        NonCompliantResourceCount: capped(rs.filter((r) => r.compliance.ComplianceType === 'NON_COMPLIANT').length),
        ComplianceSummaryTimestamp: ctx.now,
      },
    })),
    NextToken: nextToken,
  };
}

export function getAggregateConformancePackComplianceSummary(
  input: { ConfigurationAggregatorName: string; Filters?: { AccountId?: string; AwsRegion?: string }; GroupByKey?: string; Limit?: number; NextToken?: string },
  ctx: RequestContext,
) {
  const s = ctx.platform.storage;
  const packs = sources(ctx, input.ConfigurationAggregatorName, input.Filters)
    .flatMap((src) => listPacks(s, src).map((p) => ({ src, verdict: packCompliance(s, p).ComplianceType })));
  const groups = input.GroupByKey ? grouped(packs, input.GroupByKey) : [['', packs] as [string, typeof packs]];
  const { page, nextToken } = pageAfter(groups, ([g]) => g, input.Limit || 100, input.NextToken, invalidNextToken);
  return {
    GroupByKey: input.GroupByKey,
    AggregateConformancePackComplianceSummaries: page.map(([g, ps]) => ({
      GroupName: input.GroupByKey ? g : undefined,
      ComplianceSummary: {
        CompliantConformancePackCount: ps.filter((p) => p.verdict === 'COMPLIANT').length,
        NonCompliantConformancePackCount: ps.filter((p) => p.verdict === 'NON_COMPLIANT').length,
      },
    })),
    NextToken: nextToken,
  };
}
