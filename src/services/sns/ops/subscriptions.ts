// Subscribe, ConfirmSubscription, Unsubscribe, ListSubscriptions(ByTopic), Get/SetSubscriptionAttributes.
import { randomBytes, randomUUID } from 'node:crypto';
import type { RequestContext } from '../../types';
import { checkSubscriptionAttribute, SUBSCRIPTION_ATTRIBUTES, subscriptionAttributes } from '../attributes';
import { confirmationText } from '../delivery/envelope';
import { enqueueDelivery } from '../delivery/queue';
import { kickDeliveries } from '../delivery/worker';
import { authorizationError, badParameter, invalidParameter, topicNotFound } from '../errors';
import { describeTopic, emitTopicChange } from '../events';
import { pageOf } from '../paging';
import { contentTypeOf, retryPolicyOf } from '../publishing';
import { authorize, parseSubscriptionArn, parseTopicArn, requireSubscription, requireTopic } from '../resolve';
import {
  accountSubscriptions, deleteSubscription, findByToken, findSubscription, findSubscriptionByEndpoint, findTopic, insertSubscription,
  topicSubscriptions, updateSubscription, updateTopic, type SubscriptionRow, type TopicRow,
} from '../store';
import { checkEndpoint, confirmedOnSubscribe } from './endpoints';

/** "Confirmation tokens are valid for two days"; an unconfirmed subscription goes when its token does. */
const TOKEN_LIFETIME_MS = 2 * 24 * 3600_000;

interface SubscribeInput { TopicArn: string; Protocol: string; Endpoint?: string; Attributes?: Record<string, string>; ReturnSubscriptionArn?: boolean }

export function subscribe(input: SubscribeInput, ctx: RequestContext) {
  const topic = requireTopic(ctx, input.TopicArn, 'Subscribe');
  const protocol = input.Protocol.toLowerCase();
  const endpoint = checkEndpoint(topic, protocol, input.Endpoint);
  const attributes: Record<string, string> = Object.create(null);
  const given = input.Attributes ?? {};
  // The scope first, so the policy is checked against it.
  const names = Object.keys(given).sort((a, b) => Number(b === 'FilterPolicyScope') - Number(a === 'FilterPolicyScope'));
  for (const name of names) {
    if (!SUBSCRIPTION_ATTRIBUTES.has(name)) throw badParameter(`Attributes Reason: Unknown attribute ${name}`);
    const value = checkSubscriptionAttribute({ protocol, attributes }, name, given[name], 'Attributes Reason: ');
    if (value !== '') attributes[name] = value;
  }
  const storage = ctx.platform.storage;
  const existing = findSubscriptionByEndpoint(storage, topic, protocol, endpoint);
  if (existing) {
    for (const [k, v] of Object.entries(attributes)) {
      if (existing.attributes[k] !== v) throw invalidParameter('Invalid parameter: Attributes Reason: Subscription already exists with different attributes');
    }
    return { SubscriptionArn: existing.confirmed || input.ReturnSubscriptionArn ? existing.arn : 'pending confirmation' };
  }
  const before = describeTopic(storage, topic);
  const confirmed = confirmedOnSubscribe(topic, protocol, endpoint, ctx.accountId);
  const sub: SubscriptionRow = {
    accountId: topic.accountId, region: topic.region, arn: `${topic.arn}:${randomUUID()}`, topic: topic.name, topicArn: topic.arn, protocol, endpoint,
    owner: ctx.accountId, confirmed, token: confirmed ? null : randomBytes(64).toString('hex'), tokenExpires: confirmed ? null : ctx.now.getTime() + TOKEN_LIFETIME_MS,
    authenticated: confirmed, unsubscribeNeedsAuth: false, attributes, createdAt: ctx.now.getTime(),
  };
  insertSubscription(storage, sub);
  if (!confirmed) sendConfirmation(ctx, topic, sub);
  emitTopicChange(ctx, topic, before);
  return { SubscriptionArn: confirmed || input.ReturnSubscriptionArn ? sub.arn : 'pending confirmation' };
}

/** Queues the SubscriptionConfirmation message (HTTP POST, mailbox file, or message in another account's queue). */
function sendConfirmation(ctx: RequestContext, topic: TopicRow, sub: SubscriptionRow): void {
  enqueueDelivery(ctx.platform.storage, sub.accountId, sub.region, sub.protocol, sub.endpoint, {
    type: 'SubscriptionConfirmation', messageId: randomUUID(), topicArn: topic.arn, subscriptionArn: sub.arn, token: sub.token!,
    message: confirmationText(topic.arn), timestamp: ctx.now.toISOString(), signatureVersion: topic.attributes.SignatureVersion ?? '1',
    retry: retryPolicyOf(topic, sub), contentType: contentTypeOf(topic, sub),
  }, ctx.now.getTime());
  kickDeliveries(ctx.platform);
}

