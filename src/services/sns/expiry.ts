// Unconfirmed subscriptions are deleted once their confirmation token expires (two days), checked
// hourly on the platform clock, with the topic's resource change written as a request would.
import type { Platform } from '../../core/platform';
import { describeTopic } from './events';
import { deleteSubscription, expiredPendingSubscriptions, findTopic } from './store';

export function scheduleExpiry(platform: Platform): void {
  platform.scheduler.every('sns-expire-pending', 'rate(1 hour)', () => expirePending(platform));
}

export function expirePending(platform: Platform): void {
  if (!platform.storage.db.open) return;
  const now = platform.clock.now();
  platform.storage.transaction(() => {
    for (const sub of expiredPendingSubscriptions(platform.storage, now)) {
      const topic = findTopic(platform.storage, sub.accountId, sub.region, sub.topic);
      const before = topic && describeTopic(platform.storage, topic);
      deleteSubscription(platform.storage, sub);
      if (!topic) continue;
      platform.outbox.emit({
        accountId: topic.accountId, region: topic.region, service: 'sns', resourceType: 'AWS::SNS::Topic', resourceId: topic.arn, arn: topic.arn,
        resourceName: topic.name, before, after: describeTopic(platform.storage, topic), time: new Date(now).toISOString(),
      });
    }
  });
}
