// CloudTrail rules. The account-level ones judge AWS::::Account from the recorded trails; whether a
// trail is logging comes from ctx.facts (GetTrailStatus), as AWS's rule asks CloudTrail.
import { compliant, field, nonCompliant, truthy, verdict } from '../fields';
import type { ConfigurationItem, Evaluation, ManagedRule, RuleContext } from '../types';
import { RuleEvaluationError } from '../types';

const TRAIL = 'AWS::CloudTrail::Trail';

function isLogging(ctx: RuleContext, trail: ConfigurationItem): boolean {
  const recorded = field(trail.configuration, 'isLogging');
  if (recorded !== undefined) return truthy(recorded);
  const known = ctx.facts?.trailIsLogging?.(String(field(trail.configuration, 'trailARN') ?? trail.arn ?? trail.resourceId));
  if (known === undefined) throw new RuleEvaluationError('kanri cannot evaluate this rule yet: trail logging status is not available to AWS Config.', 'InsufficientData');
  return known;
}

/** Trails that match the optional s3BucketName, snsTopicArn and cloudWatchLogsLogGroupArn parameters. */
function matchingTrails(ctx: RuleContext): ConfigurationItem[] {
  const p = ctx.parameters;
  return [...ctx.items.byType(TRAIL)].filter((t) => {
    const c = t.configuration;
    if (!c) return false;
    if (p.s3BucketName && field(c, 's3BucketName') !== p.s3BucketName) return false;
    if (p.snsTopicArn && field(c, 'snsTopicARN') !== p.snsTopicArn) return false;
    if (p.cloudWatchLogsLogGroupArn && field(c, 'cloudWatchLogsLogGroupArn') !== p.cloudWatchLogsLogGroupArn) return false;
    return true;
  });
}

const account = (ctx: RuleContext, ok: boolean, annotation: string): Evaluation[] =>
  verdict({ resourceType: 'AWS::::Account', resourceId: ctx.accountId }, ok ? 'COMPLIANT' : 'NON_COMPLIANT', ok ? undefined : annotation);

const cloudTrailEnabled: ManagedRule = {
  identifier: 'CLOUD_TRAIL_ENABLED',
  resourceTypes: [],
  evaluatePeriodic: (ctx) => account(ctx, matchingTrails(ctx).some((t) => isLogging(ctx, t)), 'No logging CloudTrail trail matches the rule parameters.'),
};

// Management events are on unless event selectors say otherwise; kanri's items do not carry the
// selectors, so includeManagementEvents/readWriteType are checked only when the item has them.
const multiRegionCloudTrail: ManagedRule = {
  identifier: 'MULTI_REGION_CLOUD_TRAIL_ENABLED',
  resourceTypes: [],
  evaluatePeriodic(ctx) {
    const ok = matchingTrails(ctx).some((t) => {
      if (!truthy(field(t.configuration, 'isMultiRegionTrail')) || !isLogging(ctx, t)) return false;
      const selectors = field(t.configuration, 'eventSelectors');
      if (!Array.isArray(selectors)) return true;
      const rw = ctx.parameters.readWriteType;
      return selectors.some((s) => truthy(field(s, 'includeManagementEvents') ?? true) && (!rw || field(s, 'readWriteType') === rw || field(s, 'readWriteType') === 'All'));
    });
    return account(ctx, ok, 'No logging multi-Region CloudTrail trail matches the rule parameters.');
  },
};

function trailRule(identifier: string, ok: (c: any) => boolean, annotation: string): ManagedRule {
  return {
    identifier,
    resourceTypes: [TRAIL],
    evaluatePeriodic: (ctx) => [...ctx.items.byType(TRAIL)].filter((t) => t.configuration).flatMap((t) => (ok(t.configuration) ? compliant(t) : nonCompliant(t, annotation))),
  };
}

const logFileValidation = trailRule('CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED', (c) => truthy(field(c, 'logFileValidationEnabled')), 'Log file validation is not enabled for the trail.');
const trailEncryption = trailRule('CLOUD_TRAIL_ENCRYPTION_ENABLED', (c) => !!field(c, 'kmsKeyId'), 'The trail is not encrypted with an AWS KMS key (SSE-KMS).');
const trailCloudWatchLogs = trailRule('CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED', (c) => !!field(c, 'cloudWatchLogsLogGroupArn'), 'The trail does not send logs to CloudWatch Logs.');

export const CLOUDTRAIL_RULES: ManagedRule[] = [cloudTrailEnabled, multiRegionCloudTrail, logFileValidation, trailEncryption, trailCloudWatchLogs];
