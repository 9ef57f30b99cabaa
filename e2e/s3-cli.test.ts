// S3 through the AWS CLI and boto3: `aws s3 cp` and `aws s3 sync` of 1,000 small files and a 64 MiB
// file (multipart both ways) byte for byte, boto3's and the SDK v3's presigned GET and PUT URLs
// fetched by node (and refused once expired on the clock), and virtual-host-style addressing.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as S from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { advanceClock, boto3, type Kanri, run, sdkConfig, startTestKanri, TEST_CREDENTIALS } from './harness';

let kanri: Kanri;
let dataDir: string;
let work: string;
let s3: S.S3Client;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kanri-s3-cli-'));
  work = mkdtempSync(join(tmpdir(), 'kanri-s3-cli-files-'));
  kanri = await startTestKanri(dataDir);
  s3 = new S.S3Client({ ...sdkConfig(kanri), forcePathStyle: true });
});
afterAll(async () => {
  await kanri.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(path).on('data', (c) => h.update(c)).on('end', () => resolve(h.digest('hex'))).on('error', reject);
  });
}

/** relative path -> sha256 of every file under dir. */
async function tree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) await walk(p);
      else out[relative(dir, p)] = await sha256File(p);
    }
  };
  await walk(dir);
  return out;
}

const BIG = 64 * 1024 * 1024;

/** Runs an `aws s3 ...` command (text output, not JSON) and returns its stdout. */
async function awsS3(args: string[]): Promise<string> {
  const env = { ...process.env, AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey, AWS_DEFAULT_REGION: 'us-east-1' };
  return (await run('aws', ['--endpoint-url', kanri.url, 's3', ...args], { env, maxBuffer: 64 * 1024 * 1024 })).stdout;
}

describe('the AWS CLI', () => {
  it('copies a 64 MiB file up and down with `aws s3 cp`, byte for byte', async () => {
    await awsS3(['mb', 's3://kanri-cli-cp']);
    const src = join(work, 'big.bin');
    writeFileSync(src, randomBytes(BIG));
    await awsS3(['cp', src, 's3://kanri-cli-cp/big.bin', '--only-show-errors']);
    const head = await s3.send(new S.HeadObjectCommand({ Bucket: 'kanri-cli-cp', Key: 'big.bin' }));
    expect([head.ContentLength, head.ETag]).toEqual([BIG, expect.stringMatching(/^"[0-9a-f]{32}-8"$/)]); // 8 MiB parts
    const back = join(work, 'big.back');
    await awsS3(['cp', 's3://kanri-cli-cp/big.bin', back, '--only-show-errors']);
    expect(await sha256File(back)).toBe(await sha256File(src));
  }, 120_000);

  it('syncs a folder of 1,000 small files and a large one both ways, and a second sync copies nothing', async () => {
    const up = join(work, 'up');
    mkdirSync(join(up, 'small', 'nested'), { recursive: true });
    for (let i = 0; i < 1000; i++) writeFileSync(join(up, 'small', i % 2 ? 'nested' : '', `file-${i}.txt`), `file ${i} ${randomBytes(8).toString('hex')}\n`);
    writeFileSync(join(up, 'large.bin'), randomBytes(BIG));
    await awsS3(['mb', 's3://kanri-cli-sync']);
    await awsS3(['sync', up, 's3://kanri-cli-sync/data', '--only-show-errors']);
    const listed = await s3.send(new S.ListObjectsV2Command({ Bucket: 'kanri-cli-sync', Prefix: 'data/small/nested/' }));
    expect(listed.KeyCount).toBe(500);
    const down = join(work, 'down');
    await awsS3(['sync', 's3://kanri-cli-sync/data', down, '--only-show-errors']);
    const [a, b] = [await tree(up), await tree(down)];
    expect(Object.keys(b).length).toBe(1001);
    expect(b).toEqual(a);
    expect((await awsS3(['sync', up, 's3://kanri-cli-sync/data'])).trim()).toBe('');
  }, 300_000);

  it('lists, removes and removes buckets with the s3 commands', async () => {
    await awsS3(['mb', 's3://kanri-cli-rm']);
    writeFileSync(join(work, 'one.txt'), 'one');
    await awsS3(['cp', join(work, 'one.txt'), 's3://kanri-cli-rm/dir/one.txt']);
    expect(await awsS3(['ls', 's3://kanri-cli-rm/dir/'])).toMatch(/\s3 one\.txt\n$/);
    await awsS3(['rb', 's3://kanri-cli-rm', '--force']);
    expect(((await s3.send(new S.ListBucketsCommand({}))).Buckets ?? []).map((b) => b.Name)).not.toContain('kanri-cli-rm');
  });
});

