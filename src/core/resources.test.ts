import { afterEach, describe, expect, it } from 'vitest';
import { Storage } from '../storage/database';
import { Outbox, type ResourceChange } from './events';
import { RESOURCE_INDEX_MIGRATIONS, ResourceIndex, tagsOf } from './resources';

const change = (type: string, id: string, after: unknown, region = 'us-east-1'): ResourceChange => ({
  accountId: '111111111111', region, service: 'test', resourceType: type, resourceId: id, before: null, after, time: new Date(0).toISOString(),
});

const open: Storage[] = [];
afterEach(() => open.splice(0).forEach((s) => s.close()));

function setup() {
  const storage = new Storage(null);
  open.push(storage);
  const index = new ResourceIndex(storage);
  return { storage, index, outbox: new Outbox(storage, index) };
}

describe('ResourceIndex', () => {
  it('keeps the latest description of each resource and forgets deleted ones', () => {
    const { storage, index, outbox } = setup();
    storage.transaction(() => {
      outbox.emit(change('AWS::EC2::VPC', 'vpc-1', { cidrBlock: '10.0.0.0/16', tags: [{ key: 'env', value: 'dev' }] }));
      outbox.emit(change('AWS::EC2::VPC', 'vpc-1', { cidrBlock: '10.0.0.0/16', tags: [{ key: 'env', value: 'prod' }] }));
      outbox.emit(change('AWS::S3::Bucket', 'b1', { name: 'b1', tags: { env: 'dev' } }));
      outbox.emit(change('AWS::S3::Bucket', 'b2', { name: 'b2' }));
    });
    expect(index.get('111111111111', 'us-east-1', 'AWS::EC2::VPC', 'vpc-1')?.tags).toEqual({ env: 'prod' });
    expect(index.list({ accountId: '111111111111', tagFilters: [{ key: 'env', values: ['dev'] }] }).map((r) => r.resourceId)).toEqual(['b1']);
    expect(index.list({ accountId: '111111111111', tagFilters: [{ key: 'env' }] }).map((r) => r.resourceId)).toEqual(['vpc-1', 'b1']);
    storage.transaction(() => outbox.emit(change('AWS::S3::Bucket', 'b1', null)));
    expect(index.list({ accountId: '111111111111', resourceTypes: ['AWS::S3::Bucket'] }).map((r) => r.resourceId)).toEqual(['b2']);
    expect(index.list({ accountId: '111111111111', tagFilters: [{ key: 'env', values: ['dev'] }] })).toEqual([]);
  });

  it('rolls back with the change that wrote it', () => {
    const { storage, index, outbox } = setup();
    expect(() => storage.transaction(() => { outbox.emit(change('AWS::SQS::Queue', 'q', { tags: {} })); throw new Error('abort'); })).toThrow('abort');
    expect(index.list({ accountId: '111111111111' })).toEqual([]);
  });

  it('reads tags in the shapes services write them', () => {
    expect(tagsOf({ Tags: [{ Key: 'a', Value: '1' }] })).toEqual({ a: '1' });
    expect(tagsOf({ tags: { b: '2' } })).toEqual({ b: '2' });
    expect(tagsOf({ tags: JSON.parse('{"__proto__":"x"}') })['__proto__']).toBe('x');
    expect(tagsOf({})).toEqual({});
  });
});

