// Key-ordered paging with opaque tokens, for List operations whose results come from one sorted
// list: the token is the last key of the page, encoded; a token kanri did not write is rejected.
const PREFIX = 'p1:';

export function encodePageToken(lastKey: string): string {
  return Buffer.from(PREFIX + lastKey, 'utf8').toString('base64url');
}

/** The key a token stands for; `invalid` builds the service's own error for a foreign token. */
export function decodePageToken(token: string | undefined, invalid: () => Error): string | undefined {
  if (token === undefined || token === '') return undefined;
  const text = /^[A-Za-z0-9_-]+$/.test(token) ? Buffer.from(token, 'base64url').toString('utf8') : '';
  if (!text.startsWith(PREFIX)) throw invalid();
  return text.slice(PREFIX.length);
}

/** One page of key-ordered items after the token's key: at most `max`, with a token when more follow. */
export function pageAfter<T>(items: T[], keyOf: (item: T) => string, max: number, token: string | undefined, invalid: () => Error): { page: T[]; nextToken?: string } {
  const after = decodePageToken(token, invalid);
  let start = 0;
  if (after !== undefined) {
    start = items.findIndex((i) => keyOf(i) > after);
    if (start < 0) start = items.length;
  }
  const page = items.slice(start, start + max);
  return { page, nextToken: start + max < items.length ? encodePageToken(keyOf(page[page.length - 1])) : undefined };
}
