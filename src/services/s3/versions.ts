// What a write or delete does to a key's versions, by the bucket's versioning state:
// unversioned and suspended buckets keep one 'null' version that each write replaces; enabled
// buckets add a version per write and a delete marker per delete without a version id.
import type { Storage } from '../../storage/database';
import type { RequestContext } from '../types';
import { methodNotAllowed, noSuchKey, noSuchVersion } from './errors';
import { newVersionId } from './names';
import type { BucketRow } from './store';
import {
  clearLatest, deleteObjectRow, findVersion, insertObject, latestVersion, promoteNewest, type ObjectRow,
} from './store-objects';

export type NewObject = Omit<ObjectRow, 'id' | 'bucketId' | 'versionId' | 'isLatest'>;

export interface WriteResult {
  row: ObjectRow;
  /** Files of versions the write replaced, to remove after commit. */
  replaced: (string | null)[];
}

/** The version id a response shows: none for a bucket that never had versioning. */
export function shownVersionId(bucket: BucketRow, versionId: string): string | undefined {
  return bucket.versioning === '' && versionId === 'null' ? undefined : versionId;
}

/** Stores a new current version of a key. */
export function writeVersion(storage: Storage, bucket: BucketRow, obj: NewObject): WriteResult {
  const replaced: (string | null)[] = [];
  let versionId = 'null';
  if (bucket.versioning === 'Enabled') {
    versionId = newVersionId();
  } else {
    const previous = findVersion(storage, bucket.id, obj.key, 'null');
    if (previous) {
      deleteObjectRow(storage, previous.id);
      replaced.push(previous.file);
    }
  }
  clearLatest(storage, bucket.id, obj.key);
  const row: ObjectRow = { ...obj, id: 0, bucketId: bucket.id, versionId, isLatest: true };
  row.id = insertObject(storage, row);
  return { row, replaced };
}

export interface DeleteResult {
  DeleteMarker?: boolean;
  VersionId?: string;
  removed: (string | null)[];
}

/** DeleteObject without a version id. */
export function deleteCurrent(storage: Storage, bucket: BucketRow, key: string, owner: string, now: number): DeleteResult {
  if (bucket.versioning === '') {
    const current = latestVersion(storage, bucket.id, key);
    if (!current) return { removed: [] };
    deleteObjectRow(storage, current.id);
    return { removed: [current.file] };
  }
  const { row, replaced } = writeVersion(storage, bucket, {
    key, deleteMarker: true, size: 0, etag: '', lastModified: now, storageClass: 'STANDARD', owner, file: null, attrs: {}, tags: [],
  });
  return { DeleteMarker: true, VersionId: row.versionId, removed: replaced };
}

/** DeleteObject with a version id: that version goes for good, and the next newest becomes current. */
export function deleteVersion(storage: Storage, bucket: BucketRow, key: string, versionId: string): DeleteResult {
  const row = findVersion(storage, bucket.id, key, versionId);
  if (!row) return { VersionId: versionId, removed: [] };
  deleteObjectRow(storage, row.id);
  if (row.isLatest) promoteNewest(storage, bucket.id, key);
  return { VersionId: versionId, DeleteMarker: row.deleteMarker || undefined, removed: [row.file] };
}

/**
 * The version a read names (the current one when none is named), in S3's errors: NoSuchKey when the
 * key is absent or deleted, NoSuchVersion, and MethodNotAllowed for a named delete marker.
 */
export function resolveVersion(ctx: RequestContext, bucket: BucketRow, key: string, versionId: string | undefined, method: string): ObjectRow {
  const storage = ctx.platform.storage;
  if (versionId !== undefined) {
    const row = findVersion(storage, bucket.id, key, versionId);
    if (!row) throw noSuchVersion(key, versionId);
    if (row.deleteMarker) {
      const err = methodNotAllowed(method, 'DeleteMarker');
      Object.assign(err.headers, { 'x-amz-delete-marker': 'true', 'x-amz-version-id': row.versionId, 'last-modified': new Date(row.lastModified).toUTCString() });
      throw err;
    }
    return row;
  }
  const row = latestVersion(storage, bucket.id, key);
  if (!row) throw noSuchKey(key);
  if (row.deleteMarker) {
    // S3 says why the key is gone: its current version is a delete marker.
    const err = noSuchKey(key);
    err.headers['x-amz-delete-marker'] = 'true';
    if (row.versionId !== 'null' || bucket.versioning) err.headers['x-amz-version-id'] = row.versionId;
    throw err;
  }
  return row;
}
