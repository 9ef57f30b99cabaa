// DescribeOpsItems (filters with Equal, Contains, GreaterThan, LessThan), related items
// (AssociateOpsItemRelatedItem, DisassociateOpsItemRelatedItem, ListOpsItemRelatedItems) and a
// basic GetOpsSummary over AWS:OpsItem.
import { randomUUID } from 'node:crypto';
import { AwsError } from '../../../protocol/errors';
import type { RequestContext } from '../../types';
import { validation } from '../errors';
import { decodeToken, encodeToken } from '../paging';
import { deleteRelated, insertRelated, listOpsItems, relatedItems, type OpsItemRecord } from '../store-opsitems';
import { invalidParameter, requireOpsItem } from './items';

interface Filter { Key: string; Operator: string; Values: string[] }

const TIME_KEYS = ['CreatedTime', 'LastModifiedTime', 'ActualStartTime', 'ActualEndTime', 'PlannedStartTime', 'PlannedEndTime'];
const TEXT_KEYS = ['Status', 'CreatedBy', 'Source', 'Title', 'OpsItemId', 'Category', 'Severity', 'OpsItemType'];

function resourceArns(i: OpsItemRecord): string[] {
  try {
    const list = JSON.parse(i.OperationalData['/aws/resources']?.Value ?? '[]') as { arn?: string }[];
    return list.map((r) => r.arn ?? '').filter(Boolean);
  } catch { return []; }
}

function compare(op: string, what: string | number | undefined, values: string[], numeric = false): boolean {
  if (what === undefined) return false;
  return values.some((v) => {
    if (op === 'Contains') return String(what).includes(v);
    if (op === 'GreaterThan' || op === 'LessThan') {
      const [a, b] = numeric ? [Number(what), Number(v)] : [Number(what), Date.parse(v)];
      return op === 'GreaterThan' ? a > b : a < b;
    }
    return String(what) === v;
  });
}

function matches(i: OpsItemRecord, f: Filter): boolean {
  const op = f.Operator;
  if (TEXT_KEYS.includes(f.Key)) return compare(op, (i as unknown as Record<string, string>)[f.Key], f.Values);
  if (TIME_KEYS.includes(f.Key)) return compare(op, (i as unknown as Record<string, number>)[f.Key], f.Values);
  switch (f.Key) {
    case 'Priority': return compare(op, i.Priority, f.Values, true);
    case 'OperationalDataKey': return Object.keys(i.OperationalData).some((k) => compare(op, k, f.Values));
    case 'OperationalDataValue': return Object.values(i.OperationalData).some((v) => compare(op, v.Value, f.Values));
    case 'OperationalData': return f.Values.some((raw) => {
      let kv: { key?: string; value?: string };
      try { kv = JSON.parse(raw); } catch { throw validation(`OperationalData filter values are JSON such as {"key":"k","value":"v"}; got ${raw}.`); }
      const v = kv.key === undefined ? undefined : i.OperationalData[kv.key]?.Value;
      return compare(op, v, [kv.value ?? '']);
    });
    case 'ResourceId': return resourceArns(i).some((a) => compare(op, a, f.Values) || compare(op, a.split(/[:/]/).pop(), f.Values));
    case 'AccountId': return true;
    default: throw validation(`kanri does not filter OpsItems by ${f.Key}; it filters by ${[...TEXT_KEYS, ...TIME_KEYS, 'Priority', 'OperationalData', 'OperationalDataKey', 'OperationalDataValue', 'ResourceId'].join(', ')}.`);
  }
}

const date = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms));

