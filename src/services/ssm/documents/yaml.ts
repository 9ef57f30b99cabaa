// The YAML that SSM documents are written in: block mappings and sequences, plain, quoted and
// block (| >) scalars, flow [..] and {..} collections, comments. Not anchors, aliases, tags or
// multi-document streams: kanri has no YAML dependency, and documents do not use them. Mappings are
// prototype-free (keys come from requests).
export class YamlError extends Error {}

type Value = unknown;

const indentOf = (line: string) => line.length - line.trimStart().length;

/** The line without its comment (a # at the start or after a space, outside quotes). */
function stripComment(text: string): string {
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote && !(quote === '"' && text[i - 1] === '\\')) quote = '';
    } else if (c === '"' || c === "'") {
      if (i === 0 || /[\s,[{:]/.test(text[i - 1])) quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      return text.slice(0, i).trimEnd();
    }
  }
  return text.trimEnd();
}

/** The index of the `:` that ends a mapping key, or -1. */
function keyColon(text: string): number {
  let quote = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) { if (c === quote) quote = ''; continue; }
    if ((c === '"' || c === "'") && i === 0) { quote = c; continue; }
    if (c === '[' || c === '{') depth++;
    if (c === ']' || c === '}') depth--;
    if (c === ':' && depth === 0 && (i === text.length - 1 || text[i + 1] === ' ' || text[i + 1] === '\t')) return i;
  }
  return -1;
}

