// Configuration recorders: the customer-managed one (one per region) and service-linked ones.
import { randomBytes } from 'node:crypto';
import type { RequestContext } from '../../types';
import { AwsError } from '../../../protocol/errors';
import { deleteRecorder, listChannels, listRecorders, putTags, removeTags, saveRecorder, type RecorderRow } from '../store';
import { normalizeGroup, normalizeMode } from '../recording-group';
import { checkResourceTypes } from '../resource-types';
import { recorderArn } from '../arns';
import { discover } from '../discovery';
import { itemsRecorded } from '../listeners';
import { noDeliveryChannel, noSuchRecorder, tooManyRecorders, validation } from '../errors';

const scopeOf = (ctx: RequestContext) => ({ accountId: ctx.accountId, region: ctx.region });

/** The outbox's last seq so far: events up to it happened before this moment. */
function outboxSeq(ctx: RequestContext): number {
  return (ctx.platform.storage.stmt("SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'outbox'), 0) AS seq").get() as { seq: number }).seq;
}

const customer = (ctx: RequestContext) => listRecorders(ctx.platform.storage, scopeOf(ctx)).filter((r) => !r.servicePrincipal);

function find(ctx: RequestContext, name: string): RecorderRow {
  const r = customer(ctx).find((x) => x.name === name);
  if (!r) throw noSuchRecorder(name);
  return r;
}

function view(r: RecorderRow): Record<string, unknown> {
  return {
    arn: r.arn, name: r.name, roleARN: r.roleArn, recordingGroup: r.recordingGroup, recordingMode: r.recordingMode,
    recordingScope: r.recordingScope, servicePrincipal: r.servicePrincipal,
  };
}

function rediscover(ctx: RequestContext, r: RecorderRow): void {
  const recorded = discover(ctx.platform, r);
  setImmediate(() => itemsRecorded(ctx.platform, recorded));
}

export function putConfigurationRecorder(input: any, ctx: RequestContext) {
  const spec = input.ConfigurationRecorder;
  const name: string = spec.name ?? 'default';
  if (!name.trim()) throw new AwsError('InvalidConfigurationRecorderNameException', `The configuration recorder name '${name}' is not valid, blank string.`);
  const existing = customer(ctx);
  const same = existing.find((r) => r.name === name);
  if (!same && existing.length) throw tooManyRecorders(name);
  if (spec.roleARN !== undefined && !/^arn:aws[\w-]*:iam::\d{12}:role\/.+/.test(spec.roleARN)) {
    throw new AwsError('InvalidRoleException', 'The role ARN provided is not valid.');
  }
  const r: RecorderRow = {
    ...(same ?? { accountId: ctx.accountId, region: ctx.region, name, arn: recorderArn(ctx.region, ctx.accountId, name, randomBytes(8).toString('hex')),
      recordingScope: 'PAID', recording: false, lastStatus: 'Pending' }),
    roleArn: spec.roleARN ?? same?.roleArn, recordingGroup: normalizeGroup(spec.recordingGroup), recordingMode: normalizeMode(spec.recordingMode),
  };
  saveRecorder(ctx.platform.storage, r);
  if (input.Tags?.length) putTags(ctx.platform.storage, r.arn, input.Tags);
  const groupChanged = same && JSON.stringify([same.recordingGroup, same.recordingMode]) !== JSON.stringify([r.recordingGroup, r.recordingMode]);
  if (same?.recording && groupChanged) rediscover(ctx, r);
  return {};
}

function selected(ctx: RequestContext, input: any): RecorderRow[] {
  let all = listRecorders(ctx.platform.storage, scopeOf(ctx));
  if (input.ServicePrincipal) all = all.filter((r) => r.servicePrincipal === input.ServicePrincipal);
  if (input.Arn) {
    all = all.filter((r) => r.arn === input.Arn);
    if (!all.length) throw noSuchRecorder(input.Arn);
  }
  const names: string[] | undefined = input.ConfigurationRecorderNames;
  if (!names?.length) return all;
  return names.map((n) => all.find((r) => r.name === n) ?? (() => { throw noSuchRecorder(n); })());
}

export function describeConfigurationRecorders(input: any, ctx: RequestContext) {
  return { ConfigurationRecorders: selected(ctx, input).map(view) };
}

export function describeConfigurationRecorderStatus(input: any, ctx: RequestContext) {
  return {
    ConfigurationRecordersStatus: selected(ctx, input).map((r) => ({
      arn: r.arn, name: r.name, servicePrincipal: r.servicePrincipal, recording: r.recording, lastStatus: r.lastStatus,
      lastStartTime: r.lastStartMs !== undefined ? new Date(r.lastStartMs) : undefined, lastStopTime: r.lastStopMs !== undefined ? new Date(r.lastStopMs) : undefined,
      lastStatusChangeTime: r.lastStatusChangeMs !== undefined ? new Date(r.lastStatusChangeMs) : undefined,
    })),
  };
}

export function startConfigurationRecorder(input: any, ctx: RequestContext) {
  const r = find(ctx, input.ConfigurationRecorderName);
  if (!listChannels(ctx.platform.storage, scopeOf(ctx)).length) throw noDeliveryChannel();
  if (r.recording) return {};
  const now = ctx.now.getTime();
  const started = { ...r, recording: true, startSeq: outboxSeq(ctx), stopSeq: undefined, lastStartMs: now, lastStatus: 'Success', lastStatusChangeMs: now };
  saveRecorder(ctx.platform.storage, started);
  rediscover(ctx, started);
  return {};
}

