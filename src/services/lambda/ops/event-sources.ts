// Create/Get/Update/Delete/ListEventSourceMapping(s), for SQS queues (the poller is sqs-poller.ts).
// States pass through Creating/Updating/Enabling/Disabling and settle at once, as functions do.
import { randomUUID } from 'node:crypto';
import { arn, parseArn } from '../../../core/arn';
import type { RequestContext } from '../../types';
import { conflict, invalidParameter, notFound } from '../errors';
import { functionArn, parseFunctionName } from '../names';
import { decodeMarker, encodeMarker } from '../paging';
import { resolveRef } from '../resolve';
import { syncPollers } from '../sqs-poller';
import { deleteMapping, findMapping, listMappings, putMapping, type MappingRow } from '../store';

const MISSING = 'The resource you requested does not exist.';

function view(m: MappingRow, now: number): Record<string, any> {
  const config: Record<string, any> = { ...m.config, LastModified: new Date(m.config.LastModified) };
  if (now >= m.readyAt) config.State = m.config.Enabled === false ? 'Disabled' : 'Enabled';
  delete config.Enabled;
  return config;
}

function targetFunction(ctx: RequestContext, functionName: string): { name: string; arn: string } {
  const ref = parseFunctionName(ctx, functionName);
  resolveRef(ctx.platform, ref); // the function (and its qualifier) must exist
  return { name: ref.name, arn: functionArn(ctx.region, ctx.accountId, ref.name, ref.qualifier) };
}

function checkBatch(batchSize: number, windowSeconds: number, fifo: boolean): void {
  if (fifo && batchSize > 10) throw invalidParameter('BatchSize must be less than or equal to 10 for FIFO queues.');
  if (batchSize > 10_000) throw invalidParameter('BatchSize must be less than or equal to 10000.');
  if (batchSize > 10 && windowSeconds < 1) throw invalidParameter('Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10');
}

export function createEventSourceMapping(input: Record<string, any>, ctx: RequestContext) {
  const source = input.EventSourceArn as string | undefined;
  const parsed = source ? parseArn(source) : undefined;
  if (!source || !parsed) throw invalidParameter('Unrecognized event source.');
  if (parsed.service !== 'sqs') throw invalidParameter(`kanri's event source mappings read SQS queues only; ${parsed.service} is not supported.`);
  const { findQueueByArn } = require('../../sqs/api') as typeof import('../../sqs/api');
  if (!findQueueByArn(ctx.platform, source)) {
    throw invalidParameter('Error occurred while ReceiveMessage. SQS Error Code: AWS.SimpleQueueService.NonExistentQueue. SQS Error Message: The specified queue does not exist for this wsdl version.');
  }
  const fn = targetFunction(ctx, input.FunctionName);
  for (const m of listMappings(ctx.platform.storage, ctx.accountId, ctx.region)) {
    if (m.eventSourceArn === source && m.config.FunctionArn === fn.arn) {
      throw conflict(`An event source mapping with SQS arn (" ${source} ") and function (" ${fn.name} ") already exists. Please update or delete the existing mapping with UUID ${m.uuid}`);
    }
  }
  const batchSize = input.BatchSize ?? 10;
  const windowSeconds = input.MaximumBatchingWindowInSeconds ?? 0;
  checkBatch(batchSize, windowSeconds, parsed.resource.endsWith('.fifo'));
  const uuid = randomUUID();
  const now = ctx.platform.clock.now();
  const config: Record<string, any> = {
    UUID: uuid, BatchSize: batchSize, MaximumBatchingWindowInSeconds: windowSeconds, EventSourceArn: source, FunctionArn: fn.arn,
    LastModified: now, State: 'Creating', StateTransitionReason: 'USER_INITIATED', FunctionResponseTypes: input.FunctionResponseTypes ?? [],
    EventSourceMappingArn: arn('lambda', ctx.region, ctx.accountId, `event-source-mapping:${uuid}`), Enabled: input.Enabled !== false,
    ...(input.ScalingConfig ? { ScalingConfig: input.ScalingConfig } : {}),
  };
  const row: MappingRow = { uuid, accountId: ctx.accountId, region: ctx.region, name: fn.name, eventSourceArn: source, config, readyAt: now };
  putMapping(ctx.platform.storage, row);
  syncPollers(ctx.platform);
  return { ...view(row, -1), State: 'Creating' };
}

function requireMapping(ctx: RequestContext, uuid: string): MappingRow {
  const m = findMapping(ctx.platform.storage, ctx.accountId, ctx.region, uuid);
  if (!m) throw notFound(MISSING);
  return m;
}

export function getEventSourceMapping(input: { UUID: string }, ctx: RequestContext) {
  return view(requireMapping(ctx, input.UUID), ctx.platform.clock.now());
}

export function updateEventSourceMapping(input: Record<string, any>, ctx: RequestContext) {
  const m = requireMapping(ctx, input.UUID);
  const c = m.config;
  if (input.FunctionName !== undefined) {
    const fn = targetFunction(ctx, input.FunctionName);
    [c.FunctionArn, m.name] = [fn.arn, fn.name];
  }
  const batchSize = input.BatchSize ?? c.BatchSize;
  const windowSeconds = input.MaximumBatchingWindowInSeconds ?? c.MaximumBatchingWindowInSeconds;
  checkBatch(batchSize, windowSeconds, m.eventSourceArn.endsWith('.fifo'));
  Object.assign(c, { BatchSize: batchSize, MaximumBatchingWindowInSeconds: windowSeconds });
  if (input.FunctionResponseTypes !== undefined) c.FunctionResponseTypes = input.FunctionResponseTypes;
  if (input.ScalingConfig !== undefined) c.ScalingConfig = input.ScalingConfig;
  let state = 'Updating';
  if (input.Enabled !== undefined && input.Enabled !== c.Enabled) state = input.Enabled ? 'Enabling' : 'Disabling';
  if (input.Enabled !== undefined) c.Enabled = input.Enabled;
  c.LastModified = ctx.platform.clock.now();
  m.readyAt = c.LastModified;
  putMapping(ctx.platform.storage, m);
  syncPollers(ctx.platform);
  return { ...view(m, -1), State: state };
}

export function deleteEventSourceMapping(input: { UUID: string }, ctx: RequestContext) {
  const m = requireMapping(ctx, input.UUID);
  deleteMapping(ctx.platform.storage, m.uuid);
  syncPollers(ctx.platform);
  return { ...view(m, -1), State: 'Deleting' };
}

export function listEventSourceMappings(input: { EventSourceArn?: string; FunctionName?: string; Marker?: string; MaxItems?: number }, ctx: RequestContext) {
  let fnArn: string | undefined;
  if (input.FunctionName !== undefined) {
    const ref = parseFunctionName(ctx, input.FunctionName);
    fnArn = functionArn(ctx.region, ctx.accountId, ref.name, ref.qualifier);
  }
  const after = decodeMarker(input.Marker);
  const all = listMappings(ctx.platform.storage, ctx.accountId, ctx.region)
    .filter((m) => m.uuid > after && (input.EventSourceArn === undefined || m.eventSourceArn === input.EventSourceArn) && (fnArn === undefined || m.config.FunctionArn === fnArn));
  const size = input.MaxItems ?? 100;
  const page = all.slice(0, size);
  const now = ctx.platform.clock.now();
  return { EventSourceMappings: page.map((m) => view(m, now)), NextMarker: all.length > size ? encodeMarker(page[page.length - 1].uuid) : undefined };
}
