// Conformance packs: config_conformance_packs, one row per pack with the names of the rules it deployed.
import type { Row, Storage } from '../../../storage/database';
import { namedRows } from '../named-rows';
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

const named = namedRows('config_conformance_packs', toPack);
export const findPack = named.find;
export const findPackByArn = named.findByArn;
export const listPacks = named.list;

export function savePack(s: Storage, p: PackRow): void {
  s.stmt('INSERT OR REPLACE INTO config_conformance_packs (account_id, region, name, arn, id, pack_json) VALUES (?, ?, ?, ?, ?, ?)')
    .run(p.accountId, p.region, p.name, p.arn, p.id, JSON.stringify(p.pack));
}

export function deletePackRow(s: Storage, scope: Scope, name: string): void {
  s.stmt('DELETE FROM config_conformance_packs WHERE account_id = ? AND region = ? AND name = ?').run(scope.accountId, scope.region, name);
}
