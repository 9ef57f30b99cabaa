// The configuration stream: each item goes to the delivery channel's SNS topic as a
// ConfigurationItemChangeNotification, in the item's own transaction, as AWS's JSON. An item too big
// for SNS goes as an OversizedConfigurationItemChangeNotification and its full form to S3.
import { gzipSync } from 'node:zlib';
import type { Platform } from '../../core/platform';
import { serviceApi } from '../links';
import { listChannels, updateChannelStatus, type ChannelRow, type Scope } from './store';
import { fileItem, type ConfigItem } from './items';
import { itemDiff } from './diff';
import { isoSeconds, objectKey } from './paths';

type Sns = typeof import('../sns/api');
type S3 = typeof import('../s3/api');

export const SNS_LIMIT = 256 * 1024;

const VERBS: Record<string, string> = { CREATE: 'Created', UPDATE: 'Updated', DELETE: 'Deleted' };

export function publishItemChange(platform: Platform, scope: Scope, item: ConfigItem, previous: ConfigItem | undefined): void {
  const channel = listChannels(platform.storage, scope)[0];
  if (!channel?.topicArn) return;
  const diff = itemDiff(previous, item);
  const now = platform.clock.date().toISOString();
  let message = JSON.stringify({
    configurationItemDiff: diff, configurationItem: fileItem(item), notificationCreationTime: now,
    messageType: 'ConfigurationItemChangeNotification', recordVersion: '1.3',
  });
  const subject = `[AWS Config:${scope.region}] ${item.resourceType} ${item.resourceId} ${VERBS[diff.changeType]} in Account ${scope.accountId}`;
  if (Buffer.byteLength(message) > SNS_LIMIT) message = oversized(platform, channel, item, diff.changeType, now);
  publish(platform, channel, message, subject.slice(0, 100), 'configStreamDeliveryInfo');
}

/** Publishes and records the stream's status on the channel; a missing topic is a failure, not an error. */
export function publish(platform: Platform, channel: ChannelRow, message: string, subject: string, statusKind: string): boolean {
  const sns = serviceApi<Sns>('sns');
  const now = platform.clock.date().toISOString();
  try {
    if (!sns) throw Object.assign(new Error('SNS is not available'), { code: 'InternalError' });
    sns.publishToTopic(platform, channel.topicArn!, { message, subject });
    if (statusKind === 'configStreamDeliveryInfo') setStream(platform, channel, { lastStatus: 'Success', lastErrorCode: undefined, lastErrorMessage: undefined }, now);
    return true;
  } catch (err) {
    const e = err as { code?: string; message: string };
    if (statusKind === 'configStreamDeliveryInfo') setStream(platform, channel, { lastStatus: 'Failure', lastErrorCode: e.code ?? 'InternalError', lastErrorMessage: e.message }, now);
    return false;
  }
}

function setStream(platform: Platform, channel: ChannelRow, info: Record<string, unknown>, now: string): void {
  const prev = channel.status.configStreamDeliveryInfo;
  const changed = prev?.lastStatus !== info.lastStatus;
  updateChannelStatus(platform.storage, channel, channel.name, 'configStreamDeliveryInfo', { ...info, ...(changed || !prev?.lastStatusChangeTime ? { lastStatusChangeTime: now } : {}) });
  channel.status.configStreamDeliveryInfo = { ...prev, ...info };
}

function oversized(platform: Platform, channel: ChannelRow, item: ConfigItem, changeType: string, now: string): string {
  const { configuration: _c, supplementaryConfiguration: _s, relationships: _r, relatedEvents: _e, tags: _t, ...summary } = fileItem(item);
  const t = new Date(item.configurationItemCaptureTime);
  const key = objectKey(channel, t, 'OversizedChangeNotification',
    `${item.resourceType}/${item.resourceId}/${channel.accountId}_Config_${channel.region}_ChangeNotification_${item.resourceType}_${item.resourceId}_${isoSeconds(t)}_${item.configurationStateId}_${item.configurationItemMD5Hash}.json.gz`);
  const s3 = serviceApi<S3>('s3');
  const body = gzipSync(JSON.stringify(fileItem(item)));
  // The full item goes to S3 after the item's transaction; its notification only points at it.
  setImmediate(() => void s3?.writeObject(platform, { region: channel.region, bucket: channel.bucket, key, body, contentType: 'application/json', contentEncoding: 'gzip' })
    .catch((err) => console.error(`kanri: Config could not store an oversized item: ${(err as Error).message}`)));
  return JSON.stringify({
    configurationItemSummary: { changeType, ...summary }, s3DeliverySummary: { s3BucketLocation: `${channel.bucket}/${key}`, errorCode: null, errorMessage: null },
    notificationCreationTime: now, messageType: 'OversizedConfigurationItemChangeNotification', recordVersion: '1.0',
  });
}
