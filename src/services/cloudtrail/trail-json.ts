// Request parameters and response elements as CloudTrail writes them: camelCase members, whole-second
// times, sensitive members hidden. trailJsonText writes the text in one walk (every mutating call
// pays for it); trailJson builds the object, and is the reference the text must equal.
import type { ServiceModel, Shape } from '../../protocol/model';

const HIDDEN = 'HIDDEN_DUE_TO_SECURITY_REASONS';
const HIDDEN_TEXT = `"${HIDDEN}"`;

/** Typed value → CloudTrail's camelCase JSON, with sensitive members hidden. */
export function trailJson(model: ServiceModel, shapeName: string | undefined, value: unknown, redact: string[] = []): unknown {
  if (value === undefined || value === null) return null;
  const shape = shapeName ? model.shapes[shapeName] : undefined;
  if (shape?.sensitive) return HIDDEN;
  if (typeof value !== 'object') return value;
  if (value instanceof Date) return trailTime(value);
  if (Buffer.isBuffer(value)) return HIDDEN;
  if (typeof (value as { pipe?: unknown }).pipe === 'function') return null; // a streamed body (S3 PutObject) is never recorded
  if (Array.isArray(value)) return value.map((v) => trailJson(model, shape?.member?.shape, v, redact));
  const out: Record<string, unknown> = {};
  const members = shape?.type === 'structure' ? shape.members : undefined;
  const isMap = shape?.type === 'map';
  for (const k in value as Record<string, unknown>) {
    if (!Object.hasOwn(value as object, k)) continue;
    const v = (value as Record<string, unknown>)[k];
    const ref = members && Object.hasOwn(members, k) ? members[k] : undefined;
    const key = isMap ? k : ref ? camelName(k) : k.charAt(0).toLowerCase() + k.slice(1);
    out[key] = redact.length && redact.includes(k) ? HIDDEN : trailJson(model, ref?.shape ?? (isMap ? shape.value?.shape : undefined), v, redact);
  }
  return out;
}

/** Thrown by the text walk at what only the object form renders faithfully. */
const UNUSUAL = new Error('unusual value');

/** JSON.stringify(trailJson(...)), written directly; the object form takes over for anything unusual. */
export function trailJsonText(model: ServiceModel, shapeName: string | undefined, value: unknown, redact: string[] = []): string {
  try {
    return text(shapeName ? planOf(model, model.shapes[shapeName]) : undefined, value, redact);
  } catch (err) {
    if (err !== UNUSUAL) throw err;
    return JSON.stringify(trailJson(model, shapeName, value, redact));
  }
}

/** What the walk needs of a shape, worked out once per shape: member keys as JSON text, child plans. */
interface Plan {
  sensitive: boolean;
  kind: 'structure' | 'map' | 'list' | 'other';
  /** A structure's members by wire name; a list's or a map's element plan. */
  members?: Map<string, { name: string; keyText: string; plan: () => Plan | undefined }>;
  element?: () => Plan | undefined;
  /** No two members camelCase alike, so only a key the model lacks can collide with one. */
  distinct?: boolean;
}

const plans = new WeakMap<object, Plan>();

function planOf(model: ServiceModel, shape: Shape | undefined): Plan | undefined {
  if (!shape) return undefined;
  let plan = plans.get(shape);
  if (plan) return plan;
  const lazy = (name: string | undefined) => {
    let child: Plan | undefined | null = null;
    return () => (child === null ? (child = planOf(model, name ? model.shapes[name] : undefined)) : child);
  };
  plan = { sensitive: !!shape.sensitive, kind: shape.type === 'structure' || shape.type === 'map' || shape.type === 'list' ? shape.type : 'other' };
  if (shape.type === 'structure') {
    plan.members = new Map();
    const names = new Set<string>();
    for (const [member, ref] of Object.entries(shape.members ?? {})) {
      const name = camelName(member);
      names.add(name);
      plan.members.set(member, { name, keyText: `${quoted(name)}:`, plan: lazy(ref.shape) });
    }
    plan.distinct = names.size === plan.members.size;
  } else if (shape.type === 'list') plan.element = lazy(shape.member?.shape);
  else if (shape.type === 'map') plan.element = lazy(shape.value?.shape);
  plans.set(shape, plan);
  return plan;
}

