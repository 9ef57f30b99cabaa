// What other services may ask CloudTrail: the event ids of a request (Config's relatedEvents).
import type { Platform } from '../../core/platform';

const WINDOW_MS = 60_000; // the event is stamped a moment after the request's own time

/** The event ids CloudTrail recorded for a request id, looked up near the time of the request. */
export function eventIdsForRequest(platform: Platform, accountId: string, region: string, requestId: string, atMs: number): string[] {
  if (!platform.storage.stmt("SELECT 1 FROM _migrations WHERE owner = 'cloudtrail'").get()) return [];
  const rows = platform.storage
    .stmt(`SELECT event_id FROM cloudtrail_events WHERE account_id = ? AND region = ? AND event_time >= ? AND event_time <= ?
             AND json_extract(event_json, '$.requestID') = ? ORDER BY event_time, event_id`)
    .all(accountId, region, atMs - 1000, atMs + WINDOW_MS, requestId) as { event_id: string }[];
  return rows.map((r) => r.event_id);
}
