// What the API answers for a trail: the Trail shape (GetTrail, DescribeTrails, resource changes)
// and GetTrailStatus.
import { arn } from '../../core/arn';
import { configCase } from '../../core/config-case';
import { TRAIL_TYPE, trailArn } from './names';
import type { Selectors, TrailRow } from './store-trails';

/** Every trail logs all management events until PutEventSelectors says otherwise. */
export const DEFAULT_SELECTORS: Selectors = {
  EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] }],
};

export function snsTopicArn(t: TrailRow): string | undefined {
  const topic = t.config.SnsTopicName;
  if (!topic) return undefined;
  return topic.startsWith('arn:') ? topic : arn('sns', t.homeRegion, t.accountId, topic);
}

export function trailView(t: TrailRow) {
  const c = t.config;
  return {
    Name: t.name,
    S3BucketName: c.S3BucketName,
    S3KeyPrefix: c.S3KeyPrefix,
    SnsTopicName: c.SnsTopicName,
    SnsTopicARN: snsTopicArn(t),
    IncludeGlobalServiceEvents: c.IncludeGlobalServiceEvents,
    IsMultiRegionTrail: c.IsMultiRegionTrail,
    HomeRegion: t.homeRegion,
    TrailARN: trailArn(t),
    LogFileValidationEnabled: c.LogFileValidationEnabled,
    CloudWatchLogsLogGroupArn: c.CloudWatchLogsLogGroupArn,
    CloudWatchLogsRoleArn: c.CloudWatchLogsRoleArn,
    KmsKeyId: c.KmsKeyId,
    HasCustomEventSelectors: t.selectors !== null,
    HasInsightSelectors: false,
    IsOrganizationTrail: c.IsOrganizationTrail,
  };
}

/** The resource-change event for a trail: Config records the Trail shape with its own member names. */
export function trailChange(t: TrailRow, before: ReturnType<typeof trailView> | null, after: ReturnType<typeof trailView> | null) {
  return { resourceType: TRAIL_TYPE, resourceId: t.name, arn: trailArn(t), resourceName: t.name, before: before && configCase(before), after: after && configCase(after) };
}

/** AWS's string-typed times: ISO-8601 to the second, or '' when it never happened. */
function isoOrEmpty(ms: number | undefined): string {
  return ms === undefined ? '' : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const date = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms));

export function statusView(t: TrailRow) {
  const s = t.status;
  return {
    IsLogging: t.logging,
    LatestDeliveryError: s.latestDeliveryError,
    LatestNotificationError: s.latestNotificationError,
    LatestDeliveryTime: date(s.latestDeliveryTime),
    StartLoggingTime: date(s.startLoggingTime),
    StopLoggingTime: date(s.stopLoggingTime),
    // kanri has no CloudWatch Logs delivery yet; a trail configured for it says so rather than pretend.
    LatestCloudWatchLogsDeliveryError: t.config.CloudWatchLogsLogGroupArn ? 'CloudWatch Logs delivery not available in this kanri build' : undefined,
    LatestDeliveryAttemptTime: isoOrEmpty(s.latestDeliveryAttemptTime),
    LatestDeliveryAttemptSucceeded: isoOrEmpty(s.latestDeliveryAttemptSucceeded),
    LatestNotificationAttemptTime: '',
    LatestNotificationAttemptSucceeded: '',
    TimeLoggingStarted: isoOrEmpty(s.startLoggingTime),
    TimeLoggingStopped: isoOrEmpty(s.stopLoggingTime),
  };
}
