// A CloudTrail log file as AWS writes it to S3: gzipped {"Records":[...]} under
// {prefix/}AWSLogs/{account}/CloudTrail/{region}/{yyyy}/{MM}/{dd}/{account}_CloudTrail_{region}_{yyyyMMddTHHmmZ}_{random16}.json.gz
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomSuffix(length = 16): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += ALPHANUMERIC[b % ALPHANUMERIC.length];
  return out;
}

export interface LogFileName { prefix?: string; accountId: string; region: string; at: Date; suffix?: string }

export function logFileKey(f: LogFileName): string {
  const iso = f.at.toISOString();
  const [yyyy, mm, dd, hh, min] = [iso.slice(0, 4), iso.slice(5, 7), iso.slice(8, 10), iso.slice(11, 13), iso.slice(14, 16)];
  const prefix = f.prefix ? `${f.prefix.replace(/\/+$/, '')}/` : '';
  const file = `${f.accountId}_CloudTrail_${f.region}_${yyyy}${mm}${dd}T${hh}${min}Z_${f.suffix ?? randomSuffix()}.json.gz`;
  return `${prefix}AWSLogs/${f.accountId}/CloudTrail/${f.region}/${yyyy}/${mm}/${dd}/${file}`;
}

/** The stored event JSON strings go in as they are: no parse and re-serialize per record. */
export function logFileBody(eventJsons: string[]): Buffer {
  return gzipSync(Buffer.from(`{"Records":[${eventJsons.join(',')}]}`, 'utf8'));
}
