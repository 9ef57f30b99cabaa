// CloudTrail's tables: recorded API calls (with the resources they named) and trails.
// Every lookup index ends in (event_time, event_id), so a page is one index range read newest first.
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
  // One index per LookupEvents attribute, each ending in the page order (event_time, event_id).
  `DROP INDEX cloudtrail_events_time;
   CREATE INDEX cloudtrail_events_time ON cloudtrail_events (account_id, region, event_time, event_id);
   CREATE INDEX cloudtrail_events_name ON cloudtrail_events (account_id, region, event_name, event_time, event_id);
   CREATE INDEX cloudtrail_events_source ON cloudtrail_events (account_id, region, event_source, event_time, event_id);
   CREATE INDEX cloudtrail_events_user ON cloudtrail_events (account_id, region, username, event_time, event_id);
   CREATE INDEX cloudtrail_events_key ON cloudtrail_events (account_id, region, access_key_id, event_time, event_id);
   CREATE INDEX cloudtrail_events_read ON cloudtrail_events (account_id, region, read_only, event_time, event_id);
   DROP INDEX cloudtrail_event_resources_name;
   DROP INDEX cloudtrail_event_resources_type;
   CREATE INDEX cloudtrail_event_resources_name ON cloudtrail_event_resources (account_id, region, resource_name, event_time, event_id);
   CREATE INDEX cloudtrail_event_resources_type ON cloudtrail_event_resources (account_id, region, resource_type, event_time, event_id);
   CREATE INDEX cloudtrail_event_resources_event ON cloudtrail_event_resources (event_id);`,
  // Trail names are unique per Region (multi-Region trails reserve theirs everywhere), and trails
  // keep their event selectors and delivery position.
  `CREATE TABLE cloudtrail_trails_v2 (
     account_id TEXT NOT NULL, home_region TEXT NOT NULL, name TEXT NOT NULL, multi_region INTEGER NOT NULL DEFAULT 0,
     trail_json TEXT NOT NULL, logging INTEGER NOT NULL DEFAULT 0, status_json TEXT NOT NULL DEFAULT '{}',
     tags_json TEXT NOT NULL DEFAULT '[]', selectors_json TEXT, delivered_until INTEGER,
     PRIMARY KEY (account_id, home_region, name));
   INSERT INTO cloudtrail_trails_v2 (account_id, home_region, name, multi_region, trail_json, logging, status_json, tags_json)
     SELECT account_id, home_region, name, COALESCE(json_extract(trail_json, '$.IsMultiRegionTrail'), 0), trail_json, logging, status_json, tags_json
     FROM cloudtrail_trails;
   DROP TABLE cloudtrail_trails;
   ALTER TABLE cloudtrail_trails_v2 RENAME TO cloudtrail_trails;
   CREATE INDEX cloudtrail_trails_name ON cloudtrail_trails (account_id, name);
   CREATE INDEX cloudtrail_trails_logging ON cloudtrail_trails (logging);`,
  // The resources an event names, clustered on the event (WITHOUT ROWID): the event's own index
  // is the table, so each row is written to three b-trees instead of four.
  `CREATE TABLE cloudtrail_event_resources_v2 (
     event_id TEXT NOT NULL, account_id TEXT NOT NULL, region TEXT NOT NULL, event_time INTEGER NOT NULL,
     resource_type TEXT NOT NULL, resource_name TEXT NOT NULL,
     PRIMARY KEY (event_id, resource_type, resource_name)) WITHOUT ROWID;
   INSERT OR IGNORE INTO cloudtrail_event_resources_v2 SELECT event_id, account_id, region, event_time, resource_type, resource_name FROM cloudtrail_event_resources;
   DROP TABLE cloudtrail_event_resources;
   ALTER TABLE cloudtrail_event_resources_v2 RENAME TO cloudtrail_event_resources;
   CREATE INDEX cloudtrail_event_resources_name ON cloudtrail_event_resources (account_id, region, resource_name, event_time, event_id);
   CREATE INDEX cloudtrail_event_resources_type ON cloudtrail_event_resources (account_id, region, resource_type, event_time, event_id);`,
  // Fewer b-trees per event. Events get a small rowid (seq) in recording order, and the time index
  // leads with read_only: it answers ReadOnly lookups, and the two halves merged answer the rest, so
  // read_only loses its own index. An event id carries its time (a time-ordered UUID), so the time
  // index also finds an EventId; the few ids that do not (recorded before ids were time-ordered)
  // are kept in cloudtrail_untimed_ids. An event's resources are clustered on their type (the
  // ResourceType index is the table) and point at their event by seq.
  `CREATE TABLE cloudtrail_events_v3 (
     seq INTEGER PRIMARY KEY, account_id TEXT NOT NULL, region TEXT NOT NULL, read_only INTEGER NOT NULL, event_time INTEGER NOT NULL,
     event_id TEXT NOT NULL, event_name TEXT NOT NULL, event_source TEXT NOT NULL, username TEXT, access_key_id TEXT,
     resources_json TEXT NOT NULL, event_json TEXT NOT NULL);
   INSERT INTO cloudtrail_events_v3 (account_id, region, read_only, event_time, event_id, event_name, event_source, username, access_key_id, resources_json, event_json)
     SELECT account_id, region, read_only, event_time, event_id, event_name, event_source, username, access_key_id, resources_json, event_json
     FROM cloudtrail_events;
   CREATE INDEX cloudtrail_events_v3_id ON cloudtrail_events_v3 (event_id);
   CREATE TABLE cloudtrail_event_resources_v3 (
     account_id TEXT NOT NULL, region TEXT NOT NULL, resource_type TEXT NOT NULL, event_time INTEGER NOT NULL, event_id TEXT NOT NULL,
     resource_name TEXT NOT NULL, seq INTEGER NOT NULL,
     PRIMARY KEY (account_id, region, resource_type, event_time, event_id, resource_name)) WITHOUT ROWID;
   INSERT OR IGNORE INTO cloudtrail_event_resources_v3 (account_id, region, resource_type, event_time, event_id, resource_name, seq)
     SELECT r.account_id, r.region, r.resource_type, r.event_time, r.event_id, r.resource_name, e.seq
     FROM cloudtrail_event_resources r JOIN cloudtrail_events_v3 e ON e.event_id = r.event_id;
   CREATE TABLE cloudtrail_untimed_ids (event_id TEXT PRIMARY KEY, seq INTEGER NOT NULL, event_time INTEGER NOT NULL) WITHOUT ROWID;
   INSERT INTO cloudtrail_untimed_ids (event_id, seq, event_time) SELECT event_id, seq, event_time FROM cloudtrail_events_v3
     WHERE substr(event_id, 1, 8) || substr(event_id, 10, 4) <> printf('%012x', event_time);
   DROP INDEX cloudtrail_events_v3_id;
   DROP TABLE cloudtrail_event_resources;
   DROP TABLE cloudtrail_events;
   ALTER TABLE cloudtrail_events_v3 RENAME TO cloudtrail_events;
   ALTER TABLE cloudtrail_event_resources_v3 RENAME TO cloudtrail_event_resources;
   CREATE UNIQUE INDEX cloudtrail_events_time ON cloudtrail_events (account_id, region, read_only, event_time, event_id);
   CREATE INDEX cloudtrail_events_name ON cloudtrail_events (account_id, region, event_name, event_time, event_id);
   CREATE INDEX cloudtrail_events_source ON cloudtrail_events (account_id, region, event_source, event_time, event_id);
   CREATE INDEX cloudtrail_events_user ON cloudtrail_events (account_id, region, username, event_time, event_id);
   CREATE INDEX cloudtrail_events_key ON cloudtrail_events (account_id, region, access_key_id, event_time, event_id);
   CREATE INDEX cloudtrail_event_resources_name ON cloudtrail_event_resources (account_id, region, resource_name, event_time, event_id, seq);`,
];

