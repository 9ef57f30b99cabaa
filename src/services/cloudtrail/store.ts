// CloudTrail's tables: recorded API calls (with the resources they named) and trails.
import type { Row, Storage } from '../../storage/database';

export const CLOUDTRAIL_MIGRATIONS = [
  `CREATE TABLE cloudtrail_events (
     event_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, region TEXT NOT NULL, event_time INTEGER NOT NULL,
     event_name TEXT NOT NULL, event_source TEXT NOT NULL, username TEXT, access_key_id TEXT,
     read_only INTEGER NOT NULL, resources_json TEXT NOT NULL, event_json TEXT NOT NULL);
   CREATE INDEX cloudtrail_events_time ON cloudtrail_events (account_id, region, event_time);
   CREATE TABLE cloudtrail_event_resources (
     event_id TEXT NOT NULL, account_id TEXT NOT NULL, region TEXT NOT NULL, event_time INTEGER NOT NULL,
     resource_type TEXT NOT NULL, resource_name TEXT NOT NULL);
   CREATE INDEX cloudtrail_event_resources_name ON cloudtrail_event_resources (account_id, region, resource_name, event_time);
   CREATE INDEX cloudtrail_event_resources_type ON cloudtrail_event_resources (account_id, region, resource_type, event_time);
   CREATE TABLE cloudtrail_trails (
     account_id TEXT NOT NULL, home_region TEXT NOT NULL, name TEXT NOT NULL, trail_json TEXT NOT NULL,
     logging INTEGER NOT NULL DEFAULT 0, status_json TEXT NOT NULL DEFAULT '{}', tags_json TEXT NOT NULL DEFAULT '[]',
     PRIMARY KEY (account_id, name));`,
];

export interface TrailResource { type: string; name: string }

export interface EventRow {
  eventId: string; accountId: string; region: string; eventTime: number; eventName: string; eventSource: string;
  username?: string; accessKeyId?: string; readOnly: boolean; resources: TrailResource[]; event: Record<string, unknown>;
}

export function insertEvent(storage: Storage, e: EventRow): void {
  storage
    .stmt(`INSERT OR IGNORE INTO cloudtrail_events (event_id, account_id, region, event_time, event_name, event_source, username, access_key_id, read_only, resources_json, event_json)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(e.eventId, e.accountId, e.region, e.eventTime, e.eventName, e.eventSource, e.username ?? null, e.accessKeyId ?? null, e.readOnly ? 1 : 0,
      JSON.stringify(e.resources), JSON.stringify(e.event));
  for (const r of e.resources) {
    storage
      .stmt('INSERT INTO cloudtrail_event_resources (event_id, account_id, region, event_time, resource_type, resource_name) VALUES (?, ?, ?, ?, ?, ?)')
      .run(e.eventId, e.accountId, e.region, e.eventTime, r.type, r.name);
  }
}

export function rowToEvent(r: Row): EventRow {
  return {
    eventId: r.event_id, accountId: r.account_id, region: r.region, eventTime: r.event_time, eventName: r.event_name,
    eventSource: r.event_source, username: r.username ?? undefined, accessKeyId: r.access_key_id ?? undefined,
    readOnly: !!r.read_only, resources: JSON.parse(r.resources_json), event: JSON.parse(r.event_json),
  };
}

/** Drops events older than AWS's 90-day event history. */
export function pruneEvents(storage: Storage, before: number): void {
  storage.stmt('DELETE FROM cloudtrail_events WHERE event_time < ?').run(before);
  storage.stmt('DELETE FROM cloudtrail_event_resources WHERE event_time < ?').run(before);
}
