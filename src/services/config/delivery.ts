// Deliveries to the channel's bucket on the clock: history files (one gzipped JSON per resource
// type, every 6 hours) and configuration snapshots (on request and every deliveryFrequency), with
// their SNS notifications and an honest status: a missing bucket is a Failure until it is back.
import { gzipSync } from 'node:zlib';
import { randomUUID } from 'node:crypto';
import type { Platform } from '../../core/platform';
import { serviceApi } from '../links';
import { allChannels, listChannels, saveChannel, updateChannelStatus, type ChannelRow } from './store';
import { itemsCapturedBetween, liveItems } from './store-items';
import { fileItem } from './items';
import { historyFileName, objectKey, snapshotFileName } from './paths';
import { publish } from './stream';

type S3 = typeof import('../s3/api');

export const HISTORY_EVERY_MS = 6 * 3_600_000;
const FREQUENCIES: Record<string, string> = {
  One_Hour: 'rate(1 hour)', Three_Hours: 'rate(3 hours)', Six_Hours: 'rate(6 hours)', Twelve_Hours: 'rate(12 hours)', TwentyFour_Hours: 'rate(24 hours)',
};
const FREQUENCY_MS: Record<string, number> = { One_Hour: 1, Three_Hours: 3, Six_Hours: 6, Twelve_Hours: 12, TwentyFour_Hours: 24 };

const jobId = (kind: string, c: Pick<ChannelRow, 'accountId' | 'region'>) => `config:${kind}:${c.accountId}:${c.region}`;
const iso = (ms: number) => new Date(ms).toISOString();

/** (Re)arms a channel's history and periodic snapshot jobs from their last delivery. */
export function armChannel(platform: Platform, c: ChannelRow): void {
  const fromHistory = c.lastHistoryMs ?? platform.clock.now();
  platform.scheduler.every(jobId('history', c), 'rate(6 hours)', (at) => deliverHistory(platform, c, at.getTime()), fromHistory);
  if (c.frequency && FREQUENCIES[c.frequency]) {
    platform.scheduler.every(jobId('snapshot', c), FREQUENCIES[c.frequency], () => void deliverSnapshot(platform, c, randomUUID()), c.lastSnapshotMs ?? platform.clock.now());
  } else platform.scheduler.cancel(jobId('snapshot', c));
}

export function disarmChannel(platform: Platform, c: Pick<ChannelRow, 'accountId' | 'region'>): void {
  platform.scheduler.cancel(jobId('history', c));
  platform.scheduler.cancel(jobId('snapshot', c));
}

export function armAll(platform: Platform): void {
  for (const c of allChannels(platform.storage)) armChannel(platform, c);
}

/** The channel as stored now (it may have changed or gone since the job was armed). */
function fresh(platform: Platform, c: ChannelRow): ChannelRow | undefined {
  if (!platform.storage.db.open) return undefined;
  return listChannels(platform.storage, c).find((x) => x.name === c.name);
}

export async function deliverHistory(platform: Platform, armed: ChannelRow, atMs: number): Promise<void> {
  const c = fresh(platform, armed);
  if (!c) return;
  const from = c.lastHistoryMs ?? atMs - HISTORY_EVERY_MS;
  const items = itemsCapturedBetween(platform.storage, c, from, atMs);
  const byType = new Map<string, unknown[]>();
  for (const item of items) {
    const list = byType.get(item.resourceType) ?? [];
    list.push(fileItem(item));
    byType.set(item.resourceType, list);
  }
  const status = { lastAttemptTime: iso(platform.clock.now()), nextDeliveryTime: iso(atMs + HISTORY_EVERY_MS) };
  try {
    const keys: string[] = [];
    for (const [type, list] of byType) {
      const key = objectKey(c, new Date(atMs), 'ConfigHistory', historyFileName(c, type, new Date(from), new Date(atMs), 1));
      await write(platform, c, key, { fileVersion: '1.0', configurationItems: list });
      keys.push(key);
    }
    if (!byType.size) checkBucket(platform, c);
    platform.storage.transaction(() => {
      const now = fresh(platform, c);
      if (!now) return;
      saveChannel(platform.storage, { ...now, lastHistoryMs: atMs });
      updateChannelStatus(platform.storage, c, c.name, 'configHistoryDeliveryInfo', { ...status, lastStatus: 'Success', lastSuccessfulTime: status.lastAttemptTime, lastErrorCode: undefined, lastErrorMessage: undefined });
      for (const key of keys) notify(platform, now, { s3ObjectKey: key, s3Bucket: c.bucket, messageType: 'ConfigHistoryDeliveryCompleted' }, 'Configuration History Delivery Completed');
    });
  } catch (err) {
    failed(platform, c, 'configHistoryDeliveryInfo', err, status);
  }
}

