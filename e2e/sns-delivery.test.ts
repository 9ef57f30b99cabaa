// SNS delivery as a subscriber sees it: SQS (envelope and raw), HTTP with the confirmation
// handshake and retries on the clock, email files in the mailbox, filter policies, batches, FIFO.
import { createVerify, X509Certificate } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as S from '@aws-sdk/client-sns';
import * as Q from '@aws-sdk/client-sqs';
import * as B from '@aws-sdk/client-s3';
import { advanceClock, type Kanri, sdkConfig, startTestKanri } from './harness';

let kanri: Kanri;
let sns: S.SNSClient;
let sqs: Q.SQSClient;
const dir = mkdtempSync(join(tmpdir(), 'kanri-sns-e2e-'));
beforeAll(async () => {
  kanri = await startTestKanri(dir);
  sns = new S.SNSClient(sdkConfig(kanri));
  sqs = new Q.SQSClient(sdkConfig(kanri));
});
afterAll(async () => { await kanri.stop(); rmSync(dir, { recursive: true, force: true }); });

const topic = async (Name: string, Attributes?: Record<string, string>) => (await sns.send(new S.CreateTopicCommand({ Name, Attributes }))).TopicArn!;

async function queue(QueueName: string, Attributes?: Record<string, string>) {
  const url = (await sqs.send(new Q.CreateQueueCommand({ QueueName, Attributes }))).QueueUrl!;
  const arn = (await sqs.send(new Q.GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
  return { url, arn };
}

async function subscribeQueue(topicArn: string, queueArn: string, Attributes?: Record<string, string>) {
  return (await sns.send(new S.SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: queueArn, Attributes }))).SubscriptionArn!;
}

/** Receives until `count` messages arrived (or a few empty long polls passed). */
async function receive(url: string, count: number, rounds = 3): Promise<Q.Message[]> {
  const out: Q.Message[] = [];
  for (let empty = 0; out.length < count && empty < rounds;) {
    const got = (await sqs.send(new Q.ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageAttributeNames: ['All'] }))).Messages ?? [];
    if (!got.length) empty++;
    for (const m of got) {
      out.push(m);
      await sqs.send(new Q.DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle }));
    }
  }
  return out;
}

async function rejectsWith(p: Promise<unknown>, name: string) {
  const err = await p.then(() => { throw new Error(`expected ${name}`); }, (e) => e);
  expect(err.name).toBe(name);
}