const signed = (ctx: RequestContext) => ctx.principal.accessKeyId !== 'anonymous';

/** Works unsigned too, from the SubscribeURL: the topic ARN names the account and region. */
export function confirmSubscription(input: { TopicArn: string; Token: string; AuthenticateOnUnsubscribe?: string }, ctx: RequestContext) {
  const ref = parseTopicArn(input.TopicArn);
  if (input.AuthenticateOnUnsubscribe?.toLowerCase() === 'true' && !signed(ctx)) {
    throw authorizationError('Authentication is required to confirm a subscription with AuthenticateOnUnsubscribe set');
  }
  const storage = ctx.platform.storage;
  const topic = findTopic(storage, ref.accountId, ref.region, ref.name);
  if (!topic) throw topicNotFound();
  const sub = findByToken(storage, input.Token);
  if (!sub || sub.topicArn !== topic.arn || (sub.tokenExpires !== null && sub.tokenExpires < ctx.now.getTime())) throw invalidParameter('Invalid token');
  if (!sub.confirmed) {
    const before = describeTopic(storage, topic);
    sub.confirmed = true;
    sub.authenticated = signed(ctx);
    sub.unsubscribeNeedsAuth = input.AuthenticateOnUnsubscribe?.toLowerCase() === 'true';
    updateSubscription(storage, sub);
    emitTopicChange(ctx, topic, before);
  }
  return { SubscriptionArn: sub.arn };
}

/** Unsubscribing what is not there succeeds, as in AWS. Works unsigned, from a notification's UnsubscribeURL. */
export function unsubscribe(input: { SubscriptionArn: string }, ctx: RequestContext) {
  const ref = parseSubscriptionArn(input.SubscriptionArn);
  const storage = ctx.platform.storage;
  const sub = findSubscription(storage, ref.accountId, ref.region, input.SubscriptionArn);
  if (!sub) return {};
  const topic = findTopic(storage, sub.accountId, sub.region, sub.topic);
  if (signed(ctx)) {
    if (topic && sub.owner !== ctx.accountId) authorize(ctx, topic, 'Unsubscribe');
  } else if (sub.unsubscribeNeedsAuth) {
    throw authorizationError('Authentication is required to unsubscribe from this subscription');
  }
  const before = topic && describeTopic(storage, topic);
  deleteSubscription(storage, sub);
  if (topic) {
    topic.subscriptionsDeleted += 1;
    updateTopic(storage, topic);
    emitTopicChange(ctx, topic, before!);
  }
  return {};
}

function listed(s: SubscriptionRow) {
  return { SubscriptionArn: s.confirmed ? s.arn : 'PendingConfirmation', Owner: s.owner, Protocol: s.protocol, Endpoint: s.endpoint, TopicArn: s.topicArn };
}

export function listSubscriptions(input: { NextToken?: string }, ctx: RequestContext) {
  const page = pageOf(input.NextToken, 100, (after, n) => accountSubscriptions(ctx.platform.storage, ctx.accountId, ctx.region, after, n), (s) => s.arn);
  return { Subscriptions: page.items.map(listed), NextToken: page.NextToken };
}

export function listSubscriptionsByTopic(input: { TopicArn: string; NextToken?: string }, ctx: RequestContext) {
  const topic = requireTopic(ctx, input.TopicArn, 'ListSubscriptionsByTopic');
  const page = pageOf(input.NextToken, 100, (after, n) => topicSubscriptions(ctx.platform.storage, topic, after, n), (s) => s.arn);
  return { Subscriptions: page.items.map(listed), NextToken: page.NextToken };
}

export function getSubscriptionAttributes(input: { SubscriptionArn: string }, ctx: RequestContext) {
  const sub = requireSubscription(ctx, input.SubscriptionArn);
  const topic = findTopic(ctx.platform.storage, sub.accountId, sub.region, sub.topic);
  return { Attributes: subscriptionAttributes(sub, topic) };
}

export function setSubscriptionAttributes(input: { SubscriptionArn: string; AttributeName: string; AttributeValue?: string }, ctx: RequestContext) {
  const sub = requireSubscription(ctx, input.SubscriptionArn);
  const name = input.AttributeName;
  if (!SUBSCRIPTION_ATTRIBUTES.has(name)) throw badParameter('AttributeName');
  const value = checkSubscriptionAttribute(sub, name, input.AttributeValue ?? '');
  if (value === '') delete sub.attributes[name];
  else sub.attributes[name] = value;
  updateSubscription(ctx.platform.storage, sub);
  return {};
}
