// ListCommands, ListCommandInvocations, GetCommandInvocation and CancelCommand.
import { AwsError } from '../../../protocol/errors';
import type { RequestContext } from '../../types';
import { decodeToken, encodeToken } from '../paging';
import { advance, finish, TERMINAL } from './lifecycle';
import { describeCommand, describeInvocation, truncate } from './shapes';
import {
  findCommand, findInvocation, invocationsOf, invocationsOfInstance, listCommandRows, saveInvocation, setCommandStatus, type CommandRow, type InvocationRow,
} from './store';

type Filter = { key: string; value: string };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const invalidCommandId = () => new AwsError('InvalidCommandId', 'The command ID is not valid.');

function command(ctx: RequestContext, id: string): CommandRow {
  const c = UUID.test(id) ? findCommand(ctx.platform.storage, ctx, id) : undefined;
  if (!c) throw invalidCommandId();
  return c;
}

function filterTest(filters: Filter[] | undefined): (c: CommandRow, status: string) => boolean {
  const tests = (filters ?? []).map((f) => {
    switch (f.key) {
      case 'InvokedAfter': { const t = Date.parse(f.value); if (Number.isNaN(t)) throw badFilter(f); return (c: CommandRow) => c.requestedAt >= t; }
      case 'InvokedBefore': { const t = Date.parse(f.value); if (Number.isNaN(t)) throw badFilter(f); return (c: CommandRow) => c.requestedAt <= t; }
      case 'Status': return (_c: CommandRow, status: string) => status === f.value;
      case 'DocumentName': return (c: CommandRow) => c.documentName === f.value;
      case 'ExecutionStage': return (_c: CommandRow, status: string) => (f.value === 'Complete' ? TERMINAL.has(status) : !TERMINAL.has(status));
      default: throw new AwsError('InvalidFilterKey', `The filter key ${f.key} is not valid.`);
    }
  });
  return (c, status) => tests.every((t) => t(c, status));
}

function badFilter(f: Filter): AwsError {
  return new AwsError('InvalidFilterKey', `The value ${f.value} of filter ${f.key} is not a valid date.`);
}

function page<T>(items: T[], key: (t: T) => string, maxResults: number | undefined, token: string | undefined) {
  const after = decodeToken(token);
  const rest = after ? items.slice(items.findIndex((t) => key(t) === after) + 1) : items;
  const limit = maxResults ?? 50;
  const out = rest.slice(0, limit);
  return { out, next: rest.length > limit ? encodeToken(key(out[out.length - 1])) : undefined };
}

export function listCommands(input: { CommandId?: string; InstanceId?: string; MaxResults?: number; NextToken?: string; Filters?: Filter[] }, ctx: RequestContext) {
  const test = filterTest(input.Filters);
  let rows = input.CommandId ? [command(ctx, input.CommandId)] : listCommandRows(ctx.platform.storage, ctx);
  if (input.InstanceId) {
    const mine = new Set(invocationsOfInstance(ctx.platform.storage, ctx, input.InstanceId).map((i) => i.commandId));
    rows = rows.filter((c) => mine.has(c.commandId));
  }
  rows = rows.filter((c) => test(c, c.status));
  const { out, next } = page(rows, (c) => c.commandId, input.MaxResults, input.NextToken);
  return { Commands: out.map((c) => describeCommand(ctx.platform, c)), NextToken: next };
}

export function listCommandInvocations(input: { CommandId?: string; InstanceId?: string; MaxResults?: number; NextToken?: string; Filters?: Filter[]; Details?: boolean }, ctx: RequestContext) {
  const test = filterTest(input.Filters);
  let pairs: { c: CommandRow; i: InvocationRow }[];
  if (input.CommandId) {
    const c = command(ctx, input.CommandId);
    pairs = invocationsOf(ctx.platform.storage, c).map((i) => ({ c, i }));
  } else {
    const byId = new Map(listCommandRows(ctx.platform.storage, ctx).map((c) => [c.commandId, c]));
    pairs = [...byId.values()].flatMap((c) => invocationsOf(ctx.platform.storage, c).map((i) => ({ c, i })));
  }
  if (input.InstanceId) pairs = pairs.filter((p) => p.i.instanceId === input.InstanceId);
  pairs = pairs.filter((p) => test(p.c, p.i.status));
  const { out, next } = page(pairs, (p) => `${p.c.commandId}/${p.i.instanceId}`, input.MaxResults, input.NextToken);
  return { CommandInvocations: out.map((p) => describeInvocation(p.c, p.i, !!input.Details)), NextToken: next };
}

