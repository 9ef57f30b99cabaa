// Health checks: create (idempotent by CallerReference), get, list, count, update, delete, and
// the status and last failure their real probes (health/) report.
import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../types';
import { invalidInput, noSuchHealthCheck, r53 } from '../errors';
import { healthCheckInUse, tagsOf } from '../store';
import {
  countHealthChecks, deleteHealthCheckRow, findHealthCheck, healthCheckByReference, insertHealthCheck, listHealthChecks,
  updateHealthCheckRow, type HealthCheckRow,
} from '../health/store';
import { healthChanged, scheduleProbe, stopProbe } from '../health/runner';
import { runtimeOf } from '../health/state';
import { allowedNetworks, isLocalName, refusal, targetAllowed } from '../health/targets';
import { pageSize } from './zones';

const MAX_HEALTH_CHECKS = 200;
const HTTP_TYPES = new Set(['HTTP', 'HTTPS', 'HTTP_STR_MATCH', 'HTTPS_STR_MATCH']);
const CONFIG_KEYS = ['IPAddress', 'Port', 'Type', 'ResourcePath', 'FullyQualifiedDomainName', 'SearchString', 'RequestInterval', 'FailureThreshold',
  'MeasureLatency', 'Inverted', 'Disabled', 'HealthThreshold', 'ChildHealthChecks', 'EnableSNI', 'Regions', 'AlarmIdentifier', 'InsufficientDataHealthStatus'];

/** The configuration with AWS's defaults filled in, checked; throws InvalidInput. */
function normalizeConfig(ctx: RequestContext, given: Record<string, any>): Record<string, any> {
  const type = given.Type;
  if (type === 'CLOUDWATCH_METRIC' || type === 'RECOVERY_CONTROL') {
    throw invalidInput(`kanri cannot create ${type} health checks: there are no CloudWatch alarms or recovery controls in kanri yet.`);
  }
  const out: Record<string, any> = {};
  if (type === 'CALCULATED') {
    for (const k of ['IPAddress', 'Port', 'ResourcePath', 'FullyQualifiedDomainName', 'SearchString']) {
      if (given[k] !== undefined) throw invalidInput(`${k} is not valid for a CALCULATED health check.`);
    }
    const children: string[] = given.ChildHealthChecks ?? [];
    for (const child of children) if (!findHealthCheck(ctx.platform.storage, child) || findHealthCheck(ctx.platform.storage, child)!.accountId !== ctx.accountId) throw noSuchHealthCheck(child);
    Object.assign(out, { Type: type, Inverted: given.Inverted ?? false, Disabled: given.Disabled ?? false, HealthThreshold: given.HealthThreshold ?? children.length, ChildHealthChecks: children });
    return out;
  }
  const secure = type === 'HTTPS' || type === 'HTTPS_STR_MATCH';
  if (given.IPAddress === undefined && given.FullyQualifiedDomainName === undefined) {
    throw invalidInput('Invalid parameter: a health check of this type needs IPAddress or FullyQualifiedDomainName.');
  }
  if (type === 'TCP' && given.Port === undefined) throw invalidInput('Port is required for TCP health checks.');
  if (type.endsWith('_STR_MATCH') && !given.SearchString) throw invalidInput(`SearchString is required for health checks of type ${type}.`);
  if (given.RequestInterval !== undefined && given.RequestInterval !== 10 && given.RequestInterval !== 30) throw invalidInput('RequestInterval must be 10 or 30 seconds.');
  if (type === 'TCP' && given.ResourcePath !== undefined) throw invalidInput('ResourcePath is not valid for TCP health checks.');
  checkTarget(ctx, given);
  Object.assign(out, {
    ...(given.IPAddress !== undefined ? { IPAddress: given.IPAddress } : {}),
    Port: given.Port ?? (secure ? 443 : 80), Type: type,
    ...(given.ResourcePath !== undefined ? { ResourcePath: given.ResourcePath } : {}),
    ...(given.FullyQualifiedDomainName !== undefined ? { FullyQualifiedDomainName: given.FullyQualifiedDomainName } : {}),
    ...(given.SearchString !== undefined ? { SearchString: given.SearchString } : {}),
    RequestInterval: given.RequestInterval ?? 30, FailureThreshold: given.FailureThreshold ?? 3, MeasureLatency: given.MeasureLatency ?? false,
    Inverted: given.Inverted ?? false, Disabled: given.Disabled ?? false,
    ...(HTTP_TYPES.has(type) ? { EnableSNI: given.EnableSNI ?? secure } : {}),
    ...(given.Regions !== undefined ? { Regions: given.Regions } : {}),
  });
  return out;
}

