// GetInventorySchema and the schema lookups the queries share: AWS's types from the table,
// custom types as PutInventory taught them (a disabled custom schema is hidden).
import type { RequestContext } from '../../types';
import { decodeToken, encodeToken } from '../paging';
import { AGGREGATOR_SCHEMAS, AWS_SCHEMAS, type TypeSchema } from './aws-schemas';
import * as E from './errors';
import { findSchema, listSchemas, type CustomSchema } from './store';

const customSchema = (c: CustomSchema): TypeSchema => ({
  TypeName: c.typeName, Version: c.version, Attributes: c.attributes.map((Name) => ({ Name, DataType: 'string' })),
});

export function schemaOf(ctx: RequestContext, typeName: string): TypeSchema | undefined {
  const aws = AWS_SCHEMAS.get(typeName);
  if (aws) return aws;
  if (!typeName.startsWith('Custom:')) return undefined;
  const c = findSchema(ctx.platform.storage, ctx, typeName);
  return c && !c.disabledVersion ? customSchema(c) : undefined;
}

/** "AWS:Application.Name" → the type's schema and the attribute, or undefined when either is unknown. */
export function splitKey(ctx: RequestContext, key: string): { schema?: TypeSchema; typeName: string; attribute: string } {
  const dot = key.lastIndexOf('.');
  const typeName = dot < 0 ? key : key.slice(0, dot);
  const attribute = dot < 0 ? '' : key.slice(dot + 1);
  return { schema: schemaOf(ctx, typeName), typeName, attribute };
}

export function getInventorySchema(input: { TypeName?: string; Aggregator?: boolean; SubType?: boolean; MaxResults?: number; NextToken?: string }, ctx: RequestContext) {
  let all: TypeSchema[];
  if (input.Aggregator) all = AGGREGATOR_SCHEMAS;
  else if (input.SubType) all = []; // kanri's inventory types have no sub-types
  else {
    const customs = listSchemas(ctx.platform.storage, ctx).filter((c) => !c.disabledVersion).map(customSchema);
    all = [...AWS_SCHEMAS.values(), ...customs];
  }
  if (input.TypeName) {
    const t = input.TypeName;
    if (!/^(AWS|Custom):/.test(t)) throw E.invalidTypeName(`The type name ${t} is not valid.`);
    all = all.filter((s) => s.TypeName === t);
    if (!all.length && !input.Aggregator && !input.SubType) throw E.invalidTypeName(`The type name ${t} is not valid.`);
  }
  const after = decodeToken(input.NextToken, E.invalidNextToken);
  const rest = all.filter((s) => s.TypeName > after);
  const limit = input.MaxResults ?? 200;
  const page = rest.slice(0, limit);
  return { Schemas: page, NextToken: rest.length > limit ? encodeToken(page[page.length - 1].TypeName) : undefined };
}
