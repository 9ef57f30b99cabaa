// Timestamp formats of the AWS protocols: iso8601, rfc822 (HTTP date) and epoch seconds.
export type TimestampFormat = 'iso8601' | 'rfc822' | 'unixTimestamp';

export function formatTimestamp(value: Date | number | string, format: TimestampFormat): string | number {
  const date = value instanceof Date ? value : typeof value === 'number' ? new Date(value * 1000) : new Date(value);
  switch (format) {
    case 'unixTimestamp': return Math.round(date.getTime()) / 1000;
    case 'rfc822': return date.toUTCString();
    default: return date.toISOString().replace(/\.000Z$/, 'Z');
  }
}

/** Accepts any of the three formats, as AWS does on input; undefined when unparseable. */
export function parseTimestamp(raw: unknown): Date | undefined {
  if (raw instanceof Date) return raw;
  if (typeof raw === 'number') return Number.isFinite(raw) ? new Date(raw * 1000) : undefined;
  if (typeof raw !== 'string' || raw === '') return undefined;
  if (/^-?\d+(\.\d+)?$/.test(raw)) return new Date(parseFloat(raw) * 1000);
  const ms = Date.parse(raw);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}
