// AWS::SSM::ManagedInstanceInventory, as AWS Config records it: one configuration item per
// instance whose `configuration` holds each inventory type (CaptureTime, SchemaVersion, TypeName)
// and its Content keyed by entry (the application name, the interface name, the instance id ...);
// two entries under one key (two kernels) become a list, as in AWS's items.
import type { RequestContext } from '../../types';
import { findInventoryInstance } from './instances';
import { itemsOf, type Entry, type ItemRow } from './store';

const KEY_ATTRIBUTES = ['InstanceId', 'Name', 'HotFixId', 'Id', 'KeyPath', 'Key'];

function keyOf(e: Entry, index: number): string {
  for (const k of KEY_ATTRIBUTES) if (typeof e[k] === 'string' && e[k] !== '') return e[k];
  return String(index);
}

function keyedContent(content: Entry[]): Record<string, Entry | Entry[]> {
  const out: Record<string, Entry | Entry[]> = Object.create(null);
  content.forEach((e, i) => {
    const k = keyOf(e, i);
    const had = out[k];
    out[k] = had === undefined ? e : Array.isArray(had) ? [...had, e] : [had, e];
  });
  return { ...out };
}

/** The item's configuration, or null when the instance has no inventory. */
export function inventoryConfiguration(ctx: RequestContext, instanceId: string): Record<string, unknown> | null {
  const items: ItemRow[] = itemsOf(ctx.platform.storage, ctx, instanceId);
  if (!items.length) return null;
  const instance = findInventoryInstance(ctx, instanceId);
  const latest = items.reduce((a, i) => (i.captureTime > a ? i.captureTime : a), '');
  const config: Record<string, unknown> = {};
  if (instance) {
    const { InstanceStatus: _status, ...information } = instance.information;
    config['AWS:InstanceInformation'] = { CaptureTime: latest, Content: { [instanceId]: information }, SchemaVersion: '1.0', TypeName: 'AWS:InstanceInformation' };
  }
  for (const i of items) config[i.typeName] = { CaptureTime: i.captureTime, Content: keyedContent(i.content), SchemaVersion: i.schemaVersion, TypeName: i.typeName };
  return config;
}

/** Strips capture times: a new capture of the same content is no configuration change. */
function comparable(c: Record<string, unknown> | null): string {
  return JSON.stringify(c, (k, v) => (k === 'CaptureTime' ? undefined : v));
}

export function emitInventoryChange(ctx: RequestContext, instanceId: string, before: Record<string, unknown> | null): void {
  const after = inventoryConfiguration(ctx, instanceId);
  if (comparable(before) === comparable(after)) return;
  ctx.emit({
    resourceType: 'AWS::SSM::ManagedInstanceInventory', resourceId: instanceId, resourceName: instanceId,
    arn: `arn:aws:ssm:${ctx.region}:${ctx.accountId}:managed-instance-inventory/${instanceId}`, before, after,
    relationships: instanceId.startsWith('i-') ? [{ resourceType: 'AWS::EC2::Instance', resourceId: instanceId, name: 'Is associated with Instance' }] : [],
  });
}
