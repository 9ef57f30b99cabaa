// Checks a parsed query against the property table and AWS's documented limitations, before any
// item is read. Every failure is an InvalidExpressionException.
import type { Condition, Field, Literal, PropertyRef, Query } from './ast';
import { valueKind } from './compare';
import { invalidExpression } from './errors';
import { parseIpRange } from './ip';
import { isLeafProperty, isSelectableProperty, propertyType } from './properties';

export function isAggregateQuery(query: Query): boolean {
  return query.groupBy.length > 0 || [...query.fields, ...query.orderBy.map((o) => o.field)].some((f) => f.kind === 'aggregate');
}

export function validateQuery(query: Query): void {
  for (const field of query.fields) {
    if (field.kind === 'property') requireProperty(field.property, isSelectableProperty(field.property.path));
    else validateAggregate(field);
  }
  if (query.where) validateCondition(query.where);
  for (const property of query.groupBy) requireProperty(property, isLeafProperty(property.path));
  for (const term of query.orderBy) {
    if (term.field.kind === 'property') requireProperty(term.field.property, isLeafProperty(term.field.property.path));
    else validateAggregate(term.field);
  }
  if (isAggregateQuery(query)) validateAggregation(query);
}

function validateAggregation(query: Query): void {
  const grouped = new Set(query.groupBy.map((p) => p.path));
  if (query.star) throw invalidExpression('SELECT * cannot be combined with aggregate functions or GROUP BY');
  for (const field of query.fields) {
    if (field.kind === 'property' && !grouped.has(field.property.path)) {
      throw invalidExpression(`${field.name} must appear in the GROUP BY clause or be used in an aggregate function`);
    }
  }
  for (const term of query.orderBy) {
    if (term.field.kind === 'property' && !grouped.has(term.field.property.path)) {
      throw invalidExpression(`ORDER BY ${term.field.name} must appear in the GROUP BY clause or be an aggregate function`);
    }
  }
  const ordersByAggregate = query.orderBy.some((o) => o.field.kind === 'aggregate');
  if (ordersByAggregate && query.groupBy.length > 1) {
    throw invalidExpression('GROUP BY with an ORDER BY clause referencing aggregate functions may contain only a single property');
  }
  if (query.groupBy.length > 3) throw invalidExpression('GROUP BY clauses may contain up to three properties');
}

function validateAggregate(field: Field & { kind: 'aggregate' }): void {
  if (!field.property) return;
  requireProperty(field.property, isLeafProperty(field.property.path));
  const kind = valueKind(field.property.path, propertyType(field.property.path));
  const numeric = kind === 'number';
  if ((field.fn === 'SUM' || field.fn === 'AVG') && !numeric) {
    throw invalidExpression(`${field.fn} requires a numeric property: ${field.property.path} is not numeric`);
  }
  if ((field.fn === 'MIN' || field.fn === 'MAX') && !numeric && kind !== 'time') {
    throw invalidExpression(`${field.fn} requires a numeric or date property: ${field.property.path} is neither`);
  }
}

function validateCondition(condition: Condition): void {
  switch (condition.kind) {
    case 'and':
    case 'or':
      validateCondition(condition.left);
      validateCondition(condition.right);
      return;
    case 'not':
      validateCondition(condition.operand);
      return;
    case 'compare':
      return validateLiterals(condition.property, [condition.value]);
    case 'between':
      return validateLiterals(condition.property, [condition.low, condition.high]);
    case 'in':
      return validateLiterals(condition.property, condition.values);
    case 'like':
      validateLiterals(condition.property, []);
      return validateLike(condition.property, condition.pattern);
  }
}

function validateLiterals(property: PropertyRef, literals: Literal[]): void {
  requireProperty(property, isLeafProperty(property.path));
  if (valueKind(property.path, propertyType(property.path)) !== 'ip') return;
  for (const literal of literals) {
    if (typeof literal !== 'string' || !parseIpRange(literal)) {
      throw invalidExpression(`Invalid IP address or CIDR block '${String(literal)}' for ${property.path}`);
    }
  }
}

/** AWS's wildcard rules: suffix wildcards only, after at least three literal characters. */
function validateLike(property: PropertyRef, pattern: string): void {
  const kind = valueKind(property.path, propertyType(property.path));
  if (kind !== 'string' && kind !== 'time') {
    throw invalidExpression(`LIKE is supported only on string properties: ${property.path} is not a string`);
  }
  const first = pattern.search(/[%_]/);
  if (first < 0) return;
  if (first < 3) throw invalidExpression(`Wildcard matches must be at least three characters long: '${pattern}'`);
  if (!/^[%_]*$/.test(pattern.slice(first))) {
    throw invalidExpression(`Only suffix wildcards are supported: '${pattern}'`);
  }
}

function requireProperty(property: PropertyRef, known: boolean): void {
  if (!known) {
    throw invalidExpression(`Unknown property ${property.path} at line ${property.line}, column ${property.column}`);
  }
}
