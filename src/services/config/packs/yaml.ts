// The YAML subset CloudFormation-style conformance pack templates use: block mappings and sequences,
// plain and quoted scalars, flow sequences/mappings, block scalars (| and >), comments, and the
// short intrinsic tags (!Ref, !If, !Equals, ...) turned into their long form. No anchors or aliases.
// JSON is valid input too (a flow mapping). Throws YamlError on anything else.

export class YamlError extends Error {}

interface Line { indent: number; text: string; no: number }

const TAGS = new Set(['Ref', 'Condition', 'Sub', 'GetAtt', 'Join', 'Select', 'Split', 'FindInMap', 'Base64', 'GetAZs', 'ImportValue', 'Cidr']);
const FN_TAGS = new Set(['If', 'Equals', 'Not', 'And', 'Or']);

function tagged(tag: string, value: unknown): unknown {
  if (tag === 'Ref' || tag === 'Condition') return { [tag]: value };
  if (FN_TAGS.has(tag) || TAGS.has(tag)) return { [`Fn::${tag}`]: value };
  throw new YamlError(`unsupported tag !${tag}`);
}

/** Strips a trailing comment that is outside quotes. */
function stripComment(s: string): string {
  let quote = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) { if (c === quote) quote = ''; continue; }
    if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(s[i - 1]))) return s.slice(0, i).trimEnd();
  }
  return s.trimEnd();
}

export function parseYaml(text: string): unknown {
  const raw = text.replace(/\r\n?/g, '\n').split('\n');
  const lines: Line[] = [];
  raw.forEach((l, no) => {
    if (/\t/.test(l.match(/^\s*/)![0])) throw new YamlError(`line ${no + 1}: tabs are not allowed for indentation`);
    const t = stripComment(l);
    if (!t.trim() || t.trim() === '---') return;
    lines.push({ indent: t.search(/\S/), text: t.trim(), no });
  });
  if (!lines.length) return null;
  const p = new Parser(lines, raw);
  const value = p.block(lines[0].indent);
  if (p.i < lines.length) throw new YamlError(`line ${lines[p.i].no + 1}: unexpected content`);
  return value;
}

class Parser {
  i = 0;
  constructor(private lines: Line[], private raw: string[]) {}

  block(indent: number): unknown {
    const line = this.lines[this.i];
    if (line.text.startsWith('- ') || line.text === '-') return this.sequence(line.indent);
    if (keyOf(line.text)) return this.mapping(line.indent);
    this.i++;
    return this.value(line.text, line, indent);
  }

