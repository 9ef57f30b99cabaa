// What other services may ask CloudTrail: the event ids of a request (Config's relatedEvents), and
// whether a trail is logging (Config's CLOUD_TRAIL_ENABLED-style rules).
import type { Platform } from '../../core/platform';
import { trailsNamed } from './store-trails';

const WINDOW_MS = 60_000; // the event is stamped a moment after the request's own time

/**
 * The event ids CloudTrail recorded for a request id that touched a resource (by the name event
 * history shows for it), looked up near the time of the request through the resource-name index.
 */
export function eventIdsForRequest(platform: Platform, accountId: string, region: string, requestId: string, resourceName: string, atMs: number): string[] {
  if (!ready(platform)) return [];
  const rows = platform.storage
    .stmt(`SELECT r.event_id FROM cloudtrail_event_resources r JOIN cloudtrail_events e ON e.seq = r.seq
           WHERE r.account_id = ? AND r.region = ? AND r.resource_name = ? AND r.event_time >= ? AND r.event_time <= ?
             AND json_extract(e.event_json, '$.requestID') = ? ORDER BY r.event_time, r.event_id`)
    .all(accountId, region, resourceName, atMs - 1000, atMs + WINDOW_MS, requestId) as { event_id: string }[];
  return [...new Set(rows.map((r) => r.event_id))];
}

const ready = (platform: Platform) => !!platform.storage.stmt("SELECT 1 FROM _migrations WHERE owner = 'cloudtrail'").get();

/** GetTrailStatus's IsLogging for a trail named by name or ARN; undefined when there is no such trail. */
export function trailIsLogging(platform: Platform, accountId: string, trail: string): boolean | undefined {
  if (!ready(platform)) return undefined;
  const rows = trailsNamed(platform.storage, accountId, trail.startsWith('arn:') ? trail.slice(trail.lastIndexOf('/') + 1) : trail);
  return rows.length ? rows.some((r) => r.logging) : undefined;
}
