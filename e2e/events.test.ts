// EventBridge with the SDK v3: buses, rules and targets, AWS's errors, TestEventPattern, and events
// routed by PutEvents (and by schedules on the clock) into SQS queues.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateEventBusCommand, DeleteEventBusCommand, DeleteRuleCommand, DescribeEventBusCommand, DescribeRuleCommand, DisableRuleCommand, EnableRuleCommand,
  EventBridgeClient, ListEventBusesCommand, ListRuleNamesByTargetCommand, ListRulesCommand, ListTagsForResourceCommand,
  ListTargetsByRuleCommand, PutEventsCommand, PutPermissionCommand, PutRuleCommand, PutTargetsCommand, RemovePermissionCommand,
  RemoveTargetsCommand, TagResourceCommand, TestEventPatternCommand,
} from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { advanceClock, boto3, type Kanri, rejects, sdkConfig, startTestKanri } from './harness';

let kanri: Kanri;
let eb: EventBridgeClient;
let sqs: SQSClient;
const ACCOUNT = '000000000000';

beforeAll(async () => {
  kanri = await startTestKanri();
  eb = new EventBridgeClient(sdkConfig(kanri));
  sqs = new SQSClient(sdkConfig(kanri));
});
afterAll(async () => { await kanri.stop(); });

async function queue(name: string) {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
  return { url: QueueUrl!, arn: `arn:aws:sqs:us-east-1:${ACCOUNT}:${name}` };
}

/** Receives (and deletes) up to count messages, waiting a little for each. */
async function receive(url: string, count = 1) {
  const got: any[] = [];
  for (let i = 0; i < 4 && got.length < count; i++) {
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
    for (const m of Messages ?? []) await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle }));
    got.push(...(Messages ?? []));
  }
  return got.map((m) => m.Body as string);
}

describe('EventBridge buses', () => {
  it('has a default bus, creates, lists and deletes custom ones with AWS errors', async () => {
    const def = await eb.send(new DescribeEventBusCommand({}));
    expect(def).toMatchObject({ Name: 'default', Arn: `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/default` });
    const { EventBusArn } = await eb.send(new CreateEventBusCommand({ Name: 'orders', Description: 'order events', Tags: [{ Key: 'team', Value: 'a' }] }));
    expect(EventBusArn).toBe(`arn:aws:events:us-east-1:${ACCOUNT}:event-bus/orders`);
    await rejects(eb.send(new CreateEventBusCommand({ Name: 'orders' })), 'ResourceAlreadyExistsException', 400, 'Event bus orders already exists.');
    await rejects(eb.send(new DescribeEventBusCommand({ Name: 'nope' })), 'ResourceNotFoundException', 400, 'Event bus nope does not exist.');
    expect((await eb.send(new DescribeEventBusCommand({ Name: EventBusArn }))).Description).toBe('order events');
    const { EventBuses } = await eb.send(new ListEventBusesCommand({}));
    expect(EventBuses!.map((b) => b.Name)).toEqual(['default', 'orders']);
    expect((await eb.send(new ListTagsForResourceCommand({ ResourceARN: EventBusArn }))).Tags).toEqual([{ Key: 'team', Value: 'a' }]);
    await rejects(eb.send(new DeleteEventBusCommand({ Name: 'default' })), 'ValidationException', 400, 'Cannot delete event bus default.');
    await eb.send(new DeleteEventBusCommand({ Name: 'orders' }));
    await rejects(eb.send(new DescribeEventBusCommand({ Name: 'orders' })), 'ResourceNotFoundException', 400);
  });

  it('keeps a bus policy of PutPermission statements', async () => {
    await eb.send(new PutPermissionCommand({ Action: 'events:PutEvents', Principal: '111122223333', StatementId: 'partner' }));
    const policy = JSON.parse((await eb.send(new DescribeEventBusCommand({}))).Policy!);
    expect(policy.Statement).toEqual([{
      Sid: 'partner', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'events:PutEvents',
      Resource: `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/default`,
    }]);
    await rejects(eb.send(new RemovePermissionCommand({ StatementId: 'other' })), 'ResourceNotFoundException', 400, 'Statement with the provided id does not exist.');
    await eb.send(new RemovePermissionCommand({ StatementId: 'partner' }));
    expect((await eb.send(new DescribeEventBusCommand({}))).Policy).toBeUndefined();
  });
});

