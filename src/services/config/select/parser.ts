// A recursive-descent parser for AWS Config's subset of SQL SELECT. Anything outside the subset
// (FROM, AS, DISTINCT, HAVING, JOIN, UNION, NULL, LIMIT ...) is a syntax error at that token, as AWS answers.
import type { AggregateName, Comparison, Condition, Field, Literal, OrderTerm, PropertyRef, Query } from './ast';
import { syntaxError } from './errors';
import { tokenize, type Token } from './lexer';

const AGGREGATES = new Set(['COUNT', 'MIN', 'MAX', 'SUM', 'AVG']);
/** Words that cannot name a property: the grammar's own and the SQL words AWS does not support. */
const RESERVED = new Set([
  'SELECT', 'WHERE', 'GROUP', 'BY', 'ORDER', 'ASC', 'DESC', 'AND', 'OR', 'NOT', 'IN', 'BETWEEN', 'LIKE',
  'TRUE', 'FALSE', 'ALL', 'AS', 'DISTINCT', 'FROM', 'HAVING', 'JOIN', 'UNION', 'NULL', 'IS', 'LIMIT', 'OFFSET',
]);
const COMPARISONS = new Set(['=', '!=', '<>', '<', '<=', '>', '>=']);

export function parseQuery(expression: string): Query {
  return new Parser(tokenize(expression)).query();
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  query(): Query {
    this.keyword('SELECT');
    const query: Query = { star: false, fields: [], groupBy: [], orderBy: [] };
    do {
      if (this.isOp('*')) { this.pos++; query.star = true; } else query.fields.push(this.field());
    } while (this.acceptOp(','));
    if (this.acceptKeyword('WHERE')) query.where = this.or();
    if (this.acceptKeyword('GROUP')) {
      this.keyword('BY');
      do query.groupBy.push(this.property()); while (this.acceptOp(','));
    }
    if (this.acceptKeyword('ORDER')) {
      this.keyword('BY');
      do query.orderBy.push(this.orderTerm()); while (this.acceptOp(','));
    }
    if (this.peek().kind !== 'eof') throw this.error();
    return query;
  }

  private orderTerm(): OrderTerm {
    const field = this.field();
    if (this.acceptKeyword('DESC')) return { field, descending: true };
    this.acceptKeyword('ASC');
    return { field, descending: false };
  }

  private field(): Field {
    const token = this.peek();
    const upper = token.text.toUpperCase();
    if (token.kind === 'word' && AGGREGATES.has(upper) && this.tokens[this.pos + 1].text === '(') {
      this.pos += 2;
      const fn = upper as AggregateName;
      let property: PropertyRef | undefined;
      if (fn === 'COUNT' && this.isOp('*')) this.pos++;
      else property = this.property();
      this.op(')');
      return { kind: 'aggregate', fn, property, name: `${fn}(${property ? property.path : '*'})` };
    }
    const property = this.property();
    return { kind: 'property', property, name: property.path };
  }

  private or(): Condition {
    let left = this.and();
    while (this.acceptKeyword('OR')) left = { kind: 'or', left, right: this.and() };
    return left;
  }

  private and(): Condition {
    let left = this.not();
    while (this.acceptKeyword('AND')) left = { kind: 'and', left, right: this.not() };
    return left;
  }

  private not(): Condition {
    if (this.acceptKeyword('NOT')) return { kind: 'not', operand: this.not() };
    if (this.acceptOp('(')) {
      const inner = this.or();
      this.op(')');
      return inner;
    }
    return this.predicate();
  }

  private predicate(): Condition {
    const property = this.property();
    const negated = this.acceptKeyword('NOT');
    let condition: Condition;
    if (this.acceptKeyword('BETWEEN')) {
      const low = this.literal();
      this.keyword('AND');
      condition = { kind: 'between', property, low, high: this.literal() };
    } else if (this.acceptKeyword('IN')) {
      this.op('(');
      const values: Literal[] = [];
      do values.push(this.literal()); while (this.acceptOp(','));
      this.op(')');
      condition = { kind: 'in', property, values };
    } else if (this.acceptKeyword('LIKE')) {
      const token = this.peek();
      if (token.kind !== 'string') throw this.error();
      this.pos++;
      condition = { kind: 'like', property, pattern: token.text };
    } else {
      if (negated) throw this.error();
      const token = this.peek();
      if (token.kind !== 'op' || !COMPARISONS.has(token.text)) throw this.error();
      this.pos++;
      const op = (token.text === '<>' ? '!=' : token.text) as Comparison;
      return { kind: 'compare', property, op, value: this.literal() };
    }
    return negated ? { kind: 'not', operand: condition } : condition;
  }

  private literal(): Literal {
    const token = this.peek();
    if (token.kind === 'string') { this.pos++; return token.text; }
    if (token.kind === 'number') { this.pos++; return Number(token.text); }
    if (token.kind === 'word' && /^(true|false)$/i.test(token.text)) { this.pos++; return token.text.toLowerCase() === 'true'; }
    throw this.error();
  }

  private property(): PropertyRef {
    const token = this.peek();
    if (token.kind !== 'word' || RESERVED.has(token.text.toUpperCase()) || token.text.endsWith('.') || token.text.includes('..')) {
      throw this.error();
    }
    this.pos++;
    return { path: token.text, line: token.line, column: token.column };
  }

  private peek(): Token {
    return this.tokens[this.pos];
  }

  private isKeyword(word: string): boolean {
    const token = this.peek();
    return token.kind === 'word' && token.text.toUpperCase() === word;
  }

  private acceptKeyword(word: string): boolean {
    if (!this.isKeyword(word)) return false;
    this.pos++;
    return true;
  }

  private keyword(word: string): void {
    if (!this.acceptKeyword(word)) throw this.error();
  }

  private isOp(op: string): boolean {
    const token = this.peek();
    return token.kind === 'op' && token.text === op;
  }

  private acceptOp(op: string): boolean {
    if (!this.isOp(op)) return false;
    this.pos++;
    return true;
  }

  private op(op: string): void {
    if (!this.acceptOp(op)) throw this.error();
  }

  private error() {
    const token = this.peek();
    return syntaxError(token.line, token.column);
  }
}
