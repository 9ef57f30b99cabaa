// SQS messages with the SDK v3 (which checks MD5OfBody itself) and boto3: attributes and their
// MD5s, visibility on the clock, receipt handles, delays, long polling, batches and limits.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ChangeMessageVisibilityBatchCommand, ChangeMessageVisibilityCommand, CreateQueueCommand, DeleteMessageBatchCommand, DeleteMessageCommand,
  GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageBatchCommand, SendMessageCommand, SQSClient,
} from '@aws-sdk/client-sqs';
import { advanceClock, boto3, type Kanri, rejects, sdkConfig, startTestKanri } from './harness';

let kanri: Kanri;
let sqs: SQSClient;
const queue = async (QueueName: string, Attributes?: Record<string, string>) => (await sqs.send(new CreateQueueCommand({ QueueName, Attributes }))).QueueUrl!;
const counts = async (QueueUrl: string) => (await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }))).Attributes!;

beforeAll(async () => {
  kanri = await startTestKanri();
  sqs = new SQSClient(sdkConfig(kanri));
});
afterAll(async () => { await kanri.stop(); });

/** AWS's documented attribute digest, written out independently of the server's code. */
function attributeMd5(attrs: Record<string, { DataType: string; StringValue?: string; BinaryValue?: Uint8Array }>): string {
  const h = createHash('md5');
  const lp = (b: Buffer) => { const n = Buffer.alloc(4); n.writeUInt32BE(b.length); h.update(n); h.update(b); };
  for (const name of Object.keys(attrs).sort()) {
    const a = attrs[name];
    lp(Buffer.from(name)); lp(Buffer.from(a.DataType));
    if (a.BinaryValue) { h.update(Buffer.from([2])); lp(Buffer.from(a.BinaryValue)); } else { h.update(Buffer.from([1])); lp(Buffer.from(a.StringValue!)); }
  }
  return h.digest('hex');
}

