// EventBridge across a kill: a scheduled rule fires each due time once (never again after a
// restart), deliveries queued by PutEvents survive; resource-change events for buses and rules;
// the putEvent api for other services; SNS targets; Lambda targets fail honestly without Lambda.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CreateEventBusCommand, DeleteEventBusCommand, DeleteRuleCommand, EventBridgeClient, PutEventsCommand, PutRuleCommand, PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { advanceClock, sdkConfig, startProcess, startTestKanri, TEST_CREDENTIALS } from './harness';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const opts = (url: string) => ({ endpoint: url, region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts: 1 });
const QUEUE_ARN = 'arn:aws:sqs:us-east-1:000000000000:ticks';

async function drainQueue(sqs: SQSClient, url: string, tries = 3): Promise<any[]> {
  const got: any[] = [];
  for (let i = 0; i < tries; i++) {
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
    for (const m of Messages ?? []) {
      got.push(JSON.parse(m.Body!));
      await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle }));
    }
  }
  return got;
}

describe('EventBridge durability', () => {
  it('fires each due time once, and resumes after a kill without repeating', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kanri-events-'));
    dirs.push(dataDir);
    const first = await startProcess(['--data-dir', dataDir]);
    const eb = new EventBridgeClient(opts(first.url));
    let sqs = new SQSClient(opts(first.url));
    let queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'ticks' }))).QueueUrl!;
    await eb.send(new PutRuleCommand({ Name: 'hourly', ScheduleExpression: 'rate(1 hour)' }));
    await eb.send(new PutTargetsCommand({ Rule: 'hourly', Targets: [{ Id: 'q', Arn: QUEUE_ARN, Input: '{"tick":true}' }] }));
    await advanceClock(first, 'PT2H30M');
    expect(await drainQueue(sqs, queueUrl)).toEqual([{ tick: true }, { tick: true }]);
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));

    const second = await startProcess(['--data-dir', dataDir]);
    try {
      sqs = new SQSClient(opts(second.url));
      queueUrl = queueUrl.replace(first.url, second.url);
      await new Promise((r) => setTimeout(r, 800)); // EventBridge resumes its schedules shortly after start
      expect(await drainQueue(sqs, queueUrl, 2)).toEqual([]);
      await advanceClock(second, 'PT1H');
      expect(await drainQueue(sqs, queueUrl)).toEqual([{ tick: true }]);
    } finally {
      second.child.kill('SIGTERM');
    }
  });
});

