// Publish (to a topic, or as SMS to a number) and PublishBatch.
import { randomUUID } from 'node:crypto';
import type { AwsError } from '../../../protocol/errors';
import type { RequestContext } from '../../types';
import { batchError, invalidParameter } from '../errors';
import { checkPublish, MAX_MESSAGE_BYTES, publishChecked, readAttributes } from '../publishing';
import { requireTopic } from '../resolve';
import { enqueueDelivery } from '../delivery/queue';
import { kickDeliveries } from '../delivery/worker';

type Attrs = Parameters<typeof readAttributes>[0];

interface PublishInput {
  TopicArn?: string;
  TargetArn?: string;
  PhoneNumber?: string;
  Message: string;
  Subject?: string;
  MessageStructure?: string;
  MessageAttributes?: Attrs;
  MessageDeduplicationId?: string;
  MessageGroupId?: string;
}

export function publish(input: PublishInput, ctx: RequestContext) {
  if (input.PhoneNumber !== undefined) return publishSms(input, ctx);
  const arn = input.TopicArn ?? input.TargetArn;
  if (arn === undefined) throw invalidParameter('Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter');
  if (input.TopicArn !== undefined && input.TargetArn !== undefined) throw invalidParameter('Invalid parameter: TopicArn Reason: Only one of TopicArn or TargetArn may be specified');
  if (input.TargetArn !== undefined && /:endpoint\//.test(input.TargetArn)) throw invalidParameter('Invalid parameter: TargetArn Reason: No endpoint found for the target arn specified');
  const topic = requireTopic(ctx, arn, 'Publish', input.TopicArn !== undefined ? 'TopicArn' : 'TargetArn');
  const req = {
    message: input.Message, subject: input.Subject, messageStructure: input.MessageStructure, attributes: readAttributes(input.MessageAttributes),
    groupId: input.MessageGroupId, dedupId: input.MessageDeduplicationId,
  };
  const perProtocol = checkPublish(topic, req);
  return publishChecked(ctx.platform, topic, req, perProtocol, ctx.now);
}

/** An SMS straight to a number: written to the SMS folder (see README), never sent. */
function publishSms(input: PublishInput, ctx: RequestContext) {
  if (input.TopicArn !== undefined || input.TargetArn !== undefined) throw invalidParameter('Invalid parameter: PhoneNumber Reason: Only one of TopicArn, TargetArn or PhoneNumber may be specified');
  const number = input.PhoneNumber!.replace(/[\s()-]/g, '');
  if (!/^\+?[1-9]\d{1,14}$/.test(number)) throw invalidParameter(`Invalid parameter: PhoneNumber Reason: ${input.PhoneNumber} is not valid to publish to`);
  if (input.Message === '') throw invalidParameter('Invalid parameter: Empty message');
  if (Buffer.byteLength(input.Message) > 1600) throw invalidParameter('Invalid parameter: Message Reason: Message too long for SMS (1600 bytes at most)');
  const messageId = randomUUID();
  enqueueDelivery(ctx.platform.storage, ctx.accountId, ctx.region, 'sms', number, {
    type: 'Notification', messageId, topicArn: '', subscriptionArn: '', message: input.Message, timestamp: ctx.now.toISOString(), signatureVersion: '1',
  }, ctx.now.getTime());
  kickDeliveries(ctx.platform);
  return { MessageId: messageId };
}

interface BatchEntry {
  Id: string;
  Message: string;
  Subject?: string;
  MessageStructure?: string;
  MessageAttributes?: Attrs;
  MessageDeduplicationId?: string;
  MessageGroupId?: string;
}

export function publishBatch(input: { TopicArn: string; PublishBatchRequestEntries: BatchEntry[] }, ctx: RequestContext) {
  const entries = input.PublishBatchRequestEntries;
  const topic = requireTopic(ctx, input.TopicArn, 'Publish');
  if (!entries.length) throw batchError('EmptyBatchRequestException', "The batch request doesn't contain any entries.");
  if (entries.length > 10) throw batchError('TooManyEntriesInBatchRequestException', 'The batch request contains more entries than permissible.');
  const ids = new Set<string>();
  for (const e of entries) {
    if (!/^[A-Za-z0-9_-]{1,80}$/.test(e.Id)) throw batchError('InvalidBatchEntryIdException', "The Id of a batch entry in a batch request doesn't abide by the specification.");
    if (ids.has(e.Id)) throw batchError('BatchEntryIdsNotDistinctException', 'Two or more batch entries in the request have the same Id.');
    ids.add(e.Id);
  }
  let total = 0;
  for (const e of entries) total += Buffer.byteLength(e.Message ?? '');
  if (total > MAX_MESSAGE_BYTES) throw batchError('BatchRequestTooLongException', 'The length of all the messages put together is more than the limit.');
  if (topic.fifo && entries.some((e) => !e.MessageGroupId)) {
    throw invalidParameter('Invalid parameter: The MessageGroupId parameter is required for FIFO topics');
  }
  const Successful: { Id: string; MessageId: string; SequenceNumber?: string }[] = [];
  const Failed: { Id: string; Code: string; Message: string; SenderFault: boolean }[] = [];
  for (const e of entries) {
    try {
      const req = {
        message: e.Message, subject: e.Subject, messageStructure: e.MessageStructure, attributes: readAttributes(e.MessageAttributes),
        groupId: e.MessageGroupId, dedupId: e.MessageDeduplicationId,
      };
      const perProtocol = checkPublish(topic, req);
      const out = publishChecked(ctx.platform, topic, req, perProtocol, ctx.now);
      Successful.push({ Id: e.Id, MessageId: out.MessageId, SequenceNumber: out.SequenceNumber });
    } catch (err) {
      const error = err as AwsError;
      if (!error.code) throw err;
      Failed.push({ Id: e.Id, Code: wireCode(error.code), Message: error.message, SenderFault: error.senderFault });
    }
  }
  return { Successful, Failed };
}

/** The wire code of an error shape (InvalidParameterException → InvalidParameter). */
function wireCode(shape: string): string {
  return shape === 'InvalidParameterValueException' ? 'ParameterValueInvalid' : shape.replace(/Exception$/, '');
}
