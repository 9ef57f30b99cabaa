// Marker/Limit paging for KMS's List operations. A marker is opaque: the last sort key, encoded.
import { invalidMarker } from './errors';

const PREFIX = 'kanri1:';

export function decodeMarker(marker: string | undefined): string {
  if (marker === undefined) return '';
  const text = Buffer.from(marker, 'base64url').toString('utf8');
  if (!text.startsWith(PREFIX) || Buffer.from(text, 'utf8').toString('base64url') !== marker) throw invalidMarker();
  return text.slice(PREFIX.length);
}

function encodeMarker(last: string): string {
  return Buffer.from(PREFIX + last, 'utf8').toString('base64url');
}

/**
 * Fetches limit + 1 rows after the marker, so a full page knows whether more follow.
 * The result's Truncated and NextMarker are what every KMS List response carries.
 */
export function pageOf<T>(marker: string | undefined, limit: number | undefined, fallback: number,
  fetch: (after: string, count: number) => T[], sortKey: (item: T) => string) {
  const size = limit ?? fallback;
  const rows = fetch(decodeMarker(marker), size + 1);
  const items = rows.slice(0, size);
  const truncated = rows.length > size;
  return { items, Truncated: truncated, NextMarker: truncated ? encodeMarker(sortKey(items[items.length - 1])) : undefined };
}
