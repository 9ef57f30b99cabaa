// Object versions: one row per version (an unversioned bucket keeps only version 'null'). A large
// body lives in a file named by `file`, a small one in the row's `body` column (never selected with
// the rest, so listings stay light); a delete marker has neither. Keys sort as S3 sorts them: UTF-8 bytes.
import type { Storage } from '../../storage/database';
import { keyRange } from './key-range';

export interface Tag { Key: string; Value: string }

export interface ObjectChecksum { algorithm: string; value: string; type: 'FULL_OBJECT' | 'COMPOSITE' }

/** What S3 keeps with an object besides its body. */
export interface ObjectAttrs {
  contentType?: string;
  contentEncoding?: string;
  contentDisposition?: string;
  contentLanguage?: string;
  cacheControl?: string;
  expires?: string;
  metadata?: Record<string, string>;
  websiteRedirect?: string;
  checksum?: ObjectChecksum;
  sse?: string;
  kmsKeyId?: string;
  bucketKeyEnabled?: boolean;
  partSizes?: number[];
  acl?: string;
}

export interface ObjectRow {
  id: number;
  bucketId: number;
  key: string;
  versionId: string;
  isLatest: boolean;
  deleteMarker: boolean;
  size: number;
  etag: string;
  lastModified: number;
  storageClass: string;
  owner: string;
  file: string | null;
  attrs: ObjectAttrs;
  tags: Tag[];
  /** Only when writing: a small body stored in the row instead of a file. */
  inline?: Buffer | null;
}

/** Every column but the body. */
const COLUMNS = 'id, bucket_id, key, version_id, is_latest, delete_marker, size, etag, last_modified, storage_class, owner, file, attrs_json, tags_json';

function toObject(r: Record<string, any>): ObjectRow {
  return {
    id: r.id, bucketId: r.bucket_id, key: r.key, versionId: r.version_id, isLatest: !!r.is_latest, deleteMarker: !!r.delete_marker,
    size: r.size, etag: r.etag ?? '', lastModified: r.last_modified, storageClass: r.storage_class, owner: r.owner, file: r.file,
    attrs: JSON.parse(r.attrs_json), tags: r.tags_json ? JSON.parse(r.tags_json) : [],
  };
}

const one = (row: unknown) => (row ? toObject(row as Record<string, any>) : undefined);

export function latestVersion(storage: Storage, bucketId: number, key: string): ObjectRow | undefined {
  return one(storage.stmt(`SELECT ${COLUMNS} FROM s3_objects WHERE bucket_id = ? AND key = ? AND is_latest = 1`).get(bucketId, key));
}

export function findVersion(storage: Storage, bucketId: number, key: string, versionId: string): ObjectRow | undefined {
  return one(storage.stmt(`SELECT ${COLUMNS} FROM s3_objects WHERE bucket_id = ? AND key = ? AND version_id = ?`).get(bucketId, key, versionId));
}

