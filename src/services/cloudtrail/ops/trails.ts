// CreateTrail, GetTrail, DescribeTrails, ListTrails, UpdateTrail, DeleteTrail.
import { AwsError, frameworkError } from '../../../protocol/errors';
import { arn } from '../../../core/arn';
import type { RequestContext } from '../../types';
import { cancelDelivery } from '../delivery';
import {
  bucketMissing, invalidBucketName, invalidCombination, invalidPrefix, organizationsNotInUse, tooManyTrails, trailExists,
} from '../errors';
import { checkTrailName, findNamedTrail, requireHomeTrail, requireTrail, trailArn } from '../names';
import { objectSink } from '../s3-link';
import { deleteTrail as deleteTrailRow, insertTrail, saveTrail, trailsAfter, trailsIn, trailsNamed, type Tag, type TrailConfig, type TrailRow } from '../store-trails';
import { trailChange, trailView } from '../views';
import { mergeTags } from './tags';

interface TrailSettings {
  S3BucketName?: string; S3KeyPrefix?: string; SnsTopicName?: string; IncludeGlobalServiceEvents?: boolean; IsMultiRegionTrail?: boolean;
  EnableLogFileValidation?: boolean; IsOrganizationTrail?: boolean; KmsKeyId?: string; CloudWatchLogsLogGroupArn?: string; CloudWatchLogsRoleArn?: string;
}

const MAX_TRAILS_PER_REGION = 5;

/** AWS keeps the key's ARN whichever form it was given in. */
function kmsKeyArn(ctx: RequestContext, id: string): string {
  if (id.startsWith('arn:')) return id;
  return arn('kms', ctx.region, ctx.accountId, id.startsWith('alias/') ? id : `key/${id}`);
}

/** An empty string clears an optional setting, as UpdateTrail takes it. */
const optional = (value: string | undefined, previous: string | undefined) => (value === undefined ? previous : value || undefined);

function applySettings(ctx: RequestContext, base: TrailConfig, input: TrailSettings): TrailConfig {
  const kms = optional(input.KmsKeyId, base.KmsKeyId);
  const config: TrailConfig = {
    S3BucketName: input.S3BucketName ?? base.S3BucketName,
    S3KeyPrefix: optional(input.S3KeyPrefix, base.S3KeyPrefix),
    SnsTopicName: optional(input.SnsTopicName, base.SnsTopicName),
    IncludeGlobalServiceEvents: input.IncludeGlobalServiceEvents ?? base.IncludeGlobalServiceEvents,
    IsMultiRegionTrail: input.IsMultiRegionTrail ?? base.IsMultiRegionTrail,
    LogFileValidationEnabled: input.EnableLogFileValidation ?? base.LogFileValidationEnabled,
    IsOrganizationTrail: input.IsOrganizationTrail ?? base.IsOrganizationTrail,
    KmsKeyId: kms && kmsKeyArn(ctx, kms),
    CloudWatchLogsLogGroupArn: optional(input.CloudWatchLogsLogGroupArn, base.CloudWatchLogsLogGroupArn),
    CloudWatchLogsRoleArn: optional(input.CloudWatchLogsRoleArn, base.CloudWatchLogsRoleArn),
  };
  if (config.IsMultiRegionTrail && !config.IncludeGlobalServiceEvents) throw invalidCombination('Multi-Region trail must include global service events.');
  if (config.IsOrganizationTrail) throw organizationsNotInUse();
  if (config.S3KeyPrefix && config.S3KeyPrefix.length > 200) throw invalidPrefix('The S3 key prefix cannot be longer than 200 characters.');
  if (input.S3BucketName !== undefined) checkBucket(ctx, config.S3BucketName);
  return config;
}

function checkBucket(ctx: RequestContext, bucket: string): void {
  // Lenient on purpose: older us-east-1 buckets may have upper case and underscores.
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{1,253}[A-Za-z0-9]$/.test(bucket)) throw invalidBucketName(bucket);
  const s3 = objectSink(ctx.platform);
  if (s3?.bucketExists && !s3.bucketExists(ctx.accountId, bucket)) throw bucketMissing(bucket);
}

/** A name is taken in a Region by a trail homed there or by any multi-Region trail; a multi-Region trail needs it everywhere. */
function checkNameFree(ctx: RequestContext, name: string, multiRegion: boolean, self?: TrailRow): void {
  for (const t of trailsNamed(ctx.platform.storage, ctx.accountId, name)) {
    if (self && t.homeRegion === self.homeRegion) continue;
    if (t.homeRegion === ctx.region || t.config.IsMultiRegionTrail || multiRegion) throw trailExists(name, ctx.accountId);
  }
}

