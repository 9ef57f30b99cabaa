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

/**
 * AWS Config's configuration is the Describe output in camelCase. `done` shares the copy of a part the
 * before and after views have in common (the same object), so it is converted once.
 */
export function camel(value: unknown, done?: Map<object, unknown>): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value.toISOString();
  let out = done?.get(value);
  if (out !== undefined) return out;
  if (Array.isArray(value)) {
    const list = new Array(value.length);
    for (let i = 0; i < value.length; i++) list[i] = camel(value[i], done);
    out = list;
  } else {
    const copy: Record<string, unknown> = {};
    for (const k of Object.keys(value)) copy[camelKey(k)] = camel((value as Record<string, unknown>)[k], done);
    out = copy;
  }
  done?.set(value, out);
  return out;
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