describe('the rowid resource index migration', () => {
  it('keeps every resource, its tags and its ARN', () => {
    const storage = new Storage(null);
    open.push(storage);
    storage.migrate('resource_index', RESOURCE_INDEX_MIGRATIONS.slice(0, 2));
    const row = storage.db.prepare(`INSERT INTO resource_index (account_id, resource_type, resource_id, region, service, arn, resource_name, description_json, relationships_json, tags_json, created_time, updated_time)
                                    VALUES (?, ?, ?, ?, 'ec2', ?, ?, ?, ?, ?, 't0', 't1')`);
    const tag = storage.db.prepare('INSERT INTO resource_index_tags (account_id, resource_type, resource_id, region, key, value) VALUES (?, ?, ?, ?, ?, ?)');
    const vpc = { vpcId: 'vpc-1', tags: [{ key: 'env', value: 'dev' }], padding: 'x'.repeat(3000) }; // one that overflowed its WITHOUT ROWID row
    row.run('111111111111', 'AWS::EC2::VPC', 'vpc-1', 'us-east-1', 'arn:aws:ec2:us-east-1:111111111111:vpc/vpc-1', null, JSON.stringify(vpc), '[{"resourceType":"AWS::EC2::Subnet","resourceId":"subnet-1","name":"Contains"}]', '{"env":"dev"}');
    tag.run('111111111111', 'AWS::EC2::VPC', 'vpc-1', 'us-east-1', 'env', 'dev');
    row.run('111111111111', 'AWS::S3::Bucket', 'b1', 'us-east-1', 'arn:aws:s3:::b1', 'b1', '{"name":"b1"}', null, '{}');

    const index = new ResourceIndex(storage);
    expect(index.get('111111111111', 'us-east-1', 'AWS::EC2::VPC', 'vpc-1')).toEqual({
      accountId: '111111111111', region: 'us-east-1', service: 'ec2', resourceType: 'AWS::EC2::VPC', resourceId: 'vpc-1', arn: 'arn:aws:ec2:us-east-1:111111111111:vpc/vpc-1',
      resourceName: undefined, description: vpc, relationships: [{ resourceType: 'AWS::EC2::Subnet', resourceId: 'subnet-1', name: 'Contains' }], tags: { env: 'dev' },
      createdTime: 't0', updatedTime: 't1',
    });
    expect(index.byArn('111111111111', 'arn:aws:s3:::b1')?.resourceName).toBe('b1');
    expect(index.list({ accountId: '111111111111', tagFilters: [{ key: 'env', values: ['dev'] }] }).map((r) => r.resourceId)).toEqual(['vpc-1']);
    expect(index.list({ accountId: '111111111111' }).map((r) => r.resourceId)).toEqual(['vpc-1', 'b1']);

    // Later changes land on the migrated rows.
    const outbox = new Outbox(storage, index);
    storage.transaction(() => outbox.emit({ ...change('AWS::EC2::VPC', 'vpc-1', { vpcId: 'vpc-1', tags: [] }), before: vpc, arn: 'arn:aws:ec2:us-east-1:111111111111:vpc/vpc-1' }));
    expect(index.get('111111111111', 'us-east-1', 'AWS::EC2::VPC', 'vpc-1')).toMatchObject({ tags: {}, createdTime: 't0' });
    expect(index.tagKeys('111111111111', ['us-east-1'])).toEqual([]);
  });
});

describe('ResourceIndex.apply', () => {
  it('treats a create of a known resource as an update, and an update of an unknown one as a create', () => {
    const { storage, index, outbox } = setup();
    const arnOf = (id: string) => `arn:aws:sqs:us-east-1:111111111111:${id}`;
    storage.transaction(() => {
      outbox.emit({ ...change('AWS::SQS::Queue', 'q1', { tags: { a: '1' } }), arn: arnOf('q1') });
      outbox.emit({ ...change('AWS::SQS::Queue', 'q1', { tags: { a: '2' } }), arn: arnOf('q1') }); // before: null again
      outbox.emit({ ...change('AWS::SQS::Queue', 'q2', { tags: { b: '1' } }), before: { tags: {} }, arn: arnOf('q2') });
      outbox.emit({ ...change('AWS::SQS::Queue', 'q2', { tags: { b: '1' } }), before: { tags: { b: '1' } }, arn: arnOf('q2-renamed') });
    });
    storage.transaction(() => outbox.emit({ ...change('AWS::SQS::Queue', 'q1', { tags: { a: '2' }, delay: 5 }), before: { tags: { a: '2' } }, arn: arnOf('q1'), time: 'later' }));
    expect(index.get('111111111111', 'us-east-1', 'AWS::SQS::Queue', 'q1')).toMatchObject({ description: { tags: { a: '2' }, delay: 5 }, updatedTime: 'later', arn: arnOf('q1') });
    expect(index.get('111111111111', 'us-east-1', 'AWS::SQS::Queue', 'q1')?.tags).toEqual({ a: '2' });
    expect(index.tagValues('111111111111', ['us-east-1'], 'a')).toEqual(['2']);
    expect(index.list({ accountId: '111111111111', tagFilters: [{ key: 'b', values: ['1'] }] }).map((r) => r.resourceId)).toEqual(['q2']);
    expect(index.byArn('111111111111', arnOf('q2'))).toBeUndefined();
    expect(index.byArn('111111111111', arnOf('q2-renamed'))?.resourceId).toBe('q2');
  });

  it('moves updatedTime only when the row changes', () => {
    const { storage, index, outbox } = setup();
    const q = (time: string, delay: number) => ({ ...change('AWS::SQS::Queue', 'q1', { delay }), before: { delay: 0 }, time });
    storage.transaction(() => outbox.emit({ ...change('AWS::SQS::Queue', 'q1', { delay: 1 }), time: 't0' }));
    storage.transaction(() => outbox.emit(q('t1', 1))); // the same description: nothing to record
    expect(index.get('111111111111', 'us-east-1', 'AWS::SQS::Queue', 'q1')?.updatedTime).toBe('t0');
    storage.transaction(() => outbox.emit(q('t2', 2)));
    expect(index.get('111111111111', 'us-east-1', 'AWS::SQS::Queue', 'q1')).toMatchObject({ updatedTime: 't2', description: { delay: 2 } });
  });
});

