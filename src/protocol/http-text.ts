// Typed values to and from the text of URI labels, query parameters and headers (the rest protocols' bindings).
import type { MemberRef, ServiceModel } from './model';
import { formatTimestamp, parseTimestamp, type TimestampFormat } from './timestamps';

export class HttpTextError extends Error {}

export type Location = 'uri' | 'querystring' | 'header';

/** One value of a label, query parameter or header item → its typed value; throws HttpTextError. */
export function fromHttpText(model: ServiceModel, ref: MemberRef, text: string, where: string, location: Location): unknown {
  const shape = model.shapes[ref.shape];
  const bad = (expected: string): never => {
    throw new HttpTextError(`Invalid value '${text}' for ${where}: expected ${expected}`);
  };
  switch (shape.type) {
    case 'string':
      if (ref.jsonvalue && location === 'header') {
        try {
          return JSON.parse(Buffer.from(text, 'base64').toString('utf8'));
        } catch {
          return bad('base64-encoded JSON');
        }
      }
      return text;
    case 'integer': case 'long':
      return /^\s*[-+]?\d+\s*$/.test(text) ? Number.parseInt(text, 10) : bad('an integer');
    case 'float': case 'double': {
      const t = text.trim();
      if (t === 'NaN' || t === 'Infinity' || t === '-Infinity') return Number(t);
      const n = t === '' ? Number.NaN : Number(t);
      return Number.isNaN(n) ? bad('a number') : n;
    }
    case 'boolean': {
      const t = text.trim().toLowerCase();
      return t === 'true' ? true : t === 'false' ? false : bad('a boolean');
    }
    case 'timestamp':
      return parseTimestamp(text.trim()) ?? bad('a timestamp');
    case 'blob':
      return Buffer.from(text, 'base64');
    default:
      return bad(`a ${shape.type}`);
  }
}

/** Header lists are comma separated; an item holding a comma or quote is a quoted string (RFC 7230). */
export function splitHeaderList(value: string): string[] {
  const items: string[] = [];
  let i = 0;
  while (i <= value.length) {
    while (value[i] === ' ' || value[i] === '\t') i++;
    if (value[i] === '"') {
      let item = '';
      i++;
      while (i < value.length && value[i] !== '"') {
        if (value[i] === '\\' && i + 1 < value.length) i++;
        item += value[i++];
      }
      items.push(item);
      i = value.indexOf(',', i);
      if (i < 0) break;
      i++;
    } else {
      const comma = value.indexOf(',', i);
      const end = comma < 0 ? value.length : comma;
      items.push(value.slice(i, end).trim());
      if (comma < 0) break;
      i = comma + 1;
    }
  }
  return items;
}

function quoteListItem(s: string): string {
  return /[",]/.test(s) ? `"${s.replace(/(["\\])/g, '\\$1')}"` : s;
}

/** A typed value → header text: timestamps default to rfc822 (HTTP dates), lists join with commas. */
export function toHeaderText(model: ServiceModel, ref: MemberRef, value: unknown): string {
  const shape = model.shapes[ref.shape];
  switch (shape.type) {
    case 'list':
      return (value as unknown[]).map((v) => quoteListItem(toHeaderText(model, shape.member!, v))).join(', ');
    case 'timestamp': {
      const format: TimestampFormat = ref.timestampFormat ?? shape.timestampFormat ?? 'rfc822';
      return String(formatTimestamp(value as Date, format));
    }
    case 'blob':
      return Buffer.isBuffer(value) ? value.toString('base64') : Buffer.from(String(value)).toString('base64');
    case 'string':
      return ref.jsonvalue ? Buffer.from(JSON.stringify(value)).toString('base64') : String(value);
    case 'float': case 'double': {
      const n = value as number;
      return Number.isNaN(n) ? 'NaN' : String(n);
    }
    default:
      return String(value);
  }
}
