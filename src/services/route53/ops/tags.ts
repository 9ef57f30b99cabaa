// Tags of hosted zones and health checks (ResourceType hostedzone | healthcheck).
import type { RequestContext } from '../../types';
import { invalidInput } from '../errors';
import { deleteTag, putTag, tagsOf } from '../store';
import { bareId } from '../names';
import { emitZone, getZone, zoneConfiguration } from '../views';
import { getCheck } from './health-checks';

const MAX_TAGS = 50;

function checkResource(ctx: RequestContext, type: string, id: string): void {
  if (type === 'hostedzone') getZone(ctx, id);
  else getCheck(ctx, id);
}

export function changeTagsForResource(input: any, ctx: RequestContext) {
  const type = input.ResourceType;
  const id = bareId(input.ResourceId);
  checkResource(ctx, type, id);
  const s = ctx.platform.storage;
  const before = type === 'hostedzone' ? zoneConfiguration(ctx, getZone(ctx, id)) : null;
  for (const t of input.AddTags ?? []) {
    if (t.Key === undefined) throw invalidInput('Invalid request: a tag needs a Key.');
    putTag(s, type, id, t.Key, t.Value ?? '');
  }
  for (const key of input.RemoveTagKeys ?? []) deleteTag(s, type, id, key);
  if (tagsOf(s, type, id).length > MAX_TAGS) throw invalidInput(`Invalid request: a resource can have at most ${MAX_TAGS} tags.`);
  if (type === 'hostedzone') {
    const z = getZone(ctx, id);
    emitZone(ctx, z, before, zoneConfiguration(ctx, z));
  }
  return {};
}

export function listTagsForResource(input: any, ctx: RequestContext) {
  const id = bareId(input.ResourceId);
  checkResource(ctx, input.ResourceType, id);
  return { ResourceTagSet: { ResourceType: input.ResourceType, ResourceId: id, Tags: tagsOf(ctx.platform.storage, input.ResourceType, id) } };
}

export function listTagsForResources(input: any, ctx: RequestContext) {
  const sets = (input.ResourceIds as string[]).map((raw) => {
    const id = bareId(raw);
    checkResource(ctx, input.ResourceType, id);
    return { ResourceType: input.ResourceType, ResourceId: id, Tags: tagsOf(ctx.platform.storage, input.ResourceType, id) };
  });
  return { ResourceTagSets: sets };
}