function emitChange(ctx: RequestContext, t: TrailRow, before: ReturnType<typeof trailView> | null, after: ReturnType<typeof trailView> | null): void {
  if (JSON.stringify(before) === JSON.stringify(after)) return;
  ctx.emit(trailChange(t, before, after));
}

export function createTrail(input: TrailSettings & { Name: string; S3BucketName: string; TagsList?: Tag[] }, ctx: RequestContext) {
  checkTrailName(input.Name);
  const defaults: TrailConfig = {
    S3BucketName: input.S3BucketName, IncludeGlobalServiceEvents: true, IsMultiRegionTrail: false, LogFileValidationEnabled: false, IsOrganizationTrail: false,
  };
  const config = applySettings(ctx, defaults, input);
  checkNameFree(ctx, input.Name, config.IsMultiRegionTrail);
  if (trailsIn(ctx.platform.storage, ctx.accountId, ctx.region).length >= MAX_TRAILS_PER_REGION) throw tooManyTrails(ctx.accountId, ctx.region);
  const trail: TrailRow = {
    accountId: ctx.accountId, homeRegion: ctx.region, name: input.Name, config, logging: false, status: {},
    tags: mergeTags([], input.TagsList ?? []), selectors: null, deliveredUntil: null,
  };
  insertTrail(ctx.platform.storage, trail);
  const view = trailView(trail);
  emitChange(ctx, trail, null, view);
  return view;
}

export function getTrail(input: { Name: string }, ctx: RequestContext) {
  return { Trail: trailView(requireTrail(ctx, input.Name)) };
}

/** Names find trails in this Region (with shadows if asked); ARNs find them in any Region. Unknown ones are left out. */
export function describeTrails(input: { trailNameList?: string[]; includeShadowTrails?: boolean }, ctx: RequestContext) {
  const shadows = input.includeShadowTrails ?? true;
  const visible = (t: TrailRow) => t.homeRegion === ctx.region || shadows;
  let trails: TrailRow[];
  if (input.trailNameList?.length) {
    trails = [];
    for (const nameOrArn of input.trailNameList) {
      const t = findNamedTrail(ctx, nameOrArn);
      if (t && (nameOrArn.startsWith('arn:') || visible(t)) && !trails.some((o) => trailArn(o) === trailArn(t))) trails.push(t);
    }
  } else {
    trails = trailsIn(ctx.platform.storage, ctx.accountId, ctx.region).filter(visible);
  }
  return { trailList: trails.map(trailView) };
}

const LIST_PAGE = 50;

/** Every trail of the account, in all Regions, by home Region and name. */
export function listTrails(input: { NextToken?: string }, ctx: RequestContext) {
  let after: [string, string] = ['', ''];
  if (input.NextToken !== undefined) {
    const decoded = Buffer.from(input.NextToken, 'base64url').toString('utf8').split('\n');
    if (decoded.length !== 3 || decoded[0] !== 'kanri-trails' || Buffer.from(decoded.join('\n')).toString('base64url') !== input.NextToken) {
      // ListTrails declares no token error, so a bad token is a validation failure.
      throw frameworkError(new AwsError('ValidationException', 'The NextToken is not valid.', 400));
    }
    after = [decoded[1], decoded[2]];
  }
  const rows = trailsAfter(ctx.platform.storage, ctx.accountId, after, LIST_PAGE + 1);
  const page = rows.slice(0, LIST_PAGE);
  const last = page[page.length - 1];
  return {
    Trails: page.map((t) => ({ TrailARN: trailArn(t), Name: t.name, HomeRegion: t.homeRegion })),
    NextToken: rows.length > LIST_PAGE ? Buffer.from(['kanri-trails', last.homeRegion, last.name].join('\n')).toString('base64url') : undefined,
  };
}

export function updateTrail(input: TrailSettings & { Name: string }, ctx: RequestContext) {
  const trail = requireHomeTrail(ctx, input.Name);
  const before = trailView(trail);
  const config = applySettings(ctx, trail.config, input);
  if (config.IsMultiRegionTrail && !trail.config.IsMultiRegionTrail) checkNameFree(ctx, trail.name, true, trail);
  const updated = { ...trail, config };
  saveTrail(ctx.platform.storage, updated);
  const after = trailView(updated);
  emitChange(ctx, updated, before, after);
  return after;
}

export function deleteTrail(input: { Name: string }, ctx: RequestContext) {
  const trail = requireHomeTrail(ctx, input.Name);
  deleteTrailRow(ctx.platform.storage, trail);
  cancelDelivery(ctx.platform, trail);
  emitChange(ctx, trail, trailView(trail), null);
  return {};
}