describe('a service that describes its own resources', () => {
  it('stores no description and reads it through the describer, only when asked', () => {
    const storage = new Storage(null);
    open.push(storage);
    const state = new Map<string, Record<string, unknown>>([['vpc-1', { vpcId: 'vpc-1', cidrBlock: '10.1.0.0/16' }]]);
    let asked = 0, loaded = 0;
    const index = new ResourceIndex(storage, (service) => {
      loaded++;
      if (service === 'ec2') index.describeWith('ec2', (_a, _r, _t, id) => (asked++, state.get(id)));
    });
    const outbox = new Outbox(storage, index);
    let written = 0;
    const vpc = { ...change('AWS::EC2::VPC', 'vpc-1', { VpcId: 'vpc-1', Tags: [{ Key: 'env', Value: 'dev' }] }), service: 'ec2', afterJson: () => (written++, '{}') };
    // Written before the describer registers (an older data folder): the text stays.
    storage.transaction(() => outbox.emit({ ...vpc, resourceId: 'vpc-old' }));
    expect(written).toBe(1);
    index.describeWith('ec2', (_a, _r, _t, id) => (asked++, state.get(id)));
    storage.transaction(() => outbox.emit(vpc));
    expect(written).toBe(1); // no subscriber, and the index asks the service
    expect(storage.db.prepare("SELECT description_json FROM resource_index WHERE resource_id = 'vpc-1'").get()).toEqual({ description_json: null });

    const [old, cur] = index.list({ accountId: '111111111111' }).sort((a, b) => (a.resourceId < b.resourceId ? 1 : -1));
    expect(cur.tags).toEqual({ env: 'dev' });
    expect(asked).toBe(0);
    expect(cur.description).toEqual({ vpcId: 'vpc-1', cidrBlock: '10.1.0.0/16' });
    expect(cur.description).toBe(cur.description);
    expect(asked).toBe(1);
    expect(old.description).toEqual({});
    expect(asked).toBe(1);

    // Gone from the service but still indexed: no description.
    state.delete('vpc-1');
    expect(index.get('111111111111', 'us-east-1', 'AWS::EC2::VPC', 'vpc-1')?.description).toBeUndefined();

    // A new run: the describer is registered by loading the service.
    const again = new ResourceIndex(storage, (service) => {
      loaded++;
      if (service === 'ec2') again.describeWith('ec2', () => ({ vpcId: 'vpc-1' }));
    });
    expect(again.get('111111111111', 'us-east-1', 'AWS::EC2::VPC', 'vpc-1')?.description).toEqual({ vpcId: 'vpc-1' });
    expect(loaded).toBe(1);
  });

  it('keeps its text for a subscriber', () => {
    const { storage, index, outbox } = setup();
    index.describeWith('ec2', () => undefined);
    outbox.subscribe('s', () => {});
    let written = 0;
    storage.transaction(() => outbox.emit({ ...change('AWS::EC2::VPC', 'vpc-1', { VpcId: 'vpc-1' }), service: 'ec2', afterJson: () => (written++, '{"vpcId":"vpc-1"}') }));
    expect(written).toBe(1);
    expect(storage.db.prepare('SELECT after_json FROM outbox').get()).toEqual({ after_json: '{"vpcId":"vpc-1"}' });
  });
});

describe('the nullable description migration', () => {
  it('keeps every row and its description', () => {
    const storage = new Storage(null);
    open.push(storage);
    storage.migrate('resource_index', RESOURCE_INDEX_MIGRATIONS.slice(0, 3));
    storage.db.prepare(`INSERT INTO resource_index (account_id, resource_type, resource_id, region, service, arn, resource_name, description_json, relationships_json, tags_json, created_time, updated_time)
                        VALUES ('111111111111', 'AWS::S3::Bucket', 'b1', 'us-east-1', 's3', 'arn:aws:s3:::b1', 'b1', '{"name":"b1"}', NULL, '{"a":"1"}', 't0', 't1')`).run();
    const index = new ResourceIndex(storage);
    expect(index.byArn('111111111111', 'arn:aws:s3:::b1')).toMatchObject({ description: { name: 'b1' }, tags: { a: '1' }, createdTime: 't0' });
    expect(storage.db.prepare("SELECT name FROM sqlite_schema WHERE tbl_name = 'resource_index' AND type = 'index' ORDER BY name").all().map((r: any) => r.name))
      .toEqual(['resource_index_by_arn', 'resource_index_key']);
  });
});