describe('SQS', () => {
  it('delivers the JSON envelope exactly as AWS lays it out', async () => {
    const t = await topic('to-sqs');
    const q = await queue('from-sns');
    const subArn = await subscribeQueue(t, q.arn);
    const pub = await sns.send(new S.PublishCommand({ TopicArn: t, Message: 'hello world', Subject: 'Greetings',
      MessageAttributes: { store: { DataType: 'String', StringValue: 'example_corp' }, price: { DataType: 'Number', StringValue: '210.75' },
        blob: { DataType: 'Binary', BinaryValue: Buffer.from('bin') } } }));
    const [m] = await receive(q.url, 1);
    expect(m.Body!.startsWith('{\n  "Type" : "Notification",\n  "MessageId" : ')).toBe(true);
    const doc = JSON.parse(m.Body!);
    expect(Object.keys(doc)).toEqual(['Type', 'MessageId', 'TopicArn', 'Subject', 'Message', 'Timestamp', 'SignatureVersion', 'Signature',
      'SigningCertURL', 'UnsubscribeURL', 'MessageAttributes']);
    expect(doc.Type).toBe('Notification');
    expect(doc.MessageId).toBe(pub.MessageId);
    expect(doc.TopicArn).toBe(t);
    expect(doc.Subject).toBe('Greetings');
    expect(doc.Message).toBe('hello world');
    expect(doc.Timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(doc.SignatureVersion).toBe('1');
    expect(Buffer.from(doc.Signature, 'base64')).toHaveLength(256);
    expect(doc.SigningCertURL).toMatch(new RegExp(`^${kanri.url}/.*\\.pem$`));
    expect(doc.UnsubscribeURL).toBe(`${kanri.url}/?Action=Unsubscribe&Version=2010-03-31&SubscriptionArn=${encodeURIComponent(subArn)}`);
    expect(doc.MessageAttributes).toEqual({ store: { Type: 'String', Value: 'example_corp' }, price: { Type: 'Number', Value: '210.75' },
      blob: { Type: 'Binary', Value: Buffer.from('bin').toString('base64') } });
    // Following the UnsubscribeURL ends the subscription, as in AWS.
    expect((await fetch(doc.UnsubscribeURL)).status).toBe(200);
    const subs = (await sns.send(new S.ListSubscriptionsByTopicCommand({ TopicArn: t }))).Subscriptions!;
    expect(subs).toEqual([]);
  });

  it('signs with SHA256 when the topic asks for SignatureVersion 2', async () => {
    const t = await topic('sig-v2', { SignatureVersion: '2' });
    const q = await queue('sig-v2-q');
    await subscribeQueue(t, q.arn);
    await sns.send(new S.PublishCommand({ TopicArn: t, Message: 'signed' }));
    const doc = JSON.parse((await receive(q.url, 1))[0].Body!);
    expect(doc.SignatureVersion).toBe('2');
    expect(await verifies(doc)).toBe(true);
  });

  it('delivers the raw message with its attributes as SQS message attributes', async () => {
    const t = await topic('raw');
    const q = await queue('raw-q');
    await subscribeQueue(t, q.arn, { RawMessageDelivery: 'true' });
    await sns.send(new S.PublishCommand({ TopicArn: t, Message: '{"order": 1}', Subject: 'ignored', MessageAttributes: { kind: { DataType: 'String', StringValue: 'order' } } }));
    const [m] = await receive(q.url, 1);
    expect(m.Body).toBe('{"order": 1}');
    expect(m.MessageAttributes).toEqual({ kind: { DataType: 'String', StringValue: 'order' } });
  });

  it('picks the sqs entry of a MessageStructure=json message', async () => {
    const t = await topic('structured');
    const q = await queue('structured-q');
    await subscribeQueue(t, q.arn, { RawMessageDelivery: 'true' });
    await sns.send(new S.PublishCommand({ TopicArn: t, MessageStructure: 'json', Message: JSON.stringify({ default: 'dflt', sqs: 'for queues' }) }));
    expect((await receive(q.url, 1)).map((m) => m.Body)).toEqual(['for queues']);
  });

  it('drops what a filter policy on attributes rejects', async () => {
    const t = await topic('filtered');
    const q = await queue('filtered-q');
    await subscribeQueue(t, q.arn, { RawMessageDelivery: 'true', FilterPolicy: JSON.stringify({ color: ['red', { prefix: 'gre' }], price: [{ numeric: ['<', 100] }] }) });
    const send = (Message: string, color: string, price: string) => sns.send(new S.PublishCommand({ TopicArn: t, Message,
      MessageAttributes: { color: { DataType: 'String', StringValue: color }, price: { DataType: 'Number', StringValue: price } } }));
    await send('red-cheap', 'red', '5');
    await send('blue-cheap', 'blue', '5');
    await send('green-cheap', 'green', '99');
    await send('red-dear', 'red', '500');
    await sns.send(new S.PublishCommand({ TopicArn: t, Message: 'no-attributes' }));
    expect((await receive(q.url, 2)).map((m) => m.Body).sort()).toEqual(['green-cheap', 'red-cheap']);
  });

  it('filters on the message body with nested keys', async () => {
    const t = await topic('body-filtered');
    const q = await queue('body-filtered-q');
    await subscribeQueue(t, q.arn, { RawMessageDelivery: 'true', FilterPolicyScope: 'MessageBody',
      FilterPolicy: JSON.stringify({ detail: { state: ['running'], size: [{ exists: false }] } }) });
    for (const body of [{ detail: { state: 'running' } }, { detail: { state: 'stopped' } }, { detail: { state: 'running', size: 3 } }, 'not json']) {
      await sns.send(new S.PublishCommand({ TopicArn: t, Message: typeof body === 'string' ? body : JSON.stringify(body) }));
    }
    expect((await receive(q.url, 1)).map((m) => m.Body)).toEqual(['{"detail":{"state":"running"}}']);
  });

  it('delivers every entry of a PublishBatch', async () => {
    const t = await topic('batched');
    const q = await queue('batched-q');
    await subscribeQueue(t, q.arn, { RawMessageDelivery: 'true' });
    const out = await sns.send(new S.PublishBatchCommand({ TopicArn: t,
      PublishBatchRequestEntries: Array.from({ length: 10 }, (_, i) => ({ Id: `m${i}`, Message: `message ${i}` })) }));
    expect(out.Successful).toHaveLength(10);
    expect(out.Failed ?? []).toEqual([]);
    expect((await receive(q.url, 10)).map((m) => m.Body).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `message ${i}`).sort());
  });

  it('keeps FIFO order from a FIFO topic to a FIFO queue and drops duplicates', async () => {
    const t = await topic('ordered.fifo', { FifoTopic: 'true' });
    const q = await queue('ordered.fifo', { FifoQueue: 'true' });
    await subscribeQueue(t, q.arn);
    const seqs: string[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await sns.send(new S.PublishCommand({ TopicArn: t, Message: `m${i}`, MessageGroupId: 'g', MessageDeduplicationId: `d${i}` }));
      seqs.push(r.SequenceNumber!);
    }
    const dup = await sns.send(new S.PublishCommand({ TopicArn: t, Message: 'm0 again', MessageGroupId: 'g', MessageDeduplicationId: 'd0' }));
    expect(seqs.map(BigInt)).toEqual([...seqs.map(BigInt)].sort((a, b) => (a < b ? -1 : 1)));
    expect(dup.SequenceNumber).toBe(seqs[0]);
    const got = await receive(q.url, 6);
    const docs = got.map((m) => JSON.parse(m.Body!));
    expect(docs.map((d) => d.Message)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5']);
    expect(docs.map((d) => d.SequenceNumber)).toEqual(seqs);
    expect(got[0].Attributes?.MessageGroupId ?? 'g').toBe('g');
  });

  it("asks another account's queue to confirm, and delivers once it does", async () => {
    const t = await topic('cross-account');
    const theirs = new Q.SQSClient(sdkConfig(kanri, 'us-east-1', { accessKeyId: '222222222222', secretAccessKey: 'x' }));
    const url = (await theirs.send(new Q.CreateQueueCommand({ QueueName: 'theirs' }))).QueueUrl!;
    const arn = 'arn:aws:sqs:us-east-1:222222222222:theirs';
    expect((await sns.send(new S.SubscribeCommand({ TopicArn: t, Protocol: 'sqs', Endpoint: arn }))).SubscriptionArn).toBe('pending confirmation');
    const got = (await theirs.send(new Q.ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 2 }))).Messages!;
    const doc = JSON.parse(got[0].Body!);
    expect(doc).toMatchObject({ Type: 'SubscriptionConfirmation', TopicArn: t, SubscribeURL: expect.stringContaining('Action=ConfirmSubscription') });
    await theirs.send(new Q.DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: got[0].ReceiptHandle }));
    await sns.send(new S.PublishCommand({ TopicArn: t, Message: 'before confirming' }));
    expect((await fetch(doc.SubscribeURL)).status).toBe(200);
    await sns.send(new S.PublishCommand({ TopicArn: t, Message: 'after confirming' }));
    const next = (await theirs.send(new Q.ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 2, MaxNumberOfMessages: 10 }))).Messages!;
    expect(next.map((m) => JSON.parse(m.Body!).Message)).toEqual(['after confirming']);
  });

  it('sends a notification that cannot be delivered to the dead-letter queue', async () => {
    const t = await topic('redrive');
    const dlq = await queue('redrive-dlq');
    await subscribeQueue(t, 'arn:aws:sqs:us-east-1:000000000000:never-created', { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn }) });
    await sns.send(new S.PublishCommand({ TopicArn: t, Message: 'lost?' }));
    const [m] = await receive(dlq.url, 1);
    expect(JSON.parse(m.Body!).Message).toBe('lost?');
  });
});

