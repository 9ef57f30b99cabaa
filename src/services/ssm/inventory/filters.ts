// Inventory filters (GetInventory, ListInventoryEntries, aggregator groups): a key names an
// attribute of a type ("AWS:Application.Name"); an instance matches when one of its entries does.
import type { RequestContext } from '../../types';
import * as E from './errors';
import { splitKey } from './schemas';
import type { Entry } from './store';

export interface Filter { Key: string; Values: string[]; Type?: string }
export interface CompiledFilter { typeName: string; attribute: string; test: (entries: Entry[]) => boolean }

function compare(a: string, b: string): number {
  const [x, y] = [Number(a), Number(b)];
  if (a !== '' && b !== '' && Number.isFinite(x) && Number.isFinite(y)) return x - y;
  return a < b ? -1 : a > b ? 1 : 0;
}

function entryTest(type: string, attribute: string, values: string[]): (e: Entry) => boolean {
  const v = (e: Entry) => (Object.hasOwn(e, attribute) ? e[attribute] : undefined);
  switch (type) {
    case 'Equal': return (e) => v(e) !== undefined && values.includes(v(e)!);
    case 'BeginWith': return (e) => v(e) !== undefined && values.some((p) => v(e)!.startsWith(p));
    case 'LessThan': return (e) => v(e) !== undefined && values.some((p) => compare(v(e)!, p) < 0);
    case 'GreaterThan': return (e) => v(e) !== undefined && values.some((p) => compare(v(e)!, p) > 0);
    case 'Exists': return (e) => v(e) !== undefined;
    default: return () => false;
  }
}

/** Checks a filter as AWS does and compiles it. `typeName` fixes the type (ListInventoryEntries keys may omit it). */
export function compileFilter(ctx: RequestContext, f: Filter, opts: { typeName?: string; aggregating?: boolean } = {}): CompiledFilter {
  const type = f.Type ?? 'Equal';
  let { schema, typeName, attribute } = splitKey(ctx, f.Key);
  if (opts.typeName && (!schema || typeName !== opts.typeName)) ({ schema, typeName, attribute } = splitKey(ctx, `${opts.typeName}.${f.Key}`));
  if (!schema) throw E.invalidTypeName(`The type name ${typeName} in filter key ${f.Key} is not valid.`);
  if (!schema.Attributes.some((a) => a.Name === attribute)) throw E.invalidFilter(`The filter key ${f.Key} is not valid: ${typeName} has no attribute ${attribute}.`);
  if (type === 'Exists' && !opts.aggregating) throw E.invalidFilter('The Exists filter type can only be used with aggregators.');
  if ((type === 'LessThan' || type === 'GreaterThan') && f.Values.length !== 1) throw E.invalidFilter(`The ${type} filter type takes exactly one value.`);
  if (type === 'NotEqual') {
    const eq = entryTest('Equal', attribute, f.Values);
    return { typeName, attribute, test: (entries) => entries.length > 0 && !entries.some(eq) };
  }
  const t = entryTest(type, attribute, f.Values);
  return { typeName, attribute, test: (entries) => entries.some(t) };
}
