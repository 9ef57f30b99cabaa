// A recursive-descent parser for the Guard 2.0 language (the documented subset): let, rule with
// when, clauses with comparison/IN/EXISTS/EMPTY/IS_* operators, not/! negation, or, some,
// query blocks, when blocks, filters, named rule references and custom messages.
import type { BinaryOp, Body, Clause, Conjunction, Disjunction, Let, Policy, Query, Rule, Segment, UnaryOp, Value } from './ast';
import { GuardSyntaxError, tokenize, type Token } from './lexer';

const UNARY = new Set(['exists', 'empty', 'is_string', 'is_list', 'is_struct', 'is_int', 'is_float', 'is_bool', 'is_null']);
const BINARY = new Set(['==', '!=', '<', '>', '<=', '>=']);
/** Top-level clauses outside any rule form this implicit rule. */
export const DEFAULT_RULE = 'default';

export function parsePolicy(source: string): Policy {
  return new Parser(tokenize(source)).policy();
}

class Parser {
  private pos = 0;
  private ruleNames = new Set<string>();

  constructor(private readonly tokens: Token[]) {
    for (let i = 0; i + 1 < tokens.length; i++) {
      if (tokens[i].kind === 'ident' && tokens[i].text.toLowerCase() === 'rule' && tokens[i + 1].kind === 'ident') this.ruleNames.add(tokens[i + 1].text);
    }
  }

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)];
  }
  private next(): Token {
    return this.tokens[Math.min(this.pos++, this.tokens.length - 1)];
  }
  private isWord(word: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'ident' && t.text.toLowerCase() === word;
  }
  private isPunct(p: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'punct' && t.text === p;
  }
  private expectPunct(p: string): void {
    const t = this.next();
    if (t.kind !== 'punct' || t.text !== p) throw new GuardSyntaxError(`expected '${p}' but found '${t.text || 'end of input'}'`, t.line);
  }
  private fail(message: string): never {
    throw new GuardSyntaxError(message, this.peek().line);
  }

  policy(): Policy {
    const lets: Let[] = [];
    const rules: Rule[] = [];
    const loose: Conjunction = [];
    while (this.peek().kind !== 'eof') {
      if (this.isWord('let')) lets.push(this.letStatement());
      else if (this.isWord('rule') && this.peek(1).kind === 'ident') rules.push(this.rule());
      else loose.push(this.disjunction(true));
    }
    if (loose.length) rules.push({ name: DEFAULT_RULE, body: { lets: [], clauses: loose } });
    if (!rules.length) this.fail('the policy has no rules or clauses');
    return { lets, rules };
  }

  private letStatement(): Let {
    this.next();
    const name = this.next();
    if (name.kind !== 'ident') throw new GuardSyntaxError('expected a variable name after let', name.line);
    const eq = this.next();
    if (eq.kind !== 'op' || eq.text !== '=') throw new GuardSyntaxError(`expected '=' after let ${name.text}`, eq.line);
    return this.startsLiteral() ? { name: name.text, value: this.value() } : { name: name.text, query: this.query() };
  }

  private rule(): Rule {
    this.next();
    const name = this.next().text;
    let when: Conjunction | undefined;
    if (this.isWord('when')) {
      this.next();
      when = this.conditions();
    }
    return { name, when, body: this.body() };
  }

  /** Conditions of a `when`: clauses up to the opening brace. */
  private conditions(): Conjunction {
    const out: Conjunction = [];
    while (!this.isPunct('{')) {
      if (this.peek().kind === 'eof') this.fail("expected '{' after the when conditions");
      out.push(this.disjunction(false));
    }
    return out;
  }

  private body(): Body {
    this.expectPunct('{');
    const lets: Let[] = [];
    const clauses: Conjunction = [];
    while (!this.isPunct('}')) {
      if (this.peek().kind === 'eof') this.fail("expected '}'");
      if (this.isWord('let')) lets.push(this.letStatement());
      else clauses.push(this.disjunction(true));
    }
    this.expectPunct('}');
    return { lets, clauses };
  }

  private disjunction(allowBlocks: boolean): Disjunction {
    const out: Disjunction = [this.clause(allowBlocks)];
    while (this.isWord('or') || (this.peek().kind === 'op' && this.peek().text === '||')) {
      this.next();
      out.push(this.clause(allowBlocks));
    }
    return out;
  }

  private clause(allowBlocks: boolean): Clause {
    const line = this.peek().line;
    if (this.isWord('when')) {
      this.next();
      const conditions = this.conditions();
      return { kind: 'when', conditions, body: this.body(), line };
    }
    // A named rule reference: [not|!] name, where name is a declared rule not used as a query.
    const negation = this.isWord('not') || (this.peek().kind === 'op' && this.peek().text === '!') ? 1 : 0;
    const candidate = this.peek(negation);
    if (candidate.kind === 'ident' && this.ruleNames.has(candidate.text) && !this.continuesQuery(negation + 1)) {
      this.pos += negation + 1;
      return { kind: 'ruleRef', name: candidate.text, negated: negation === 1, message: this.message(), line };
    }
    const some = this.isWord('some') && !this.isOperatorAt(1) ? (this.next(), true) : false;
    const query = this.query();
    if (this.isPunct('{')) {
      if (!allowBlocks) this.fail('a block is not allowed here');
      return { kind: 'block', some, query, body: this.body(), line };
    }
    let negated = false;
    if (this.isWord('not') || (this.peek().kind === 'op' && this.peek().text === '!')) {
      this.next();
      negated = true;
    }
    const t = this.next();
    const word = t.text.toLowerCase();
    if (t.kind === 'ident' && UNARY.has(word)) return { kind: 'compare', some, query, negated, op: word as UnaryOp, message: this.message(), line };
    let op: BinaryOp;
    if (t.kind === 'ident' && word === 'in') op = 'in';
    else if (t.kind === 'op' && BINARY.has(t.text)) op = t.text as BinaryOp;
    else throw new GuardSyntaxError(`expected an operator after '${query.text}' but found '${t.text || 'end of input'}'`, t.line);
    const rhs = this.value();
    return { kind: 'compare', some, query, negated, op, rhs, message: this.message(), line };
  }

  private continuesQuery(offset: number): boolean {
    const t = this.peek(offset);
    if (t.kind === 'punct' && (t.text === '.' || t.text === '[')) return true;
    return this.isOperatorAt(offset);
  }

  private isOperatorAt(offset: number): boolean {
    const t = this.peek(offset);
    if (t.kind === 'op' && BINARY.has(t.text)) return true;
    // `! exists` / `not in` negate an operator; `!other_rule` / `not other_rule` is the next clause.
    if ((t.kind === 'op' && t.text === '!') || (t.kind === 'ident' && t.text.toLowerCase() === 'not')) {
      const after = this.peek(offset + 1);
      return !(after.kind === 'ident' && this.ruleNames.has(after.text) && !UNARY.has(after.text.toLowerCase()) && after.text.toLowerCase() !== 'in');
    }
    return t.kind === 'ident' && (UNARY.has(t.text.toLowerCase()) || t.text.toLowerCase() === 'in');
  }

  private message(): string | undefined {
    return this.peek().kind === 'message' ? this.next().text : undefined;
  }

  query(): Query {
    const start = this.pos;
    const segments: Segment[] = [];
    const first = this.next();
    if (first.kind === 'var') segments.push({ kind: 'var', name: first.text });
    else if (first.kind === 'ident' && first.text === 'this') segments.push({ kind: 'this' });
    else if (first.kind === 'ident' || first.kind === 'string') segments.push({ kind: 'key', name: first.text });
    else if (first.kind === 'punct' && first.text === '*') segments.push({ kind: 'values' });
    else throw new GuardSyntaxError(`expected a query but found '${first.text || 'end of input'}'`, first.line);
    for (;;) {
      if (this.isPunct('.')) {
        this.next();
        const t = this.next();
        if (t.kind === 'punct' && t.text === '*') segments.push({ kind: 'values' });
        else if (t.kind === 'ident' || t.kind === 'string') segments.push({ kind: 'key', name: t.text });
        else if (t.kind === 'number') segments.push({ kind: 'index', index: Number(t.text) });
        else throw new GuardSyntaxError(`expected a key after '.' but found '${t.text}'`, t.line);
      } else if (this.isPunct('[')) {
        this.next();
        if (this.isPunct('*') && this.isPunct(']', 1)) {
          this.pos += 2;
          segments.push({ kind: 'each' });
        } else if (this.peek().kind === 'number' && this.isPunct(']', 1)) {
          segments.push({ kind: 'index', index: Number(this.next().text) });
          this.next();
        } else {
          const conditions: Conjunction = [];
          while (!this.isPunct(']')) {
            if (this.peek().kind === 'eof') this.fail("expected ']' to close the filter");
            conditions.push(this.disjunction(false));
          }
          this.next();
          segments.push({ kind: 'filter', conditions });
        }
      } else break;
    }
    const text = this.tokens.slice(start, this.pos).map((t) => (t.kind === 'var' ? `%${t.text}` : t.kind === 'string' ? `'${t.text}'` : t.text)).join('');
    return { segments, text };
  }

  private startsLiteral(): boolean {
    const t = this.peek();
    if (t.kind === 'string' || t.kind === 'number' || t.kind === 'regex') return true;
    if (t.kind === 'punct' && (t.text === '[' || t.text === '{')) return true;
    if (t.kind === 'ident' && /^(true|false|null)$/i.test(t.text)) return true;
    return t.kind === 'ident' && t.text === 'r' && (this.isPunct('(', 1) || this.isPunct('[', 1));
  }

  value(): Value {
    const t = this.peek();
    if (t.kind === 'var' && !this.isPunct('.', 1) && !this.isPunct('[', 1)) {
      this.next();
      return { kind: 'var', name: t.text };
    }
    if (t.kind === 'var' || (t.kind === 'ident' && !this.startsLiteral() && !UNARY.has(t.text.toLowerCase()))) return { kind: 'query', query: this.query() };
    if (!this.startsLiteral()) throw new GuardSyntaxError(`expected a value but found '${t.text || 'end of input'}'`, t.line);
    this.next();
    if (t.kind === 'string') return { kind: 'literal', value: t.text };
    if (t.kind === 'number') return { kind: 'literal', value: Number(t.text) };
    if (t.kind === 'regex') return { kind: 'regex', source: t.text };
    if (t.kind === 'ident' && t.text === 'r') return this.range();
    if (t.kind === 'ident') return { kind: 'literal', value: t.text.toLowerCase() === 'null' ? null : t.text.toLowerCase() === 'true' };
    if (t.text === '[') {
      const items: Value[] = [];
      while (!this.isPunct(']')) {
        items.push(this.value());
        if (this.isPunct(',')) this.next();
        else if (!this.isPunct(']')) this.fail("expected ',' or ']' in a list");
      }
      this.next();
      return { kind: 'list', items };
    }
    const entries: [string, Value][] = [];
    while (!this.isPunct('}')) {
      const key = this.next();
      if (key.kind !== 'string' && key.kind !== 'ident') throw new GuardSyntaxError('expected a key in a map', key.line);
      this.expectPunct(':');
      entries.push([key.text, this.value()]);
      if (this.isPunct(',')) this.next();
      else if (!this.isPunct('}')) this.fail("expected ',' or '}' in a map");
    }
    this.next();
    return { kind: 'map', entries };
  }

  /** r(1, 10) exclusive, r[1, 10] inclusive, mixed brackets allowed. */
  private range(): Value {
    const open = this.next().text;
    const low = this.next();
    this.expectPunct(',');
    const high = this.next();
    const close = this.next();
    if (low.kind !== 'number' || high.kind !== 'number' || (close.text !== ')' && close.text !== ']')) throw new GuardSyntaxError('a range is r(low, high) with numbers', low.line);
    return { kind: 'range', low: Number(low.text), high: Number(high.text), lowInclusive: open === '[', highInclusive: close.text === ']' };
  }
}