/** kanri probes only what its operator allows (health/targets.ts). */
function checkTarget(ctx: RequestContext, c: Record<string, any>): void {
  if (c.IPAddress !== undefined) {
    if (!targetAllowed(ctx.platform, c.IPAddress)) throw invalidInput(refusal(c.IPAddress));
  } else if (!isLocalName(c.FullyQualifiedDomainName) && !allowedNetworks(ctx.platform).length) {
    throw invalidInput(refusal(c.FullyQualifiedDomainName));
  }
}

function view(ctx: RequestContext, hc: HealthCheckRow) {
  return { Id: hc.id, CallerReference: hc.callerReference, HealthCheckConfig: hc.config, HealthCheckVersion: hc.version };
}

function camel(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camel);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k === 'IPAddress' ? 'ipAddress' : k[0].toLowerCase() + k.slice(1)] = camel(v);
    return out;
  }
  return value;
}

function configuration(ctx: RequestContext, hc: HealthCheckRow) {
  return { healthCheckId: hc.id, healthCheckConfig: camel(hc.config),
    healthCheckTags: tagsOf(ctx.platform.storage, 'healthcheck', hc.id).map((t) => ({ key: t.Key, value: t.Value })) };
}

export function emitHealthCheck(ctx: RequestContext, hc: HealthCheckRow, before: unknown | null, after: unknown | null): void {
  ctx.emit({ resourceType: 'AWS::Route53::HealthCheck', resourceId: hc.id, arn: `arn:aws:route53:::healthcheck/${hc.id}`, region: 'global', before, after });
}

export function getCheck(ctx: RequestContext, id: string): HealthCheckRow {
  const hc = findHealthCheck(ctx.platform.storage, id);
  if (!hc || hc.accountId !== ctx.accountId) throw noSuchHealthCheck(id);
  return hc;
}

export function createHealthCheck(input: any, ctx: RequestContext) {
  const s = ctx.platform.storage;
  const config = normalizeConfig(ctx, input.HealthCheckConfig);
  const existing = healthCheckByReference(s, ctx.accountId, input.CallerReference);
  if (existing) {
    if (JSON.stringify(existing.config) === JSON.stringify(config)) return { HealthCheck: view(ctx, existing), Location: location(existing.id) };
    throw r53('HealthCheckAlreadyExists', 'A health check with the same CallerReference already exists, but with different settings.');
  }
  if (countHealthChecks(s, ctx.accountId) >= MAX_HEALTH_CHECKS) throw r53('TooManyHealthChecks', `This operation can't be completed because the current account has reached the limit of ${MAX_HEALTH_CHECKS} health checks.`);
  const hc: HealthCheckRow = { id: randomUUID(), accountId: ctx.accountId, callerReference: input.CallerReference, config, version: 1, createdAt: ctx.now.getTime() };
  insertHealthCheck(s, hc);
  emitHealthCheck(ctx, hc, null, configuration(ctx, hc));
  scheduleProbe(ctx.platform, hc.id, 0);
  healthChanged(ctx.platform);
  return { HealthCheck: view(ctx, hc), Location: location(hc.id) };
}

const location = (id: string) => `https://route53.amazonaws.com/2013-04-01/healthcheck/${id}`;

export function getHealthCheck(input: any, ctx: RequestContext) {
  return { HealthCheck: view(ctx, getCheck(ctx, input.HealthCheckId)) };
}

