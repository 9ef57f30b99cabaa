// S3 across SIGKILL: acknowledged objects survive byte for byte; an upload killed half way leaves
// no visible object, and its tmp file is gone after the restart. --in-memory keeps bodies in a temp dir.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { startProcess } from './harness';
import * as S from '@aws-sdk/client-s3';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));


const client = (url: string) => new S.S3Client({ endpoint: url, region: 'us-east-1', forcePathStyle: true, maxAttempts: 1,
  credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x' } });
const kill = async (child: ChildProcess) => { child.kill('SIGKILL'); await new Promise((r) => child.once('exit', r)); };

describe('S3 durability', () => {
  it('keeps acknowledged objects and shows nothing of an upload killed half way', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kanri-s3-kill-'));
    dirs.push(dataDir);
    const first = await startProcess(['--data-dir', dataDir]);
    const s3 = client(first.url);
    await s3.send(new S.CreateBucketCommand({ Bucket: 'kanri-durable' }));
    const kept = randomBytes(2 * 1024 * 1024);
    await s3.send(new S.PutObjectCommand({ Bucket: 'kanri-durable', Key: 'kept.bin', Body: kept }));

    // Announce 8 MiB, send 1 MiB, then kill the server while it waits for the rest.
    const url = new URL(first.url);
    const req = request({ host: url.hostname, port: url.port, method: 'PUT', path: '/kanri-durable/half.bin', headers: {
      'content-length': String(8 * 1024 * 1024), authorization: 'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20250101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0' } });
    req.on('error', () => {});
    req.write(randomBytes(1024 * 1024));
    await new Promise((r) => setTimeout(r, 300));
    expect(readdirSync(join(dataDir, 's3', 'tmp')).length).toBe(1); // the half body is in tmp/, not in place
    await kill(first.child);

    const second = await startProcess(['--data-dir', dataDir]);
    try {
      // A client that gives up half way leaves nothing either, and its tmp file goes at once.
      const url2 = new URL(second.url);
      const abandoned = request({ host: url2.hostname, port: url2.port, method: 'PUT', path: '/kanri-durable/abandoned.bin', headers: {
        'content-length': String(4 * 1024 * 1024), authorization: 'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20250101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0' } });
      abandoned.on('error', () => {});
      abandoned.write(randomBytes(1024 * 1024));
      await new Promise((r) => setTimeout(r, 200));
      abandoned.destroy();
      const s3again = client(second.url);
      const got = await s3again.send(new S.GetObjectCommand({ Bucket: 'kanri-durable', Key: 'kept.bin' }));
      expect(Buffer.from(await got.Body!.transformToByteArray()).equals(kept)).toBe(true);
      const half = await s3again.send(new S.HeadObjectCommand({ Bucket: 'kanri-durable', Key: 'half.bin' })).catch((e) => e);
      expect(half.$metadata?.httpStatusCode, `${half}; kanri said: ${second.output()}; exit ${second.child.exitCode}`).toBe(404);
      expect((await s3again.send(new S.ListObjectsV2Command({ Bucket: 'kanri-durable' }))).Contents!.map((c) => c.Key)).toEqual(['kept.bin']);
      expect((await s3again.send(new S.HeadObjectCommand({ Bucket: 'kanri-durable', Key: 'abandoned.bin' })).catch((e) => e)).$metadata.httpStatusCode).toBe(404);
      await new Promise((r) => setTimeout(r, 200));
      expect(readdirSync(join(dataDir, 's3', 'tmp'))).toEqual([]);
    } finally {
      await kill(second.child);
    }
  });

  it('keeps in-memory bodies in a temp dir that goes away with the process', async () => {
    const memDirs = () => new Set(readdirSync(tmpdir()).filter((d) => d.startsWith('kanri-s3-mem-')));
    const before = memDirs();
    const { child, url } = await startProcess(['--in-memory']);
    const s3 = client(url);
    await s3.send(new S.CreateBucketCommand({ Bucket: 'kanri-ephemeral' }));
    await s3.send(new S.PutObjectCommand({ Bucket: 'kanri-ephemeral', Key: 'k', Body: 'in memory' }));
    const got = await s3.send(new S.GetObjectCommand({ Bucket: 'kanri-ephemeral', Key: 'k' }));
    expect(await got.Body!.transformToString()).toBe('in memory');
    const mine = [...memDirs()].filter((d) => !before.has(d));
    expect(mine.length).toBe(1);
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    expect(existsSync(join(tmpdir(), mine[0]))).toBe(false);
  });
});
