// Marker/MaxItems paging for every IAM List operation. A marker is opaque: the last item's sort
// key, encoded. IAM answers IsTruncated always, and Marker only when more items follow.
import { AwsError } from '../../protocol/errors';

const PREFIX = 'kanri1:';
export const DEFAULT_MAX_ITEMS = 100;

export interface PageInput { Marker?: string; MaxItems?: number }
export interface Page<T> { items: T[]; IsTruncated: boolean; Marker?: string }

export function decodeMarker(marker: string | undefined): string {
  if (marker === undefined) return '';
  const text = Buffer.from(marker, 'base64url').toString('utf8');
  if (!text.startsWith(PREFIX) || Buffer.from(text, 'utf8').toString('base64url') !== marker) {
    throw new AwsError('ValidationError', 'Invalid Marker.', 400);
  }
  return text.slice(PREFIX.length);
}

export function encodeMarker(key: string): string {
  return Buffer.from(PREFIX + key, 'utf8').toString('base64url');
}

/** A page from a keyset query: fetch(after, count) returns rows in key order after the key. */
export function pageOfQuery<T>(input: PageInput, fetch: (after: string, count: number) => T[], keyOf: (item: T) => string): Page<T> {
  const size = input.MaxItems ?? DEFAULT_MAX_ITEMS;
  const rows = fetch(decodeMarker(input.Marker), size + 1);
  return finish(rows, size, keyOf);
}

/** A page of a list already in memory (a user's keys, a policy's versions): resumes after the marker's key. */
export function pageOfList<T>(input: PageInput, items: T[], keyOf: (item: T) => string): Page<T> {
  const size = input.MaxItems ?? DEFAULT_MAX_ITEMS;
  let start = 0;
  if (input.Marker !== undefined) {
    const after = decodeMarker(input.Marker);
    start = items.findIndex((item) => keyOf(item) === after) + 1;
    if (start === 0) throw new AwsError('ValidationError', 'Invalid Marker.', 400);
  }
  return finish(items.slice(start, start + size + 1), size, keyOf);
}

function finish<T>(rows: T[], size: number, keyOf: (item: T) => string): Page<T> {
  const items = rows.slice(0, size);
  const truncated = rows.length > size;
  return { items, IsTruncated: truncated, Marker: truncated ? encodeMarker(keyOf(items[items.length - 1])) : undefined };
}