export function getHealthCheckCount(_input: any, ctx: RequestContext) {
  return { HealthCheckCount: countHealthChecks(ctx.platform.storage, ctx.accountId) };
}

export function listHealthChecksOp(input: any, ctx: RequestContext) {
  const max = pageSize(input.MaxItems, 1000);
  const rows = listHealthChecks(ctx.platform.storage, ctx.accountId, input.Marker ?? '', max + 1);
  const next = rows[max];
  return { HealthChecks: rows.slice(0, max).map((h) => view(ctx, h)), Marker: input.Marker ?? '', IsTruncated: !!next, MaxItems: String(max), ...(next ? { NextMarker: next.id } : {}) };
}

export function updateHealthCheck(input: any, ctx: RequestContext) {
  const hc = getCheck(ctx, input.HealthCheckId);
  if (input.HealthCheckVersion !== undefined && input.HealthCheckVersion !== hc.version) {
    throw r53('HealthCheckVersionMismatch', 'The value of HealthCheckVersion in the request doesn\'t match the value of HealthCheckVersion in the health check.');
  }
  const merged: Record<string, any> = { ...hc.config };
  for (const k of CONFIG_KEYS) if (k !== 'Type' && input[k] !== undefined) merged[k] = input[k];
  for (const k of input.ResetElements ?? []) delete merged[k];
  const config = normalizeConfig(ctx, merged);
  const before = configuration(ctx, hc);
  const after = { ...hc, config, version: hc.version + 1 };
  updateHealthCheckRow(ctx.platform.storage, hc.id, config, after.version);
  emitHealthCheck(ctx, after, before, configuration(ctx, after));
  scheduleProbe(ctx.platform, hc.id, 0);
  healthChanged(ctx.platform);
  return { HealthCheck: view(ctx, after) };
}

export function deleteHealthCheck(input: any, ctx: RequestContext) {
  const hc = getCheck(ctx, input.HealthCheckId);
  const parent = listHealthChecks(ctx.platform.storage, ctx.accountId).find((p) => p.config.ChildHealthChecks?.includes(hc.id));
  if (parent || healthCheckInUse(ctx.platform.storage, hc.id)) {
    throw r53('HealthCheckInUse', `The health check ${hc.id} is still referenced from ${parent ? `the calculated health check ${parent.id}` : 'a resource record set'}.`);
  }
  const before = configuration(ctx, hc);
  deleteHealthCheckRow(ctx.platform.storage, hc.id);
  emitHealthCheck(ctx, hc, before, null);
  stopProbe(ctx.platform, hc.id);
  healthChanged(ctx.platform);
  return {};
}

/** One checker (kanri itself) reports, as one of AWS's checker regions would. */
function observation(ip: string, status: string, at: number) {
  return { Region: 'us-east-1', IPAddress: ip, StatusReport: { Status: status, CheckedTime: new Date(at) } };
}

export function getHealthCheckStatus(input: any, ctx: RequestContext) {
  const hc = getCheck(ctx, input.HealthCheckId);
  const rt = runtimeOf(ctx.platform);
  if (hc.config.Type === 'CALCULATED') {
    const healthy = rt.effective.get(hc.id) ?? true;
    return { HealthCheckObservations: [observation('127.0.0.1', healthy ? 'Success: Calculated health check is healthy' : 'Failure: Calculated health check is unhealthy', ctx.now.getTime())] };
  }
  const st = rt.statuses.get(hc.id);
  if (!st?.checkedAt) return { HealthCheckObservations: [] };
  return { HealthCheckObservations: [observation('127.0.0.1', st.status ?? '', st.checkedAt)] };
}

export function getHealthCheckLastFailureReason(input: any, ctx: RequestContext) {
  const hc = getCheck(ctx, input.HealthCheckId);
  const st = runtimeOf(ctx.platform).statuses.get(hc.id);
  if (!st?.failureAt) return { HealthCheckObservations: [] };
  return { HealthCheckObservations: [observation('127.0.0.1', st.failureReason ?? '', st.failureAt)] };
}
