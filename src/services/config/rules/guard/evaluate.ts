// Evaluates a parsed Guard policy against one JSON document (for AWS Config, the configuration item).
// Statuses follow Guard: PASS, FAIL, or SKIP when a rule's `when` conditions do not hold. A query
// that resolves to several values must hold for all of them, or for one with `some`.
import type { Body, Clause, Conjunction, Let, Policy, Query, Rule, Value } from './ast';

export type Status = 'PASS' | 'FAIL' | 'SKIP';

export interface PolicyResult {
  status: Status;
  rules: Record<string, Status>;
  /** Why clauses failed: their custom messages, or the clause as written. */
  failures: string[];
}

type Point = { ok: true; value: unknown } | { ok: false };
type Env = Map<string, () => Point[]>;

const isStruct = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

export function evaluatePolicy(policy: Policy, document: unknown): PolicyResult {
  return new Evaluation(policy, document).run();
}

class Evaluation {
  private results = new Map<string, Status>();
  private active = new Set<string>();
  private failures: string[] = [];
  private rules: Map<string, Rule>;
  private globals: Env;

  constructor(private readonly policy: Policy, private readonly root: unknown) {
    this.rules = new Map(policy.rules.map((r) => [r.name, r]));
    this.globals = this.bind(policy.lets, new Map(), root);
  }

  run(): PolicyResult {
    const rules: Record<string, Status> = Object.create(null);
    for (const rule of this.policy.rules) rules[rule.name] = this.rule(rule.name);
    const statuses = Object.values(rules);
    const status: Status = statuses.includes('FAIL') ? 'FAIL' : statuses.includes('PASS') ? 'PASS' : 'SKIP';
    return { status, rules, failures: this.failures };
  }

  /** Variables are evaluated once, when first used, relative to where they are declared (`this`). */
  private bind(lets: Let[], outer: Env, self: unknown): Env {
    const env: Env = new Map(outer);
    for (const l of lets) {
      let cached: Point[] | undefined;
      env.set(l.name, () => (cached ??= l.value ? [{ ok: true, value: this.literal(l.value, env, self) }] : this.query(l.query!, self, env)));
    }
    return env;
  }

  private rule(name: string): Status {
    const known = this.results.get(name);
    if (known) return known;
    const rule = this.rules.get(name);
    if (!rule || this.active.has(name)) return 'FAIL'; // unknown or cyclic reference
    this.active.add(name);
    let status: Status = 'SKIP';
    if (!rule.when || this.conjunction(rule.when, this.root, this.globals, true) === 'PASS') status = this.body(rule.body, this.root, this.globals);
    this.active.delete(name);
    this.results.set(name, status);
    return status;
  }

  private body(body: Body, self: unknown, outer: Env): Status {
    return this.conjunction(body.clauses, self, this.bind(body.lets, outer, self), false);
  }

  /** `quiet` conditions (when, filters) do not report failures. */
  private conjunction(clauses: Conjunction, self: unknown, env: Env, quiet: boolean): Status {
    let sawPass = false;
    let status: Status = 'PASS';
    for (const disjunction of clauses) {
      const results = disjunction.map((c) => this.clause(c, self, env, quiet || disjunction.length > 1));
      const d: Status = results.includes('PASS') ? 'PASS' : results.includes('FAIL') ? 'FAIL' : 'SKIP';
      if (d === 'FAIL') {
        if (!quiet && disjunction.length > 1) this.failures.push(disjunction.map(describe).join(' or '));
        status = 'FAIL';
      }
      if (d === 'PASS') sawPass = true;
    }
    if (status === 'FAIL') return 'FAIL';
    return sawPass || !clauses.length ? 'PASS' : 'SKIP';
  }

  private clause(c: Clause, self: unknown, env: Env, quiet: boolean): Status {
    const status = this.judge(c, self, env);
    if (status === 'FAIL' && !quiet && c.kind !== 'block' && c.kind !== 'when') this.failures.push(describe(c));
    return status;
  }