export function scalar(text: string): Value {
  const t = text.trim();
  if (t.startsWith('"')) {
    if (!t.endsWith('"') || t.length < 2) throw new YamlError(`unterminated string: ${t}`);
    try { return JSON.parse(t.replace(/\\'/g, "'").replace(/\t/g, '\\t')); } catch { throw new YamlError(`bad double-quoted string: ${t}`); }
  }
  if (t.startsWith("'")) {
    if (!t.endsWith("'") || t.length < 2) throw new YamlError(`unterminated string: ${t}`);
    return t.slice(1, -1).replace(/''/g, "'");
  }
  if (t.startsWith('[') || t.startsWith('{')) return flow(t);
  if (t === '' || t === '~' || /^(null|Null|NULL)$/.test(t)) return null;
  if (/^(true|True|TRUE)$/.test(t)) return true;
  if (/^(false|False|FALSE)$/.test(t)) return false;
  if (/^[-+]?(0|[1-9]\d*)$/.test(t)) return Number(t);
  if (/^[-+]?(\d+\.\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return Number(t);
  if (/^[&*!|>%@`]/.test(t)) throw new YamlError(`unsupported YAML: ${t}`);
  return t;
}

/** A flow collection: [a, "b", {c: d}]. */
function flow(text: string): Value {
  let i = 0;
  const ws = () => { while (i < text.length && /\s/.test(text[i])) i++; };
  const item = (): Value => {
    ws();
    if (text[i] === '[') {
      i++;
      const out: Value[] = [];
      for (ws(); text[i] !== ']'; ws()) {
        out.push(item());
        ws();
        if (text[i] === ',') i++;
        else if (text[i] !== ']') throw new YamlError(`bad flow sequence: ${text}`);
      }
      i++;
      return out;
    }
    if (text[i] === '{') {
      i++;
      const out: Record<string, Value> = Object.create(null);
      for (ws(); text[i] !== '}'; ws()) {
        const key = String(item());
        ws();
        if (text[i] !== ':') throw new YamlError(`bad flow mapping: ${text}`);
        i++;
        out[key] = item();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] !== '}') throw new YamlError(`bad flow mapping: ${text}`);
      }
      i++;
      return out;
    }
    const start = i;
    if (text[i] === '"' || text[i] === "'") {
      const q = text[i++];
      while (i < text.length && (text[i] !== q || (q === '"' && text[i - 1] === '\\'))) i++;
      i++;
    } else {
      while (i < text.length && !/[,\]}:]/.test(text[i])) i++;
    }
    if (i > text.length) throw new YamlError(`unterminated flow collection: ${text}`);
    return scalar(text.slice(start, i));
  };
  const value = item();
  ws();
  if (i !== text.length) throw new YamlError(`unexpected text after a flow collection: ${text}`);
  return value;
}

export function parseYaml(text: string): Value {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let pos = 0;
  const blank = (l: string) => { const t = l.trim(); return t === '' || t.startsWith('#') || t === '---' || t === '...'; };
  const skip = () => { while (pos < lines.length && blank(lines[pos])) pos++; };
  if (lines.some((l) => /^\t+\S/.test(l))) throw new YamlError('tabs are not allowed for indentation');

  function node(minIndent: number): Value {
    skip();
    if (pos >= lines.length) return null;
    const ind = indentOf(lines[pos]);
    if (ind < minIndent) return null;
    const content = stripComment(lines[pos].slice(ind));
    if (content === '-' || content.startsWith('- ')) return sequence(ind);
    if (keyColon(content) > 0) return mapping(ind);
    pos++;
    return scalar(content);
  }

  function sequence(ind: number): Value[] {
    const out: Value[] = [];
    for (skip(); pos < lines.length && indentOf(lines[pos]) === ind; skip()) {
      const content = stripComment(lines[pos].slice(ind));
      if (!(content === '-' || content.startsWith('- '))) break;
      const rest = content.slice(1).trimStart();
      if (rest === '') {
        pos++;
        out.push(node(ind + 1));
      } else {
        // The item's content continues at its own column: re-read this line from there.
        lines[pos] = ' '.repeat(ind + content.length - rest.length) + rest;
        out.push(node(ind + 1));
      }
    }
    return out;
  }

  function block(style: string, ind: number): string {
    const kept: string[] = [];
    let blockIndent = -1;
    while (pos < lines.length) {
      const line = lines[pos];
      if (line.trim() === '') { kept.push(''); pos++; continue; }
      const li = indentOf(line);
      if (li <= ind) break;
      if (blockIndent < 0) blockIndent = li;
      if (li < blockIndent) break;
      kept.push(line.slice(blockIndent));
      pos++;
    }
    while (kept.length && kept[kept.length - 1] === '') kept.pop();
    const body = style.startsWith('>') ? kept.join('\n').replace(/([^\n])\n(?=[^\n ])/g, '$1 ') : kept.join('\n');
    return style.endsWith('-') ? body : `${body}\n`;
  }

  function mapping(ind: number): Record<string, Value> {
    const out: Record<string, Value> = Object.create(null);
    for (skip(); pos < lines.length && indentOf(lines[pos]) === ind; skip()) {
      const content = stripComment(lines[pos].slice(ind));
      if (content === '-' || content.startsWith('- ')) break;
      const colon = keyColon(content);
      if (colon <= 0) throw new YamlError(`line ${pos + 1}: expected "key: value"`);
      const key = String(scalar(content.slice(0, colon)));
      const rest = content.slice(colon + 1).trim();
      pos++;
      if (/^[|>][-+]?$/.test(rest)) {
        out[key] = block(rest, ind);
      } else if (rest !== '') {
        out[key] = scalar(rest);
      } else {
        skip();
        const next = pos < lines.length ? lines[pos] : '';
        const ni = indentOf(next);
        const nc = next.slice(ni);
        out[key] = ni > ind ? node(ni) : ni === ind && (nc === '-' || nc.startsWith('- ')) ? sequence(ind) : null;
      }
    }
    return out;
  }

  const value = node(0);
  skip();
  if (pos < lines.length) throw new YamlError(`line ${pos + 1}: unexpected indentation`);
  return value;
}

const PLAIN = /^[A-Za-z_/][A-Za-z0-9_./{}\-, :()]*$/;

function quoteIfNeeded(s: string): string {
  if (PLAIN.test(s) && !/^(true|false|null|yes|no|on|off|~)$/i.test(s) && !s.endsWith(' ') && !s.endsWith(':') && !s.includes(': ') && !s.includes(' #')) return s;
  return JSON.stringify(s);
}

/** A value as block-style YAML, the way SSM answers GetDocument with DocumentFormat YAML. */
export function toYaml(value: Value, indent = 0): string {
  const pad = ' '.repeat(indent);
  const inline = (v: Value): string | undefined => {
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'string') return v.includes('\n') ? undefined : quoteIfNeeded(v);
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    if (Array.isArray(v) && v.length === 0) return '[]';
    if (typeof v === 'object' && Object.keys(v as object).length === 0) return '{}';
    return undefined;
  };
  const blockString = (s: string, ind: number) => `${s.endsWith('\n') ? '|' : '|-'}\n${s.replace(/\n$/, '').split('\n').map((l) => (l ? ' '.repeat(ind) + l : '')).join('\n')}\n`;
  const entry = (v: Value, ind: number): string => {
    const simple = inline(v);
    if (simple !== undefined) return ` ${simple}\n`;
    if (typeof v === 'string') return ` ${blockString(v, ind + 2)}`;
    return `\n${toYaml(v, ind + 2)}`;
  };
  if (Array.isArray(value)) {
    return value.map((item) => {
      if (item && typeof item === 'object' && !Array.isArray(item) && Object.keys(item).length) {
        const body = toYaml(item, indent + 2);
        return `${pad}- ${body.slice(indent + 2)}`;
      }
      return `${pad}-${entry(item, indent)}`;
    }).join('');
  }
  if (value && typeof value === 'object') {
    return Object.entries(value as Record<string, Value>).map(([k, v]) => `${pad}${quoteIfNeeded(k)}:${entry(v, indent)}`).join('');
  }
  return `${pad}${inline(value) ?? JSON.stringify(value)}\n`;
}
