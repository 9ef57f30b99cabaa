// S3's tables. Bucket names are global per partition, as in AWS, so buckets are keyed by
// (partition, name) and carry their owner account and region; everything else hangs off a bucket id.
import type { Storage } from '../../storage/database';

export const S3_MIGRATIONS = [
  `CREATE TABLE s3_buckets (
     id INTEGER PRIMARY KEY, partition TEXT NOT NULL, name TEXT NOT NULL, account_id TEXT NOT NULL,
     region TEXT NOT NULL, location_constraint TEXT, created_at INTEGER NOT NULL,
     versioning TEXT NOT NULL DEFAULT '', object_lock INTEGER NOT NULL DEFAULT 0,
     UNIQUE (partition, name));
   CREATE INDEX s3_buckets_account ON s3_buckets (account_id, partition, name);
   CREATE TABLE s3_bucket_configs (
     bucket_id INTEGER NOT NULL REFERENCES s3_buckets(id) ON DELETE CASCADE, kind TEXT NOT NULL,
     value_json TEXT NOT NULL, PRIMARY KEY (bucket_id, kind));
   CREATE TABLE s3_objects (
     id INTEGER PRIMARY KEY, bucket_id INTEGER NOT NULL REFERENCES s3_buckets(id), key TEXT NOT NULL,
     version_id TEXT NOT NULL, is_latest INTEGER NOT NULL, delete_marker INTEGER NOT NULL DEFAULT 0,
     size INTEGER NOT NULL DEFAULT 0, etag TEXT, last_modified INTEGER NOT NULL,
     storage_class TEXT NOT NULL DEFAULT 'STANDARD', owner TEXT NOT NULL, file TEXT, body BLOB,
     attrs_json TEXT NOT NULL DEFAULT '{}', tags_json TEXT);
   CREATE UNIQUE INDEX s3_objects_version ON s3_objects (bucket_id, key, version_id);
   CREATE INDEX s3_objects_latest ON s3_objects (bucket_id, key) WHERE is_latest = 1;
   CREATE INDEX s3_objects_history ON s3_objects (bucket_id, key, id);
   CREATE INDEX s3_objects_file ON s3_objects (file);
   CREATE TABLE s3_uploads (
     upload_id TEXT PRIMARY KEY, bucket_id INTEGER NOT NULL REFERENCES s3_buckets(id) ON DELETE CASCADE,
     key TEXT NOT NULL, initiated INTEGER NOT NULL, owner TEXT NOT NULL, storage_class TEXT NOT NULL,
     attrs_json TEXT NOT NULL, tags_json TEXT);
   CREATE INDEX s3_uploads_key ON s3_uploads (bucket_id, key, initiated);
   CREATE TABLE s3_parts (
     upload_id TEXT NOT NULL REFERENCES s3_uploads(upload_id) ON DELETE CASCADE, part_number INTEGER NOT NULL,
     size INTEGER NOT NULL, etag TEXT NOT NULL, last_modified INTEGER NOT NULL, file TEXT NOT NULL,
     checksum TEXT, PRIMARY KEY (upload_id, part_number));
   CREATE INDEX s3_parts_file ON s3_parts (file);`,
  // Event notifications waiting to be sent (written in the transaction of the change they report).
  `CREATE TABLE s3_notifications (
     id INTEGER PRIMARY KEY, account_id TEXT NOT NULL, region TEXT NOT NULL, bucket TEXT NOT NULL,
     kind TEXT NOT NULL, destination TEXT NOT NULL, body TEXT NOT NULL, attempts INTEGER NOT NULL);`,
];

export type VersioningStatus = '' | 'Enabled' | 'Suspended';

export interface BucketRow {
  id: number;
  partition: string;
  name: string;
  accountId: string;
  region: string;
  locationConstraint: string | null;
  createdAt: number;
  versioning: VersioningStatus;
  objectLock: boolean;
}

function toBucket(r: Record<string, any>): BucketRow {
  return {
    id: r.id, partition: r.partition, name: r.name, accountId: r.account_id, region: r.region, locationConstraint: r.location_constraint,
    createdAt: r.created_at, versioning: r.versioning, objectLock: !!r.object_lock,
  };
}

export function insertBucket(storage: Storage, b: Omit<BucketRow, 'id'>): BucketRow {
  const info = storage
    .stmt('INSERT INTO s3_buckets (partition, name, account_id, region, location_constraint, created_at, versioning, object_lock) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(b.partition, b.name, b.accountId, b.region, b.locationConstraint, b.createdAt, b.versioning, b.objectLock ? 1 : 0);
  return { ...b, id: Number(info.lastInsertRowid) };
}

export function findBucket(storage: Storage, partition: string, name: string): BucketRow | undefined {
  const row = storage.stmt('SELECT * FROM s3_buckets WHERE partition = ? AND name = ?').get(partition, name) as Record<string, any> | undefined;
  return row && toBucket(row);
}

/** An account's buckets after a name, optionally by prefix and region ('' for any). */
export function bucketsOf(storage: Storage, accountId: string, partition: string, after: string, prefix: string, region: string, limit: number): BucketRow[] {
  return (storage
    .stmt(`SELECT * FROM s3_buckets WHERE account_id = ? AND partition = ? AND name > ? AND substr(name, 1, ?) = ? AND (? = '' OR region = ?)
           ORDER BY name LIMIT ?`)
    .all(accountId, partition, after, prefix.length, prefix, region, region, limit) as Record<string, any>[]).map(toBucket);
}

export function removeBucket(storage: Storage, id: number): void {
  storage.stmt('DELETE FROM s3_buckets WHERE id = ?').run(id);
}

export function setVersioning(storage: Storage, id: number, status: VersioningStatus): void {
  storage.stmt('UPDATE s3_buckets SET versioning = ? WHERE id = ?').run(status, id);
}

/** A bucket's configuration documents (policy, cors, lifecycle...), each stored as JSON under its kind. */
export function getConfig<T = unknown>(storage: Storage, bucketId: number, kind: string): T | undefined {
  const row = storage.stmt('SELECT value_json FROM s3_bucket_configs WHERE bucket_id = ? AND kind = ?').get(bucketId, kind) as { value_json: string } | undefined;
  return row ? (JSON.parse(row.value_json) as T) : undefined;
}

export function putConfig(storage: Storage, bucketId: number, kind: string, value: unknown): void {
  storage
    .stmt('INSERT INTO s3_bucket_configs (bucket_id, kind, value_json) VALUES (?, ?, ?) ON CONFLICT(bucket_id, kind) DO UPDATE SET value_json = excluded.value_json')
    .run(bucketId, kind, JSON.stringify(value));
}

export function deleteConfig(storage: Storage, bucketId: number, kind: string): boolean {
  return storage.stmt('DELETE FROM s3_bucket_configs WHERE bucket_id = ? AND kind = ?').run(bucketId, kind).changes > 0;
}

export function allConfigs(storage: Storage, bucketId: number): Record<string, unknown> {
  const rows = storage.stmt('SELECT kind, value_json FROM s3_bucket_configs WHERE bucket_id = ?').all(bucketId) as { kind: string; value_json: string }[];
  return Object.fromEntries(rows.map((r) => [r.kind, JSON.parse(r.value_json)]));
}

/** Buckets with a given configuration kind (the lifecycle job walks these). */
export function bucketsWithConfig(storage: Storage, kind: string): BucketRow[] {
  return (storage
    .stmt('SELECT b.* FROM s3_buckets b JOIN s3_bucket_configs c ON c.bucket_id = b.id WHERE c.kind = ? ORDER BY b.id')
    .all(kind) as Record<string, any>[]).map(toBucket);
}
