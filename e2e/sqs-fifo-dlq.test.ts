// FIFO queues (order per group, in-flight groups blocked, deduplication on the clock) and
// dead-letter queues (maxReceiveCount, source listing, message move tasks).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CancelMessageMoveTaskCommand, CreateQueueCommand, DeleteMessageCommand, GetQueueAttributesCommand, ListDeadLetterSourceQueuesCommand,
  ListMessageMoveTasksCommand, ReceiveMessageCommand, SendMessageBatchCommand, SendMessageCommand, SetQueueAttributesCommand, SQSClient, StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { advanceClock, type Kanri, rejects, sdkConfig, startTestKanri } from './harness';

let kanri: Kanri;
let sqs: SQSClient;
const queue = async (QueueName: string, Attributes?: Record<string, string>) => (await sqs.send(new CreateQueueCommand({ QueueName, Attributes }))).QueueUrl!;
const arnOf = async (QueueUrl: string) => (await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
const bodies = async (QueueUrl: string, extra: Record<string, unknown> = {}) =>
  ((await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, ...extra }))).Messages ?? []).map((m) => m.Body);

beforeAll(async () => {
  kanri = await startTestKanri();
  sqs = new SQSClient(sdkConfig(kanri));
});
afterAll(async () => { await kanri.stop(); });

describe('SQS FIFO queues', () => {
  it('needs .fifo names, FifoQueue and MessageGroupId', async () => {
    await rejects(sqs.send(new CreateQueueCommand({ QueueName: 'plain', Attributes: { FifoQueue: 'true' } })), 'InvalidParameterValue', 400);
    const QueueUrl = await queue('rules.fifo', { FifoQueue: 'true' });
    await rejects(sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x', MessageDeduplicationId: 'd' })), 'MissingParameter', 400);
    await rejects(sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x', MessageGroupId: 'g' })), 'InvalidParameterValue', 400,
      'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
    await rejects(sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: [{ Id: 'a', MessageBody: 'x', MessageDeduplicationId: 'd' }] })), 'InvalidParameterValue', 400,
      'The request must contain the parameter MessageGroupId.');
    await rejects(sqs.send(new CreateQueueCommand({ QueueName: 'std', Attributes: { DeduplicationScope: 'queue' } })), 'InvalidAttributeName', 400,
      'You can specify the DeduplicationScope only when FifoQueue is set to true.');
    await rejects(sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { FifoQueue: 'false' } })), 'InvalidAttributeValue', 400,
      'Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported.');
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }));
    expect(Attributes).toMatchObject({ FifoQueue: 'true', ContentBasedDeduplication: 'false', DeduplicationScope: 'queue', FifoThroughputLimit: 'perQueue' });
  });

  it('keeps order within a group and blocks a group while a message is in flight', async () => {
    const QueueUrl = await queue('order.fifo', { FifoQueue: 'true', ContentBasedDeduplication: 'true' });
    const seqs = [];
    for (const [g, b] of [['a', 'a1'], ['b', 'b1'], ['a', 'a2'], ['b', 'b2'], ['a', 'a3']]) {
      seqs.push((await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: b, MessageGroupId: g }))).SequenceNumber!);
    }
    expect(seqs.every((s) => /^\d{20}$/.test(s))).toBe(true);
    expect([...seqs].sort()).toEqual(seqs);
    const first = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 2, MessageSystemAttributeNames: ['All'] }));
    expect(first.Messages!.map((m) => m.Body)).toEqual(['a1', 'a2']);
    expect(first.Messages![0].Attributes).toMatchObject({ MessageGroupId: 'a', SequenceNumber: seqs[0] });
    expect(await bodies(QueueUrl)).toEqual(['b1', 'b2']); // group a is in flight
    expect(await bodies(QueueUrl)).toEqual([]);
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: first.Messages![0].ReceiptHandle! }));
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: first.Messages![1].ReceiptHandle! }));
    expect(await bodies(QueueUrl)).toEqual(['a3']);
  });

  it('fills a receive from one group first, then the next', async () => {
    const QueueUrl = await queue('fill.fifo', { FifoQueue: 'true', ContentBasedDeduplication: 'true' });
    for (const [g, b] of [['x', 'x1'], ['y', 'y1'], ['x', 'x2'], ['y', 'y2']]) await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: b, MessageGroupId: g }));
    expect(await bodies(QueueUrl, { MaxNumberOfMessages: 3 })).toEqual(['x1', 'x2', 'y1']);
  });

  it('refuses a receipt handle whose visibility ran out', async () => {
    const QueueUrl = await queue('expiry.fifo', { FifoQueue: 'true', ContentBasedDeduplication: 'true', VisibilityTimeout: '5' });
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x', MessageGroupId: 'g' }));
    const [m] = (await sqs.send(new ReceiveMessageCommand({ QueueUrl }))).Messages!;
    await advanceClock(kanri, 'PT6S');
    await rejects(sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle! })), 'InvalidParameterValue', 400,
      `Value ${m.ReceiptHandle} for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.`);
  });

  it('deduplicates within 5 minutes on the clock', async () => {
    const QueueUrl = await queue('dedup.fifo', { FifoQueue: 'true' });
    const one = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x', MessageGroupId: 'g', MessageDeduplicationId: 'd1' }));
    const dup = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'y', MessageGroupId: 'g', MessageDeduplicationId: 'd1' }));
    expect(dup.MessageId).toBe(one.MessageId);
    await advanceClock(kanri, 'PT6M');
    const later = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'z', MessageGroupId: 'g', MessageDeduplicationId: 'd1' }));
    expect(later.MessageId).not.toBe(one.MessageId);
    expect(await bodies(QueueUrl, { VisibilityTimeout: 0 })).toEqual(['x', 'z']);
  });
});