const iso = (ms: number | null | undefined) => (ms ? new Date(ms).toISOString() : '');

function elapsed(start?: number | null, end?: number | null): string {
  if (!start || !end) return '';
  return `PT${((end - start) / 1000).toFixed(3).replace(/\.?0+$/, '')}S`;
}

export function getCommandInvocation(input: { CommandId: string; InstanceId: string; PluginName?: string }, ctx: RequestContext) {
  const c = command(ctx, input.CommandId);
  const inv = findInvocation(ctx.platform.storage, ctx, c.commandId, input.InstanceId);
  if (!inv) throw new AwsError('InvocationDoesNotExist', 'An error occurred (InvocationDoesNotExist) when calling the GetCommandInvocation operation');
  const p = input.PluginName !== undefined ? inv.plugins.find((x) => x.Name === input.PluginName) : inv.plugins[0];
  if (input.PluginName !== undefined && !p && inv.plugins.length) throw new AwsError('InvalidPluginName', 'The plugin name is not valid.');
  const base = describeInvocation(c, inv, true).CommandPlugins.find((x) => x.Name === p?.Name);
  return {
    CommandId: c.commandId, InstanceId: inv.instanceId, Comment: c.comment ?? '', DocumentName: c.documentName, DocumentVersion: c.documentVersion ?? undefined,
    PluginName: p?.Name ?? input.PluginName ?? '', ResponseCode: p?.ResponseCode ?? inv.responseCode ?? -1,
    ExecutionStartDateTime: iso(p?.ResponseStartDateTime ?? inv.startedAt), ExecutionElapsedTime: elapsed(p?.ResponseStartDateTime ?? inv.startedAt, p?.ResponseFinishDateTime ?? inv.endedAt),
    ExecutionEndDateTime: iso(p?.ResponseFinishDateTime ?? inv.endedAt),
    Status: p?.Status ?? inv.status, StatusDetails: p?.StatusDetails ?? inv.statusDetails,
    StandardOutputContent: truncate(p?.StandardOutput ?? ''), StandardOutputUrl: base?.StandardOutputUrl ?? '',
    StandardErrorContent: truncate(p?.StandardError ?? ''), StandardErrorUrl: base?.StandardErrorUrl ?? '',
    CloudWatchOutputConfig: { CloudWatchLogGroupName: c.cloudwatch?.CloudWatchLogGroupName ?? '', CloudWatchOutputEnabled: c.cloudwatch?.CloudWatchOutputEnabled ?? false },
  };
}

export function cancelCommand(input: { CommandId: string; InstanceIds?: string[] }, ctx: RequestContext) {
  const c = command(ctx, input.CommandId);
  const only = input.InstanceIds?.length ? new Set(input.InstanceIds) : undefined;
  if (only && only.size !== input.InstanceIds!.length) throw new AwsError('DuplicateInstanceId', 'You cannot specify an instance ID in more than one association.');
  const invocations = invocationsOf(ctx.platform.storage, c);
  if (only) {
    const unknown = [...only].filter((id) => !invocations.some((i) => i.instanceId === id));
    if (unknown.length) throw new AwsError('InvalidInstanceId', `Instances [[${unknown.join(', ')}]] not in a valid state for account ${ctx.accountId}`);
  }
  if (TERMINAL.has(c.status)) return {};
  const now = ctx.now.getTime();
  for (const i of invocations) {
    if (only && !only.has(i.instanceId)) continue;
    if (TERMINAL.has(i.status)) continue;
    if (i.acked) {
      // The agent has it: it is told to stop (GetMessages hands it a cancel message) and answers Cancelled.
      i.status = 'Cancelling';
      i.statusDetails = 'Cancelling';
      saveInvocation(ctx.platform.storage, i);
    } else {
      finish(ctx.platform, c, i, 'Cancelled', 'Cancelled', now, false);
    }
  }
  if (!only) {
    setCommandStatus(ctx.platform.storage, c, 'Cancelling', 'Cancelling');
    c.status = 'Cancelling';
  }
  advance(ctx.platform, c);
  return {};
}