export function stopConfigurationRecorder(input: any, ctx: RequestContext) {
  const r = find(ctx, input.ConfigurationRecorderName);
  if (!r.recording) return {};
  const now = ctx.now.getTime();
  saveRecorder(ctx.platform.storage, { ...r, recording: false, stopSeq: outboxSeq(ctx), lastStopMs: now, lastStatusChangeMs: now });
  return {};
}

export function deleteConfigurationRecorder(input: any, ctx: RequestContext) {
  const r = find(ctx, input.ConfigurationRecorderName);
  deleteRecorder(ctx.platform.storage, scopeOf(ctx), r.name);
  removeTags(ctx.platform.storage, r.arn);
  return {};
}

const linkedName = (principal: string) => `AWSConfigurationRecorderFor${principal.split('.')[0].replace(/[^A-Za-z0-9]/g, '')}`;

export function putServiceLinkedConfigurationRecorder(input: any, ctx: RequestContext) {
  const principal: string = input.ServicePrincipal;
  if (!/^[a-z0-9.-]+\.amazonaws\.com$/.test(principal)) throw validation(`The service principal '${principal}' is not valid.`);
  const all = listRecorders(ctx.platform.storage, scopeOf(ctx));
  const found = all.find((r) => r.servicePrincipal === principal);
  if (found) return { Arn: found.arn, Name: found.name };
  const name = linkedName(principal);
  const r: RecorderRow = {
    accountId: ctx.accountId, region: ctx.region, name, arn: recorderArn(ctx.region, ctx.accountId, name, randomBytes(8).toString('hex')),
    recordingGroup: normalizeGroup({ allSupported: true }), recordingMode: normalizeMode(undefined), servicePrincipal: principal,
    recordingScope: 'INTERNAL', recording: true, lastStatus: 'Success', lastStartMs: ctx.now.getTime(), lastStatusChangeMs: ctx.now.getTime(),
  };
  saveRecorder(ctx.platform.storage, r);
  if (input.Tags?.length) putTags(ctx.platform.storage, r.arn, input.Tags);
  return { Arn: r.arn, Name: r.name };
}

export function deleteServiceLinkedConfigurationRecorder(input: any, ctx: RequestContext) {
  const r = listRecorders(ctx.platform.storage, scopeOf(ctx)).find((x) => x.servicePrincipal === input.ServicePrincipal);
  if (!r) throw noSuchRecorder(input.ServicePrincipal);
  deleteRecorder(ctx.platform.storage, scopeOf(ctx), r.name);
  removeTags(ctx.platform.storage, r.arn);
  return { Arn: r.arn, Name: r.name };
}

export function listConfigurationRecorders(input: any, ctx: RequestContext) {
  let all = listRecorders(ctx.platform.storage, scopeOf(ctx));
  for (const f of input.Filters ?? []) {
    const values: string[] = f.filterValue ?? [];
    if (f.filterName === 'recordingScope') all = all.filter((r) => values.includes(r.recordingScope));
  }
  const start = input.NextToken ? Number(Buffer.from(input.NextToken, 'base64').toString()) : 0;
  if (!Number.isInteger(start) || start < 0) throw new AwsError('ValidationException', 'The nextToken provided is invalid');
  const max = input.MaxResults ?? 20;
  const page = all.slice(start, start + max);
  return {
    ConfigurationRecorderSummaries: page.map((r) => ({ arn: r.arn, name: r.name, recordingScope: r.recordingScope, servicePrincipal: r.servicePrincipal })),
    NextToken: start + max < all.length ? Buffer.from(String(start + max)).toString('base64') : undefined,
  };
}

function byArn(ctx: RequestContext, arn: string): RecorderRow {
  const r = listRecorders(ctx.platform.storage, scopeOf(ctx)).find((x) => x.arn === arn);
  if (!r) throw noSuchRecorder(arn);
  if (r.servicePrincipal) throw new AwsError('ConflictException', 'A service-linked configuration recorder cannot be modified.');
  return r;
}

function changeTypes(ctx: RequestContext, arn: string, types: string[], add: boolean) {
  checkResourceTypes(types, 'resourceTypes');
  const r = byArn(ctx, arn);
  if (r.recordingGroup.recordingStrategy?.useOnly !== 'INCLUSION_BY_RESOURCE_TYPES' && !add) {
    throw new AwsError('ConflictException', 'The configuration recorder does not use INCLUSION_BY_RESOURCE_TYPES.');
  }
  const current: string[] = r.recordingGroup.allSupported ? [] : r.recordingGroup.resourceTypes;
  const next = add ? [...new Set([...current, ...types])] : current.filter((t) => !types.includes(t));
  if (!next.length) throw new AwsError('ValidationException', 'The recording group must keep at least one resource type.');
  const updated = { ...r, recordingGroup: normalizeGroup({ allSupported: false, resourceTypes: next, recordingStrategy: { useOnly: 'INCLUSION_BY_RESOURCE_TYPES' } }) };
  saveRecorder(ctx.platform.storage, updated);
  if (updated.recording) rediscover(ctx, updated);
  return { ConfigurationRecorder: view(updated) };
}

export const associateResourceTypes = (input: any, ctx: RequestContext) => changeTypes(ctx, input.ConfigurationRecorderArn, input.ResourceTypes, true);
export const disassociateResourceTypes = (input: any, ctx: RequestContext) => changeTypes(ctx, input.ConfigurationRecorderArn, input.ResourceTypes, false);

export function recorderTagsArn(ctx: RequestContext, arn: string): boolean {
  return listRecorders(ctx.platform.storage, scopeOf(ctx)).some((r) => r.arn === arn);
}

export { removeTags };
