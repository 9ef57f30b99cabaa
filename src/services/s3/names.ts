// Bucket names, regions and owners as S3 spells them.
import { createHash, randomBytes } from 'node:crypto';
import { partitionOf } from '../../core/arn';
import { illegalLocationConstraint, invalidBucketName, invalidLocationConstraint } from './errors';

const RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

/** AWS's naming rules for general purpose buckets. */
export function isValidBucketName(name: string): boolean {
  if (name.length < 3 || name.length > 63) return false;
  if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name)) return false;
  if (name.includes('..') || /^\d+\.\d+\.\d+\.\d+$/.test(name)) return false;
  if (RESERVED_PREFIXES.some((p) => name.startsWith(p)) || RESERVED_SUFFIXES.some((s) => name.endsWith(s))) return false;
  return true;
}

export function checkBucketName(name: string): void {
  if (!isValidBucketName(name)) throw invalidBucketName(name);
}

/** Constraints S3 accepts from the us-east-1 (global) endpoint: any real region, and the legacy EU. */
const KNOWN_REGIONS = new Set([
  'af-south-1', 'ap-east-1', 'ap-east-2', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1', 'ap-south-2',
  'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-6', 'ap-southeast-7',
  'ca-central-1', 'ca-west-1', 'cn-north-1', 'cn-northwest-1', 'EU', 'eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1',
  'eu-south-2', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'il-central-1', 'me-central-1', 'me-south-1', 'mx-central-1', 'sa-east-1',
  'us-east-2', 'us-gov-east-1', 'us-gov-west-1', 'us-west-1', 'us-west-2',
]);

/**
 * The region a new bucket lives in. us-east-1 takes no constraint (or another real region, as the
 * global endpoint does); every other regional endpoint wants its own region named.
 */
export function bucketRegionFor(requestRegion: string, constraint: string | undefined): string {
  if (!constraint) {
    if (requestRegion !== 'us-east-1') throw illegalLocationConstraint('unspecified');
    return 'us-east-1';
  }
  if (requestRegion === 'us-east-1') {
    if (!KNOWN_REGIONS.has(constraint)) throw invalidLocationConstraint(constraint);
  } else if (requestRegion === 'eu-west-1') {
    if (constraint !== 'eu-west-1' && constraint !== 'EU') throw illegalLocationConstraint(constraint);
  } else if (constraint !== requestRegion) {
    throw illegalLocationConstraint(constraint);
  }
  return constraint === 'EU' ? 'eu-west-1' : constraint;
}

/** S3 owners are canonical user ids: 64 hex digits, stable per account. */
export function canonicalId(accountId: string): string {
  return createHash('sha256').update(`kanri-s3-owner:${accountId}`).digest('hex');
}

export function bucketArn(region: string, name: string): string {
  return `arn:${partitionOf(region)}:s3:::${name}`;
}

/** A version id: 32 URL-safe characters, as S3's are. */
export function newVersionId(): string {
  return randomBytes(24).toString('base64url');
}
