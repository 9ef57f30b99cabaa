// The recorder: turns outbox changes into configuration items. Each event is applied in one
// transaction together with "last seq applied", so a kill -9 never loses or repeats an item.
// Related resources get a new item when a relationship towards them appears or goes away.
import type { Platform } from '../../core/platform';
import { eventHistoryName, type StoredChange } from '../../core/events';
import { tagsOf } from '../../core/resources';
import { serviceApi } from '../links';
import { accountRecorders, lastApplied, listRecorders, markApplied, type RecorderRow, type Scope } from './store';
import { currentItem, incomingRelations, ownRelations, replaceRelations, resourceNameOf, storeItem } from './store-items';
import { availabilityZoneOf, md5Of, type ConfigItem } from './items';
import { effectiveRelationships } from './relationships';
import { frequencyOf, recordsType } from './recording-group';
import { resourceArn } from './arns';
import { publishItemChange } from './stream';
import { itemsRecorded } from './listeners';

export const SUBSCRIBER = 'config';
const LOOK_AHEAD = 200; // events of one request read ahead (RunInstances of many instances emits a few each)

/** One change to apply: from the outbox, from discovery, from PutResourceConfig or the daily flush. */
export interface Change {
  resourceType: string; resourceId: string; arn?: string; resourceName?: string;
  after: unknown | null; relationships: { resourceType: string; resourceId: string; name: string }[];
  time: string; requestId?: string; eventRegion: string; created?: string; status?: string; relatedEvents?: string[];
  /** Relationships other resources declare in later events of the same request (outbox changes only). */
  ahead?: Map<string, Declared[]>;
}

type Declared = { resourceType: string; resourceId: string; name: string };
const keyOf = (type: string, id: string) => `${type}\u0000${id}`;

export interface Recorded { item: ConfigItem; previous?: ConfigItem }

/** Outbox subscriber: applies the event once, then tells listeners about the items it made. */
export function applyEvent(platform: Platform, event: StoredChange): void {
  const s = platform.storage;
  const recorded: Recorded[] = s.transaction(() => {
    if (lastApplied(s, SUBSCRIBER) >= event.seq) return [];
    const out: Recorded[] = [];
    const recorders = event.region === 'global' ? accountRecorders(s, event.accountId) : listRecorders(s, event);
    for (const r of recorders) {
      if (r.servicePrincipal || !activeAt(r, event.seq)) continue;
      out.push(...recordForRecorder(platform, r, toChange(platform, event)));
    }
    markApplied(s, SUBSCRIBER, event.seq);
    return out;
  });
  itemsRecorded(platform, recorded);
}

function activeAt(r: RecorderRow, seq: number): boolean {
  return r.startSeq !== undefined && seq > r.startSeq && (r.recording || (r.stopSeq !== undefined && seq <= r.stopSeq));
}

function toChange(platform: Platform, e: StoredChange): Change {
  const atMs = Date.parse(e.time);
  const trail = serviceApi<typeof import('../cloudtrail/api')>('cloudtrail');
  const region = e.region === 'global' ? 'us-east-1' : e.region;
  const relatedEvents = e.requestId && trail ? trail.eventIdsForRequest(platform, e.accountId, region, e.requestId, eventHistoryName(e), atMs) : [];
  return {
    resourceType: e.resourceType, resourceId: e.resourceId, arn: e.arn, resourceName: e.resourceName, after: e.after,
    relationships: e.relationships ?? [], time: e.time, requestId: e.requestId, eventRegion: e.region,
    created: e.before == null ? e.time : undefined, relatedEvents, ahead: laterInRequest(platform, e),
  };
}

/**
 * One call can change several resources (AttachVolume changes the volume and the instance). Each of
 * their items shows the relationships as the whole call left them, and no extra item is made for a
 * resource whose own change follows in the same call.
 */
function laterInRequest(platform: Platform, e: StoredChange): Map<string, Declared[]> | undefined {
  if (!e.requestId) return undefined;
  // A request's events are written in its one transaction, so they follow each other in the outbox.
  const rows = platform.storage.stmt('SELECT resource_type, resource_id, after_json IS NULL AS gone, relationships_json, request_id FROM outbox WHERE seq > ? AND seq <= ? ORDER BY seq')
    .all(e.seq, e.seq + LOOK_AHEAD) as { resource_type: string; resource_id: string; gone: number; relationships_json: string | null; request_id: string | null }[];
  const ahead = new Map<string, Declared[]>();
  for (const r of rows) {
    if (r.request_id !== e.requestId) break;
    ahead.set(keyOf(r.resource_type, r.resource_id), r.gone ? [] : JSON.parse(r.relationships_json ?? '[]'));
  }
  return ahead.size ? ahead : undefined;
}