describe('EventBridge and the platform', () => {
  it('emits bus and rule changes, takes events from other services, and delivers to SNS', async () => {
    const kanri = await startTestKanri();
    try {
      const changes: any[] = [];
      kanri.platform.outbox.subscribe('events-e2e', (e) => { if (e.resourceType.startsWith('AWS::Events::')) changes.push(e); });
      const eb = new EventBridgeClient(sdkConfig(kanri));
      const sqs = new SQSClient(sdkConfig(kanri));
      const sns = new SNSClient(sdkConfig(kanri));
      await eb.send(new CreateEventBusCommand({ Name: 'audit' }));
      await eb.send(new PutRuleCommand({ Name: 'from-config', EventPattern: '{"source":["aws.config"]}' }));
      const queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'via-sns' }))).QueueUrl!;
      const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'alerts' }));
      await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: 'arn:aws:sqs:us-east-1:000000000000:via-sns', Attributes: { RawMessageDelivery: 'true' } }));
      await eb.send(new PutTargetsCommand({ Rule: 'from-config', Targets: [{ Id: 'topic', Arn: TopicArn }] }));

      const api = require('../dist/services/events/api') as typeof import('../src/services/events/api');
      const id = api.putEvent(kanri.platform, '000000000000', 'us-east-1', {
        source: 'aws.config', detailType: 'Config Rules Compliance Change', detail: { newEvaluationResult: { complianceType: 'NON_COMPLIANT' } },
      });
      const got = await drainQueue(sqs, queueUrl);
      expect(got).toEqual([expect.objectContaining({ id, source: 'aws.config', 'detail-type': 'Config Rules Compliance Change' })]);

      await eb.send(new PutTargetsCommand({ Rule: 'from-config', Targets: [{ Id: 'topic', Arn: TopicArn }, { Id: 'fn', Arn: 'arn:aws:lambda:us-east-1:000000000000:function:nope' }] }));
      await eb.send(new DeleteRuleCommand({ Name: 'from-config', Force: true }));
      await eb.send(new DeleteEventBusCommand({ Name: 'audit' }));
      await kanri.platform.outbox.drain();
      expect(changes.map((c) => [c.resourceType, c.resourceId, c.before === null, c.after === null])).toEqual([
        ['AWS::Events::EventBus', 'audit', true, false],
        ['AWS::Events::Rule', 'from-config', true, false],
        ['AWS::Events::Rule', 'from-config', false, false],
        ['AWS::Events::Rule', 'from-config', false, false],
        ['AWS::Events::Rule', 'from-config', false, true],
        ['AWS::Events::EventBus', 'audit', false, true],
      ]);
      expect(changes[2].after).toMatchObject({ name: 'from-config', eventPattern: '{"source":["aws.config"]}', state: 'ENABLED', targets: [{ id: 'topic', arn: TopicArn }] });
    } finally {
      await kanri.stop();
    }
  });

  it('sends what a target refuses to its dead-letter queue, with AWS\'s attributes', async () => {
    const kanri = await startTestKanri();
    try {
      const eb = new EventBridgeClient(sdkConfig(kanri));
      const sqs = new SQSClient(sdkConfig(kanri));
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'dlq' }));
      const { RuleArn } = await eb.send(new PutRuleCommand({ Name: 'lossy', EventPattern: '{"source":["app"]}' }));
      const gone = 'arn:aws:sqs:us-east-1:000000000000:gone';
      await eb.send(new PutTargetsCommand({ Rule: 'lossy', Targets: [{ Id: 'q', Arn: gone, DeadLetterConfig: { Arn: 'arn:aws:sqs:us-east-1:000000000000:dlq' } }] }));
      const { Entries } = await eb.send(new PutEventsCommand({ Entries: [{ Source: 'app', DetailType: 'x', Detail: '{"k":1}' }] }));
      const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 3, MessageAttributeNames: ['All'] }));
      expect(JSON.parse(Messages![0].Body!)).toMatchObject({ id: Entries![0].EventId, detail: { k: 1 } });
      const attrs = Object.fromEntries(Object.entries(Messages![0].MessageAttributes!).map(([k, v]) => [k, v.StringValue]));
      expect(attrs).toMatchObject({ RULE_ARN: RuleArn, TARGET_ARN: gone, ERROR_CODE: 'RESOURCE_NOT_FOUND' });
    } finally {
      await kanri.stop();
    }
  });

  it('counts a Lambda target as a failed invocation when the function cannot be invoked', async () => {
    const kanri = await startTestKanri();
    try {
      const eb = new EventBridgeClient(sdkConfig(kanri));
      await eb.send(new PutRuleCommand({ Name: 'to-fn', EventPattern: '{"source":["app"]}' }));
      await eb.send(new PutTargetsCommand({ Rule: 'to-fn', Targets: [{ Id: 'fn', Arn: 'arn:aws:lambda:us-east-1:000000000000:function:nope' }] }));
      const out = await eb.send(new PutEventsCommand({ Entries: [{ Source: 'app', DetailType: 'x', Detail: '{}' }] }));
      expect(out.FailedEntryCount).toBe(0);
      const { drainDeliveries } = require('../dist/services/events/delivery') as typeof import('../src/services/events/delivery');
      await drainDeliveries(kanri.platform);
      const row = kanri.platform.storage.db.prepare("SELECT invocations, failed_invocations FROM events_rules WHERE name = 'to-fn'").get();
      expect(row).toEqual({ invocations: 0, failed_invocations: 1 });
      expect(kanri.platform.storage.db.prepare('SELECT COUNT(*) AS n FROM events_deliveries').get()).toEqual({ n: 0 });
    } finally {
      await kanri.stop();
    }
  });
});
