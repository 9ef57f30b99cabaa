// Lifecycle rules applied on the platform clock: a daily job at midnight UTC, as S3 runs them.
// An object is due at the first midnight after it was written plus the rule's days (or on its Date).
import type { Platform } from '../../core/platform';
import { removeFilesLater } from './cleanup';
import { bucketsWithConfig, findBucket, getConfig, type BucketRow } from './store';
import { deleteObjectRow, versionsById, type ObjectRow } from './store-objects';
import { deleteUpload, uploadsInitiatedBefore } from './store-uploads';
import { deleteCurrent } from './versions';
import type { LifecycleRule } from './ops/bucket-rules';

const DAY = 86_400_000;
const PAGE = 1000;

/** The first midnight UTC at or after `ms`, plus whole days. */
function dueAt(ms: number, days: number): number {
  return Math.ceil(ms / DAY) * DAY + days * DAY;
}

function matches(rule: LifecycleRule, row: { key: string; size: number; tags: { Key: string; Value: string }[] }): boolean {
  const f = rule.Filter;
  const and = f?.And;
  const prefix = and?.Prefix ?? f?.Prefix ?? rule.Prefix ?? '';
  const tags = and?.Tags ?? (f?.Tag ? [f.Tag] : []);
  const greater = and?.ObjectSizeGreaterThan ?? f?.ObjectSizeGreaterThan;
  const less = and?.ObjectSizeLessThan ?? f?.ObjectSizeLessThan;
  return row.key.startsWith(prefix)
    && tags.every((t) => row.tags.some((o) => o.Key === t.Key && o.Value === t.Value))
    && (greater === undefined || row.size > greater) && (less === undefined || row.size < less);
}

/** When a version stopped being current: when the next newer version of its key was written. */
function noncurrentSince(platform: Platform, row: ObjectRow): number | undefined {
  const next = platform.storage
    .stmt('SELECT last_modified FROM s3_objects WHERE bucket_id = ? AND key = ? AND id > ? ORDER BY id LIMIT 1')
    .get(row.bucketId, row.key, row.id) as { last_modified: number } | undefined;
  return next?.last_modified;
}

function newerNoncurrentCount(platform: Platform, row: ObjectRow): number {
  return (platform.storage
    .stmt('SELECT COUNT(*) AS n FROM s3_objects WHERE bucket_id = ? AND key = ? AND id > ? AND is_latest = 0')
    .get(row.bucketId, row.key, row.id) as { n: number }).n;
}

function soleVersion(platform: Platform, row: ObjectRow): boolean {
  return !(platform.storage.stmt('SELECT 1 FROM s3_objects WHERE bucket_id = ? AND key = ? AND id != ? LIMIT 1').get(row.bucketId, row.key, row.id));
}

/** What one rule does to one version now: 'expire' the current one, 'remove' a version for good, or nothing. */
function actionFor(platform: Platform, rule: LifecycleRule, row: ObjectRow, now: number): 'expire' | 'remove' | undefined {
  const e = rule.Expiration;
  if (row.isLatest && row.deleteMarker) return e?.ExpiredObjectDeleteMarker && soleVersion(platform, row) ? 'remove' : undefined;
  if (row.isLatest) {
    if (e?.Days !== undefined && dueAt(row.lastModified, e.Days) <= now) return 'expire';
    if (e?.Date !== undefined && new Date(e.Date).getTime() <= now) return 'expire';
    return undefined;
  }
  const nc = rule.NoncurrentVersionExpiration;
  if (nc?.NoncurrentDays === undefined) return undefined;
  const since = noncurrentSince(platform, row);
  if (since === undefined || dueAt(since, nc.NoncurrentDays) > now) return undefined;
  if (nc.NewerNoncurrentVersions !== undefined && newerNoncurrentCount(platform, row) < nc.NewerNoncurrentVersions) return undefined;
  return 'remove';
}

function applyToBucket(platform: Platform, bucket: BucketRow, rules: LifecycleRule[], now: number): void {
  const storage = platform.storage;
  let afterId = 0;
  for (;;) {
    const rows = versionsById(storage, bucket.id, afterId, PAGE);
    if (!rows.length) break;
    afterId = rows[rows.length - 1].id;
    const removed: (string | null)[] = [];
    storage.transaction(() => {
      const current = findBucket(storage, bucket.partition, bucket.name);
      if (!current) return;
      for (const row of rows) {
        const action = rules.map((r) => (matches(r, row) ? actionFor(platform, r, row, now) : undefined)).find(Boolean);
        if (action === 'remove') {
          deleteObjectRow(storage, row.id);
          removed.push(row.file);
        } else if (action === 'expire') {
          removed.push(...deleteCurrent(storage, current, row.key, row.owner, now).removed);
        }
      }
    });
    removeFilesLater(platform, removed);
  }
  for (const rule of rules) {
    const days = rule.AbortIncompleteMultipartUpload?.DaysAfterInitiation;
    if (days === undefined) continue;
    for (const upload of uploadsInitiatedBefore(storage, bucket.id, now)) {
      if (!upload.key.startsWith(rule.Filter?.Prefix ?? rule.Filter?.And?.Prefix ?? rule.Prefix ?? '') || dueAt(upload.initiated, days) > now) continue;
      removeFilesLater(platform, storage.transaction(() => deleteUpload(storage, upload.uploadId)));
    }
  }
}

/** One pass over every bucket with a lifecycle configuration. */
export function runLifecycle(platform: Platform, now = platform.clock.now()): void {
  for (const bucket of bucketsWithConfig(platform.storage, 'lifecycle')) {
    const config = getConfig<{ Rules: LifecycleRule[] }>(platform.storage, bucket.id, 'lifecycle');
    const rules = (config?.Rules ?? []).filter((r) => r.Status === 'Enabled');
    if (rules.length) applyToBucket(platform, bucket, rules, now);
  }
}

export function scheduleLifecycle(platform: Platform): void {
  platform.scheduler.every('s3-lifecycle', 'cron(0 0 * * ? *)', (at) => runLifecycle(platform, at.getTime()));
}
