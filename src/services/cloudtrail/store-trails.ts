// Trails: one row per trail in its home Region; multi-Region trails are read from every Region.
import type { Row, Storage } from '../../storage/database';

export interface Tag { Key: string; Value?: string }

/** What CreateTrail/UpdateTrail set; the Trail shape is derived from it (views.ts). */
export interface TrailConfig {
  S3BucketName: string;
  S3KeyPrefix?: string;
  SnsTopicName?: string;
  IncludeGlobalServiceEvents: boolean;
  IsMultiRegionTrail: boolean;
  LogFileValidationEnabled: boolean;
  IsOrganizationTrail: boolean;
  KmsKeyId?: string;
  CloudWatchLogsLogGroupArn?: string;
  CloudWatchLogsRoleArn?: string;
}

/** Times are epoch ms; the delivery fields are what GetTrailStatus reports. */
export interface TrailStatus {
  startLoggingTime?: number;
  stopLoggingTime?: number;
  latestDeliveryTime?: number;
  latestDeliveryAttemptTime?: number;
  latestDeliveryAttemptSucceeded?: number;
  latestDeliveryError?: string;
  latestNotificationError?: string;
}

export interface Selectors { EventSelectors?: unknown[]; AdvancedEventSelectors?: unknown[] }

export interface TrailRow {
  accountId: string;
  homeRegion: string;
  name: string;
  config: TrailConfig;
  logging: boolean;
  status: TrailStatus;
  tags: Tag[];
  /** null until PutEventSelectors: the default selector applies. */
  selectors: Selectors | null;
  /** Events from this time on have not been delivered yet. */
  deliveredUntil: number | null;
}

export type TrailRef = Pick<TrailRow, 'accountId' | 'homeRegion' | 'name'>;

function toTrail(r: Row): TrailRow {
  return {
    accountId: r.account_id, homeRegion: r.home_region, name: r.name, config: JSON.parse(r.trail_json), logging: !!r.logging,
    status: JSON.parse(r.status_json), tags: JSON.parse(r.tags_json), selectors: r.selectors_json ? JSON.parse(r.selectors_json) : null,
    deliveredUntil: r.delivered_until,
  };
}

export function insertTrail(storage: Storage, t: TrailRow): void {
  storage
    .stmt(`INSERT INTO cloudtrail_trails (account_id, home_region, name, multi_region, trail_json, logging, status_json, tags_json, selectors_json, delivered_until)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(t.accountId, t.homeRegion, t.name, t.config.IsMultiRegionTrail ? 1 : 0, JSON.stringify(t.config), t.logging ? 1 : 0,
      JSON.stringify(t.status), JSON.stringify(t.tags), t.selectors ? JSON.stringify(t.selectors) : null, t.deliveredUntil);
}

export function saveTrail(storage: Storage, t: TrailRow): void {
  storage
    .stmt(`UPDATE cloudtrail_trails SET multi_region = ?, trail_json = ?, logging = ?, status_json = ?, tags_json = ?, selectors_json = ?, delivered_until = ?
           WHERE account_id = ? AND home_region = ? AND name = ?`)
    .run(t.config.IsMultiRegionTrail ? 1 : 0, JSON.stringify(t.config), t.logging ? 1 : 0, JSON.stringify(t.status), JSON.stringify(t.tags),
      t.selectors ? JSON.stringify(t.selectors) : null, t.deliveredUntil, t.accountId, t.homeRegion, t.name);
}

/** Delivery writes only its own columns, so a request that changed the trail meanwhile keeps its change. */
export function saveDelivery(storage: Storage, ref: TrailRef, status: TrailStatus, deliveredUntil: number | null): void {
  storage
    .stmt('UPDATE cloudtrail_trails SET status_json = ?, delivered_until = ? WHERE account_id = ? AND home_region = ? AND name = ?')
    .run(JSON.stringify(status), deliveredUntil, ref.accountId, ref.homeRegion, ref.name);
}

export function deleteTrail(storage: Storage, ref: TrailRef): void {
  storage.stmt('DELETE FROM cloudtrail_trails WHERE account_id = ? AND home_region = ? AND name = ?').run(ref.accountId, ref.homeRegion, ref.name);
}

export function findTrail(storage: Storage, ref: TrailRef): TrailRow | undefined {
  const row = storage.stmt('SELECT * FROM cloudtrail_trails WHERE account_id = ? AND home_region = ? AND name = ?').get(ref.accountId, ref.homeRegion, ref.name) as Row | undefined;
  return row && toTrail(row);
}

/** Every trail of the account with this name, in any Region (a handful at most). */
export function trailsNamed(storage: Storage, accountId: string, name: string): TrailRow[] {
  return (storage.stmt('SELECT * FROM cloudtrail_trails WHERE account_id = ? AND name = ?').all(accountId, name) as Row[]).map(toTrail);
}

/** Trails that apply in a Region: its own, and multi-Region trails from elsewhere (shadow trails). */
export function trailsIn(storage: Storage, accountId: string, region: string): TrailRow[] {
  return (storage.stmt('SELECT * FROM cloudtrail_trails WHERE account_id = ? AND (home_region = ? OR multi_region = 1) ORDER BY name, home_region')
    .all(accountId, region) as Row[]).map(toTrail);
}

/** All the account's trails after a (home Region, name) position, for ListTrails. */
export function trailsAfter(storage: Storage, accountId: string, after: [string, string], limit: number): TrailRow[] {
  return (storage.stmt('SELECT * FROM cloudtrail_trails WHERE account_id = ? AND (home_region, name) > (?, ?) ORDER BY home_region, name LIMIT ?')
    .all(accountId, after[0], after[1], limit) as Row[]).map(toTrail);
}

export function loggingTrails(storage: Storage): TrailRow[] {
  return (storage.stmt('SELECT * FROM cloudtrail_trails WHERE logging = 1').all() as Row[]).map(toTrail);
}
