// MaxResults/NextToken over lists ordered by a key: the token is opaque (base64url of the last key
// of the page), and a token this code did not write is AWS's InvalidPaginationToken.
import { ec2Error } from './errors';

const PREFIX = 'k1:';

export function encodeToken(lastKey: string): string {
  return Buffer.from(PREFIX + lastKey, 'utf8').toString('base64url');
}

export function decodeToken(token: string | undefined): string | undefined {
  if (token === undefined || token === '') return undefined;
  const text = /^[A-Za-z0-9_-]+$/.test(token) ? Buffer.from(token, 'base64url').toString('utf8') : '';
  if (!text.startsWith(PREFIX)) throw ec2Error('InvalidPaginationToken', token);
  return text.slice(PREFIX.length);
}

/**
 * One page of `items` (already in key order): those after the token's key, at most maxResults.
 * Without MaxResults, AWS answers everything in one page.
 */
export function paginate<T>(items: T[], keyOf: (item: T) => string, maxResults: number | undefined, nextToken: string | undefined): { page: T[]; nextToken?: string } {
  const after = decodeToken(nextToken);
  let start = 0;
  if (after !== undefined) {
    start = items.findIndex((i) => keyOf(i) > after);
    if (start < 0) start = items.length;
  }
  if (maxResults === undefined || maxResults <= 0) return { page: items.slice(start) };
  const page = items.slice(start, start + maxResults);
  const more = start + maxResults < items.length;
  return { page, nextToken: more ? encodeToken(keyOf(page[page.length - 1])) : undefined };
}