  private judge(c: Clause, self: unknown, env: Env): Status {
    switch (c.kind) {
      case 'ruleRef': {
        const s = this.rule(c.name);
        return !c.negated || s === 'SKIP' ? s : s === 'PASS' ? 'FAIL' : 'PASS';
      }
      case 'when':
        return this.conjunction(c.conditions, self, env, true) === 'PASS' ? this.body(c.body, self, env) : 'SKIP';
      case 'block': {
        const points = this.query(c.query, self, env);
        if (!points.length) return hasFilter(c.query) ? 'SKIP' : 'FAIL';
        const results = points.map((p) => (p.ok ? this.body(c.body, p.value, env) : 'FAIL'));
        if (c.some) return results.includes('PASS') ? 'PASS' : 'FAIL';
        return results.includes('FAIL') ? 'FAIL' : results.includes('PASS') ? 'PASS' : 'SKIP';
      }
      case 'compare':
        return this.compare(c, self, env);
    }
  }

  private compare(c: Extract<Clause, { kind: 'compare' }>, self: unknown, env: Env): Status {
    const points = this.query(c.query, self, env);
    const rhs = c.rhs ? this.literal(c.rhs, env, self) : undefined;
    const check = (p: Point): boolean => {
      switch (c.op) {
        case 'exists': return p.ok !== c.negated;
        case 'empty': return isEmpty(p) !== c.negated;
        default: {
          if (!p.ok) return false;
          if (c.op.startsWith('is_')) return isType(c.op, p.value) !== c.negated;
          return binary(c.op, p.value, rhs) !== c.negated;
        }
      }
    };
    if (!points.length) {
      // Nothing selected: "does not exist" and "is empty" hold, anything else has nothing to hold for.
      if ((c.op === 'exists' && c.negated) || (c.op === 'empty' && !c.negated)) return 'PASS';
      return hasFilter(c.query) ? 'SKIP' : 'FAIL';
    }
    const ok = c.some ? points.some(check) : points.every(check);
    return ok ? 'PASS' : 'FAIL';
  }

  private query(q: Query, self: unknown, env: Env): Point[] {
    let points: Point[] = [];
    q.segments.forEach((seg, i) => {
      if (i === 0) {
        if (seg.kind === 'var') {
          const v = env.get(seg.name);
          points = v ? v() : [{ ok: false }];
          return;
        }
        points = [{ ok: true, value: self }];
        if (seg.kind === 'this') return;
      }
      points = points.flatMap((p) => this.step(p, seg, env));
    });
    return points;
  }

  private step(p: Point, seg: Query['segments'][number], env: Env): Point[] {
    if (!p.ok) return [p];
    const v = p.value;
    switch (seg.kind) {
      case 'key':
        if (Array.isArray(v)) return v.flatMap((el) => this.step({ ok: true, value: el }, seg, env)); // Config items' lists read through
        return isStruct(v) && Object.hasOwn(v, seg.name) ? [{ ok: true, value: v[seg.name] }] : [{ ok: false }];
      case 'values':
        if (Array.isArray(v)) return v.map((value) => ({ ok: true, value }));
        return isStruct(v) ? Object.values(v).map((value) => ({ ok: true, value })) : [{ ok: false }];
      case 'each':
        return Array.isArray(v) ? v.map((value) => ({ ok: true, value })) : [p];
      case 'index':
        return Array.isArray(v) && seg.index < v.length ? [{ ok: true, value: v.at(seg.index) }] : [{ ok: false }];
      case 'filter': {
        const candidates = Array.isArray(v) ? v : [v];
        return candidates.filter((el) => this.conjunction(seg.conditions, el, env, true) === 'PASS').map((value) => ({ ok: true, value }));
      }
      default:
        return [{ ok: false }];
    }
  }

  private literal(v: Value, env: Env, self: unknown): unknown {
    switch (v.kind) {
      case 'literal': return v.value;
      case 'regex': return new GuardRegex(v.source);
      case 'range': return v;
      case 'list': return v.items.map((i) => this.literal(i, env, self));
      case 'map': return Object.fromEntries(v.entries.map(([k, i]) => [k, this.literal(i, env, self)]));
      case 'var':
      case 'query': {
        const points = v.kind === 'var' ? env.get(v.name)?.() ?? [] : this.query(v.query, self, env);
        const values = points.filter((p) => p.ok).map((p) => (p as { value: unknown }).value);
        return values.length === 1 ? values[0] : new QueryValues(values);
      }
    }
  }
}