function text(plan: Plan | undefined, value: unknown, redact: string[]): string {
  if (value === undefined || value === null) return 'null';
  if (plan?.sensitive) return HIDDEN_TEXT;
  switch (typeof value) {
    case 'string': return quoted(value);
    case 'number': return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean': return value ? 'true' : 'false';
    case 'object': break;
    default: throw UNUSUAL; // a function, symbol or bigint: JSON.stringify's own rules
  }
  if (value instanceof Date) return `"${trailTime(value)}"`;
  if (Buffer.isBuffer(value)) return HIDDEN_TEXT;
  if (typeof (value as { pipe?: unknown }).pipe === 'function') return 'null';
  if (Array.isArray(value)) {
    const member = plan?.kind === 'list' ? plan.element!() : undefined;
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + text(member, value[i], redact);
    return `${out}]`;
  }
  const object = value as Record<string, unknown>;
  let out = '{';
  if (plan?.kind === 'map') {
    const element = plan.element!();
    for (const k of Object.keys(object)) {
      if (k === '__proto__') throw UNUSUAL; // an object drops it
      out += `${out.length > 1 ? ',' : ''}${quoted(k)}:${redact.length && redact.includes(k) ? HIDDEN_TEXT : text(element, object[k], redact)}`;
    }
    return `${out}}`;
  }
  return objectText(plan?.kind === 'structure' ? plan : undefined, object, redact, false);
}

/**
 * A structure (or an object of no known shape). Keys the model declares are written from the plan;
 * at the first key it lacks, the object is walked again carefully. What an object renders its own
 * way is left to the object form: two keys that camelCase alike (one entry), __proto__ (none), and
 * keys beyond ASCII (two different letters may lowercase alike).
 */
function objectText(plan: Plan | undefined, object: Record<string, unknown>, redact: string[], careful: boolean): string {
  const seen = careful ? new Set<string>() : undefined;
  let out = '{';
  for (const k of Object.keys(object)) {
    const member = plan?.members!.get(k);
    if (!seen && !(member && plan!.distinct)) return objectText(plan, object, redact, true);
    if (seen) {
      const name = member ? member.name : k.charAt(0).toLowerCase() + k.slice(1);
      if (name === '__proto__' || (!member && k.charCodeAt(0) > 127) || seen.has(name)) throw UNUSUAL;
      seen.add(name);
    }
    const keyText = member ? member.keyText : `${quoted(k.charAt(0).toLowerCase() + k.slice(1))}:`;
    out += `${out.length > 1 ? ',' : ''}${keyText}${redact.length && redact.includes(k) ? HIDDEN_TEXT : text(member?.plan(), object[k], redact)}`;
  }
  return `${out}}`;
}

/** Member names are the model's, so their camelCase forms are few: computed once each. */
const camelNames = new Map<string, string>();
function camelName(member: string): string {
  let name = camelNames.get(member);
  if (name === undefined) camelNames.set(member, (name = member.charAt(0).toLowerCase() + member.slice(1)));
  return name;
}

let lastSecond = NaN;
let lastSecondText = '';

/** CloudTrail's times have whole seconds (2024-05-01T12:00:00Z); the events of one second share the text. */
export function trailTime(d: Date): string {
  const second = Math.floor(d.getTime() / 1000);
  if (second !== lastSecond) {
    lastSecondText = `${new Date(second * 1000).toISOString().slice(0, -5)}Z`;
    lastSecond = second;
  }
  return lastSecondText;
}

const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/; // printable ASCII but " and \: nothing to escape

/** A string as JSON; most (names, Regions, ids) need no escaping, and a template costs less than JSON.stringify. */
export function quoted(s: string): string {
  return typeof s === 'string' && PLAIN.test(s) ? `"${s}"` : JSON.stringify(s ?? null);
}
