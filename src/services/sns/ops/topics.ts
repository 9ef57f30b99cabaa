// CreateTopic, DeleteTopic, ListTopics, GetTopicAttributes, SetTopicAttributes.
import { arn } from '../../../core/arn';
import type { RequestContext } from '../../types';
import { checkTopicAttribute, TOPIC_ATTRIBUTES, topicAttributes } from '../attributes';
import { badParameter, invalidParameter, topicNotFound } from '../errors';
import { describeTopic, emitTopicChange } from '../events';
import { pageOf } from '../paging';
import { parseTopicArn, requireTopic } from '../resolve';
import { deleteTopicRows, findTopic, insertTopic, listTags, listTopicArns, updateTopic, type TopicRow } from '../store';
import { addTags, type Tag } from './tags';

type Attributes = Record<string, string> | undefined;

const STANDARD_NAME = /^[A-Za-z0-9_-]{1,256}$/;
const FIFO_NAME = /^[A-Za-z0-9_-]{1,251}\.fifo$/;

export function createTopic(input: { Name: string; Attributes?: Attributes; Tags?: Tag[]; DataProtectionPolicy?: string }, ctx: RequestContext) {
  const attrs: Record<string, string> = Object.assign(Object.create(null), input.Attributes ?? {});
  if (input.DataProtectionPolicy !== undefined) attrs.DataProtectionPolicy = input.DataProtectionPolicy;
  const fifoAttr = attrs.FifoTopic;
  if (fifoAttr !== undefined && !/^(true|false)$/i.test(fifoAttr)) throw badParameter('Attributes Reason: FifoTopic');
  const fifo = fifoAttr?.toLowerCase() === 'true';
  delete attrs.FifoTopic;
  if (fifo && !FIFO_NAME.test(input.Name)) {
    throw invalidParameter('Invalid parameter: Fifo Topic names must end with .fifo and must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long.');
  }
  if (!fifo && !STANDARD_NAME.test(input.Name)) throw badParameter('Topic Name');
  const topicArn = arn('sns', ctx.region, ctx.accountId, input.Name);
  const draft = { fifo };
  for (const name of Object.keys(attrs)) {
    if (!TOPIC_ATTRIBUTES.has(name)) throw badParameter(`Attributes Reason: Unknown attribute ${name}`);
    attrs[name] = checkTopicAttribute(draft, name, attrs[name], 'Attributes Reason: ');
  }
  const storage = ctx.platform.storage;
  const existing = findTopic(storage, ctx.accountId, ctx.region, input.Name);
  if (existing) {
    // CreateTopic is idempotent, unless the request asks for something the topic does not have.
    for (const [k, v] of Object.entries(attrs)) {
      if ((existing.attributes[k] ?? (k === 'ContentBasedDeduplication' ? 'false' : k === 'DisplayName' ? '' : undefined)) !== v) {
        throw invalidParameter('Invalid parameter: Attributes Reason: Topic already exists with different attributes');
      }
    }
    if (input.Tags?.length) {
      const have = new Map(listTags(storage, existing).map((t) => [t.Key, t.Value]));
      if (input.Tags.length !== have.size || input.Tags.some((t) => have.get(t.Key) !== t.Value)) {
        throw invalidParameter('Invalid parameter: Tags Reason: Topic already exists with different tags');
      }
    }
    return { TopicArn: existing.arn };
  }
  const topic: TopicRow = {
    accountId: ctx.accountId, region: ctx.region, name: input.Name, arn: topicArn, fifo, attributes: attrs,
    subscriptionsDeleted: 0, sequence: 0, createdAt: ctx.now.getTime(),
  };
  insertTopic(storage, topic);
  if (input.Tags?.length) addTags(ctx, topic, input.Tags);
  emitTopicChange(ctx, topic, null);
  return { TopicArn: topicArn };
}

/** Deleting a topic that does not exist succeeds, as in AWS. */
export function deleteTopic(input: { TopicArn: string }, ctx: RequestContext) {
  const ref = parseTopicArn(input.TopicArn);
  const topic = ref.region === ctx.region ? findTopic(ctx.platform.storage, ref.accountId, ref.region, ref.name) : undefined;
  if (!topic) return {};
  requireTopic(ctx, input.TopicArn, 'DeleteTopic');
  const before = describeTopic(ctx.platform.storage, topic);
  deleteTopicRows(ctx.platform.storage, topic.accountId, topic.region, topic.name);
  emitTopicChange(ctx, topic, before, true);
  return {};
}

export function listTopics(input: { NextToken?: string }, ctx: RequestContext) {
  const page = pageOf(input.NextToken, 100, (after, n) => listTopicArns(ctx.platform.storage, ctx.accountId, ctx.region, after, n), (t) => t.name);
  return { Topics: page.items.map((t) => ({ TopicArn: t.arn })), NextToken: page.NextToken };
}

export function getTopicAttributes(input: { TopicArn: string }, ctx: RequestContext) {
  const topic = requireTopic(ctx, input.TopicArn, 'GetTopicAttributes');
  return { Attributes: topicAttributes(ctx.platform.storage, topic) };
}

export function setTopicAttributes(input: { TopicArn: string; AttributeName: string; AttributeValue?: string }, ctx: RequestContext) {
  const topic = requireTopic(ctx, input.TopicArn, 'SetTopicAttributes');
  const name = input.AttributeName;
  if (!TOPIC_ATTRIBUTES.has(name)) throw badParameter('AttributeName');
  const value = checkTopicAttribute(topic, name, input.AttributeValue ?? '');
  const before = describeTopic(ctx.platform.storage, topic);
  // An empty value clears what can be cleared (DeliveryPolicy, KmsMasterKeyId, Policy back to its default).
  if (value === '' && name !== 'DisplayName') delete topic.attributes[name];
  else topic.attributes[name] = value;
  updateTopic(ctx.platform.storage, topic);
  emitTopicChange(ctx, topic, before);
  return {};
}

export function topicOrNotFound(ctx: RequestContext, topicArn: string): TopicRow {
  const ref = parseTopicArn(topicArn);
  const topic = findTopic(ctx.platform.storage, ref.accountId, ref.region, ref.name);
  if (!topic) throw topicNotFound();
  return topic;
}

/** The policy is stored with the topic's attributes, where CreateTopic's DataProtectionPolicy puts it too. */
export function getDataProtectionPolicy(input: { ResourceArn: string }, ctx: RequestContext) {
  const topic = requireTopic(ctx, input.ResourceArn, 'GetDataProtectionPolicy', 'ResourceArn');
  return { DataProtectionPolicy: topic.attributes.DataProtectionPolicy ?? '' };
}

export function putDataProtectionPolicy(input: { ResourceArn: string; DataProtectionPolicy: string }, ctx: RequestContext) {
  const topic = requireTopic(ctx, input.ResourceArn, 'PutDataProtectionPolicy', 'ResourceArn');
  const value = checkTopicAttribute(topic, 'DataProtectionPolicy', input.DataProtectionPolicy);
  const before = describeTopic(ctx.platform.storage, topic);
  topic.attributes.DataProtectionPolicy = value;
  updateTopic(ctx.platform.storage, topic);
  emitTopicChange(ctx, topic, before);
  return {};
}
