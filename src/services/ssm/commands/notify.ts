// Status changes told as AWS tells them: EventBridge "EC2 Command Status-change Notification" and
// "EC2 Command Invocation Status-change Notification" events (source aws.ssm) on the default bus,
// and the command's NotificationConfig: an SNS message per Command or Invocation change for the
// events it chose. A missing topic never fails the change itself.
import type { Platform } from '../../../core/platform';
import { serviceApi } from '../../links';
import type { CommandRow, InvocationRow } from './store';

interface EventsApi { putEvent(platform: Platform, accountId: string, region: string, e: { source: string; detailType: string; detail: object; resources?: string[] }): string | undefined }
interface SnsApi { publishToTopic(platform: Platform, topicArn: string, msg: { message: string; subject?: string }): { messageId: string } }

/** NotificationEvents name these; the statuses each covers. */
const WANTED: Record<string, string[]> = {
  All: ['InProgress', 'Success', 'TimedOut', 'Cancelled', 'Failed'], InProgress: ['InProgress'], Success: ['Success'],
  TimedOut: ['TimedOut'], Cancelled: ['Cancelled'], Failed: ['Failed'],
};

export function instanceArn(c: { accountId: string; region: string }, instanceId: string): string {
  return instanceId.startsWith('mi-') ? `arn:aws:ssm:${c.region}:${c.accountId}:managed-instance/${instanceId}` : `arn:aws:ec2:${c.region}:${c.accountId}:instance/${instanceId}`;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function put(platform: Platform, c: CommandRow, detailType: string, detail: object, resources: string[]): void {
  try {
    serviceApi<EventsApi>('events')?.putEvent(platform, c.accountId, c.region, { source: 'aws.ssm', detailType, detail, resources });
  } catch (err) {
    console.error(`kanri: ssm could not put a ${detailType} event: ${(err as Error).message}`);
  }
}

function publish(platform: Platform, c: CommandRow, type: 'Command' | 'Invocation', status: string, message: object): void {
  const n = c.notification;
  if (!n?.NotificationArn || (n.NotificationType ?? 'Command') !== type) return;
  if (!(n.NotificationEvents ?? ['All']).some((e) => WANTED[e]?.includes(status))) return;
  try {
    serviceApi<SnsApi>('sns')?.publishToTopic(platform, n.NotificationArn, { message: JSON.stringify(message) });
  } catch (err) {
    console.error(`kanri: ssm could not notify ${n.NotificationArn}: ${(err as Error).message}`);
  }
}

export function announceCommand(platform: Platform, c: CommandRow, instanceIds: string[]): void {
  const resources = instanceIds.map((id) => instanceArn(c, id));
  put(platform, c, 'EC2 Command Status-change Notification', {
    'command-id': c.commandId, 'document-name': c.documentName, 'expire-after': iso(c.expiresAt), parameters: c.parameters,
    'requested-date-time': iso(c.requestedAt), status: c.status,
  }, resources);
  publish(platform, c, 'Command', c.status, {
    commandId: c.commandId, documentName: c.documentName, instanceIds, requestedDateTime: iso(c.requestedAt), expiresAfter: iso(c.expiresAt),
    outputS3BucketName: c.outputBucket ?? '', outputS3KeyPrefix: c.outputPrefix ?? '', status: c.status, eventTime: iso(platform.clock.now()),
  });
}

export function announceInvocation(platform: Platform, c: CommandRow, inv: InvocationRow): void {
  put(platform, c, 'EC2 Command Invocation Status-change Notification', {
    'command-id': c.commandId, 'document-name': c.documentName, 'instance-id': inv.instanceId, 'requested-date-time': iso(inv.requestedAt), status: inv.status,
  }, [instanceArn(c, inv.instanceId)]);
  publish(platform, c, 'Invocation', inv.status, {
    commandId: c.commandId, documentName: c.documentName, instanceId: inv.instanceId, requestedDateTime: iso(inv.requestedAt), status: inv.status,
    eventTime: iso(platform.clock.now()),
  });
}
