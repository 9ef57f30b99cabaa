// ec2: awsQuery's sibling. Form input named by queryName / capitalized locationName with
// lists always flattened; output is unwrapped XML named by camelCase locationName, lists as <item>.
import type { Codec, HttpResponse } from './codec';
import { AwsError, unknownOperation } from './errors';
import { EC2_NAMING, FormTypeError, formTree, readFormValue } from './form-input';
import type { MemberRef, Operation, ServiceModel } from './model';
import { actionOf, requestPairs } from './query';
import type { Violation } from './validate';
import { escapeXml, writeXmlElement, XML_DECLARATION } from './xml-writer';

const HEADERS = { 'content-type': 'text/xml;charset=UTF-8' };

/** EC2 answers with a trailing slash on its namespace; the model leaves it off. */
function namespaceOf(model: ServiceModel): string {
  const ns = model.metadata.xmlNamespace ?? `http://ec2.amazonaws.com/doc/${model.metadata.apiVersion}`;
  return ns.endsWith('/') ? ns : `${ns}/`;
}

/**
 * How one element is written, worked out once per member (an Instance has ~60 members, written per
 * instance): its tags, and which of the few paths its shape takes.
 */
interface Element {
  ref: MemberRef;
  name: string;
  open: string;
  close: string;
  kind: 'structure' | 'list' | 'timestamp' | 'text' | 'other';
  item?: Element; // a list's items
}

interface Member extends Element {
  member: string;
}

/** Scalars written as their escaped text (scalarText's default); blobs, floats and maps take writeXmlElement. */
const TEXT_TYPES = new Set(['string', 'boolean', 'integer', 'long']);

function elementOf(model: ServiceModel, ref: MemberRef, name: string): Element {
  const shape = model.shapes[ref.shape];
  const kind = shape.type === 'structure' || shape.type === 'list' || shape.type === 'timestamp' ? shape.type
    : TEXT_TYPES.has(shape.type) && !ref.xmlNamespace && !shape.xmlNamespace ? 'text' : 'other';
  const el: Element = { ref, name, open: `<${name}>`, close: `</${name}>`, kind };
  // What the SDKs read as a list's items; nearly always "item".
  if (kind === 'list') el.item = elementOf(model, shape.member!, shape.member!.locationName ?? 'member');
  return el;
}

/** A structure's members as elements, made once per shape (lazily, so recursive shapes are fine). */
const MEMBERS = new WeakMap<ServiceModel, Map<string, Member[]>>();

function membersOf(model: ServiceModel, shapeName: string): Member[] {
  let byShape = MEMBERS.get(model);
  if (!byShape) MEMBERS.set(model, (byShape = new Map()));
  let list = byShape.get(shapeName);
  if (!list) {
    list = Object.entries(model.shapes[shapeName].members ?? {}).map(([member, ref]) => ({ ...elementOf(model, ref, ref.locationName ?? member), member }));
    byShape.set(shapeName, list);
  }
  return list;
}

const NEEDS_ESCAPE = /[&<>"'\r\n]/;

/** Like writeXmlMembers, but EC2 keeps the milliseconds on timestamps (2026-11-28T14:05:17.000Z). */
function membersText(model: ServiceModel, shapeName: string, value: Record<string, unknown>): string {
  let out = '';
  for (const m of membersOf(model, shapeName)) {
    const v = value[m.member];
    if (v !== undefined && v !== null) out += elementText(model, m, v);
  }
  return out;
}

/** The last timestamp text converted: an instance repeats its launch time (LaunchTime, each AttachTime). */
let lastTimestamp: { text: string; iso: string } | undefined;

function isoText(value: unknown): string {
  if (typeof value === 'string' && lastTimestamp?.text === value) return lastTimestamp.iso;
  const iso = (value instanceof Date ? value : new Date(value as string | number)).toISOString();
  if (typeof value === 'string') lastTimestamp = { text: value, iso };
  return iso;
}

function elementText(model: ServiceModel, el: Element, value: unknown): string {
  switch (el.kind) {
    case 'text': {
      const text = String(value);
      return el.open + (NEEDS_ESCAPE.test(text) ? escapeXml(text) : text) + el.close;
    }
    case 'structure':
      return el.open + membersText(model, el.ref.shape, value as Record<string, unknown>) + el.close;
    case 'list': {
      let out = el.open;
      for (const item of value as unknown[]) out += elementText(model, el.item!, item);
      return out + el.close;
    }
    case 'timestamp':
      return el.open + isoText(value) + el.close;
    default: {
      const parts: string[] = [];
      writeXmlElement(model, el.ref, el.name, value, parts); // blobs (base64), NaN, maps
      return parts.join('');
    }
  }
}

/** Walks a validation path ("blockDeviceMappings.1.member.deviceName") to its EC2 wire name. */
function wireName(model: ServiceModel | undefined, inputShape: string | undefined, path: string): string {
  const segments = path.split('.');
  let shape = model && inputShape ? model.shapes[inputShape] : undefined;
  const out: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    if (shape?.type === 'list' && /^\d+$/.test(seg)) {
      out.push(seg);
      if (segments[i + 1] === 'member') i++;
      shape = model!.shapes[shape.member!.shape];
      continue;
    }
    const entry = Object.entries(shape?.members ?? {}).find(([n]) => n.charAt(0).toLowerCase() + n.slice(1) === seg);
    if (!entry) { out.push(seg.charAt(0).toUpperCase() + seg.slice(1)); shape = undefined; continue; }
    out.push(EC2_NAMING.memberName(entry[1], entry[0]));
    shape = model!.shapes[entry[1].shape];
  }
  return out.join('.');
}

