// GetParameterHistory, LabelParameterVersion and UnlabelParameterVersion. A label names one
// version at a time: labelling another version moves it there. At most 10 labels per version.
import type { RequestContext } from '../../types';
import { labelLimit, parameterNotFound, versionNotFound } from '../errors';
import { keyOf } from '../names';
import { decodeToken, encodeToken } from '../paging';
import { findParameter, findVersion, labelledVersions, listVersions, setLabels } from '../store-parameters';
import { parameterChanged } from './events';
import { inlinePolicies } from './policies';
import { valueOf } from './read';

const MAX_LABELS = 10;

function requireParameter(ctx: RequestContext, name: string) {
  const row = findParameter(ctx.platform.storage, ctx, keyOf(name));
  if (!row) throw parameterNotFound(name);
  return row;
}

export function getParameterHistory(input: { Name: string; WithDecryption?: boolean; MaxResults?: number; NextToken?: string }, ctx: RequestContext) {
  const current = requireParameter(ctx, input.Name);
  const after = Number(decodeToken(input.NextToken) || 0);
  const limit = input.MaxResults ?? 50;
  const rows = listVersions(ctx.platform.storage, ctx, current.name, after, limit + 1);
  const page = rows.slice(0, limit);
  const Parameters = page.map((v) => ({
    Name: current.displayName, Type: v.type, KeyId: v.keyId ?? undefined, LastModifiedDate: new Date(v.modifiedAt), LastModifiedUser: v.modifiedUser,
    Description: v.description ?? undefined, Value: valueOf(ctx, v, current.displayName, input.WithDecryption), AllowedPattern: v.allowedPattern ?? undefined,
    Version: v.version, Labels: v.labels, Tier: v.tier, Policies: inlinePolicies(v.policies) ?? [], DataType: v.dataType,
  }));
  return { Parameters, NextToken: rows.length > limit ? encodeToken(String(page[page.length - 1].version)) : undefined };
}

/** AWS's label rules: no aws/ssm prefix, not starting with a digit, letters, digits, . - _ only. */
function validLabel(label: string): boolean {
  return !/^(aws|ssm)/i.test(label) && !/^\d/.test(label) && /^[a-zA-Z0-9_.-]+$/.test(label);
}

export function labelParameterVersion(input: { Name: string; ParameterVersion?: number; Labels: string[] }, ctx: RequestContext) {
  const storage = ctx.platform.storage;
  const current = requireParameter(ctx, input.Name);
  const version = input.ParameterVersion ?? current.version;
  const target = findVersion(storage, ctx, current.name, version);
  if (!target) throw versionNotFound(input.Name, version);
  const InvalidLabels = input.Labels.filter((l) => !validLabel(l));
  const moving = [...new Set(input.Labels.filter(validLabel))];
  const labels = [...target.labels, ...moving.filter((l) => !target.labels.includes(l))];
  if (labels.length > MAX_LABELS) throw labelLimit();
  for (const other of labelledVersions(storage, ctx, current.name)) {
    if (other.version === version) continue;
    const kept = other.labels.filter((l) => !moving.includes(l));
    if (kept.length !== other.labels.length) setLabels(storage, ctx, current.name, other.version, kept);
  }
  setLabels(storage, ctx, current.name, version, labels);
  ctx.touch('AWS::SSM::Parameter', current.displayName);
  if (moving.length) {
    parameterChanged(ctx.platform, { accountId: ctx.accountId, region: ctx.region, displayName: current.displayName, type: current.type, description: current.description },
      'LabelParameterVersion', ctx.now);
  }
  return { InvalidLabels, ParameterVersion: version };
}

export function unlabelParameterVersion(input: { Name: string; ParameterVersion: number; Labels: string[] }, ctx: RequestContext) {
  const storage = ctx.platform.storage;
  const current = requireParameter(ctx, input.Name);
  const target = findVersion(storage, ctx, current.name, input.ParameterVersion);
  if (!target) throw versionNotFound(input.Name, input.ParameterVersion);
  const RemovedLabels = input.Labels.filter((l) => target.labels.includes(l));
  const InvalidLabels = input.Labels.filter((l) => !target.labels.includes(l));
  if (RemovedLabels.length) setLabels(storage, ctx, current.name, target.version, target.labels.filter((l) => !RemovedLabels.includes(l)));
  ctx.touch('AWS::SSM::Parameter', current.displayName);
  return { RemovedLabels, InvalidLabels };
}
