// The functions other services call: write and read objects outside a request, small bodies in
// their row and large ones in files, across a restart of the platform.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { Platform } from '../../core/platform';
import type { RequestContext } from '../types';
import s3, { findBucketInfo, openObject, writeObject } from './index';
import { createBucket } from './ops/buckets';

const open: Platform[] = [];
const dirs: string[] = [];
afterEach(() => {
  open.splice(0).forEach((p) => p.close());
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

/** A platform with S3 loaded directly: the registry's require() is not transformed under vitest. */
function start(dataDir: string): Platform {
  const platform = new Platform({ dataDir });
  platform.storage.migrate('s3', s3.migrations!);
  (platform as unknown as { service: (n: string) => unknown }).service = (name) => (name === 's3' ? s3 : undefined);
  open.push(platform);
  return platform;
}

function ctx(platform: Platform): RequestContext {
  return { platform, accountId: '123456789012', region: 'eu-west-1', now: platform.clock.date(), emit: () => {}, touch: () => {} } as unknown as RequestContext;
}

async function read(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

describe('s3 api for other services', () => {
  it('writes into an existing bucket and reads back, small and large, across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kanri-s3-api-'));
    dirs.push(dir);
    const first = start(dir);
    first.storage.transaction(() => createBucket({ Bucket: 'delivery', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }, ctx(first)));
    expect(findBucketInfo(first, 'eu-west-1', 'delivery')).toMatchObject({ accountId: '123456789012', region: 'eu-west-1' });
    expect(findBucketInfo(first, 'eu-west-1', 'missing')).toBeUndefined();
    const small = Buffer.from('{"Records":[]}');
    const large = randomBytes(300 * 1024);
    const written = await writeObject(first, { region: 'eu-west-1', bucket: 'delivery', key: 'logs/a.json', body: small, contentType: 'application/json' });
    expect(written.etag).toMatch(/^"[0-9a-f]{32}"$/);
    await writeObject(first, { region: 'eu-west-1', bucket: 'delivery', key: 'logs/b.bin', body: large });
    await expect(writeObject(first, { region: 'eu-west-1', bucket: 'missing', key: 'k', body: small })).rejects.toThrow('The specified bucket does not exist');
    open.splice(0).forEach((p) => p.close());

    const second = start(dir);
    expect((await read(openObject(second, 'eu-west-1', 'delivery', 'logs/a.json')!.body)).equals(small)).toBe(true);
    const got = openObject(second, 'eu-west-1', 'delivery', 'logs/b.bin')!;
    expect([got.size, (await read(got.body)).equals(large)]).toEqual([large.length, true]);
    expect(openObject(second, 'eu-west-1', 'delivery', 'nope')).toBeUndefined();
  });
});