export interface TrailResource { type: string; name: string }

export interface EventRow {
  eventId: string; accountId: string; region: string; eventTime: number; eventName: string; eventSource: string;
  username?: string; accessKeyId?: string; readOnly: boolean; resources: TrailResource[];
  /** The event, as an object or already serialized (the recorder's). */
  event?: Record<string, unknown>; eventJson?: string;
}

/** The millisecond a time-ordered event id carries in its first 48 bits; NaN for any other id. */
export function idTime(eventId: string): number {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-/.test(eventId) ? parseInt(eventId.slice(0, 8) + eventId.slice(9, 13), 16) : NaN;
}

export function insertEvent(storage: Storage, e: EventRow): void {
  // A call may name the same resource twice (touch and emit); a lookup should find the event once.
  const resources = e.resources.length < 2 ? e.resources : e.resources.filter((r, i) => e.resources.findIndex((o) => o.type === r.type && o.name === r.name) === i);
  const inserted = storage
    .stmt(`INSERT OR IGNORE INTO cloudtrail_events (account_id, region, read_only, event_time, event_id, event_name, event_source, username, access_key_id, resources_json, event_json)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(e.accountId, e.region, e.readOnly ? 1 : 0, e.eventTime, e.eventId, e.eventName, e.eventSource, e.username ?? null, e.accessKeyId ?? null,
      resources.length ? JSON.stringify(resources) : '[]', e.eventJson ?? JSON.stringify(e.event));
  if (!inserted.changes) return; // stored already, with its resources
  const seq = inserted.lastInsertRowid;
  if (idTime(e.eventId) !== e.eventTime) {
    storage.stmt('INSERT OR IGNORE INTO cloudtrail_untimed_ids (event_id, seq, event_time) VALUES (?, ?, ?)').run(e.eventId, seq, e.eventTime);
  }
  // All of them in one statement (a call per statement costs more than the row).
  for (let i = 0; i < resources.length; i += RESOURCE_ROWS.length - 1) {
    const chunk = resources.slice(i, i + RESOURCE_ROWS.length - 1);
    const args: unknown[] = [];
    for (const r of chunk) args.push(e.accountId, e.region, String(r.type), e.eventTime, e.eventId, String(r.name), seq);
    storage.stmt(RESOURCE_ROWS[chunk.length]).run(...args);
  }
}

/** The resource INSERT of 1 to 8 rows, by row count. */
const RESOURCE_ROWS = Array.from({ length: 9 }, (_, n) =>
  `INSERT OR IGNORE INTO cloudtrail_event_resources (account_id, region, resource_type, event_time, event_id, resource_name, seq) VALUES ${Array(n).fill('(?, ?, ?, ?, ?, ?, ?)').join(', ')}`);

export function rowToEvent(r: Row): EventRow {
  return {
    eventId: r.event_id, accountId: r.account_id, region: r.region, eventTime: r.event_time, eventName: r.event_name,
    eventSource: r.event_source, username: r.username ?? undefined, accessKeyId: r.access_key_id ?? undefined,
    readOnly: !!r.read_only, resources: JSON.parse(r.resources_json), event: JSON.parse(r.event_json),
  };
}

/** A stored event as LookupEvents and delivery read it: the event JSON stays a string. */
export interface StoredEvent {
  eventId: string; eventTime: number; eventName: string; eventSource: string; username: string | null;
  accessKeyId: string | null; readOnly: boolean; resources: TrailResource[]; eventJson: string;
}

function toStored(r: Row): StoredEvent {
  return {
    eventId: r.event_id, eventTime: r.event_time, eventName: r.event_name, eventSource: r.event_source, username: r.username,
    accessKeyId: r.access_key_id, readOnly: !!r.read_only, resources: JSON.parse(r.resources_json), eventJson: r.event_json,
  };
}

/** What LookupEvents filters on; EventId and ReadOnly go through the time index, resources through their own table. */
export type LookupKey = 'EventId' | 'EventName' | 'ReadOnly' | 'Username' | 'ResourceType' | 'ResourceName' | 'EventSource' | 'AccessKeyId';

const COLUMNS: Partial<Record<LookupKey, string>> = {
  EventName: 'event_name', EventSource: 'event_source', Username: 'username', AccessKeyId: 'access_key_id', ReadOnly: 'read_only',
};
const RESOURCE_COLUMNS: Partial<Record<LookupKey, string>> = { ResourceName: 'resource_name', ResourceType: 'resource_type' };
const EVENT_COLUMNS = 'e.event_id, e.event_time, e.event_name, e.event_source, e.username, e.access_key_id, e.read_only, e.resources_json, e.event_json';

export interface LookupQuery {
  accountId: string; region: string; key?: LookupKey; value?: string | number;
  /** Inclusive lower bound of event_time. */
  start: number;
  /** Exclusive upper bound of (event_time, event_id): the page continues below it. */
  before: { time: number; id: string };
  limit: number;
}

const NEWEST_FIRST = 'event_time DESC, event_id DESC';
const BELOW = 'event_time >= ? AND (event_time, event_id) < (?, ?)';

/** The page condition on a table alias: newest first, strictly below the previous page's last event. */
const page = (t: string) =>
  `${t}.event_time >= ? AND (${t}.event_time, ${t}.event_id) < (?, ?) ORDER BY ${t}.event_time DESC, ${t}.event_id DESC LIMIT ?`;

/**
 * Every event of a scope in a time window, in order: the read-write and the read-only halves of the
 * time index merged (two range reads the planner merges without sorting), then the page's rows.
 */
function bothHalves(window: string, order: string): string {
  const half = (readOnly: number) => `SELECT seq, event_time, event_id FROM cloudtrail_events WHERE account_id = ? AND region = ? AND read_only = ${readOnly} AND ${window}`;
  return `SELECT ${EVENT_COLUMNS} FROM (${half(0)} UNION ALL ${half(1)} ORDER BY ${order} LIMIT ?) k
          JOIN cloudtrail_events e ON e.seq = k.seq ORDER BY ${order.replace(/event_/g, 'k.event_')}`;
}

/** One page newest first: a range read on the attribute's index (two merged ones without an attribute). */
export function lookupEvents(storage: Storage, q: LookupQuery): StoredEvent[] {
  const bounds = [q.start, q.before.time, q.before.id, q.limit];
  let rows: Row[];
  if (q.key === 'EventId') {
    const id = String(q.value);
    rows = storage.stmt(`SELECT ${EVENT_COLUMNS} FROM cloudtrail_events e WHERE e.account_id = ? AND e.region = ? AND e.read_only IN (0, 1)
        AND e.event_time = ? AND e.event_id = ? AND ${page('e')}`)
      .all(q.accountId, q.region, Number.isNaN(idTime(id)) ? -1 : idTime(id), id, ...bounds) as Row[];
    if (!rows.length) {
      rows = storage.stmt(`SELECT ${EVENT_COLUMNS} FROM cloudtrail_untimed_ids i JOIN cloudtrail_events e ON e.seq = i.seq
          WHERE i.event_id = ? AND e.account_id = ? AND e.region = ? AND ${page('e')}`)
        .all(id, q.accountId, q.region, ...bounds) as Row[];
    }
  } else if (q.key && RESOURCE_COLUMNS[q.key]) {
    rows = byResource(storage, q, RESOURCE_COLUMNS[q.key]!);
  } else if (q.key) {
    rows = storage.stmt(`SELECT ${EVENT_COLUMNS} FROM cloudtrail_events e WHERE e.account_id = ? AND e.region = ? AND e.${COLUMNS[q.key]} = ? AND ${page('e')}`)
      .all(q.accountId, q.region, q.value, ...bounds) as Row[];
  } else {
    const half = [q.accountId, q.region, q.start, q.before.time, q.before.id];
    rows = storage.stmt(bothHalves(BELOW, NEWEST_FIRST)).all(...half, ...half, q.limit) as Row[];
  }
  return rows.map(toStored);
}

/**
 * A page of the events naming a resource type or name. An event naming two resources of one type
 * has two rows, next to each other in index order: each event is kept once, as AWS answers, and a
 * page short of its limit through repeats reads on below its last event.
 */
function byResource(storage: Storage, q: LookupQuery, column: string): Row[] {
  const stmt = storage.stmt(`SELECT ${EVENT_COLUMNS} FROM cloudtrail_event_resources r JOIN cloudtrail_events e ON e.seq = r.seq
      WHERE r.account_id = ? AND r.region = ? AND r.${column} = ? AND ${page('r')}`);
  const rows: Row[] = [];
  for (let before = q.before; ;) {
    const wanted = q.limit - rows.length;
    const got = stmt.all(q.accountId, q.region, q.value, q.start, before.time, before.id, wanted) as Row[];
    for (const r of got) if (rows.at(-1)?.event_id !== r.event_id) rows.push(r);
    if (got.length < wanted || rows.length >= q.limit) return rows;
    const last = rows.at(-1)!;
    before = { time: last.event_time, id: last.event_id };
  }
}

/** Events of one account and Region in [from, to), oldest first, after a position: what a trail delivers. */
export function eventsToDeliver(storage: Storage, accountId: string, region: string, after: { time: number; id: string }, to: number, limit: number): StoredEvent[] {
  const half = [accountId, region, after.time, after.id, to];
  const rows = storage.stmt(bothHalves('(event_time, event_id) > (?, ?) AND event_time < ?', 'event_time, event_id')).all(...half, ...half, limit) as Row[];
  return rows.map(toStored);
}

/** The Regions an account has events in, by skipping along the index (one seek per Region). */
export function regionsWithEvents(storage: Storage, accountId: string): string[] {
  const regions: string[] = [];
  for (let last = ''; ;) {
    const row = storage.stmt('SELECT region FROM cloudtrail_events WHERE account_id = ? AND region > ? ORDER BY region LIMIT 1').get(accountId, last) as Row | undefined;
    if (!row) return regions;
    regions.push((last = row.region));
  }
}

const CHUNK = 5000;

/** Drops events older than AWS's 90-day event history, scope by scope and in chunks along the indexes. */
export function pruneEvents(storage: Storage, before: number): void {
  for (let scope = { account_id: '', region: '' }; ;) {
    const next = storage.stmt('SELECT account_id, region FROM cloudtrail_events WHERE (account_id, region) > (?, ?) ORDER BY account_id, region LIMIT 1')
      .get(scope.account_id, scope.region) as typeof scope | undefined;
    if (!next) break;
    scope = next;
    for (const readOnly of [0, 1]) {
      inChunks(storage, 'SELECT seq FROM cloudtrail_events WHERE account_id = ? AND region = ? AND read_only = ? AND event_time < ? LIMIT ?',
        [scope.account_id, scope.region, readOnly, before], 'DELETE FROM cloudtrail_events WHERE seq = ?');
    }
    pruneResources(storage, scope.account_id, scope.region, before);
  }
  storage.stmt('DELETE FROM cloudtrail_untimed_ids WHERE event_time < ?').run(before);
}

/** An event's resources go with it: type by type (one seek each), the old end of each type's range. */
function pruneResources(storage: Storage, accountId: string, region: string, before: number): void {
  for (let type = ''; ;) {
    const next = storage.stmt('SELECT resource_type FROM cloudtrail_event_resources WHERE account_id = ? AND region = ? AND resource_type > ? ORDER BY resource_type LIMIT 1')
      .get(accountId, region, type) as Row | undefined;
    if (!next) return;
    type = next.resource_type;
    inChunks(storage, `SELECT account_id, region, resource_type, event_time, event_id, resource_name FROM cloudtrail_event_resources
        WHERE account_id = ? AND region = ? AND resource_type = ? AND event_time < ? LIMIT ?`, [accountId, region, type, before],
      'DELETE FROM cloudtrail_event_resources WHERE account_id = ? AND region = ? AND resource_type = ? AND event_time = ? AND event_id = ? AND resource_name = ?');
  }
}

/** Deletes what a select finds, CHUNK rows per transaction, until it finds no more. */
function inChunks(storage: Storage, select: string, args: unknown[], del: string): void {
  for (;;) {
    const rows = (storage.stmt(select).all(...args, CHUNK) as Row[]).map((r) => Object.values(r));
    storage.transaction(() => {
      for (const key of rows) storage.stmt(del).run(...key);
    });
    if (rows.length < CHUNK) return;
  }
}