describe('EventBridge rules and targets', () => {
  it('puts, describes, lists, disables and deletes rules', async () => {
    const { RuleArn } = await eb.send(new PutRuleCommand({ Name: 'r-one', EventPattern: '{"source":["app"]}', Description: 'first', Tags: [{ Key: 'k', Value: 'v' }] }));
    expect(RuleArn).toBe(`arn:aws:events:us-east-1:${ACCOUNT}:rule/r-one`);
    await eb.send(new PutRuleCommand({ Name: 'r-two', ScheduleExpression: 'rate(5 minutes)', State: 'DISABLED' }));
    expect(await eb.send(new DescribeRuleCommand({ Name: 'r-one' }))).toMatchObject({
      Name: 'r-one', Arn: RuleArn, EventPattern: '{"source":["app"]}', State: 'ENABLED', Description: 'first', EventBusName: 'default', CreatedBy: ACCOUNT,
    });
    const page = await eb.send(new ListRulesCommand({ NamePrefix: 'r-', Limit: 1 }));
    expect(page.Rules!.map((r) => r.Name)).toEqual(['r-one']);
    const next = await eb.send(new ListRulesCommand({ NamePrefix: 'r-', NextToken: page.NextToken }));
    expect(next.Rules!.map((r) => [r.Name, r.State])).toEqual([['r-two', 'DISABLED']]);
    await eb.send(new DisableRuleCommand({ Name: 'r-one' }));
    expect((await eb.send(new DescribeRuleCommand({ Name: 'r-one' }))).State).toBe('DISABLED');
    await eb.send(new TagResourceCommand({ ResourceARN: RuleArn, Tags: [{ Key: 'k2', Value: 'v2' }] }));
    expect((await eb.send(new ListTagsForResourceCommand({ ResourceARN: RuleArn }))).Tags).toEqual([{ Key: 'k', Value: 'v' }, { Key: 'k2', Value: 'v2' }]);

    await eb.send(new PutTargetsCommand({ Rule: 'r-one', Targets: [{ Id: 't1', Arn: `arn:aws:sqs:us-east-1:${ACCOUNT}:somewhere` }] }));
    expect((await eb.send(new ListRuleNamesByTargetCommand({ TargetArn: `arn:aws:sqs:us-east-1:${ACCOUNT}:somewhere` }))).RuleNames).toEqual(['r-one']);
    await rejects(eb.send(new DeleteRuleCommand({ Name: 'r-one' })), 'ValidationException', 400, "Rule can't be deleted since it has targets.");
    await eb.send(new RemoveTargetsCommand({ Rule: 'r-one', Ids: ['t1'] }));
    await eb.send(new DeleteRuleCommand({ Name: 'r-one' }));
    await eb.send(new DeleteRuleCommand({ Name: 'r-two', Force: true }));
    await rejects(eb.send(new DescribeRuleCommand({ Name: 'r-one' })), 'ResourceNotFoundException', 400, 'Rule r-one does not exist on EventBus default.');
  });

  it('answers AWS errors for bad rules and targets', async () => {
    await rejects(eb.send(new PutRuleCommand({ Name: 'x' })), 'ValidationException', 400, 'Parameter(s) EventPattern or ScheduleExpression must be specified.');
    await rejects(eb.send(new PutRuleCommand({ Name: 'x', ScheduleExpression: 'rate(1 minutes)' })), 'ValidationException', 400, 'Parameter ScheduleExpression is not valid.');
    await rejects(eb.send(new PutRuleCommand({ Name: 'x', EventPattern: '{"source":"app"}' })), 'InvalidEventPatternException', 400,
      'Event pattern is not valid. Reason: "source" must be an object or an array\n at [Source: (String)"{"source":"app"}"; line: 1, column: 12]');
    await rejects(eb.send(new PutRuleCommand({ Name: 'x', EventPattern: '{"a":[1]}', EventBusName: 'missing' })), 'ResourceNotFoundException', 400, 'Event bus missing does not exist.');
    await eb.send(new CreateEventBusCommand({ Name: 'custom' }));
    await rejects(eb.send(new PutRuleCommand({ Name: 'x', ScheduleExpression: 'rate(1 minute)', EventBusName: 'custom' })), 'ValidationException', 400,
      'ScheduleExpression is supported only on the default event bus.');
    await eb.send(new PutRuleCommand({ Name: 'five', EventPattern: '{"source":["a"]}' }));
    const targets = [1, 2, 3, 4, 5, 6].map((i) => ({ Id: `t${i}`, Arn: `arn:aws:sqs:us-east-1:${ACCOUNT}:q${i}` }));
    await rejects(eb.send(new PutTargetsCommand({ Rule: 'five', Targets: targets })), 'LimitExceededException', 400, 'The requested resource exceeds the maximum number allowed.');
    await rejects(eb.send(new PutTargetsCommand({ Rule: 'five', Targets: [{ Id: 't', Arn: `arn:aws:sqs:us-east-1:${ACCOUNT}:q`, Input: '{}', InputPath: '$.detail' }] })),
      'ValidationException', 400, 'Only one of Input, InputPath, or InputTransformer must be provided for target t.');
    await rejects(eb.send(new PutTargetsCommand({
      Rule: 'five', Targets: [{ Id: 't', Arn: `arn:aws:sqs:us-east-1:${ACCOUNT}:q`, InputTransformer: { InputPathsMap: { a: '$.source' }, InputTemplate: '"<a> <b>"' } }],
    })), 'ValidationException', 400, 'InputTemplate for target t contains invalid placeholder b.');
    await rejects(eb.send(new PutTargetsCommand({ Rule: 'missing', Targets: [{ Id: 't', Arn: `arn:aws:sqs:us-east-1:${ACCOUNT}:q` }] })),
      'ResourceNotFoundException', 400, 'Rule missing does not exist on EventBus default.');
  });
});

