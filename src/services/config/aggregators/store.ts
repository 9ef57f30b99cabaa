// Aggregators (config_aggregators, in the aggregator account and Region) and the authorizations
// source accounts grant them (config_aggregation_auths, in the source account and Region).
import type { Row, Storage } from '../../../storage/database';
import { namedRows } from '../named-rows';
import type { Scope } from '../evaluation/store';

export const AGGREGATOR_MIGRATIONS = [
  `CREATE TABLE config_aggregators (
     account_id TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL, arn TEXT NOT NULL, aggregator_json TEXT NOT NULL,
     PRIMARY KEY (account_id, region, name));
   CREATE TABLE config_aggregation_auths (
     account_id TEXT NOT NULL, region TEXT NOT NULL, authorized_account TEXT NOT NULL, authorized_region TEXT NOT NULL, arn TEXT NOT NULL,
     created_ms INTEGER NOT NULL, PRIMARY KEY (account_id, region, authorized_account, authorized_region));`,
];

export interface AggregatorData {
  accountSources?: { AccountIds: string[]; AllAwsRegions?: boolean; AwsRegions?: string[] }[];
  filters?: unknown;
  createdMs: number;
  updatedMs: number;
}

export interface AggregatorRow extends Scope { name: string; arn: string; data: AggregatorData }
export interface AuthRow extends Scope { authorizedAccount: string; authorizedRegion: string; arn: string; createdMs: number }

const toAggregator = (r: Row): AggregatorRow => ({ accountId: r.account_id, region: r.region, name: r.name, arn: r.arn, data: JSON.parse(r.aggregator_json) });
const toAuth = (r: Row): AuthRow => ({
  accountId: r.account_id, region: r.region, authorizedAccount: r.authorized_account, authorizedRegion: r.authorized_region, arn: r.arn, createdMs: r.created_ms,
});

const named = namedRows('config_aggregators', toAggregator);
export const findAggregator = named.find;
export const findAggregatorByArn = named.findByArn;
export const listAggregators = named.list;

export function allAggregators(s: Storage): AggregatorRow[] {
  return (s.stmt('SELECT * FROM config_aggregators ORDER BY account_id, region, name').all() as Row[]).map(toAggregator);
}

export function saveAggregator(s: Storage, a: AggregatorRow): void {
  s.stmt('INSERT OR REPLACE INTO config_aggregators (account_id, region, name, arn, aggregator_json) VALUES (?, ?, ?, ?, ?)')
    .run(a.accountId, a.region, a.name, a.arn, JSON.stringify(a.data));
}

export function deleteAggregatorRow(s: Storage, scope: Scope, name: string): void {
  s.stmt('DELETE FROM config_aggregators WHERE account_id = ? AND region = ? AND name = ?').run(scope.accountId, scope.region, name);
}

export function findAuth(s: Storage, scope: Scope, account: string, region: string): AuthRow | undefined {
  const r = s.stmt('SELECT * FROM config_aggregation_auths WHERE account_id = ? AND region = ? AND authorized_account = ? AND authorized_region = ?')
    .get(scope.accountId, scope.region, account, region) as Row | undefined;
  return r && toAuth(r);
}

export function findAuthByArn(s: Storage, scope: Scope, arn: string): AuthRow | undefined {
  const r = s.stmt('SELECT * FROM config_aggregation_auths WHERE account_id = ? AND region = ? AND arn = ?').get(scope.accountId, scope.region, arn) as Row | undefined;
  return r && toAuth(r);
}

export function listAuths(s: Storage, scope: Scope): AuthRow[] {
  return (s.stmt('SELECT * FROM config_aggregation_auths WHERE account_id = ? AND region = ? ORDER BY authorized_account, authorized_region')
    .all(scope.accountId, scope.region) as Row[]).map(toAuth);
}

export function saveAuth(s: Storage, a: AuthRow): void {
  s.stmt('INSERT OR REPLACE INTO config_aggregation_auths (account_id, region, authorized_account, authorized_region, arn, created_ms) VALUES (?, ?, ?, ?, ?, ?)')
    .run(a.accountId, a.region, a.authorizedAccount, a.authorizedRegion, a.arn, a.createdMs);
}

export function deleteAuthRow(s: Storage, scope: Scope, account: string, region: string): void {
  s.stmt('DELETE FROM config_aggregation_auths WHERE account_id = ? AND region = ? AND authorized_account = ? AND authorized_region = ?')
    .run(scope.accountId, scope.region, account, region);
}

/** Regions where an account has Config data or a recorder: what AllAwsRegions reaches in kanri. */
export function configRegions(s: Storage, accountId: string): string[] {
  const rows = s.stmt(`SELECT region FROM config_recorders WHERE account_id = ? UNION SELECT region FROM config_current WHERE account_id = ?
                       UNION SELECT region FROM config_rules WHERE account_id = ? ORDER BY region`).all(accountId, accountId, accountId) as Row[];
  return rows.map((r) => r.region as string);
}
