// CloudTrail: the event history of every API call, LookupEvents, and trails that deliver log files.
import type { Platform } from '../../core/platform';
import type { ServicePlugin } from '../types';
import { restoreDeliveries } from './delivery';
import { getEventSelectors, putEventSelectors } from './ops/event-selectors';
import { getTrailStatus, startLogging, stopLogging } from './ops/logging';
import { lookupEvents } from './ops/lookup-events';
import { addTags, listTags, removeTags } from './ops/tags';
import { createTrail, deleteTrail, describeTrails, getTrail, listTrails, updateTrail } from './ops/trails';
import { CLOUDTRAIL_MIGRATIONS, pruneEvents } from './store';

export type { ObjectSink } from './s3-link';

const HISTORY_MS = 90 * 86_400_000;

function init(platform: Platform): void {
  restoreDeliveries(platform);
  platform.scheduler.every('cloudtrail:history', 'rate(1 day)', () => pruneEvents(platform.storage, platform.clock.now() - HISTORY_MS));
}

const cloudtrail: ServicePlugin = {
  name: 'cloudtrail',
  migrations: CLOUDTRAIL_MIGRATIONS,
  init,
  handlers: {
    LookupEvents: lookupEvents,
    CreateTrail: createTrail,
    GetTrail: getTrail,
    DescribeTrails: describeTrails,
    ListTrails: listTrails,
    UpdateTrail: updateTrail,
    DeleteTrail: deleteTrail,
    StartLogging: startLogging,
    StopLogging: stopLogging,
    GetTrailStatus: getTrailStatus,
    AddTags: addTags,
    RemoveTags: removeTags,
    ListTags: listTags,
    PutEventSelectors: putEventSelectors,
    GetEventSelectors: getEventSelectors,
  },
};

export default cloudtrail;
