// The documents a change records: AWS Config's configuration is the Describe output in camelCase, and
// a change is recorded only when the before and after views differ as JSON.
import type { Doc } from './store';

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

/** A member name as camelJson writes it: its text before the value (`"camelName":`). */
interface KeyText {
  text: string;
  camel: string;
  /** Whether camelCase changes the name (it may then land on another member's name). */
  renamed: boolean;
  /** A name only camel's copy renders faithfully. */
  unusual: boolean;
}

const KEY_TEXTS = new Map<string, KeyText>();

function keyText(k: string): KeyText {
  let t = KEY_TEXTS.get(k);
  if (t === undefined) {
    const c = camelKey(k);
    // Assigning `__proto__` to the copy sets its prototype, JSON.stringify calls a member named
    // toJSON, and a non-ASCII first letter may lowercase to another member's camelCase name.
    t = { text: `${JSON.stringify(c)}:`, camel: c, renamed: c !== k, unusual: c === '__proto__' || c === 'toJSON' || (c !== k && k.charCodeAt(0) > 127) };
    if (KEY_TEXTS.size < 10_000) KEY_TEXTS.set(k, t);
  }
  return t;
}

/** AWS Config's configuration is the Describe output in camelCase (camelJson writes it as text; this is its object form). */
export function camel(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) {
    const list = new Array(value.length);
    for (let i = 0; i < value.length; i++) list[i] = camel(value[i]);
    return list;
  }
  const copy: Record<string, unknown> = {};
  for (const k of Object.keys(value)) copy[camelKey(k)] = camel((value as Record<string, unknown>)[k]);
  return copy;
}

/** Whether a value is left out of JSON (as an object member; in an array it is null). */
const omitted = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';

/** Whether two documents serialize to the same JSON (member order included), without serializing them. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object'
    || typeof (a as Doc).toJSON === 'function' || typeof (b as Doc).toJSON === 'function') return JSON.stringify(a) === JSON.stringify(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      const x = omitted(a[i]) ? null : a[i];
      const y = omitted(b[i]) ? null : b[i];
      if (!sameJson(x, y)) return false;
    }
    return true;
  }
  const ka = Object.keys(a).filter((k) => !omitted((a as Doc)[k]));
  const kb = Object.keys(b).filter((k) => !omitted((b as Doc)[k]));
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    if (ka[i] !== kb[i] || !sameJson((a as Doc)[ka[i]], (b as Doc)[kb[i]])) return false;
  }
  return true;
}

/** Thrown by the text walk at what only camel's object form renders faithfully. */
const UNUSUAL = new Error('unusual value');

/** Characters JSON.stringify escapes (quote, backslash, controls) or checks (surrogates). */
const ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * JSON.stringify(camel(value)), written in one walk without the camelCase copy (every recorded EC2
 * change pays for it). Anything the walk does not render exactly as the copy would (two members that
 * camelCase alike, `__proto__`, a bigint) falls back to the copy.
 */
export function camelJson(value: unknown): string | undefined {
  try {
    return text(value);
  } catch (err) {
    if (err !== UNUSUAL) throw err;
    return JSON.stringify(camel(value));
  }
}

function text(v: unknown): string | undefined {
  switch (typeof v) {
    case 'string': return ESCAPED.test(v) ? JSON.stringify(v) : `"${v}"`;
    case 'number': return Number.isFinite(v) ? String(v) : 'null';
    case 'boolean': return v ? 'true' : 'false';
    case 'object': break;
    case 'bigint': throw UNUSUAL;
    default: return undefined; // undefined, a function, a symbol: left out
  }
  if (v === null) return 'null';
  if (v instanceof Date) return text(v.toISOString());
  if (Array.isArray(v)) {
    if (!v.length) return '[]';
    let out = '[';
    for (let i = 0; i < v.length; i++) out += `${i ? ',' : ''}${text(v[i]) ?? 'null'}`;
    return `${out}]`;
  }
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  let out = '{';
  let renamed = false;
  let kept = false;
  for (const k of keys) {
    const key = keyText(k);
    if (key.unusual) throw UNUSUAL;
    if (key.renamed) renamed = true;
    else kept = true;
    const t = text(o[k]);
    if (t !== undefined) out += out.length > 1 ? `,${key.text}${t}` : `${key.text}${t}`;
  }
  // The copy keeps one member per camelCase name (the last value, at the first one's place). With
  // ASCII first letters only a renamed member can land on a kept one's name, so most objects (all
  // names renamed) need no check.
  if (renamed && kept) for (const k of keys) if (keyText(k).renamed && Object.hasOwn(o, keyText(k).camel)) throw UNUSUAL;
  return `${out}}`;
}