  sequence(indent: number): unknown[] {
    const out: unknown[] = [];
    while (this.i < this.lines.length) {
      const line = this.lines[this.i];
      if (line.indent < indent) break;
      if (line.indent > indent) throw new YamlError(`line ${line.no + 1}: bad indentation`);
      if (!(line.text.startsWith('- ') || line.text === '-')) break;
      const rest = line.text.slice(1).trim();
      if (!rest) {
        this.i++;
        out.push(this.i < this.lines.length && this.lines[this.i].indent > indent ? this.block(this.lines[this.i].indent) : null);
      } else if (keyOf(rest) && !/^[[{"'!]/.test(rest)) {
        // "- key: value" opens a mapping whose keys align after the dash.
        const inner = line.indent + line.text.length - rest.length;
        this.lines[this.i] = { ...line, indent: inner, text: rest };
        out.push(this.mapping(inner));
      } else {
        this.i++;
        out.push(this.value(rest, line, indent));
      }
    }
    return out;
  }

  mapping(indent: number): Record<string, unknown> {
    const out: Record<string, unknown> = Object.create(null);
    while (this.i < this.lines.length) {
      const line = this.lines[this.i];
      if (line.indent < indent) break;
      if (line.indent > indent) throw new YamlError(`line ${line.no + 1}: bad indentation`);
      const kv = keyOf(line.text);
      if (!kv) throw new YamlError(`line ${line.no + 1}: expected a key`);
      if (Object.hasOwn(out, kv.key)) throw new YamlError(`line ${line.no + 1}: duplicate key ${kv.key}`);
      this.i++;
      const next = this.lines[this.i];
      if (!kv.rest) {
        // A sequence may sit at the key's own indent.
        if (next && (next.indent > indent || (next.indent === indent && (next.text.startsWith('- ') || next.text === '-')))) out[kv.key] = this.block(next.indent);
        else out[kv.key] = null;
      } else if (/^!\w+$/.test(kv.rest)) {
        const tag = kv.rest.slice(1);
        out[kv.key] = tagged(tag, next && next.indent > indent ? this.block(next.indent) : null);
      } else {
        out[kv.key] = this.value(kv.rest, line, indent);
      }
    }
    return out;
  }

  /** A value written on a line: scalar, flow collection, block scalar, or tagged value. */
  value(text: string, line: Line, indent: number): unknown {
    const tag = /^!(\w+)\s+(.*)$/.exec(text);
    if (tag) return tagged(tag[1], this.value(tag[2], line, indent));
    if (/^[|>][+-]?$/.test(text)) return this.blockScalar(text, indent);
    if (text.startsWith('[') || text.startsWith('{')) {
      // A flow collection may span lines: gather until brackets balance.
      let src = text;
      while (!balanced(src) && this.i < this.lines.length) src += ' ' + this.lines[this.i++].text;
      const f = new Flow(src, line.no);
      const v = f.value();
      f.end();
      return v;
    }
    return scalar(text, line.no);
  }

  blockScalar(header: string, indent: number): string {
    const start = this.i < this.lines.length ? this.lines[this.i].no : this.raw.length;
    const body: string[] = [];
    let inner = -1;
    let no = start;
    for (; no < this.raw.length; no++) {
      const l = this.raw[no];
      if (!l.trim()) { body.push(''); continue; }
      const ind = l.search(/\S/);
      if (ind <= indent) break;
      if (inner < 0) inner = ind;
      if (ind < inner) break;
      body.push(l.slice(inner));
    }
    while (this.i < this.lines.length && this.lines[this.i].no < no) this.i++;
    while (body.length && body[body.length - 1] === '') body.pop();
    const text = header[0] === '>' ? body.join('\n').replace(/([^\n])\n(?=[^\n])/g, '$1 ') : body.join('\n');
    return header.endsWith('-') ? text : text + '\n';
  }
}

function keyOf(text: string): { key: string; rest: string } | undefined {
  const m = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s"'[\]{},#&*!|>-](?:[^:#]|:(?=\S))*?|-[^\s:](?:[^:#]|:(?=\S))*?)\s*:(?:\s+(.*))?$/.exec(text);
  if (!m) return undefined;
  const key = m[1].startsWith('"') || m[1].startsWith("'") ? String(scalar(m[1], 0)) : m[1];
  return { key, rest: (m[2] ?? '').trim() };
}

function balanced(s: string): boolean {
  let depth = 0;
  let quote = '';
  for (const c of s) {
    if (quote) { if (c === quote) quote = ''; continue; }
    if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
  }
  return depth <= 0;
}

function scalar(text: string, no: number): unknown {
  if (text.startsWith('"')) {
    if (!/^"(?:[^"\\]|\\.)*"$/.test(text)) throw new YamlError(`line ${no + 1}: unterminated string`);
    try { return JSON.parse(text); } catch { throw new YamlError(`line ${no + 1}: bad string`); }
  }
  if (text.startsWith("'")) {
    if (!/^'(?:[^']|'')*'$/.test(text)) throw new YamlError(`line ${no + 1}: unterminated string`);
    return text.slice(1, -1).replace(/''/g, "'");
  }
  if (/^[&*]/.test(text)) throw new YamlError(`line ${no + 1}: anchors and aliases are not supported`);
  if (text === 'null' || text === '~') return null;
  if (/^(true|True|TRUE)$/.test(text)) return true;
  if (/^(false|False|FALSE)$/.test(text)) return false;
  if (/^[-+]?(\d+|\d*\.\d+)([eE][-+]?\d+)?$/.test(text)) return Number(text);
  return text;
}

/** Flow collections ([a, b], {k: v}) on one logical line; JSON is a special case. */
class Flow {
  private p = 0;
  constructor(private s: string, private no: number) {}
  private ws() { while (/\s/.test(this.s[this.p] ?? '')) this.p++; }
  private fail(): never { throw new YamlError(`line ${this.no + 1}: bad flow collection`); }
  end() { this.ws(); if (this.p !== this.s.length) this.fail(); }
  value(): unknown {
    this.ws();
    const c = this.s[this.p];
    if (c === '[') {
      this.p++;
      const out: unknown[] = [];
      this.ws();
      if (this.s[this.p] === ']') { this.p++; return out; }
      for (;;) {
        out.push(this.value());
        this.ws();
        if (this.s[this.p] === ',') { this.p++; continue; }
        if (this.s[this.p] === ']') { this.p++; return out; }
        this.fail();
      }
    }
    if (c === '{') {
      this.p++;
      const out: Record<string, unknown> = Object.create(null);
      this.ws();
      if (this.s[this.p] === '}') { this.p++; return out; }
      for (;;) {
        const key = String(this.atom(true));
        this.ws();
        if (this.s[this.p] !== ':') this.fail();
        this.p++;
        out[key] = this.value();
        this.ws();
        if (this.s[this.p] === ',') { this.p++; this.ws(); continue; }
        if (this.s[this.p] === '}') { this.p++; return out; }
        this.fail();
      }
    }
    if (c === '!') {
      const m = /^!(\w+)\s*/.exec(this.s.slice(this.p));
      if (!m) this.fail();
      this.p += m[0].length;
      return tagged(m[1], this.value());
    }
    return this.atom(false);
  }
  private atom(key: boolean): unknown {
    this.ws();
    const rest = this.s.slice(this.p);
    const q = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*')/.exec(rest);
    if (q) { this.p += q[0].length; return scalar(q[0], this.no); }
    const m = (key ? /^[^,:{}[\]]+/ : /^[^,{}[\]]+/).exec(rest);
    if (!m) this.fail();
    this.p += m[0].length;
    return scalar(m[0].trim(), this.no);
  }
}
