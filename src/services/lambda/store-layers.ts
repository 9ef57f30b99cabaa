// Layer versions: their configuration as GetLayerVersion shows it, their package and their policy.
// Version numbers keep counting up after a delete, as in AWS (lambda_layers holds the counter).
import type { Row, Storage } from '../../storage/database';

export interface LayerVersionRow {
  accountId: string; region: string; layerName: string; version: number; config: Record<string, any>; codeSha: string;
  policy: { doc: Record<string, any>; revisionId: string } | null;
}

function toRow(r: Row): LayerVersionRow {
  return {
    accountId: r.account_id, region: r.region, layerName: r.layer_name, version: r.version, config: JSON.parse(r.config), codeSha: r.code_sha,
    policy: r.policy ? JSON.parse(r.policy) : null,
  };
}

/** Takes the next version number of a layer (1 for a new layer). */
export function nextLayerVersion(s: Storage, accountId: string, region: string, layerName: string): number {
  const r = s.stmt(`INSERT INTO lambda_layers (account_id, region, layer_name, next_version) VALUES (?, ?, ?, 2)
                    ON CONFLICT DO UPDATE SET next_version = next_version + 1 RETURNING next_version`).get(accountId, region, layerName) as Row;
  return r.next_version - 1;
}

export function putLayerVersion(s: Storage, v: LayerVersionRow): void {
  s.stmt(`INSERT INTO lambda_layer_versions (account_id, region, layer_name, version, config, code_sha, policy) VALUES (?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT DO UPDATE SET config = excluded.config, policy = excluded.policy`)
    .run(v.accountId, v.region, v.layerName, v.version, JSON.stringify(v.config), v.codeSha, v.policy ? JSON.stringify(v.policy) : null);
}

export function findLayerVersion(s: Storage, accountId: string, region: string, layerName: string, version: number): LayerVersionRow | undefined {
  const r = s.stmt('SELECT * FROM lambda_layer_versions WHERE account_id = ? AND region = ? AND layer_name = ? AND version = ?')
    .get(accountId, region, layerName, version) as Row | undefined;
  return r && toRow(r);
}

export function deleteLayerVersionRow(s: Storage, accountId: string, region: string, layerName: string, version: number): void {
  s.stmt('DELETE FROM lambda_layer_versions WHERE account_id = ? AND region = ? AND layer_name = ? AND version = ?').run(accountId, region, layerName, version);
}

/** A layer's versions, newest first. */
export function listLayerVersionRows(s: Storage, accountId: string, region: string, layerName: string): LayerVersionRow[] {
  return (s.stmt('SELECT * FROM lambda_layer_versions WHERE account_id = ? AND region = ? AND layer_name = ? ORDER BY version DESC')
    .all(accountId, region, layerName) as Row[]).map(toRow);
}

/** Names of the layers with at least one version, in name order. */
export function listLayerNames(s: Storage, accountId: string, region: string): string[] {
  return (s.stmt('SELECT DISTINCT layer_name FROM lambda_layer_versions WHERE account_id = ? AND region = ? ORDER BY layer_name')
    .all(accountId, region) as Row[]).map((r) => r.layer_name);
}
