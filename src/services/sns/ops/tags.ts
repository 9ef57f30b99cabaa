// TagResource, UntagResource, ListTagsForResource, AddPermission, RemovePermission.
import type { RequestContext } from '../../types';
import { badParameter, invalidParameter, resourceNotFound, tagLimitExceeded } from '../errors';
import { describeTopic, emitTopicChange } from '../events';
import { defaultPolicy, statementsOf } from '../policy';
import { parseTopicArn, requireTopic } from '../resolve';
import { deleteTag, findTopic, listTags, putTag, updateTopic, type TopicRow } from '../store';

export interface Tag { Key: string; Value: string }

const MAX_TAGS = 50;

export function addTags(ctx: RequestContext, topic: TopicRow, tags: Tag[]): void {
  const storage = ctx.platform.storage;
  for (const t of tags) {
    if (t.Key.toLowerCase().startsWith('aws:')) throw invalidParameter('Invalid parameter: Tags Reason: Keys may not start with aws:');
  }
  const keys = new Set([...listTags(storage, topic).map((t) => t.Key), ...tags.map((t) => t.Key)]);
  if (keys.size > MAX_TAGS) throw tagLimitExceeded();
  for (const t of tags) putTag(storage, topic, t.Key, t.Value);
}

function taggedTopic(ctx: RequestContext, resourceArn: string): TopicRow {
  let ref;
  try {
    ref = parseTopicArn(resourceArn, 'ResourceArn');
  } catch {
    throw resourceNotFound();
  }
  const topic = ref.region === ctx.region ? findTopic(ctx.platform.storage, ref.accountId, ref.region, ref.name) : undefined;
  if (!topic) throw resourceNotFound();
  return topic;
}

export function tagResource(input: { ResourceArn: string; Tags: Tag[] }, ctx: RequestContext) {
  addTags(ctx, taggedTopic(ctx, input.ResourceArn), input.Tags);
  return {};
}

export function untagResource(input: { ResourceArn: string; TagKeys: string[] }, ctx: RequestContext) {
  const topic = taggedTopic(ctx, input.ResourceArn);
  for (const key of input.TagKeys) deleteTag(ctx.platform.storage, topic, key);
  return {};
}

export function listTagsForResource(input: { ResourceArn: string }, ctx: RequestContext) {
  return { Tags: listTags(ctx.platform.storage, taggedTopic(ctx, input.ResourceArn)) };
}

const ACTIONS = new Set(['AddPermission', 'DeleteTopic', 'GetTopicAttributes', 'ListSubscriptionsByTopic', 'Publish', 'Receive', 'RemovePermission',
  'SetTopicAttributes', 'Subscribe', 'GetDataProtectionPolicy', 'PutDataProtectionPolicy', 'ListTagsForResource', 'TagResource', 'UntagResource']);

function policyDoc(topic: TopicRow): { Version: string; Id?: string; Statement: Record<string, unknown>[] } {
  const text = topic.attributes.Policy ?? defaultPolicy(topic.arn, topic.accountId);
  const doc = JSON.parse(text);
  return { ...doc, Statement: statementsOf(text) as Record<string, unknown>[] };
}

export function addPermission(input: { TopicArn: string; Label: string; AWSAccountId: string[]; ActionName: string[] }, ctx: RequestContext) {
  const topic = requireTopic(ctx, input.TopicArn, 'AddPermission');
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(input.Label)) throw badParameter('Label');
  if (!input.AWSAccountId.length) throw badParameter('AWSAccountId');
  if (!input.ActionName.length) throw badParameter('ActionName');
  for (const action of input.ActionName) {
    if (!ACTIONS.has(action) && action !== '*') throw invalidParameter('Invalid parameter: Policy statement action out of service scope!');
  }
  const doc = policyDoc(topic);
  if (doc.Statement.some((s) => s.Sid === input.Label)) throw invalidParameter('Invalid parameter: Statement already exists');
  const principals = input.AWSAccountId.map((a) => (/^\d{12}$/.test(a) ? `arn:aws:iam::${a}:root` : a));
  const actions = input.ActionName.map((a) => `SNS:${a}`);
  const before = describeTopic(ctx.platform.storage, topic);
  doc.Statement.push({
    Sid: input.Label, Effect: 'Allow', Principal: { AWS: principals.length === 1 ? principals[0] : principals },
    Action: actions.length === 1 ? actions[0] : actions, Resource: topic.arn,
  });
  topic.attributes.Policy = JSON.stringify(doc);
  updateTopic(ctx.platform.storage, topic);
  emitTopicChange(ctx, topic, before);
  return {};
}

export function removePermission(input: { TopicArn: string; Label: string }, ctx: RequestContext) {
  const topic = requireTopic(ctx, input.TopicArn, 'RemovePermission');
  const doc = policyDoc(topic);
  const kept = doc.Statement.filter((s) => s.Sid !== input.Label);
  if (kept.length === doc.Statement.length) return {};
  const before = describeTopic(ctx.platform.storage, topic);
  topic.attributes.Policy = JSON.stringify({ ...doc, Statement: kept });
  updateTopic(ctx.platform.storage, topic);
  emitTopicChange(ctx, topic, before);
  return {};
}
