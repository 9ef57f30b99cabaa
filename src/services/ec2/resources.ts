// Reading and writing EC2 resources for handlers: ids, the Describe view (document + tags), and
// every write recorded as a resource change with AWS Config's type and relationships.
import { arn } from '../../core/arn';
import { timeOrderedHexId } from '../../core/ids';
import type { RequestContext } from '../types';
import { KINDS, notFound } from './kinds';
import { camelJson, sameJson } from './config-docs';
import type { Tag } from './filters';
import { deleteResource, findResource, insertResource, tagsOf, updateDoc, type Doc, type Resource, type Where } from './store';

/** A request context, or the same fields when a timer acts. */
export type Ctx = Pick<RequestContext, 'platform' | 'accountId' | 'region' | 'now'> & Partial<Pick<RequestContext, 'emit'>>;

export const where = (ctx: Ctx): Where => ({ accountId: ctx.accountId, region: ctx.region });

export function newId(kind: string): string {
  return timeOrderedHexId(KINDS[kind]?.prefix ?? kind);
}

/** Reads another resource for a view (an instance's interfaces). */
export type Reader = (id: string, kind: string) => Resource | undefined;

type ViewFn = (ctx: Ctx, r: Resource, shown: Doc, read: Reader) => Doc;
const VIEWS: Record<string, ViewFn> = Object.create(null);

/** A kind whose Describe view has computed members (a subnet's free addresses, a group's rules). */
export function registerView(kind: string, fn: ViewFn): void {
  VIEWS[kind] = fn;
}

export function reader(ctx: Ctx): Reader {
  return (id, kind) => findResource(ctx.platform.storage, where(ctx), id, kind);
}

/**
 * A reader that reads each resource once: the views before and after one save see the same other
 * resources, so they are read (and parsed) once. Only for the span of one save.
 */
function readOnce(ctx: Ctx): Reader & { forget(id: string): void } {
  const seen = new Map<string, Resource | undefined>();
  const read = (id: string, kind: string) => {
    let r = seen.get(id);
    if (r === undefined && !seen.has(id)) seen.set(id, (r = findResource(ctx.platform.storage, where(ctx), id)));
    return r?.kind === kind ? r : undefined;
  };
  return Object.assign(read, { forget: (id: string) => void seen.delete(id) });
}

/** What Describe* shows: the stored document with its tags (no Tags member when it has none). */
export function view(ctx: Ctx, r: Resource, tags = tagsOf(ctx.platform.storage, where(ctx), r.id), read?: Reader): Doc {
  let out: Doc = {};
  for (const k in r.doc) if (k.charCodeAt(0) !== 95 /* _ */) out[k] = r.doc[k];
  if (tags.length) out.Tags = tags;
  const fn = VIEWS[r.kind];
  if (fn) out = fn(ctx, r, out, read ?? reader(ctx));
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
  // Lists of a kind read its id range (store.ts kindRange): an id outside it would never be listed.
  if (!id.startsWith(`${kind}-`)) throw new Error(`ec2: ${kind} id ${id} lacks the kind's prefix`);
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
  const read = readOnce(ctx);
  const shownBefore = before === undefined ? view(ctx, r, tags, read) : before;
  updateDoc(ctx.platform.storage, where(ctx), r.id, doc);
  read.forget(r.id);
  recordChange(ctx, next, shownBefore, view(ctx, next, tags, read));
  return next;
}

export function remove(ctx: Ctx, r: Resource): void {
  const before = view(ctx, r);
  deleteResource(ctx.platform.storage, where(ctx), r.id);
  recordChange(ctx, r, before, null);
}

/**
 * Records a created resource once its tags are in place (`tags`: those its creation wrote, when known;
 * `read`: a reader that already holds what the view reads, such as a new instance's interface).
 */
export function recordCreated(ctx: Ctx, r: Resource, tags?: Tag[], read?: Reader): Doc {
  const after = view(ctx, r, tags, read);
  recordChange(ctx, r, null, after);
  return after;
}

export function recordChange(ctx: Ctx, r: Resource, before: Doc | null, after: Doc | null): void {
  const kind = KINDS[r.kind];
  if (!kind?.configType) return;
  if (before && after && sameJson(before, after)) return;
  const relationships = (kind.relationships?.(after ?? before ?? {}) ?? []).filter((x) => x !== undefined);
  const nameTag = ((after ?? before)?.Tags ?? []).find((t: Doc) => t.Key === 'Name')?.Value;
  // The Describe views go out as JSON text in camelCase, written in one walk, only when an event is
  // kept for a subscriber: the index stores none (it asks describeIndexed). It reads after's tags
  // from the Describe view as it is.
  const change = {
    resourceType: kind.configType, resourceId: r.id, resourceName: nameTag, arn: arn('ec2', ctx.region, ctx.accountId, `${kind.tagType}/${r.id}`),
    before, after, relationships,
    afterJson: after ? () => camelJson(after)! : undefined, beforeJson: before ? () => camelJson(before)! : undefined,
  };
  if (ctx.emit) ctx.emit(change);
  else ctx.platform.outbox.emit({ ...change, accountId: ctx.accountId, region: ctx.region, service: 'ec2', time: ctx.now.toISOString() });
}