/** Applies a change under one recorder's rules: recorded, daily, or not recorded. */
export function recordForRecorder(platform: Platform, r: RecorderRow, change: Change): Recorded[] {
  const scope = { accountId: r.accountId, region: r.region };
  const s = platform.storage;
  if (!recordsType(r, change.resourceType)) {
    const cur = currentItem(s, scope, change.resourceType, change.resourceId);
    if (change.after == null && cur && !cur.deleted) {
      return [writeItem(platform, scope, change, 'ResourceDeletedNotRecorded', frequencyOf(r, change.resourceType))].filter(Boolean) as Recorded[];
    }
    return [];
  }
  const frequency = frequencyOf(r, change.resourceType);
  if (frequency === 'DAILY' && !change.status) {
    s.stmt(`INSERT INTO config_daily_pending (account_id, region, resource_type, resource_id, change_json) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT DO UPDATE SET change_json = excluded.change_json`)
      .run(scope.accountId, scope.region, change.resourceType, change.resourceId, JSON.stringify(mergePending(s, scope, change)));
    return [];
  }
  return recordChange(platform, scope, change, frequency);
}

/** A pending daily change keeps the first creation time and every related event of the day. */
function mergePending(s: Platform['storage'], scope: Scope, change: Change): Change {
  const row = s.stmt('SELECT change_json FROM config_daily_pending WHERE account_id = ? AND region = ? AND resource_type = ? AND resource_id = ?')
    .get(scope.accountId, scope.region, change.resourceType, change.resourceId) as { change_json: string } | undefined;
  const { ahead: _ahead, ...own } = change; // the look-ahead belongs to the moment of the event, not to the day's item
  change = own;
  if (!row) return change;
  const prev = JSON.parse(row.change_json) as Change;
  return { ...change, created: prev.created ?? change.created, relatedEvents: [...(prev.relatedEvents ?? []), ...(change.relatedEvents ?? [])] };
}

/** Records a change and refreshes the items of resources whose relationships it touched. */
export function recordChange(platform: Platform, scope: Scope, change: Change, frequency: string): Recorded[] {
  const s = platform.storage;
  const before = ownRelations(s, scope, change.resourceType, change.resourceId);
  const status = change.status ?? (change.after == null ? 'ResourceDeleted' : 'OK');
  const own = change.after == null ? [] : change.relationships;
  replaceRelations(s, scope, change.resourceType, change.resourceId, own);
  const out: Recorded[] = [];
  const main = writeItem(platform, scope, change, status, frequency);
  if (main) out.push(main);
  // Related items show this resource's relationships and name: unchanged, they need no refresh
  // (a VPC with thousands of groups is not re-read for every rule change of one group).
  if (sameRelations(before, own) && main?.item.resourceName === main?.previous?.resourceName && main?.previous && !/Deleted/.test(main.previous.configurationItemStatus)) return out;
  const touched = new Map<string, { resourceType: string; resourceId: string }>();
  for (const t of [...before, ...own]) touched.set(keyOf(t.resourceType, t.resourceId), t);
  for (const t of touched.values()) {
    const refreshed = refreshRelationships(platform, scope, t.resourceType, t.resourceId, change);
    if (refreshed) out.push(refreshed);
  }
  return out;
}

function sameRelations(a: Declared[], b: Declared[]): boolean {
  const key = (r: Declared) => `${r.resourceType}\u0000${r.resourceId}\u0000${r.name}`;
  const x = a.map(key).sort(), y = b.map(key).sort();
  return x.length === y.length && x.every((k, i) => k === y[i]);
}

/** A related resource's new item, when the relationships it shows changed. */
function refreshRelationships(platform: Platform, scope: Scope, type: string, id: string, cause: Change): Recorded | undefined {
  const s = platform.storage;
  const cur = currentItem(s, scope, type, id);
  if (!cur || cur.deleted || cur.item.configurationItemStatus === 'ResourceNotRecorded') return undefined;
  if (cause.ahead?.has(keyOf(type, id))) return undefined; // its own change, a moment later, carries it
  const relationships = relationshipsOf(platform, scope, type, id, cause.ahead);
  if (JSON.stringify(relationships) === JSON.stringify(cur.item.relationships)) return undefined;
  const item = finish({ ...cur.item, relationships, configurationItemStatus: 'OK', configurationItemCaptureTime: cause.time, relatedEvents: cause.relatedEvents ?? [] }, cur.stateId);
  storeItem(s, scope, item, undefined);
  publishItemChange(platform, scope, item, cur.item);
  return { item, previous: cur.item };
}

