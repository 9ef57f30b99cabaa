// Event history storage: every lookup is one index range read, pages follow each other without
// gaps, and the 90-day history is pruned along the indexes.
import { describe, expect, it } from 'vitest';
import { Storage } from '../../storage/database';
import { nextEventId } from './event-ids';
import { CLOUDTRAIL_MIGRATIONS, insertEvent, lookupEvents, pruneEvents, type LookupKey } from './store';

function storage(): Storage {
  const s = new Storage(null);
  s.migrate('cloudtrail', CLOUDTRAIL_MIGRATIONS);
  return s;
}

function add(s: Storage, time: number, over: { name?: string; readOnly?: boolean; region?: string; role?: string } = {}): string {
  const eventId = nextEventId(time);
  insertEvent(s, {
    eventId, accountId: '111122223333', region: over.region ?? 'us-east-1', eventTime: time, eventName: over.name ?? 'AssumeRole',
    eventSource: 'sts.amazonaws.com', username: 'root', accessKeyId: 'AKIAEXAMPLE', readOnly: over.readOnly ?? false,
    resources: over.role ? [{ type: 'AWS::IAM::Role', name: over.role }, { type: 'AWS::IAM::Role', name: over.role }] : [], event: { eventID: eventId },
  });
  return eventId;
}

const TOP = { time: Number.MAX_SAFE_INTEGER, id: '~' };