describe('SQS dead-letter queues', () => {
  it('moves a message to the DLQ on the receive past maxReceiveCount, and lists sources', async () => {
    const dlq = await queue('dead');
    const dlqArn = await arnOf(dlq);
    const src = await queue('work', { VisibilityTimeout: '0', RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 2 }) });
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: src, AttributeNames: ['RedrivePolicy'] }));
    expect(JSON.parse(Attributes!.RedrivePolicy!)).toEqual({ deadLetterTargetArn: dlqArn, maxReceiveCount: 2 });
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl: src, MessageBody: 'poison' }));
    expect(await bodies(src)).toEqual(['poison']);
    expect(await bodies(src)).toEqual(['poison']);
    expect(await bodies(src)).toEqual([]); // the third receive moves it
    const moved = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq, MessageSystemAttributeNames: ['All'], VisibilityTimeout: 0 }));
    expect(moved.Messages![0]).toMatchObject({ MessageId: sent.MessageId, Body: 'poison' });
    expect(moved.Messages![0].Attributes!.DeadLetterQueueSourceArn).toBe(await arnOf(src));
    const sources = await sqs.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: dlq }));
    expect(sources.queueUrls).toEqual([src]);
  });

  it('honours the DLQ\'s RedriveAllowPolicy', async () => {
    const dlq = await queue('closed-dlq', { RedriveAllowPolicy: JSON.stringify({ redrivePermission: 'denyAll' }) });
    const src = await queue('closed-src');
    await rejects(sqs.send(new SetQueueAttributesCommand({ QueueUrl: src, Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: await arnOf(dlq), maxReceiveCount: 1 }) } })), 'InvalidParameterValue', 400);
  });

  it('moves messages back with a message move task', async () => {
    const dlq = await queue('redrive-dlq');
    const dlqArn = await arnOf(dlq);
    const src = await queue('redrive-src', { VisibilityTimeout: '0', RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 1 }) });
    for (const b of ['m1', 'm2', 'm3']) await sqs.send(new SendMessageCommand({ QueueUrl: src, MessageBody: b }));
    await bodies(src);
    expect(await bodies(src)).toEqual([]);
    expect((await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq, AttributeNames: ['ApproximateNumberOfMessages'] }))).Attributes).toEqual({ ApproximateNumberOfMessages: '3' });
    await rejects(sqs.send(new StartMessageMoveTaskCommand({ SourceArn: await arnOf(src) })), 'InvalidParameterValue', 400);
    const { TaskHandle } = await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlqArn }));
    expect(TaskHandle).toBeTruthy();
    let task;
    for (let i = 0; i < 50; i++) {
      task = (await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: dlqArn }))).Results![0];
      if (task.Status !== 'RUNNING') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(task).toMatchObject({ Status: 'COMPLETED', ApproximateNumberOfMessagesMoved: 3, ApproximateNumberOfMessagesToMove: 3, SourceArn: dlqArn });
    expect((await bodies(src)).sort()).toEqual(['m1', 'm2', 'm3']);
    await rejects(sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle })), 'ResourceNotFoundException', 404);
  });

  it('cancels a rate-limited move task', async () => {
    const dlq = await queue('slow-dlq');
    const dlqArn = await arnOf(dlq);
    const dest = await queue('slow-dest');
    await queue('slow-src', { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 1 }) });
    for (let i = 0; i < 5; i++) await sqs.send(new SendMessageCommand({ QueueUrl: dlq, MessageBody: `s${i}` }));
    const { TaskHandle } = await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlqArn, DestinationArn: await arnOf(dest), MaxNumberOfMessagesPerSecond: 2 }));
    await new Promise((r) => setTimeout(r, 100));
    const cancelled = await sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle }));
    expect(cancelled.ApproximateNumberOfMessagesMoved).toBe(2);
    const [task] = (await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: dlqArn }))).Results!;
    expect(task).toMatchObject({ Status: 'CANCELLED', ApproximateNumberOfMessagesMoved: 2, DestinationArn: await arnOf(dest) });
    expect(await bodies(dest)).toHaveLength(2);
  });
});
