// Notifications that really arrive, across services (issue 4's acceptance): one SNS publish reaches
// an SQS queue, a local HTTP endpoint (after the confirmation handshake) and a Lambda function, each
// in AWS's format; a filter policy drops what it should; S3 events travel S3 -> SNS -> SQS and
// S3 -> EventBridge -> SQS.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as L from '@aws-sdk/client-lambda';
import * as N from '@aws-sdk/client-sns';
import * as Q from '@aws-sdk/client-sqs';
import * as S from '@aws-sdk/client-s3';
import * as E from '@aws-sdk/client-eventbridge';
import { sdkConfig, startTestKanri, type Kanri } from './harness';
import { zip } from './lambda-zip';

let kanri: Kanri;
let work: string;
let sns: N.SNSClient;
let sqs: Q.SQSClient;
let lambda: L.LambdaClient;
let http: Server;
let httpUrl: string;
const posts: { headers: IncomingHttpHeaders; body: any }[] = [];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'kanri-fanout-'));
  kanri = await startTestKanri(join(work, 'data'), { runLambdas: true });
  sns = new N.SNSClient(sdkConfig(kanri));
  sqs = new Q.SQSClient(sdkConfig(kanri));
  lambda = new L.LambdaClient(sdkConfig(kanri));
  // The endpoint confirms its subscription by fetching SubscribeURL, as a real one does.
  http = createServer((req, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', async () => {
      const body = JSON.parse(text);
      posts.push({ headers: req.headers, body });
      if (body.Type === 'SubscriptionConfirmation') await fetch(body.SubscribeURL);
      res.end('ok');
    });
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  httpUrl = `http://127.0.0.1:${(http.address() as { port: number }).port}/hook`;
});
afterAll(async () => {
  await kanri.stop();
  http.close();
  rmSync(work, { recursive: true, force: true });
});

async function until<T>(what: string, fn: () => Promise<T | undefined> | T | undefined, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function queueWithArn(name: string): Promise<{ url: string; arn: string }> {
  const { QueueUrl } = await sqs.send(new Q.CreateQueueCommand({ QueueName: name }));
  const { Attributes } = await sqs.send(new Q.GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  return { url: QueueUrl!, arn: Attributes!.QueueArn! };
}

async function receiveAll(url: string, wait = 1): Promise<any[]> {
  const got = await sqs.send(new Q.ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: wait, MessageAttributeNames: ['All'] }));
  for (const m of got.Messages ?? []) await sqs.send(new Q.DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle! }));
  return (got.Messages ?? []).map((m) => JSON.parse(m.Body!));
}

describe('one publish, three kinds of subscriber', () => {
  it('reaches SQS, HTTP and Lambda in AWS formats, and a filter policy drops what it should', async () => {
    const { TopicArn } = await sns.send(new N.CreateTopicCommand({ Name: 'orders' }));
    const queue = await queueWithArn('orders-queue');
    const lambdaOut = join(work, 'lambda-events.jsonl');
    const fn = await lambda.send(new L.CreateFunctionCommand({
      FunctionName: 'on-order', Runtime: 'nodejs20.x', Role: 'arn:aws:iam::000000000000:role/on-order', Handler: 'index.handler',
      Environment: { Variables: { OUT: lambdaOut } },
      Code: { ZipFile: zip({ 'index.js': "const fs = require('fs'); exports.handler = async (e) => { fs.appendFileSync(process.env.OUT, JSON.stringify(e) + '\\n'); };" }) },
    }));
    await lambda.send(new L.AddPermissionCommand({ FunctionName: 'on-order', StatementId: 'sns', Action: 'lambda:InvokeFunction', Principal: 'sns.amazonaws.com', SourceArn: TopicArn }));

    const sqsSub = await sns.send(new N.SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: queue.arn, ReturnSubscriptionArn: true }));
    await sns.send(new N.SetSubscriptionAttributesCommand({ SubscriptionArn: sqsSub.SubscriptionArn, AttributeName: 'FilterPolicy',
      AttributeValue: JSON.stringify({ size: [{ numeric: ['>=', 10] }] }) }));
    await sns.send(new N.SubscribeCommand({ TopicArn, Protocol: 'lambda', Endpoint: fn.FunctionArn }));
    const httpSub = await sns.send(new N.SubscribeCommand({ TopicArn, Protocol: 'http', Endpoint: httpUrl }));
    expect(httpSub.SubscriptionArn).toBe('pending confirmation');
    await until('the HTTP subscription to be confirmed', async () => {
      const subs = await sns.send(new N.ListSubscriptionsByTopicCommand({ TopicArn }));
      return subs.Subscriptions!.find((s) => s.Protocol === 'http' && s.SubscriptionArn !== 'PendingConfirmation') ?? undefined;
    });
    expect(posts[0].headers['x-amz-sns-message-type']).toBe('SubscriptionConfirmation');

    const attrs = { size: { DataType: 'Number', StringValue: '12' } };
    const big = await sns.send(new N.PublishCommand({ TopicArn, Subject: 'new order', Message: '{"id":1}', MessageAttributes: attrs }));
    await sns.send(new N.PublishCommand({ TopicArn, Message: '{"id":2}', MessageAttributes: { size: { DataType: 'Number', StringValue: '3' } } }));

    // SQS: only the order that passes the filter, in the JSON envelope.
    const [envelope] = await until('the SQS delivery', async () => { const m = await receiveAll(queue.url); return m.length ? m : undefined; });
    expect(envelope).toMatchObject({
      Type: 'Notification', MessageId: big.MessageId, TopicArn, Subject: 'new order', Message: '{"id":1}', SignatureVersion: '1',
      Signature: expect.any(String), SigningCertURL: expect.stringMatching(/^https?:\/\//), UnsubscribeURL: expect.stringContaining('Action=Unsubscribe'),
      MessageAttributes: { size: { Type: 'Number', Value: '12' } },
    });
    expect(new Date(envelope.Timestamp).toISOString()).toBe(envelope.Timestamp);
    expect(await receiveAll(queue.url)).toEqual([]); // the small order was filtered out

    // HTTP: both orders, each a signed Notification POST with SNS's headers.
    const notes = await until('two HTTP notifications', () => {
      const n = posts.filter((p) => p.body.Type === 'Notification');
      return n.length >= 2 ? n : undefined;
    });
    const first = notes.find((p) => p.body.MessageId === big.MessageId)!;
    expect(first.headers).toMatchObject({ 'x-amz-sns-message-type': 'Notification', 'x-amz-sns-message-id': big.MessageId, 'x-amz-sns-topic-arn': TopicArn });
    expect(first.body).toMatchObject({ Type: 'Notification', Message: '{"id":1}', Subject: 'new order', Signature: expect.any(String) });

    // Lambda: both orders, as the SNS event Lambda receives.
    const events = await until('two Lambda invocations', () => {
      if (!existsSync(lambdaOut)) return undefined;
      const lines = readFileSync(lambdaOut, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      return lines.length >= 2 ? lines : undefined;
    });
    const record = events.map((e) => e.Records[0]).find((r) => r.Sns.MessageId === big.MessageId);
    expect(record).toMatchObject({
      EventSource: 'aws:sns', EventVersion: '1.0', EventSubscriptionArn: expect.stringContaining(`${TopicArn}:`),
      Sns: { Type: 'Notification', TopicArn, Subject: 'new order', Message: '{"id":1}', MessageAttributes: { size: { Type: 'Number', Value: '12' } } },
    });
  });
});

