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

/** Like writeXmlMembers, but EC2 keeps the milliseconds on timestamps (2026-11-28T14:05:17.000Z). */
function writeMembers(model: ServiceModel, shapeName: string, value: Record<string, unknown>, parts: string[]): void {
  for (const [name, ref, wire] of membersOf(model, shapeName)) {
    const v = value[name];
    if (v !== undefined && v !== null) writeElement(model, ref, wire, v, parts);
  }
}

/** A structure's members with their wire names, listed once per shape (an Instance has ~60, written per instance). */
const MEMBERS = new WeakMap<ServiceModel, Map<string, [string, MemberRef, string][]>>();

function membersOf(model: ServiceModel, shapeName: string): [string, MemberRef, string][] {
  let byShape = MEMBERS.get(model);
  if (!byShape) MEMBERS.set(model, (byShape = new Map()));
  let list = byShape.get(shapeName);
  if (!list) {
    list = Object.entries(model.shapes[shapeName].members ?? {}).map(([name, ref]) => [name, ref, ref.locationName ?? name]);
    byShape.set(shapeName, list);
  }
  return list;
}

function writeElement(model: ServiceModel, ref: MemberRef, name: string, value: unknown, parts: string[]): void {
  const shape = model.shapes[ref.shape];
  if (shape.type === 'structure') {
    parts.push(`<${name}>`);
    writeMembers(model, ref.shape, value as Record<string, unknown>, parts);
    parts.push(`</${name}>`);
  } else if (shape.type === 'list') {
    parts.push(`<${name}>`);
    const itemName = shape.member!.locationName ?? 'member'; // what the SDKs read; nearly always "item"
    for (const item of value as unknown[]) writeElement(model, shape.member!, itemName, item, parts);
    parts.push(`</${name}>`);
  } else if (shape.type === 'timestamp') {
    const date = value instanceof Date ? value : new Date(value as string | number);
    parts.push(`<${name}>${date.toISOString()}</${name}>`);
  } else {
    writeXmlElement(model, ref, name, value, parts); // scalars: escaping, base64, NaN
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
    const parts = [`${XML_DECLARATION}\n<${op.name}Response xmlns="${namespaceOf(model)}"><requestId>${escapeXml(meta.requestId)}</requestId>`];
    // An operation without output still answers <return>true</return>, as EC2 does.
    if (op.output) writeMembers(model, op.output.shape, output ?? {}, parts);
    else parts.push('<return>true</return>');
    parts.push(`</${op.name}Response>`);
    return { status: 200, headers: { ...HEADERS }, body: parts.join('') };
  },

  serializeError(err: AwsError, _model, _op, meta): HttpResponse {
    const body =
      `${XML_DECLARATION}\n<Response><Errors><Error><Code>${escapeXml(err.code)}</Code><Message>${escapeXml(err.message)}</Message></Error></Errors>` +
      `<RequestID>${escapeXml(meta.requestId)}</RequestID></Response>`;
    return { status: err.status, headers: { ...HEADERS }, body };
  },

  validationError: ec2ValidationError,
};