export function describeOpsItems(input: { OpsItemFilters?: Filter[]; MaxResults?: number; NextToken?: string }, ctx: RequestContext) {
  const limit = input.MaxResults ?? 50;
  const token = decodeToken(input.NextToken, () => validation('The specified NextToken is not valid.'));
  let before: [number, string] | undefined = token ? [Number(token.split(' ')[0]), token.split(' ')[1] ?? ''] : undefined;
  const out: OpsItemRecord[] = [];
  let more = false;
  for (;;) {
    const batch = listOpsItems(ctx.platform.storage, ctx, before, 200);
    for (const i of batch) {
      if ((input.OpsItemFilters ?? []).every((f) => matches(i, f))) {
        if (out.length === limit) { more = true; break; }
        out.push(i);
      }
    }
    if (more || batch.length < 200) break;
    const last = batch[batch.length - 1];
    before = [last.CreatedTime, last.OpsItemId];
  }
  const last = out[out.length - 1];
  return {
    OpsItemSummaries: out.map((i) => ({
      CreatedBy: i.CreatedBy, CreatedTime: date(i.CreatedTime), LastModifiedBy: i.LastModifiedBy, LastModifiedTime: date(i.LastModifiedTime), Priority: i.Priority,
      Source: i.Source, Status: i.Status, OpsItemId: i.OpsItemId, Title: i.Title, OperationalData: i.OperationalData, Category: i.Category, Severity: i.Severity,
      OpsItemType: i.OpsItemType, ActualStartTime: date(i.ActualStartTime), ActualEndTime: date(i.ActualEndTime), PlannedStartTime: date(i.PlannedStartTime),
      PlannedEndTime: date(i.PlannedEndTime),
    })),
    NextToken: more && last ? encodeToken(`${last.CreatedTime} ${last.OpsItemId}`) : undefined,
  };
}

const ASSOCIATION_TYPES = ['IsParentOf', 'RelatesTo'];

export function associateOpsItemRelatedItem(input: { OpsItemId: string; AssociationType: string; ResourceType: string; ResourceUri: string }, ctx: RequestContext) {
  const item = requireOpsItem(ctx, input.OpsItemId);
  if (!ASSOCIATION_TYPES.includes(input.AssociationType)) throw invalidParameter(['AssociationType'], `AssociationType ${input.AssociationType} is not valid. Valid types are IsParentOf and RelatesTo.`);
  if (!input.ResourceUri.startsWith('arn:')) throw invalidParameter(['ResourceUri'], `ResourceUri ${input.ResourceUri} is not an ARN.`);
  if (relatedItems(ctx.platform.storage, ctx, item.OpsItemId).some((r) => r.resourceUri === input.ResourceUri)) {
    throw new AwsError('OpsItemRelatedItemAlreadyExistsException', `The Amazon Resource Name (ARN) is already associated with the OpsItem.`, 400, true,
      { ResourceUri: input.ResourceUri, OpsItemId: item.OpsItemId });
  }
  const associationId = randomUUID();
  insertRelated(ctx.platform.storage, ctx, item.OpsItemId, {
    associationId, associationType: input.AssociationType, resourceType: input.ResourceType, resourceUri: input.ResourceUri, createdAt: ctx.now.getTime(), createdBy: ctx.principal.arn,
  });
  return { AssociationId: associationId };
}

export function disassociateOpsItemRelatedItem(input: { OpsItemId: string; AssociationId: string }, ctx: RequestContext) {
  const item = requireOpsItem(ctx, input.OpsItemId);
  if (!deleteRelated(ctx.platform.storage, ctx, item.OpsItemId, input.AssociationId)) {
    throw new AwsError('OpsItemRelatedItemAssociationNotFoundException', 'The association wasn\'t found using the specified input parameters.');
  }
  return {};
}

