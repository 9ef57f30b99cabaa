// The parsed shape of an advanced query: SELECT fields [WHERE condition] [GROUP BY ...] [ORDER BY ...].

export type AggregateName = 'COUNT' | 'MIN' | 'MAX' | 'SUM' | 'AVG';

/** A property path as written, with where it was written (for error messages). */
export interface PropertyRef {
  path: string;
  line: number;
  column: number;
}

export type Field =
  | { kind: 'property'; property: PropertyRef; name: string }
  | { kind: 'aggregate'; fn: AggregateName; property?: PropertyRef; name: string };

export type Literal = string | number | boolean;

export type Comparison = '=' | '!=' | '<' | '<=' | '>' | '>=';

export type Condition =
  | { kind: 'and' | 'or'; left: Condition; right: Condition }
  | { kind: 'not'; operand: Condition }
  | { kind: 'compare'; property: PropertyRef; op: Comparison; value: Literal }
  | { kind: 'between'; property: PropertyRef; low: Literal; high: Literal }
  | { kind: 'in'; property: PropertyRef; values: Literal[] }
  | { kind: 'like'; property: PropertyRef; pattern: string };

export interface OrderTerm {
  field: Field;
  descending: boolean;
}

export interface Query {
  /** `SELECT *`: the top-level scalar properties of each item. */
  star: boolean;
  fields: Field[];
  where?: Condition;
  groupBy: PropertyRef[];
  orderBy: OrderTerm[];
}