export function insertObject(storage: Storage, o: Omit<ObjectRow, 'id'>): number {
  const info = storage
    .stmt(`INSERT INTO s3_objects (bucket_id, key, version_id, is_latest, delete_marker, size, etag, last_modified, storage_class, owner, file, body, attrs_json, tags_json)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(o.bucketId, o.key, o.versionId, o.isLatest ? 1 : 0, o.deleteMarker ? 1 : 0, o.size, o.etag || null, o.lastModified, o.storageClass,
      o.owner, o.file, o.inline ?? null, JSON.stringify(o.attrs), o.tags.length ? JSON.stringify(o.tags) : null);
  return Number(info.lastInsertRowid);
}

/** A small body kept in its row. */
export function inlineBody(storage: Storage, id: number): Buffer {
  const row = storage.stmt('SELECT body FROM s3_objects WHERE id = ?').get(id) as { body: Buffer | null } | undefined;
  return row?.body ?? Buffer.alloc(0);
}

export function clearLatest(storage: Storage, bucketId: number, key: string): void {
  storage.stmt('UPDATE s3_objects SET is_latest = 0 WHERE bucket_id = ? AND key = ? AND is_latest = 1').run(bucketId, key);
}

export function deleteObjectRow(storage: Storage, id: number): void {
  storage.stmt('DELETE FROM s3_objects WHERE id = ?').run(id);
}

/** After the latest version is removed, the newest remaining one becomes latest. */
export function promoteNewest(storage: Storage, bucketId: number, key: string): void {
  storage
    .stmt('UPDATE s3_objects SET is_latest = 1 WHERE id = (SELECT id FROM s3_objects WHERE bucket_id = ? AND key = ? ORDER BY id DESC LIMIT 1)')
    .run(bucketId, key);
}

export function setTags(storage: Storage, id: number, tags: Tag[]): void {
  storage.stmt('UPDATE s3_objects SET tags_json = ? WHERE id = ?').run(tags.length ? JSON.stringify(tags) : null, id);
}

export function setStorageClass(storage: Storage, id: number, storageClass: string): void {
  storage.stmt('UPDATE s3_objects SET storage_class = ? WHERE id = ?').run(storageClass, id);
}

export function setAttrs(storage: Storage, id: number, attrs: ObjectAttrs): void {
  storage.stmt('UPDATE s3_objects SET attrs_json = ? WHERE id = ?').run(JSON.stringify(attrs), id);
}

export function hasAnyVersion(storage: Storage, bucketId: number): boolean {
  return !!storage.stmt('SELECT 1 FROM s3_objects WHERE bucket_id = ? LIMIT 1').get(bucketId);
}

/** Current (non-deleted) objects with key > after and key starting with prefix, in key order. */
export function currentObjects(storage: Storage, bucketId: number, after: string, prefix: string, limit: number): ObjectRow[] {
  const range = keyRange(after, prefix);
  return (storage
    .stmt(`SELECT ${COLUMNS} FROM s3_objects WHERE bucket_id = ? AND is_latest = 1 AND ${range.sql} AND delete_marker = 0 ORDER BY key LIMIT ?`)
    .all(bucketId, ...range.params, limit) as Record<string, any>[]).map(toObject);
}

/**
 * Versions in ListObjectVersions order (key ascending, newest first), starting after (afterKey, afterId):
 * afterId 0 means "after every version of afterKey"; a positive afterId continues within afterKey first.
 */
export function versionsAfter(storage: Storage, bucketId: number, afterKey: string, afterId: number, prefix: string, limit: number): ObjectRow[] {
  const rows: Record<string, any>[] = afterId > 0
    ? storage.stmt(`SELECT ${COLUMNS} FROM s3_objects WHERE bucket_id = ? AND key = ? AND id < ? ORDER BY id DESC LIMIT ?`).all(bucketId, afterKey, afterId, limit) as Record<string, any>[]
    : [];
  if (rows.length < limit) {
    const range = keyRange(afterKey, prefix);
    rows.push(...storage
      .stmt(`SELECT ${COLUMNS} FROM s3_objects WHERE bucket_id = ? AND ${range.sql} ORDER BY key, id DESC LIMIT ?`)
      .all(bucketId, ...range.params, limit - rows.length) as Record<string, any>[]);
  }
  return rows.map(toObject);
}

/** Every version of every key (for bucket deletion checks and the lifecycle job), in pages by id. */
export function versionsById(storage: Storage, bucketId: number, afterId: number, limit: number): ObjectRow[] {
  return (storage.stmt(`SELECT ${COLUMNS} FROM s3_objects WHERE bucket_id = ? AND id > ? ORDER BY id LIMIT ?`).all(bucketId, afterId, limit) as Record<string, any>[]).map(toObject);
}

export function isFileReferenced(storage: Storage, file: string): boolean {
  return !!storage.stmt('SELECT 1 FROM s3_objects WHERE file = ? UNION ALL SELECT 1 FROM s3_parts WHERE file = ? LIMIT 1').get(file, file);
}
