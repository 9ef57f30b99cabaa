// NextToken paging for EventBridge's List operations: the token is the last name, encoded.
import { validation } from './errors';

const PREFIX = 'kanri1:';

export function decodeToken(token: string | undefined): string {
  if (token === undefined) return '';
  const text = Buffer.from(token, 'base64url').toString('utf8');
  if (!text.startsWith(PREFIX) || Buffer.from(text, 'utf8').toString('base64url') !== token) throw validation('The NextToken provided is invalid.');
  return text.slice(PREFIX.length);
}

/** Fetches limit + 1 items after the token; NextToken is set when more follow. */
export function pageOf<T>(token: string | undefined, limit: number | undefined, fallback: number,
  fetch: (after: string, count: number) => T[], key: (item: T) => string): { items: T[]; NextToken?: string } {
  const size = limit ?? fallback;
  const rows = fetch(decodeToken(token), size + 1);
  const items = rows.slice(0, size);
  return { items, NextToken: rows.length > size ? Buffer.from(PREFIX + key(items[items.length - 1]), 'utf8').toString('base64url') : undefined };
}
