// DeleteInventory (custom types only): deletes the type's data on every instance, and with
// SchemaDeleteOption disables (DisableSchema) or removes (DeleteSchema) the type; DryRun only
// summarizes. kanri deletes at once, so a deletion is Complete as soon as it is described.
import { randomUUID } from 'node:crypto';
import { AwsError } from '../../../protocol/errors';
import type { RequestContext } from '../../types';
import { decodeToken, encodeToken } from '../paging';
import { emitInventoryChange, inventoryConfiguration } from './config-item';
import * as E from './errors';
import { deleteItemsOfType, deleteSchemaRow, findDeletionByToken, findSchema, holdersOf, insertDeletion, listDeletions, saveSchema, type DeletionRow } from './store';

interface Input { TypeName: string; SchemaDeleteOption?: 'DisableSchema' | 'DeleteSchema'; DryRun?: boolean; ClientToken?: string }

function summaryOf(holders: { schemaVersion: string }[]): DeletionRow['summary'] {
  const byVersion = new Map<string, number>();
  for (const h of holders) byVersion.set(h.schemaVersion, (byVersion.get(h.schemaVersion) ?? 0) + 1);
  return { TotalCount: holders.length, RemainingCount: holders.length,
    SummaryItems: [...byVersion].map(([Version, Count]) => ({ Version, Count, RemainingCount: Count })) };
}

const done = (s: DeletionRow['summary']): DeletionRow['summary'] => ({
  TotalCount: s.TotalCount, RemainingCount: 0, SummaryItems: s.SummaryItems.map((i) => ({ ...i, RemainingCount: 0 })),
});

export function deleteInventory(input: Input, ctx: RequestContext) {
  const storage = ctx.platform.storage;
  if (!input.TypeName.startsWith('Custom:')) throw E.invalidTypeName(`Only custom inventory types can be deleted; ${input.TypeName} is not one.`);
  if (input.ClientToken && !input.DryRun) {
    const prior = findDeletionByToken(storage, ctx, input.ClientToken);
    if (prior) {
      if (prior.typeName !== input.TypeName) throw new AwsError('InvalidInventoryRequestException', 'The ClientToken was used for a different deletion request.');
      return { DeletionId: prior.deletionId, TypeName: prior.typeName, DeletionSummary: prior.summary };
    }
  }
  const schema = findSchema(storage, ctx, input.TypeName);
  if (!schema) throw E.invalidTypeName(`The custom inventory type ${input.TypeName} does not exist.`);
  if (input.SchemaDeleteOption === 'DisableSchema' && schema.disabledVersion) {
    throw new AwsError('InvalidOptionException', `The schema of ${input.TypeName} is already disabled.`);
  }
  const holders = holdersOf(storage, ctx, input.TypeName);
  const summary = summaryOf(holders);
  if (input.DryRun) return { TypeName: input.TypeName, DeletionSummary: summary };

  const befores = holders.map((h) => [h.instanceId, inventoryConfiguration(ctx, h.instanceId)] as const);
  deleteItemsOfType(storage, ctx, input.TypeName);
  for (const [id, before] of befores) emitInventoryChange(ctx, id, before);
  if (input.SchemaDeleteOption === 'DeleteSchema') deleteSchemaRow(storage, ctx, input.TypeName);
  if (input.SchemaDeleteOption === 'DisableSchema') saveSchema(storage, ctx, { ...schema, disabledVersion: schema.version });
  const now = ctx.now.getTime();
  const deletion: DeletionRow = { deletionId: randomUUID(), clientToken: input.ClientToken ?? null, typeName: input.TypeName, startTime: now,
    status: 'Complete', message: 'Deletion is successful', updateTime: now, summary: done(summary) };
  insertDeletion(storage, ctx, deletion);
  return { DeletionId: deletion.deletionId, TypeName: input.TypeName, DeletionSummary: summary };
}

export function describeInventoryDeletions(input: { DeletionId?: string; MaxResults?: number; NextToken?: string }, ctx: RequestContext) {
  let all = listDeletions(ctx.platform.storage, ctx);
  if (input.DeletionId !== undefined) {
    all = all.filter((d) => d.deletionId === input.DeletionId);
    if (!all.length) throw E.invalidDeletionId();
  }
  const start = Number(decodeToken(input.NextToken, E.invalidNextToken) || '0');
  if (!Number.isInteger(start) || start < 0) throw E.invalidNextToken();
  const limit = input.MaxResults ?? 50;
  const page = all.slice(start, start + limit);
  return {
    InventoryDeletions: page.map((d) => ({
      DeletionId: d.deletionId, TypeName: d.typeName, DeletionStartTime: new Date(d.startTime), LastStatus: d.status,
      LastStatusMessage: d.message, DeletionSummary: d.summary, LastStatusUpdateTime: new Date(d.updateTime),
    })),
    NextToken: start + limit < all.length ? encodeToken(String(start + limit)) : undefined,
  };
}
