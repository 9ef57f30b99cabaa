// In-process listeners for new configuration items (the rules engine's change-triggered evaluation).
import type { Platform } from '../../core/platform';
import type { ConfigItem } from './items';

type Listener = (item: ConfigItem, platform: Platform) => void;
const listeners = new Set<Listener>();

export function addItemListener(fn: Listener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Called after the items' transaction committed; a failing listener never stops the others. */
export function itemsRecorded(platform: Platform, recorded: { item: ConfigItem }[]): void {
  if (!listeners.size) return;
  for (const { item } of recorded) {
    for (const fn of listeners) {
      try {
        fn(item, platform);
      } catch (err) {
        console.error(`kanri: a Config item listener failed: ${(err as Error).message}`);
      }
    }
  }
}