/** A regex value; an invalid pattern never matches. */
class GuardRegex {
  readonly re: RegExp | undefined;
  constructor(readonly source: string) {
    try {
      this.re = new RegExp(source);
    } catch {
      this.re = undefined;
    }
  }
}

/** The values a query variable resolved to, used on the right of an operator. */
class QueryValues {
  constructor(readonly values: unknown[]) {}
}

const hasFilter = (q: Query) => q.segments.some((s) => s.kind === 'filter');

function isEmpty(p: Point): boolean {
  if (!p.ok) return true;
  const v = p.value;
  if (v == null) return true;
  if (Array.isArray(v) || typeof v === 'string') return v.length === 0;
  return isStruct(v) && Object.keys(v).length === 0;
}

function isType(op: string, v: unknown): boolean {
  switch (op) {
    case 'is_string': return typeof v === 'string';
    case 'is_list': return Array.isArray(v);
    case 'is_struct': return isStruct(v);
    case 'is_int': return typeof v === 'number' && Number.isInteger(v);
    case 'is_float': return typeof v === 'number';
    case 'is_bool': return typeof v === 'boolean';
    case 'is_null': return v === null;
    default: return false;
  }
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isStruct(a) && isStruct(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

function equals(lhs: unknown, rhs: unknown): boolean {
  if (rhs instanceof GuardRegex) return typeof lhs === 'string' && !!rhs.re?.test(lhs);
  if (rhs && typeof rhs === 'object' && (rhs as { kind?: string }).kind === 'range') return inRange(lhs, rhs as Extract<Value, { kind: 'range' }>);
  if (rhs instanceof QueryValues) return rhs.values.some((r) => equals(lhs, r));
  // A scalar compared with a list is a membership test, as Guard does.
  if (Array.isArray(rhs) && !Array.isArray(lhs)) return rhs.some((r) => equals(lhs, r));
  return deepEqual(lhs, rhs);
}

function inRange(v: unknown, r: Extract<Value, { kind: 'range' }>): boolean {
  if (typeof v !== 'number') return false;
  return (r.lowInclusive ? v >= r.low : v > r.low) && (r.highInclusive ? v <= r.high : v < r.high);
}

function binary(op: string, lhs: unknown, rhs: unknown): boolean {
  switch (op) {
    case '==': return equals(lhs, rhs);
    case '!=': return !equals(lhs, rhs);
    case 'in': {
      const pool = rhs instanceof QueryValues ? rhs.values : Array.isArray(rhs) ? rhs : [rhs];
      if (Array.isArray(lhs)) return lhs.every((x) => pool.some((r) => equals(x, r)));
      return pool.some((r) => equals(lhs, r));
    }
    default: {
      const r = rhs instanceof QueryValues && rhs.values.length === 1 ? rhs.values[0] : rhs;
      if (!(typeof lhs === 'number' && typeof r === 'number') && !(typeof lhs === 'string' && typeof r === 'string')) return false;
      return op === '<' ? lhs < r : op === '>' ? lhs > r : op === '<=' ? lhs <= r : lhs >= r;
    }
  }
}

function describe(c: Clause): string {
  if (c.kind === 'compare') return c.message ?? `${c.some ? 'some ' : ''}${c.query.text} ${c.negated ? 'not ' : ''}${c.op.toUpperCase()}${c.rhs ? ` ${showValue(c.rhs)}` : ''}`;
  if (c.kind === 'ruleRef') return c.message ?? `${c.negated ? 'not ' : ''}${c.name}`;
  return c.kind === 'block' ? `${c.query.text} { ... }` : 'when { ... }';
}

function showValue(v: Value): string {
  switch (v.kind) {
    case 'literal': return JSON.stringify(v.value);
    case 'regex': return `/${v.source}/`;
    case 'range': return `r${v.lowInclusive ? '[' : '('}${v.low},${v.high}${v.highInclusive ? ']' : ')'}`;
    case 'var': return `%${v.name}`;
    case 'query': return v.query.text;
    case 'list': return `[${v.items.map(showValue).join(', ')}]`;
    case 'map': return `{${v.entries.map(([k, i]) => `${JSON.stringify(k)}: ${showValue(i)}`).join(', ')}}`;
  }
}
