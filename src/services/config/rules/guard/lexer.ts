// Tokens of the Guard 2.0 rule language: identifiers and keywords (case-insensitive), strings,
// numbers, regexes (/.../), operators, punctuation and custom messages (<<...>>).

export type TokenKind = 'ident' | 'string' | 'number' | 'regex' | 'op' | 'punct' | 'message' | 'var' | 'eof';

export interface Token {
  kind: TokenKind;
  text: string;
  line: number;
}

export class GuardSyntaxError extends Error {
  constructor(message: string, readonly line: number) {
    super(`Guard syntax error on line ${line}: ${message}`);
    this.name = 'GuardSyntaxError';
  }
}

const OPERATORS = ['==', '!=', '<=', '>=', '<', '>', '=', '!', '||'];
const PUNCT = '{}[](),.:*';

/** A regex may start where a value may: after an operator, a comma, `[` or a keyword like IN. */
function regexAllowed(prev: Token | undefined): boolean {
  if (!prev) return false;
  if (prev.kind === 'op') return true;
  if (prev.kind === 'punct') return prev.text === ',' || prev.text === '[' || prev.text === '(' || prev.text === ':';
  return prev.kind === 'ident' && /^(in|not)$/i.test(prev.text);
}

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  const push = (kind: TokenKind, text: string) => tokens.push({ kind, text, line });
  while (i < source.length) {
    const c = source[i];
    if (c === '\n') { line++; i++; continue; }
    if (/\s/.test(c)) { i++; continue; }
    if (c === '#') { while (i < source.length && source[i] !== '\n') i++; continue; }
    if (source.startsWith('<<', i)) {
      const end = source.indexOf('>>', i + 2);
      if (end < 0) throw new GuardSyntaxError('unterminated custom message (<< without >>)', line);
      const text = source.slice(i + 2, end);
      push('message', text.trim());
      line += text.split('\n').length - 1;
      i = end + 2;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let text = '';
      while (j < source.length && source[j] !== c) {
        if (source[j] === '\\' && j + 1 < source.length) { text += source[j + 1]; j += 2; continue; }
        if (source[j] === '\n') line++;
        text += source[j++];
      }
      if (j >= source.length) throw new GuardSyntaxError('unterminated string', line);
      push('string', text);
      i = j + 1;
      continue;
    }
    if (c === '/' && regexAllowed(tokens[tokens.length - 1])) {
      let j = i + 1;
      let text = '';
      while (j < source.length && source[j] !== '/' && source[j] !== '\n') {
        if (source[j] === '\\' && source[j + 1] === '/') { text += '/'; j += 2; continue; }
        text += source[j++];
      }
      if (source[j] !== '/') throw new GuardSyntaxError('unterminated regular expression', line);
      push('regex', text);
      i = j + 1;
      continue;
    }
    if (c === '%') {
      const m = /^%([A-Za-z_][A-Za-z0-9_]*)/.exec(source.slice(i));
      if (!m) throw new GuardSyntaxError('a variable name must follow %', line);
      push('var', m[1]);
      i += m[0].length;
      continue;
    }
    const num = /^-?\d+(\.\d+)?/.exec(source.slice(i));
    if (num && (c !== '-' || tokens[tokens.length - 1]?.kind === 'op' || tokens[tokens.length - 1]?.text === ',' || tokens[tokens.length - 1]?.text === '[')) {
      push('number', num[0]);
      i += num[0].length;
      continue;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(source.slice(i));
    if (ident) {
      push('ident', ident[0]);
      i += ident[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => source.startsWith(o, i));
    if (op) { push('op', op); i += op.length; continue; }
    if (PUNCT.includes(c)) { push('punct', c); i++; continue; }
    throw new GuardSyntaxError(`unexpected character '${c}'`, line);
  }
  push('eof', '');
  return tokens;
}
