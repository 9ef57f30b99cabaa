// SQS state is SQLite rows: queues, messages (with their receive state) and FIFO dedup ids survive
// a kill; resource-change events describe queues as AWS Config records them; sendToQueue works
// outside any request.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CreateQueueCommand, DeleteQueueCommand, ReceiveMessageCommand, SendMessageCommand, SetQueueAttributesCommand, SQSClient, TagQueueCommand,
} from '@aws-sdk/client-sqs';
import { sdkConfig, startProcess, startTestKanri, TEST_CREDENTIALS } from './harness';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const client = (url: string) => new SQSClient({ endpoint: url, region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts: 1 });

describe('SQS durability and events', () => {
  it('keeps queues and messages across SIGKILL', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kanri-sqs-'));
    dirs.push(dataDir);
    const first = await startProcess(['--data-dir', dataDir]);
    const sqs = client(first.url);
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'durable' }));
    const sent = [];
    for (let i = 0; i < 5; i++) sent.push((await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: `m${i}`, MessageAttributes: { i: { DataType: 'Number', StringValue: String(i) } } }))).MessageId);
    const fifo = (await sqs.send(new CreateQueueCommand({ QueueName: 'durable.fifo', Attributes: { FifoQueue: 'true' } }))).QueueUrl!;
    const f = await sqs.send(new SendMessageCommand({ QueueUrl: fifo, MessageBody: 'f', MessageGroupId: 'g', MessageDeduplicationId: 'once' }));
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));

    const second = await startProcess(['--data-dir', dataDir]);
    try {
      const again = client(second.url);
      const url = QueueUrl!.replace(first.url, second.url);
      const { Messages } = await again.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'] }));
      expect(Messages!.map((m) => m.MessageId).sort()).toEqual([...sent].sort());
      expect(Messages!.find((m) => m.Body === 'm3')!.MessageAttributes!.i.StringValue).toBe('3');
      const dup = await again.send(new SendMessageCommand({ QueueUrl: fifo.replace(first.url, second.url), MessageBody: 'f', MessageGroupId: 'g', MessageDeduplicationId: 'once' }));
      expect(dup.MessageId).toBe(f.MessageId);
    } finally {
      second.child.kill('SIGTERM');
    }
  });

  it('emits AWS::SQS::Queue changes, and delivers through sendToQueue outside a request', async () => {
    const kanri = await startTestKanri();
    try {
      const events: any[] = [];
      kanri.platform.outbox.subscribe('sqs-e2e', (e) => { if (e.resourceType === 'AWS::SQS::Queue') events.push(e); });
      const sqs = new SQSClient(sdkConfig(kanri));
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'watched' }));
      await sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { VisibilityTimeout: '99' } }));
      await sqs.send(new TagQueueCommand({ QueueUrl, Tags: { team: 'x' } }));

      const api = require('../dist/services/sqs/api') as typeof import('../src/services/sqs/api');
      const arn = 'arn:aws:sqs:us-east-1:000000000000:watched';
      expect(api.findQueueByArn(kanri.platform, arn)).toMatchObject({ name: 'watched', accountId: '000000000000', attributes: { VisibilityTimeout: '99' } });
      const waiting = sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 5 }));
      await new Promise((r) => setTimeout(r, 100));
      const { messageId } = api.sendToQueue(kanri.platform, arn, { body: 'from sns', messageAttributes: { k: { DataType: 'String', StringValue: 'v' } } });
      expect((await waiting).Messages![0]).toMatchObject({ MessageId: messageId, Body: 'from sns' });
      expect(() => api.sendToQueue(kanri.platform, 'arn:aws:sqs:us-east-1:000000000000:none', { body: 'x' })).toThrow(expect.objectContaining({ code: 'QueueDoesNotExist' }));

      await sqs.send(new DeleteQueueCommand({ QueueUrl }));
      await kanri.platform.outbox.drain();
      expect(events.map((e) => [e.before === null, e.after === null])).toEqual([[true, false], [false, false], [false, false], [false, true]]);
      expect(events[0]).toMatchObject({ resourceId: 'https://sqs.us-east-1.amazonaws.com/000000000000/watched', resourceName: 'watched', arn });
      expect(events[1].after).toMatchObject({ QueueArn: arn, VisibilityTimeout: '99' });
      expect(events[2].after.tags).toEqual({ team: 'x' });
    } finally {
      await kanri.stop();
    }
  });
});
