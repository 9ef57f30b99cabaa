// Flat "Tags.member.1.Key=v" pairs → typed input, shared by the query and ec2 protocols.
import type { MemberRef, ServiceModel, Shape } from './model';
import { parseTimestamp } from './timestamps';

export class FormNode {
  value?: string;
  key = ''; // the full wire key ("Filter.1.Name"), for error messages
  children = new Map<string, FormNode>();
  child(key: string): FormNode {
    let n = this.children.get(key);
    if (!n) this.children.set(key, (n = new FormNode()));
    return n;
  }
}

/** A value of the wrong type; raw and key let a protocol word the error its own way. */
export class FormTypeError extends Error {
  raw?: string;
  key?: string;
}

export function formTree(pairs: Record<string, string[]>): FormNode {
  const root = new FormNode();
  for (const [key, values] of Object.entries(pairs)) {
    let node = root;
    for (const part of key.split('.')) node = node.child(part);
    node.value = values[values.length - 1];
    node.key = key;
  }
  return root;
}

/** How a protocol names members, list items and map entries on the wire. */
export interface FormNaming {
  memberName(ref: { locationName?: string; queryName?: string }, name: string): string;
  listItems(node: FormNode, flattened: boolean, memberLocationName?: string): FormNode | undefined;
}

export const QUERY_NAMING: FormNaming = {
  memberName: (ref, name) => ref.locationName ?? name,
  listItems: (node, flattened, memberLocationName) => (flattened ? node : node.children.get(memberLocationName ?? 'member')),
};

export const EC2_NAMING: FormNaming = {
  memberName: (ref, name) => ref.queryName ?? (ref.locationName ? ref.locationName[0].toUpperCase() + ref.locationName.slice(1) : name),
  listItems: (node) => node, // ec2 lists are always flattened: Name.1, Name.2
};

function indexed(node: FormNode): FormNode[] {
  return [...node.children.entries()]
    .filter(([k]) => /^\d+$/.test(k))
    .sort((a, b) => Number(a[0]) - Number(b[0]))
    .map(([, n]) => n);
}

/** A structure's members with their wire names, listed once per shape and naming (a request names few of many). */
const WIRE_MEMBERS = new WeakMap<Shape, Map<FormNaming, [string, MemberRef, string][]>>();

function wireMembers(shape: Shape, naming: FormNaming): [string, MemberRef, string][] {
  let byNaming = WIRE_MEMBERS.get(shape);
  if (!byNaming) WIRE_MEMBERS.set(shape, (byNaming = new Map()));
  let list = byNaming.get(naming);
  if (!list) byNaming.set(naming, (list = Object.entries(shape.members ?? {}).map(([name, ref]) => [name, ref, naming.memberName(ref, name)])));
  return list;
}

export function readFormValue(model: ServiceModel, shapeName: string, node: FormNode, naming: FormNaming, path: string, flattenedRef = false): unknown {
  const shape = model.shapes[shapeName];
  switch (shape.type) {
    case 'structure': {
      const out: Record<string, unknown> = {};
      for (const [name, ref, wire] of wireMembers(shape, naming)) {
        const child = node.children.get(wire);
        if (!child) continue;
        const v = readFormValue(model, ref.shape, child, naming, `${path}${path ? '.' : ''}${name}`, !!ref.flattened);
        if (v !== undefined) out[name] = v;
      }
      return out;
    }
    case 'list': {
      const items = naming.listItems(node, flattenedRef || !!shape.flattened, shape.member!.locationName);
      if (!items) return node.value !== undefined ? [] : undefined; // "Tags=" is an empty list
      return indexed(items).map((n) => readFormValue(model, shape.member!.shape, n, naming, path));
    }
    case 'map': {
      const entries = flattenedRef || shape.flattened ? node : node.children.get('entry');
      if (!entries) return node.value !== undefined ? {} : undefined;
      const keyName = shape.key!.locationName ?? 'key';
      const valueName = shape.value!.locationName ?? 'value';
      const out: Record<string, unknown> = {};
      for (const entry of indexed(entries)) {
        const k = entry.children.get(keyName)?.value;
        const v = entry.children.get(valueName);
        if (k !== undefined && v) out[k] = readFormValue(model, shape.value!.shape, v, naming, path);
      }
      return out;
    }
    default:
      if (node.value === undefined) return undefined;
      try {
        return readScalar(shape.type, node.value, path);
      } catch (e) {
        if (e instanceof FormTypeError) Object.assign(e, { raw: node.value, key: node.key });
        throw e;
      }
  }
}

export function readScalar(type: string, raw: string, path: string): unknown {
  switch (type) {
    case 'integer': case 'long': {
      if (!/^[-+]?\d+$/.test(raw.trim())) throw new FormTypeError(`Value '${raw}' for parameter ${path} is invalid: expected an integer`);
      return Number(raw);
    }
    case 'float': case 'double': {
      const n = Number(raw);
      if (raw.trim() === '' || (Number.isNaN(n) && raw !== 'NaN')) throw new FormTypeError(`Value '${raw}' for parameter ${path} is invalid: expected a number`);
      return n;
    }
    case 'boolean': {
      const v = raw.toLowerCase();
      if (v !== 'true' && v !== 'false') throw new FormTypeError(`Value '${raw}' for parameter ${path} is invalid: expected a boolean`);
      return v === 'true';
    }
    case 'timestamp': {
      const d = parseTimestamp(raw);
      if (!d) throw new FormTypeError(`Value '${raw}' for parameter ${path} is invalid: expected a timestamp`);
      return d;
    }
    case 'blob':
      return Buffer.from(raw, 'base64');
    default:
      return raw;
  }
}

const ESCAPED = /[%+]/;

/** Query pairs from a form body or the URL's query string. */
export function formPairs(body: Buffer, query: Record<string, string[]>): Record<string, string[]> {
  const pairs: Record<string, string[]> = Object.assign(Object.create(null), query); // names come from the request
  if (!body.length) return pairs;
  const text = body.toString('utf8');
  // Most bodies have nothing to decode (no %-escapes, no '+'): split them directly, as URLSearchParams
  // would. Anything else, or a leading '?' (which it drops), goes through URLSearchParams itself.
  if (ESCAPED.test(text) || text.charCodeAt(0) === 63) {
    for (const [k, v] of new URLSearchParams(text)) (pairs[k] ??= []).push(v);
    return pairs;
  }
  for (const part of text.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    (pairs[eq < 0 ? part : part.slice(0, eq)] ??= []).push(eq < 0 ? '' : part.slice(eq + 1));
  }
  return pairs;
}
