// NextToken paging for SNS's List operations (100 a page, as AWS). A token is opaque: the last sort key, encoded.
import { badParameter } from './errors';

const PREFIX = 'kanri-sns1:';

function decode(token: string | undefined): string {
  if (token === undefined) return '';
  const text = Buffer.from(token, 'base64url').toString('utf8');
  if (!text.startsWith(PREFIX) || Buffer.from(text, 'utf8').toString('base64url') !== token) throw badParameter('NextToken');
  return text.slice(PREFIX.length);
}

export function pageOf<T>(token: string | undefined, size: number, fetch: (after: string, count: number) => T[], sortKey: (item: T) => string) {
  const rows = fetch(decode(token), size + 1);
  const items = rows.slice(0, size);
  const more = rows.length > size;
  return { items, NextToken: more ? Buffer.from(PREFIX + sortKey(items[items.length - 1]), 'utf8').toString('base64url') : undefined };
}
