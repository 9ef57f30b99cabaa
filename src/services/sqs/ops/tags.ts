// TagQueue, UntagQueue, ListQueueTags, and the tag checks CreateQueue shares.
import type { RequestContext } from '../../types';
import { invalidParameterValue } from '../errors';
import { changingQueue } from '../events';
import { requireQueue } from '../resolve';
import { updateQueueTags } from '../store';

const MAX_TAGS = 50;

/** Merges new tags into current ones with AWS's limits; answers the merged map. */
export function checkTags(add: Record<string, string>, current: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = Object.assign(Object.create(null), current);
  for (const key of Object.keys(add)) {
    const value = String(add[key] ?? '');
    if (key.length < 1 || key.length > 128) throw invalidParameterValue(`Tag key must be between 1 and 128 characters: ${key}`);
    if (value.length > 256) throw invalidParameterValue(`Tag value must be at most 256 characters: ${key}`);
    if (/^aws:/i.test(key)) throw invalidParameterValue(`Tag keys beginning with aws: are reserved: ${key}`);
    out[key] = value;
  }
  if (Object.keys(out).length > MAX_TAGS) throw invalidParameterValue(`Too many tags added for queue. Maximum is ${MAX_TAGS}.`);
  return out;
}

export function tagQueue(input: { QueueUrl: string; Tags: Record<string, string> }, ctx: RequestContext) {
  const q = requireQueue(ctx, input.QueueUrl);
  if (!Object.keys(input.Tags ?? {}).length) throw invalidParameterValue('The request must contain at least one tag.');
  const tags = checkTags(input.Tags, q.tags);
  changingQueue(ctx, q, () => updateQueueTags(ctx.platform.storage, q, tags));
  return {};
}

export function untagQueue(input: { QueueUrl: string; TagKeys: string[] }, ctx: RequestContext) {
  const q = requireQueue(ctx, input.QueueUrl);
  if (!(input.TagKeys ?? []).length) throw invalidParameterValue('The request must contain at least one tag key.');
  const tags: Record<string, string> = Object.assign(Object.create(null), q.tags);
  for (const k of input.TagKeys) delete tags[k];
  changingQueue(ctx, q, () => updateQueueTags(ctx.platform.storage, q, tags));
  return {};
}

export function listQueueTags(input: { QueueUrl: string }, ctx: RequestContext) {
  const q = requireQueue(ctx, input.QueueUrl);
  return Object.keys(q.tags).length ? { Tags: { ...q.tags } } : {};
}
