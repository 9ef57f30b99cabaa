// Aggregators and authorizations: PutConfigurationAggregator (account sources; kanri has no
// Organizations), Describe/Delete, PutAggregationAuthorization/Describe/Delete, the sources status
// and the pending requests a source account sees. A source (account, Region) gives data only when it
// authorized the aggregator's account and Region there, or is the aggregator's own account.
import { randomBytes } from 'node:crypto';
import { arn } from '../../../core/arn';
import { pageAfter } from '../../../core/paging';
import { AwsError } from '../../../protocol/errors';
import type { Storage } from '../../../storage/database';
import type { RequestContext } from '../../types';
import { invalidNextToken } from '../errors';
import { putTags, removeTags } from '../store';
import {
  allAggregators, configRegions, deleteAggregatorRow, deleteAuthRow, findAggregator, findAuth, listAggregators, listAuths, saveAggregator, saveAuth,
  type AggregatorRow,
} from './store';

const MAX_AGGREGATORS = 50; // configuration aggregators per account
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const invalid = (message: string) => new AwsError('InvalidParameterValueException', message);
export const noSuchAggregator = () =>
  new AwsError('NoSuchConfigurationAggregatorException', 'The configuration aggregator does not exist. Check the configuration aggregator name and try again.');
const scopeOf = (ctx: RequestContext) => ({ accountId: ctx.accountId, region: ctx.region });
const hex = () => randomBytes(4).toString('hex');

export function requireAggregator(ctx: RequestContext, name: string): AggregatorRow {
  const a = findAggregator(ctx.platform.storage, scopeOf(ctx), name);
  if (!a) throw noSuchAggregator();
  return a;
}

export interface Source { accountId: string; region: string; authorized: boolean }

