// Trail names and ARNs, and finding the trail a request names (by name in this Region, or by ARN).
import { arn } from '../../core/arn';
import type { AwsError } from '../../protocol/errors';
import type { RequestContext } from '../types';
import { invalidArn, invalidTrailName, notHomeRegion, trailNotFound } from './errors';
import { findTrail, trailsNamed, type TrailRef, type TrailRow } from './store-trails';

export const TRAIL_TYPE = 'AWS::CloudTrail::Trail';

export function trailArn(ref: TrailRef): string {
  return arn('cloudtrail', ref.homeRegion, ref.accountId, `trail/${ref.name}`);
}

/** AWS's rules, checked in the order AWS reports them. */
export function checkTrailName(name: string): void {
  const length = [...name].length;
  if (length < 3) throw invalidTrailName(`Trail name too short. Minimum allowed length: 3 characters. Specified name length: ${length} characters.`);
  if (length > 128) throw invalidTrailName(`Trail name too long. Maximum allowed length: 128 characters. Specified name length: ${length} characters.`);
  if (!/^[A-Za-z0-9]/.test(name)) throw invalidTrailName('Trail name must starts with a letter or number.');
  if (!/[A-Za-z0-9]$/.test(name)) throw invalidTrailName('Trail name must ends with a letter or number.');
  if (!/^[A-Za-z0-9._-]+$/.test(name)) {
    throw invalidTrailName('Trail name or ARN can only contain uppercase letters, lowercase letters, numbers, periods (.), hyphens (-), and underscores (_).');
  }
  if (/[._-]{2}/.test(name)) throw invalidTrailName('Trail name cannot have adjacent periods, hyphens, or underscores.');
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) throw invalidTrailName('Trail name cannot be formatted as an IP address.');
}

const TRAIL_ARN = /^arn:aws(?:-cn|-us-gov)?:cloudtrail:([a-z0-9-]+):(\d{12}):trail\/(.+)$/;

export function parseTrailArn(value: string): TrailRef {
  const m = TRAIL_ARN.exec(value);
  if (!m) throw invalidArn(value);
  checkTrailName(m[3]);
  return { homeRegion: m[1], accountId: m[2], name: m[3] };
}

/**
 * The trail a name or ARN means from the caller's Region: a trail homed here, or a multi-Region
 * trail's shadow. An ARN may also name a single-Region trail elsewhere, as DescribeTrails allows.
 */
export function findNamedTrail(ctx: RequestContext, nameOrArn: string): TrailRow | undefined {
  const storage = ctx.platform.storage;
  if (nameOrArn.startsWith('arn:')) {
    const ref = parseTrailArn(nameOrArn);
    return ref.accountId === ctx.accountId ? findTrail(storage, ref) : undefined;
  }
  checkTrailName(nameOrArn);
  const named = trailsNamed(storage, ctx.accountId, nameOrArn);
  return named.find((t) => t.homeRegion === ctx.region) ?? named.find((t) => t.config.IsMultiRegionTrail);
}

export function requireTrail(ctx: RequestContext, nameOrArn: string, notFound: (name: string) => AwsError = (n) => trailNotFound(n, ctx.accountId)): TrailRow {
  const trail = findNamedTrail(ctx, nameOrArn);
  if (!trail) throw notFound(nameOrArn);
  ctx.touch(TRAIL_TYPE, trailArn(trail));
  return trail;
}

/** Changes are made where the trail lives; its shadows in other Regions are read-only. */
export function requireHomeTrail(ctx: RequestContext, nameOrArn: string): TrailRow {
  const trail = requireTrail(ctx, nameOrArn);
  if (trail.homeRegion !== ctx.region) throw notHomeRegion(trailArn(trail), ctx.region);
  return trail;
}
