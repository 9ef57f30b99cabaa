// A conformance pack's compliance, from its rules' evaluations: by rule, its summary, the results,
// and the compliance score (the share of compliant rule-resource pairs among the judged ones).
import { AwsError } from '../../../protocol/errors';
import { pageAfter } from '../../../core/paging';
import type { Storage } from '../../../storage/database';
import type { RequestContext } from '../../types';
import { invalidNextToken } from '../errors';
import { ruleEvaluations, type EvaluationRow } from '../evaluation/store';
import { findPack, listPacks, type PackRow } from './store';
import { noSuchPack, requirePack } from './ops';

const scopeOf = (ctx: RequestContext) => ({ accountId: ctx.accountId, region: ctx.region });

/** A rule's compliance in pack terms: NON_COMPLIANT if any result is, COMPLIANT if any is, else INSUFFICIENT_DATA. */
export function ruleVerdict(rows: EvaluationRow[]): string {
  if (rows.some((r) => r.compliance === 'NON_COMPLIANT')) return 'NON_COMPLIANT';
  if (rows.some((r) => r.compliance === 'COMPLIANT')) return 'COMPLIANT';
  return 'INSUFFICIENT_DATA';
}

export function packVerdict(verdicts: string[]): string {
  if (verdicts.includes('NON_COMPLIANT')) return 'NON_COMPLIANT';
  if (verdicts.includes('COMPLIANT')) return 'COMPLIANT';
  return 'INSUFFICIENT_DATA';
}

/** Each deployed rule of the pack with its current results. */
export function packRuleResults(s: Storage, pack: PackRow): { name: string; rows: EvaluationRow[] }[] {
  return pack.pack.rules.map((r) => ({ name: r.name, rows: ruleEvaluations(s, pack, r.name) })).sort((a, b) => (a.name < b.name ? -1 : 1));
}

export function packCompliance(s: Storage, pack: PackRow) {
  const verdicts = packRuleResults(s, pack).map((r) => ruleVerdict(r.rows));
  return {
    ComplianceType: packVerdict(verdicts),
    CompliantRuleCount: verdicts.filter((v) => v === 'COMPLIANT').length,
    NonCompliantRuleCount: verdicts.filter((v) => v === 'NON_COMPLIANT').length,
    TotalRuleCount: verdicts.length,
  };
}

function checkRuleNames(pack: PackRow, names: string[] | undefined): void {
  const missing = (names ?? []).filter((n) => !pack.pack.rules.some((r) => r.name === n));
  if (missing.length) {
    throw new AwsError('NoSuchConfigRuleInConformancePackException', `One or more config rules do not exist in the conformance pack '${pack.name}': ${missing.join(', ')}`);
  }
}

export function describeConformancePackCompliance(
  input: { ConformancePackName: string; Filters?: { ConfigRuleNames?: string[]; ComplianceType?: string }; Limit?: number; NextToken?: string }, ctx: RequestContext,
) {
  const pack = requirePack(ctx, input.ConformancePackName);
  checkRuleNames(pack, input.Filters?.ConfigRuleNames);
  const rules = packRuleResults(ctx.platform.storage, pack)
    .filter((r) => !input.Filters?.ConfigRuleNames?.length || input.Filters.ConfigRuleNames.includes(r.name))
    .map((r) => ({ ConfigRuleName: r.name, ComplianceType: ruleVerdict(r.rows), Controls: [] as string[] }))
    .filter((r) => !input.Filters?.ComplianceType || r.ComplianceType === input.Filters.ComplianceType);
  const { page, nextToken } = pageAfter(rules, (r) => r.ConfigRuleName, input.Limit || 1000, input.NextToken, invalidNextToken);
  return { ConformancePackName: pack.name, ConformancePackRuleComplianceList: page, NextToken: nextToken };
}

export function getConformancePackComplianceSummary(input: { ConformancePackNames: string[]; Limit?: number; NextToken?: string }, ctx: RequestContext) {
  const missing = input.ConformancePackNames.filter((n) => !findPack(ctx.platform.storage, scopeOf(ctx), n));
  if (missing.length) throw noSuchPack(missing);
  const all = [...new Set(input.ConformancePackNames)].sort().map((n) => {
    const pack = findPack(ctx.platform.storage, scopeOf(ctx), n)!;
    return { ConformancePackName: n, ConformancePackComplianceStatus: packCompliance(ctx.platform.storage, pack).ComplianceType };
  });
  const { page, nextToken } = pageAfter(all, (p) => p.ConformancePackName, input.Limit || 20, input.NextToken, invalidNextToken);
  return { ConformancePackComplianceSummaryList: page, NextToken: nextToken };
}

