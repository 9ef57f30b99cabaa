// S3 objects through the SDK v3: put/get/head/delete with metadata, content headers, storage
// classes, checksums and tags; streamed (aws-chunked) uploads; ranges; conditional requests; copies.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { crc32 as crc32zlib } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as S from '@aws-sdk/client-s3';
import { sdkConfig, startTestKanri, type Kanri, rejects } from './harness';

let kanri: Kanri;
let dataDir: string;
let s3: S.S3Client;
const B = 'kanri-objects';
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kanri-s3-objects-'));
  kanri = await startTestKanri(dataDir);
  s3 = new S.S3Client({ ...sdkConfig(kanri), forcePathStyle: true });
  await s3.send(new S.CreateBucketCommand({ Bucket: B }));
});
afterAll(async () => { await kanri.stop(); rmSync(dataDir, { recursive: true, force: true }); });

const md5 = (b: Buffer | string) => `"${createHash('md5').update(b).digest('hex')}"`;
const bytes = async (out: { Body?: unknown }) => Buffer.from(await (out.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());

describe('put, get, head and delete', () => {
  it('keeps the body, metadata, content headers, storage class and tag count', async () => {
    const expires = new Date('2030-01-01T00:00:00Z');
    const put = await s3.send(new S.PutObjectCommand({
      Bucket: B, Key: 'docs/report.txt', Body: 'hello kanri', ContentType: 'text/plain', ContentEncoding: 'identity', ContentDisposition: 'attachment; filename="r.txt"',
      ContentLanguage: 'en', CacheControl: 'max-age=60', Expires: expires, Metadata: { owner: 'ops', 'trace-id': '42' }, StorageClass: 'STANDARD_IA', Tagging: 'team=ops&env=dev',
    }));
    expect(put).toMatchObject({ ETag: md5('hello kanri'), ServerSideEncryption: 'AES256', ChecksumType: 'FULL_OBJECT', ChecksumCRC32: expect.any(String) });
    const got = await s3.send(new S.GetObjectCommand({ Bucket: B, Key: 'docs/report.txt' }));
    expect((await bytes(got)).toString()).toBe('hello kanri');
    expect(got).toMatchObject({ ContentType: 'text/plain', ContentEncoding: 'identity', ContentDisposition: 'attachment; filename="r.txt"', ContentLanguage: 'en',
      CacheControl: 'max-age=60', Metadata: { owner: 'ops', 'trace-id': '42' }, StorageClass: 'STANDARD_IA', TagCount: 2, ContentLength: 11, ETag: md5('hello kanri'),
      AcceptRanges: 'bytes', ServerSideEncryption: 'AES256' });
    expect(got.Expires?.toISOString()).toBe(expires.toISOString());
    const head = await s3.send(new S.HeadObjectCommand({ Bucket: B, Key: 'docs/report.txt' }));
    expect(head).toMatchObject({ ContentLength: 11, ETag: md5('hello kanri'), Metadata: { owner: 'ops', 'trace-id': '42' } });
    expect(Math.abs(head.LastModified!.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('streams a body of unknown length (aws-chunked with a trailing checksum) byte for byte', async () => {
    const data = randomBytes(3 * 1024 * 1024 + 17);
    const body = Readable.from((function* () { for (let i = 0; i < data.length; i += 65536) yield data.subarray(i, i + 65536); })());
    const put = await s3.send(new S.PutObjectCommand({ Bucket: B, Key: 'stream.bin', Body: body, ContentLength: data.length, ContentEncoding: 'gzip', ChecksumAlgorithm: 'SHA256' }));
    expect(put.ChecksumSHA256).toBe(createHash('sha256').update(data).digest('base64'));
    const got = await s3.send(new S.GetObjectCommand({ Bucket: B, Key: 'stream.bin', ChecksumMode: 'ENABLED' }));
    expect([got.ContentEncoding, got.ContentLength, got.ETag, got.ChecksumSHA256]).toEqual(['gzip', data.length, md5(data), put.ChecksumSHA256]);
    expect((await bytes(got)).equals(data)).toBe(true);
  });

  it('computes and verifies the checksum the client names, and refuses bad digests', async () => {
    for (const ChecksumAlgorithm of ['CRC32', 'CRC32C', 'SHA1', 'SHA256'] as const) {
      const put = await s3.send(new S.PutObjectCommand({ Bucket: B, Key: `sum-${ChecksumAlgorithm}`, Body: 'checksummed', ChecksumAlgorithm }));
      const head = await s3.send(new S.HeadObjectCommand({ Bucket: B, Key: `sum-${ChecksumAlgorithm}`, ChecksumMode: 'ENABLED' }));
      expect(head[`Checksum${ChecksumAlgorithm}`]).toBe(put[`Checksum${ChecksumAlgorithm}`]);
    }
    const crc32 = (await s3.send(new S.HeadObjectCommand({ Bucket: B, Key: 'sum-CRC32', ChecksumMode: 'ENABLED' }))).ChecksumCRC32;
    const expected = Buffer.alloc(4);
    expected.writeUInt32BE(crc32zlib('checksummed'));
    expect(crc32).toBe(expected.toString('base64'));
    await rejects(s3.send(new S.PutObjectCommand({ Bucket: B, Key: 'bad', Body: 'x', ChecksumSHA256: createHash('sha256').update('y').digest('base64') })),
      'BadDigest', 400, 'The SHA256 you specified did not match the calculated checksum.');
    await rejects(s3.send(new S.PutObjectCommand({ Bucket: B, Key: 'bad', Body: 'x', ContentMD5: createHash('md5').update('y').digest('base64') })), 'BadDigest', 400);
    await rejects(s3.send(new S.PutObjectCommand({ Bucket: B, Key: 'bad', Body: 'x', ContentMD5: 'bm90LW1kNQ==' })), 'InvalidDigest', 400);
    await rejects(s3.send(new S.GetObjectCommand({ Bucket: B, Key: 'bad' })), 'NoSuchKey', 404); // nothing half-stored
  });

  it('handles empty bodies, unicode and awkward keys', async () => {
    for (const Key of ['empty', 'ünïcödé/日本語.txt', 'with space+plus%percent', 'a//double/slash', 'trailing/']) {
      await s3.send(new S.PutObjectCommand({ Bucket: B, Key, Body: Key === 'empty' ? '' : Key }));
      const got = await s3.send(new S.GetObjectCommand({ Bucket: B, Key }));
      expect((await bytes(got)).toString()).toBe(Key === 'empty' ? '' : Key);
    }
    expect((await s3.send(new S.HeadObjectCommand({ Bucket: B, Key: 'empty' }))).ETag).toBe('"d41d8cd98f00b204e9800998ecf8427e"');
  });

  it('deletes one object (204, even when absent) and many at once', async () => {
    await s3.send(new S.PutObjectCommand({ Bucket: B, Key: 'del/one', Body: '1' }));
    expect((await s3.send(new S.DeleteObjectCommand({ Bucket: B, Key: 'del/one' }))).$metadata.httpStatusCode).toBe(204);
    expect((await s3.send(new S.DeleteObjectCommand({ Bucket: B, Key: 'del/one' }))).$metadata.httpStatusCode).toBe(204);
    const err = await rejects(s3.send(new S.GetObjectCommand({ Bucket: B, Key: 'del/one' })), 'NoSuchKey', 404, 'The specified key does not exist.');
    expect(err.Key).toBe('del/one');
    for (const k of ['a', 'b', 'c']) await s3.send(new S.PutObjectCommand({ Bucket: B, Key: `del/${k}`, Body: k }));
    const out = await s3.send(new S.DeleteObjectsCommand({ Bucket: B, Delete: { Objects: [{ Key: 'del/a' }, { Key: 'del/b' }, { Key: 'del/missing' }] } }));
    expect(out.Deleted!.map((d) => d.Key)).toEqual(['del/a', 'del/b', 'del/missing']);
    const quiet = await s3.send(new S.DeleteObjectsCommand({ Bucket: B, Delete: { Objects: [{ Key: 'del/c' }], Quiet: true } }));
    expect(quiet.Deleted ?? []).toEqual([]);
    expect((await s3.send(new S.ListObjectsV2Command({ Bucket: B, Prefix: 'del/' }))).KeyCount).toBe(0);
  });

  it('answers NoSuchBucket for objects of a missing bucket, and NotFound on HEAD', async () => {
    await rejects(s3.send(new S.PutObjectCommand({ Bucket: 'kanri-no-such', Key: 'k', Body: 'x' })), 'NoSuchBucket', 404);
    await rejects(s3.send(new S.GetObjectCommand({ Bucket: 'kanri-no-such', Key: 'k' })), 'NoSuchBucket', 404);
    await rejects(s3.send(new S.HeadObjectCommand({ Bucket: B, Key: 'nope' })), 'NotFound', 404);
  });
});

describe('ranges and conditions', () => {
  const body = Buffer.from('0123456789abcdefghij');
  beforeAll(async () => { await s3.send(new S.PutObjectCommand({ Bucket: B, Key: 'range.txt', Body: body })); });

  it('serves byte ranges with Content-Range', async () => {
    const cases: [string, string, string][] = [['bytes=0-4', '01234', 'bytes 0-4/20'], ['bytes=15-', 'fghij', 'bytes 15-19/20'],
      ['bytes=-3', 'hij', 'bytes 17-19/20'], ['bytes=18-100', 'ij', 'bytes 18-19/20']];
    for (const [Range, text, contentRange] of cases) {
      const got = await s3.send(new S.GetObjectCommand({ Bucket: B, Key: 'range.txt', Range }));
      expect([(await bytes(got)).toString(), got.ContentRange, got.ContentLength]).toEqual([text, contentRange, text.length]);
    }
    const err = await rejects(s3.send(new S.GetObjectCommand({ Bucket: B, Key: 'range.txt', Range: 'bytes=20-30' })), 'InvalidRange', 416,
      'The requested range is not satisfiable');
    expect([err.RangeRequested, err.ActualObjectSize]).toEqual(['bytes=20-30', '20']);
    const whole = await s3.send(new S.GetObjectCommand({ Bucket: B, Key: 'range.txt', Range: 'bytes=5-2' })); // unparseable ranges mean the whole object
    expect((await bytes(whole)).length).toBe(20);
  });

  it('answers a range with 206 Partial Content', async () => {
    const got = await s3.send(new S.GetObjectCommand({ Bucket: B, Key: 'range.txt', Range: 'bytes=0-1' }));
    expect(got.$metadata.httpStatusCode).toBe(206);
  });

  it('evaluates If-Match, If-None-Match, If-Modified-Since and If-Unmodified-Since as S3 does', async () => {
    const etag = md5(body);
    const past = new Date(Date.now() - 3_600_000);
    const future = new Date(Date.now() + 3_600_000);
    const get = (extra: Partial<S.GetObjectCommandInput>) => s3.send(new S.GetObjectCommand({ Bucket: B, Key: 'range.txt', ...extra }));
    expect((await get({ IfMatch: etag })).$metadata.httpStatusCode).toBe(200);
    expect((await get({ IfNoneMatch: '"other"', IfModifiedSince: past })).$metadata.httpStatusCode).toBe(200);
    const failed = await rejects(get({ IfMatch: '"other"' }), 'PreconditionFailed', 412, 'At least one of the pre-conditions you specified did not hold');
    expect(failed.Condition).toBe('If-Match');
    await rejects(get({ IfUnmodifiedSince: past }), 'PreconditionFailed', 412);
    await rejects(get({ IfNoneMatch: etag }), 'Unknown', 304); // 304 has no body to name the error, as on AWS
    await rejects(get({ IfModifiedSince: future }), 'Unknown', 304);
    expect((await get({ IfMatch: etag, IfUnmodifiedSince: past })).$metadata.httpStatusCode).toBe(200); // If-Match wins
    await rejects(get({ IfMatch: '"other"', IfNoneMatch: etag }), 'PreconditionFailed', 412); // 412 before 304
    await rejects(s3.send(new S.HeadObjectCommand({ Bucket: B, Key: 'range.txt', IfNoneMatch: etag })), 'Unknown', 304);
    await rejects(s3.send(new S.HeadObjectCommand({ Bucket: B, Key: 'range.txt', IfMatch: '"x"' })), 'Unknown', 412);
  });

  it('refuses to overwrite with If-None-Match: * and wants the ETag with If-Match', async () => {
    await rejects(s3.send(new S.PutObjectCommand({ Bucket: B, Key: 'range.txt', Body: 'new', IfNoneMatch: '*' })), 'PreconditionFailed', 412);
    await s3.send(new S.PutObjectCommand({ Bucket: B, Key: 'fresh.txt', Body: 'new', IfNoneMatch: '*' }));
    await rejects(s3.send(new S.PutObjectCommand({ Bucket: B, Key: 'fresh.txt', Body: 'newer', IfMatch: '"nope"' })), 'PreconditionFailed', 412);
    await s3.send(new S.PutObjectCommand({ Bucket: B, Key: 'fresh.txt', Body: 'newer', IfMatch: md5('new') }));
    await rejects(s3.send(new S.PutObjectCommand({ Bucket: B, Key: 'never.txt', Body: 'x', IfMatch: '"a"' })), 'NoSuchKey', 404);
  });
});

describe('copies and tags', () => {
  it('copies with the COPY and REPLACE metadata directives', async () => {
    await s3.send(new S.PutObjectCommand({ Bucket: B, Key: 'src.txt', Body: 'source', ContentType: 'text/x-src', Metadata: { a: '1' }, Tagging: 'k=v' }));
    const copy = await s3.send(new S.CopyObjectCommand({ Bucket: B, Key: 'copy.txt', CopySource: `${B}/src.txt` }));
    expect(copy.CopyObjectResult).toMatchObject({ ETag: md5('source'), LastModified: expect.any(Date) });
    const copied = await s3.send(new S.GetObjectCommand({ Bucket: B, Key: 'copy.txt' }));
    expect([(await bytes(copied)).toString(), copied.ContentType, copied.Metadata, copied.TagCount]).toEqual(['source', 'text/x-src', { a: '1' }, 1]);
    await s3.send(new S.CopyObjectCommand({ Bucket: B, Key: 'replaced.txt', CopySource: `/${B}/src.txt`, MetadataDirective: 'REPLACE',
      ContentType: 'text/plain', Metadata: { b: '2' }, TaggingDirective: 'REPLACE', Tagging: 'x=y&z=w' }));
    const replaced = await s3.send(new S.HeadObjectCommand({ Bucket: B, Key: 'replaced.txt' }));
    expect([replaced.ContentType, replaced.Metadata]).toEqual(['text/plain', { b: '2' }]);
    expect((await s3.send(new S.GetObjectTaggingCommand({ Bucket: B, Key: 'replaced.txt' }))).TagSet).toEqual([{ Key: 'x', Value: 'y' }, { Key: 'z', Value: 'w' }]);
    await rejects(s3.send(new S.CopyObjectCommand({ Bucket: B, Key: 'src.txt', CopySource: `${B}/src.txt` })), 'InvalidRequest', 400);
    await s3.send(new S.CopyObjectCommand({ Bucket: B, Key: 'src.txt', CopySource: `${B}/src.txt`, MetadataDirective: 'REPLACE', Metadata: { a: '2' } }));
    await rejects(s3.send(new S.CopyObjectCommand({ Bucket: B, Key: 'x', CopySource: `${B}/missing` })), 'NoSuchKey', 404);
    await rejects(s3.send(new S.CopyObjectCommand({ Bucket: B, Key: 'x', CopySource: `${B}/src.txt`, CopySourceIfMatch: '"nope"' })), 'PreconditionFailed', 412);
    await s3.send(new S.CopyObjectCommand({ Bucket: B, Key: 'space copy', CopySource: `${B}/${encodeURIComponent('with space+plus%percent')}` }));
    expect((await bytes(await s3.send(new S.GetObjectCommand({ Bucket: B, Key: 'space copy' })))).toString()).toBe('with space+plus%percent');
  });

  it('puts, gets and deletes object tags, with S3\'s tag rules', async () => {
    await s3.send(new S.PutObjectCommand({ Bucket: B, Key: 'tagged', Body: 't' }));
    await s3.send(new S.PutObjectTaggingCommand({ Bucket: B, Key: 'tagged', Tagging: { TagSet: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '' }] } }));
    expect((await s3.send(new S.GetObjectTaggingCommand({ Bucket: B, Key: 'tagged' }))).TagSet).toEqual([{ Key: 'a', Value: '1' }, { Key: 'b', Value: '' }]);
    await s3.send(new S.DeleteObjectTaggingCommand({ Bucket: B, Key: 'tagged' }));
    expect((await s3.send(new S.GetObjectTaggingCommand({ Bucket: B, Key: 'tagged' }))).TagSet ?? []).toEqual([]);
    await rejects(s3.send(new S.PutObjectTaggingCommand({ Bucket: B, Key: 'tagged', Tagging: { TagSet: [{ Key: 'a', Value: '1' }, { Key: 'a', Value: '2' }] } })),
      'InvalidTag', 400, 'Cannot provide multiple Tags with the same key');
    await rejects(s3.send(new S.PutObjectTaggingCommand({ Bucket: B, Key: 'tagged', Tagging: { TagSet: [{ Key: 'aws:x', Value: '1' }] } })), 'InvalidTag', 400);
    const eleven = Array.from({ length: 11 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await rejects(s3.send(new S.PutObjectTaggingCommand({ Bucket: B, Key: 'tagged', Tagging: { TagSet: eleven } })), 'InvalidTag', 400, 'Object tags cannot be greater than 10');
    await rejects(s3.send(new S.GetObjectTaggingCommand({ Bucket: B, Key: 'untagged-missing' })), 'NoSuchKey', 404);
  });
});