describe('SQS messages', () => {
  it('sends and receives with attributes, system attributes and AWS\'s MD5s', async () => {
    const QueueUrl = await queue('basic');
    const MessageAttributes = { color: { DataType: 'String', StringValue: 'blue' }, n: { DataType: 'Number', StringValue: '42' }, bin: { DataType: 'Binary', BinaryValue: new Uint8Array([1, 2, 3]) } };
    const trace = { AWSTraceHeader: { DataType: 'String', StringValue: 'Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1' } };
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'héllo', MessageAttributes, MessageSystemAttributes: trace }));
    expect(sent.MD5OfMessageBody).toBe(createHash('md5').update('héllo').digest('hex'));
    expect(sent.MD5OfMessageAttributes).toBe(attributeMd5(MessageAttributes));
    expect(sent.MD5OfMessageSystemAttributes).toBe(attributeMd5(trace));
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['All'] }));
    expect(Messages).toHaveLength(1);
    const m = Messages![0];
    expect(m).toMatchObject({ MessageId: sent.MessageId, Body: 'héllo', MD5OfBody: sent.MD5OfMessageBody, MD5OfMessageAttributes: sent.MD5OfMessageAttributes });
    expect(m.MessageAttributes!.bin.BinaryValue).toEqual(new Uint8Array([1, 2, 3]));
    expect(m.Attributes).toMatchObject({ SenderId: expect.any(String), ApproximateReceiveCount: '1', AWSTraceHeader: trace.AWSTraceHeader.StringValue });
    expect(Number(m.Attributes!.SentTimestamp)).toBeLessThanOrEqual(Number(m.Attributes!.ApproximateFirstReceiveTimestamp));
  });

  it('has boto3 see the same MD5s', async () => {
    const out = await boto3(kanri, `
import boto3, json, os, hashlib
c = boto3.client('sqs', endpoint_url=os.environ['KANRI_URL'])
url = c.create_queue(QueueName='boto')['QueueUrl']
r = c.send_message(QueueUrl=url, MessageBody='abc', MessageAttributes={'k': {'DataType': 'String', 'StringValue': 'v'}})
m = c.receive_message(QueueUrl=url, MessageAttributeNames=['All'])['Messages'][0]
print(json.dumps([r['MD5OfMessageBody'] == hashlib.md5(b'abc').hexdigest(), r['MD5OfMessageAttributes'], m['MD5OfMessageAttributes'], m['Body']]))`);
    expect(out).toEqual([true, attributeMd5({ k: { DataType: 'String', StringValue: 'v' } }), attributeMd5({ k: { DataType: 'String', StringValue: 'v' } }), 'abc']);
  });

  it('hides a received message until its visibility timeout passes on the clock', async () => {
    const QueueUrl = await queue('visibility', { VisibilityTimeout: '60' });
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x' }));
    const first = (await sqs.send(new ReceiveMessageCommand({ QueueUrl }))).Messages![0];
    expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl }))).Messages).toBeUndefined();
    expect(await counts(QueueUrl)).toMatchObject({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '1' });
    await advanceClock(kanri, 'PT61S');
    const second = (await sqs.send(new ReceiveMessageCommand({ QueueUrl, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }))).Messages![0];
    expect(second.MessageId).toBe(first.MessageId);
    expect(second.ReceiptHandle).not.toBe(first.ReceiptHandle);
    expect(second.Attributes!.ApproximateReceiveCount).toBe('2');
    // The old handle no longer deletes it (AWS: the call succeeds, the message stays).
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: first.ReceiptHandle }));
    await rejects(sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: first.ReceiptHandle, VisibilityTimeout: 0 })), 'InvalidParameterValue', 400);
    await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: second.ReceiptHandle, VisibilityTimeout: 0 }));
    const third = (await sqs.send(new ReceiveMessageCommand({ QueueUrl }))).Messages![0];
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: third.ReceiptHandle }));
    await advanceClock(kanri, 'PT2M');
    expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl }))).Messages).toBeUndefined();
    await rejects(sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: 'not-a-handle' })), 'ReceiptHandleIsInvalid', 404);
  });

  it('delays messages per queue and per message', async () => {
    const QueueUrl = await queue('delayed', { DelaySeconds: '30' });
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'queue delay' }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'no delay', DelaySeconds: 0 }));
    expect(await counts(QueueUrl)).toMatchObject({ ApproximateNumberOfMessages: '1', ApproximateNumberOfMessagesDelayed: '1' });
    expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 600 }))).Messages!.map((m) => m.Body)).toEqual(['no delay']);
    await advanceClock(kanri, 'PT31S');
    expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }))).Messages!.map((m) => m.Body)).toEqual(['queue delay']);
  });

  it('long-polls: returns as soon as a message arrives, and empty after WaitTimeSeconds', async () => {
    const QueueUrl = await queue('longpoll');
    const started = Date.now();
    const waiting = sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 10 }));
    await new Promise((r) => setTimeout(r, 300));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'wake up' }));
    const got = await waiting;
    expect(got.Messages![0].Body).toBe('wake up');
    expect(Date.now() - started).toBeLessThan(3000);

    const emptyStart = Date.now();
    const empty = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 1 }));
    expect(empty.Messages).toBeUndefined();
    expect(Date.now() - emptyStart).toBeGreaterThanOrEqual(950);
  });

  it('long-polls by the queue\'s ReceiveMessageWaitTimeSeconds, and wakes when the clock makes a message visible', async () => {
    const QueueUrl = await queue('longpoll-attr', { ReceiveMessageWaitTimeSeconds: '5', DelaySeconds: '120' });
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'later' }));
    const started = Date.now();
    const waiting = sqs.send(new ReceiveMessageCommand({ QueueUrl }));
    await new Promise((r) => setTimeout(r, 200));
    await advanceClock(kanri, 'PT121S');
    expect((await waiting).Messages![0].Body).toBe('later');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('sends, deletes and changes visibility in batches, with per-entry failures', async () => {
    const QueueUrl = await queue('batch');
    const sent = await sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: [
      { Id: 'a', MessageBody: 'one' }, { Id: 'b', MessageBody: 'two', MessageAttributes: { k: { DataType: 'Number', StringValue: 'x' } } }, { Id: 'c', MessageBody: 'three' },
    ] }));
    expect(sent.Successful!.map((e) => e.Id).sort()).toEqual(['a', 'c']);
    expect(sent.Failed).toEqual([expect.objectContaining({ Id: 'b', SenderFault: true, Code: 'InvalidParameterValue' })]);
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
    expect(Messages!.map((m) => m.Body)).toEqual(['one', 'three']);
    const vis = await sqs.send(new ChangeMessageVisibilityBatchCommand({ QueueUrl, Entries: Messages!.map((m, i) => ({ Id: `v${i}`, ReceiptHandle: m.ReceiptHandle!, VisibilityTimeout: 100 })) }));
    expect(vis.Successful).toHaveLength(2);
    const del = await sqs.send(new DeleteMessageBatchCommand({ QueueUrl, Entries: [...Messages!.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle! })), { Id: 'bad', ReceiptHandle: 'junk' }] }));
    expect(del.Successful).toHaveLength(2);
    expect(del.Failed).toEqual([expect.objectContaining({ Id: 'bad', Code: 'ReceiptHandleIsInvalid' })]);
    await rejects(sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: [] })), 'EmptyBatchRequest', 400);
    await rejects(sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: [{ Id: 'x', MessageBody: '1' }, { Id: 'x', MessageBody: '2' }] })), 'BatchEntryIdsNotDistinct', 400);
    await rejects(sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: Array.from({ length: 11 }, (_, i) => ({ Id: `e${i}`, MessageBody: 'x' })) })), 'TooManyEntriesInBatchRequest', 400);
  });

  it('enforces the message size and receive limits', async () => {
    const QueueUrl = await queue('limits', { MaximumMessageSize: '1024' });
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x'.repeat(1024) }));
    await rejects(sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x'.repeat(1025) })), 'InvalidParameterValue', 400,
      'One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes.');
    const big = await queue('limits-default');
    await sqs.send(new SendMessageCommand({ QueueUrl: big, MessageBody: 'x'.repeat(262_145) })); // AWS raised the limit to 1 MiB in 2025
    await rejects(sqs.send(new SendMessageCommand({ QueueUrl: big, MessageBody: 'x'.repeat(1_048_577) })), 'InvalidParameterValue', 400);
    await rejects(sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 11 })), 'InvalidParameterValue', 400);
    await rejects(sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 21 })), 'InvalidParameterValue', 400);
    await rejects(sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'bad \u0001 char' })), 'InvalidMessageContents', 400);
  });

  it('drops messages past the retention period on the clock', async () => {
    const QueueUrl = await queue('retention', { MessageRetentionPeriod: '60' });
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'old' }));
    expect((await counts(QueueUrl)).ApproximateNumberOfMessages).toBe('1');
    await advanceClock(kanri, 'PT61S');
    expect((await counts(QueueUrl)).ApproximateNumberOfMessages).toBe('0');
    expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl }))).Messages).toBeUndefined();
  });

  it('keeps request-named keys such as __proto__ as plain names', async () => {
    const QueueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'proto', tags: JSON.parse('{"__proto__":"t"}') }))).QueueUrl!;
    const MessageAttributes = JSON.parse('{"__proto__":{"DataType":"String","StringValue":"v"}}');
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'p', MessageAttributes }));
    expect(sent.MD5OfMessageAttributes).toBe(attributeMd5(MessageAttributes));
    const [m] = (await sqs.send(new ReceiveMessageCommand({ QueueUrl, MessageAttributeNames: ['All'] }))).Messages!;
    expect(Object.hasOwn(m.MessageAttributes!, '__proto__')).toBe(true);
    expect(m.MD5OfMessageAttributes).toBe(sent.MD5OfMessageAttributes);
  });
});
