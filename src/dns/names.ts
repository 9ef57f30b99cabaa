// Domain names. Inside src/dns a name is its uncompressed wire form (length-prefixed labels, ending
// in a zero byte). Its key is that wire form lower-cased, as a latin1 string: cheap to hash, and the
// key of a parent is a suffix of the key of its child.

/** A Route 53 presentation name ('www.example.com.', '\052.example.com') in wire form, or null if invalid. */
export function nameFromText(text: string): Buffer | null {
  const bytes: number[] = [];
  const out: number[] = [];
  const flush = () => {
    if (bytes.length === 0 || bytes.length > 63) return false;
    out.push(bytes.length, ...bytes);
    bytes.length = 0;
    return true;
  };
  if (text === '.' || text === '') return Buffer.from([0]);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) { // Route 53 escapes: \ooo (octal, as AWS writes '\052' for '*') or \X
      const digits = text.slice(i + 1, i + 4);
      if (/^[0-7]{3}$/.test(digits)) {
        const v = parseInt(digits, 8);
        if (v > 255) return null;
        bytes.push(v);
        i += 3;
      } else if (i + 1 < text.length) {
        bytes.push(text.charCodeAt(++i) & 0xff);
      } else return null;
    } else if (c === 0x2e) {
      if (!flush()) return null;
    } else {
      if (c > 255) return null;
      bytes.push(c);
    }
  }
  if (bytes.length && !flush()) return null;
  out.push(0);
  return out.length > 255 ? null : Buffer.from(out);
}

const PLAIN_NAME = /^[A-Za-z0-9_*-]+(\.[A-Za-z0-9_*-]+)*\.?$/;

/** The key of a presentation name, or null if invalid; names without escapes skip the byte-level path. */
export function keyFromText(text: string): string | null {
  if (!PLAIN_NAME.test(text)) {
    const wire = nameFromText(text);
    return wire ? keyOf(wire) : null;
  }
  const labels = text.toLowerCase().split('.');
  if (labels[labels.length - 1] === '') labels.pop();
  let key = '';
  for (const l of labels) {
    if (l.length > 63) return null;
    key += String.fromCharCode(l.length) + l;
  }
  return key.length + 1 > 255 ? null : key + '\x00';
}

/** A copy with ASCII letters lower-cased. */
export function lowerWire(wire: Buffer): Buffer {
  const out = Buffer.from(wire);
  let i = 0;
  while (i < out.length && out[i] !== 0) {
    const len = out[i];
    for (let j = i + 1; j <= i + len; j++) if (out[j] >= 0x41 && out[j] <= 0x5a) out[j] |= 0x20;
    i += len + 1;
  }
  return out;
}

export function keyOf(wire: Buffer): string {
  return lowerWire(wire).toString('latin1');
}

export function keyToWire(key: string): Buffer {
  return Buffer.from(key, 'latin1');
}

export const ROOT_KEY = '\x00';

/** The key of the parent name; the root's parent is null. */
export function parentKey(key: string): string | null {
  return key === ROOT_KEY ? null : key.slice(key.charCodeAt(0) + 1);
}

export function labelCount(key: string): number {
  let n = 0;
  for (let i = 0; key.charCodeAt(i) !== 0; i += key.charCodeAt(i) + 1) n++;
  return n;
}

/** '*.' + name. */
export function wildcardKey(key: string): string {
  return '\x01*' + key;
}

/** Presentation form with a trailing dot; unusual bytes as RFC 1035 \DDD escapes. */
export function nameToText(wireOrKey: Buffer | string): string {
  const b = typeof wireOrKey === 'string' ? Buffer.from(wireOrKey, 'latin1') : wireOrKey;
  if (b[0] === 0) return '.';
  let s = '';
  let i = 0;
  while (i < b.length && b[i] !== 0) {
    const len = b[i];
    for (let j = i + 1; j <= i + len && j < b.length; j++) {
      const c = b[j];
      if (c === 0x2e || c === 0x5c) s += '\\' + String.fromCharCode(c);
      else if (c > 0x20 && c < 0x7f) s += String.fromCharCode(c);
      else s += '\\' + String(c).padStart(3, '0');
    }
    s += '.';
    i += len + 1;
  }
  return s;
}

/** True when the name is the apex or below it (compared label by label, not as raw bytes). */
export function inZone(key: string, apex: string): boolean {
  if (!key.endsWith(apex)) return false;
  let i = 0;
  while (key.length - i > apex.length) i += key.charCodeAt(i) + 1;
  return key.length - i === apex.length;
}