function relationshipsOf(platform: Platform, scope: Scope, type: string, id: string, ahead?: Map<string, Declared[]>) {
  const s = platform.storage;
  let incoming = incomingRelations(s, scope, type, id);
  if (ahead) {
    // What the rest of the call declares replaces what those resources declared before it.
    incoming = incoming.filter((r) => !ahead.has(keyOf(r.resourceType, r.resourceId)));
    for (const [key, rels] of ahead) {
      const [srcType, srcId] = key.split('\u0000');
      for (const r of rels) if (r.resourceType === type && r.resourceId === id) incoming.push({ resourceType: srcType, resourceId: srcId, name: r.name });
    }
  }
  return effectiveRelationships(ownRelations(s, scope, type, id), incoming, (t, i) => resourceNameOf(s, scope, t, i));
}

function finish(item: Omit<ConfigItem, 'configurationItemMD5Hash' | 'configurationStateId'> & Partial<ConfigItem>, prevState: number | undefined): ConfigItem {
  const captureMs = Date.parse(item.configurationItemCaptureTime);
  const stateId = Math.max(captureMs, (prevState ?? 0) + 1);
  const { configurationItemMD5Hash: _h, ...rest } = item;
  const full = { ...rest, configurationStateId: String(stateId) } as ConfigItem;
  full.configurationItemMD5Hash = md5Of(full);
  return full;
}

/**
 * A service's description may carry the item's supplementaryConfiguration (S3's bucket settings,
 * Lambda's policy, KMS's rotation status): AWS keeps it beside the configuration, not inside.
 */
function splitDescription(after: unknown): { configuration: unknown; supplementaryConfiguration: Record<string, unknown> } {
  const d = after as Record<string, unknown> | null;
  const supp = d?.supplementaryConfiguration;
  if (!d || !supp || typeof supp !== 'object') return { configuration: after, supplementaryConfiguration: {} };
  const { supplementaryConfiguration: _s, ...configuration } = d;
  return { configuration, supplementaryConfiguration: supp as Record<string, unknown> };
}

/** Writes the item for a change, unless it would say nothing new about the resource. */
function writeItem(platform: Platform, scope: Scope, change: Change, status: string, frequency: string): Recorded | undefined {
  const s = platform.storage;
  const cur = currentItem(s, scope, change.resourceType, change.resourceId);
  if (change.after == null && (!cur || cur.deleted)) return undefined; // never seen alive: nothing to delete
  const gone = change.after == null;
  const { configuration, supplementaryConfiguration } = splitDescription(gone ? null : change.after);
  const item = finish({
    version: '1.3', accountId: scope.accountId, configurationItemCaptureTime: change.time, configurationItemStatus: status,
    arn: change.arn ?? cur?.item.arn ?? resourceArn(change.resourceType, change.eventRegion, scope.accountId, change.resourceId),
    resourceType: change.resourceType, resourceId: change.resourceId, resourceName: change.resourceName ?? cur?.item.resourceName,
    awsRegion: change.eventRegion, availabilityZone: gone ? cur!.item.availabilityZone : availabilityZoneOf(configuration),
    resourceCreationTime: cur && !cur.deleted ? cur.item.resourceCreationTime : change.created ?? cur?.item.resourceCreationTime,
    tags: gone ? {} : { ...tagsOf(configuration ?? {}) }, relatedEvents: change.relatedEvents ?? [],
    relationships: gone ? [] : relationshipsOf(platform, scope, change.resourceType, change.resourceId, change.ahead),
    configuration, supplementaryConfiguration, recordingFrequency: frequency,
  }, cur?.stateId);
  const sameStatus = cur && (cur.item.configurationItemStatus === status || (status === 'OK' && cur.item.configurationItemStatus === 'ResourceDiscovered'));
  if (cur && !cur.deleted && sameStatus && cur.item.configurationItemMD5Hash === item.configurationItemMD5Hash) return undefined;
  storeItem(s, scope, item, change.created);
  publishItemChange(platform, scope, item, cur && !cur.deleted ? cur.item : undefined);
  return { item, previous: cur?.item };
}
