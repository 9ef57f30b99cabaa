// PutResourceConfig / DeleteResourceConfig: items for third-party resource types, recorded as a
// change to that resource by every running recorder of the region.
import type { RequestContext } from '../../types';
import { listRecorders } from '../store';
import { recordChange, type Recorded } from '../recorder';
import { notRunning, validation } from '../errors';
import { itemsRecorded } from '../listeners';
import { isThirdParty } from '../resource-types';


function running(ctx: RequestContext) {
  const rs = listRecorders(ctx.platform.storage, { accountId: ctx.accountId, region: ctx.region }).filter((r) => r.recording && !r.servicePrincipal);
  if (!rs.length) throw notRunning();
  return rs;
}

export function putResourceConfig(input: any, ctx: RequestContext) {
  if (!isThirdParty(input.ResourceType)) throw validation(`The resource type ${input.ResourceType} is not a third-party resource type.`);
  let configuration: unknown;
  try {
    configuration = JSON.parse(input.Configuration);
  } catch {
    throw validation('Configuration must be a valid JSON string.');
  }
  if (!configuration || typeof configuration !== 'object') throw validation('Configuration must be a JSON object.');
  const tags: Record<string, string> = input.Tags ?? {};
  const recorded: Recorded[] = [];
  for (const r of running(ctx)) {
    recorded.push(...recordChange(ctx.platform, { accountId: ctx.accountId, region: ctx.region }, {
      resourceType: input.ResourceType, resourceId: input.ResourceId, resourceName: input.ResourceName,
      after: { ...(configuration as object), ...(Object.keys(tags).length ? { tags } : {}) }, relationships: [], time: ctx.now.toISOString(),
      eventRegion: ctx.region, created: ctx.now.toISOString(), relatedEvents: [],
    }, r.recordingMode.recordingFrequency ?? 'CONTINUOUS'));
  }
  setImmediate(() => itemsRecorded(ctx.platform, recorded));
  return {};
}

export function deleteResourceConfig(input: any, ctx: RequestContext) {
  if (!isThirdParty(input.ResourceType)) throw validation(`The resource type ${input.ResourceType} is not a third-party resource type.`);
  const recorded: Recorded[] = [];
  for (const r of running(ctx)) {
    recorded.push(...recordChange(ctx.platform, { accountId: ctx.accountId, region: ctx.region }, {
      resourceType: input.ResourceType, resourceId: input.ResourceId, after: null, relationships: [], time: ctx.now.toISOString(),
      eventRegion: ctx.region, relatedEvents: [],
    }, r.recordingMode.recordingFrequency ?? 'CONTINUOUS'));
  }
  setImmediate(() => itemsRecorded(ctx.platform, recorded));
  return {};
}
