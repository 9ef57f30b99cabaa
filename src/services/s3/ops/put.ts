// PutObject: the body streams to a file, then one transaction makes it the current version.
import type { RequestContext } from '../../types';
import { requireBucket } from '../access';
import { commitObject, defaultEncryption, checkWriteConditions } from '../commit';
import { attrsFromInput, encryptionMembers, storageClassOf, type ObjectWriteInput } from '../object-meta';
import { receiveBody, takeBody, type UploadInput } from '../receive';
import { cannedGrants } from './acl';
import { parseTaggingHeader } from './tagging';
import { canonicalId } from '../names';
import { checksumMember } from '../checksums';
import { shownVersionId } from '../versions';

export interface PutObjectInput extends UploadInput, ObjectWriteInput {
  Bucket: string;
  Key: string;
  Tagging?: string;
  IfMatch?: string;
  IfNoneMatch?: string;
  ExpectedBucketOwner?: string;
}

export const etagOf = (md5: Buffer) => `"${md5.toString('hex')}"`;

export async function putObject(input: PutObjectInput, ctx: RequestContext) {
  const body = takeBody(input);
  const bucket = requireBucket(ctx, input.Bucket, input.ExpectedBucketOwner);
  const storageClass = storageClassOf(input);
  const tags = parseTaggingHeader(input.Tagging);
  const attrs = attrsFromInput(input, defaultEncryption(ctx, bucket));
  if (input.ACL) attrs.acl = JSON.stringify(cannedGrants(input.ACL, canonicalId(ctx.accountId)));
  // Fail fast before reading the body; checked again at commit, as the object may change meanwhile.
  checkWriteConditions(ctx, bucket, input.Key, input);
  const received = await receiveBody(ctx, body, input, { inline: true });
  if (received.algorithm) attrs.checksum = { algorithm: received.algorithm, value: received.checksumValue!, type: 'FULL_OBJECT' };
  const { bucket: current, row } = commitObject(ctx, input.Bucket, received, () => ({
    key: input.Key, deleteMarker: false, size: received.size, etag: etagOf(received.md5), lastModified: ctx.platform.clock.now(),
    storageClass, owner: ctx.accountId, attrs, tags,
  }), { key: input.Key, IfMatch: input.IfMatch, IfNoneMatch: input.IfNoneMatch });
  return {
    ETag: row.etag,
    VersionId: shownVersionId(current, row.versionId),
    ...encryptionMembers(attrs),
    ...(attrs.checksum ? { [checksumMember(attrs.checksum.algorithm)]: attrs.checksum.value, ChecksumType: 'FULL_OBJECT' } : {}),
  };
}
