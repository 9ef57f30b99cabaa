// S3 versioning through the SDK v3: version ids, delete markers, reads by version, permanent
// deletes that bring the previous version back, suspended buckets' null version, ListObjectVersions.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as S from '@aws-sdk/client-s3';
import { sdkConfig, startTestKanri, type Kanri, rejects } from './harness';

let kanri: Kanri;
let dataDir: string;
let s3: S.S3Client;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kanri-s3-versioning-'));
  kanri = await startTestKanri(dataDir);
  s3 = new S.S3Client({ ...sdkConfig(kanri), forcePathStyle: true });
});
afterAll(async () => { await kanri.stop(); rmSync(dataDir, { recursive: true, force: true }); });

const text = async (out: { Body?: unknown }) => (out.Body as { transformToString(): Promise<string> }).transformToString();
const put = (Bucket: string, Key: string, Body: string) => s3.send(new S.PutObjectCommand({ Bucket, Key, Body }));

describe('versioning', () => {
  it('is off until enabled, and cannot return to off', async () => {
    await s3.send(new S.CreateBucketCommand({ Bucket: 'kanri-ver-state' }));
    expect((await s3.send(new S.GetBucketVersioningCommand({ Bucket: 'kanri-ver-state' }))).Status).toBeUndefined();
    expect((await put('kanri-ver-state', 'k', 'v')).VersionId).toBeUndefined();
    await s3.send(new S.PutBucketVersioningCommand({ Bucket: 'kanri-ver-state', VersioningConfiguration: { Status: 'Enabled' } }));
    expect((await s3.send(new S.GetBucketVersioningCommand({ Bucket: 'kanri-ver-state' }))).Status).toBe('Enabled');
    await s3.send(new S.PutBucketVersioningCommand({ Bucket: 'kanri-ver-state', VersioningConfiguration: { Status: 'Suspended' } }));
    expect((await s3.send(new S.GetBucketVersioningCommand({ Bucket: 'kanri-ver-state' }))).Status).toBe('Suspended');
    const off = await s3.send(new S.PutBucketVersioningCommand({ Bucket: 'kanri-ver-state', VersioningConfiguration: { Status: 'Off' as never } })).catch((e) => e);
    // AWS says MalformedXML; while the gateway checks model enums for S3 it says InvalidArgument first.
    expect([['MalformedXML', 'InvalidArgument'].includes(off.name), off.$metadata.httpStatusCode]).toEqual([true, 400]);
  });

  it('keeps every version, reads any of them, and hides a deleted key behind a delete marker', async () => {
    const B = 'kanri-ver-objects';
    await s3.send(new S.CreateBucketCommand({ Bucket: B }));
    await put(B, 'doc', 'before versioning');
    await s3.send(new S.PutBucketVersioningCommand({ Bucket: B, VersioningConfiguration: { Status: 'Enabled' } }));
    const v1 = (await put(B, 'doc', 'one')).VersionId!;
    const v2 = (await put(B, 'doc', 'two')).VersionId!;
    expect(v1).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(v1).not.toBe(v2);
    const latest = await s3.send(new S.GetObjectCommand({ Bucket: B, Key: 'doc' }));
    expect([await text(latest), latest.VersionId]).toEqual(['two', v2]);
    expect(await text(await s3.send(new S.GetObjectCommand({ Bucket: B, Key: 'doc', VersionId: v1 })))).toBe('one');
    expect(await text(await s3.send(new S.GetObjectCommand({ Bucket: B, Key: 'doc', VersionId: 'null' })))).toBe('before versioning');
    const del = await s3.send(new S.DeleteObjectCommand({ Bucket: B, Key: 'doc' }));
    expect([del.DeleteMarker, del.VersionId]).toEqual([true, expect.stringMatching(/^[A-Za-z0-9_-]{32}$/)]);
    await rejects(s3.send(new S.GetObjectCommand({ Bucket: B, Key: 'doc' })), 'NoSuchKey', 404);
    // The 404 says why: the current version is a delete marker (headers a user's code checks).
    const gone = await s3.send(new S.HeadObjectCommand({ Bucket: B, Key: 'doc' })).catch((e) => e);
    expect([gone.$metadata.httpStatusCode, gone.$response.headers['x-amz-delete-marker'], gone.$response.headers['x-amz-version-id']])
      .toEqual([404, 'true', del.VersionId]);
    await rejects(s3.send(new S.GetObjectCommand({ Bucket: B, Key: 'doc', VersionId: del.VersionId })), 'MethodNotAllowed', 405,
      'The specified method is not allowed against this resource.');
    await rejects(s3.send(new S.GetObjectCommand({ Bucket: B, Key: 'doc', VersionId: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' })), 'NoSuchVersion', 404,
      'The specified version does not exist.');
    expect((await s3.send(new S.ListObjectsV2Command({ Bucket: B }))).KeyCount).toBe(0);

    const versions = await s3.send(new S.ListObjectVersionsCommand({ Bucket: B }));
    expect(versions.Versions!.map((v) => [v.VersionId, v.IsLatest])).toEqual([[v2, false], [v1, false], ['null', false]]);
    expect(versions.DeleteMarkers!.map((m) => [m.Key, m.VersionId, m.IsLatest])).toEqual([['doc', del.VersionId, true]]);

    const undo = await s3.send(new S.DeleteObjectCommand({ Bucket: B, Key: 'doc', VersionId: del.VersionId }));
    expect([undo.DeleteMarker, undo.VersionId]).toEqual([true, del.VersionId]);
    expect(await text(await s3.send(new S.GetObjectCommand({ Bucket: B, Key: 'doc' })))).toBe('two');
    await s3.send(new S.DeleteObjectCommand({ Bucket: B, Key: 'doc', VersionId: v2 }));
    expect(await text(await s3.send(new S.GetObjectCommand({ Bucket: B, Key: 'doc' })))).toBe('one');
    await rejects(s3.send(new S.DeleteBucketCommand({ Bucket: B })), 'BucketNotEmpty', 409,
      'The bucket you tried to delete is not empty. You must delete all versions in the bucket.');
  });

  it('pages ListObjectVersions with key and version markers', async () => {
    const B = 'kanri-ver-paging';
    await s3.send(new S.CreateBucketCommand({ Bucket: B }));
    await s3.send(new S.PutBucketVersioningCommand({ Bucket: B, VersioningConfiguration: { Status: 'Enabled' } }));
    const ids: Record<string, string[]> = { a: [], b: [] };
    for (const key of ['a', 'a', 'a', 'b', 'b']) ids[key].unshift((await put(B, key, key)).VersionId!);
    const seen: string[] = [];
    let marker: { KeyMarker?: string; VersionIdMarker?: string } = {};
    for (;;) {
      const page = await s3.send(new S.ListObjectVersionsCommand({ Bucket: B, MaxKeys: 2, ...marker }));
      seen.push(...page.Versions!.map((v) => `${v.Key}:${v.VersionId}`));
      if (!page.IsTruncated) break;
      marker = { KeyMarker: page.NextKeyMarker, VersionIdMarker: page.NextVersionIdMarker };
    }
    expect(seen).toEqual([...ids.a.map((v) => `a:${v}`), ...ids.b.map((v) => `b:${v}`)]);
    await rejects(s3.send(new S.ListObjectVersionsCommand({ Bucket: B, VersionIdMarker: ids.a[0] })), 'InvalidArgument', 400);
  });

  it('writes the null version in a suspended bucket, replacing the previous null', async () => {
    const B = 'kanri-ver-suspended';
    await s3.send(new S.CreateBucketCommand({ Bucket: B }));
    await s3.send(new S.PutBucketVersioningCommand({ Bucket: B, VersioningConfiguration: { Status: 'Enabled' } }));
    const kept = (await put(B, 'k', 'versioned')).VersionId!;
    await s3.send(new S.PutBucketVersioningCommand({ Bucket: B, VersioningConfiguration: { Status: 'Suspended' } }));
    expect((await put(B, 'k', 'null one')).VersionId).toBe('null');
    expect((await put(B, 'k', 'null two')).VersionId).toBe('null');
    const versions = await s3.send(new S.ListObjectVersionsCommand({ Bucket: B }));
    expect(versions.Versions!.map((v) => v.VersionId)).toEqual(['null', kept]);
    expect((await s3.send(new S.DeleteObjectCommand({ Bucket: B, Key: 'k' }))).VersionId).toBe('null');
    const after = await s3.send(new S.ListObjectVersionsCommand({ Bucket: B }));
    expect([after.Versions!.map((v) => v.VersionId), after.DeleteMarkers!.map((m) => m.VersionId)]).toEqual([[kept], ['null']]);
  });
});
