// Multipart uploads through the SDK v3: parts streamed to files, UploadPartCopy, S3's part checks
// (EntityTooSmall, InvalidPart, InvalidPartOrder), the multipart ETag and composite checksums,
// ListParts, ListMultipartUploads, aborts, and reading a part back by PartNumber.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as S from '@aws-sdk/client-s3';
import { sdkConfig, startTestKanri, type Kanri, rejects } from './harness';

let kanri: Kanri;
let dataDir: string;
let s3: S.S3Client;
const B = 'kanri-multipart';
const MiB = 1024 * 1024;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kanri-s3-multipart-'));
  kanri = await startTestKanri(dataDir);
  s3 = new S.S3Client({ ...sdkConfig(kanri), forcePathStyle: true });
  await s3.send(new S.CreateBucketCommand({ Bucket: B }));
});
afterAll(async () => { await kanri.stop(); rmSync(dataDir, { recursive: true, force: true }); });

const md5hex = (b: Buffer) => createHash('md5').update(b).digest('hex');
const bytes = async (out: { Body?: unknown }) => Buffer.from(await (out.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());

async function start(Key: string, extra: Partial<S.CreateMultipartUploadCommandInput> = {}) {
  return (await s3.send(new S.CreateMultipartUploadCommand({ Bucket: B, Key, ...extra }))).UploadId!;
}
async function part(Key: string, UploadId: string, PartNumber: number, Body: Buffer, extra: Partial<S.UploadPartCommandInput> = {}) {
  return s3.send(new S.UploadPartCommand({ Bucket: B, Key, UploadId, PartNumber, Body, ...extra }));
}

describe('multipart uploads', () => {
  it('joins parts into one object with S3\'s ETag, metadata and tags from the start', async () => {
    const parts = [randomBytes(5 * MiB), randomBytes(5 * MiB + 3), randomBytes(1234)];
    const id = await start('big/object.bin', { ContentType: 'application/x-test', Metadata: { origin: 'mpu' }, Tagging: 'kind=mpu' });
    const etags: string[] = [];
    for (const [i, body] of parts.entries()) etags.push((await part('big/object.bin', id, i + 1, body)).ETag!);
    expect(etags).toEqual(parts.map((p) => `"${md5hex(p)}"`));
    const listed = await s3.send(new S.ListPartsCommand({ Bucket: B, Key: 'big/object.bin', UploadId: id }));
    expect(listed.Parts!.map((p) => [p.PartNumber, p.Size, p.ETag])).toEqual(parts.map((p, i) => [i + 1, p.length, etags[i]]));
    const done = await s3.send(new S.CompleteMultipartUploadCommand({ Bucket: B, Key: 'big/object.bin', UploadId: id,
      MultipartUpload: { Parts: etags.map((ETag, i) => ({ ETag, PartNumber: i + 1 })) } }));
    const expected = createHash('md5').update(Buffer.concat(parts.map((p) => createHash('md5').update(p).digest()))).digest('hex');
    expect(done).toMatchObject({ ETag: `"${expected}-3"`, Bucket: B, Key: 'big/object.bin', Location: expect.stringContaining('big/object.bin') });
    const got = await s3.send(new S.GetObjectCommand({ Bucket: B, Key: 'big/object.bin' }));
    expect([got.ContentType, got.Metadata, got.TagCount, got.ContentLength]).toEqual(['application/x-test', { origin: 'mpu' }, 1, 10 * MiB + 1237]);
    expect((await bytes(got)).equals(Buffer.concat(parts))).toBe(true);
    const second = await s3.send(new S.GetObjectCommand({ Bucket: B, Key: 'big/object.bin', PartNumber: 2 }));
    expect([second.PartsCount, second.ContentRange, (await bytes(second)).equals(parts[1])]).toEqual([3, `bytes ${5 * MiB}-${10 * MiB + 2}/${10 * MiB + 1237}`, true]);
    await rejects(s3.send(new S.ListPartsCommand({ Bucket: B, Key: 'big/object.bin', UploadId: id })), 'NoSuchUpload', 404);
    expect(readdirSync(join(dataDir, 's3', 'tmp'))).toEqual([]);
  });

  it('checks the part list as S3 does', async () => {
    const small = randomBytes(1024);
    const id = await start('checks');
    const e1 = (await part('checks', id, 1, small)).ETag!;
    const e2 = (await part('checks', id, 2, small)).ETag!;
    const complete = (Parts: S.CompletedPart[]) => s3.send(new S.CompleteMultipartUploadCommand({ Bucket: B, Key: 'checks', UploadId: id, MultipartUpload: { Parts } }));
    const tooSmall = await rejects(complete([{ PartNumber: 1, ETag: e1 }, { PartNumber: 2, ETag: e2 }]), 'EntityTooSmall', 400,
      'Your proposed upload is smaller than the minimum allowed size');
    expect([tooSmall.ProposedSize, tooSmall.MinSizeAllowed, tooSmall.PartNumber]).toEqual(['1024', '5242880', '1']);
    await rejects(complete([{ PartNumber: 2, ETag: e2 }, { PartNumber: 1, ETag: e1 }]), 'InvalidPartOrder', 400,
      'The list of parts was not in ascending order. Parts must be ordered by part number.');
    await rejects(complete([{ PartNumber: 1, ETag: '"0123456789abcdef0123456789abcdef"' }]), 'InvalidPart', 400);
    await rejects(complete([{ PartNumber: 3, ETag: e1 }]), 'InvalidPart', 400);
    expect((await complete([{ PartNumber: 2, ETag: e2 }])).ETag).toBe(`"${createHash('md5').update(createHash('md5').update(small).digest()).digest('hex')}-1"`);
    await rejects(part('checks', id, 1, small), 'NoSuchUpload', 404);
    await rejects(part('checks', 'no-such-upload', 1, small), 'NoSuchUpload', 404,
      'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.');
    await rejects(part('checks', await start('checks'), 10001, small), 'InvalidArgument', 400);
  });

  it('copies ranges of other objects into parts', async () => {
    const source = randomBytes(6 * MiB);
    await s3.send(new S.PutObjectCommand({ Bucket: B, Key: 'copy-source', Body: source }));
    const id = await start('copied');
    const p1 = await s3.send(new S.UploadPartCopyCommand({ Bucket: B, Key: 'copied', UploadId: id, PartNumber: 1, CopySource: `${B}/copy-source`, CopySourceRange: `bytes=0-${5 * MiB - 1}` }));
    const p2 = await s3.send(new S.UploadPartCopyCommand({ Bucket: B, Key: 'copied', UploadId: id, PartNumber: 2, CopySource: `${B}/copy-source`, CopySourceRange: `bytes=${5 * MiB}-${6 * MiB - 1}` }));
    expect(p1.CopyPartResult!.ETag).toBe(`"${md5hex(source.subarray(0, 5 * MiB))}"`);
    await rejects(s3.send(new S.UploadPartCopyCommand({ Bucket: B, Key: 'copied', UploadId: id, PartNumber: 3, CopySource: `${B}/copy-source`, CopySourceRange: 'bytes=0-99999999' })), 'InvalidRange', 416);
    await s3.send(new S.CompleteMultipartUploadCommand({ Bucket: B, Key: 'copied', UploadId: id,
      MultipartUpload: { Parts: [{ PartNumber: 1, ETag: p1.CopyPartResult!.ETag }, { PartNumber: 2, ETag: p2.CopyPartResult!.ETag }] } }));
    expect((await bytes(await s3.send(new S.GetObjectCommand({ Bucket: B, Key: 'copied' })))).equals(source)).toBe(true);
  });

  it('keeps composite and full-object CRC checksums', async () => {
    const parts = [randomBytes(5 * MiB), randomBytes(100)];
    for (const ChecksumType of ['COMPOSITE', 'FULL_OBJECT'] as const) {
      const Key = `sums-${ChecksumType}`;
      const id = await start(Key, { ChecksumAlgorithm: 'CRC32', ChecksumType });
      const uploaded = [];
      for (const [i, body] of parts.entries()) uploaded.push(await part(Key, id, i + 1, body, { ChecksumAlgorithm: 'CRC32' }));
      const done = await s3.send(new S.CompleteMultipartUploadCommand({ Bucket: B, Key, UploadId: id,
        MultipartUpload: { Parts: uploaded.map((u, i) => ({ PartNumber: i + 1, ETag: u.ETag, ChecksumCRC32: u.ChecksumCRC32 })) } }));
      expect(done.ChecksumType).toBe(ChecksumType);
      expect(done.ChecksumCRC32).toMatch(ChecksumType === 'COMPOSITE' ? /^[A-Za-z0-9+/]{6}==-2$/ : /^[A-Za-z0-9+/]{6}==$/);
      const head = await s3.send(new S.HeadObjectCommand({ Bucket: B, Key, ChecksumMode: 'ENABLED' }));
      expect([head.ChecksumCRC32, head.ChecksumType]).toEqual([done.ChecksumCRC32, ChecksumType]);
      const got = await s3.send(new S.GetObjectCommand({ Bucket: B, Key, ChecksumMode: 'ENABLED' })); // the SDK validates a full-object CRC
      expect((await bytes(got)).equals(Buffer.concat(parts))).toBe(true);
    }
  });

  it('lists uploads in progress and aborts them', async () => {
    const ids = [await start('uploads/a'), await start('uploads/a'), await start('uploads/b'), await start('other/c')];
    const all = await s3.send(new S.ListMultipartUploadsCommand({ Bucket: B, Prefix: 'uploads/' }));
    expect(all.Uploads!.map((u) => [u.Key, u.UploadId])).toEqual([['uploads/a', ids[0]], ['uploads/a', ids[1]], ['uploads/b', ids[2]]]);
    const page = await s3.send(new S.ListMultipartUploadsCommand({ Bucket: B, Prefix: 'uploads/', MaxUploads: 2 }));
    expect([page.IsTruncated, page.NextKeyMarker, page.NextUploadIdMarker]).toEqual([true, 'uploads/a', ids[1]]);
    const rest = await s3.send(new S.ListMultipartUploadsCommand({ Bucket: B, Prefix: 'uploads/', KeyMarker: page.NextKeyMarker, UploadIdMarker: page.NextUploadIdMarker }));
    expect(rest.Uploads!.map((u) => u.UploadId)).toEqual([ids[2]]);
    const folded = await s3.send(new S.ListMultipartUploadsCommand({ Bucket: B, Delimiter: '/' }));
    expect(folded.CommonPrefixes!.map((p) => p.Prefix)).toEqual(expect.arrayContaining(['other/', 'uploads/']));
    await part('uploads/b', ids[2], 1, randomBytes(10));
    await s3.send(new S.AbortMultipartUploadCommand({ Bucket: B, Key: 'uploads/b', UploadId: ids[2] }));
    await rejects(s3.send(new S.AbortMultipartUploadCommand({ Bucket: B, Key: 'uploads/b', UploadId: ids[2] })), 'NoSuchUpload', 404);
    for (const [i, key] of ['uploads/a', 'uploads/a', undefined, 'other/c'].entries()) {
      if (key) await s3.send(new S.AbortMultipartUploadCommand({ Bucket: B, Key: key, UploadId: ids[i] }));
    }
    expect((await s3.send(new S.ListMultipartUploadsCommand({ Bucket: B, Prefix: 'uploads/' }))).Uploads ?? []).toEqual([]);
  });
});
