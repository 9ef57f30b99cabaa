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
