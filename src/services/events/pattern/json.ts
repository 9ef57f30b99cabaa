// A JSON reader for patterns that remembers where each value starts, so errors can say where they
// are as AWS does ("\n at [Source: (String)"..."; line: 1, column: 17]"). AWS reports the position
// just after the token its parser last read: a scalar's end, or just after a '[' or '{'.
// Objects are null-prototype, so a field named __proto__ is a plain field.

export interface Loc { line: number; column: number }

/**
 * For each container: where the parser stands after each member's first token, and where the
 * container closes. A string member's text is read lazily by AWS's parser: until it is read the
 * parser stands just after the opening quote (memberLoc), once read after the closing one (readLoc).
 */
export const memberLoc = new WeakMap<object, Map<string | number, Loc>>();
export const readLoc = new WeakMap<object, Map<string | number, Loc>>();
export const closeLoc = new WeakMap<object, Loc>();

export class JsonSyntaxError extends Error {
  constructor(message: string, readonly loc: Loc) {
    super(message);
  }
}

const MAX_SOURCE = 500; // AWS's parser quotes at most this much of the pattern

/** The location suffix AWS appends to a pattern error. */
export function where(source: string, loc: Loc): string {
  const shown = source.length > MAX_SOURCE ? `${source.slice(0, MAX_SOURCE)}"[truncated ${source.length - MAX_SOURCE} chars]` : `${source}"`;
  return `\n at [Source: (String)"${shown}; line: ${loc.line}, column: ${loc.column}]`;
}

/** Parses text; returns the value and where its first token ends. */
export function parseLocated(text: string): { value: unknown; loc: Loc } {
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const here = (): Loc => ({ line, column: i - lineStart + 1 });
  const skip = () => {
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === '\n') { line++; lineStart = i + 1; } else if (c !== ' ' && c !== '\t' && c !== '\r') break;
    }
  };
  const unexpected = (expecting: string): never => {
    // AWS's parser reports an unexpected character at the character itself.
    const c = text[i];
    if (c === undefined) throw new JsonSyntaxError(`Unexpected end-of-input: ${expecting}`, here());
    throw new JsonSyntaxError(`Unexpected character ('${c}' (code ${c.charCodeAt(0)})): ${expecting}`, here());
  };

  function readString(): string {
    i++; // opening quote
    let out = '';
    for (;;) {
      const c = text[i];
      if (c === undefined) throw new JsonSyntaxError('Unexpected end-of-input: was expecting closing quote for a string value', here());
      if (c === '"') { i++; return out; }
      if (c === '\\') {
        const esc = text[i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (esc === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) { out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16)); i += 6; continue; }
        if (esc !== undefined && Object.hasOwn(simple, esc)) { out += simple[esc]; i += 2; continue; }
        i += 2;
        throw new JsonSyntaxError(`Unrecognized character escape '${esc}' (code ${esc?.charCodeAt(0)})`, here());
      }
      if (c < ' ') { i++; throw new JsonSyntaxError(`Illegal unquoted character ((CTRL-CHAR, code ${c.charCodeAt(0)})): has to be escaped using backslash to be included in string value`, here()); }
      out += c;
      i++;
    }
  }

  /** Reads a value; returns it, the location just after its first token, and (strings) after its text. */
  function readValue(depth: number): [unknown, Loc, Loc?] {
    if (depth > 256) throw new JsonSyntaxError('Maximum nesting depth exceeded', here());
    skip();
    const c = text[i];
    if (c === '{') {
      i++;
      const at = here();
      const obj: Record<string, unknown> = Object.create(null);
      const locs = new Map<string | number, Loc>();
      const read = new Map<string | number, Loc>();
      memberLoc.set(obj, locs);
      readLoc.set(obj, read);
      skip();
      if (text[i] === '}') { i++; closeLoc.set(obj, here()); return [obj, at]; }
      for (;;) {
        skip();
        if (text[i] !== '"') unexpected('was expecting double-quote to start field name');
        const key = readString();
        skip();
        if (text[i] !== ':') unexpected('was expecting a colon to separate field name and value');
        i++;
        const [v, loc, full] = readValue(depth + 1);
        obj[key] = v;
        locs.set(key, loc);
        read.set(key, full ?? loc);
        skip();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; closeLoc.set(obj, here()); return [obj, at]; }
        unexpected('was expecting comma to separate Object entries');
      }
    }
    if (c === '[') {
      i++;
      const at = here();
      const arr: unknown[] = [];
      const locs = new Map<string | number, Loc>();
      const read = new Map<string | number, Loc>();
      memberLoc.set(arr, locs);
      readLoc.set(arr, read);
      skip();
      if (text[i] === ']') { i++; closeLoc.set(arr, here()); return [arr, at]; }
      for (;;) {
        const [v, loc, full] = readValue(depth + 1);
        locs.set(arr.length, loc);
        read.set(arr.length, full ?? loc);
        arr.push(v);
        skip();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; closeLoc.set(arr, here()); return [arr, at]; }
        unexpected('was expecting comma to separate Array entries');
      }
    }
    if (c === '"') {
      const opened: Loc = { line, column: i + 1 - lineStart + 1 };
      const s = readString();
      return [s, opened, here()];
    }
    const num = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (num && num[0] !== '-') {
      i += num[0].length;
      return [Number(num[0]), here()];
    }
    const word = /^[A-Za-z0-9_$]+/.exec(text.slice(i, i + 256));
    if (word) {
      i += word[0].length;
      if (word[0] === 'true') return [true, here()];
      if (word[0] === 'false') return [false, here()];
      if (word[0] === 'null') return [null, here()];
      throw new JsonSyntaxError(`Unrecognized token '${word[0]}': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')`, here());
    }
    return unexpected("expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')");
  }

  // Like AWS's parser, read one value; whatever follows it is not looked at.
  const [value, loc] = readValue(0);
  return { value, loc };
}
