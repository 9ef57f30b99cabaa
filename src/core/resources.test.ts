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
});