describe('boto3 presigned URLs', () => {
  it('PUTs and GETs through presigned URLs with plain fetch', async () => {
    await s3.send(new S.CreateBucketCommand({ Bucket: 'kanri-presigned' }));
    const urls = await boto3(kanri, `
import boto3, json, os
from botocore.config import Config
s3 = boto3.client('s3', endpoint_url=os.environ['KANRI_URL'], config=Config(signature_version='s3v4'))
print(json.dumps({
  'put': s3.generate_presigned_url('put_object', Params={'Bucket': 'kanri-presigned', 'Key': 'shared/report.csv', 'ContentType': 'text/csv'}, ExpiresIn=600),
  'get': s3.generate_presigned_url('get_object', Params={'Bucket': 'kanri-presigned', 'Key': 'shared/report.csv'}, ExpiresIn=600),
  'legacy': boto3.client('s3', endpoint_url=os.environ['KANRI_URL']).generate_presigned_url('get_object', Params={'Bucket': 'kanri-presigned', 'Key': 'shared/report.csv'}),
}))`);
    expect(urls.put).toContain('X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F');
    const body = 'id,value\n1,42\n';
    const put = await fetch(urls.put, { method: 'PUT', body, headers: { 'content-type': 'text/csv' } });
    expect([put.status, put.headers.get('etag')]).toEqual([200, `"${createHash('md5').update(body).digest('hex')}"`]);
    for (const url of [urls.get, urls.legacy]) {
      const got = await fetch(url);
      expect([got.status, got.headers.get('content-type'), await got.text()]).toEqual([200, 'text/csv', body]);
    }
    const missing = await fetch(urls.get.replace('report.csv', 'nope.csv'));
    expect([missing.status, await missing.text()]).toEqual([404, expect.stringContaining('<Code>NoSuchKey</Code>')]);
  });
});

describe('SDK v3 presigned URLs', () => {
  it('PUTs and GETs through URLs from @aws-sdk/s3-request-presigner', async () => {
    await s3.send(new S.CreateBucketCommand({ Bucket: 'kanri-presigned-v3' }));
    const key = 'exports/2026/data.json';
    const body = JSON.stringify({ ok: true, n: 7 });
    const putUrl = await getSignedUrl(s3, new S.PutObjectCommand({ Bucket: 'kanri-presigned-v3', Key: key, ContentType: 'application/json' }), { expiresIn: 300 });
    expect(putUrl).toContain('X-Amz-Expires=300');
    const put = await fetch(putUrl, { method: 'PUT', body, headers: { 'content-type': 'application/json' } });
    expect(put.status).toBe(200);
    const getUrl = await getSignedUrl(s3, new S.GetObjectCommand({ Bucket: 'kanri-presigned-v3', Key: key }), { expiresIn: 300 });
    const got = await fetch(getUrl);
    expect([got.status, got.headers.get('content-type'), await got.text()]).toEqual([200, 'application/json', body]);
    const head = await s3.send(new S.HeadObjectCommand({ Bucket: 'kanri-presigned-v3', Key: key }));
    expect(head.ContentLength).toBe(body.length);
  });

  it('refuses an X-Amz-Expires past a week, as S3 does', async () => {
    const url = await getSignedUrl(s3, new S.GetObjectCommand({ Bucket: 'kanri-presigned-v3', Key: 'x' }), { expiresIn: 300 });
    const res = await fetch(url.replace('X-Amz-Expires=300', 'X-Amz-Expires=604801'));
    expect([res.status, await res.text()]).toEqual([400, expect.stringContaining('<Code>AuthorizationQueryParametersError</Code>')]);
  });
});

describe('addressing', () => {
  it('reads a bucket named in the host (virtual-host style)', async () => {
    await s3.send(new S.CreateBucketCommand({ Bucket: 'kanri-vhost' }));
    await s3.send(new S.PutObjectCommand({ Bucket: 'kanri-vhost', Key: 'a/b.txt', Body: 'by host' }));
    const port = new URL(kanri.url).port;
    const text = await new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/a/b.txt', headers: { host: `kanri-vhost.s3.localhost.localstack.cloud:${port}`,
        authorization: 'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20250101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0' } }, (res) => {
        let data = '';
        res.on('data', (c) => (data += c));
        res.on('end', () => resolve(`${res.statusCode} ${data}`));
      });
      req.on('error', reject);
      req.end();
    });
    expect(text).toBe('200 by host');
  });
});

// Last in the file: it moves the clock forward.
describe('expired presigned URLs', () => {
  it('answers 403 Request has expired once the clock passes X-Amz-Date + X-Amz-Expires', async () => {
    await s3.send(new S.CreateBucketCommand({ Bucket: 'kanri-presigned-expiry' }));
    await s3.send(new S.PutObjectCommand({ Bucket: 'kanri-presigned-expiry', Key: 'k', Body: 'still here' }));
    const url = await getSignedUrl(s3, new S.GetObjectCommand({ Bucket: 'kanri-presigned-expiry', Key: 'k' }), { expiresIn: 600 });
    expect((await fetch(url)).status).toBe(200);
    await advanceClock(kanri, 'PT11M');
    const res = await fetch(url);
    const xml = await res.text();
    expect(res.status).toBe(403);
    expect(xml).toContain('<Code>AccessDenied</Code>');
    expect(xml).toContain('<Message>Request has expired</Message>');
    expect(xml).toContain('<X-Amz-Expires>600</X-Amz-Expires>');
    // The SDK's own (header-signed) calls are not affected.
    const obj = await s3.send(new S.GetObjectCommand({ Bucket: 'kanri-presigned-expiry', Key: 'k' }));
    expect(await obj.Body!.transformToString()).toBe('still here');
  });
});
