// GetInventory: one entity per managed instance (AWS:InstanceInformation always, then each type it
// reported), filtered, cut to ResultAttributes, paginated by instance id; or, with Aggregators, one
// entity of counts (by attribute values, nested, or by groups of filters).
import type { RequestContext } from '../../types';
import { decodeToken, encodeToken } from '../paging';
import * as E from './errors';
import { compileFilter, type CompiledFilter, type Filter } from './filters';
import { listInventoryInstances, findInventoryInstance } from './instances';
import { schemaOf, splitKey } from './schemas';
import { itemsOf, type Entry } from './store';

export interface ResultItem { TypeName: string; SchemaVersion: string; CaptureTime?: string; ContentHash?: string; Content: Entry[] }
export interface Entity { Id: string; Data: Record<string, ResultItem> }

interface Aggregator { Expression?: string; Aggregators?: Aggregator[]; Groups?: { Name: string; Filters: Filter[] }[] }

export const isoSeconds = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

export function entityOf(ctx: RequestContext, instanceId: string): Entity {
  const data: Record<string, ResultItem> = Object.create(null);
  const instance = findInventoryInstance(ctx, instanceId);
  if (instance) data['AWS:InstanceInformation'] = { TypeName: 'AWS:InstanceInformation', SchemaVersion: '1.0', CaptureTime: isoSeconds(ctx.now), Content: [instance.information] };
  for (const i of itemsOf(ctx.platform.storage, ctx, instanceId)) {
    data[i.typeName] = { TypeName: i.typeName, SchemaVersion: i.schemaVersion, CaptureTime: i.captureTime, ContentHash: i.contentHash ?? undefined, Content: i.content };
  }
  return { Id: instanceId, Data: data };
}

/** Managed instances only: a deregistered instance's inventory is no longer reported, as in AWS. */
function instanceIds(ctx: RequestContext): string[] {
  return listInventoryInstances(ctx).map((i) => i.instanceId).sort();
}

const matches = (e: Entity, f: CompiledFilter) => f.test(e.Data[f.typeName]?.Content ?? []);

export function getInventory(input: { Filters?: Filter[]; Aggregators?: Aggregator[]; ResultAttributes?: { TypeName: string }[]; MaxResults?: number; NextToken?: string }, ctx: RequestContext) {
  const aggregating = !!input.Aggregators?.length;
  const filters = (input.Filters ?? []).map((f) => compileFilter(ctx, f, { aggregating }));
  const wanted = input.ResultAttributes?.map((r) => r.TypeName);
  for (const t of wanted ?? []) if (!schemaOf(ctx, t)) throw E.invalidResultAttribute(`The result attribute ${t} is not a valid inventory type.`);
  const plans = (input.Aggregators ?? []).map((a) => planAggregator(ctx, a));
  const after = decodeToken(input.NextToken, E.invalidNextToken);
  const entities = instanceIds(ctx).map((id) => entityOf(ctx, id)).filter((e) => filters.every((f) => matches(e, f)));
  if (aggregating) {
    const data: Record<string, ResultItem> = Object.create(null);
    for (const plan of plans) plan(entities, data);
    return { Entities: [{ Data: { ...data } }] };
  }
  const shown = entities.filter((e) => e.Id > after).flatMap((e) => {
    if (!wanted) return [{ Id: e.Id, Data: { ...e.Data } }];
    const data = Object.fromEntries(wanted.filter((t) => e.Data[t]).map((t) => [t, e.Data[t]]));
    return Object.keys(data).length ? [{ Id: e.Id, Data: data }] : [];
  });
  const limit = input.MaxResults ?? 50;
  const page = shown.slice(0, limit);
  return { Entities: page, NextToken: shown.length > limit ? encodeToken(page[page.length - 1].Id) : undefined };
}

type Plan = (entities: Entity[], out: Record<string, ResultItem>) => void;

function planAggregator(ctx: RequestContext, a: Aggregator): Plan {
  if (a.Groups?.length) return planGroups(ctx, a.Groups);
  if (!a.Expression) throw E.invalidAggregator('An aggregator needs an Expression such as AWS:Application.Name, or Groups.');
  const chain: string[] = [];
  let typeName = '';
  for (let level: Aggregator | undefined = a; level; level = level.Aggregators?.[0]) {
    if ((level.Aggregators?.length ?? 0) > 1) throw E.invalidAggregator('kanri nests one aggregator per level.');
    const { schema, typeName: t, attribute } = splitKey(ctx, level.Expression ?? '');
    if (!schema || !schema.Attributes.some((x) => x.Name === attribute)) throw E.invalidAggregator(`The aggregator expression ${level.Expression} is not valid.`);
    if (typeName && t !== typeName) throw E.invalidAggregator(`Nested aggregator ${level.Expression} must aggregate the same type as ${a.Expression}.`);
    typeName = t;
    chain.push(attribute);
  }
  const version = schemaOf(ctx, typeName)!.Version;
  return (entities, out) => {
    const counts = new Map<string, { values: string[]; ids: Set<string> }>();
    for (const e of entities) {
      for (const entry of e.Data[typeName]?.Content ?? []) {
        if (!chain.every((k) => Object.hasOwn(entry, k))) continue;
        const values = chain.map((k) => entry[k]);
        const key = JSON.stringify(values);
        const c = counts.get(key) ?? { values, ids: new Set<string>() };
        c.ids.add(e.Id);
        counts.set(key, c);
      }
    }
    const content = [...counts.values()].sort((x, y) => y.ids.size - x.ids.size || (x.values.join() < y.values.join() ? -1 : 1))
      .map((c) => ({ ...Object.fromEntries(chain.map((k, i) => [k, c.values[i]])), Count: String(c.ids.size) }));
    const had = out[typeName]?.Content ?? [];
    out[typeName] = { TypeName: typeName, SchemaVersion: version, Content: [...had, ...content] };
  };
}

function planGroups(ctx: RequestContext, groups: { Name: string; Filters: Filter[] }[]): Plan {
  const names = new Set<string>();
  const compiled = groups.map((g) => {
    if (names.has(g.Name)) throw E.invalidGroup(`The group name ${g.Name} is used more than once.`);
    names.add(g.Name);
    return { name: g.Name, filters: g.Filters.map((f) => compileFilter(ctx, f, { aggregating: true })) };
  });
  return (entities, out) => {
    for (const g of compiled) {
      const matching = entities.filter((e) => g.filters.every((f) => matches(e, f))).length;
      const typeName = g.filters[0].typeName;
      out[g.name] = { TypeName: typeName, SchemaVersion: schemaOf(ctx, typeName)!.Version,
        Content: [{ notMatchingCount: String(entities.length - matching) }, { matchingCount: String(matching) }] };
    }
  };
}