describe('other services and SMS', () => {
  it('publishes for other services through api.ts', async () => {
    const api = require('../dist/services/sns/api') as typeof import('../src/services/sns/api');
    const t = await topic('from-events');
    const q = await queue('from-events-q');
    await subscribeQueue(t, q.arn, { RawMessageDelivery: 'true', FilterPolicy: '{"source": ["aws.events"]}' });
    const out = api.publishToTopic(kanri.platform, t, { message: '{"detail-type": "x"}', subject: 'Rule',
      messageAttributes: { source: { DataType: 'String', StringValue: 'aws.events' } } });
    expect(out.messageId).toMatch(/^[0-9a-f-]{36}$/);
    const [m] = await receive(q.url, 1);
    expect([m.Body, m.MessageAttributes?.source?.StringValue]).toEqual(['{"detail-type": "x"}', 'aws.events']);
    expect(() => api.publishToTopic(kanri.platform, `${t}-missing`, { message: 'x' })).toThrow('Topic does not exist');
  });

  it('carries S3 event notifications from a bucket to subscribers', async () => {
    const t = await topic('bucket-events');
    const q = await queue('bucket-events-q');
    await subscribeQueue(t, q.arn);
    const s3 = new B.S3Client({ ...sdkConfig(kanri), forcePathStyle: true });
    await s3.send(new B.CreateBucketCommand({ Bucket: 'notifying' }));
    await rejectsWith(s3.send(new B.PutBucketNotificationConfigurationCommand({ Bucket: 'notifying', NotificationConfiguration: {
      TopicConfigurations: [{ TopicArn: `${t}-missing`, Events: ['s3:ObjectCreated:*'] }] } })), 'InvalidArgument');
    await s3.send(new B.PutBucketNotificationConfigurationCommand({ Bucket: 'notifying', NotificationConfiguration: {
      TopicConfigurations: [{ TopicArn: t, Events: ['s3:ObjectCreated:*'] }] } }));
    await s3.send(new B.PutObjectCommand({ Bucket: 'notifying', Key: 'hello.txt', Body: 'hi' }));
    const docs = (await receive(q.url, 2)).map((m) => JSON.parse(m.Body!));
    expect(docs.every((d) => d.Subject === 'Amazon S3 Notification' && d.TopicArn === t)).toBe(true);
    const events = docs.map((d) => JSON.parse(d.Message));
    expect(events.some((e) => e.Event === 's3:TestEvent')).toBe(true);
    expect(events.find((e) => e.Records)?.Records[0]).toMatchObject({ eventName: 'ObjectCreated:Put', s3: { object: { key: 'hello.txt' } } });
  });

  it('writes an SMS to a number into the SMS folder', async () => {
    const out = await sns.send(new S.PublishCommand({ PhoneNumber: '+15555550100', Message: 'your code is 1234' }));
    const box = join(dir, 'sns', 'sms', '15555550100');
    for (let i = 0; i < 50 && !(() => { try { return readdirSync(box).length; } catch { return 0; } })(); i++) await new Promise((r) => setTimeout(r, 20));
    const [file] = readdirSync(box);
    expect(file).toContain(out.MessageId);
    expect(readFileSync(join(box, file), 'utf8')).toBe('your code is 1234');
  });
});