/** validate.ts's message ("Value 'x' at 'path' failed to satisfy constraint: ...") back into violations. */
function violationsOf(message: string): Violation[] {
  const found: Violation[] = [];
  for (const m of message.matchAll(/Value (null|'.*?') at '([^']*)' failed to satisfy constraint: (.*?)(?=; Value |$)/gs)) {
    found.push({ path: m[2], value: m[1] === 'null' ? null : m[1].slice(1, -1), constraint: m[3] });
  }
  return found;
}

/**
 * EC2's words for a failed validation: a missing required member is MissingParameter,
 * anything else InvalidParameterValue. EC2 reports one problem, so the first one wins.
 */
export function ec2ValidationError(problem: string | Violation[], model?: ServiceModel, op?: Operation): AwsError {
  const violations = typeof problem === 'string' ? violationsOf(problem) : problem;
  const inputShape = op?.input?.shape;
  const missing = violations.find((v) => v.value === null || v.value === undefined);
  if (missing) return new AwsError('MissingParameter', `The request must contain the parameter ${wireName(model, inputShape, missing.path)}`, 400);
  const first = violations[0];
  if (!first) return new AwsError('InvalidParameterValue', typeof problem === 'string' ? problem : 'Invalid parameter value', 400);
  const shown = first.value instanceof Date ? first.value.toISOString() : typeof first.value === 'object' ? JSON.stringify(first.value) : String(first.value);
  return new AwsError('InvalidParameterValue', `Invalid value '${shown}' for ${wireName(model, inputShape, first.path)}`, 400);
}

export const ec2Codec: Codec & { validationError: typeof ec2ValidationError } = {
  protocol: 'ec2',

  resolveOperation(req, model): Operation {
    const action = actionOf(req);
    const op = Object.hasOwn(model.operations, action) ? model.operations[action] : undefined;
    if (!op) throw unknownOperation('ec2', action);
    return op;
  },

  parse(req, model, op) {
    if (!op.input) return {};
    try {
      return readFormValue(model, op.input.shape, formTree(requestPairs(req)), EC2_NAMING, '') as Record<string, unknown>;
    } catch (e) {
      if (e instanceof FormTypeError) throw new AwsError('InvalidParameterValue', `Invalid value '${e.raw}' for ${e.key}`, 400);
      throw e;
    }
  },

  serialize(output, model, op, meta): HttpResponse {
    const head = `${XML_DECLARATION}\n<${op.name}Response xmlns="${namespaceOf(model)}"><requestId>${escapeXml(meta.requestId)}</requestId>`;
    // An operation without output still answers <return>true</return>, as EC2 does.
    const members = op.output ? membersText(model, op.output.shape, (output ?? {}) as Record<string, unknown>) : '<return>true</return>';
    return { status: 200, headers: { ...HEADERS }, body: `${head}${members}</${op.name}Response>` };
  },

  serializeError(err: AwsError, _model, _op, meta): HttpResponse {
    const body =
      `${XML_DECLARATION}\n<Response><Errors><Error><Code>${escapeXml(err.code)}</Code><Message>${escapeXml(err.message)}</Message></Error></Errors>` +
      `<RequestID>${escapeXml(meta.requestId)}</RequestID></Response>`;
    return { status: err.status, headers: { ...HEADERS }, body };
  },

  validationError: ec2ValidationError,
};