describe('S3 events through SNS and EventBridge', () => {
  it('S3 -> SNS -> SQS, and S3 -> EventBridge rule -> SQS', async () => {
    const s3 = new S.S3Client({ ...sdkConfig(kanri), forcePathStyle: true });
    const events = new E.EventBridgeClient(sdkConfig(kanri));
    const { TopicArn } = await sns.send(new N.CreateTopicCommand({ Name: 'uploads' }));
    const viaTopic = await queueWithArn('uploads-via-topic');
    await sns.send(new N.SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: viaTopic.arn, Attributes: { RawMessageDelivery: 'true' } }));
    const viaRule = await queueWithArn('uploads-via-rule');
    await events.send(new E.PutRuleCommand({ Name: 's3-uploads', EventPattern: JSON.stringify({ source: ['aws.s3'], 'detail-type': ['Object Created'],
      detail: { bucket: { name: ['kanri-fanout'] }, object: { key: [{ prefix: 'in/' }] } } }) }));
    await events.send(new E.PutTargetsCommand({ Rule: 's3-uploads', Targets: [{ Id: 'q', Arn: viaRule.arn }] }));

    await s3.send(new S.CreateBucketCommand({ Bucket: 'kanri-fanout' }));
    await s3.send(new S.PutBucketNotificationConfigurationCommand({ Bucket: 'kanri-fanout', NotificationConfiguration: {
      TopicConfigurations: [{ Id: 'to-topic', TopicArn, Events: ['s3:ObjectCreated:*'] }], EventBridgeConfiguration: {} } }));
    await s3.send(new S.PutObjectCommand({ Bucket: 'kanri-fanout', Key: 'in/report.csv', Body: 'a,b' }));

    const fromTopic = await until('the S3 event via SNS', async () => {
      const m = (await receiveAll(viaTopic.url)).filter((b) => b.Records);
      return m.length ? m : undefined;
    });
    expect(fromTopic[0].Records[0]).toMatchObject({ eventSource: 'aws:s3', eventName: 'ObjectCreated:Put', s3: { configurationId: 'to-topic', object: { key: 'in/report.csv', size: 3 } } });
    const [fromRule] = await until('the S3 event via EventBridge', async () => { const m = await receiveAll(viaRule.url); return m.length ? m : undefined; });
    expect(fromRule).toMatchObject({ source: 'aws.s3', 'detail-type': 'Object Created', account: '000000000000', region: 'us-east-1',
      resources: ['arn:aws:s3:::kanri-fanout'], detail: { bucket: { name: 'kanri-fanout' }, object: { key: 'in/report.csv', size: 3 }, reason: 'PutObject' } });
  });
});
