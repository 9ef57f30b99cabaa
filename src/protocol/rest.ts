// The HTTP bindings shared by rest-json and rest-xml: each member sits where its `location` says
// (URI label, query string, header, header prefix, status code) or in the body, whole or as the payload.
import { Readable } from 'node:stream';
import type { HttpRequest } from './codec';
import type { AwsError } from './errors';
import { fromHttpText, HttpTextError, splitHeaderList, toHeaderText } from './http-text';
import type { MemberRef, Operation, ServiceModel, Shape } from './model';
import { literalQueryKeys, routeLabels } from './rest-routes';

export { effectivePath, matchRoute } from './rest-routes';

export interface BodyReader {
  /** The body document as the typed value of `ref`; `rootName` is the element an XML body must open with. */
  read(ref: MemberRef, rootName: string, body: Buffer): unknown;
  /** The protocol's error for a label, query or header value of the wrong type. */
  invalid(message: string): AwsError;
}

export interface RestOutput {
  status: number;
  headers: Record<string, string>;
  /** The payload member, when the output shape names one: it alone is the body. */
  payload?: { name: string; ref: MemberRef; shape: Shape; value: unknown };
  /** Without a payload member: whether any member belongs in the body document. */
  hasBody: boolean;
}

function hasBodyMembers(shape: Shape): boolean {
  return Object.values(shape.members ?? {}).some((ref) => !ref.location);
}

/** Wire → typed input: the body (or payload) first, then the members bound to the URI, query and headers. */
export function readRestInput(req: HttpRequest, model: ServiceModel, op: Operation, reader: BodyReader): Record<string, unknown> {
  if (!op.input) return {};
  const shape = model.shapes[op.input.shape];
  const members = shape.members ?? {};
  const input: Record<string, unknown> = {};
  if (shape.payload) {
    const value = readPayload(req, model, shape.payload, members[shape.payload], reader);
    if (value !== undefined) input[shape.payload] = value;
  } else if (req.body.length && hasBodyMembers(shape)) {
    const doc = reader.read(op.input, op.input.locationName ?? op.input.shape, req.body) as Record<string, unknown> | undefined;
    // A body may not set a member that the URI, query or headers carry.
    for (const [k, v] of Object.entries(doc ?? {})) if (!members[k]?.location) input[k] = v;
  }
  try {
    Object.assign(input, readBoundMembers(req, model, op, members));
  } catch (e) {
    if (e instanceof HttpTextError) throw reader.invalid(e.message);
    throw e;
  }
  return input;
}

function readPayload(req: HttpRequest, model: ServiceModel, name: string, ref: MemberRef, reader: BodyReader): unknown {
  const shape = model.shapes[ref.shape];
  if (shape.type === 'blob' || shape.type === 'string') {
    // A streaming payload the gateway left unread is handed over as the stream itself.
    if (ref.streaming || shape.streaming) return req.stream ?? req.body;
    if (!req.body.length) return undefined;
    return shape.type === 'blob' ? req.body : req.body.toString('utf8');
  }
  if (!req.body.length) return undefined;
  return reader.read(ref, ref.locationName ?? shape.locationName ?? name, req.body);
}

