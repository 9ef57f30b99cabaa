// Key ranges as one index seek: "after this key, within this prefix" becomes a single lower bound
// and an upper bound, compared as SQLite compares TEXT (UTF-8 bytes, which is S3's order too).

/** A string above every key that starts with `prefix` (short of keys holding U+10FFFF, a noncharacter). */
export function pastPrefix(prefix: string): string {
  return `${prefix}\u{10FFFF}`;
}

function utf8Compare(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** SQL (on column `key`) and parameters for keys greater than `after` that start with `prefix`. */
export function keyRange(after: string, prefix: string): { sql: string; params: string[] } {
  const fromPrefix = prefix !== '' && utf8Compare(after, prefix) < 0;
  const sql = [fromPrefix ? 'key >= ?' : 'key > ?'];
  const params = [fromPrefix ? prefix : after];
  if (prefix) {
    sql.push('key < ?');
    params.push(pastPrefix(prefix));
  }
  return { sql: sql.join(' AND '), params };
}

/** EncodingType=url: keys (and markers, prefixes) as S3 encodes them in listings, slashes kept. */
export const encodeKeys = (encoding: string | undefined) => (s: string | undefined) =>
  s === undefined || encoding !== 'url' ? s : encodeURIComponent(s).replace(/%2F/g, '/');

export interface KeyCursor<I> { key: string; id: I }

export interface KeyPage<T> { items: T[]; prefixes: string[]; truncated: boolean; last?: string; lastItem?: T }

/**
 * Walks rows in (key, id) order after `after`, folding keys that contain the delimiter (after the
 * prefix) into common prefixes, until `max` entries (rows plus prefixes) are collected. A common
 * prefix is skipped in one seek: the walk resumes past it at `firstId`. `lastItem` is the last row
 * when the page ended on a row rather than a prefix (its id makes the next marker).
 */
export function walkKeys<T extends { key: string }, I>(
  fetch: (after: KeyCursor<I>, limit: number) => T[],
  opts: { prefix: string; delimiter?: string; after: KeyCursor<I>; max: number; idOf: (row: T) => I; firstId: I },
): KeyPage<T> {
  const page: KeyPage<T> = { items: [], prefixes: [], truncated: false };
  const delimiter = opts.delimiter || undefined;
  let after = opts.after;
  // A key marker inside a common prefix resumes after that prefix: it was already listed.
  const markerCut = delimiter && after.id === opts.firstId && after.key.startsWith(opts.prefix) ? after.key.indexOf(delimiter, opts.prefix.length) : -1;
  if (markerCut >= 0) after = { key: pastPrefix(after.key.slice(0, markerCut + delimiter!.length)), id: opts.firstId };
  for (;;) {
    const want = Math.min(opts.max - page.items.length - page.prefixes.length + 1, 1001);
    const rows = fetch(after, want);
    if (!rows.length) return page;
    let restart = false;
    for (const row of rows) {
      if (page.items.length + page.prefixes.length === opts.max) {
        page.truncated = true;
        return page;
      }
      const cut = delimiter ? row.key.indexOf(delimiter, opts.prefix.length) : -1;
      if (cut >= 0) {
        const common = row.key.slice(0, cut + delimiter!.length);
        page.prefixes.push(common);
        [page.last, page.lastItem] = [common, undefined];
        after = { key: pastPrefix(common), id: opts.firstId };
        restart = true;
        break;
      }
      page.items.push(row);
      [page.last, page.lastItem] = [row.key, row];
      after = { key: row.key, id: opts.idOf(row) };
    }
    if (!restart && rows.length < want) return page;
  }
}
