// Log file delivery on the clock: what reaches the bucket, what happens without S3, and restarts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { Platform } from '../../core/platform';
import { AwsError } from '../../protocol/errors';
import cloudtrail from './index';
import { deliverLogs, deliveryJobId, scheduleDelivery } from './delivery';
import type { ObjectSink } from './s3-link';
import { insertEvent } from './store';
import { findTrail, insertTrail, type TrailRow } from './store-trails';

const ACCOUNT = '111122223333';
const open: Platform[] = [];
const dirs: string[] = [];
afterEach(() => {
  open.splice(0).forEach((p) => p.close());
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

interface Put { accountId: string; region: string; bucket: string; key: string; records: any[] }

/** A platform with CloudTrail loaded directly (the registry's require() is not transformed under vitest) and an optional S3. */
function start(dataDir: string | null = null, s3?: ObjectSink): Platform {
  const platform = new Platform({ dataDir });
  platform.storage.migrate('cloudtrail', cloudtrail.migrations!);
  (platform as unknown as { service: (n: string) => unknown }).service = (name) => (name === 'cloudtrail' ? cloudtrail : name === 's3' ? s3 : undefined);
  cloudtrail.init!(platform);
  open.push(platform);
  return platform;
}

function fakeS3(puts: Put[]): ObjectSink {
  return {
    putObject(accountId, region, bucket, key, body) {
      puts.push({ accountId, region, bucket, key, records: JSON.parse(gunzipSync(body).toString('utf8')).Records });
    },
  };
}

function trail(platform: Platform, over: Partial<TrailRow> = {}): TrailRow {
  const now = platform.clock.now();
  const row: TrailRow = {
    accountId: ACCOUNT, homeRegion: 'us-east-1', name: 'main', logging: true, status: { startLoggingTime: now }, tags: [], selectors: null, deliveredUntil: now,
    config: { S3BucketName: 'audit-logs', S3KeyPrefix: 'ct', IncludeGlobalServiceEvents: true, IsMultiRegionTrail: false, LogFileValidationEnabled: false, IsOrganizationTrail: false },
    ...over,
  };
  insertTrail(platform.storage, row);
  return row;
}

let seq = 0;
function event(platform: Platform, region: string, name: string, readOnly = false, accountId = ACCOUNT): void {
  const id = `00000000-0000-7000-8000-${String(++seq).padStart(12, '0')}`;
  insertEvent(platform.storage, {
    eventId: id, accountId, region, eventTime: platform.clock.now(), eventName: name, eventSource: 'sts.amazonaws.com',
    readOnly, resources: [], event: { eventID: id, eventName: name, awsRegion: region },
  });
}

const multiRegion = (platform: Platform) =>
  trail(platform, { config: { S3BucketName: 'audit-logs', S3KeyPrefix: 'ct', IncludeGlobalServiceEvents: true, IsMultiRegionTrail: true, LogFileValidationEnabled: false, IsOrganizationTrail: false } });

describe('delivery', () => {
  it('puts the events since the last delivery into the bucket, one file per Region, and moves on', async () => {
    const puts: Put[] = [];
    const platform = start(null, fakeS3(puts));
    const t = multiRegion(platform);
    event(platform, 'us-east-1', 'AssumeRole');
    event(platform, 'eu-west-1', 'GetCallerIdentity', true);
    event(platform, 'eu-west-1', 'AssumeRole', false, '999999999999'); // another account's
    platform.clock.advance(1000);
    const before = platform.clock.now();
    await deliverLogs(platform, t);
    const files = puts.map((p) => ({ target: [p.accountId, p.region, p.bucket], prefix: p.key.split('/').slice(0, 5).join('/'), names: p.records.map((r) => r.eventName) }));
    expect(files.sort((a, b) => a.prefix.localeCompare(b.prefix))).toEqual([
      { target: [ACCOUNT, 'us-east-1', 'audit-logs'], prefix: 'ct/AWSLogs/111122223333/CloudTrail/eu-west-1', names: ['GetCallerIdentity'] },
      { target: [ACCOUNT, 'us-east-1', 'audit-logs'], prefix: 'ct/AWSLogs/111122223333/CloudTrail/us-east-1', names: ['AssumeRole'] },
    ]);
    const status = findTrail(platform.storage, t)!.status;
    expect(status.latestDeliveryTime).toBeGreaterThanOrEqual(before);
    expect(status.latestDeliveryError).toBeUndefined();

    puts.length = 0;
    await deliverLogs(platform, t);
    expect(puts).toEqual([]); // nothing new: no empty file
    event(platform, 'us-east-1', 'GetSessionToken');
    platform.clock.advance(1000);
    await deliverLogs(platform, t);
    expect(puts.map((p) => p.records.map((r) => r.eventName))).toEqual([['GetSessionToken']]);
  });

  it('delivers a single-Region trail only its own Region, through its selectors', async () => {
    const puts: Put[] = [];
    const platform = start(null, fakeS3(puts));
    const t = trail(platform, { selectors: { EventSelectors: [{ ReadWriteType: 'WriteOnly', IncludeManagementEvents: true }] } });
    event(platform, 'us-east-1', 'AssumeRole');
    event(platform, 'us-east-1', 'GetCallerIdentity', true);
    event(platform, 'eu-west-1', 'AssumeRole');
    platform.clock.advance(1000);
    await deliverLogs(platform, t);
    expect(puts.map((p) => [p.key.split('/')[4], p.records.map((r) => r.eventName)])).toEqual([['us-east-1', ['AssumeRole']]]);
  });

  it('without S3 records the error, delivers nothing, and keeps the events for later', async () => {
    const puts: Put[] = [];
    const platform = start();
    const t = trail(platform);
    event(platform, 'us-east-1', 'AssumeRole');
    platform.clock.advance(1000);
    await deliverLogs(platform, t);
    const row = findTrail(platform.storage, t)!;
    expect(row.status.latestDeliveryError).toBe('S3 service not available in this kanri build');
    expect(row.status.latestDeliveryTime).toBeUndefined();
    expect(row.deliveredUntil).toBe(t.deliveredUntil);

    (platform as unknown as { service: (n: string) => unknown }).service = (name) => (name === 's3' ? fakeS3(puts) : name === 'cloudtrail' ? cloudtrail : undefined);
    await deliverLogs(platform, t);
    expect(puts.map((p) => p.records.map((r) => r.eventName))).toEqual([['AssumeRole']]);
    expect(findTrail(platform.storage, t)!.status.latestDeliveryError).toBeUndefined();
  });

  it('reports a failed put by its error code and retries the same events', async () => {
    let fail = true;
    const puts: Put[] = [];
    const sink: ObjectSink = {
      putObject(...args) {
        if (fail) throw new AwsError('NoSuchBucket', 'The specified bucket does not exist', 404);
        fakeS3(puts).putObject(...args);
      },
    };
    const platform = start(null, sink);
    const t = trail(platform);
    event(platform, 'us-east-1', 'AssumeRole');
    platform.clock.advance(1000);
    await deliverLogs(platform, t);
    expect(findTrail(platform.storage, t)!.status.latestDeliveryError).toBe('NoSuchBucket');
    fail = false;
    await deliverLogs(platform, t);
    expect(puts.map((p) => p.records.map((r) => r.eventName))).toEqual([['AssumeRole']]);
  });

  it('runs every 5 minutes on the clock and stops when the trail stops logging', async () => {
    const puts: Put[] = [];
    const platform = start(null, fakeS3(puts));
    const t = trail(platform);
    scheduleDelivery(platform, t);
    event(platform, 'us-east-1', 'AssumeRole');
    platform.clock.advance(4 * 60_000);
    await platform.scheduler.runDue();
    expect(puts).toEqual([]);
    platform.clock.advance(60_000);
    await platform.scheduler.runDue();
    expect(puts).toHaveLength(1);
    platform.storage.stmt('UPDATE cloudtrail_trails SET logging = 0').run();
    platform.clock.advance(5 * 60_000);
    await platform.scheduler.runDue();
    expect(platform.scheduler.has(deliveryJobId(t))).toBe(false);
  });

  it('re-arms delivery for logging trails after a restart', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kanri-cloudtrail-'));
    dirs.push(dir);
    const first = start(dir);
    const logging = trail(first);
    const stopped = trail(first, { name: 'stopped', logging: false });
    open.splice(open.indexOf(first), 1);
    first.close();
    const second = start(dir);
    expect(second.scheduler.has(deliveryJobId(logging))).toBe(true);
    expect(second.scheduler.has(deliveryJobId(stopped))).toBe(false);
  });
});