describe('Lambda', () => {
  it('records a delivery it cannot make as failed, never as done', async () => {
    const t = await topic('to-lambda');
    const fn = 'arn:aws:lambda:us-east-1:000000000000:function:absent';
    const subArn = (await sns.send(new S.SubscribeCommand({ TopicArn: t, Protocol: 'lambda', Endpoint: fn }))).SubscriptionArn!;
    await sns.send(new S.PublishCommand({ TopicArn: t, Message: 'to a function' }));
    const row = async () => kanri.platform.storage.stmt('SELECT status, last_error FROM sns_deliveries WHERE subscription_arn = ?').get(subArn) as
      { status: string; last_error: string } | undefined;
    for (let i = 0; i < 50 && (await row())?.status !== 'failed'; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await row()).toMatchObject({ status: 'failed', last_error: expect.stringMatching(/Lambda is not available|not allowed|not found|does not exist/i) });
  });
});

/** Checks a document's signature with the certificate at its SigningCertURL, as a subscriber checks AWS's. */
async function verifies(doc: Record<string, string>): Promise<boolean> {
  const { stringToSign } = require('../dist/services/sns/delivery/envelope');
  const res = await fetch(doc.SigningCertURL);
  expect(res.status).toBe(200);
  const cert = new X509Certificate(await res.text());
  return createVerify(doc.SignatureVersion === '2' ? 'RSA-SHA256' : 'RSA-SHA1').update(stringToSign(doc)).verify(cert.publicKey, doc.Signature, 'base64');
}

interface Received { headers: IncomingHttpHeaders; body: string }

function hookServer(answer: (n: number) => number): Promise<{ server: Server; url: string; got: Received[]; next: () => Promise<Received> }> {
  const got: Received[] = [];
  const waiting: ((r: Received) => void)[] = [];
  let seen = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const r = { headers: req.headers, body };
      got.push(r);
      res.writeHead(answer(got.length)).end();
      waiting.shift()?.(r);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    server, got, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    next: () => (got.length > seen ? Promise.resolve(got[seen++]) : new Promise((r) => waiting.push((x) => { seen++; r(x); }))),
  })));
}

