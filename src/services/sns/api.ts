// What other services call: EventBridge targets, CloudWatch alarms, Config notifications.
import type { Platform } from '../../core/platform';
import { selfSignedCertificate } from './delivery/certificate';
import { signingKey } from './delivery/envelope';
import { notFound } from './errors';
import { checkPublish, publishChecked, readAttributes } from './publishing';
import { parseTopicArn } from './resolve';
import { findTopic } from './store';

export interface TopicMessage {
  message: string;
  subject?: string;
  messageAttributes?: Record<string, { DataType: string; StringValue?: string }>;
  messageGroupId?: string;
  messageDeduplicationId?: string;
}

/**
 * Publishes to a topic as its owner would, with Publish's checks (errors are AwsErrors: NotFound,
 * InvalidParameter). Writes in the caller's transaction if one is open; deliveries start after it commits.
 */
export function publishToTopic(platform: Platform, topicArn: string, msg: TopicMessage): { messageId: string } {
  platform.service('sns'); // make sure SNS's tables exist and its delivery worker is running
  const ref = parseTopicArn(topicArn);
  const run = () => {
    const topic = findTopic(platform.storage, ref.accountId, ref.region, ref.name);
    if (!topic) throw notFound('Topic does not exist');
    const req = {
      message: msg.message, subject: msg.subject, attributes: readAttributes(msg.messageAttributes),
      groupId: msg.messageGroupId, dedupId: msg.messageDeduplicationId,
    };
    const perProtocol = checkPublish(topic, req);
    return { messageId: publishChecked(platform, topic, req, perProtocol, platform.clock.date()).MessageId };
  };
  return platform.storage.transaction(run);
}

export interface TopicDescription { topicArn: string; accountId: string; region: string; name: string; fifo: boolean; policy?: string }

/** The topic an ARN names, or undefined (S3 checks notification destinations with this). */
export function findTopicByArn(platform: Platform, topicArn: string): TopicDescription | undefined {
  platform.service('sns');
  let ref;
  try {
    ref = parseTopicArn(topicArn);
  } catch {
    return undefined;
  }
  const topic = findTopic(platform.storage, ref.accountId, ref.region, ref.name);
  return topic && { topicArn: topic.arn, accountId: topic.accountId, region: topic.region, name: topic.name, fifo: topic.fifo, policy: topic.attributes.Policy };
}

const certificates = new WeakMap<Platform, string>();

/** The PEM certificate of the key that signs notifications (served at their SigningCertURL). */
export function signingCertificate(platform: Platform): string {
  platform.service('sns');
  let pem = certificates.get(platform);
  if (!pem) {
    const key = signingKey(platform);
    pem = selfSignedCertificate(key.privatePem, key.publicPem, platform.clock.now());
    certificates.set(platform, pem);
  }
  return pem;
}