export function getConformancePackComplianceDetails(
  input: { ConformancePackName: string; Filters?: { ConfigRuleNames?: string[]; ComplianceType?: string; ResourceType?: string; ResourceIds?: string[] }; Limit?: number; NextToken?: string },
  ctx: RequestContext,
) {
  const pack = requirePack(ctx, input.ConformancePackName);
  const f = input.Filters ?? {};
  checkRuleNames(pack, f.ConfigRuleNames);
  if (f.ResourceIds?.length && !f.ResourceType) throw new AwsError('InvalidParameterValueException', 'ResourceType is required when ResourceIds are given.');
  const rows = packRuleResults(ctx.platform.storage, pack)
    .filter((r) => !f.ConfigRuleNames?.length || f.ConfigRuleNames.includes(r.name))
    .flatMap((r) => r.rows)
    .filter((e) => e.compliance !== 'NOT_APPLICABLE')
    .filter((e) => (!f.ComplianceType || e.compliance === f.ComplianceType) && (!f.ResourceType || e.resourceType === f.ResourceType)
      && (!f.ResourceIds?.length || f.ResourceIds.includes(e.resourceId)));
  const key = (e: EvaluationRow) => `${e.ruleName}\u0000${e.resourceType}\u0000${e.resourceId}`;
  const { page, nextToken } = pageAfter(rows, key, input.Limit || 100, input.NextToken, invalidNextToken);
  return {
    ConformancePackName: pack.name,
    ConformancePackRuleEvaluationResults: page.map((e) => ({
      ComplianceType: e.compliance,
      EvaluationResultIdentifier: {
        EvaluationResultQualifier: { ConfigRuleName: e.ruleName, ResourceType: e.resourceType, ResourceId: e.resourceId, EvaluationMode: 'DETECTIVE' },
        OrderingTimestamp: new Date(e.orderingMs),
      },
      ConfigRuleInvokedTime: new Date(e.invokedMs), ResultRecordedTime: new Date(e.recordedMs), Annotation: e.annotation,
    })),
    NextToken: nextToken,
  };
}

/** The score: compliant rule-resource pairs over compliant + non-compliant ones, as a percentage. */
export function packScore(s: Storage, pack: PackRow): { score: string; lastMs?: number } {
  const rows = packRuleResults(s, pack).flatMap((r) => r.rows).filter((r) => r.compliance === 'COMPLIANT' || r.compliance === 'NON_COMPLIANT');
  if (!rows.length) return { score: 'INSUFFICIENT_DATA' };
  const good = rows.filter((r) => r.compliance === 'COMPLIANT').length;
  return { score: (Math.round((good / rows.length) * 10000) / 100).toFixed(2), lastMs: Math.max(...rows.map((r) => r.recordedMs)) };
}

export function listConformancePackComplianceScores(
  input: { Filters?: { ConformancePackNames: string[] }; SortOrder?: string; SortBy?: string; Limit?: number; NextToken?: string }, ctx: RequestContext,
) {
  const names = input.Filters?.ConformancePackNames;
  const packs = listPacks(ctx.platform.storage, scopeOf(ctx)).filter((p) => !names?.length || names.includes(p.name));
  const scored = packs.map((p) => ({ p, ...packScore(ctx.platform.storage, p) }));
  const num = (x: string) => (x === 'INSUFFICIENT_DATA' ? -1 : Number(x));
  scored.sort((a, b) => (input.SortBy === 'SCORE' ? num(a.score) - num(b.score) || (a.p.name < b.p.name ? -1 : 1) : a.p.name < b.p.name ? -1 : 1));
  if (input.SortOrder === 'DESCENDING') scored.reverse();
  // The position is the key: the order is not by name when sorted by score or descending.
  const keyed = scored.map((x, i) => ({ ...x, key: String(i).padStart(6, '0') }));
  const { page, nextToken } = pageAfter(keyed, (x) => x.key, input.Limit || 20, input.NextToken, invalidNextToken);
  return {
    ConformancePackComplianceScores: page.map((x) => ({ Score: x.score, ConformancePackName: x.p.name, LastUpdatedTime: x.lastMs === undefined ? ctx.now : new Date(x.lastMs) })),
    NextToken: nextToken,
  };
}