describe('TestEventPattern', () => {
  const event = JSON.stringify({
    id: '1', account: '123456789012', source: 'shop', time: '2024-01-01T00:00:00Z', region: 'us-east-1', 'detail-type': 'Order', resources: [],
    detail: { amount: 120, customer: { tier: 'Gold' }, ip: '10.0.4.7' },
  });

  it('answers true and false', async () => {
    const test = async (pattern: object) => (await eb.send(new TestEventPatternCommand({ EventPattern: JSON.stringify(pattern), Event: event }))).Result;
    expect(await test({ source: ['shop'], detail: { amount: [{ numeric: ['>', 100] }] } })).toBe(true);
    expect(await test({ detail: { customer: { tier: [{ 'equals-ignore-case': 'gold' }] }, ip: [{ cidr: '10.0.0.0/16' }] } })).toBe(true);
    expect(await test({ source: ['shop'], detail: { amount: [{ numeric: ['<', 100] }] } })).toBe(false);
    expect(await test({ $or: [{ source: ['other'] }, { 'detail-type': [{ prefix: 'Ord' }] }] })).toBe(true);
  });

  it('rejects bad patterns and incomplete events as AWS does', async () => {
    await rejects(eb.send(new TestEventPatternCommand({ EventPattern: '{"a":[{"numeric":[">",0,">",5]}]}', Event: event })), 'InvalidEventPatternException', 400,
      'Event pattern is not valid. Reason: Bad numeric range operator: >\n at [Source: (String)"{"a":[{"numeric":[">",0,">",5]}]}"; line: 1, column: 28]');
    await rejects(eb.send(new TestEventPatternCommand({ EventPattern: '{"a":["x"]}', Event: '{"source":"shop"}' })), 'ValidationException', 400, 'Parameter Event is not valid.');
    await rejects(eb.send(new TestEventPatternCommand({ EventPattern: '{"a":["x"]}', Event: 'plain' })), 'ValidationException', 400, 'Parameter Event is not valid.');
  });
});