describe('HTTP', () => {
  it('confirms through the SubscribeURL, then posts notifications with AWS headers', async () => {
    const hook = await hookServer(() => 200);
    const t = await topic('to-http');
    const sub = await sns.send(new S.SubscribeCommand({ TopicArn: t, Protocol: 'http', Endpoint: hook.url }));
    expect(sub.SubscriptionArn).toBe('pending confirmation');
    const confirmation = await hook.next();
    expect(confirmation.headers).toMatchObject({ 'x-amz-sns-message-type': 'SubscriptionConfirmation', 'x-amz-sns-topic-arn': t,
      'content-type': 'text/plain; charset=UTF-8', 'user-agent': 'Amazon Simple Notification Service Agent' });
    const c = JSON.parse(confirmation.body);
    expect(Object.keys(c)).toEqual(['Type', 'MessageId', 'Token', 'TopicArn', 'Message', 'SubscribeURL', 'Timestamp', 'SignatureVersion', 'Signature', 'SigningCertURL']);
    expect(c.Message).toBe(`You have chosen to subscribe to the topic ${t}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`);
    const confirmed = await fetch(c.SubscribeURL);
    expect(confirmed.status).toBe(200);
    const subArn = /<SubscriptionArn>([^<]+)<\/SubscriptionArn>/.exec(await confirmed.text())![1];
    expect(subArn).toMatch(new RegExp(`^${t}:`));
    expect((await sns.send(new S.GetTopicAttributesCommand({ TopicArn: t }))).Attributes).toMatchObject({ SubscriptionsConfirmed: '1', SubscriptionsPending: '0' });

    const pub = await sns.send(new S.PublishCommand({ TopicArn: t, Message: 'over http', Subject: 'Hi' }));
    const n = await hook.next();
    expect(n.headers).toMatchObject({ 'x-amz-sns-message-type': 'Notification', 'x-amz-sns-message-id': pub.MessageId, 'x-amz-sns-topic-arn': t,
      'x-amz-sns-subscription-arn': subArn });
    const doc = JSON.parse(n.body);
    expect(doc).toMatchObject({ Type: 'Notification', MessageId: pub.MessageId, TopicArn: t, Subject: 'Hi', Message: 'over http', SignatureVersion: '1' });
    expect(doc.Signature).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(await verifies(doc)).toBe(true);
    expect(await verifies({ ...doc, Message: 'tampered' })).toBe(false);
    expect(await verifies(c)).toBe(true);
    expect(doc.SigningCertURL).toBeTruthy();
    expect(doc.UnsubscribeURL).toContain('Action=Unsubscribe');
    hook.server.close();
  });

  it('lets no slow endpoint hold up other deliveries', async () => {
    const hanging = createServer(() => { /* never answers */ });
    await new Promise<void>((r) => hanging.listen(0, '127.0.0.1', () => r()));
    const t = await topic('slow-and-fast');
    await sns.send(new S.SubscribeCommand({ TopicArn: t, Protocol: 'http', Endpoint: `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/` }));
    const q = await queue('fast-q');
    await subscribeQueue(t, q.arn, { RawMessageDelivery: 'true' });
    const started = Date.now();
    await sns.send(new S.PublishCommand({ TopicArn: t, Message: 'quick' }));
    expect((await receive(q.url, 1)).map((m) => m.Body)).toEqual(['quick']);
    expect(Date.now() - started).toBeLessThan(5000);
    hanging.closeAllConnections();
    hanging.close();
  });

  it('retries a failing endpoint on the clock, per the delivery policy', async () => {
    const hook = await hookServer((n) => (n <= 2 ? 500 : 200)); // the confirmation is accepted... after one retry
    const t = await topic('retrying');
    await sns.send(new S.SubscribeCommand({ TopicArn: t, Protocol: 'http', Endpoint: hook.url, Attributes: {
      DeliveryPolicy: JSON.stringify({ healthyRetryPolicy: { minDelayTarget: 30, maxDelayTarget: 30, numRetries: 3 },
        requestPolicy: { headerContentType: 'application/json; charset=UTF-8' } }) } }));
    const first = await hook.next();
    expect(first.headers['x-amz-sns-message-type']).toBe('SubscriptionConfirmation');
    expect(first.headers['content-type']).toBe('application/json; charset=UTF-8');
    await advanceClock(kanri, 'PT31S');
    const second = await hook.next();
    expect(JSON.parse(second.body).Token).toBe(JSON.parse(first.body).Token);
    await advanceClock(kanri, 'PT31S');
    const third = await hook.next();
    expect(third.headers['x-amz-sns-message-type']).toBe('SubscriptionConfirmation');
    expect(hook.got).toHaveLength(3);
    await advanceClock(kanri, 'PT5M');
    expect(hook.got).toHaveLength(3); // delivered; nothing more
    hook.server.close();
  });
});

