// Route 53's tables. Route 53 is global: rows are scoped by account only. Zone, change, health
// check and delegation set ids are globally unique, so they key their rows alone.
import type { Row, Storage } from '../../storage/database';

export const ROUTE53_MIGRATIONS = [
  `CREATE TABLE route53_zones (
     zone_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, name TEXT NOT NULL, caller_reference TEXT NOT NULL,
     comment TEXT, private_zone INTEGER NOT NULL, delegation_set_id TEXT, name_servers TEXT NOT NULL, created_at INTEGER NOT NULL);
   CREATE UNIQUE INDEX route53_zones_ref ON route53_zones (account_id, caller_reference);
   CREATE INDEX route53_zones_name ON route53_zones (account_id, name, zone_id);
   CREATE TABLE route53_records (
     zone_id TEXT NOT NULL, sort_name TEXT NOT NULL, type TEXT NOT NULL, set_identifier TEXT NOT NULL, doc TEXT NOT NULL,
     PRIMARY KEY (zone_id, sort_name, type, set_identifier));
   CREATE TABLE route53_zone_vpcs (
     zone_id TEXT NOT NULL, vpc_region TEXT NOT NULL, vpc_id TEXT NOT NULL, vpc_account TEXT NOT NULL,
     PRIMARY KEY (zone_id, vpc_region, vpc_id));
   CREATE INDEX route53_zone_vpcs_vpc ON route53_zone_vpcs (vpc_id, vpc_region);
   CREATE TABLE route53_vpc_authorizations (
     zone_id TEXT NOT NULL, vpc_region TEXT NOT NULL, vpc_id TEXT NOT NULL, PRIMARY KEY (zone_id, vpc_region, vpc_id));
   CREATE TABLE route53_changes (
     change_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, submitted_at INTEGER NOT NULL, insync_at INTEGER NOT NULL, comment TEXT);
   CREATE TABLE route53_delegation_sets (
     id TEXT PRIMARY KEY, account_id TEXT NOT NULL, caller_reference TEXT, name_servers TEXT NOT NULL, reusable INTEGER NOT NULL);
   CREATE UNIQUE INDEX route53_delegation_sets_ref ON route53_delegation_sets (account_id, caller_reference);
   CREATE TABLE route53_tags (
     resource_type TEXT NOT NULL, resource_id TEXT NOT NULL, tag_key TEXT NOT NULL, tag_value TEXT NOT NULL,
     PRIMARY KEY (resource_type, resource_id, tag_key));
   CREATE TABLE route53_health_checks (
     id TEXT PRIMARY KEY, account_id TEXT NOT NULL, caller_reference TEXT NOT NULL, config TEXT NOT NULL,
     version INTEGER NOT NULL, created_at INTEGER NOT NULL);
   CREATE UNIQUE INDEX route53_health_checks_ref ON route53_health_checks (account_id, caller_reference);
   CREATE TABLE route53_health_status (
     id TEXT PRIMARY KEY, healthy INTEGER NOT NULL, streak INTEGER NOT NULL, checked_at INTEGER, status TEXT,
     failure_at INTEGER, failure_reason TEXT);
   CREATE TABLE route53_cidr_collections (
     id TEXT PRIMARY KEY, account_id TEXT NOT NULL, name TEXT NOT NULL, caller_reference TEXT NOT NULL, version INTEGER NOT NULL);
   CREATE UNIQUE INDEX route53_cidr_collections_name ON route53_cidr_collections (account_id, name);
   CREATE TABLE route53_cidr_blocks (
     collection_id TEXT NOT NULL, location TEXT NOT NULL, cidr TEXT NOT NULL, PRIMARY KEY (collection_id, location, cidr));
   CREATE TABLE route53_query_logging (
     id TEXT PRIMARY KEY, account_id TEXT NOT NULL, zone_id TEXT NOT NULL UNIQUE, log_group_arn TEXT NOT NULL);`,
  `CREATE TABLE route53_traffic_policies (
     id TEXT NOT NULL, version INTEGER NOT NULL, account_id TEXT NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL,
     document TEXT NOT NULL, comment TEXT, PRIMARY KEY (id, version));
   CREATE INDEX route53_traffic_policies_account ON route53_traffic_policies (account_id, id, version);`,
];

export interface ZoneRow {
  zoneId: string; accountId: string; name: string; callerReference: string; comment: string | null;
  privateZone: boolean; delegationSetId: string | null; nameServers: string[]; createdAt: number;
}

