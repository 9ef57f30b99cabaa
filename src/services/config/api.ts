// What other parts of kanri use from Config: current items as an ItemSource (SelectResourceConfig,
// the rules engine), a hook for every newly recorded item, and tag checks for Config resources.
import type { Platform } from '../../core/platform';
import { liveItems, liveItemsById } from './store-items';
import { addItemListener } from './listeners';
import type { ConfigItem } from './items';

export type { ConfigItem, Relationship } from './items';
export { registerTaggable } from './taggable';

/** Current, non-deleted configuration items of one account and region, in format 1.3 (camelCase). */
export interface ItemSource {
  byType(type: string): Iterable<ConfigItem>;
  byId?(id: string): Iterable<ConfigItem>;
  all(): Iterable<ConfigItem>;
}

export function itemSource(platform: Platform, accountId: string, region: string): ItemSource {
  platform.service('config');
  const scope = { accountId, region };
  return {
    byType: (type) => liveItems(platform.storage, scope, [type]),
    byId: (id) => liveItemsById(platform.storage, scope, id),
    all: () => liveItems(platform.storage, scope),
  };
}

/**
 * Calls fn with every item Config records, after the item's transaction committed (change-triggered
 * rules). Returns a function that removes the listener.
 */
export function onItemRecorded(fn: (item: ConfigItem, platform: Platform) => void): () => void {
  return addItemListener(fn);
}
