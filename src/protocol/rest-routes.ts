// Routing for the rest protocols: the model's `http.method` + `http.requestUri` templates name the operation.
import type { HttpRequest } from './codec';
import type { Operation, ServiceModel } from './model';

type Segment = { literal: string } | { label: string; greedy: boolean };

interface Route {
  op: Operation;
  order: number;
  segments: Segment[];
  /** Literal query parts of the template (`?uploads`, `?list-type=2`): key and, if given, its value. */
  query: { key: string; value?: string }[];
  /** Required header/querystring members; a request that carries them fits this operation better. */
  requiredBound: { location: 'header' | 'querystring'; name: string }[];
  literalCount: number;
  greedy: boolean;
}

interface RouteTable {
  byMethod: Map<string, Route[]>;
  /** The model addresses a bucket in its first path segment, so `<bucket>.s3.<host>` names it too. */
  bucketHost: boolean;
}

export interface RouteMatch {
  op: Operation;
  labels: Record<string, string>;
}

const tables = new WeakMap<ServiceModel, RouteTable>();
const matches = new WeakMap<HttpRequest, RouteMatch>();

function parseTemplate(requestUri: string): Pick<Route, 'segments' | 'query'> {
  const [path, queryText = ''] = requestUri.split('?', 2);
  const segments: Segment[] = splitPath(path.replace(/\/+$/, '')).map((s) => {
    const m = /^\{([^}]+?)(\+?)\}$/.exec(s);
    return m ? { label: m[1], greedy: m[2] === '+' } : { literal: s };
  });
  const query = queryText.split('&').filter(Boolean).map((part) => {
    const eq = part.indexOf('=');
    return eq < 0 ? { key: part } : { key: part.slice(0, eq), value: part.slice(eq + 1) };
  });
  return { segments, query };
}

function splitPath(path: string): string[] {
  const rest = path.startsWith('/') ? path.slice(1) : path;
  return rest === '' ? [] : rest.split('/');
}

function buildTable(model: ServiceModel): RouteTable {
  const byMethod = new Map<string, Route[]>();
  let bucketHost = false;
  Object.values(model.operations).forEach((op, order) => {
    const { segments, query } = parseTemplate(op.http.requestUri);
    if (op.http.requestUri.startsWith('/{Bucket}')) bucketHost = true;
    const input = op.input ? model.shapes[op.input.shape] : undefined;
    const requiredBound: Route['requiredBound'] = [];
    for (const name of input?.required ?? []) {
      const ref = input!.members![name];
      if (ref.location === 'header' || ref.location === 'querystring') {
        const wire = ref.locationName ?? name;
        requiredBound.push({ location: ref.location, name: ref.location === 'header' ? wire.toLowerCase() : wire });
      }
    }
    const route: Route = {
      op, order, segments, query, requiredBound,
      literalCount: segments.filter((s) => 'literal' in s).length,
      greedy: segments.some((s) => 'greedy' in s && s.greedy),
    };
    const method = op.http.method.toUpperCase();
    if (!byMethod.has(method)) byMethod.set(method, []);
    byMethod.get(method)!.push(route);
  });
  return { byMethod, bucketHost };
}

function tableFor(model: ServiceModel): RouteTable {
  let table = tables.get(model);
  if (!table) tables.set(model, (table = buildTable(model)));
  return table;
}

function decode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

/** Path labels when the path fits the template; one trailing slash is tolerated, as SDKs add or drop it. */
function matchPath(segments: Segment[], parts: string[]): Record<string, string> | undefined {
  const labels: Record<string, string> = {};
  let i = 0;
  for (const seg of segments) {
    if ('greedy' in seg && seg.greedy) {
      const value = decode(parts.slice(i).join('/'));
      if (!value) return undefined;
      labels[seg.label] = value;
      return labels;
    }
    if (i >= parts.length) return undefined;
    const part = decode(parts[i++]);
    if (part === undefined) return undefined;
    if ('literal' in seg) {
      if (part !== seg.literal) return undefined;
    } else {
      if (part === '') return undefined;
      labels[seg.label] = part;
    }
  }
  const rest = parts.length - i;
  return rest === 0 || (rest === 1 && parts[i] === '') ? labels : undefined;
}

function queryFits(route: Route, query: Record<string, string[]>): boolean {
  return route.query.every((q) => {
    // An `x-id` literal only names the operation for SDKs; clients that omit it (curl, older tools) still match.
    if (!Object.hasOwn(query, q.key)) return q.key === 'x-id';
    return q.value === undefined || query[q.key].includes(q.value);
  });
}

/**
 * Virtual-hosted addressing, decided by the model: when its operations start with a `/{Bucket}` label,
 * a host `<bucket>.s3.<anything>` or `<bucket>.s3-<region>...` names the bucket, and the path follows it.
 */
export function effectivePath(req: HttpRequest, model: ServiceModel): string {
  if (!tableFor(model).bucketHost) return req.path;
  const host = req.host.replace(/:\d+$/, '').toLowerCase();
  const m = /^(.+)\.s3[.-]/.exec(host);
  return m ? `/${m[1]}${req.path.startsWith('/') ? req.path : `/${req.path}`}` : req.path;
}

/**
 * Ranks fitting routes: more literal segments, no greedy label, more literal query keys, then more of the
 * required header/query members present and fewer missing, so PutObject, UploadPart and CopyObject part ways.
 */
function score(route: Route, req: HttpRequest): number[] {
  const present = route.requiredBound.filter((b) => Object.hasOwn(b.location === 'header' ? req.headers : req.query, b.name)).length;
  const missing = route.requiredBound.length - present;
  // SDKs name the operation in `x-id` where several share a URI (PutObject, UploadPart...); S3 itself ignores it.
  const named = req.query['x-id']?.includes(route.op.name) ? 1 : 0;
  const literalQuery = route.query.filter((q) => Object.hasOwn(req.query, q.key)).length;
  return [named, route.literalCount, route.greedy ? 0 : 1, literalQuery, present, -missing, route.op.deprecated ? 0 : 1, -route.order];
}

function better(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return false;
}

/** The most specific operation whose method, path and literal query parts fit the request. */
export function matchRoute(req: HttpRequest, model: ServiceModel): RouteMatch | undefined {
  const routes = tableFor(model).byMethod.get(req.method.toUpperCase()) ?? [];
  const parts = splitPath(effectivePath(req, model));
  let best: RouteMatch | undefined;
  let bestScore: number[] = [];
  for (const route of routes) {
    if (!queryFits(route, req.query)) continue;
    const labels = matchPath(route.segments, parts);
    if (!labels) continue;
    const s = score(route, req);
    if (!best || better(s, bestScore)) {
      best = { op: route.op, labels };
      bestScore = s;
    }
  }
  if (best) matches.set(req, best);
  return best;
}

/** The path labels of `op` for this request (from the match resolveOperation made, when it was this op). */
export function routeLabels(req: HttpRequest, model: ServiceModel, op: Operation): Record<string, string> {
  const cached = matches.get(req);
  if (cached?.op === op) return cached.labels;
  const route = tableFor(model).byMethod.get(op.http.method.toUpperCase())?.find((r) => r.op === op);
  return (route && matchPath(route.segments, splitPath(effectivePath(req, model)))) || {};
}

/** Query keys the template itself spells (`?uploads`); they are not member values. */
export function literalQueryKeys(model: ServiceModel, op: Operation): string[] {
  const route = tableFor(model).byMethod.get(op.http.method.toUpperCase())?.find((r) => r.op === op);
  return route ? route.query.map((q) => q.key) : [];
}
