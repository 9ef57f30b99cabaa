// Conformance packs: config_conformance_packs, one row per pack with the names of the rules it deployed.
import type { Row, Storage } from '../../../storage/database';
import type { Scope } from '../evaluation/store';

export const PACK_MIGRATIONS = [
  `CREATE TABLE config_conformance_packs (
     account_id TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL, arn TEXT NOT NULL, id TEXT NOT NULL,
     pack_json TEXT NOT NULL, PRIMARY KEY (account_id, region, name));`,
];

export interface PackData {
  inputParameters: { ParameterName: string; ParameterValue: string }[];
  deliveryS3Bucket?: string;
  deliveryS3KeyPrefix?: string;
  templateS3Uri?: string;
  stackArn: string;
  /** Deployed rule name by the name the template gave it. */
  rules: { templateName: string; name: string }[];
  requestedMs: number;
  /** Why the last deployment failed (CREATE_FAILED), if it did. */
  failure?: string;
}

export interface PackRow extends Scope { name: string; arn: string; id: string; pack: PackData }

const toPack = (r: Row): PackRow => ({ accountId: r.account_id, region: r.region, name: r.name, arn: r.arn, id: r.id, pack: JSON.parse(r.pack_json) });

export function findPack(s: Storage, scope: Scope, name: string): PackRow | undefined {
  const r = s.stmt('SELECT * FROM config_conformance_packs WHERE account_id = ? AND region = ? AND name = ?').get(scope.accountId, scope.region, name) as Row | undefined;
  return r && toPack(r);
}

export function findPackByArn(s: Storage, scope: Scope, arn: string): PackRow | undefined {
  const r = s.stmt('SELECT * FROM config_conformance_packs WHERE account_id = ? AND region = ? AND arn = ?').get(scope.accountId, scope.region, arn) as Row | undefined;
  return r && toPack(r);
}

export function listPacks(s: Storage, scope: Scope): PackRow[] {
  return (s.stmt('SELECT * FROM config_conformance_packs WHERE account_id = ? AND region = ? ORDER BY name').all(scope.accountId, scope.region) as Row[]).map(toPack);
}

export function savePack(s: Storage, p: PackRow): void {
  s.stmt('INSERT OR REPLACE INTO config_conformance_packs (account_id, region, name, arn, id, pack_json) VALUES (?, ?, ?, ?, ?, ?)')
    .run(p.accountId, p.region, p.name, p.arn, p.id, JSON.stringify(p.pack));
}

export function deletePackRow(s: Storage, scope: Scope, name: string): void {
  s.stmt('DELETE FROM config_conformance_packs WHERE account_id = ? AND region = ? AND name = ?').run(scope.accountId, scope.region, name);
}
