// A small zip reader for deployment packages: the central directory, stored and deflated entries.
// Entries that would land outside the task folder and packages that unzip too large are refused.
import { inflateRawSync } from 'node:zlib';

export interface ZipEntry { name: string; data: Buffer; mode: number }

export class ZipError extends Error {}

/** AWS's limit on a function's unzipped code. */
export const MAX_UNZIPPED = 262_144_000;

function findEndOfCentralDirectory(buf: Buffer): number {
  const earliest = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= earliest; i--) if (buf.readUInt32LE(i) === 0x06054b50) return i;
  throw new ZipError('no end of central directory');
}

/** Names that stay inside the extraction folder: relative, no `..` segments, no drive letters. */
export function safeEntryName(name: string): boolean {
  if (!name || name.startsWith('/') || name.startsWith('\\') || /^[a-zA-Z]:/.test(name) || name.includes('\0')) return false;
  return !name.split(/[\\/]/).some((part) => part === '..');
}

export function readZip(buf: Buffer, maxTotal = MAX_UNZIPPED): ZipEntry[] {
  if (buf.length < 22) throw new ZipError('too short');
  const eocd = findEndOfCentralDirectory(buf);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw new ZipError('bad central directory');
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const external = buf.readUInt32LE(p + 38);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLength).toString('utf8');
    p += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/')) continue; // folders are made as files need them
    if (!safeEntryName(name)) throw new ZipError(`unsafe entry name ${name}`);
    total += size;
    if (total > maxTotal) throw new ZipError('too large');
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) throw new ZipError('bad local header');
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + compressedSize);
    if (raw.length !== compressedSize) throw new ZipError('truncated entry');
    let data: Buffer;
    if (method === 0) data = Buffer.from(raw);
    else if (method === 8) data = inflateRawSync(raw, { maxOutputLength: Math.max(size, 1) });
    else throw new ZipError(`compression method ${method}`);
    if (data.length !== size) throw new ZipError('size mismatch');
    entries.push({ name, data, mode: (external >>> 16) & 0o777 });
  }
  return entries;
}
