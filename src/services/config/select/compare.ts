// Typed comparison of an item's value with a literal or with another item's value, by the property's
// type in the schema table: numbers numerically, dates by time, strings by code unit.
import type { Literal } from './ast';
import type { PropertyType } from './properties';

/** Top-level timestamps the schema types as strings; they still compare and sort as times. */
const TIME_PATHS = new Set(['configurationItemCaptureTime', 'resourceCreationTime', 'configurationItemDeliveryTime']);

export type ValueKind = 'number' | 'time' | 'boolean' | 'ip' | 'string';

export function valueKind(path: string, type: PropertyType | undefined): ValueKind {
  if (TIME_PATHS.has(path) || type === 'date') return 'time';
  if (type === 'integer' || type === 'float') return 'number';
  if (type === 'boolean') return 'boolean';
  if (type === 'ip' || type === 'cidr_block') return 'ip';
  return 'string';
}

export function toTime(value: unknown): number {
  if (value instanceof Date) return value.getTime();
  // Epoch seconds (as AWS's JSON timestamps are) or milliseconds.
  if (typeof value === 'number') return value < 1e11 ? value * 1000 : value;
  return typeof value === 'string' ? Date.parse(value) : NaN;
}

/** A scalar in one comparable form, or undefined when it has none (a word where a number belongs). */
export function normalize(value: unknown | Literal, kind: ValueKind): number | string | undefined {
  switch (kind) {
    case 'number': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      return Number.isFinite(n) ? n : undefined;
    }
    case 'time': {
      const t = toTime(value);
      return Number.isFinite(t) ? t : typeof value === 'string' ? value : undefined;
    }
    case 'boolean':
      return String(value).toLowerCase();
    default:
      return String(value);
  }
}

/** <0, 0, >0, or undefined when the two cannot be compared (a time against free text). */
export function compareNormalized(a: number | string, b: number | string): number | undefined {
  if (typeof a !== typeof b) return undefined;
  return a < b ? -1 : a > b ? 1 : 0;
}
