// AddTagsToResource, ListTagsForResource, RemoveTagsFromResource for the SSM resources kanri has.
// Each resource type registers how to find a resource's id (parameters by name, documents ...).
import type { RequestContext } from '../types';
import { invalidResourceId, invalidResourceType, tooManyTags, validation } from './errors';
import { keyOf } from './names';
import { findDocument } from './store-documents';
import { findOpsItem } from './store-opsitems';
import { findParameter, putTag, removeTag, tagsOf } from './store-parameters';

const MAX_TAGS = 50;

/** Resource types kanri keeps, each resolving a ResourceId to the id its tags are stored under. */
const RESOLVERS: Record<string, (ctx: RequestContext, id: string) => string | undefined> = Object.create(null);
RESOLVERS.Parameter = (ctx, id) => (findParameter(ctx.platform.storage, ctx, keyOf(id)) ? keyOf(id) : undefined);
RESOLVERS.OpsItem = (ctx, id) => (findOpsItem(ctx.platform.storage, ctx, id) ? id : undefined);
RESOLVERS.Document = (ctx, id) => (findDocument(ctx.platform.storage, ctx, id) ? id : undefined);

export function registerTaggable(type: string, resolve: (ctx: RequestContext, id: string) => string | undefined): void {
  RESOLVERS[type] = resolve;
}

// Types the model names that kanri has no resources of yet: a well-formed id names nothing.
const KNOWN_TYPES = ['Document', 'ManagedInstance', 'MaintenanceWindow', 'Parameter', 'PatchBaseline', 'OpsItem', 'OpsMetadata', 'Automation', 'Association'];

function resolve(ctx: RequestContext, type: string, id: string): string {
  if (!KNOWN_TYPES.includes(type)) throw invalidResourceType();
  const resolver = RESOLVERS[type];
  const found = resolver?.(ctx, id);
  if (found === undefined) throw invalidResourceId();
  return found;
}

export function addTagsToResource(input: { ResourceType: string; ResourceId: string; Tags: { Key: string; Value: string }[] }, ctx: RequestContext) {
  const id = resolve(ctx, input.ResourceType, input.ResourceId);
  const storage = ctx.platform.storage;
  for (const t of input.Tags) if (/^aws:/i.test(t.Key)) throw validation(`Tag keys can't begin with "aws:". Remove the reserved prefix from ${t.Key} and try again.`);
  const keys = new Set(tagsOf(storage, ctx, input.ResourceType, id).map((t) => t.Key));
  for (const t of input.Tags) keys.add(t.Key);
  if (keys.size > MAX_TAGS) throw tooManyTags();
  for (const t of input.Tags) putTag(storage, ctx, input.ResourceType, id, t.Key, t.Value);
  return {};
}

export function listTagsForResource(input: { ResourceType: string; ResourceId: string }, ctx: RequestContext) {
  const id = resolve(ctx, input.ResourceType, input.ResourceId);
  return { TagList: tagsOf(ctx.platform.storage, ctx, input.ResourceType, id) };
}

export function removeTagsFromResource(input: { ResourceType: string; ResourceId: string; TagKeys: string[] }, ctx: RequestContext) {
  const id = resolve(ctx, input.ResourceType, input.ResourceId);
  for (const key of input.TagKeys) removeTag(ctx.platform.storage, ctx, input.ResourceType, id, key);
  return {};
}
