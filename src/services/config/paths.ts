// Where Config writes in the delivery bucket, as AWS names it:
// [prefix/]AWSLogs/<account>/Config/<region>/<yyyy>/<m>/<d>/<kind>/<file>
import type { ChannelRow } from './store';

export function isoSeconds(t: Date): string {
  return t.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

export function objectKey(channel: Pick<ChannelRow, 'keyPrefix' | 'accountId' | 'region'>, t: Date, kind: string, file: string): string {
  const prefix = channel.keyPrefix ? `${channel.keyPrefix}/` : '';
  return `${prefix}AWSLogs/${channel.accountId}/Config/${channel.region}/${t.getUTCFullYear()}/${t.getUTCMonth() + 1}/${t.getUTCDate()}/${kind}/${file}`;
}

export function historyFileName(channel: Pick<ChannelRow, 'accountId' | 'region'>, type: string, from: Date, to: Date, n: number): string {
  return `${channel.accountId}_Config_${channel.region}_ConfigHistory_${type}_${isoSeconds(from)}_${isoSeconds(to)}_${n}.json.gz`;
}

export function snapshotFileName(channel: Pick<ChannelRow, 'accountId' | 'region'>, t: Date, snapshotId: string): string {
  return `${channel.accountId}_Config_${channel.region}_ConfigSnapshot_${isoSeconds(t)}_${snapshotId}.json.gz`;
}
