// Object tagging (also set by the x-amz-tagging header on writes) and bucket tagging.
import type { RequestContext } from '../../types';
import { requireBucket, requireOwnBucket } from '../access';
import { changeBucket } from '../describe';
import { invalidTag, noSuchConfig } from '../errors';
import { deleteConfig, getConfig, putConfig } from '../store';
import { setTags, type Tag } from '../store-objects';
import { resolveVersion, shownVersionId } from '../versions';
import { notifyObjectEvent } from '../notify';

/** AWS's tag rules: unique keys, no aws: prefix, key ≤ 128 and value ≤ 256 characters, at most `max` tags. */
export function checkTagSet(tags: Tag[], max = 50): void {
  if (tags.length > max) throw invalidTag(max === 10 ? 'Object tags cannot be greater than 10' : 'Bucket tag count cannot be greater than 50');
  const seen = new Set<string>();
  for (const { Key, Value } of tags) {
    if (seen.has(Key)) throw invalidTag('Cannot provide multiple Tags with the same key', { TagKey: Key });
    seen.add(Key);
    if (Key.toLowerCase().startsWith('aws:')) throw invalidTag('System tags cannot be added/updated by requester', { TagKey: Key });
    if (!Key || [...Key].length > 128) throw invalidTag('The TagKey you have provided is invalid', { TagKey: Key });
    if ([...(Value ?? '')].length > 256) throw invalidTag('The TagValue you have provided is invalid', { TagKey: Key, TagValue: Value });
  }
}

/** The x-amz-tagging header: a URL-encoded query string of tags. */
export function parseTaggingHeader(header: string | undefined): Tag[] {
  if (!header) return [];
  const tags = [...new URLSearchParams(header)].map(([Key, Value]) => ({ Key, Value }));
  checkTagSet(tags, 10);
  return tags;
}

interface ObjectTaggingInput { Bucket: string; Key: string; VersionId?: string; ExpectedBucketOwner?: string; Tagging?: { TagSet?: Tag[] } }

export function getObjectTagging(input: ObjectTaggingInput, ctx: RequestContext) {
  const bucket = requireBucket(ctx, input.Bucket, input.ExpectedBucketOwner);
  const object = resolveVersion(ctx, bucket, input.Key, input.VersionId, 'GET');
  return { TagSet: object.tags, VersionId: shownVersionId(bucket, object.versionId) };
}

export function putObjectTagging(input: ObjectTaggingInput, ctx: RequestContext) {
  const bucket = requireBucket(ctx, input.Bucket, input.ExpectedBucketOwner);
  const object = resolveVersion(ctx, bucket, input.Key, input.VersionId, 'PUT');
  const tags = input.Tagging?.TagSet ?? [];
  checkTagSet(tags, 10);
  setTags(ctx.platform.storage, object.id, tags);
  notifyObjectEvent(ctx, bucket, { eventName: 'ObjectTagging:Put', key: object.key, etag: object.etag, versionId: object.versionId });
  return { VersionId: shownVersionId(bucket, object.versionId) };
}

export function deleteObjectTagging(input: ObjectTaggingInput, ctx: RequestContext) {
  const bucket = requireBucket(ctx, input.Bucket, input.ExpectedBucketOwner);
  const object = resolveVersion(ctx, bucket, input.Key, input.VersionId, 'DELETE');
  setTags(ctx.platform.storage, object.id, []);
  notifyObjectEvent(ctx, bucket, { eventName: 'ObjectTagging:Delete', key: object.key, etag: object.etag, versionId: object.versionId });
  return { VersionId: shownVersionId(bucket, object.versionId) };
}

interface BucketTaggingInput { Bucket: string; ExpectedBucketOwner?: string; Tagging?: { TagSet?: Tag[] } }

export function getBucketTagging(input: BucketTaggingInput, ctx: RequestContext) {
  const bucket = requireOwnBucket(ctx, input.Bucket, input.ExpectedBucketOwner);
  const tags = getConfig<Tag[]>(ctx.platform.storage, bucket.id, 'tagging');
  if (!tags?.length) throw noSuchConfig('NoSuchTagSet', 'The TagSet does not exist', bucket.name);
  return { TagSet: tags };
}

export function putBucketTagging(input: BucketTaggingInput, ctx: RequestContext) {
  const bucket = requireOwnBucket(ctx, input.Bucket, input.ExpectedBucketOwner);
  const tags = input.Tagging?.TagSet ?? [];
  checkTagSet(tags);
  changeBucket(ctx, bucket, () => putConfig(ctx.platform.storage, bucket.id, 'tagging', tags));
  return {};
}

export function deleteBucketTagging(input: BucketTaggingInput, ctx: RequestContext) {
  const bucket = requireOwnBucket(ctx, input.Bucket, input.ExpectedBucketOwner);
  changeBucket(ctx, bucket, () => deleteConfig(ctx.platform.storage, bucket.id, 'tagging'));
  return {};
}
