// Receiving an upload body (PutObject, UploadPart): undo aws-chunked framing, stream to a tmp file
// while hashing, then check Content-MD5 and the x-amz-checksum-* value (header or trailer).
import { Readable } from 'node:stream';
import type { RequestContext } from '../types';
import { AwsChunkedDecoder, isAwsChunked } from './chunked';
import { CHECKSUM_ALGORITHMS, checksumMember, digestLength, isChecksumAlgorithm, type ChecksumAlgorithm } from './checksums';
import { badContentMd5, badDigest, entityTooLarge, invalidDigest, invalidRequest } from './errors';
import { bodyStore } from './files';
import { BodyTooLarge, INLINE_LIMIT, takeIn, type TakenBody } from './intake';

export const MAX_OBJECT_SIZE = 5 * 1024 ** 3;

export interface UploadInput {
  Body?: Readable | Buffer;
  ContentLength?: number;
  ContentMD5?: string;
  ContentEncoding?: string;
  ChecksumAlgorithm?: string;
  [member: string]: unknown;
}

export interface ReceivedBody extends TakenBody {
  /** The checksum algorithm the request asked for, with its base64 value. */
  algorithm?: ChecksumAlgorithm;
  checksumValue?: string;
}

/** The request body: the socket's stream, or a buffer when the gateway had to read it already. */
export function takeBody(input: UploadInput): Readable | Buffer {
  return input.Body ?? Buffer.alloc(0);
}

/** The algorithm a request names: x-amz-sdk-checksum-algorithm, else the x-amz-checksum-* header it sent. */
export function requestedAlgorithm(input: UploadInput): ChecksumAlgorithm | undefined {
  const named = typeof input.ChecksumAlgorithm === 'string' ? input.ChecksumAlgorithm.toUpperCase() : undefined;
  if (named) {
    if (!isChecksumAlgorithm(named)) throw invalidRequest('Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]');
    return named;
  }
  return CHECKSUM_ALGORITHMS.find((a) => typeof input[checksumMember(a)] === 'string');
}

function checkContentMd5(input: UploadInput, md5: Buffer): void {
  if (input.ContentMD5 === undefined) return;
  const given = Buffer.from(input.ContentMD5, 'base64');
  if (given.length !== 16) throw invalidDigest(input.ContentMD5);
  if (!given.equals(md5)) throw badContentMd5();
}

function checkChecksumFormat(algorithm: ChecksumAlgorithm, value: string): Buffer {
  const raw = Buffer.from(value, 'base64');
  if (raw.length !== digestLength(algorithm) || raw.toString('base64') !== value) {
    throw invalidRequest(`Value for x-amz-checksum-${algorithm.toLowerCase()} header is invalid.`);
  }
  return raw;
}

function checkChecksum(algorithm: ChecksumAlgorithm, expected: string | undefined, actual: Buffer): void {
  if (expected !== undefined && !checkChecksumFormat(algorithm, expected).equals(actual)) throw badDigest(algorithm);
}

/**
 * Takes the body in (a small one inline, a large one streamed to a tmp file, never whole in memory)
 * and verifies what the request promised. Parts are always files: they are joined by streaming.
 */
export async function receiveBody(ctx: RequestContext, body: Readable | Buffer, input: UploadInput, opts: { inline: boolean; limit?: number }): Promise<ReceivedBody> {
  const limit = opts.limit ?? MAX_OBJECT_SIZE;
  if (input.ContentLength !== undefined && input.ContentLength > limit) throw entityTooLarge(input.ContentLength, limit);
  const algorithm = requestedAlgorithm(input);
  const promised = algorithm ? input[checksumMember(algorithm)] as string | undefined : undefined;
  if (algorithm && promised !== undefined) checkChecksumFormat(algorithm, promised); // before reading a byte
  // A body the gateway already buffered (form content types) may still be aws-chunked.
  const decoder = isAwsChunked(input.ContentEncoding) ? new AwsChunkedDecoder() : undefined;
  const stream = Buffer.isBuffer(body) && decoder ? Readable.from([body]) : body;
  const source = decoder ? (stream as Readable).pipe(decoder) : body;
  if (decoder) (stream as Readable).once('error', (err) => decoder.destroy(err));
  const store = bodyStore(ctx.platform);
  let written: TakenBody;
  try {
    written = await takeIn(store, [source], { algorithm, limit, inlineLimit: opts.inline ? INLINE_LIMIT : 0 });
  } catch (err) {
    if (err instanceof BodyTooLarge) throw entityTooLarge(err.size, limit);
    throw err;
  }
  try {
    checkContentMd5(input, written.md5);
    if (algorithm) {
      const fromTrailer = decoder?.trailers[`x-amz-checksum-${algorithm.toLowerCase()}`];
      checkChecksum(algorithm, promised ?? fromTrailer, written.checksum!);
    }
  } catch (err) {
    if (written.tmp) store.discard(written.tmp);
    throw err;
  }
  return { ...written, algorithm, checksumValue: written.checksum?.toString('base64') };
}
