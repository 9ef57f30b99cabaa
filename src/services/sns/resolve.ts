// Finding topics and subscriptions by ARN, and the topic policy check for callers from other accounts.
import { parseArn } from '../../core/arn';
import type { RequestContext } from '../types';
import { authorizationError, badParameter, invalidParameter, subscriptionNotFound, topicNotFound } from './errors';
import { findSubscription, findTopic, type SubscriptionRow, type TopicRow } from './store';
import { policyAllows } from './policy';

export interface TopicRef { accountId: string; region: string; name: string }

/** A topic ARN's parts, or an InvalidParameter naming the parameter. */
export function parseTopicArn(value: string, parameter = 'TopicArn'): TopicRef {
  const arn = parseArn(value);
  if (!arn || arn.service !== 'sns' || !/^\d{12}$/.test(arn.account) || !arn.region || !/^[^:/\s]{1,256}$/.test(arn.resource)) {
    throw badParameter(parameter);
  }
  return { accountId: arn.account, region: arn.region, name: arn.resource };
}

/** The topic an ARN names, after checking the caller may perform action on it. */
export function requireTopic(ctx: RequestContext, topicArn: string, action: string, parameter = 'TopicArn'): TopicRow {
  const ref = parseTopicArn(topicArn, parameter);
  if (ref.region !== ctx.region) throw topicNotFound();
  const topic = findTopic(ctx.platform.storage, ref.accountId, ref.region, ref.name);
  if (!topic) throw topicNotFound();
  authorize(ctx, topic, action);
  return topic;
}

export function authorize(ctx: RequestContext, topic: TopicRow, action: string): void {
  if (topic.accountId === ctx.accountId) return;
  if (policyAllows(topic.attributes.Policy, ctx.accountId, ctx.principal.arn, `SNS:${action}`)) return;
  throw authorizationError(`User: ${ctx.principal.arn} is not authorized to perform: SNS:${action} on resource: ${topic.arn} because no resource-based policy allows the SNS:${action} action`);
}

export interface SubscriptionRef { accountId: string; region: string; topic: string }

export function parseSubscriptionArn(value: string): SubscriptionRef {
  const parts = value.split(':');
  if (parts.length < 6) throw invalidParameter(`Invalid parameter: SubscriptionArn Reason: An ARN must have at least 6 elements, not ${parts.length}`);
  if (parts[0] !== 'arn' || parts[2] !== 'sns' || parts.length !== 7 || !/^\d{12}$/.test(parts[4])) throw badParameter('SubscriptionArn');
  return { accountId: parts[4], region: parts[3], topic: parts[5] };
}

export function requireSubscription(ctx: RequestContext, arn: string): SubscriptionRow {
  const ref = parseSubscriptionArn(arn);
  const sub = ref.region === ctx.region ? findSubscription(ctx.platform.storage, ref.accountId, ref.region, arn) : undefined;
  if (!sub) throw subscriptionNotFound();
  return sub;
}