/** Writes a snapshot of every current item; the started/completed notifications frame it. */
export async function deliverSnapshot(platform: Platform, armed: ChannelRow, snapshotId: string): Promise<void> {
  const c = fresh(platform, armed);
  if (!c) return;
  const at = platform.clock.now();
  const status = { lastAttemptTime: iso(at), ...(c.frequency ? { nextDeliveryTime: iso(at + FREQUENCY_MS[c.frequency] * 3_600_000) } : {}) };
  platform.storage.transaction(() => notify(platform, c, { configSnapshotId: snapshotId, messageType: 'ConfigSnapshotDeliveryStarted' }, 'Configuration Snapshot Delivery Started'));
  try {
    const items = [...liveItems(platform.storage, c)].filter((i) => i.configurationItemStatus !== 'ResourceNotRecorded').map(fileItem);
    const key = objectKey(c, new Date(at), 'ConfigSnapshot', snapshotFileName(c, new Date(at), snapshotId));
    await write(platform, c, key, { fileVersion: '1.0', configSnapshotId: snapshotId, configurationItems: items });
    platform.storage.transaction(() => {
      const now = fresh(platform, c);
      if (!now) return;
      saveChannel(platform.storage, { ...now, lastSnapshotMs: at });
      updateChannelStatus(platform.storage, c, c.name, 'configSnapshotDeliveryInfo', { ...status, lastStatus: 'Success', lastSuccessfulTime: status.lastAttemptTime, lastErrorCode: undefined, lastErrorMessage: undefined });
      notify(platform, now, { configSnapshotId: snapshotId, s3ObjectKey: key, s3Bucket: c.bucket, messageType: 'ConfigSnapshotDeliveryCompleted' }, 'Configuration Snapshot Delivery Completed');
    });
  } catch (err) {
    failed(platform, c, 'configSnapshotDeliveryInfo', err, status);
  }
}

function failed(platform: Platform, c: ChannelRow, kind: string, err: unknown, status: Record<string, string>): void {
  const e = err as { code?: string; message: string };
  if (!platform.storage.db.open) return;
  platform.storage.transaction(() => updateChannelStatus(platform.storage, c, c.name, kind, {
    ...status, lastStatus: 'Failure', lastErrorCode: e.code ?? 'InternalError', lastErrorMessage: e.message,
  }));
}

function checkBucket(platform: Platform, c: ChannelRow): void {
  const s3 = serviceApi<S3>('s3');
  if (!s3?.findBucketInfo(platform, c.region, c.bucket)) throw Object.assign(new Error('The specified bucket does not exist'), { code: 'NoSuchBucket' });
}

async function write(platform: Platform, c: ChannelRow, key: string, doc: unknown): Promise<void> {
  checkBucket(platform, c);
  const body = gzipSync(JSON.stringify(doc));
  await serviceApi<S3>('s3')!.writeObject(platform, { region: c.region, bucket: c.bucket, key, body, contentType: 'application/json', contentEncoding: 'gzip' });
}

function notify(platform: Platform, c: ChannelRow, fields: Record<string, string>, what: string): void {
  if (!c.topicArn) return;
  const { messageType, ...rest } = fields;
  const message = JSON.stringify({ ...rest, notificationCreationTime: iso(platform.clock.now()), messageType, recordVersion: '1.1' });
  publish(platform, c, message, `[AWS Config:${c.region}] ${what} for Account ${c.accountId}`, 'notification');
}
