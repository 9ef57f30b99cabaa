// Delivery channels: where snapshots and history go (S3) and where the stream goes (SNS).
import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../types';
import { parseArn } from '../../../core/arn';
import { serviceApi } from '../../links';
import { deleteChannel, listChannels, listRecorders, saveChannel, type ChannelRow } from '../store';
import { armChannel, deliverSnapshot, disarmChannel, HISTORY_EVERY_MS } from '../delivery';
import {
  invalidChannelName, invalidKmsKey, invalidPrefix, invalidTopic, lastChannel, noRecorder, noRecorderForChannel, noSuchBucket, noSuchChannel, notRunning, tooManyChannels,
} from '../errors';

type S3 = typeof import('../../s3/api');
type Sns = typeof import('../../sns/api');

const scopeOf = (ctx: RequestContext) => ({ accountId: ctx.accountId, region: ctx.region });

export function putDeliveryChannel(input: any, ctx: RequestContext) {
  const spec = input.DeliveryChannel;
  const name: string = spec.name ?? 'default';
  if (!name.trim()) throw invalidChannelName(name);
  const s = ctx.platform.storage;
  if (!listRecorders(s, scopeOf(ctx)).some((r) => !r.servicePrincipal)) throw noRecorderForChannel();
  const existing = listChannels(s, scopeOf(ctx));
  const same = existing.find((c) => c.name === name);
  if (!same && existing.length) throw tooManyChannels(name);
  const bucket: string = spec.s3BucketName ?? '';
  if (!bucket || !serviceApi<S3>('s3')?.findBucketInfo(ctx.platform, ctx.region, bucket)) throw noSuchBucket(bucket);
  if (spec.s3KeyPrefix !== undefined && (!spec.s3KeyPrefix || spec.s3KeyPrefix.startsWith('/'))) throw invalidPrefix(spec.s3KeyPrefix);
  if (spec.s3KmsKeyArn !== undefined && parseArn(spec.s3KmsKeyArn)?.service !== 'kms') throw invalidKmsKey(spec.s3KmsKeyArn);
  if (spec.snsTopicARN !== undefined) {
    const arn = parseArn(spec.snsTopicARN);
    if (arn?.service !== 'sns' || !serviceApi<Sns>('sns')?.findTopicByArn(ctx.platform, spec.snsTopicARN)) throw invalidTopic(spec.snsTopicARN);
  }
  const frequency = spec.configSnapshotDeliveryProperties?.deliveryFrequency;
  const channel: ChannelRow = {
    accountId: ctx.accountId, region: ctx.region, name, bucket, keyPrefix: spec.s3KeyPrefix, kmsKeyArn: spec.s3KmsKeyArn, topicArn: spec.snsTopicARN,
    // History and periodic snapshots count from the channel's creation until their first delivery.
    frequency, status: same?.status ?? {}, lastHistoryMs: same?.lastHistoryMs ?? ctx.now.getTime(), lastSnapshotMs: same?.lastSnapshotMs ?? ctx.now.getTime(),
  };
  saveChannel(s, channel);
  armChannel(ctx.platform, channel);
  return {};
}

function selected(ctx: RequestContext, names: string[] | undefined): ChannelRow[] {
  const all = listChannels(ctx.platform.storage, scopeOf(ctx));
  if (!names?.length) return all;
  return names.map((n) => all.find((c) => c.name === n) ?? (() => { throw noSuchChannel(n); })());
}

export function describeDeliveryChannels(input: any, ctx: RequestContext) {
  return {
    DeliveryChannels: selected(ctx, input.DeliveryChannelNames).map((c) => ({
      name: c.name, s3BucketName: c.bucket, s3KeyPrefix: c.keyPrefix, s3KmsKeyArn: c.kmsKeyArn, snsTopicARN: c.topicArn,
      configSnapshotDeliveryProperties: c.frequency ? { deliveryFrequency: c.frequency } : undefined,
    })),
  };
}

const dates = (o: Record<string, any> | undefined, keys: string[]) => {
  if (!o) return undefined;
  const out: Record<string, unknown> = { ...o };
  for (const k of keys) if (o[k]) out[k] = new Date(o[k]);
  return out;
};

export function describeDeliveryChannelStatus(input: any, ctx: RequestContext) {
  const recording = listRecorders(ctx.platform.storage, scopeOf(ctx)).some((r) => r.recording && !r.servicePrincipal);
  return {
    DeliveryChannelsStatus: selected(ctx, input.DeliveryChannelNames).map((c) => {
      const st = c.status;
      const next = { nextDeliveryTime: new Date((c.lastHistoryMs ?? ctx.now.getTime()) + HISTORY_EVERY_MS).toISOString() };
      return {
        name: c.name,
        configSnapshotDeliveryInfo: dates(st.configSnapshotDeliveryInfo ?? { lastStatus: 'Not_Applicable' }, ['lastAttemptTime', 'lastSuccessfulTime', 'nextDeliveryTime']),
        configHistoryDeliveryInfo: dates({ ...(st.configHistoryDeliveryInfo ?? { lastStatus: 'Not_Applicable' }), ...(recording ? next : {}) }, ['lastAttemptTime', 'lastSuccessfulTime', 'nextDeliveryTime']),
        configStreamDeliveryInfo: dates(c.topicArn ? st.configStreamDeliveryInfo ?? { lastStatus: 'Not_Applicable' } : { lastStatus: 'Not_Applicable' }, ['lastStatusChangeTime']),
      };
    }),
  };
}

export function deleteDeliveryChannel(input: any, ctx: RequestContext) {
  const [c] = selected(ctx, [input.DeliveryChannelName]);
  if (listRecorders(ctx.platform.storage, scopeOf(ctx)).some((r) => r.recording && !r.servicePrincipal)) throw lastChannel(c.name);
  deleteChannel(ctx.platform.storage, scopeOf(ctx), c.name);
  disarmChannel(ctx.platform, c);
  return {};
}

export function deliverConfigSnapshot(input: any, ctx: RequestContext) {
  const [c] = selected(ctx, [input.deliveryChannelName]);
  const recorders = listRecorders(ctx.platform.storage, scopeOf(ctx)).filter((r) => !r.servicePrincipal);
  if (!recorders.length) throw noRecorder();
  if (!recorders.some((r) => r.recording)) throw notRunning();
  const id = randomUUID();
  const platform = ctx.platform;
  setImmediate(() => void deliverSnapshot(platform, c, id).catch((err) => console.error(`kanri: Config snapshot failed: ${(err as Error).message}`)));
  return { configSnapshotId: id };
}
