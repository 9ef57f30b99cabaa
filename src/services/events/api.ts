// What other services may call: put an event on a bus (the default one unless named), as AWS
// services do for their own changes (Config, SSM, S3 ...). It is written in the caller's
// transaction when there is one, and delivered after that commits.
import type { Platform } from '../../core/platform';
import { kickDeliveries } from './delivery';
import { DEFAULT_BUS, ensureDefaultBus, scopeOf } from './names';
import { buildEvent, routeEvent } from './routing';
import { findBus } from './store';

export interface ServiceEvent {
  source: string;
  detailType: string;
  detail: object;
  resources?: string[];
  time?: Date;
  busName?: string;
}

/** Puts one event; returns its id, or undefined when the named bus does not exist. */
export function putEvent(platform: Platform, accountId: string, region: string, entry: ServiceEvent): string | undefined {
  platform.service('events'); // its tables and jobs, even before any EventBridge request
  const scope = scopeOf(platform, accountId, region);
  const bus = entry.busName ?? DEFAULT_BUS;
  return platform.storage.transaction(() => {
    if (bus === DEFAULT_BUS) ensureDefaultBus(scope);
    else if (!findBus(platform.storage, accountId, region, bus)) return undefined;
    const event = buildEvent(scope, { source: entry.source, detailType: entry.detailType, detail: entry.detail, resources: entry.resources, time: entry.time ?? scope.now });
    if (routeEvent(scope, bus, event)) kickDeliveries(platform);
    return event.id;
  });
}
