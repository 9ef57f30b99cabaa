// Splits an advanced-query expression into tokens, each with the line and column AWS's syntax errors name.
import { syntaxError } from './errors';

export type TokenKind = 'word' | 'string' | 'number' | 'op' | 'eof';

export interface Token {
  kind: TokenKind;
  /** As written; for a string literal, its unquoted value. */
  text: string;
  line: number;
  column: number;
}

const WORD = /[A-Za-z_][A-Za-z0-9_.]*/y;
const NUMBER = /-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const OPERATORS = ['<=', '>=', '!=', '<>', '=', '<', '>', '(', ')', ',', '*'];

export function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  let line = 1;
  let lineStart = 0;
  const at = (kind: TokenKind, text: string, start: number): Token => ({ kind, text, line, column: start - lineStart + 1 });
  while (pos < expression.length) {
    const ch = expression[pos];
    if (ch === '\n') { pos++; line++; lineStart = pos; continue; }
    if (/\s/.test(ch)) { pos++; continue; }
    if (ch === "'" || ch === '"') {
      const start = pos;
      let value = '';
      pos++;
      for (;;) {
        if (pos >= expression.length) throw syntaxError(line, start - lineStart + 1);
        if (expression[pos] === ch) {
          // A doubled quote stands for one quote inside the literal, as in SQL.
          if (expression[pos + 1] === ch) { value += ch; pos += 2; continue; }
          pos++;
          break;
        }
        value += expression[pos++];
      }
      tokens.push(at('string', value, start));
      continue;
    }
    NUMBER.lastIndex = pos;
    const number = NUMBER.exec(expression);
    if (number && (ch !== '-' || /[\d.]/.test(expression[pos + 1] ?? ''))) {
      tokens.push(at('number', number[0], pos));
      pos += number[0].length;
      continue;
    }
    WORD.lastIndex = pos;
    const word = WORD.exec(expression);
    if (word) {
      tokens.push(at('word', word[0], pos));
      pos += word[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => expression.startsWith(o, pos));
    if (!op) throw syntaxError(line, pos - lineStart + 1);
    tokens.push(at('op', op, pos));
    pos += op.length;
  }
  tokens.push(at('eof', '', pos));
  return tokens;
}
