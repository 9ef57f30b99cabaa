// Log file delivery: every 5 minutes on the platform clock, a logging trail gathers the events
// recorded since its last delivery (in its Region, or all Regions for a multi-Region trail), keeps
// those its selectors take, and puts one gzipped file per Region and batch into its bucket. The
// position only moves on success, so a failed delivery is retried with the same events next time.
import type { Platform } from '../../core/platform';
import { AwsError } from '../../protocol/errors';
import { selectsEvent } from './event-filter';
import { logFileBody, logFileKey } from './log-file';
import { flushTrail } from './recorder';
import { objectSink, S3_MISSING, type ObjectSink } from './s3-link';
import { eventsToDeliver, regionsWithEvents } from './store';
import { findTrail, loggingTrails, saveDelivery, type TrailRef, type TrailRow } from './store-trails';
import { DEFAULT_SELECTORS } from './views';

const EVERY = 'rate(5 minutes)';
const RECORDS_PER_FILE = 1000;
const SNS_MISSING = 'SNS notification of log files is not available in this kanri build';

export const deliveryJobId = (r: TrailRef) => `cloudtrail:deliver:${r.accountId}:${r.homeRegion}:${r.name}`;

export function scheduleDelivery(platform: Platform, trail: TrailRef): void {
  const ref: TrailRef = { accountId: trail.accountId, homeRegion: trail.homeRegion, name: trail.name };
  platform.scheduler.every(deliveryJobId(ref), EVERY, () => deliverLogs(platform, ref));
}

export function cancelDelivery(platform: Platform, trail: TrailRef): void {
  platform.scheduler.cancel(deliveryJobId(trail));
}

/** Runs from the plugin's init: jobs live in memory, trails in the table. */
export function restoreDeliveries(platform: Platform): void {
  for (const trail of loggingTrails(platform.storage)) scheduleDelivery(platform, trail);
}

export async function deliverLogs(platform: Platform, ref: TrailRef): Promise<void> {
  const storage = platform.storage;
  const trail = findTrail(storage, ref);
  if (!trail?.logging) return cancelDelivery(platform, ref); // deleted, stopped, or reset since
  const now = platform.clock.now();
  const sink = objectSink(platform);
  if (!sink) {
    saveDelivery(storage, ref, { ...trail.status, latestDeliveryAttemptTime: now, latestDeliveryError: S3_MISSING }, trail.deliveredUntil);
    return;
  }
  flushTrail(platform);
  let files = 0;
  let error: string | undefined;
  try {
    files = await deliverWindow(storage, trail, sink, now);
  } catch (err) {
    error = err instanceof AwsError ? err.code : (err as Error).message;
  }
  const fresh = findTrail(storage, ref);
  if (!fresh) return;
  const status = { ...fresh.status, latestDeliveryAttemptTime: now, latestDeliveryError: error };
  if (!error) {
    status.latestDeliveryAttemptSucceeded = now;
    if (files) status.latestDeliveryTime = now;
    if (files && fresh.config.SnsTopicName) status.latestNotificationError = SNS_MISSING;
  }
  // A StartLogging during the put moved the position itself; keep that one.
  const moved = !error && fresh.deliveredUntil === trail.deliveredUntil;
  saveDelivery(storage, ref, status, moved ? now : fresh.deliveredUntil);
}

async function deliverWindow(storage: Platform['storage'], trail: TrailRow, sink: ObjectSink, now: number): Promise<number> {
  const from = trail.deliveredUntil ?? trail.status.startLoggingTime ?? now;
  const regions = trail.config.IsMultiRegionTrail ? regionsWithEvents(storage, trail.accountId) : [trail.homeRegion];
  const selectors = trail.selectors ?? DEFAULT_SELECTORS;
  let files = 0;
  for (const region of regions) {
    for (let after = { time: from, id: '' }; ;) {
      const batch = eventsToDeliver(storage, trail.accountId, region, after, now, RECORDS_PER_FILE);
      const records = batch.filter((e) => selectsEvent(selectors, trail.config, e)).map((e) => e.eventJson);
      if (records.length) {
        const key = logFileKey({ prefix: trail.config.S3KeyPrefix, accountId: trail.accountId, region, at: new Date(now) });
        await sink.putObject(trail.accountId, trail.homeRegion, trail.config.S3BucketName, key, logFileBody(records));
        files++;
      }
      if (batch.length < RECORDS_PER_FILE) break;
      const last = batch[batch.length - 1];
      after = { time: last.eventTime, id: last.eventId };
    }
  }
  return files;
}