function toZone(r: Row): ZoneRow {
  return { zoneId: r.zone_id, accountId: r.account_id, name: r.name, callerReference: r.caller_reference, comment: r.comment,
    privateZone: r.private_zone === 1, delegationSetId: r.delegation_set_id, nameServers: JSON.parse(r.name_servers), createdAt: r.created_at };
}

export function insertZone(s: Storage, z: ZoneRow): void {
  s.stmt(`INSERT INTO route53_zones (zone_id, account_id, name, caller_reference, comment, private_zone, delegation_set_id, name_servers, created_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(z.zoneId, z.accountId, z.name, z.callerReference, z.comment, z.privateZone ? 1 : 0, z.delegationSetId, JSON.stringify(z.nameServers), z.createdAt);
}

export function findZone(s: Storage, zoneId: string): ZoneRow | undefined {
  const r = s.stmt('SELECT * FROM route53_zones WHERE zone_id = ?').get(zoneId) as Row | undefined;
  return r && toZone(r);
}

export function zoneByReference(s: Storage, accountId: string, ref: string): ZoneRow | undefined {
  const r = s.stmt('SELECT * FROM route53_zones WHERE account_id = ? AND caller_reference = ?').get(accountId, ref) as Row | undefined;
  return r && toZone(r);
}

export function setZoneComment(s: Storage, zoneId: string, comment: string | null): void {
  s.stmt('UPDATE route53_zones SET comment = ? WHERE zone_id = ?').run(comment, zoneId);
}

export function deleteZoneRows(s: Storage, zoneId: string): void {
  for (const t of ['route53_records', 'route53_zone_vpcs', 'route53_vpc_authorizations']) s.stmt(`DELETE FROM ${t} WHERE zone_id = ?`).run(zoneId);
  s.stmt("DELETE FROM route53_tags WHERE resource_type = 'hostedzone' AND resource_id = ?").run(zoneId);
  s.stmt('DELETE FROM route53_zones WHERE zone_id = ?').run(zoneId);
}

/** An account's zones in the order ListHostedZones uses (by id), or every account's. */
export function listZones(s: Storage, accountId?: string): ZoneRow[] {
  const rows = accountId === undefined
    ? s.stmt('SELECT * FROM route53_zones ORDER BY zone_id').all()
    : s.stmt('SELECT * FROM route53_zones WHERE account_id = ? ORDER BY zone_id').all(accountId);
  return (rows as Row[]).map(toZone);
}

export function countZones(s: Storage, accountId: string): number {
  return (s.stmt('SELECT COUNT(*) AS n FROM route53_zones WHERE account_id = ?').get(accountId) as Row).n;
}

// Record sets: one row per (name, type, set identifier), holding the API's ResourceRecordSet.

export interface RecordKey { sortName: string; type: string; setIdentifier: string }

export function recordsOf(s: Storage, zoneId: string): Record<string, any>[] {
  return (s.stmt('SELECT doc FROM route53_records WHERE zone_id = ? ORDER BY sort_name, type, set_identifier').all(zoneId) as Row[]).map((r) => JSON.parse(r.doc));
}

export function countRecords(s: Storage, zoneId: string): number {
  return (s.stmt('SELECT COUNT(*) AS n FROM route53_records WHERE zone_id = ?').get(zoneId) as Row).n;
}

/** One page of records from a (name, type, identifier) position on, in ListResourceRecordSets order. */
export function recordsFrom(s: Storage, zoneId: string, from: RecordKey, limit: number): Record<string, any>[] {
  return (s.stmt(`SELECT doc FROM route53_records WHERE zone_id = ? AND (sort_name, type, set_identifier) >= (?, ?, ?)
                  ORDER BY sort_name, type, set_identifier LIMIT ?`)
    .all(zoneId, from.sortName, from.type, from.setIdentifier, limit) as Row[]).map((r) => JSON.parse(r.doc));
}

export function putRecord(s: Storage, zoneId: string, key: RecordKey, doc: unknown): void {
  s.stmt('INSERT INTO route53_records (zone_id, sort_name, type, set_identifier, doc) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET doc = excluded.doc')
    .run(zoneId, key.sortName, key.type, key.setIdentifier, JSON.stringify(doc));
}

export function deleteRecord(s: Storage, zoneId: string, key: RecordKey): void {
  s.stmt('DELETE FROM route53_records WHERE zone_id = ? AND sort_name = ? AND type = ? AND set_identifier = ?').run(zoneId, key.sortName, key.type, key.setIdentifier);
}

/** Whether any record set in any zone uses the health check. */
export function healthCheckInUse(s: Storage, id: string): boolean {
  return !!s.stmt("SELECT 1 FROM route53_records WHERE json_extract(doc, '$.HealthCheckId') = ? LIMIT 1").get(id);
}

// VPC associations and cross-account authorizations.

export interface VpcRow { zoneId: string; vpcRegion: string; vpcId: string; vpcAccount: string }

export function zoneVpcs(s: Storage, zoneId: string): VpcRow[] {
  return (s.stmt('SELECT * FROM route53_zone_vpcs WHERE zone_id = ? ORDER BY rowid').all(zoneId) as Row[])
    .map((r) => ({ zoneId: r.zone_id, vpcRegion: r.vpc_region, vpcId: r.vpc_id, vpcAccount: r.vpc_account }));
}

export function zonesOfVpc(s: Storage, vpcId: string, vpcRegion: string): string[] {
  return (s.stmt('SELECT zone_id FROM route53_zone_vpcs WHERE vpc_id = ? AND vpc_region = ? ORDER BY zone_id').all(vpcId, vpcRegion) as Row[]).map((r) => r.zone_id);
}

export function addZoneVpc(s: Storage, v: VpcRow): void {
  s.stmt('INSERT INTO route53_zone_vpcs (zone_id, vpc_region, vpc_id, vpc_account) VALUES (?, ?, ?, ?)').run(v.zoneId, v.vpcRegion, v.vpcId, v.vpcAccount);
}

export function removeZoneVpc(s: Storage, zoneId: string, vpcRegion: string, vpcId: string): void {
  s.stmt('DELETE FROM route53_zone_vpcs WHERE zone_id = ? AND vpc_region = ? AND vpc_id = ?').run(zoneId, vpcRegion, vpcId);
}

export function authorizations(s: Storage, zoneId: string): { vpcRegion: string; vpcId: string }[] {
  return (s.stmt('SELECT vpc_region, vpc_id FROM route53_vpc_authorizations WHERE zone_id = ? ORDER BY rowid').all(zoneId) as Row[])
    .map((r) => ({ vpcRegion: r.vpc_region, vpcId: r.vpc_id }));
}

export function setAuthorization(s: Storage, zoneId: string, vpcRegion: string, vpcId: string, on: boolean): number {
  return on
    ? s.stmt('INSERT OR IGNORE INTO route53_vpc_authorizations (zone_id, vpc_region, vpc_id) VALUES (?, ?, ?)').run(zoneId, vpcRegion, vpcId).changes
    : s.stmt('DELETE FROM route53_vpc_authorizations WHERE zone_id = ? AND vpc_region = ? AND vpc_id = ?').run(zoneId, vpcRegion, vpcId).changes;
}

// Changes: PENDING until the clock reaches insync_at.

export function insertChange(s: Storage, c: { changeId: string; accountId: string; submittedAt: number; insyncAt: number; comment: string | null }): void {
  s.stmt('INSERT INTO route53_changes (change_id, account_id, submitted_at, insync_at, comment) VALUES (?, ?, ?, ?, ?)')
    .run(c.changeId, c.accountId, c.submittedAt, c.insyncAt, c.comment);
}

export function findChange(s: Storage, changeId: string): Row | undefined {
  return s.stmt('SELECT * FROM route53_changes WHERE change_id = ?').get(changeId) as Row | undefined;
}

// Tags of hosted zones and health checks.

export function tagsOf(s: Storage, type: string, id: string): { Key: string; Value: string }[] {
  return (s.stmt('SELECT tag_key, tag_value FROM route53_tags WHERE resource_type = ? AND resource_id = ? ORDER BY tag_key').all(type, id) as Row[])
    .map((r) => ({ Key: r.tag_key, Value: r.tag_value }));
}

export function putTag(s: Storage, type: string, id: string, key: string, value: string): void {
  s.stmt('INSERT INTO route53_tags (resource_type, resource_id, tag_key, tag_value) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET tag_value = excluded.tag_value')
    .run(type, id, key, value);
}

export function deleteTag(s: Storage, type: string, id: string, key: string): void {
  s.stmt('DELETE FROM route53_tags WHERE resource_type = ? AND resource_id = ? AND tag_key = ?').run(type, id, key);
}

/** The record sets at one name (every type and set identifier). */
export function recordsAtName(s: Storage, zoneId: string, sortName: string): Record<string, any>[] {
  return (s.stmt('SELECT doc FROM route53_records WHERE zone_id = ? AND sort_name = ? ORDER BY type, set_identifier').all(zoneId, sortName) as Row[]).map((r) => JSON.parse(r.doc));
}

export function deleteRecordsAtName(s: Storage, zoneId: string, sortName: string): void {
  s.stmt('DELETE FROM route53_records WHERE zone_id = ? AND sort_name = ?').run(zoneId, sortName);
}
