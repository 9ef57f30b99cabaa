// Discovery: when a recorder starts (or its group changes while it runs), every existing resource of
// a recorded type gets an item (ResourceDiscovered, or OK if it changed while nobody recorded it),
// items of resources that went away meanwhile get ResourceDeleted, and types that left the group
// get ResourceNotRecorded.
import type { Platform } from '../../core/platform';
import type { IndexedResource } from '../../core/resources';
import type { RecorderRow } from './store';
import { currentItem, currentOfTypes, replaceRelations } from './store-items';
import { recordChange, recordForRecorder, type Change, type Recorded } from './recorder';
import { frequencyOf, GLOBAL_TYPES, recordsType } from './recording-group';
import { isThirdParty } from './resource-types';

export function discover(platform: Platform, r: RecorderRow): Recorded[] {
  const s = platform.storage;
  const scope = { accountId: r.accountId, region: r.region };
  const time = platform.clock.date().toISOString();
  const resources = [
    ...platform.resources.list({ accountId: r.accountId, region: r.region }),
    ...platform.resources.list({ accountId: r.accountId, region: 'global' }),
  ].filter((x) => recordsType(r, x.resourceType) && (x.region !== 'global' || GLOBAL_TYPES.has(x.resourceType)))
    // Read through the service when it describes its own (EC2); one it no longer has is gone.
    .filter((x) => x.description !== undefined);
  // Relationships first, so every discovered item shows the inverses of the others' too.
  for (const x of resources) replaceRelations(s, scope, x.resourceType, x.resourceId, x.relationships);
  const out: Recorded[] = [];
  const alive = new Set<string>();
  for (const x of resources) {
    alive.add(`${x.resourceType}\u0000${x.resourceId}`);
    const cur = currentItem(s, scope, x.resourceType, x.resourceId);
    const fresh = !cur || cur.deleted || cur.item.configurationItemStatus === 'ResourceNotRecorded';
    out.push(...recordChange(platform, scope, changeOf(x, time, fresh ? 'ResourceDiscovered' : 'OK'), frequencyOf(r, x.resourceType)));
  }
  for (const cur of currentOfTypes(s, scope, () => true)) {
    if (cur.deleted || isThirdParty(cur.item.resourceType)) continue; // PutResourceConfig's, not the platform's
    const { resourceType: type, resourceId: id, configurationItemStatus: status } = cur.item;
    if (!recordsType(r, type)) {
      if (status !== 'ResourceNotRecorded') out.push(...recordChange(platform, scope, keep(cur.item, time, 'ResourceNotRecorded'), frequencyOf(r, type)));
    } else if (!alive.has(`${type}\u0000${id}`)) {
      out.push(...recordForRecorder(platform, r, { ...keep(cur.item, time, 'ResourceDeleted'), after: null }));
    }
  }
  return out;
}

function changeOf(x: IndexedResource, time: string, status: string): Change {
  return {
    resourceType: x.resourceType, resourceId: x.resourceId, arn: x.arn, resourceName: x.resourceName, after: x.description!,
    relationships: x.relationships, time, eventRegion: x.region, created: x.createdTime, status, relatedEvents: [],
  };
}

function keep(item: Recorded['item'], time: string, status: string): Change {
  return {
    resourceType: item.resourceType, resourceId: item.resourceId, arn: item.arn, resourceName: item.resourceName, after: item.configuration,
    relationships: [], time, eventRegion: item.awsRegion, status, relatedEvents: [],
  };
}
