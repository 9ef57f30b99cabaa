// Commands and invocations as the API shows them; output is cut at 24,000 characters, as AWS does
// (the full text is in S3 when an output bucket was given).
import type { Platform } from '../../../core/platform';
import { counts } from './lifecycle';
import { findCommand, invocationsOf, type CommandRow, type InvocationRow, type PluginResult } from './store';

export const API_OUTPUT_LIMIT = 24_000;

export function truncate(text: string, limit = API_OUTPUT_LIMIT): string {
  return text.length > limit ? text.slice(0, limit) : text;
}

export function describeCommand(platform: Platform, c: CommandRow) {
  const fresh = findCommand(platform.storage, c, c.commandId) ?? c;
  return {
    CommandId: c.commandId, DocumentName: c.documentName, DocumentVersion: c.documentVersion ?? undefined, Comment: c.comment ?? '',
    ExpiresAfter: new Date(c.expiresAt), Parameters: c.parameters, InstanceIds: c.instanceIds, Targets: c.targets,
    RequestedDateTime: new Date(c.requestedAt), Status: fresh.status, StatusDetails: fresh.statusDetails, OutputS3Region: c.outputRegion ?? undefined,
    OutputS3BucketName: c.outputBucket ?? '', OutputS3KeyPrefix: c.outputPrefix ?? '', MaxConcurrency: c.maxConcurrency, MaxErrors: c.maxErrors,
    ...counts(invocationsOf(platform.storage, c)), ServiceRole: c.serviceRole ?? '',
    NotificationConfig: { NotificationArn: c.notification?.NotificationArn ?? '', NotificationEvents: c.notification?.NotificationEvents ?? [], NotificationType: c.notification?.NotificationType ?? '' },
    CloudWatchOutputConfig: { CloudWatchLogGroupName: c.cloudwatch?.CloudWatchLogGroupName ?? '', CloudWatchOutputEnabled: c.cloudwatch?.CloudWatchOutputEnabled ?? false },
    TimeoutSeconds: c.timeoutSeconds,
  };
}

export function s3Prefix(c: CommandRow, instanceId: string, p?: PluginResult): string {
  const base = [c.outputPrefix, c.commandId, instanceId].filter(Boolean).join('/');
  return p ? `${base}/${p.OutputS3KeyPrefix ?? pluginFolder(p.Name)}` : base;
}

/** aws:runShellScript's step "x" writes under awsrunShellScript/x, as the agent names its folders. */
export function pluginFolder(stepName: string, action = 'aws:runShellScript'): string {
  return `${action.replace(/:/g, '')}/${stepName.replace(/:/g, '')}`;
}

function plugin(c: CommandRow, inv: InvocationRow, p: PluginResult) {
  return {
    Name: p.Name, Status: p.Status, StatusDetails: p.StatusDetails, ResponseCode: p.ResponseCode,
    ResponseStartDateTime: p.ResponseStartDateTime ? new Date(p.ResponseStartDateTime) : undefined,
    ResponseFinishDateTime: p.ResponseFinishDateTime ? new Date(p.ResponseFinishDateTime) : undefined,
    Output: truncate(p.Output, 2_500), StandardOutputUrl: c.outputBucket ? s3Url(c, `${s3Prefix(c, inv.instanceId, p)}/stdout`) : '',
    StandardErrorUrl: c.outputBucket ? s3Url(c, `${s3Prefix(c, inv.instanceId, p)}/stderr`) : '',
    OutputS3Region: c.outputRegion ?? undefined, OutputS3BucketName: c.outputBucket ?? '', OutputS3KeyPrefix: c.outputBucket ? s3Prefix(c, inv.instanceId, p) : '',
  };
}

function s3Url(c: CommandRow, key: string): string {
  return `https://s3.${c.outputRegion}.amazonaws.com/${c.outputBucket}/${key}`;
}

export function describeInvocation(c: CommandRow, inv: InvocationRow, details: boolean) {
  return {
    CommandId: c.commandId, InstanceId: inv.instanceId, InstanceName: inv.instanceName ?? '', Comment: c.comment ?? '', DocumentName: c.documentName,
    DocumentVersion: c.documentVersion ?? undefined, RequestedDateTime: new Date(inv.requestedAt), Status: inv.status, StatusDetails: inv.statusDetails,
    TraceOutput: '', StandardOutputUrl: c.outputBucket ? s3Url(c, `${s3Prefix(c, inv.instanceId)}/stdout`) : '',
    StandardErrorUrl: c.outputBucket ? s3Url(c, `${s3Prefix(c, inv.instanceId)}/stderr`) : '',
    CommandPlugins: details ? inv.plugins.map((p) => plugin(c, inv, p)) : [],
    ServiceRole: c.serviceRole ?? '',
    NotificationConfig: { NotificationArn: c.notification?.NotificationArn ?? '', NotificationEvents: c.notification?.NotificationEvents ?? [], NotificationType: c.notification?.NotificationType ?? '' },
    CloudWatchOutputConfig: { CloudWatchLogGroupName: c.cloudwatch?.CloudWatchLogGroupName ?? '', CloudWatchOutputEnabled: c.cloudwatch?.CloudWatchOutputEnabled ?? false },
  };
}
