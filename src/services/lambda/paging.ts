// Opaque Marker values for Lambda's List operations: the last sort key, encoded.
import { invalidParameter } from './errors';

const PREFIX = 'kanri1:';

export function decodeMarker(marker: string | undefined): string {
  if (marker === undefined) return '';
  const text = Buffer.from(marker, 'base64url').toString('utf8');
  if (!text.startsWith(PREFIX) || Buffer.from(text, 'utf8').toString('base64url') !== marker) throw invalidParameter('Invalid marker');
  return text.slice(PREFIX.length);
}

export function encodeMarker(last: string): string {
  return Buffer.from(PREFIX + last, 'utf8').toString('base64url');
}