/** Every (account, Region) an aggregator names, and whether it may read it. */
export function aggregatorSources(s: Storage, a: AggregatorRow): Source[] {
  const out: Source[] = [];
  const seen = new Set<string>();
  for (const src of a.data.accountSources ?? []) {
    for (const accountId of src.AccountIds) {
      const regions = src.AllAwsRegions ? [...new Set([...configRegions(s, accountId), a.region])].sort() : src.AwsRegions ?? [];
      for (const region of regions) {
        const key = `${accountId}/${region}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const authorized = accountId === a.accountId || !!findAuth(s, { accountId, region }, a.accountId, a.region);
        out.push({ accountId, region, authorized });
      }
    }
  }
  // Account, then Region: the order pages follow.
  return out.sort((x, y) => (x.accountId === y.accountId ? (x.region < y.region ? -1 : 1) : x.accountId < y.accountId ? -1 : 1));
}

/** The sources an aggregate operation reads: authorized ones, narrowed by the request's account and Region filters. */
export function readableSources(s: Storage, a: AggregatorRow, filter: { accountId?: string; region?: string } = {}): Source[] {
  return aggregatorSources(s, a).filter((x) => x.authorized && (!filter.accountId || x.accountId === filter.accountId) && (!filter.region || x.region === filter.region));
}

interface PutInput {
  ConfigurationAggregatorName: string;
  AccountAggregationSources?: { AccountIds?: string[]; AllAwsRegions?: boolean; AwsRegions?: string[] }[];
  OrganizationAggregationSource?: unknown;
  AggregatorFilters?: unknown;
  Tags?: { Key: string; Value: string }[];
}

export function putConfigurationAggregator(input: PutInput, ctx: RequestContext) {
  const s = ctx.platform.storage;
  if (input.OrganizationAggregationSource) {
    throw new AwsError('NoAvailableOrganizationException', 'Organization is not available: kanri has no AWS Organizations, so an aggregator can only have account sources.');
  }
  const sources = input.AccountAggregationSources ?? [];
  if (!sources.length) throw invalid('Your request does not specify any source accounts: specify AccountAggregationSources or OrganizationAggregationSource.');
  for (const src of sources) {
    if (!src.AccountIds?.length) throw invalid('AccountIds cannot be empty.');
    for (const id of src.AccountIds) if (!/^\d{12}$/.test(id)) throw invalid(`The account ID ${id} is not valid: it must be 12 digits.`);
    if (src.AllAwsRegions && src.AwsRegions?.length) throw invalid('Your request specifies both AllAwsRegions and AwsRegions: specify one of them.');
    if (!src.AllAwsRegions && !src.AwsRegions?.length) throw invalid('Your request does not specify any Regions: specify AllAwsRegions or AwsRegions.');
    for (const r of src.AwsRegions ?? []) if (!REGION.test(r)) throw invalid(`The region ${r} is not valid.`);
  }
  const name = input.ConfigurationAggregatorName;
  const existing = findAggregator(s, scopeOf(ctx), name);
  if (!existing && listAggregators(s, scopeOf(ctx)).length >= MAX_AGGREGATORS) {
    throw new AwsError('LimitExceededException', `Failed to put configuration aggregator '${name}' because the maximum number of configuration aggregators: ${MAX_AGGREGATORS} is reached.`);
  }
  const now = ctx.now.getTime();
  const row: AggregatorRow = {
    ...scopeOf(ctx), name, arn: existing?.arn ?? arn('config', ctx.region, ctx.accountId, `config-aggregator/config-aggregator-${hex()}`),
    data: {
      accountSources: sources.map((x) => ({ AccountIds: [...new Set(x.AccountIds!)], AllAwsRegions: !!x.AllAwsRegions, ...(x.AwsRegions?.length ? { AwsRegions: x.AwsRegions } : {}) })),
      filters: input.AggregatorFilters, createdMs: existing?.data.createdMs ?? now, updatedMs: now,
    },
  };
  saveAggregator(s, row);
  if (!existing && input.Tags?.length) putTags(s, row.arn, input.Tags);
  return { ConfigurationAggregator: aggregatorView(row) };
}

function aggregatorView(a: AggregatorRow) {
  return {
    ConfigurationAggregatorName: a.name, ConfigurationAggregatorArn: a.arn, AccountAggregationSources: a.data.accountSources,
    AggregatorFilters: a.data.filters, CreationTime: new Date(a.data.createdMs), LastUpdatedTime: new Date(a.data.updatedMs),
  };
}

export function describeConfigurationAggregators(input: { ConfigurationAggregatorNames?: string[]; Limit?: number; NextToken?: string }, ctx: RequestContext) {
  const all = input.ConfigurationAggregatorNames?.length
    ? input.ConfigurationAggregatorNames.map((n) => requireAggregator(ctx, n))
    : listAggregators(ctx.platform.storage, scopeOf(ctx));
  const { page, nextToken } = pageAfter(all, (a) => a.name, input.Limit || 100, input.NextToken, invalidNextToken);
  return { ConfigurationAggregators: page.map(aggregatorView), NextToken: nextToken };
}

export function deleteConfigurationAggregator(input: { ConfigurationAggregatorName: string }, ctx: RequestContext) {
  const a = requireAggregator(ctx, input.ConfigurationAggregatorName);
  deleteAggregatorRow(ctx.platform.storage, a, a.name);
  removeTags(ctx.platform.storage, a.arn);
  return {};
}

export function describeConfigurationAggregatorSourcesStatus(
  input: { ConfigurationAggregatorName: string; UpdateStatus?: string[]; Limit?: number; NextToken?: string }, ctx: RequestContext,
) {
  const a = requireAggregator(ctx, input.ConfigurationAggregatorName);
  const now = ctx.now;
  const all = aggregatorSources(ctx.platform.storage, a)
    .map((x) => ({
      SourceId: x.accountId, SourceType: 'ACCOUNT', AwsRegion: x.region, LastUpdateStatus: x.authorized ? 'SUCCEEDED' : 'FAILED', LastUpdateTime: now,
      ...(x.authorized ? {} : {
        LastErrorCode: 'AUTHORIZATION_NOT_FOUND',
        LastErrorMessage: `Account ${x.accountId} has not authorized the aggregator account ${a.accountId} in ${a.region} to collect its data in ${x.region}.`,
      }),
    }))
    .filter((x) => !input.UpdateStatus?.length || input.UpdateStatus.includes(x.LastUpdateStatus));
  const { page, nextToken } = pageAfter(all, (x) => `${x.SourceId}/${x.AwsRegion}`, input.Limit || 100, input.NextToken, invalidNextToken);
  return { AggregatedSourceStatusList: page, NextToken: nextToken };
}

function checkAuthorized(accountId: string, region: string): void {
  if (!/^\d{12}$/.test(accountId)) throw invalid(`The account ID ${accountId} is not valid: it must be 12 digits.`);
  if (!REGION.test(region)) throw invalid(`The region ${region} is not valid.`);
}

export function putAggregationAuthorization(input: { AuthorizedAccountId: string; AuthorizedAwsRegion: string; Tags?: { Key: string; Value: string }[] }, ctx: RequestContext) {
  checkAuthorized(input.AuthorizedAccountId, input.AuthorizedAwsRegion);
  const s = ctx.platform.storage;
  const existing = findAuth(s, scopeOf(ctx), input.AuthorizedAccountId, input.AuthorizedAwsRegion);
  const row = existing ?? {
    ...scopeOf(ctx), authorizedAccount: input.AuthorizedAccountId, authorizedRegion: input.AuthorizedAwsRegion, createdMs: ctx.now.getTime(),
    arn: arn('config', ctx.region, ctx.accountId, `aggregation-authorization/${input.AuthorizedAccountId}/${input.AuthorizedAwsRegion}`),
  };
  saveAuth(s, row);
  if (!existing && input.Tags?.length) putTags(s, row.arn, input.Tags);
  return { AggregationAuthorization: authView(row) };
}

const authView = (a: { arn: string; authorizedAccount: string; authorizedRegion: string; createdMs: number }) => ({
  AggregationAuthorizationArn: a.arn, AuthorizedAccountId: a.authorizedAccount, AuthorizedAwsRegion: a.authorizedRegion, CreationTime: new Date(a.createdMs),
});

export function describeAggregationAuthorizations(input: { Limit?: number; NextToken?: string }, ctx: RequestContext) {
  const all = listAuths(ctx.platform.storage, scopeOf(ctx));
  const { page, nextToken } = pageAfter(all, (a) => `${a.authorizedAccount}/${a.authorizedRegion}`, input.Limit || 100, input.NextToken, invalidNextToken);
  return { AggregationAuthorizations: page.map(authView), NextToken: nextToken };
}

export function deleteAggregationAuthorization(input: { AuthorizedAccountId: string; AuthorizedAwsRegion: string }, ctx: RequestContext) {
  checkAuthorized(input.AuthorizedAccountId, input.AuthorizedAwsRegion);
  const existing = findAuth(ctx.platform.storage, scopeOf(ctx), input.AuthorizedAccountId, input.AuthorizedAwsRegion);
  if (existing) {
    deleteAuthRow(ctx.platform.storage, scopeOf(ctx), input.AuthorizedAccountId, input.AuthorizedAwsRegion);
    removeTags(ctx.platform.storage, existing.arn);
  }
  return {};
}

/** Aggregators elsewhere that name this account and Region and are not yet authorized here. */
export function describePendingAggregationRequests(input: { Limit?: number; NextToken?: string }, ctx: RequestContext) {
  const s = ctx.platform.storage;
  const requesters = new Map<string, { RequesterAccountId: string; RequesterAwsRegion: string }>();
  for (const a of allAggregators(s)) {
    if (a.accountId === ctx.accountId) continue;
    const names = aggregatorSources(s, a).some((x) => x.accountId === ctx.accountId && x.region === ctx.region && !x.authorized);
    if (names) requesters.set(`${a.accountId}/${a.region}`, { RequesterAccountId: a.accountId, RequesterAwsRegion: a.region });
  }
  const all = [...requesters.entries()].sort(([x], [y]) => (x < y ? -1 : 1));
  const { page, nextToken } = pageAfter(all, ([k]) => k, input.Limit || 20, input.NextToken, invalidNextToken);
  return { PendingAggregationRequests: page.map(([, v]) => v), NextToken: nextToken };
}
