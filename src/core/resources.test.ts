import { afterEach, describe, expect, it } from 'vitest';
import { Storage } from '../storage/database';
import { Outbox, type ResourceChange } from './events';
import { ResourceIndex, tagsOf } from './resources';

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
