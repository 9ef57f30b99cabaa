// CreateEventBus, DescribeEventBus, UpdateEventBus, DeleteEventBus, ListEventBuses, and the bus
// policy's statements (PutPermission, RemovePermission).
import type { RequestContext } from '../../types';
import { alreadyExists, limitExceeded, policyTooLong, statementNotFound, validation } from '../errors';
import { busArn, DEFAULT_BUS, emitBusChange, ensureDefaultBus, requireBus } from '../names';
import { pageOf } from '../paging';
import { countBuses, deleteBus, findBus, listBuses, listRules, saveBus, type BusRow } from '../store';
import { removeRuleAndTags } from './rules';
import { dropTags, writeTags } from './tags';

const MAX_BUSES = 100; // AWS's default quota per account and Region, the default bus included

interface BusInput { Name: string; Description?: string; KmsKeyIdentifier?: string; DeadLetterConfig?: { Arn?: string }; EventSourceName?: string; Tags?: { Key: string; Value: string }[] }

export function createEventBus(input: BusInput, ctx: RequestContext) {
  const name = input.Name;
  if (name === DEFAULT_BUS || findBus(ctx.platform.storage, ctx.accountId, ctx.region, name)) throw alreadyExists(`Event bus ${name} already exists.`);
  if (name.includes('/') && !input.EventSourceName) throw validation('Event bus name must not contain \'/\'.');
  if (input.EventSourceName) throw validation(`Event source ${input.EventSourceName} does not exist.`);
  ensureDefaultBus(ctx);
  if (countBuses(ctx.platform.storage, ctx.accountId, ctx.region) >= MAX_BUSES) throw limitExceeded();
  const at = ctx.now.getTime();
  const row: BusRow = {
    accountId: ctx.accountId, region: ctx.region, name, description: input.Description ?? null, policy: null,
    kmsKey: input.KmsKeyIdentifier ?? null, deadLetterArn: input.DeadLetterConfig?.Arn ?? null, createdAt: at, modifiedAt: at,
  };
  saveBus(ctx.platform.storage, row);
  const arn = busArn(ctx, name);
  writeTags(ctx, arn, input.Tags ?? []);
  emitBusChange(ctx, name, null, row);
  return { EventBusArn: arn, Description: input.Description, KmsKeyIdentifier: input.KmsKeyIdentifier, DeadLetterConfig: input.DeadLetterConfig };
}

export function describeEventBus(input: { Name?: string }, ctx: RequestContext) {
  const bus = requireBus(ctx, input.Name);
  return {
    Name: bus.name, Arn: busArn(ctx, bus.name), Description: bus.description ?? undefined, Policy: bus.policy ?? undefined,
    KmsKeyIdentifier: bus.kmsKey ?? undefined, DeadLetterConfig: bus.deadLetterArn ? { Arn: bus.deadLetterArn } : undefined,
    CreationTime: new Date(bus.createdAt), LastModifiedTime: new Date(bus.modifiedAt),
  };
}

export function updateEventBus(input: Omit<BusInput, 'Name'> & { Name?: string }, ctx: RequestContext) {
  const before = requireBus(ctx, input.Name);
  const after: BusRow = {
    ...before, description: input.Description ?? before.description, kmsKey: input.KmsKeyIdentifier ?? before.kmsKey,
    deadLetterArn: input.DeadLetterConfig ? input.DeadLetterConfig.Arn ?? null : before.deadLetterArn, modifiedAt: ctx.now.getTime(),
  };
  saveBus(ctx.platform.storage, after);
  emitBusChange(ctx, after.name, before, after);
  return {
    Arn: busArn(ctx, after.name), Name: after.name, Description: after.description ?? undefined, KmsKeyIdentifier: after.kmsKey ?? undefined,
    DeadLetterConfig: after.deadLetterArn ? { Arn: after.deadLetterArn } : undefined,
  };
}

export function deleteEventBus(input: { Name: string }, ctx: RequestContext) {
  if (input.Name === DEFAULT_BUS) throw validation('Cannot delete event bus default.');
  const bus = findBus(ctx.platform.storage, ctx.accountId, ctx.region, input.Name);
  if (!bus) return {}; // AWS answers success for a bus that is already gone
  // The bus's rules and their targets go with it.
  for (const rule of listRules(ctx.platform.storage, ctx.accountId, ctx.region, bus.name, '', '', 10_000)) removeRuleAndTags(ctx, rule);
  deleteBus(ctx.platform.storage, ctx.accountId, ctx.region, bus.name);
  dropTags(ctx, busArn(ctx, bus.name));
  emitBusChange(ctx, bus.name, bus, null);
  return {};
}

