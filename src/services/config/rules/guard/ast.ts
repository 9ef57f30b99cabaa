// The parsed form of a Guard 2.0 policy.

export type Value =
  | { kind: 'literal'; value: unknown }
  | { kind: 'regex'; source: string }
  | { kind: 'range'; low: number; high: number; lowInclusive: boolean; highInclusive: boolean }
  | { kind: 'var'; name: string }
  | { kind: 'query'; query: Query } // a query on the right: %target.fromPort, this, Properties.X
  | { kind: 'list'; items: Value[] }
  | { kind: 'map'; entries: [string, Value][] };

export type Segment =
  | { kind: 'key'; name: string }
  | { kind: 'values' } // .* : every value of a struct or element of a list
  | { kind: 'each' } // [*]
  | { kind: 'index'; index: number } // [0]
  | { kind: 'filter'; conditions: Conjunction } // [ Type == 'x' ]
  | { kind: 'this' }
  | { kind: 'var'; name: string };

export interface Query {
  segments: Segment[];
  text: string;
}

export type UnaryOp = 'exists' | 'empty' | 'is_string' | 'is_list' | 'is_struct' | 'is_int' | 'is_float' | 'is_bool' | 'is_null';
export type BinaryOp = '==' | '!=' | '<' | '>' | '<=' | '>=' | 'in';

export type Clause =
  | { kind: 'compare'; some: boolean; query: Query; negated: boolean; op: UnaryOp | BinaryOp; rhs?: Value; message?: string; line: number }
  | { kind: 'block'; some: boolean; query: Query; body: Body; line: number }
  | { kind: 'when'; conditions: Conjunction; body: Body; line: number }
  | { kind: 'ruleRef'; name: string; negated: boolean; message?: string; line: number };

/** Clauses joined by `or`. */
export type Disjunction = Clause[];
/** Disjunctions that must all hold (one per line in Guard's layout). */
export type Conjunction = Disjunction[];

export interface Let {
  name: string;
  value?: Value;
  query?: Query;
}

export interface Body {
  lets: Let[];
  clauses: Conjunction;
}

export interface Rule {
  name: string;
  when?: Conjunction;
  body: Body;
}

export interface Policy {
  lets: Let[];
  rules: Rule[];
}
