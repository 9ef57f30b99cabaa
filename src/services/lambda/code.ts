// Deployment packages: checked, hashed as AWS does (CodeSha256 = base64 SHA-256 of the zip), kept
// once per content under the data folder, and unzipped into a task folder on first invocation.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Platform } from '../../core/platform';
import { invalidParameter } from './errors';
import { readZip, ZipError } from './zip';

const roots = new WeakMap<Platform, string>();

/** The platform's Lambda folder; in memory mode a temp dir that goes with the platform or the process. */
export function lambdaRoot(platform: Platform): string {
  let root = roots.get(platform);
  if (root) return root;
  const dataDir = platform.storage.dataDir;
  if (dataDir) {
    root = join(dataDir, 'lambda');
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'kanri-lambda-mem-'));
    root = dir;
    const removeDir = () => rmSync(dir, { recursive: true, force: true });
    process.once('exit', removeDir);
    platform.onClose(() => {
      removeDir();
      process.off('exit', removeDir);
    });
  }
  mkdirSync(join(root, 'code'), { recursive: true });
  roots.set(platform, root);
  return root;
}

export interface StoredCode { codeSha: string; sha256: string; size: number }

const shaHex = (codeSha: string) => Buffer.from(codeSha, 'base64').toString('hex');

/** Checks a zip and keeps it; answers AWS's InvalidParameterValueException for what is not a usable zip. */
export function saveCode(platform: Platform, zip: Buffer): StoredCode {
  try {
    readZip(zip);
  } catch (e) {
    // Anything readZip throws (its own checks, zlib's data errors) means the bytes are not a usable zip.
    if (e instanceof ZipError && e.message === 'too large') throw invalidParameter('Unzipped size must be smaller than 262144000 bytes');
    throw invalidParameter('Could not unzip uploaded file. Please check your file, then try to upload again.');
  }
  const sha256 = createHash('sha256').update(zip).digest('base64');
  const file = join(lambdaRoot(platform), 'code', `${shaHex(sha256)}.zip`);
  if (!existsSync(file)) {
    writeFileSync(`${file}.tmp`, zip);
    renameSync(`${file}.tmp`, file);
  }
  return { codeSha: sha256, sha256, size: zip.length };
}

/** Unzips a kept package into a folder (over what is there). */
export function extractPackage(platform: Platform, codeSha: string, into: string): void {
  const zip = readFileSync(join(lambdaRoot(platform), 'code', `${shaHex(codeSha)}.zip`));
  for (const entry of readZip(zip)) {
    const target = join(into, entry.name);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, entry.data, { mode: entry.mode & 0o700 ? entry.mode | 0o600 : 0o644 });
  }
}

/** The folder the package is unzipped into (once per package). */
export function taskDir(platform: Platform, codeSha: string): string {
  const root = lambdaRoot(platform);
  const dir = join(root, 'tasks', shaHex(codeSha));
  if (existsSync(dir)) return dir;
  mkdirSync(join(root, 'tasks'), { recursive: true });
  const staging = mkdtempSync(join(root, 'tasks', 'unzip-'));
  extractPackage(platform, codeSha, staging);
  try {
    renameSync(staging, dir);
  } catch {
    rmSync(staging, { recursive: true, force: true }); // another invocation unzipped it first
  }
  return dir;
}

/** Removes a package and its task folder once no version uses it. */
export function removeCode(platform: Platform, codeSha: string): void {
  const root = lambdaRoot(platform);
  rmSync(join(root, 'code', `${shaHex(codeSha)}.zip`), { force: true });
  rmSync(join(root, 'tasks', shaHex(codeSha)), { recursive: true, force: true });
}

/** Reads a package from S3 through its exported functions; errors as Lambda reports S3's. */
export async function codeFromS3(platform: Platform, region: string, bucket: string, key: string): Promise<Buffer> {
  const { findBucketInfo, openObject } = require('../s3/api') as typeof import('../s3/api');
  if (!findBucketInfo(platform, region, bucket)) {
    throw invalidParameter('Error occurred while GetObject. S3 Error Code: NoSuchBucket. S3 Error Message: The specified bucket does not exist');
  }
  const obj = openObject(platform, region, bucket, key);
  if (!obj) throw invalidParameter('Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The specified key does not exist.');
  const chunks: Buffer[] = [];
  for await (const chunk of obj.body) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}
