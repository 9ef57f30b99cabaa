// PutInventory: checks each item as AWS does (type, context, schema version, content against the
// type's schema, sizes, the custom schema count), then stores it; a ContentHash without Content
// says "unchanged" and only moves the capture time. Custom types' schemas are learned here.
import type { RequestContext } from '../../types';
import { AWS_SCHEMAS, CONTEXT_KEYS, supportedVersions } from './aws-schemas';
import { emitInventoryChange, inventoryConfiguration } from './config-item';
import * as E from './errors';
import { findInventoryInstance } from './instances';
import { findItem, findSchema, listSchemas, saveItem, saveSchema, type CustomSchema, type Entry } from './store';

interface Item { TypeName: string; SchemaVersion: string; CaptureTime: string; Content?: Entry[]; ContentHash?: string; Context?: Record<string, string> }

export const MAX_CUSTOM_TYPES = 20;
const MAX_CUSTOM_ITEM_BYTES = 200 * 1024;
const MAX_TOTAL_BYTES = 1024 * 1024;
const CUSTOM_NAME = /^Custom:[A-Za-z0-9_.\-:]+$/;

/** Compares "1.10" and "1.9" as versions. */
export function compareVersions(a: string, b: string): number {
  const [x, y] = [a.split('.').map(Number), b.split('.').map(Number)];
  return x[0] - y[0] || (x[1] ?? 0) - (y[1] ?? 0);
}

function checkType(item: Item): void {
  const t = item.TypeName;
  if (t.startsWith('AWS:') ? !AWS_SCHEMAS.has(t) : !CUSTOM_NAME.test(t)) throw E.invalidTypeName(`The inventory type ${t} is not valid. Use an AWS type GetInventorySchema lists or a Custom: name.`);
}

function checkContext(item: Item): void {
  if (!item.Context || !Object.keys(item.Context).length) return;
  const allowed = Object.hasOwn(CONTEXT_KEYS, item.TypeName) ? CONTEXT_KEYS[item.TypeName] : undefined;
  if (!allowed) throw E.unsupportedContext(item.TypeName);
  const bad = Object.keys(item.Context).find((k) => !allowed.includes(k));
  if (bad !== undefined) throw E.invalidContext(`The Context key ${bad} is not valid for ${item.TypeName}; valid keys are ${allowed.join(', ')}.`);
}

function checkVersion(item: Item, schema: CustomSchema | undefined): void {
  const v = item.SchemaVersion;
  if (item.TypeName.startsWith('AWS:')) {
    const ok = supportedVersions(item.TypeName);
    if (!ok.includes(v)) throw E.unsupportedSchemaVersion(`Schema version ${v} of ${item.TypeName} is not supported; supported versions: ${ok.join(', ')}.`);
    return;
  }
  if (schema?.disabledVersion && compareVersions(v, schema.disabledVersion) <= 0) {
    throw E.unsupportedSchemaVersion(`Schema version ${v} of ${item.TypeName} is disabled; put a version greater than ${schema.disabledVersion}.`);
  }
  if (schema && !schema.disabledVersion && compareVersions(v, schema.version) < 0) {
    throw E.unsupportedSchemaVersion(`Schema version ${v} of ${item.TypeName} is older than its current version ${schema.version}.`);
  }
}

function checkContent(item: Item): void {
  const schema = AWS_SCHEMAS.get(item.TypeName);
  if (!schema) return;
  const types = new Map(schema.Attributes.map((a) => [a.Name, a.DataType]));
  for (const entry of item.Content ?? []) {
    for (const [k, v] of Object.entries(entry)) {
      const type = types.get(k);
      if (!type) throw E.invalidItemContent(item.TypeName, `The attribute ${k} is not part of the ${item.TypeName} schema.`);
      if (type === 'number' && v !== '' && !Number.isFinite(Number(v))) throw E.invalidItemContent(item.TypeName, `The attribute ${k} of ${item.TypeName} must be a number; got ${v}.`);
    }
  }
}

export function putInventory(input: { InstanceId: string; Items: Item[] }, ctx: RequestContext) {
  const storage = ctx.platform.storage;
  const instance = findInventoryInstance(ctx, input.InstanceId);
  if (!instance) throw E.invalidInstanceId(input.InstanceId);
  const seen = new Set<string>();
  let total = 0;
  const customs = new Set(listSchemas(storage, ctx).map((s) => s.typeName));
  for (const item of input.Items) {
    checkType(item);
    if (seen.has(item.TypeName)) throw E.invalidItemContent(item.TypeName, `The request carries ${item.TypeName} more than once.`);
    seen.add(item.TypeName);
    checkContext(item);
    const custom = item.TypeName.startsWith('Custom:');
    checkVersion(item, custom ? findSchema(storage, ctx, item.TypeName) : undefined);
    checkContent(item);
    const bytes = Buffer.byteLength(JSON.stringify(item.Content ?? []));
    if (custom && bytes > MAX_CUSTOM_ITEM_BYTES) throw E.itemSizeLimit(item.TypeName);
    total += bytes;
    if (custom) customs.add(item.TypeName);
    if (item.Content === undefined && item.ContentHash !== undefined && findItem(storage, ctx, input.InstanceId, item.TypeName)?.contentHash !== item.ContentHash) {
      throw E.itemContentMismatch(item.TypeName);
    }
  }
  if (total > MAX_TOTAL_BYTES) throw E.totalSizeLimit();
  if (customs.size > MAX_CUSTOM_TYPES) throw E.customSchemaLimit();

  const before = inventoryConfiguration(ctx, input.InstanceId);
  for (const item of input.Items) {
    if (item.TypeName === 'AWS:InstanceInformation') continue; // kanri keeps it from the managed instance
    const stored = findItem(storage, ctx, input.InstanceId, item.TypeName);
    const content = item.Content ?? (stored?.contentHash === item.ContentHash ? stored?.content : undefined) ?? [];
    saveItem(storage, ctx, { instanceId: input.InstanceId, typeName: item.TypeName, schemaVersion: item.SchemaVersion, captureTime: item.CaptureTime,
      contentHash: item.ContentHash ?? null, content });
    if (item.TypeName.startsWith('Custom:')) learnSchema(ctx, item, content);
  }
  emitInventoryChange(ctx, input.InstanceId, before);
  return {};
}

/** A custom type's attributes are every attribute its entries have used at its current version. */
function learnSchema(ctx: RequestContext, item: Item, content: Entry[]): void {
  const storage = ctx.platform.storage;
  const had = findSchema(storage, ctx, item.TypeName);
  const sameVersion = had && !had.disabledVersion && had.version === item.SchemaVersion;
  const names = new Set(sameVersion ? had.attributes : []);
  for (const e of content) for (const k of Object.keys(e)) names.add(k);
  saveSchema(storage, ctx, { typeName: item.TypeName, version: item.SchemaVersion, attributes: [...names], disabledVersion: null });
}