describe('lookupEvents', () => {
  it('reads every attribute through an index, in page order, without sorting or scanning', () => {
    const s = storage();
    const keys: (LookupKey | undefined)[] = [undefined, 'EventId', 'EventName', 'ReadOnly', 'Username', 'ResourceType', 'ResourceName', 'EventSource', 'AccessKeyId'];
    for (const key of keys) {
      const plan: string[] = [];
      const prepare = s.db.prepare.bind(s.db);
      (s.db as unknown as { prepare: (sql: string) => unknown }).prepare = (sql: string) => {
        plan.push(...(prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...Array((sql.match(/\?/g) ?? []).length).fill(1)) as { detail: string }[]).map((r) => r.detail));
        return prepare(sql);
      };
      lookupEvents(s, { accountId: 'a', region: 'r', key, value: 'v', start: 0, before: TOP, limit: 1 });
      (s.db as unknown as { prepare: unknown }).prepare = prepare;
      expect(plan.length, String(key)).toBeGreaterThan(0); // each key has its own statement
      // "SCAN k" reads the merge of the time index's two halves (bounded by the page size), never a table.
      expect(plan.filter((d) => /SCAN|TEMP B-TREE|AUTOMATIC/.test(d) && d !== 'SCAN k'), String(key)).toEqual([]);
      expect(plan.find((d) => d.startsWith('SEARCH')), String(key)).toMatch(/^SEARCH .* USING (COVERING INDEX|INDEX|PRIMARY KEY)/);
    }
  });

  it('pages newest first without gaps or repeats, even within one millisecond', () => {
    const s = storage();
    const ids = [add(s, 1000), add(s, 1000), add(s, 1000), add(s, 2000), add(s, 3000, { name: 'GetCallerIdentity', readOnly: true })];
    const seen: string[] = [];
    for (let before = TOP; ;) {
      const page = lookupEvents(s, { accountId: '111122223333', region: 'us-east-1', start: 0, before, limit: 2 });
      seen.push(...page.map((e) => e.eventId));
      if (page.length < 2) break;
      before = { time: page[1].eventTime, id: page[1].eventId };
    }
    expect(seen).toEqual([...ids].reverse());
  });

  it('filters by attribute, by time, and by account and Region', () => {
    const s = storage();
    const deployer = add(s, 1000, { role: 'arn:aws:iam::111122223333:role/Deployer' });
    add(s, 2000, { name: 'GetCallerIdentity', readOnly: true });
    add(s, 3000, { region: 'eu-west-1' });
    const q = (over: object) => lookupEvents(s, { accountId: '111122223333', region: 'us-east-1', start: 0, before: TOP, limit: 50, ...over }).map((e) => e.eventTime);
    expect(q({})).toEqual([2000, 1000]);
    expect(q({ key: 'ReadOnly', value: 1 })).toEqual([2000]);
    expect(q({ key: 'EventName', value: 'AssumeRole' })).toEqual([1000]);
    expect(q({ key: 'ResourceName', value: 'arn:aws:iam::111122223333:role/Deployer' })).toEqual([1000]); // named twice, found once
    expect(q({ key: 'ReadOnly', value: 0 })).toEqual([1000]);
    expect(q({ key: 'EventId', value: deployer })).toEqual([1000]); // through the time its id carries
    expect(q({ key: 'EventId', value: 'not-an-id' })).toEqual([]);
    expect(q({ start: 1500 })).toEqual([2000]);
    expect(q({ before: { time: 1500, id: '~' } })).toEqual([1000]);
    expect(lookupEvents(s, { accountId: '999999999999', region: 'us-east-1', start: 0, before: TOP, limit: 50 })).toEqual([]);
  });

  it('finds an event that names several resources of one type once, and fills the page past the repeats', () => {
    const s = storage();
    const threeInstances = (time: number) => {
      const eventId = nextEventId(time);
      insertEvent(s, {
        eventId, accountId: '111122223333', region: 'us-east-1', eventTime: time, eventName: 'CreateTags', eventSource: 'ec2.amazonaws.com',
        username: 'root', accessKeyId: 'AKIAEXAMPLE', readOnly: false, event: { eventID: eventId },
        resources: [{ type: 'AWS::EC2::Instance', name: `i-a${time}` }, { type: 'AWS::EC2::Instance', name: `i-b${time}` }, { type: 'AWS::EC2::Instance', name: `i-c${time}` }],
      });
      return eventId;
    };
    const ids = [threeInstances(1000), threeInstances(2000), threeInstances(3000)].reverse();
    const q = (limit: number) => lookupEvents(s, { accountId: '111122223333', region: 'us-east-1', key: 'ResourceType', value: 'AWS::EC2::Instance', start: 0, before: TOP, limit });
    expect(q(50).map((e) => e.eventId)).toEqual(ids);
    expect(q(2).map((e) => e.eventId)).toEqual(ids.slice(0, 2));
  });

  it('stores every resource of an event that names many, each once', () => {
    const s = storage();
    const resources = Array.from({ length: 19 }, (_, i) => ({ type: i % 2 ? 'AWS::EC2::Volume' : 'AWS::EC2::Instance', name: `r-${i % 18}` }));
    const eventId = nextEventId(1000);
    insertEvent(s, { eventId, accountId: 'a', region: 'r', eventTime: 1000, eventName: 'CreateTags', eventSource: 'ec2.amazonaws.com', readOnly: false, resources, event: {} });
    const find = (key: LookupKey, value: string) => lookupEvents(s, { accountId: 'a', region: 'r', key, value, start: 0, before: TOP, limit: 50 }).map((e) => e.eventId);
    for (let i = 0; i < 18; i++) expect(find('ResourceName', `r-${i}`), `r-${i}`).toEqual([eventId]);
    expect(s.db.prepare('SELECT COUNT(*) AS n FROM cloudtrail_event_resources').get()).toEqual({ n: 18 });
  });
});

describe('pruneEvents', () => {
  it('drops events and their resources older than the cut-off, in every account and Region', () => {
    const s = storage();
    add(s, 1000, { role: 'arn:aws:iam::111122223333:role/Old' });
    add(s, 1000, { region: 'eu-west-1' });
    const kept = add(s, 5000, { role: 'arn:aws:iam::111122223333:role/New' });
    pruneEvents(s, 2000);
    expect((s.db.prepare('SELECT event_id FROM cloudtrail_events').all() as { event_id: string }[]).map((r) => r.event_id)).toEqual([kept]);
    expect(s.db.prepare('SELECT resource_name FROM cloudtrail_event_resources').all()).toEqual([{ resource_name: 'arn:aws:iam::111122223333:role/New' }]);
  });
});
