// Event source mappings from SQS: the poller receives batches, runs the function and deletes what succeeded.
import {
  CreateEventSourceMappingCommand, CreateFunctionCommand, DeleteEventSourceMappingCommand, GetEventSourceMappingCommand, LambdaClient,
  ListEventSourceMappingsCommand, UpdateEventSourceMappingCommand,
} from '@aws-sdk/client-lambda';
import { CreateQueueCommand, GetQueueAttributesCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejects, sdkConfig, startTestKanri, type Kanri } from './harness';
import { zip } from './lambda-zip';

const ROLE = 'arn:aws:iam::000000000000:role/lambda-role';
let kanri: Kanri;
let lambda: LambdaClient;
let sqs: SQSClient;

beforeAll(async () => {
  kanri = await startTestKanri(null, { runLambdas: true });
  lambda = new LambdaClient(sdkConfig(kanri));
  sqs = new SQSClient(sdkConfig(kanri));
});
afterAll(async () => kanri.stop());

async function until(check: () => boolean | Promise<boolean>) {
  for (let i = 0; i < 200 && !(await check()); i++) await new Promise((r) => setTimeout(r, 50));
  expect(await check()).toBe(true);
}

async function queue(name: string) {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
  const arn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
  return { url: QueueUrl!, arn };
}

async function depth(url: string): Promise<number> {
  const a = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }))).Attributes!;
  return Number(a.ApproximateNumberOfMessages) + Number(a.ApproximateNumberOfMessagesNotVisible);
}

describe('SQS event source mappings', () => {
  it('delivers messages in Lambda\'s SQS event format and deletes them after success', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kanri-lambda-sqs-'));
    const q = await queue('work');
    await lambda.send(new CreateFunctionCommand({
      FunctionName: 'worker', Runtime: 'nodejs20.x', Role: ROLE, Handler: 'index.handler', Environment: { Variables: { OUT_DIR: dir } },
      Code: { ZipFile: zip({ 'index.js': `const fs = require('fs'); exports.handler = async (e) => { for (const r of e.Records) fs.writeFileSync(process.env.OUT_DIR + '/' + r.messageId + '.json', JSON.stringify(r)); };` }) },
    }));
    const created = await lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'worker', EventSourceArn: q.arn, BatchSize: 5 }));
    expect(created.State).toBe('Creating');
    expect(created.FunctionArn).toBe('arn:aws:lambda:us-east-1:000000000000:function:worker');
    expect(created.EventSourceMappingArn).toBe(`arn:aws:lambda:us-east-1:000000000000:event-source-mapping:${created.UUID}`);
    expect((await lambda.send(new GetEventSourceMappingCommand({ UUID: created.UUID }))).State).toBe('Enabled');
    await rejects(lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'worker', EventSourceArn: q.arn })), 'ResourceConflictException', 409);
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl: q.url, MessageBody: 'hello', MessageAttributes: { kind: { DataType: 'String', StringValue: 'greeting' } } }));
    await until(() => existsSync(join(dir, `${sent.MessageId}.json`)));
    const record = JSON.parse(readFileSync(join(dir, `${sent.MessageId}.json`), 'utf8'));
    expect(record).toMatchObject({
      messageId: sent.MessageId, body: 'hello', eventSource: 'aws:sqs', eventSourceARN: q.arn, awsRegion: 'us-east-1', md5OfBody: sent.MD5OfMessageBody,
      messageAttributes: { kind: { stringValue: 'greeting', dataType: 'String', stringListValues: [], binaryListValues: [] } },
      attributes: { ApproximateReceiveCount: '1' },
    });
    expect(typeof record.receiptHandle).toBe('string');
    await until(async () => (await depth(q.url)) === 0);
    expect((await lambda.send(new ListEventSourceMappingsCommand({ FunctionName: 'worker' }))).EventSourceMappings?.map((m) => m.UUID)).toEqual([created.UUID]);
    const disabled = await lambda.send(new UpdateEventSourceMappingCommand({ UUID: created.UUID, Enabled: false }));
    expect(disabled.State).toBe('Disabling');
    expect((await lambda.send(new GetEventSourceMappingCommand({ UUID: created.UUID }))).State).toBe('Disabled');
    await sqs.send(new SendMessageCommand({ QueueUrl: q.url, MessageBody: 'waits' }));
    await new Promise((r) => setTimeout(r, 500));
    expect(await depth(q.url)).toBe(1);
    expect(readdirSync(dir).length).toBe(1);
    const deleted = await lambda.send(new DeleteEventSourceMappingCommand({ UUID: created.UUID }));
    expect(deleted.State).toBe('Deleting');
    await rejects(lambda.send(new GetEventSourceMappingCommand({ UUID: created.UUID })), 'ResourceNotFoundException', 404, 'The resource you requested does not exist.');
  });

  it('leaves failed messages on the queue, and deletes only what ReportBatchItemFailures does not name', async () => {
    const q = await queue('partial');
    await lambda.send(new CreateFunctionCommand({
      FunctionName: 'picky', Runtime: 'python3.11', Role: ROLE, Handler: 'app.handler',
      Code: { ZipFile: zip({ 'app.py': 'def handler(event, context):\n    return {"batchItemFailures": [{"itemIdentifier": r["messageId"]} for r in event["Records"] if r["body"] == "bad"]}\n' }) },
    }));
    await sqs.send(new SendMessageCommand({ QueueUrl: q.url, MessageBody: 'bad' }));
    await sqs.send(new SendMessageCommand({ QueueUrl: q.url, MessageBody: 'good' }));
    await lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'picky', EventSourceArn: q.arn, FunctionResponseTypes: ['ReportBatchItemFailures'] }));
    await until(async () => {
      const a = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: q.url, AttributeNames: ['ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessages'] }))).Attributes!;
      return a.ApproximateNumberOfMessagesNotVisible === '1' && a.ApproximateNumberOfMessages === '0';
    });
    await rejects(lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'picky', EventSourceArn: 'arn:aws:sqs:us-east-1:000000000000:nope' })),
      'InvalidParameterValueException', 400);
  });
});