function readBoundMembers(req: HttpRequest, model: ServiceModel, op: Operation, members: Record<string, MemberRef>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const labels = routeLabels(req, model, op);
  const boundQuery = new Set<string>([...literalQueryKeys(model, op), 'x-id']);
  const queryMaps: [string, MemberRef][] = [];
  for (const [name, ref] of Object.entries(members)) {
    const wire = ref.locationName ?? name;
    const shape = model.shapes[ref.shape];
    switch (ref.location) {
      case 'uri':
        if (Object.hasOwn(labels, wire)) out[name] = fromHttpText(model, ref, labels[wire], `URI label ${wire}`, 'uri');
        break;
      case 'querystring': {
        if (shape.type === 'map') {
          queryMaps.push([name, ref]); // takes the parameters no other member names
          break;
        }
        boundQuery.add(wire);
        const values = Object.hasOwn(req.query, wire) ? req.query[wire] : undefined;
        if (values?.length) out[name] = readQueryValue(model, ref, values, wire);
        break;
      }
      case 'header': {
        const text = req.headers[wire.toLowerCase()];
        if (text !== undefined) out[name] = readHeaderValue(model, ref, text, wire);
        break;
      }
      case 'headers': {
        const prefix = wire.toLowerCase();
        const map: Record<string, unknown> = {};
        for (const [h, v] of Object.entries(req.headers)) {
          if (h.startsWith(prefix) && h.length > prefix.length) map[h.slice(prefix.length)] = fromHttpText(model, shape.value!, v, `header ${h}`, 'header');
        }
        if (Object.keys(map).length) out[name] = map;
        break;
      }
    }
  }
  for (const [name, ref] of queryMaps) {
    const valueRef = model.shapes[ref.shape].value!;
    const map: Record<string, unknown> = {};
    for (const [k, values] of Object.entries(req.query)) {
      if (!boundQuery.has(k)) map[k] = readQueryValue(model, valueRef, values, k);
    }
    if (Object.keys(map).length) out[name] = map;
  }
  return out;
}

function readQueryValue(model: ServiceModel, ref: MemberRef, values: string[], wire: string): unknown {
  const shape = model.shapes[ref.shape];
  if (shape.type === 'list') return values.map((v) => fromHttpText(model, shape.member!, v, `query parameter ${wire}`, 'querystring'));
  return fromHttpText(model, ref, values[0], `query parameter ${wire}`, 'querystring');
}

function readHeaderValue(model: ServiceModel, ref: MemberRef, text: string, wire: string): unknown {
  const shape = model.shapes[ref.shape];
  if (shape.type === 'list') return splitHeaderList(text).map((v) => fromHttpText(model, shape.member!, v, `header ${wire}`, 'header'));
  return fromHttpText(model, ref, text, `header ${wire}`, 'header');
}

/** Typed output → status, headers and what goes in the body. */
export function writeRestOutput(output: Record<string, unknown>, model: ServiceModel, op: Operation): RestOutput {
  const result: RestOutput = { status: op.http.responseCode ?? 200, headers: {}, hasBody: false };
  if (!op.output) return result;
  const shape = model.shapes[op.output.shape];
  result.headers = writeBoundHeaders(model, op.output.shape, output);
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    if (ref.location === 'statusCode' && typeof output[name] === 'number') result.status = output[name] as number;
  }
  // An answer that carries a Content-Range is partial content (HTTP's rule, S3's ranged GET).
  if (result.status === 200 && result.headers['content-range']) result.status = 206;
  if (shape.payload) {
    const ref = shape.members![shape.payload];
    result.payload = { name: shape.payload, ref, shape: model.shapes[ref.shape], value: output[shape.payload] };
  } else {
    result.hasBody = hasBodyMembers(shape);
  }
  return result;
}

/** The header and header-prefix members of a structure (an output or a modelled error) as response headers. */
export function writeBoundHeaders(model: ServiceModel, shapeName: string, value: Record<string, unknown>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, ref] of Object.entries(model.shapes[shapeName]?.members ?? {})) {
    const v = value[name];
    if (v === undefined || v === null) continue;
    const wire = (ref.locationName ?? name).toLowerCase();
    if (ref.location === 'header') {
      headers[wire] = toHeaderText(model, ref, v);
    } else if (ref.location === 'headers') {
      const valueRef = model.shapes[ref.shape].value!;
      for (const [k, item] of Object.entries(v as Record<string, unknown>)) headers[`${wire}${k.toLowerCase()}`] = toHeaderText(model, valueRef, item);
    }
  }
  return headers;
}

/** A blob or string payload, written as it is; a stream is passed through unread. */
export function rawPayload(value: unknown): Buffer | string | Readable {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string' || Buffer.isBuffer(value) || value instanceof Readable) return value;
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  return String(value);
}

/** Statuses that never carry a body. */
export function bodiless(status: number): boolean {
  return status === 204 || status === 304;
}
