// Multipart uploads in progress and their parts (each part's body is its own file).
import type { Storage } from '../../storage/database';
import { keyRange } from './key-range';
import type { ObjectAttrs, Tag } from './store-objects';

export interface UploadRow {
  uploadId: string;
  bucketId: number;
  key: string;
  initiated: number;
  owner: string;
  storageClass: string;
  attrs: ObjectAttrs & { checksumAlgorithm?: string; checksumType?: string };
  tags: Tag[];
}

export interface PartRow {
  uploadId: string;
  partNumber: number;
  size: number;
  etag: string;
  lastModified: number;
  file: string;
  checksum: string | null;
}

function toUpload(r: Record<string, any>): UploadRow {
  return {
    uploadId: r.upload_id, bucketId: r.bucket_id, key: r.key, initiated: r.initiated, owner: r.owner, storageClass: r.storage_class,
    attrs: JSON.parse(r.attrs_json), tags: r.tags_json ? JSON.parse(r.tags_json) : [],
  };
}

function toPart(r: Record<string, any>): PartRow {
  return { uploadId: r.upload_id, partNumber: r.part_number, size: r.size, etag: r.etag, lastModified: r.last_modified, file: r.file, checksum: r.checksum };
}

export function insertUpload(storage: Storage, u: UploadRow): void {
  storage
    .stmt('INSERT INTO s3_uploads (upload_id, bucket_id, key, initiated, owner, storage_class, attrs_json, tags_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(u.uploadId, u.bucketId, u.key, u.initiated, u.owner, u.storageClass, JSON.stringify(u.attrs), u.tags.length ? JSON.stringify(u.tags) : null);
}

export function findUpload(storage: Storage, uploadId: string): UploadRow | undefined {
  const row = storage.stmt('SELECT * FROM s3_uploads WHERE upload_id = ?').get(uploadId) as Record<string, any> | undefined;
  return row && toUpload(row);
}

/** Deletes an upload and its parts; returns the part files to remove. */
export function deleteUpload(storage: Storage, uploadId: string): string[] {
  const files = (storage.stmt('SELECT file FROM s3_parts WHERE upload_id = ?').all(uploadId) as { file: string }[]).map((r) => r.file);
  storage.stmt('DELETE FROM s3_uploads WHERE upload_id = ?').run(uploadId);
  return files;
}

export function deleteUploadsOfBucket(storage: Storage, bucketId: number): string[] {
  const files = (storage
    .stmt('SELECT p.file FROM s3_parts p JOIN s3_uploads u ON u.upload_id = p.upload_id WHERE u.bucket_id = ?')
    .all(bucketId) as { file: string }[]).map((r) => r.file);
  storage.stmt('DELETE FROM s3_uploads WHERE bucket_id = ?').run(bucketId);
  return files;
}

/** Stores a part, replacing one of the same number; returns the replaced part's file. */
export function putPart(storage: Storage, p: PartRow): string | undefined {
  const old = storage.stmt('SELECT file FROM s3_parts WHERE upload_id = ? AND part_number = ?').get(p.uploadId, p.partNumber) as { file: string } | undefined;
  storage
    .stmt(`INSERT INTO s3_parts (upload_id, part_number, size, etag, last_modified, file, checksum) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(upload_id, part_number) DO UPDATE SET size = excluded.size, etag = excluded.etag,
           last_modified = excluded.last_modified, file = excluded.file, checksum = excluded.checksum`)
    .run(p.uploadId, p.partNumber, p.size, p.etag, p.lastModified, p.file, p.checksum);
  return old?.file;
}

export function partsOf(storage: Storage, uploadId: string, afterPart: number, limit: number): PartRow[] {
  return (storage
    .stmt('SELECT * FROM s3_parts WHERE upload_id = ? AND part_number > ? ORDER BY part_number LIMIT ?')
    .all(uploadId, afterPart, limit) as Record<string, any>[]).map(toPart);
}

/** Uploads in ListMultipartUploads order (key, then initiation), after (key, uploadId), by prefix. */
export function uploadsAfter(storage: Storage, bucketId: number, afterKey: string, afterUploadId: string, prefix: string, limit: number): UploadRow[] {
  const rows = afterKey && afterKey.startsWith(prefix)
    ? storage.stmt('SELECT * FROM s3_uploads WHERE bucket_id = ? AND key = ? AND upload_id > ? ORDER BY upload_id LIMIT ?').all(bucketId, afterKey, afterUploadId, limit) as Record<string, any>[]
    : [];
  if (rows.length < limit) {
    const range = keyRange(afterKey, prefix);
    rows.push(...storage
      .stmt(`SELECT * FROM s3_uploads WHERE bucket_id = ? AND ${range.sql} ORDER BY key, upload_id LIMIT ?`)
      .all(bucketId, ...range.params, limit - rows.length) as Record<string, any>[]);
  }
  return rows.map(toUpload);
}

/** Uploads started before a time (the lifecycle job aborts these). */
export function uploadsInitiatedBefore(storage: Storage, bucketId: number, before: number): UploadRow[] {
  return (storage.stmt('SELECT * FROM s3_uploads WHERE bucket_id = ? AND initiated < ?').all(bucketId, before) as Record<string, any>[]).map(toUpload);
}
