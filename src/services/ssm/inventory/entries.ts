// ListInventoryEntries: the entries of one type on one instance, filtered, paginated by position.
import type { RequestContext } from '../../types';
import { decodeToken, encodeToken } from '../paging';
import * as E from './errors';
import { compileFilter, type Filter } from './filters';
import { entityOf } from './query';
import { findInventoryInstance } from './instances';
import { schemaOf } from './schemas';

export function listInventoryEntries(input: { InstanceId: string; TypeName: string; Filters?: Filter[]; MaxResults?: number; NextToken?: string }, ctx: RequestContext) {
  if (!findInventoryInstance(ctx, input.InstanceId)) throw E.invalidInstanceId(input.InstanceId);
  if (!schemaOf(ctx, input.TypeName)) throw E.invalidTypeName(`The type name ${input.TypeName} is not valid.`);
  const filters = (input.Filters ?? []).map((f) => compileFilter(ctx, f, { typeName: input.TypeName }));
  const item = entityOf(ctx, input.InstanceId).Data[input.TypeName];
  const entries = (item?.Content ?? []).filter((e) => filters.every((f) => f.test([e])));
  const start = Number(decodeToken(input.NextToken, E.invalidNextToken) || '0');
  if (!Number.isInteger(start) || start < 0) throw E.invalidNextToken();
  const limit = input.MaxResults ?? 50;
  const page = entries.slice(start, start + limit);
  return {
    TypeName: input.TypeName, InstanceId: input.InstanceId, SchemaVersion: item?.SchemaVersion, CaptureTime: item?.CaptureTime,
    Entries: page, NextToken: start + limit < entries.length ? encodeToken(String(start + limit)) : undefined,
  };
}
