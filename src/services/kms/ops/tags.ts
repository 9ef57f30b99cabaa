// TagResource, UntagResource, ListResourceTags.
import type { RequestContext } from '../../types';
import { tagError } from '../errors';
import type { Scope } from '../names';
import { pageOf } from '../paging';
import { findKeyRow, requireCustomerManaged, requireNotPendingDeletion } from '../resolve';
import { countTags, deleteTag, listTags, putTag, type KeyRow } from '../store';

export interface TagInput { TagKey: string; TagValue: string }

const MAX_TAGS = 50;

/** Checks and writes tags, in AWS's order: reserved prefix, duplicates, then the count. */
export function addTags(scope: Scope, row: KeyRow, tags: TagInput[]): void {
  const storage = scope.platform.storage;
  if (tags.some((t) => t.TagKey.toLowerCase().startsWith('aws:'))) throw tagError('Tags beginning with aws: are reserved');
  const keys = new Set(tags.map((t) => t.TagKey));
  if (keys.size !== tags.length) throw tagError('Duplicate tag keys');
  const existing = new Set(listTags(storage, row.accountId, row.region, row.keyId, '', MAX_TAGS + 1).map((t) => t.key));
  const added = [...keys].filter((k) => !existing.has(k)).length;
  if (countTags(storage, row.accountId, row.region, row.keyId) + added > MAX_TAGS) throw tagError('Too many tags');
  for (const t of tags) putTag(storage, row.accountId, row.region, row.keyId, t.TagKey, t.TagValue);
}

function taggable(ctx: RequestContext, keyId: string, action: string): KeyRow {
  const row = findKeyRow(ctx, keyId);
  requireCustomerManaged(ctx, row, action);
  requireNotPendingDeletion(row);
  return row;
}

export function tagResource(input: { KeyId: string; Tags: TagInput[] }, ctx: RequestContext) {
  addTags(ctx, taggable(ctx, input.KeyId, 'TagResource'), input.Tags);
  return {};
}

/** Removing a tag the key does not have is not an error. */
export function untagResource(input: { KeyId: string; TagKeys: string[] }, ctx: RequestContext) {
  const row = taggable(ctx, input.KeyId, 'UntagResource');
  for (const key of input.TagKeys) deleteTag(ctx.platform.storage, row.accountId, row.region, row.keyId, key);
  return {};
}

export function listResourceTags(input: { KeyId: string; Limit?: number; Marker?: string }, ctx: RequestContext) {
  const row = findKeyRow(ctx, input.KeyId);
  const page = pageOf(input.Marker, input.Limit, 50, (after, n) => listTags(ctx.platform.storage, row.accountId, row.region, row.keyId, after, n), (t) => t.key);
  return { Tags: page.items.map((t) => ({ TagKey: t.key, TagValue: t.value })), Truncated: page.Truncated, NextMarker: page.NextMarker };
}
