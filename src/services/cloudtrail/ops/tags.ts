// AddTags, RemoveTags, ListTags for trails (by ARN, or by name in this Region).
import type { RequestContext } from '../../types';
import { invalidArn, invalidTags, resourceNotFound, tagsLimit } from '../errors';
import { findNamedTrail, TRAIL_TYPE, trailArn } from '../names';
import { saveTrail, type Tag, type TrailRow } from '../store-trails';

const MAX_TAGS = 50;
const OTHER_RESOURCES = /^arn:[^:]+:cloudtrail:[^:]*:\d{12}:(eventdatastore|channel|dashboard)\//;

/** Adds or overwrites tags by key; AWS's checks: reserved prefix, duplicates, then the limit. */
export function mergeTags(existing: Tag[], added: Tag[]): Tag[] {
  if (added.some((t) => t.Key.toLowerCase().startsWith('aws:'))) throw invalidTags('Tag keys beginning with aws: are reserved.');
  const keys = added.map((t) => t.Key);
  if (new Set(keys).size !== keys.length) throw invalidTags('Duplicate tag keys are not allowed.');
  const merged = existing.filter((t) => !keys.includes(t.Key)).concat(added.map((t) => (t.Value === undefined ? { Key: t.Key } : { Key: t.Key, Value: t.Value })));
  if (merged.length > MAX_TAGS) throw tagsLimit();
  return merged;
}

function taggedTrail(ctx: RequestContext, resourceId: string): TrailRow {
  // kanri has no event data stores, channels or dashboards yet, so their ARNs name nothing.
  if (OTHER_RESOURCES.test(resourceId)) throw resourceNotFound(resourceId);
  if (resourceId.includes(':') && !resourceId.startsWith('arn:')) throw invalidArn(resourceId);
  const trail = findNamedTrail(ctx, resourceId);
  if (!trail) throw resourceNotFound(resourceId);
  ctx.touch(TRAIL_TYPE, trailArn(trail));
  return trail;
}

export function addTags(input: { ResourceId: string; TagsList: Tag[] }, ctx: RequestContext) {
  const trail = taggedTrail(ctx, input.ResourceId);
  saveTrail(ctx.platform.storage, { ...trail, tags: mergeTags(trail.tags, input.TagsList) });
  return {};
}

/** A tag goes when its key matches and, if a value is given, its value too; absent tags are not an error. */
export function removeTags(input: { ResourceId: string; TagsList: Tag[] }, ctx: RequestContext) {
  const trail = taggedTrail(ctx, input.ResourceId);
  const removed = (t: Tag) => input.TagsList.some((r) => r.Key === t.Key && (r.Value === undefined || r.Value === t.Value));
  saveTrail(ctx.platform.storage, { ...trail, tags: trail.tags.filter((t) => !removed(t)) });
  return {};
}

export function listTags(input: { ResourceIdList: string[] }, ctx: RequestContext) {
  return {
    ResourceTagList: input.ResourceIdList.map((id) => ({ ResourceId: id, TagsList: taggedTrail(ctx, id).tags })),
  };
}
