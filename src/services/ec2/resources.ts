// Reading and writing EC2 resources for handlers: ids, the Describe view (document + tags), and
// every write recorded as a resource change with AWS Config's type and relationships.
import { arn } from '../../core/arn';
import { hexId } from '../../core/ids';
import type { RequestContext } from '../types';
import { KINDS, notFound } from './kinds';
import { deleteResource, findResource, insertResource, tagsOf, updateDoc, type Doc, type Resource, type Where } from './store';

/** A request context, or the same fields when a timer acts. */
export type Ctx = Pick<RequestContext, 'platform' | 'accountId' | 'region' | 'now'> & Partial<Pick<RequestContext, 'emit'>>;

export const where = (ctx: Ctx): Where => ({ accountId: ctx.accountId, region: ctx.region });

export function newId(kind: string): string {
  return hexId(KINDS[kind]?.prefix ?? kind);
}

type ViewFn = (ctx: Ctx, r: Resource, shown: Doc) => Doc;
const VIEWS: Record<string, ViewFn> = Object.create(null);

/** A kind whose Describe view has computed members (a subnet's free addresses, a group's rules). */
export function registerView(kind: string, fn: ViewFn): void {
  VIEWS[kind] = fn;
}

/** What Describe* shows: the stored document with its tags (no Tags member when it has none). */
export function view(ctx: Ctx, r: Resource, tags = tagsOf(ctx.platform.storage, where(ctx), r.id)): Doc {
  let out: Doc = {};
  for (const k in r.doc) if (k.charCodeAt(0) !== 95 /* _ */) out[k] = r.doc[k];
  if (tags.length) out.Tags = tags;
  if (VIEWS[r.kind]) out = VIEWS[r.kind](ctx, r, out);
  return out;
}

export function get(ctx: Ctx, kind: string, id: string): Resource {
  const r = typeof id === 'string' ? findResource(ctx.platform.storage, where(ctx), id, kind) : undefined;
  if (!r) throw notFound(kind, String(id));
  return r;
}

export function find(ctx: Ctx, kind: string, id: string | undefined): Resource | undefined {
  return id === undefined ? undefined : findResource(ctx.platform.storage, where(ctx), id, kind);
}

export function create(ctx: Ctx, kind: string, id: string, doc: Doc, parentId: string | null = null): Resource {
  const r: Resource = { id, kind, parentId, doc, createdAt: ctx.now.getTime() };
  insertResource(ctx.platform.storage, where(ctx), r);
  return r;
}

/**
 * Writes a changed document and records the change (before/after as Describe shows them);
 * `before` null records a resource finished in the same call that created it.
 */
export function save(ctx: Ctx, r: Resource, doc: Doc, before?: Doc | null): Resource {
  const next = { ...r, doc };
  const tags = tagsOf(ctx.platform.storage, where(ctx), r.id); // a save changes the document, never the tags
  const shownBefore = before === undefined ? view(ctx, r, tags) : before;
  updateDoc(ctx.platform.storage, where(ctx), r.id, doc);
  recordChange(ctx, next, shownBefore, view(ctx, next, tags));
  return next;
}

export function remove(ctx: Ctx, r: Resource): void {
  const before = view(ctx, r);
  deleteResource(ctx.platform.storage, where(ctx), r.id);
  recordChange(ctx, r, before, null);
}

/** Records a created resource once its tags are in place. */
export function recordCreated(ctx: Ctx, r: Resource): Doc {
  const after = view(ctx, r);
  recordChange(ctx, r, null, after);
  return after;
}

/** Member names in camelCase: documents repeat the same few hundred names, so each is converted once. */
const CAMEL_KEYS = new Map<string, string>();

function camelKey(k: string): string {
  let c = CAMEL_KEYS.get(k);
  if (c === undefined) {
    c = k.charAt(0).toLowerCase() + k.slice(1);
    if (CAMEL_KEYS.size < 10_000) CAMEL_KEYS.set(k, c);
  }
  return c;
}

/** AWS Config's configuration is the Describe output in camelCase. */
export function camel(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camel);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[camelKey(k)] = camel(v);
    return out;
  }
  return value;
}

export function recordChange(ctx: Ctx, r: Resource, before: Doc | null, after: Doc | null): void {
  const kind = KINDS[r.kind];
  if (!kind?.configType) return;
  if (before && after && JSON.stringify(before) === JSON.stringify(after)) return;
  const relationships = (kind.relationships?.(after ?? before ?? {}) ?? []).filter((x) => x !== undefined);
  const nameTag = ((after ?? before)?.Tags ?? []).find((t: Doc) => t.Key === 'Name')?.Value;
  const change = {
    resourceType: kind.configType, resourceId: r.id, resourceName: nameTag, arn: arn('ec2', ctx.region, ctx.accountId, `${kind.tagType}/${r.id}`),
    before: before && camel(before), after: after && camel(after), relationships,
  };
  if (ctx.emit) ctx.emit(change);
  else ctx.platform.outbox.emit({ ...change, accountId: ctx.accountId, region: ctx.region, service: 'ec2', time: ctx.now.toISOString() });
}
