// Lifecycle rules applied on the platform clock: a daily job at midnight UTC, as S3 runs them.
// An object is due at the first midnight after it was written plus the rule's days (or on its Date).
import type { Platform } from '../../core/platform';
import { removeFilesLater } from './cleanup';
import { bucketsWithConfig, findBucket, getConfig, type BucketRow } from './store';
import { deleteObjectRow, setStorageClass, versionsById, type ObjectRow } from './store-objects';
import { notifyObjectEvent, type NotifyContext } from './notify';
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

/** Storage classes from warm to cold: a transition only ever moves an object colder. */
const COLDNESS = ['STANDARD', 'INTELLIGENT_TIERING', 'STANDARD_IA', 'ONEZONE_IA', 'GLACIER_IR', 'GLACIER', 'DEEP_ARCHIVE'];

/** The coldest class one rule's due transitions move this version to, if colder than where it is. */
function transitionFor(platform: Platform, rule: LifecycleRule, row: ObjectRow, now: number, minSize: number): string | undefined {
  if (row.deleteMarker || row.size < minSize) return undefined;
  const due: string[] = [];
  if (row.isLatest) {
    for (const t of rule.Transitions ?? []) {
      if ((t.Days !== undefined && dueAt(row.lastModified, t.Days) <= now) || (t.Date !== undefined && new Date(t.Date).getTime() <= now)) due.push(t.StorageClass);
    }
  } else if (rule.NoncurrentVersionTransitions?.length) {
    const since = noncurrentSince(platform, row);
    for (const t of rule.NoncurrentVersionTransitions) if (since !== undefined && dueAt(since, t.NoncurrentDays ?? 0) <= now) due.push(t.StorageClass);
  }
  const target = due.sort((a, b) => COLDNESS.indexOf(b) - COLDNESS.indexOf(a))[0];
  return target && COLDNESS.indexOf(target) > COLDNESS.indexOf(row.storageClass) ? target : undefined;
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

function applyToBucket(platform: Platform, bucket: BucketRow, rules: LifecycleRule[], now: number, minSize: number): void {
  const storage = platform.storage;
  let afterId = 0;
  for (;;) {
    const rows = versionsById(storage, bucket.id, afterId, PAGE);
    if (!rows.length) break;
    afterId = rows[rows.length - 1].id;
    const removed: (string | null)[] = [];
    // S3 itself is the actor: its notifications name s3.amazonaws.com.
    const ctx: NotifyContext = { platform, now: new Date(now), accountId: bucket.accountId, servicePrincipal: 's3.amazonaws.com' };
    storage.transaction(() => {
      const current = findBucket(storage, bucket.partition, bucket.name);
      if (!current) return;
      for (const row of rows) {
        const applicable = rules.filter((r) => matches(r, row));
        const action = applicable.map((r) => actionFor(platform, r, row, now)).find(Boolean);
        if (action === 'remove') {
          deleteObjectRow(storage, row.id);
          removed.push(row.file);
          notifyObjectEvent(ctx, current, { eventName: 'LifecycleExpiration:Delete', key: row.key, versionId: row.versionId });
        } else if (action === 'expire') {
          const result = deleteCurrent(storage, current, row.key, row.owner, now);
          removed.push(...result.removed);
          const eventName = result.DeleteMarker ? 'LifecycleExpiration:DeleteMarkerCreated' : 'LifecycleExpiration:Delete';
          notifyObjectEvent(ctx, current, { eventName, key: row.key, versionId: result.VersionId ?? row.versionId });
        } else {
          const target = applicable.map((r) => transitionFor(platform, r, row, now, minSize)).filter(Boolean).sort((a, b) => COLDNESS.indexOf(b!) - COLDNESS.indexOf(a!))[0];
          if (!target) continue;
          setStorageClass(storage, row.id, target);
          notifyObjectEvent(ctx, current, { eventName: 'LifecycleTransition', key: row.key, size: row.size, etag: row.etag, versionId: row.versionId, storageClass: target });
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
    const config = getConfig<{ Rules: LifecycleRule[]; TransitionDefaultMinimumObjectSize?: string }>(platform.storage, bucket.id, 'lifecycle');
    const rules = (config?.Rules ?? []).filter((r) => r.Status === 'Enabled');
    // By default S3 does not transition objects under 128 KiB.
    const minSize = config?.TransitionDefaultMinimumObjectSize === 'varies_by_storage_class' ? 0 : 128 * 1024;
    if (rules.length) applyToBucket(platform, bucket, rules, now, minSize);
  }
}

export function scheduleLifecycle(platform: Platform): void {
  platform.scheduler.every('s3-lifecycle', 'cron(0 0 * * ? *)', (at) => runLifecycle(platform, at.getTime()));
}
