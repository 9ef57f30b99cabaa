// configurationItemDiff as AWS sends it in ConfigurationItemChangeNotification: changed properties
// keyed by path ("Configuration.IpPermissions.0", "Relationships.1"), each with previousValue,
// updatedValue and changeType CREATE / UPDATE / DELETE.
import type { ConfigItem } from './items';
import { fileItem } from './items';

export interface PropertyChange { previousValue: unknown; updatedValue: unknown; changeType: 'CREATE' | 'UPDATE' | 'DELETE' }

const cap = (k: string) => k.charAt(0).toUpperCase() + k.slice(1);
const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function walk(path: string, a: unknown, b: unknown, out: Record<string, PropertyChange>): void {
  if (JSON.stringify(a) === JSON.stringify(b)) return;
  if (isObject(a) && isObject(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) walk(`${path}.${cap(k)}`, a[k], b[k], out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    // Elements are compared by content: one that is in both lists did not change, wherever it sits.
    const keyOf = (v: unknown) => JSON.stringify(v);
    const inB = new Set(b.map(keyOf));
    const inA = new Set(a.map(keyOf));
    a.forEach((v, i) => { if (!inB.has(keyOf(v))) out[`${path}.${i}`] = { previousValue: v, updatedValue: null, changeType: 'DELETE' }; });
    b.forEach((v, i) => {
      if (inA.has(keyOf(v))) return;
      const key = `${path}.${i}`;
      if (out[key]) out[key] = { previousValue: out[key].previousValue, updatedValue: v, changeType: 'UPDATE' };
      else out[key] = { previousValue: null, updatedValue: v, changeType: 'CREATE' };
    });
    return;
  }
  const changeType = a === undefined || a === null ? 'CREATE' : b === undefined || b === null ? 'DELETE' : 'UPDATE';
  out[path] = { previousValue: a ?? null, updatedValue: b ?? null, changeType };
}

/** The diff between the previous and the new state of a resource. */
export function itemDiff(previous: ConfigItem | undefined, item: ConfigItem): { changedProperties: Record<string, PropertyChange>; changeType: string } {
  const deleted = item.configurationItemStatus === 'ResourceDeleted' || item.configurationItemStatus === 'ResourceDeletedNotRecorded';
  if (!previous) return { changedProperties: {}, changeType: 'CREATE' };
  const changedProperties: Record<string, PropertyChange> = {};
  const prev = fileItem(previous), next = fileItem(item);
  if (deleted) {
    changedProperties.Configuration = { previousValue: prev.configuration, updatedValue: null, changeType: 'DELETE' };
    if ((prev.relationships as unknown[]).length) walk('Relationships', prev.relationships, [], changedProperties);
    return { changedProperties, changeType: 'DELETE' };
  }
  walk('Configuration', prev.configuration, next.configuration, changedProperties);
  walk('Relationships', prev.relationships, next.relationships, changedProperties);
  walk('SupplementaryConfiguration', prev.supplementaryConfiguration, next.supplementaryConfiguration, changedProperties);
  walk('Tags', prev.tags, next.tags, changedProperties);
  return { changedProperties, changeType: 'UPDATE' };
}
