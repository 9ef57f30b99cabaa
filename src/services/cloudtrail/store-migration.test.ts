// An event history written by the schema before seq-keyed events (migration 4) upgrades with
// nothing lost: every lookup, delivery and pruning reads the old events as it reads new ones.
import { describe, expect, it } from 'vitest';
import { Storage } from '../../storage/database';
import { nextEventId } from './event-ids';
import { CLOUDTRAIL_MIGRATIONS, eventsToDeliver, insertEvent, lookupEvents, pruneEvents, type LookupKey } from './store';

const ACCOUNT = '111122223333';
const TOP = { time: Number.MAX_SAFE_INTEGER, id: '~' };

interface OldEvent { id: string; time: number; name: string; readOnly: boolean; user: string; key: string | null; resources: { type: string; name: string }[] }

/** Writes an event the way the old insertEvent did. */
function insertOld(s: Storage, e: OldEvent, region = 'us-east-1'): void {
  s.db.prepare(`INSERT INTO cloudtrail_events (event_id, account_id, region, event_time, event_name, event_source, username, access_key_id, read_only, resources_json, event_json)
                VALUES (?, ?, ?, ?, ?, 'ec2.amazonaws.com', ?, ?, ?, ?, ?)`)
    .run(e.id, ACCOUNT, region, e.time, e.name, e.user, e.key, e.readOnly ? 1 : 0, JSON.stringify(e.resources), JSON.stringify({ eventID: e.id, eventName: e.name }));
  for (const r of e.resources) {
    s.db.prepare('INSERT INTO cloudtrail_event_resources (event_id, account_id, region, event_time, resource_type, resource_name) VALUES (?, ?, ?, ?, ?, ?)')
      .run(e.id, ACCOUNT, region, e.time, r.type, r.name);
  }
}

function oldHistory(): { s: Storage; events: OldEvent[] } {
  const s = new Storage(null);
  s.migrate('cloudtrail', CLOUDTRAIL_MIGRATIONS.slice(0, 4));
  const instance = { type: 'AWS::EC2::Instance', name: 'i-0123456789abcdef0' };
  const events: OldEvent[] = [
    // Recorded before event ids were time-ordered: a random UUID, found again by its id only through the untimed ids.
    { id: '9f1c2b7e-4a5d-4e3f-8a2b-1c0d9e8f7a6b', time: 1000, name: 'RunInstances', readOnly: false, user: 'alice', key: 'AKIAALICE', resources: [instance] },
    { id: nextEventId(2000), time: 2000, name: 'DescribeInstances', readOnly: true, user: 'alice', key: 'AKIAALICE', resources: [] },
    { id: nextEventId(2000), time: 2000, name: 'CreateTags', readOnly: false, user: 'bob', key: null, resources: [instance, { type: 'AWS::EC2::Volume', name: 'vol-1' }] },
    { id: nextEventId(3000), time: 3000, name: 'TerminateInstances', readOnly: false, user: 'bob', key: 'AKIABOB', resources: [instance] },
  ];
  for (const e of events) insertOld(s, e);
  insertOld(s, { id: nextEventId(2500), time: 2500, name: 'RunInstances', readOnly: false, user: 'carol', key: null, resources: [instance] }, 'eu-west-1');
  return { s, events };
}

const names = (s: Storage, key?: LookupKey, value?: string | number) =>
  lookupEvents(s, { accountId: ACCOUNT, region: 'us-east-1', key, value, start: 0, before: TOP, limit: 50 }).map((e) => e.eventName);

describe('the seq-keyed event history migration', () => {
  it('keeps every event, its attributes and its resources, found by every lookup', () => {
    const { s, events } = oldHistory();
    s.migrate('cloudtrail', CLOUDTRAIL_MIGRATIONS);
    expect(names(s)).toEqual(['TerminateInstances', 'CreateTags', 'DescribeInstances', 'RunInstances']);
    expect(names(s, 'ReadOnly', 1)).toEqual(['DescribeInstances']);
    expect(names(s, 'ReadOnly', 0)).toEqual(['TerminateInstances', 'CreateTags', 'RunInstances']);
    expect(names(s, 'Username', 'bob')).toEqual(['TerminateInstances', 'CreateTags']);
    expect(names(s, 'AccessKeyId', 'AKIAALICE')).toEqual(['DescribeInstances', 'RunInstances']);
    expect(names(s, 'EventName', 'RunInstances')).toEqual(['RunInstances']);
    expect(names(s, 'EventSource', 'ec2.amazonaws.com')).toHaveLength(4);
    expect(names(s, 'ResourceName', 'i-0123456789abcdef0')).toEqual(['TerminateInstances', 'CreateTags', 'RunInstances']);
    expect(names(s, 'ResourceType', 'AWS::EC2::Volume')).toEqual(['CreateTags']);
    for (const e of events) expect(names(s, 'EventId', e.id), e.id).toEqual([e.name]);
    const [old] = lookupEvents(s, { accountId: ACCOUNT, region: 'us-east-1', key: 'EventId', value: events[0].id, start: 0, before: TOP, limit: 1 });
    expect(old).toMatchObject({ eventTime: 1000, username: 'alice', accessKeyId: 'AKIAALICE', readOnly: false, resources: [{ type: 'AWS::EC2::Instance', name: 'i-0123456789abcdef0' }] });
    expect(JSON.parse(old.eventJson)).toEqual({ eventID: events[0].id, eventName: 'RunInstances' });
    expect(eventsToDeliver(s, ACCOUNT, 'eu-west-1', { time: 0, id: '' }, 10_000, 10).map((e) => e.eventName)).toEqual(['RunInstances']);
  });

  it('goes on recording and pruning after the upgrade, old events and new alike', () => {
    const { s, events } = oldHistory();
    s.migrate('cloudtrail', CLOUDTRAIL_MIGRATIONS);
    const id = nextEventId(4000);
    insertEvent(s, { eventId: id, accountId: ACCOUNT, region: 'us-east-1', eventTime: 4000, eventName: 'StartInstances', eventSource: 'ec2.amazonaws.com',
      username: 'bob', readOnly: false, resources: [{ type: 'AWS::EC2::Instance', name: 'i-0123456789abcdef0' }], event: { eventID: id } });
    expect(names(s, 'ResourceName', 'i-0123456789abcdef0')).toEqual(['StartInstances', 'TerminateInstances', 'CreateTags', 'RunInstances']);
    pruneEvents(s, 2500);
    expect(names(s)).toEqual(['StartInstances', 'TerminateInstances']);
    expect(names(s, 'EventId', events[0].id)).toEqual([]);
    expect(s.db.prepare('SELECT COUNT(*) AS n FROM cloudtrail_untimed_ids').get()).toEqual({ n: 0 });
    expect(s.db.prepare('SELECT resource_name, event_time FROM cloudtrail_event_resources ORDER BY event_time').all())
      .toEqual([2500, 3000, 4000].map((t) => ({ resource_name: 'i-0123456789abcdef0', event_time: t }))); // 2500: eu-west-1's
  });
});
