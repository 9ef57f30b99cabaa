// AddPermission and RemovePermission: statements in the queue's policy, named by their Sid (Label).
import type { RequestContext } from '../../types';
import { invalidParameterValue, parameterInvalid } from '../errors';
import { changingQueue } from '../events';
import { queueArn } from '../names';
import { checkPolicyDocument } from '../policy';
import { requireQueue } from '../resolve';
import { updateQueueAttributes } from '../store';

const ACTIONS = new Set(['*', 'SendMessage', 'ReceiveMessage', 'DeleteMessage', 'ChangeMessageVisibility', 'GetQueueAttributes', 'GetQueueUrl',
  'ListDeadLetterSourceQueues', 'PurgeQueue', 'ListQueueTags', 'SendMessageBatch', 'DeleteMessageBatch', 'ChangeMessageVisibilityBatch']);
const LABEL = /^[A-Za-z0-9_-]{1,80}$/;

export function addPermission(input: { QueueUrl: string; Label: string; AWSAccountIds: string[]; Actions: string[] }, ctx: RequestContext) {
  const q = requireQueue(ctx, input.QueueUrl);
  if (!LABEL.test(input.Label ?? '')) throw parameterInvalid('Label', input.Label, 'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length');
  if (!(input.AWSAccountIds ?? []).length) throw invalidParameterValue('The request must contain the parameter AWSAccountIds.');
  if (!(input.Actions ?? []).length) throw invalidParameterValue('The request must contain the parameter Actions.');
  for (const a of input.Actions) if (!ACTIONS.has(a)) throw parameterInvalid('Actions', a, `Invalid action name: ${a}`);
  for (const id of input.AWSAccountIds) if (!/^\d{12}$/.test(id)) throw parameterInvalid('AWSAccountIds', id, 'Invalid AWS account id.');
  const doc = q.attributes.Policy ? checkPolicyDocument(q.attributes.Policy) : { Version: '2008-10-17', Id: `${queueArn(q)}/SQSDefaultPolicy`, Statement: [] };
  if (doc.Statement.some((s) => s.Sid === input.Label)) {
    throw invalidParameterValue(`Value ${input.Label} for parameter Label is invalid. Reason: Already exists.`);
  }
  const principals = input.AWSAccountIds.map((id) => `arn:aws:iam::${id}:root`);
  const actions = input.Actions.map((a) => `SQS:${a}`);
  doc.Statement.push({
    Sid: input.Label, Effect: 'Allow', Principal: { AWS: principals.length === 1 ? principals[0] : principals },
    Action: actions.length === 1 ? actions[0] : actions, Resource: queueArn(q),
  });
  const attributes = { ...q.attributes, Policy: JSON.stringify(doc) };
  changingQueue(ctx, q, () => updateQueueAttributes(ctx.platform.storage, q, attributes, ctx.now.getTime()));
  return {};
}

export function removePermission(input: { QueueUrl: string; Label: string }, ctx: RequestContext) {
  const q = requireQueue(ctx, input.QueueUrl);
  const doc = q.attributes.Policy ? checkPolicyDocument(q.attributes.Policy) : undefined;
  const kept = doc?.Statement.filter((s) => s.Sid !== input.Label);
  if (!doc || kept!.length === doc.Statement.length) {
    throw invalidParameterValue(`Value ${input.Label} for parameter Label is invalid. Reason: can't find label.`);
  }
  const attributes: Record<string, string> = Object.assign(Object.create(null), q.attributes);
  if (kept!.length) attributes.Policy = JSON.stringify({ ...doc, Statement: kept });
  else delete attributes.Policy;
  changingQueue(ctx, q, () => updateQueueAttributes(ctx.platform.storage, q, attributes, ctx.now.getTime()));
  return {};
}