describe('PutEvents delivery', () => {
  it('routes a matching event into an SQS queue with AWS\'s envelope', async () => {
    const q = await queue('eb-orders');
    await eb.send(new PutRuleCommand({ Name: 'to-queue', EventPattern: JSON.stringify({ source: ['shop'], detail: { status: ['paid'] } }) }));
    await eb.send(new PutTargetsCommand({ Rule: 'to-queue', Targets: [{ Id: 'q', Arn: q.arn }] }));
    const out = await eb.send(new PutEventsCommand({
      Entries: [
        { Source: 'shop', DetailType: 'Order Paid', Detail: JSON.stringify({ status: 'paid', id: 7 }), Resources: ['arn:aws:shop:::order/7'] },
        { Source: 'shop', DetailType: 'Order Paid', Detail: JSON.stringify({ status: 'open' }) },
        { Source: 'shop', DetailType: 'Bad', Detail: '[1]' },
        { Source: 'aws.ec2', DetailType: 'x', Detail: '{}' },
      ],
    }));
    expect(out.FailedEntryCount).toBe(2);
    expect(out.Entries![2]).toEqual({ ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' });
    expect(out.Entries![3].ErrorCode).toBe('NotAuthorizedForSourceException');
    const [body, more] = await receive(q.url);
    expect(more).toBeUndefined();
    const message = JSON.parse(body);
    expect(message).toEqual({
      version: '0', id: out.Entries![0].EventId, 'detail-type': 'Order Paid', source: 'shop', account: ACCOUNT,
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/), region: 'us-east-1', resources: ['arn:aws:shop:::order/7'], detail: { status: 'paid', id: 7 },
    });
    await eb.send(new RemoveTargetsCommand({ Rule: 'to-queue', Ids: ['q'] }));
  });

  it('reshapes an event with an input transformer and forwards through another bus', async () => {
    const q = await queue('eb-shaped');
    await eb.send(new CreateEventBusCommand({ Name: 'inner' }));
    await eb.send(new PutRuleCommand({ Name: 'forward', EventPattern: '{"source":["billing"]}' }));
    await eb.send(new PutTargetsCommand({ Rule: 'forward', Targets: [{ Id: 'bus', Arn: `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/inner` }] }));
    await eb.send(new PutRuleCommand({ Name: 'shape', EventBusName: 'inner', EventPattern: '{"detail":{"amount":[{"exists":true}]}}' }));
    await eb.send(new PutTargetsCommand({
      Rule: 'shape', EventBusName: 'inner', Targets: [{
        Id: 'q', Arn: q.arn,
        InputTransformer: { InputPathsMap: { amount: '$.detail.amount', who: '$.detail.who' }, InputTemplate: '{"total": <amount>, "text": "paid by <who>", "rule": <aws.events.rule-name>}' },
      }],
    }));
    await eb.send(new PutEventsCommand({ Entries: [{ Source: 'billing', DetailType: 'Invoice', Detail: '{"amount": 42, "who": "ann"}' }] }));
    const [body] = await receive(q.url);
    expect(JSON.parse(body)).toEqual({ total: 42, text: 'paid by ann', rule: 'shape' });
  });

  it('fires a scheduled rule when the clock moves, once per due time', async () => {
    const q = await queue('eb-scheduled');
    const { RuleArn } = await eb.send(new PutRuleCommand({ Name: 'every-10', ScheduleExpression: 'rate(10 minutes)' }));
    await eb.send(new PutTargetsCommand({ Rule: 'every-10', Targets: [{ Id: 'q', Arn: q.arn }] }));
    await advanceClock(kanri, 'PT25M');
    const bodies = (await receive(q.url, 2)).map((b) => JSON.parse(b));
    expect(bodies).toHaveLength(2);
    expect(bodies[0]).toMatchObject({ version: '0', source: 'aws.events', 'detail-type': 'Scheduled Event', resources: [RuleArn], detail: {}, account: ACCOUNT });
    expect(await receive(q.url)).toEqual([]);
    await eb.send(new DisableRuleCommand({ Name: 'every-10' }));
    await advanceClock(kanri, 'PT30M');
    expect(await receive(q.url)).toEqual([]);
    await eb.send(new EnableRuleCommand({ Name: 'every-10' }));
    await advanceClock(kanri, 'PT11M');
    expect(await receive(q.url, 2)).toHaveLength(1); // resumes from now; the disabled half hour does not fire
  });

  it('keeps PutEvents limits, lists targets, and delivers to FIFO queues with their group', async () => {
    const entry = { Source: 'app', DetailType: 'x', Detail: '{}' };
    await rejects(eb.send(new PutEventsCommand({ Entries: Array(11).fill(entry) })), 'ValidationException', 400);
    await rejects(eb.send(new PutEventsCommand({ Entries: [{ ...entry, Detail: JSON.stringify({ big: 'x'.repeat(262_144) }) }] })),
      'ValidationException', 400, 'Total size of the entries in the request is over the limit.');
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'eb.fifo', Attributes: { FifoQueue: 'true' } }));
    const fifoArn = `arn:aws:sqs:us-east-1:${ACCOUNT}:eb.fifo`;
    await eb.send(new PutRuleCommand({ Name: 'to-fifo', EventPattern: '{"source":["fifo-app"]}' }));
    await rejects(eb.send(new PutTargetsCommand({ Rule: 'to-fifo', Targets: [{ Id: 'f', Arn: fifoArn }] })), 'ValidationException', 400,
      'Parameter(s) SqsParameters must be specified for target: f.');
    await eb.send(new PutTargetsCommand({ Rule: 'to-fifo', Targets: [{ Id: 'f', Arn: fifoArn, SqsParameters: { MessageGroupId: 'g1' }, InputPath: '$.detail' }] }));
    expect((await eb.send(new ListTargetsByRuleCommand({ Rule: 'to-fifo' }))).Targets).toEqual([{ Id: 'f', Arn: fifoArn, SqsParameters: { MessageGroupId: 'g1' }, InputPath: '$.detail' }]);
    await eb.send(new PutEventsCommand({ Entries: [{ Source: 'fifo-app', DetailType: 'x', Detail: '{"n":1}' }, { Source: 'fifo-app', DetailType: 'x', Detail: '{"n":2}' }] }));
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 2, MessageSystemAttributeNames: ['MessageGroupId'] }));
    expect(Messages!.map((m) => [m.Body, m.Attributes?.MessageGroupId])).toEqual([['{"n":1}', 'g1'], ['{"n":2}', 'g1']]);
  });

  it('works from boto3', async () => {
    const out = await boto3(kanri, `
import boto3, json, os
eb = boto3.client('events', endpoint_url=os.environ['KANRI_URL'])
eb.put_rule(Name='py-rule', EventPattern=json.dumps({'source': ['py']}))
r = eb.test_event_pattern(EventPattern=json.dumps({'source': [{'prefix': 'p'}]}), Event=json.dumps({'id': '1', 'account': '1', 'source': 'py', 'time': 't', 'region': 'r', 'detail-type': 'd'}))
try:
    eb.describe_rule(Name='nope')
    err = None
except eb.exceptions.ResourceNotFoundException as e:
    err = e.response['Error']['Message']
print(json.dumps({'match': r['Result'], 'state': eb.describe_rule(Name='py-rule')['State'], 'err': err}))
`);
    expect(out).toEqual({ match: true, state: 'ENABLED', err: 'Rule nope does not exist on EventBus default.' });
  });
});
