// Object bodies as files under <data dir>/s3 (or a temp dir when kanri runs in memory). A body is
// streamed to tmp/ (intake.ts; fsynced under KANRI_FSYNC=full), then renamed into blobs/ just before its row is committed,
// so a process killed mid-upload leaves no visible half object, only a tmp file that the next start
// removes. Reads stream from the file; nothing here holds a large body in memory.
import { createReadStream, linkSync, mkdirSync, mkdtempSync, openSync, readdirSync, readSync, closeSync, renameSync, rmSync, unlink, fstatSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Platform } from '../../core/platform';

/** Bodies this small are read into memory for GetObject: one read and one socket write beat a stream. */
const SMALL_BODY = 4 * 1024 * 1024;

export class BodyStore {
  private readonly tmpDir: string;
  private readonly blobDir: string;
  private readonly dirs = new Set<string>();

  /** Whether tmp files are fsynced before they count (the storage's durability setting). */
  constructor(readonly root: string, readonly fsync = false) {
    this.tmpDir = join(root, 'tmp');
    this.blobDir = join(root, 'blobs');
    mkdirSync(this.tmpDir, { recursive: true });
    mkdirSync(this.blobDir, { recursive: true });
  }

  /** Removes tmp files that a killed process left behind (not this process's: they may be in flight). */
  cleanTmp(): void {
    for (const name of readdirSync(this.tmpDir)) {
      if (!name.startsWith(`${process.pid}-`)) rmSync(join(this.tmpDir, name), { force: true });
    }
  }

  tmpPath(): string {
    return join(this.tmpDir, `${process.pid}-${randomBytes(12).toString('hex')}`);
  }

  /** Moves a written tmp file into place; returns the name to store in the row. Synchronous, so the caller's transaction follows at once. */
  place(tmp: string): string {
    const name = randomBytes(16).toString('hex');
    const dir = join(this.blobDir, name.slice(0, 2));
    if (!this.dirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      this.dirs.add(dir);
    }
    renameSync(tmp, join(dir, name));
    return `${name.slice(0, 2)}/${name}`;
  }

  /** A tmp hard link to a stored body: bodies are never changed in place, so sharing one is safe. */
  link(file: string): string {
    const tmp = this.tmpPath();
    linkSync(this.path(file), tmp);
    return tmp;
  }

  discard(tmp: string): void {
    rmSync(tmp, { force: true });
  }

  path(file: string): string {
    return join(this.blobDir, file);
  }

  /**
   * Removes stored bodies, off the event loop (an unlink can take milliseconds). A body already gone
   * is fine, and a reader holding one open keeps reading.
   */
  remove(files: (string | null | undefined)[]): void {
    for (const f of files) {
      if (!f) continue;
      unlink(this.path(f), (err) => {
        if (err && err.code !== 'ENOENT') console.error(`kanri: s3 could not remove ${f}: ${err.message}`);
      });
    }
  }

  /**
   * The bytes [start, end] of a body. The file is opened now, so a concurrent overwrite that unlinks
   * it cannot break a response that has already begun.
   */
  read(file: string | null, start: number, end: number): Buffer | Readable {
    if (!file || end < start) return Buffer.alloc(0);
    const fd = openSync(this.path(file), 'r');
    const length = end - start + 1;
    if (length <= SMALL_BODY) {
      try {
        const buf = Buffer.allocUnsafe(length);
        let got = 0;
        while (got < length) {
          const n = readSync(fd, buf, got, length - got, start + got);
          if (n === 0) break;
          got += n;
        }
        return buf.subarray(0, got);
      } finally {
        closeSync(fd);
      }
    }
    return createReadStream('', { fd, start, end, highWaterMark: 1024 * 1024 });
  }

  /** A whole body as a stream, for copies and concatenation. */
  stream(file: string | null, start = 0, end?: number): Readable {
    if (!file) return Readable.from([]);
    const fd = openSync(this.path(file), 'r');
    const last = end ?? fstatSync(fd).size - 1;
    if (last < start) {
      closeSync(fd);
      return Readable.from([]);
    }
    return createReadStream('', { fd, start, end: last, highWaterMark: 1024 * 1024 });
  }

  listBlobs(): string[] {
    const out: string[] = [];
    for (const dir of readdirSync(this.blobDir)) {
      for (const name of readdirSync(join(this.blobDir, dir))) out.push(`${dir}/${name}`);
    }
    return out;
  }
}

const stores = new WeakMap<Platform, BodyStore>();

/** The platform's body store; in memory mode a temp dir that goes away with the platform or the process. */
export function bodyStore(platform: Platform): BodyStore {
  let store = stores.get(platform);
  if (store) return store;
  const dataDir = platform.storage.dataDir;
  if (dataDir) {
    store = new BodyStore(join(dataDir, 's3'), platform.storage.fsyncFull);
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'kanri-s3-mem-'));
    store = new BodyStore(dir);
    const removeDir = () => rmSync(dir, { recursive: true, force: true });
    process.once('exit', removeDir);
    platform.onClose(() => {
      removeDir();
      process.off('exit', removeDir);
    });
  }
  stores.set(platform, store);
  return store;
}
