// The look-ups that Config's named, per-account-and-Region tables share (rules, conformance packs,
// aggregators): by name, by ARN, and all of a scope ordered by name.
import type { Row, Storage } from '../../storage/database';

interface Scope { accountId: string; region: string }

export function namedRows<T>(table: string, toValue: (r: Row) => T) {
  const by = (column: 'name' | 'arn') => (s: Storage, scope: Scope, key: string): T | undefined => {
    const r = s.stmt(`SELECT * FROM ${table} WHERE account_id = ? AND region = ? AND ${column} = ?`).get(scope.accountId, scope.region, key) as Row | undefined;
    return r && toValue(r);
  };
  return {
    find: by('name'),
    findByArn: by('arn'),
    list: (s: Storage, scope: Scope): T[] =>
      (s.stmt(`SELECT * FROM ${table} WHERE account_id = ? AND region = ? ORDER BY name`).all(scope.accountId, scope.region) as Row[]).map(toValue),
  };
}
