// ListObjects (v1) and ListObjectsV2 through the SDK v3: prefixes, delimiters and common prefixes,
// markers, opaque continuation tokens, StartAfter, KeyCount, FetchOwner, MaxKeys, URL encoding.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as S from '@aws-sdk/client-s3';
import { sdkConfig, startTestKanri, type Kanri } from './harness';

let kanri: Kanri;
let dataDir: string;
let s3: S.S3Client;
const B = 'kanri-listing';
const KEYS = ['a.txt', 'b/1.txt', 'b/2.txt', 'b/c/3.txt', 'd/4.txt', 'e.txt', 'photos/2024/x.jpg', 'photos/2025/y.jpg', 'photos/readme', 'z'];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kanri-s3-listing-'));
  kanri = await startTestKanri(dataDir);
  s3 = new S.S3Client({ ...sdkConfig(kanri), forcePathStyle: true });
  await s3.send(new S.CreateBucketCommand({ Bucket: B }));
  await Promise.all(KEYS.map((Key) => s3.send(new S.PutObjectCommand({ Bucket: B, Key, Body: Key }))));
});
afterAll(async () => { await kanri.stop(); rmSync(dataDir, { recursive: true, force: true }); });

async function rejects(p: Promise<unknown>, name: string, status: number) {
  const err = await p.then(() => { throw new Error(`expected ${name}`); }, (e) => e);
  expect([err.name, err.$metadata?.httpStatusCode]).toEqual([name, status]);
}

/** Every page of a v2 listing, as [keys, prefixes] per page. */
async function pagesV2(input: Omit<S.ListObjectsV2CommandInput, 'Bucket'>) {
  const pages: [string[], string[]][] = [];
  let token: string | undefined;
  do {
    const out = await s3.send(new S.ListObjectsV2Command({ Bucket: B, ...input, ContinuationToken: token }));
    pages.push([(out.Contents ?? []).map((c) => c.Key!), (out.CommonPrefixes ?? []).map((p) => p.Prefix!)]);
    expect(out.KeyCount).toBe(pages[pages.length - 1][0].length + pages[pages.length - 1][1].length);
    token = out.NextContinuationToken;
    expect(out.IsTruncated).toBe(!!token);
  } while (token);
  return pages;
}

describe('ListObjectsV2', () => {
  it('lists everything in UTF-8 order with sizes, ETags and storage classes', async () => {
    const out = await s3.send(new S.ListObjectsV2Command({ Bucket: B }));
    expect(out.Contents!.map((c) => c.Key)).toEqual(KEYS);
    expect(out.Contents![0]).toMatchObject({ Key: 'a.txt', Size: 5, StorageClass: 'STANDARD', ETag: expect.stringMatching(/^"[0-9a-f]{32}"$/), LastModified: expect.any(Date) });
    expect(out.Contents![0].Owner).toBeUndefined();
    expect((await s3.send(new S.ListObjectsV2Command({ Bucket: B, FetchOwner: true, MaxKeys: 1 }))).Contents![0].Owner!.ID).toMatch(/^[0-9a-f]{64}$/);
    expect(out).toMatchObject({ Name: B, KeyCount: KEYS.length, MaxKeys: 1000, IsTruncated: false, Prefix: '' });
  });

  it('rolls keys up into common prefixes at the delimiter', async () => {
    const top = await s3.send(new S.ListObjectsV2Command({ Bucket: B, Delimiter: '/' }));
    expect(top.Contents!.map((c) => c.Key)).toEqual(['a.txt', 'e.txt', 'z']);
    expect(top.CommonPrefixes!.map((p) => p.Prefix)).toEqual(['b/', 'd/', 'photos/']);
    const photos = await s3.send(new S.ListObjectsV2Command({ Bucket: B, Prefix: 'photos/', Delimiter: '/' }));
    expect([photos.Contents!.map((c) => c.Key), photos.CommonPrefixes!.map((p) => p.Prefix)]).toEqual([['photos/readme'], ['photos/2024/', 'photos/2025/']]);
    const b = await s3.send(new S.ListObjectsV2Command({ Bucket: B, Prefix: 'b', Delimiter: '/' }));
    expect([b.Contents, b.CommonPrefixes!.map((p) => p.Prefix)]).toEqual([undefined, ['b/']]);
  });

  it('pages with opaque tokens, counting a common prefix as one entry', async () => {
    expect(await pagesV2({ MaxKeys: 4 })).toEqual([[KEYS.slice(0, 4), []], [KEYS.slice(4, 8), []], [KEYS.slice(8), []]]);
    expect(await pagesV2({ MaxKeys: 2, Delimiter: '/' })).toEqual([[['a.txt'], ['b/']], [['e.txt'], ['d/']], [['z'], ['photos/']]]);
  });

  it('starts after a key, and refuses a token it did not issue', async () => {
    const out = await s3.send(new S.ListObjectsV2Command({ Bucket: B, StartAfter: 'd/4.txt' }));
    expect([out.Contents!.map((c) => c.Key), out.StartAfter]).toEqual([KEYS.slice(5), 'd/4.txt']);
    await rejects(s3.send(new S.ListObjectsV2Command({ Bucket: B, ContinuationToken: 'not-a-token' })), 'InvalidArgument', 400);
    expect((await s3.send(new S.ListObjectsV2Command({ Bucket: B, MaxKeys: 0 }))).KeyCount).toBe(0);
  });

  it('URL-encodes keys on request', async () => {
    await s3.send(new S.PutObjectCommand({ Bucket: B, Key: 'zz/ä b', Body: 'x' }));
    const raw = await fetch(`${kanri.url}/${B}?list-type=2&prefix=zz%2F&encoding-type=url`, {
      headers: { authorization: 'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20250101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0' },
    });
    expect(await raw.text()).toContain('<Key>zz/%C3%A4%20b</Key>');
    await s3.send(new S.DeleteObjectCommand({ Bucket: B, Key: 'zz/ä b' }));
  });
});

describe('ListObjects (v1)', () => {
  it('pages with Marker; NextMarker only comes with a delimiter', async () => {
    const first = await s3.send(new S.ListObjectsCommand({ Bucket: B, MaxKeys: 3 }));
    expect([first.Contents!.map((c) => c.Key), first.IsTruncated, first.NextMarker]).toEqual([KEYS.slice(0, 3), true, undefined]);
    const next = await s3.send(new S.ListObjectsCommand({ Bucket: B, MaxKeys: 3, Marker: 'b/2.txt' }));
    expect(next.Contents!.map((c) => c.Key)).toEqual(KEYS.slice(3, 6));
    expect(first.Contents![0].Owner!.ID).toMatch(/^[0-9a-f]{64}$/);
    const delimited = await s3.send(new S.ListObjectsCommand({ Bucket: B, Delimiter: '/', MaxKeys: 2 }));
    expect([delimited.Contents!.map((c) => c.Key), delimited.CommonPrefixes!.map((p) => p.Prefix), delimited.NextMarker]).toEqual([['a.txt'], ['b/'], 'b/']);
    const after = await s3.send(new S.ListObjectsCommand({ Bucket: B, Delimiter: '/', MaxKeys: 2, Marker: delimited.NextMarker }));
    expect([after.Contents!.map((c) => c.Key), after.CommonPrefixes!.map((p) => p.Prefix)]).toEqual([['e.txt'], ['d/']]);
  });

  it('answers NoSuchBucket for a missing bucket', async () => {
    await rejects(s3.send(new S.ListObjectsCommand({ Bucket: 'kanri-listing-missing' })), 'NoSuchBucket', 404);
  });
});