export function listEventBuses(input: { NamePrefix?: string; Limit?: number; NextToken?: string }, ctx: RequestContext) {
  ensureDefaultBus(ctx);
  const page = pageOf(input.NextToken, input.Limit, 100,
    (after, n) => listBuses(ctx.platform.storage, ctx.accountId, ctx.region, input.NamePrefix ?? '', after, n), (b) => b.name);
  return {
    EventBuses: page.items.map((b) => ({
      Name: b.name, Arn: busArn(ctx, b.name), Description: b.description ?? undefined, Policy: b.policy ?? undefined,
      CreationTime: new Date(b.createdAt), LastModifiedTime: new Date(b.modifiedAt),
    })),
    NextToken: page.NextToken,
  };
}

interface Statement { Sid: string; [k: string]: unknown }

function statements(bus: BusRow): Statement[] {
  return bus.policy ? (JSON.parse(bus.policy).Statement ?? []) : [];
}

function savePolicy(ctx: RequestContext, before: BusRow, list: Statement[] | null): void {
  const after = { ...before, policy: list && list.length ? JSON.stringify({ Version: '2012-10-17', Statement: list }) : null, modifiedAt: ctx.now.getTime() };
  saveBus(ctx.platform.storage, after);
  if (before.name !== DEFAULT_BUS) emitBusChange(ctx, after.name, before, after);
}

const MAX_POLICY = 10_240;

export function putPermission(input: {
  EventBusName?: string; Action?: string; Principal?: string; StatementId?: string; Condition?: { Type: string; Key: string; Value: string }; Policy?: string;
}, ctx: RequestContext) {
  const bus = requireBus(ctx, input.EventBusName);
  if (input.Policy !== undefined) {
    let policy: any;
    try {
      policy = JSON.parse(input.Policy);
    } catch {
      throw validation('Policy is not a valid JSON.');
    }
    if (typeof policy !== 'object' || policy === null || Array.isArray(policy)) throw validation('Policy is not a valid JSON.');
    if (input.Policy.length > MAX_POLICY) throw policyTooLong();
    saveBus(ctx.platform.storage, { ...bus, policy: input.Policy, modifiedAt: ctx.now.getTime() });
    if (bus.name !== DEFAULT_BUS) emitBusChange(ctx, bus.name, bus, { ...bus, policy: input.Policy });
    return {};
  }
  if (!input.StatementId) throw validation('Parameter StatementId is required.');
  if (!input.Principal) throw validation('Parameter Principal is required.');
  if (input.Action !== 'events:PutEvents') throw validation('Provided value in parameter \'action\' is not supported.');
  if (input.Principal !== '*' && !/^\d{12}$/.test(input.Principal)) throw validation('Value of Principal is not valid.');
  const statement: Statement = {
    Sid: input.StatementId, Effect: 'Allow',
    Principal: input.Principal === '*' ? '*' : { AWS: `arn:aws:iam::${input.Principal}:root` },
    Action: 'events:PutEvents', Resource: busArn(ctx, bus.name),
  };
  if (input.Condition) statement.Condition = { [input.Condition.Type]: { [input.Condition.Key]: input.Condition.Value } };
  const list = statements(bus).filter((s) => s.Sid !== input.StatementId);
  list.push(statement);
  savePolicy(ctx, bus, list);
  return {};
}

export function removePermission(input: { EventBusName?: string; StatementId?: string; RemoveAllPermissions?: boolean }, ctx: RequestContext) {
  const bus = requireBus(ctx, input.EventBusName);
  if (input.RemoveAllPermissions) {
    savePolicy(ctx, bus, null);
    return {};
  }
  if (!input.StatementId) throw validation('Parameter StatementId is required.');
  const list = statements(bus);
  if (!list.some((s) => s.Sid === input.StatementId)) {
    throw statementNotFound();
  }
  savePolicy(ctx, bus, list.filter((s) => s.Sid !== input.StatementId));
  return {};
}
