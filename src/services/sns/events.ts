// AWS::SNS::Topic resource-change events, with the topic as AWS Config records it: its attributes
// by their own names (TopicArn, DisplayName, KmsMasterKeyId, Policy) and its subscriptions.
import type { Storage } from '../../storage/database';
import type { RequestContext } from '../types';
import { topicAttributes } from './attributes';
import { topicSubscriptions, type TopicRow } from './store';

/** The topic's configuration item body; undefined once it is gone. */
export function describeTopic(storage: Storage, topic: TopicRow): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(topicAttributes(storage, topic))) out[k] = v;
  out.subscriptions = topicSubscriptions(storage, topic).map((s) => ({
    subscriptionArn: s.confirmed ? s.arn : 'PendingConfirmation', owner: s.owner, protocol: s.protocol, endpoint: s.endpoint, topicArn: s.topicArn,
  }));
  return out;
}

/** Emits the change from before (null when created) to the topic's current state (null when deleted). */
export function emitTopicChange(ctx: RequestContext, topic: TopicRow, before: Record<string, unknown> | null, deleted = false): void {
  ctx.emit({
    accountId: topic.accountId, region: topic.region, resourceType: 'AWS::SNS::Topic', resourceId: topic.arn, arn: topic.arn,
    resourceName: topic.name, before, after: deleted ? null : describeTopic(ctx.platform.storage, topic),
  });
}
