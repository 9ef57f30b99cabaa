// SendMessageBatch, DeleteMessageBatch, ChangeMessageVisibilityBatch: AWS's checks on the batch as
// a whole, then each entry succeeds or fails on its own.
import { AwsError } from '../../../protocol/errors';
import type { RequestContext } from '../../types';
import { invalidParameterValue, sqsError } from '../errors';
import { isFifoName } from '../names';
import { requireQueue } from '../resolve';
import { changeVisibility, deleteByHandle, sendOne, type SendMessageInput } from './messages';

interface Entry { Id: string }

const ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;
const BATCH_MAX_BYTES = 1_048_576;

function checkBatch(entries: Entry[] | undefined, entryName: string): Entry[] {
  const list = entries ?? [];
  if (!list.length) throw sqsError('EmptyBatchRequest', `There should be at least one ${entryName} in the request.`);
  if (list.length > 10) throw sqsError('TooManyEntriesInBatchRequest', `Maximum number of entries per request are 10. You have sent ${list.length}.`);
  const seen = new Set<string>();
  for (const e of list) {
    if (typeof e.Id !== 'string' || !ENTRY_ID.test(e.Id)) {
      throw sqsError('InvalidBatchEntryId', 'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.');
    }
    if (seen.has(e.Id)) throw sqsError('BatchEntryIdsNotDistinct', `Id ${e.Id} repeated.`);
    seen.add(e.Id);
  }
  return list;
}

function failure(id: string, err: unknown) {
  if (!(err instanceof AwsError)) throw err;
  return { Id: id, SenderFault: err.senderFault, Code: err.queryCode ?? err.code, Message: err.message };
}

type SendEntry = Entry & Omit<SendMessageInput, 'QueueUrl'>;

export function sendMessageBatch(input: { QueueUrl: string; Entries: SendEntry[] }, ctx: RequestContext) {
  const q = requireQueue(ctx, input.QueueUrl);
  const entries = checkBatch(input.Entries, 'SendMessageBatchRequestEntry') as SendEntry[];
  const max = BATCH_MAX_BYTES; // each entry is also held to the queue's MaximumMessageSize
  let total = 0;
  for (const e of entries) total += Buffer.byteLength(e.MessageBody ?? '') + attributesSize(e.MessageAttributes);
  if (total > max) throw sqsError('BatchRequestTooLong', `Batch requests cannot be longer than ${max} bytes. You have sent ${total} bytes.`);
  if (isFifoName(q.name) && entries.some((e) => !e.MessageGroupId)) throw invalidParameterValue('The request must contain the parameter MessageGroupId.');
  const Successful = [];
  const Failed = [];
  for (const e of entries) {
    try {
      Successful.push({ Id: e.Id, ...sendOne(ctx, q, e) });
    } catch (err) {
      Failed.push(failure(e.Id, err));
    }
  }
  return { Successful, Failed };
}

function attributesSize(attrs: SendEntry['MessageAttributes']): number {
  let n = 0;
  for (const [k, v] of Object.entries(attrs ?? {})) {
    n += Buffer.byteLength(k) + Buffer.byteLength(v?.DataType ?? '') + Buffer.byteLength(v?.StringValue ?? '') + (v?.BinaryValue?.length ?? 0);
  }
  return n;
}

export function deleteMessageBatch(input: { QueueUrl: string; Entries: (Entry & { ReceiptHandle: string })[] }, ctx: RequestContext) {
  const q = requireQueue(ctx, input.QueueUrl);
  const entries = checkBatch(input.Entries, 'DeleteMessageBatchRequestEntry') as (Entry & { ReceiptHandle: string })[];
  const Successful = [];
  const Failed = [];
  for (const e of entries) {
    try {
      deleteByHandle(ctx, q, e.ReceiptHandle);
      Successful.push({ Id: e.Id });
    } catch (err) {
      Failed.push(failure(e.Id, err));
    }
  }
  return { Successful, Failed };
}

type VisibilityEntry = Entry & { ReceiptHandle: string; VisibilityTimeout?: number };

export function changeMessageVisibilityBatch(input: { QueueUrl: string; Entries: VisibilityEntry[] }, ctx: RequestContext) {
  const q = requireQueue(ctx, input.QueueUrl);
  const entries = checkBatch(input.Entries, 'ChangeMessageVisibilityBatchRequestEntry') as VisibilityEntry[];
  const Successful = [];
  const Failed = [];
  for (const e of entries) {
    try {
      changeVisibility(ctx, q, e.ReceiptHandle, e.VisibilityTimeout ?? 0);
      Successful.push({ Id: e.Id });
    } catch (err) {
      Failed.push(failure(e.Id, err));
    }
  }
  return { Successful, Failed };
}
