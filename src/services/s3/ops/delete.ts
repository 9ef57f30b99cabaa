// DeleteObject and DeleteObjects (up to 1000 keys in one request and one transaction).
import type { RequestContext } from '../../types';
import { requireBucket } from '../access';
import { removeFilesLater } from '../cleanup';
import { checkWriteConditions } from '../commit';
import { malformedXml } from '../errors';
import { notifyObjectEvent } from '../notify';
import type { BucketRow } from '../store';
import { deleteCurrent, deleteVersion, shownVersionId, type DeleteResult } from '../versions';

function deleteOne(ctx: RequestContext, bucket: BucketRow, key: string, versionId: string | undefined): DeleteResult {
  const storage = ctx.platform.storage;
  const result = versionId === undefined
    ? deleteCurrent(storage, bucket, key, ctx.accountId, ctx.platform.clock.now())
    : deleteVersion(storage, bucket, key, versionId);
  // A new delete marker, or a version (or the null object) really gone.
  const markerCreated = versionId === undefined && result.DeleteMarker;
  if (markerCreated || result.removed.length) {
    notifyObjectEvent(ctx, bucket, { eventName: markerCreated ? 'ObjectRemoved:DeleteMarkerCreated' : 'ObjectRemoved:Delete', key, versionId: result.VersionId });
  }
  return result;
}

interface DeleteObjectInput { Bucket: string; Key: string; VersionId?: string; IfMatch?: string; ExpectedBucketOwner?: string }

export function deleteObject(input: DeleteObjectInput, ctx: RequestContext) {
  const bucket = requireBucket(ctx, input.Bucket, input.ExpectedBucketOwner);
  if (input.IfMatch !== undefined) checkWriteConditions(ctx, bucket, input.Key, { IfMatch: input.IfMatch });
  const result = deleteOne(ctx, bucket, input.Key, input.VersionId);
  removeFilesLater(ctx.platform, result.removed);
  return { DeleteMarker: result.DeleteMarker, VersionId: result.VersionId && shownVersionId(bucket, result.VersionId) };
}

interface DeleteObjectsInput {
  Bucket: string;
  ExpectedBucketOwner?: string;
  Delete: { Objects?: { Key: string; VersionId?: string }[]; Quiet?: boolean };
}

export function deleteObjects(input: DeleteObjectsInput, ctx: RequestContext) {
  const bucket = requireBucket(ctx, input.Bucket, input.ExpectedBucketOwner);
  const objects = input.Delete.Objects ?? [];
  if (objects.length === 0 || objects.length > 1000) throw malformedXml();
  const deleted: Record<string, unknown>[] = [];
  const removed: (string | null)[] = [];
  for (const { Key, VersionId } of objects) {
    const result = deleteOne(ctx, bucket, Key, VersionId);
    removed.push(...result.removed);
    const entry: Record<string, unknown> = { Key };
    if (VersionId !== undefined) {
      entry.VersionId = VersionId;
      if (result.DeleteMarker) Object.assign(entry, { DeleteMarker: true, DeleteMarkerVersionId: VersionId });
    } else if (result.DeleteMarker) {
      Object.assign(entry, { DeleteMarker: true, DeleteMarkerVersionId: result.VersionId });
    }
    deleted.push(entry);
  }
  removeFilesLater(ctx.platform, removed);
  return { Deleted: input.Delete.Quiet ? undefined : deleted };
}
