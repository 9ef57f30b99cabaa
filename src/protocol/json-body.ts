// Shape-driven conversion between JSON documents and typed values; shared by json and rest-json.
import { AwsError } from './errors';
import type { MemberRef, ServiceModel, Shape } from './model';
import { formatTimestamp, parseTimestamp, type TimestampFormat } from './timestamps';

export class ShapeTypeError extends Error {}

function fail(path: string, expected: string, value: unknown): never {
  const found = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  throw new ShapeTypeError(`Unexpected ${found} at '${path || 'body'}': expected ${expected}`);
}

/** JSON value → typed value (Date, Buffer, number...). Throws ShapeTypeError on a wrong type. */
export function readJsonValue(model: ServiceModel, shapeName: string, value: unknown, path = ''): unknown {
  const shape = model.shapes[shapeName];
  if (value === null || value === undefined) return undefined;
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || Array.isArray(value)) fail(path, 'an object', value);
      if (shape.document) return value;
      const out: Record<string, unknown> = {};
      const members = shape.members ?? {};
      for (const [name, raw] of Object.entries(value as Record<string, unknown>)) {
        const own = Object.hasOwn(members, name); // "constructor" or "__proto__" in a body are not members
        const ref = own ? members[name] : findByLocationName(members, name);
        if (!ref) continue; // unknown members are ignored, as AWS does
        const v = readJsonValue(model, ref.shape, raw, path ? `${path}.${name}` : name);
        if (v !== undefined) out[own ? name : memberNameOf(members, ref)] = v;
      }
      return out;
    }
    case 'list': {
      if (!Array.isArray(value)) fail(path, 'an array', value);
      return (value as unknown[]).map((v, i) => readJsonValue(model, shape.member!.shape, v, `${path}[${i}]`) ?? null);
    }
    case 'map': {
      if (typeof value !== 'object' || Array.isArray(value)) fail(path, 'an object', value);
      const out: Record<string, unknown> = Object.create(null); // keys are the caller's: "__proto__" is data
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = readJsonValue(model, shape.value!.shape, v, `${path}.${k}`);
      return out;
    }
    case 'string':
      if (typeof value !== 'string') fail(path, 'a string', value);
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') fail(path, 'a boolean', value);
      return value;
    case 'integer': case 'long':
      if (typeof value !== 'number' || !Number.isInteger(value)) fail(path, 'an integer', value);
      return value;
    case 'float': case 'double':
      if (typeof value === 'string' && ['NaN', 'Infinity', '-Infinity'].includes(value)) return Number(value);
      if (typeof value !== 'number') fail(path, 'a number', value);
      return value;
    case 'timestamp': {
      if (typeof value !== 'number' && typeof value !== 'string') fail(path, 'a timestamp', value);
      const d = parseTimestamp(value);
      if (!d) fail(path, 'a timestamp', value);
      return d;
    }
    case 'blob':
      if (typeof value !== 'string') fail(path, 'a base64 string', value);
      return Buffer.from(value as string, 'base64');
    default:
      return value;
  }
}

function findByLocationName(members: Record<string, MemberRef>, name: string): MemberRef | undefined {
  for (const ref of Object.values(members)) if (ref.locationName === name) return ref;
  return undefined;
}

function memberNameOf(members: Record<string, unknown>, ref: unknown): string {
  for (const [k, v] of Object.entries(members)) if (v === ref) return k;
  return '';
}

interface BodyMember { name: string; wireName: string; shape: string; timestampFormat?: TimestampFormat }

const bodyMemberLists = new WeakMap<Shape, BodyMember[]>();

/** A structure's members that go in the body (not headers or status), listed once per shape. */
function bodyMembers(shape: Shape): BodyMember[] {
  let list = bodyMemberLists.get(shape);
  if (!list) {
    list = Object.entries(shape.members ?? {}).filter(([, ref]) => !ref.location)
      .map(([name, ref]) => ({ name, wireName: ref.locationName ?? name, shape: ref.shape, timestampFormat: ref.timestampFormat }));
    bodyMemberLists.set(shape, list);
  }
  return list;
}

/** Typed value → JSON value, omitting absent members. */
export function writeJsonValue(model: ServiceModel, shapeName: string, value: unknown, tsFormat?: TimestampFormat): unknown {
  if (value === undefined || value === null) return undefined;
  const shape = model.shapes[shapeName];
  switch (shape.type) {
    case 'structure': {
      if (shape.document) return value;
      const out: Record<string, unknown> = {};
      const obj = value as Record<string, unknown>;
      for (const m of bodyMembers(shape)) {
        const v = writeJsonValue(model, m.shape, obj[m.name], m.timestampFormat);
        if (v !== undefined) out[m.wireName] = v;
      }
      return out;
    }
    case 'list':
      return (value as unknown[]).map((v) => writeJsonValue(model, shape.member!.shape, v) ?? null);
    case 'map': {
      const out: Record<string, unknown> = Object.create(null); // keys come from requests (__proto__)
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = writeJsonValue(model, shape.value!.shape, v);
      return out;
    }
    case 'timestamp':
      return formatTimestamp(value as Date, tsFormat ?? shape.timestampFormat ?? 'unixTimestamp');
    case 'blob':
      return Buffer.isBuffer(value) ? value.toString('base64') : Buffer.from(String(value)).toString('base64');
    case 'float': case 'double':
      return typeof value === 'number' && !Number.isFinite(value) ? String(value) : value;
    default:
      return value;
  }
}

export function parseJsonBody(body: Buffer, serializationError: (msg: string) => AwsError): unknown {
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw serializationError('Unable to parse request body as JSON');
  }
}