export function listOpsItemRelatedItems(input: { OpsItemId?: string; Filters?: Filter[]; MaxResults?: number; NextToken?: string }, ctx: RequestContext) {
  if (!input.OpsItemId) throw invalidParameter(['OpsItemId'], 'OpsItemId is required.');
  // An OpsItem that does not exist has no related items (this operation declares no not-found error).
  const item = { OpsItemId: input.OpsItemId };
  const field: Record<string, 'resourceType' | 'associationId' | 'resourceUri'> = { ResourceType: 'resourceType', AssociationId: 'associationId', ResourceUri: 'resourceUri' };
  const rows = relatedItems(ctx.platform.storage, ctx, item.OpsItemId).filter((r) => (input.Filters ?? []).every((f) => {
    if (f.Operator !== 'Equal') throw invalidParameter(['Filters'], `Operator ${f.Operator} is not valid for related items; use Equal.`);
    return f.Values.includes(r[field[f.Key]]);
  }));
  const after = decodeToken(input.NextToken, () => invalidParameter(['NextToken'], 'The specified NextToken is not valid.'));
  const start = after ? rows.findIndex((r) => r.associationId === after) + 1 : 0;
  const limit = input.MaxResults ?? 50;
  const page = rows.slice(start, start + limit);
  return {
    Summaries: page.map((r) => ({
      OpsItemId: item.OpsItemId, AssociationId: r.associationId, ResourceType: r.resourceType, AssociationType: r.associationType, ResourceUri: r.resourceUri,
      CreatedBy: { Arn: r.createdBy }, CreatedTime: new Date(r.createdAt), LastModifiedBy: { Arn: r.createdBy }, LastModifiedTime: new Date(r.createdAt),
    })),
    NextToken: start + limit < rows.length ? encodeToken(page[page.length - 1].associationId) : undefined,
  };
}

interface Aggregator { AggregatorType?: string; TypeName?: string; AttributeName?: string }

/** GetOpsSummary over OpsItems: a count per value of an attribute, or the items themselves. */
export function getOpsSummary(input: { SyncName?: string; Aggregators?: Aggregator[]; ResultAttributes?: { TypeName: string }[]; MaxResults?: number; NextToken?: string }, ctx: RequestContext) {
  if (input.SyncName !== undefined) throw new AwsError('ResourceDataSyncNotFoundException', `Resource data sync ${input.SyncName} doesn't exist.`, 400, true, { SyncName: input.SyncName });
  for (const t of [...(input.Aggregators ?? []).map((a) => a.TypeName), ...(input.ResultAttributes ?? []).map((r) => r.TypeName)]) {
    if (t !== undefined && t !== 'AWS:OpsItem') throw new AwsError('InvalidTypeNameException', `kanri summarizes the AWS:OpsItem type only; ${t} is not available.`);
  }
  const items = listOpsItems(ctx.platform.storage, ctx, undefined, 100_000);
  const capture = ctx.now.toISOString();
  const aggregator = input.Aggregators?.[0];
  if (aggregator) {
    if ((aggregator.AggregatorType ?? 'count') !== 'count' || !aggregator.AttributeName) {
      throw new AwsError('InvalidAggregatorException', 'kanri aggregates OpsItems with AggregatorType count over an AttributeName.');
    }
    const counts: Record<string, number> = Object.create(null);
    for (const i of items) {
      const v = String((i as unknown as Record<string, unknown>)[aggregator.AttributeName] ?? '');
      counts[v] = (counts[v] ?? 0) + 1;
    }
    return { Entities: Object.entries(counts).map(([value, n]) => ({ Id: value, Data: { 'AWS:OpsItem': { CaptureTime: capture, Content: [{ Count: String(n) }] } } })) };
  }
  const limit = input.MaxResults ?? 50;
  const after = decodeToken(input.NextToken);
  const start = after ? items.findIndex((i) => i.OpsItemId === after) + 1 : 0;
  const page = items.slice(start, start + limit);
  return {
    Entities: page.map((i) => ({
      Id: i.OpsItemId,
      Data: { 'AWS:OpsItem': { CaptureTime: capture, Content: [{ OpsItemId: i.OpsItemId, Title: i.Title, Status: i.Status, Source: i.Source, Priority: String(i.Priority ?? ''),
        Severity: i.Severity ?? '', Category: i.Category ?? '', CreatedTime: new Date(i.CreatedTime).toISOString() }] } },
    })),
    NextToken: start + limit < items.length ? encodeToken(page[page.length - 1].OpsItemId) : undefined,
  };
}
