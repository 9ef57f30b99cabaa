// Model-driven input validation: required members, enums, lengths, ranges and patterns,
// reported in AWS's format ("1 validation error detected: Value null at 'name' failed ...").
import type { MemberRef, ServiceModel, Shape } from './model';

export interface Violation { path: string; value: unknown; constraint: string }

const patterns = new WeakMap<Shape, RegExp | null>();
const NONE: ReadonlySet<string> = new Set();

function compiledPattern(shape: Shape): RegExp | null {
  if (!patterns.has(shape)) {
    let re: RegExp | null = null;
    const source = `^(?:${shape.pattern})$`;
    try { re = new RegExp(source, 'u'); } catch {
      try { re = new RegExp(source); } catch { re = null; } // a Java-only construct: not checked
    }
    patterns.set(shape, re);
  }
  return patterns.get(shape)!;
}

/** AWS names a member by its name with a lower-case first letter. */
function memberPath(parent: string, name: string): string {
  const own = name.charAt(0).toLowerCase() + name.slice(1);
  return parent ? `${parent}.${own}` : own;
}

/** A structure's members with the name each takes in a path, listed once per shape (an input names few of many). */
const MEMBERS = new WeakMap<Shape, [string, MemberRef, string][]>();

function membersOf(shape: Shape): [string, MemberRef, string][] {
  let list = MEMBERS.get(shape);
  if (!list) MEMBERS.set(shape, (list = Object.entries(shape.members ?? {}).map(([name, ref]) => [name, ref, memberPath('', name)])));
  return list;
}

function show(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `'[${value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ')}]'`;
  if (Buffer.isBuffer(value)) return `'java.nio.HeapByteBuffer[pos=0 lim=${value.length} cap=${value.length}]'`;
  if (value instanceof Date) return `'${value.toISOString()}'`;
  if (typeof value === 'object') return `'${JSON.stringify(value)}'`;
  return `'${String(value)}'`;
}

function lengthOf(shape: Shape, value: unknown): number | undefined {
  if (typeof value === 'string') return [...value].length;
  if (Buffer.isBuffer(value)) return value.length;
  if (Array.isArray(value)) return value.length;
  if (shape.type === 'map' && value && typeof value === 'object') return Object.keys(value).length;
  return undefined;
}

export function validateShape(model: ServiceModel, shapeName: string, value: unknown, path: string, out: Violation[], ownEnums: ReadonlySet<string> = NONE): void {
  const shape = model.shapes[shapeName];
  if (!shape || value === undefined || value === null) return;
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object') return;
      const obj = value as Record<string, unknown>;
      for (const req of shape.required ?? []) {
        if (obj[req] === undefined || obj[req] === null) out.push({ path: memberPath(path, req), value: null, constraint: 'Member must not be null' });
      }
      for (const [name, ref, own] of membersOf(shape)) {
        if (obj[name] !== undefined) validateShape(model, ref.shape, obj[name], path ? `${path}.${own}` : own, out, ownEnums);
      }
      return;
    }
    case 'list': {
      checkLength(shape, value, path, out);
      if (Array.isArray(value)) value.forEach((item, i) => validateShape(model, shape.member!.shape, item, `${path}.${i + 1}.member`, out, ownEnums));
      return;
    }
    case 'map': {
      checkLength(shape, value, path, out);
      if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) {
          validateShape(model, shape.key!.shape, k, `${path}.${k}.key`, out, ownEnums);
          validateShape(model, shape.value!.shape, v, `${path}.${k}.value`, out, ownEnums);
        }
      }
      return;
    }
    case 'string': {
      checkLength(shape, value, path, out);
      if (shape.enum && typeof value === 'string' && !shape.enum.includes(value) && !ownEnums.has(shapeName)) {
        out.push({ path, value, constraint: `Member must satisfy enum value set: [${shape.enum.join(', ')}]` });
      }
      if (shape.pattern && typeof value === 'string') {
        const re = compiledPattern(shape);
        if (re && !re.test(value)) out.push({ path, value, constraint: `Member must satisfy regular expression pattern: ${shape.pattern}` });
      }
      return;
    }
    case 'blob':
      checkLength(shape, value, path, out);
      return;
    case 'integer': case 'long': case 'float': case 'double': {
      if (typeof value !== 'number') return;
      if (shape.min !== undefined && value < shape.min) out.push({ path, value, constraint: `Member must have value greater than or equal to ${shape.min}` });
      if (shape.max !== undefined && value > shape.max) out.push({ path, value, constraint: `Member must have value less than or equal to ${shape.max}` });
      return;
    }
    default:
      return;
  }
}

function checkLength(shape: Shape, value: unknown, path: string, out: Violation[]): void {
  const len = lengthOf(shape, value);
  if (len === undefined) return;
  if (shape.min !== undefined && len < shape.min) out.push({ path, value, constraint: `Member must have length greater than or equal to ${shape.min}` });
  if (shape.max !== undefined && len > shape.max) out.push({ path, value, constraint: `Member must have length less than or equal to ${shape.max}` });
}

export function validationMessage(violations: Violation[]): string {
  const n = violations.length;
  const parts = violations.map((v) => `Value ${show(v.value)} at '${v.path}' failed to satisfy constraint: ${v.constraint}`);
  return `${n} validation error${n === 1 ? '' : 's'} detected: ${parts.join('; ')}`;
}

/** Validate an operation's input; returns the AWS-format message, or undefined when valid. */
export function validateInput(model: ServiceModel, inputShape: string | undefined, input: unknown, ownEnums: ReadonlySet<string> = NONE): string | undefined {
  if (!inputShape) return undefined;
  const out: Violation[] = [];
  validateShape(model, inputShape, input ?? {}, '', out, ownEnums);
  return out.length ? validationMessage(out) : undefined;
}
