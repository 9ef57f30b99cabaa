// Taking in a body: hashed as it streams (MD5 for the ETag, plus a requested checksum). A body that
// ends within the inline limit is kept in memory and stored in its SQLite row; anything larger is
// written to a tmp file, never held whole in memory. Files are fsynced only under KANRI_FSYNC=full,
// as SQLite's commits are: a process kill loses nothing either way (the OS holds the writes).
import { createWriteStream, rmSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { createHasher, type ChecksumAlgorithm } from './checksums';
import type { BodyStore } from './files';

/** Small bodies live in their row: one write, committed with it (files cost a create and an fsync each). */
export const INLINE_LIMIT = 128 * 1024;

export interface TakenBody {
  /** A tmp file holding the body (large bodies). */
  tmp?: string;
  /** The body itself (small bodies, when inlining was allowed). */
  inline?: Buffer;
  size: number;
  md5: Buffer;
  /** The requested checksum's raw digest. */
  checksum?: Buffer;
}

export class BodyTooLarge extends Error {
  constructor(readonly size: number) {
    super('body too large');
  }
}

export interface IntakeOptions {
  algorithm?: ChecksumAlgorithm;
  /** Refuse bodies above this many bytes. */
  limit?: number;
  /** Keep bodies up to this size in memory (0: always a file). */
  inlineLimit?: number;
  /** Skip the MD5 when no ETag needs it (joining multipart parts). */
  skipMd5?: boolean;
}

/** Chunks gather up to this much before one write: each write is a trip to libuv's small thread pool. */
const WRITE_BUFFER = 1024 * 1024;

function openTmp(path: string, fsync: boolean): WriteStream {
  return createWriteStream(path, { flush: fsync, highWaterMark: WRITE_BUFFER });
}

async function writeChunk(out: WriteStream, chunk: Buffer): Promise<void> {
  if (!out.write(chunk)) await Promise.race([once(out, 'drain'), once(out, 'error').then(([e]) => { throw e; })]);
}

/** Reads sources in order into one body (inline or a tmp file of `store`). */
export async function takeIn(store: BodyStore, sources: (Readable | Buffer)[], opts: IntakeOptions = {}): Promise<TakenBody> {
  const limit = opts.limit ?? Infinity;
  const inlineLimit = opts.inlineLimit ?? 0;
  const md5 = opts.skipMd5 ? undefined : createHasher('MD5');
  const extra = opts.algorithm ? createHasher(opts.algorithm) : undefined;
  let held: Buffer[] = [];
  let size = 0;
  let out: WriteStream | undefined;
  let tmp: string | undefined;
  try {
    for (const source of sources) {
      for await (const piece of Buffer.isBuffer(source) ? [source] : source) {
        const chunk = piece as Buffer;
        size += chunk.length;
        if (size > limit) throw new BodyTooLarge(size);
        md5?.update(chunk);
        extra?.update(chunk);
        if (!out && size <= inlineLimit) {
          held.push(chunk);
          continue;
        }
        if (!out) {
          tmp = store.tmpPath();
          out = openTmp(tmp, store.fsync);
          for (const h of held) await writeChunk(out, h);
          held = [];
        }
        await writeChunk(out, chunk);
      }
    }
    if (!out && inlineLimit === 0) {
      tmp = store.tmpPath();
      out = openTmp(tmp, store.fsync);
    }
    if (out) await new Promise<void>((resolve, reject) => out!.end((err?: Error | null) => (err ? reject(err) : resolve())));
  } catch (err) {
    out?.destroy();
    if (tmp) rmSync(tmp, { force: true });
    throw err;
  }
  const result: TakenBody = { size, md5: md5?.digest() ?? Buffer.alloc(0), checksum: extra?.digest() };
  if (out) result.tmp = tmp;
  else result.inline = Buffer.concat(held, size);
  return result;
}