describe('email', () => {
  it('writes the confirmation and the notifications to the mailbox folder', async () => {
    const t = await topic('to-email');
    await sns.send(new S.SubscribeCommand({ TopicArn: t, Protocol: 'email', Endpoint: 'ops@example.com' }));
    const box = join(dir, 'sns', 'mailbox', 'ops@example.com');
    const files = async (n: number) => {
      for (let i = 0; i < 50; i++) {
        const list = (() => { try { return readdirSync(box).sort(); } catch { return []; } })();
        if (list.length >= n) return list.map((f) => readFileSync(join(box, f), 'utf8'));
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`no ${n} mails in ${box}`);
    };
    const [confirmation] = await files(1);
    expect(confirmation).toContain('Subject: AWS Notification - Subscription Confirmation');
    expect(confirmation).toContain('To: ops@example.com');
    const link = /Confirm subscription: (\S+)/.exec(confirmation)![1];
    expect((await fetch(link)).status).toBe(200);
    await sns.send(new S.PublishCommand({ TopicArn: t, Message: 'disk is full', Subject: 'Alarm' }));
    const mails = await files(2);
    const mail = mails.find((m) => m.includes('Subject: Alarm'))!;
    expect(mail).toContain('disk is full');
    expect(mail).toContain('Action=Unsubscribe');
  });

  it('writes the JSON document for email-json', async () => {
    const t = await topic('to-email-json');
    const sub = await sns.send(new S.SubscribeCommand({ TopicArn: t, Protocol: 'email-json', Endpoint: 'json@example.com', ReturnSubscriptionArn: true }));
    const box = join(dir, 'sns', 'mailbox', 'json@example.com');
    for (let i = 0; i < 50 && !(() => { try { return readdirSync(box).length; } catch { return 0; } })(); i++) await new Promise((r) => setTimeout(r, 20));
    const mail = readFileSync(join(box, readdirSync(box)[0]), 'utf8');
    const doc = JSON.parse(mail.slice(mail.indexOf('\r\n\r\n') + 4));
    expect(doc).toMatchObject({ Type: 'SubscriptionConfirmation', TopicArn: t });
    await sns.send(new S.ConfirmSubscriptionCommand({ TopicArn: t, Token: doc.Token }));
    const a = (await sns.send(new S.GetSubscriptionAttributesCommand({ SubscriptionArn: sub.SubscriptionArn }))).Attributes!;
    expect(a.PendingConfirmation).toBe('false');
  });
});

describe('durability', () => {
  it('delivers what was acknowledged before a restart', async () => {
    const data = mkdtempSync(join(tmpdir(), 'kanri-sns-restart-'));
    const hook = await hookServer(() => 503);
    const port = Number(new URL(hook.url).port);
    let k = await startTestKanri(data);
    const client = new S.SNSClient(sdkConfig(k));
    const t = (await client.send(new S.CreateTopicCommand({ Name: 'durable' }))).TopicArn!;
    await client.send(new S.SubscribeCommand({ TopicArn: t, Protocol: 'http', Endpoint: hook.url }));
    const first = await hook.next(); // the confirmation, refused
    await k.stop();
    await new Promise<void>((r) => hook.server.close(() => r()));
    // Same port, now healthy; a new kanri on the same data folder retries when the retry comes due.
    const got: string[] = [];
    const server = createServer((req, res) => { let b = ''; req.on('data', (d) => (b += d)); req.on('end', () => { got.push(b); res.end(); }); });
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
    k = await startTestKanri(data); // SNS resumes its queue shortly after start, with no request
    await new Promise((r) => setTimeout(r, 700));
    for (let i = 0; i < 100 && !got.length; i++) {
      await advanceClock(k, 'PT1S');
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(JSON.parse(got[0]).Token).toBe(JSON.parse(first.body).Token);
    await k.stop();
    server.close();
    rmSync(data, { recursive: true, force: true });
  });
});
