// The one Describe* for every kind: by ids (an unknown id is the kind's NotFound error), or all of
// the kind (narrowed first by an exact id filter or an exact tag: filter through the tag index), then
// filters, then pages.
import { exactTagFilters, compileFilters, type FieldMap, type Filter } from './filters';
import { notFound } from './kinds';
import { paginate } from './paging';
import { view, where, type Ctx } from './resources';
import { findResource, idsWithTag, listKind, type Doc, type Resource } from './store';

export interface DescribeInput { Filters?: Filter[]; MaxResults?: number; NextToken?: string }

export interface DescribeSpec {
  kind: string;
  ids?: string[];
  fields: FieldMap<Doc>;
  /** Hides resources Describe no longer shows (deleted NAT gateways after a while, ...). */
  visible?: (r: Resource) => boolean;
  /** The Describe view when it is not the stored document plus tags. */
  show?: (ctx: Ctx, r: Resource) => Doc;
}

/** The filter naming each kind's own id. */
const ID_FILTERS: Record<string, string> = {
  i: 'instance-id', vpc: 'vpc-id', subnet: 'subnet-id', sg: 'group-id', vol: 'volume-id', snap: 'snapshot-id', eni: 'network-interface-id',
  rtb: 'route-table-id', acl: 'network-acl-id', igw: 'internet-gateway-id', nat: 'nat-gateway-id',
};

/** Resources of the kind, by id or all, before filters. */
export function candidates(ctx: Ctx, spec: DescribeSpec, filters?: Filter[]): Resource[] {
  const s = ctx.platform.storage;
  if (spec.ids?.length) {
    const out: Resource[] = [];
    for (const id of [...new Set(spec.ids)].sort()) {
      const r = findResource(s, where(ctx), id, spec.kind);
      if (!r || (spec.visible && !spec.visible(r))) throw notFound(spec.kind, id);
      out.push(r);
    }
    return out;
  }
  // An exact filter on the kind's own id reads those rows by key, as InstanceIds does, but
  // without NotFound errors: a filter that matches nothing is an empty answer.
  const idFilter = ID_FILTERS[spec.kind];
  const byId = idFilter && filters?.find((f) => f.Name === idFilter && f.Values?.length && f.Values.every((v) => !/[*?\\]/.test(v)));
  if (byId) {
    return [...new Set(byId.Values)].sort()
      .map((id) => findResource(s, where(ctx), id, spec.kind))
      .filter((r): r is Resource => !!r && (!spec.visible || spec.visible(r)));
  }
  const byTag = exactTagFilters(filters)[0];
  if (byTag) {
    return idsWithTag(s, where(ctx), spec.kind, byTag.key, byTag.values)
      .map((id) => findResource(s, where(ctx), id, spec.kind)!)
      .filter((r) => !spec.visible || spec.visible(r));
  }
  return listKind(s, where(ctx), spec.kind).filter((r) => !spec.visible || spec.visible(r));
}

/** The page of Describe views that pass the filters, with the token for the next page. */
export function describe(ctx: Ctx, spec: DescribeSpec, input: DescribeInput): { items: Doc[]; nextToken?: string } {
  const test = compileFilters(input.Filters, spec.fields);
  const show = spec.show ?? view;
  const shown = candidates(ctx, spec, input.Filters).map((r) => ({ id: r.id, doc: show(ctx, r) })).filter((x) => test(x.doc));
  const { page, nextToken } = paginate(shown, (x) => x.id, input.MaxResults, input.NextToken);
  return { items: page.map((x) => x.doc), nextToken };
}
