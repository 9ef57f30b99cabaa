// Checksums against the SDK's own implementations, and the aws-chunked decoder against the SDK's framing.
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Crc32, Crc32c, Crc64Nvme } from '@aws-sdk/checksums/crc';
import { AwsChunkedDecoder, isAwsChunked, storedContentEncoding } from './chunked';
import { checksumOf, createHasher } from './checksums';

async function sdk(Algo: new () => { update(b: Uint8Array): void; digest(): Promise<Uint8Array> }, data: Buffer): Promise<string> {
  const h = new Algo();
  h.update(data);
  return Buffer.from(await h.digest()).toString('base64');
}

describe('checksums', () => {
  const samples = [Buffer.alloc(0), Buffer.from('123456789'), randomBytes(1), randomBytes(7), randomBytes(8), randomBytes(100_003)];

  it('CRC32, CRC32C and CRC64NVME match the SDK on every length', async () => {
    for (const data of samples) {
      expect(checksumOf('CRC32', data)).toBe(await sdk(Crc32, data));
      expect(checksumOf('CRC32C', data)).toBe(await sdk(Crc32c, data));
      expect(checksumOf('CRC64NVME', data)).toBe(await sdk(Crc64Nvme, data));
    }
    expect(Buffer.from(checksumOf('CRC64NVME', Buffer.from('123456789')), 'base64').toString('hex')).toBe('ae8b14860a799888');
    expect(Buffer.from(checksumOf('CRC32C', Buffer.from('123456789')), 'base64').toString('hex')).toBe('e3069283');
  });

  it('hashes incrementally the same as in one go', () => {
    const data = randomBytes(50_001);
    for (const alg of ['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'] as const) {
      const h = createHasher(alg);
      for (let i = 0; i < data.length; i += 4097) h.update(data.subarray(i, i + 4097));
      expect(h.digest().toString('base64')).toBe(checksumOf(alg, data));
    }
    expect(checksumOf('SHA256', data)).toBe(createHash('sha256').update(data).digest('base64'));
  });
});

async function decode(chunks: (string | Buffer)[]): Promise<{ body: Buffer; trailers: Record<string, string> }> {
  const decoder = new AwsChunkedDecoder();
  const out: Buffer[] = [];
  decoder.on('data', (c: Buffer) => out.push(c));
  await new Promise<void>((resolve, reject) => {
    decoder.once('end', resolve);
    decoder.once('error', reject);
    Readable.from(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c, 'latin1') : c))).pipe(decoder);
  });
  return { body: Buffer.concat(out), trailers: decoder.trailers };
}

describe('aws-chunked', () => {
  it('undoes the framing, with trailers, however the bytes are split', async () => {
    const data = randomBytes(70_000);
    const framed = Buffer.concat([
      Buffer.from(`10000;chunk-signature=abc\r\n`), data.subarray(0, 0x10000), Buffer.from('\r\n'),
      Buffer.from(`${(data.length - 0x10000).toString(16)}\r\n`), data.subarray(0x10000), Buffer.from('\r\n'),
      Buffer.from('0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n'),
    ]);
    for (const size of [1, 7, 4096, framed.length]) {
      const pieces: Buffer[] = [];
      for (let i = 0; i < framed.length; i += size) pieces.push(framed.subarray(i, i + size));
      const { body, trailers } = await decode(pieces);
      expect(body.equals(data)).toBe(true);
      expect(trailers).toEqual({ 'x-amz-checksum-crc32': 'AAAAAA==' });
    }
  });

  it('accepts the SDK ending without trailers, and refuses a truncated body', async () => {
    expect((await decode(['3\r\nabc\r\n0\r\n'])).body.toString()).toBe('abc');
    await expect(decode(['5\r\nab'])).rejects.toThrow(/ended before its final chunk/);
  });

  it('strips aws-chunked from the stored Content-Encoding', () => {
    expect([isAwsChunked('gzip,aws-chunked'), isAwsChunked('gzip')]).toEqual([true, false]);
    expect([storedContentEncoding('aws-chunked'), storedContentEncoding('gzip, aws-chunked')]).toEqual([undefined, 'gzip']);
  });
});
