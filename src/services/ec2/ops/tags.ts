// CreateTags, DeleteTags, DescribeTags: tags on any resource this service holds, by its id.
import { deleteTag, findResource, tagsOf, allTags } from '../store';
import { ec2Error } from '../errors';
import { compileFilters, type FieldMap } from '../filters';
import { KINDS, kindOfId, notFound } from '../kinds';
import { paginate } from '../paging';
import { where, type Ctx } from '../resources';
import { changeTags, validateTags, writeTags } from '../tagging';

function resourceOf(ctx: Ctx, id: string) {
  const kind = kindOfId(id);
  if (!kind) throw ec2Error('InvalidID', id);
  const r = findResource(ctx.platform.storage, where(ctx), id, kind);
  if (!r) throw notFound(kind, id);
  return r;
}

export function createTags(input: { Resources: string[]; Tags: { Key?: string; Value?: string }[] }, ctx: Ctx) {
  const tags = validateTags(input.Tags ?? []);
  const resources = (input.Resources ?? []).map((id) => resourceOf(ctx, id));
  for (const r of resources) changeTags(ctx, r, () => writeTags(ctx, r.id, tags));
  return {};
}

export function deleteTags(input: { Resources: string[]; Tags?: { Key?: string; Value?: string }[] }, ctx: Ctx) {
  const resources = (input.Resources ?? []).map((id) => resourceOf(ctx, id));
  for (const r of resources) {
    changeTags(ctx, r, () => {
      const current = tagsOf(ctx.platform.storage, where(ctx), r.id);
      for (const t of current) {
        // No Tags removes them all; a Value (even "") removes the tag only when it matches.
        const asked = input.Tags === undefined || input.Tags.some((x) => x.Key === t.Key && (x.Value === undefined || x.Value === t.Value));
        if (asked) deleteTag(ctx.platform.storage, where(ctx), r.id, t.Key);
      }
    });
  }
  return {};
}

interface TagRow { Tags?: never; ResourceId: string; ResourceType: string; Key: string; Value: string }

const TAG_FIELDS: FieldMap<TagRow> = {
  key: (t) => t.Key,
  value: (t) => t.Value,
  'resource-id': (t) => t.ResourceId,
  'resource-type': (t) => t.ResourceType,
};

export function describeTags(input: { Filters?: { Name?: string; Values?: string[] }[]; MaxResults?: number; NextToken?: string }, ctx: Ctx) {
  const test = compileFilters<TagRow>(input.Filters, TAG_FIELDS);
  const rows = allTags(ctx.platform.storage, where(ctx))
    .map((t): TagRow => ({ ResourceId: t.id, ResourceType: KINDS[t.kind]?.tagType ?? t.kind, Key: t.key, Value: t.value }))
    .filter(test);
  const { page, nextToken } = paginate(rows, (t) => `${t.ResourceId}\u0000${t.Key}`, input.MaxResults, input.NextToken);
  return { Tags: page, NextToken: nextToken };
}
