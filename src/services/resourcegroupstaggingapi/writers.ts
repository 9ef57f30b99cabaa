// TagResources/UntagResources hand each ARN to its own service's tagging operation, so the service
// validates, stores and records the change exactly as a direct call would.
import type { IndexedResource } from '../../core/resources';
import type { RequestContext } from '../types';

type TagMap = Record<string, string>;
const list = (tags: TagMap) => Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
const lastSegment = (arn: string) => arn.slice(Math.max(arn.lastIndexOf('/'), arn.lastIndexOf(':')) + 1);

interface Writer {
  service: string;
  tag(r: IndexedResource, tags: TagMap): [operation: string, input: unknown];
  untag(r: IndexedResource, keys: string[]): [operation: string, input: unknown];
}

const IAM_NAMES: Record<string, [string, string]> = {
  'AWS::IAM::User': ['User', 'UserName'], 'AWS::IAM::Role': ['Role', 'RoleName'], 'AWS::IAM::Policy': ['Policy', 'PolicyArn'],
};

function iamWriter(type: string): Writer | undefined {
  const names = IAM_NAMES[type];
  if (!names) return undefined;
  const [noun, member] = names;
  const target = (r: IndexedResource) => ({ [member]: member === 'PolicyArn' ? r.arn : r.resourceName ?? lastSegment(r.arn!) });
  return {
    service: 'iam',
    tag: (r, tags) => [`Tag${noun}`, { ...target(r), Tags: list(tags) }],
    untag: (r, keys) => [`Untag${noun}`, { ...target(r), TagKeys: keys }],
  };
}

/** The writer for a resource, by the service that owns it; undefined when kanri has none. */
export function writerFor(r: IndexedResource): Writer | undefined {
  const arn = r.arn!;
  switch (r.service) {
    case 'ec2':
      return { service: 'ec2', tag: (x, t) => ['CreateTags', { Resources: [x.resourceId], Tags: list(t) }], untag: (x, k) => ['DeleteTags', { Resources: [x.resourceId], Tags: k.map((Key) => ({ Key })) }] };
    case 's3': {
      // S3 replaces a bucket's whole tag set: merge with what the bucket has now.
      const put = (x: IndexedResource, tags: TagMap): [string, unknown] => Object.keys(tags).length
        ? ['PutBucketTagging', { Bucket: x.resourceId, Tagging: { TagSet: list(tags) } }] : ['DeleteBucketTagging', { Bucket: x.resourceId }];
      return {
        service: 's3', tag: (x, t) => put(x, { ...x.tags, ...t }),
        untag: (x, k) => put(x, Object.fromEntries(Object.entries(x.tags).filter(([key]) => !k.includes(key)))),
      };
    }
    case 'sqs':
      return { service: 'sqs', tag: (x, t) => ['TagQueue', { QueueUrl: x.resourceId, Tags: t }], untag: (x, k) => ['UntagQueue', { QueueUrl: x.resourceId, TagKeys: k }] };
    case 'sns':
      return { service: 'sns', tag: (x, t) => ['TagResource', { ResourceArn: arn, Tags: list(t) }], untag: (x, k) => ['UntagResource', { ResourceArn: arn, TagKeys: k }] };
    case 'lambda':
      return { service: 'lambda', tag: (x, t) => ['TagResource', { Resource: arn, Tags: t }], untag: (x, k) => ['UntagResource', { Resource: arn, TagKeys: k }] };
    case 'kms':
      return {
        service: 'kms', tag: (x, t) => ['TagResource', { KeyId: arn, Tags: Object.entries(t).map(([TagKey, TagValue]) => ({ TagKey, TagValue })) }],
        untag: (x, k) => ['UntagResource', { KeyId: arn, TagKeys: k }],
      };
    case 'events':
      return { service: 'events', tag: (x, t) => ['TagResource', { ResourceARN: arn, Tags: list(t) }], untag: (x, k) => ['UntagResource', { ResourceARN: arn, TagKeys: k }] };
    case 'iam':
      return iamWriter(r.resourceType);
    case 'resource-groups':
      return { service: 'resource-groups', tag: (x, t) => ['Tag', { Arn: arn, Tags: t }], untag: (x, k) => ['Untag', { Arn: arn, Keys: k }] };
    default:
      return undefined;
  }
}

/** Runs the owning service's operation in a savepoint, so one resource's failure leaves the others done. */
export async function runWriter(ctx: RequestContext, service: string, [operation, input]: [string, unknown]): Promise<void> {
  const handler = ctx.platform.service(service)?.handlers[operation];
  if (!handler) throw new Error(`${service} ${operation} is not available`);
  await ctx.platform.storage.transaction(() => handler(input, ctx));
}
