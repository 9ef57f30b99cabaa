// SNS's API through the SDK v3, the AWS CLI and boto3: topics (standard and FIFO), attributes,
// policies, tags, subscriptions and AWS's errors. Delivery: e2e/sns-delivery.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as S from '@aws-sdk/client-sns';
import { advanceClock, awsCli, boto3, type Kanri, rejects, sdkConfig, startTestKanri } from './harness';

let kanri: Kanri;
let sns: S.SNSClient;
beforeAll(async () => { kanri = await startTestKanri(); sns = new S.SNSClient(sdkConfig(kanri)); });
afterAll(async () => { await kanri.stop(); });

const topic = async (Name: string, Attributes?: Record<string, string>) => (await sns.send(new S.CreateTopicCommand({ Name, Attributes }))).TopicArn!;
const attrs = async (TopicArn: string) => (await sns.send(new S.GetTopicAttributesCommand({ TopicArn }))).Attributes!;

describe('topics', () => {
  it('creates a topic idempotently with AWS default attributes and policy', async () => {
    const arn = await topic('orders');
    expect(arn).toBe('arn:aws:sns:us-east-1:000000000000:orders');
    expect(await topic('orders')).toBe(arn);
    const a = await attrs(arn);
    expect(a).toMatchObject({ Owner: '000000000000', TopicArn: arn, DisplayName: '', SubscriptionsConfirmed: '0', SubscriptionsPending: '0', SubscriptionsDeleted: '0' });
    expect(JSON.parse(a.Policy)).toEqual({
      Version: '2008-10-17', Id: '__default_policy_ID',
      Statement: [{ Sid: '__default_statement_ID', Effect: 'Allow', Principal: { AWS: '*' },
        Action: ['SNS:GetTopicAttributes', 'SNS:SetTopicAttributes', 'SNS:AddPermission', 'SNS:RemovePermission', 'SNS:DeleteTopic', 'SNS:Subscribe',
          'SNS:ListSubscriptionsByTopic', 'SNS:Publish'],
        Resource: arn, Condition: { StringEquals: { 'AWS:SourceOwner': '000000000000' } } }],
    });
    expect(JSON.parse(a.EffectiveDeliveryPolicy).http.defaultHealthyRetryPolicy).toMatchObject({ minDelayTarget: 20, maxDelayTarget: 20, numRetries: 3 });
    expect(a.FifoTopic).toBeUndefined();
  });

  it('refuses a second create with different attributes or tags', async () => {
    const arn = await topic('twice', { DisplayName: 'one' });
    expect(await topic('twice', { DisplayName: 'one' })).toBe(arn);
    await rejects(topic('twice', { DisplayName: 'two' }), 'InvalidParameterException', 400, 'Invalid parameter: Attributes Reason: Topic already exists with different attributes');
    await rejects(sns.send(new S.CreateTopicCommand({ Name: 'twice', Tags: [{ Key: 'a', Value: 'b' }] })), 'InvalidParameterException', 400,
      'Invalid parameter: Tags Reason: Topic already exists with different tags');
  });

  it('creates FIFO topics and checks names', async () => {
    const arn = await topic('events.fifo', { FifoTopic: 'true', ContentBasedDeduplication: 'true' });
    expect(await attrs(arn)).toMatchObject({ FifoTopic: 'true', ContentBasedDeduplication: 'true' });
    await rejects(topic('plain', { FifoTopic: 'true' }), 'InvalidParameterException', 400,
      'Invalid parameter: Fifo Topic names must end with .fifo and must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long.');
    await rejects(topic('no.fifo'), 'InvalidParameterException', 400, 'Invalid parameter: Topic Name');
    await rejects(topic('bad name'), 'InvalidParameterException', 400, 'Invalid parameter: Topic Name');
    await rejects(topic('std', { ContentBasedDeduplication: 'true' }), 'InvalidParameterException', 400);
  });

  it('sets and clears attributes', async () => {
    const arn = await topic('settable');
    await sns.send(new S.SetTopicAttributesCommand({ TopicArn: arn, AttributeName: 'DisplayName', AttributeValue: 'My Topic' }));
    const delivery = { http: { defaultHealthyRetryPolicy: { minDelayTarget: 5, maxDelayTarget: 30, numRetries: 5, backoffFunction: 'exponential' } } };
    await sns.send(new S.SetTopicAttributesCommand({ TopicArn: arn, AttributeName: 'DeliveryPolicy', AttributeValue: JSON.stringify(delivery) }));
    await sns.send(new S.SetTopicAttributesCommand({ TopicArn: arn, AttributeName: 'KmsMasterKeyId', AttributeValue: 'alias/aws/sns' }));
    const a = await attrs(arn);
    expect(a).toMatchObject({ DisplayName: 'My Topic', KmsMasterKeyId: 'alias/aws/sns' });
    expect(JSON.parse(a.DeliveryPolicy)).toEqual(delivery);
    expect(JSON.parse(a.EffectiveDeliveryPolicy).http.defaultHealthyRetryPolicy).toMatchObject({ minDelayTarget: 5, maxDelayTarget: 30, numRetries: 5, numNoDelayRetries: 0 });
    await sns.send(new S.SetTopicAttributesCommand({ TopicArn: arn, AttributeName: 'KmsMasterKeyId', AttributeValue: '' }));
    expect((await attrs(arn)).KmsMasterKeyId).toBeUndefined();
    await rejects(sns.send(new S.SetTopicAttributesCommand({ TopicArn: arn, AttributeName: 'Nope', AttributeValue: 'x' })), 'InvalidParameterException', 400, 'Invalid parameter: AttributeName');
    await rejects(sns.send(new S.SetTopicAttributesCommand({ TopicArn: arn, AttributeName: 'Policy', AttributeValue: '{bad' })), 'InvalidParameterException', 400);
  });

  it('keeps a data protection policy', async () => {
    const arn = await topic('protected');
    const policy = JSON.stringify({ Name: 'p', Version: '2021-06-01', Statement: [] });
    expect((await sns.send(new S.GetDataProtectionPolicyCommand({ ResourceArn: arn }))).DataProtectionPolicy).toBe('');
    await sns.send(new S.PutDataProtectionPolicyCommand({ ResourceArn: arn, DataProtectionPolicy: policy }));
    expect((await sns.send(new S.GetDataProtectionPolicyCommand({ ResourceArn: arn }))).DataProtectionPolicy).toBe(policy);
    await rejects(sns.send(new S.PutDataProtectionPolicyCommand({ ResourceArn: arn, DataProtectionPolicy: 'nope' })), 'InvalidParameterException', 400);
  });

  it('answers NotFound and InvalidParameter for missing or malformed ARNs', async () => {
    await rejects(attrs('arn:aws:sns:us-east-1:000000000000:missing'), 'NotFoundException', 404, 'Topic does not exist');
    await rejects(attrs('not-an-arn'), 'InvalidParameterException', 400, 'Invalid parameter: TopicArn');
    await sns.send(new S.DeleteTopicCommand({ TopicArn: 'arn:aws:sns:us-east-1:000000000000:missing' })); // idempotent
  });

  it('lists topics a hundred at a time', async () => {
    for (let i = 0; i < 105; i++) await topic(`page-${String(i).padStart(3, '0')}`);
    const first = await sns.send(new S.ListTopicsCommand({}));
    expect(first.Topics).toHaveLength(100);
    expect(first.NextToken).toBeTruthy();
    const second = await sns.send(new S.ListTopicsCommand({ NextToken: first.NextToken }));
    expect(second.NextToken).toBeUndefined();
    const all = [...first.Topics!, ...second.Topics!].map((t) => t.TopicArn);
    expect(new Set(all).size).toBe(all.length);
    expect(all.filter((a) => a!.includes(':page-'))).toHaveLength(105);
    await rejects(sns.send(new S.ListTopicsCommand({ NextToken: 'garbage' })), 'InvalidParameterException', 400);
  });

  it('deletes a topic with its subscriptions', async () => {
    const arn = await topic('doomed');
    await sns.send(new S.SubscribeCommand({ TopicArn: arn, Protocol: 'sqs', Endpoint: 'arn:aws:sqs:us-east-1:000000000000:q' }));
    await sns.send(new S.DeleteTopicCommand({ TopicArn: arn }));
    await rejects(attrs(arn), 'NotFoundException', 404);
    const subs = (await sns.send(new S.ListSubscriptionsCommand({}))).Subscriptions!;
    expect(subs.some((s) => s.TopicArn === arn)).toBe(false);
  });
});

describe('permissions and tags', () => {
  it('adds and removes policy statements; other accounts need them', async () => {
    const arn = await topic('shared');
    const other = new S.SNSClient(sdkConfig(kanri, 'us-east-1', { accessKeyId: '111111111111', secretAccessKey: 'x' }));
    await rejects(other.send(new S.PublishCommand({ TopicArn: arn, Message: 'hi' })), 'AuthorizationErrorException', 403,
      `User: arn:aws:iam::111111111111:root is not authorized to perform: SNS:Publish on resource: ${arn} because no resource-based policy allows the SNS:Publish action`);
    await sns.send(new S.AddPermissionCommand({ TopicArn: arn, Label: 'pub', AWSAccountId: ['111111111111'], ActionName: ['Publish'] }));
    const policy = JSON.parse((await attrs(arn)).Policy);
    expect(policy.Statement[1]).toEqual({ Sid: 'pub', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'SNS:Publish', Resource: arn });
    expect((await other.send(new S.PublishCommand({ TopicArn: arn, Message: 'hi' }))).MessageId).toMatch(/^[0-9a-f-]{36}$/);
    await rejects(sns.send(new S.AddPermissionCommand({ TopicArn: arn, Label: 'pub', AWSAccountId: ['111111111111'], ActionName: ['Publish'] })),
      'InvalidParameterException', 400, 'Invalid parameter: Statement already exists');
    await sns.send(new S.RemovePermissionCommand({ TopicArn: arn, Label: 'pub' }));
    await rejects(other.send(new S.PublishCommand({ TopicArn: arn, Message: 'hi' })), 'AuthorizationErrorException', 403);
  });

  it('tags, untags and lists tags', async () => {
    const arn = (await sns.send(new S.CreateTopicCommand({ Name: 'tagged', Tags: [{ Key: 'env', Value: 'dev' }] }))).TopicArn!;
    await sns.send(new S.TagResourceCommand({ ResourceArn: arn, Tags: [{ Key: 'team', Value: 'ops' }, { Key: 'env', Value: 'prod' }] }));
    expect((await sns.send(new S.ListTagsForResourceCommand({ ResourceArn: arn }))).Tags).toEqual([{ Key: 'env', Value: 'prod' }, { Key: 'team', Value: 'ops' }]);
    await sns.send(new S.UntagResourceCommand({ ResourceArn: arn, TagKeys: ['env'] }));
    expect((await sns.send(new S.ListTagsForResourceCommand({ ResourceArn: arn }))).Tags).toEqual([{ Key: 'team', Value: 'ops' }]);
    const many = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await rejects(sns.send(new S.TagResourceCommand({ ResourceArn: arn, Tags: many })), 'TagLimitExceededException', 400);
    await rejects(sns.send(new S.ListTagsForResourceCommand({ ResourceArn: 'arn:aws:sns:us-east-1:000000000000:nope' })), 'ResourceNotFoundException', 404);
  });
});

describe('subscriptions', () => {
  it('confirms same-account SQS and Lambda at once; HTTP and email wait', async () => {
    const arn = await topic('subs');
    const sqs = await sns.send(new S.SubscribeCommand({ TopicArn: arn, Protocol: 'sqs', Endpoint: 'arn:aws:sqs:us-east-1:000000000000:q1' }));
    expect(sqs.SubscriptionArn).toMatch(new RegExp(`^${arn}:[0-9a-f-]{36}$`));
    const fn = await sns.send(new S.SubscribeCommand({ TopicArn: arn, Protocol: 'lambda', Endpoint: 'arn:aws:lambda:us-east-1:000000000000:function:f' }));
    expect(fn.SubscriptionArn).toMatch(/^arn:aws:sns:/);
    const http = await sns.send(new S.SubscribeCommand({ TopicArn: arn, Protocol: 'http', Endpoint: 'http://127.0.0.1:9/hook' }));
    expect(http.SubscriptionArn).toBe('pending confirmation');
    const mail = await sns.send(new S.SubscribeCommand({ TopicArn: arn, Protocol: 'email', Endpoint: 'ops@example.com', ReturnSubscriptionArn: true }));
    expect(mail.SubscriptionArn).toMatch(/^arn:aws:sns:/);
    expect(await attrs(arn)).toMatchObject({ SubscriptionsConfirmed: '2', SubscriptionsPending: '2' });
    const listed = (await sns.send(new S.ListSubscriptionsByTopicCommand({ TopicArn: arn }))).Subscriptions!;
    expect(listed.find((s) => s.Protocol === 'http')).toEqual({ SubscriptionArn: 'PendingConfirmation', Owner: '000000000000', Protocol: 'http',
      Endpoint: 'http://127.0.0.1:9/hook', TopicArn: arn });
    const a = (await sns.send(new S.GetSubscriptionAttributesCommand({ SubscriptionArn: mail.SubscriptionArn }))).Attributes!;
    expect(a).toMatchObject({ PendingConfirmation: 'true', Protocol: 'email', Endpoint: 'ops@example.com', RawMessageDelivery: 'false', TopicArn: arn, Owner: '000000000000' });
    // Subscribing again answers the same subscription.
    expect((await sns.send(new S.SubscribeCommand({ TopicArn: arn, Protocol: 'sqs', Endpoint: 'arn:aws:sqs:us-east-1:000000000000:q1' }))).SubscriptionArn).toBe(sqs.SubscriptionArn);
    await sns.send(new S.UnsubscribeCommand({ SubscriptionArn: sqs.SubscriptionArn }));
    await sns.send(new S.UnsubscribeCommand({ SubscriptionArn: sqs.SubscriptionArn })); // idempotent
    expect(await attrs(arn)).toMatchObject({ SubscriptionsConfirmed: '1', SubscriptionsDeleted: '1' });
    await rejects(sns.send(new S.GetSubscriptionAttributesCommand({ SubscriptionArn: sqs.SubscriptionArn })), 'NotFoundException', 404, 'Subscription does not exist');
  });

  it('validates protocols, endpoints and attributes', async () => {
    const arn = await topic('validated');
    const sub = (Protocol: string, Endpoint?: string, Attributes?: Record<string, string>) => sns.send(new S.SubscribeCommand({ TopicArn: arn, Protocol, Endpoint, Attributes }));
    await rejects(sub('carrier-pigeon', 'x'), 'InvalidParameterException', 400, 'Invalid parameter: Amazon SNS does not support this protocol string: carrier-pigeon');
    await rejects(sub('sqs', 'not-an-arn'), 'InvalidParameterException', 400, 'Invalid parameter: SQS endpoint ARN');
    await rejects(sub('http', 'https://example.com'), 'InvalidParameterException', 400, 'Invalid parameter: Endpoint must match the specified protocol');
    await rejects(sub('email', 'nobody'), 'InvalidParameterException', 400, 'Invalid parameter: Email address');
    await rejects(sub('sqs', 'arn:aws:sqs:us-east-1:000000000000:q.fifo'), 'InvalidParameterException', 400,
      'Invalid parameter: Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics');
    await rejects(sub('application', 'arn:aws:sns:us-east-1:000000000000:endpoint/GCM/app/x'), 'InvalidParameterException', 400);
    await rejects(sub('sqs', 'arn:aws:sqs:us-east-1:000000000000:q', { FilterPolicy: '{"a": "b"}' }), 'InvalidParameterException', 400,
      'Invalid parameter: Attributes Reason: FilterPolicy: "a" must be an object or an array');
    await rejects(sub('sqs', 'arn:aws:sqs:us-east-1:000000000000:q', { FilterPolicy: '{"a": {"b": ["c"]}}' }), 'InvalidParameterException', 400,
      'Invalid parameter: Attributes Reason: Filter policy scope MessageAttributes does not support nested filter policy');
    await rejects(sub('email', 'a@example.com', { RawMessageDelivery: 'true' }), 'InvalidParameterException', 400);
    const ok = await sub('sqs', 'arn:aws:sqs:us-east-1:000000000000:q', { FilterPolicy: '{"a": {"b": ["c"]}}', FilterPolicyScope: 'MessageBody' });
    const subArn = ok.SubscriptionArn!;
    const set = (AttributeName: string, AttributeValue: string) => sns.send(new S.SetSubscriptionAttributesCommand({ SubscriptionArn: subArn, AttributeName, AttributeValue }));
    await rejects(set('FilterPolicyScope', 'MessageAttributes'), 'InvalidParameterException', 400,
      'Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy');
    await rejects(set('FilterPolicy', '{"n": [{"numeric": [">", 5, "<", 1]}]}'), 'InvalidParameterException', 400, 'Invalid parameter: FilterPolicy: Bottom must be less than top');
    const ten = JSON.stringify(Array.from({ length: 13 }, (_, i) => `v${i}`));
    await rejects(set('FilterPolicy', `{"a": ${ten}, "b": ${ten}}`), 'InvalidParameterException', 400, 'Invalid parameter: FilterPolicy: Filter policy is too complex');
    await rejects(set('RawMessageDelivery', 'maybe'), 'InvalidParameterException', 400);
    await rejects(set('Bogus', 'x'), 'InvalidParameterException', 400, 'Invalid parameter: AttributeName');
    await set('RawMessageDelivery', 'true');
    await set('RedrivePolicy', '{"deadLetterTargetArn": "arn:aws:sqs:us-east-1:000000000000:dlq"}');
    const a = (await sns.send(new S.GetSubscriptionAttributesCommand({ SubscriptionArn: subArn }))).Attributes!;
    expect(a).toMatchObject({ RawMessageDelivery: 'true', FilterPolicyScope: 'MessageBody', FilterPolicy: '{"a": {"b": ["c"]}}', PendingConfirmation: 'false',
      RedrivePolicy: '{"deadLetterTargetArn": "arn:aws:sqs:us-east-1:000000000000:dlq"}', ConfirmationWasAuthenticated: 'true' });
    await rejects(sns.send(new S.GetSubscriptionAttributesCommand({ SubscriptionArn: 'pending confirmation' })), 'InvalidParameterException', 400);
  });

  it('deletes a subscription left unconfirmed for two days', async () => {
    const arn = await topic('expiring');
    await sns.send(new S.SubscribeCommand({ TopicArn: arn, Protocol: 'email', Endpoint: 'late@example.com' }));
    expect((await sns.send(new S.GetTopicAttributesCommand({ TopicArn: arn }))).Attributes!.SubscriptionsPending).toBe('1');
    await advanceClock(kanri, 'PT47H');
    expect((await sns.send(new S.GetTopicAttributesCommand({ TopicArn: arn }))).Attributes!.SubscriptionsPending).toBe('1');
    await advanceClock(kanri, 'PT2H');
    expect((await sns.send(new S.GetTopicAttributesCommand({ TopicArn: arn }))).Attributes!.SubscriptionsPending).toBe('0');
  });

  it('lets only a signed call end a subscription confirmed with AuthenticateOnUnsubscribe', async () => {
    const arn = await topic('auth-unsub');
    await sns.send(new S.SubscribeCommand({ TopicArn: arn, Protocol: 'email', Endpoint: 'guarded@example.com' }));
    const token = kanri.platform.storage.stmt('SELECT token FROM sns_subscriptions WHERE endpoint = ?').get('guarded@example.com') as { token: string };
    const confirmUrl = `${kanri.url}/?Action=ConfirmSubscription&Version=2010-03-31&TopicArn=${encodeURIComponent(arn)}&Token=${token.token}`;
    expect((await fetch(`${confirmUrl}&AuthenticateOnUnsubscribe=true`)).status).toBe(403); // unsigned
    const { SubscriptionArn } = await sns.send(new S.ConfirmSubscriptionCommand({ TopicArn: arn, Token: token.token, AuthenticateOnUnsubscribe: 'true' }));
    const a = (await sns.send(new S.GetSubscriptionAttributesCommand({ SubscriptionArn }))).Attributes!;
    expect(a).toMatchObject({ PendingConfirmation: 'false', ConfirmationWasAuthenticated: 'true' });
    const unsubscribeUrl = `${kanri.url}/?Action=Unsubscribe&Version=2010-03-31&SubscriptionArn=${encodeURIComponent(SubscriptionArn!)}`;
    const refused = await fetch(unsubscribeUrl);
    expect([refused.status, /<Code>AuthorizationError<\/Code>/.test(await refused.text())]).toEqual([403, true]);
    await sns.send(new S.UnsubscribeCommand({ SubscriptionArn }));
    await rejects(sns.send(new S.GetSubscriptionAttributesCommand({ SubscriptionArn })), 'NotFoundException', 404);
  });

  it('confirms only with the right token', async () => {
    const arn = await topic('tokens');
    await rejects(sns.send(new S.ConfirmSubscriptionCommand({ TopicArn: arn, Token: 'nope' })), 'InvalidParameterException', 400, 'Invalid token');
    await rejects(sns.send(new S.ConfirmSubscriptionCommand({ TopicArn: `${arn}-gone`, Token: 'nope' })), 'NotFoundException', 404);
  });
});

describe('publish checks', () => {
  it('answers AWS errors for bad messages', async () => {
    const arn = await topic('checks');
    const pub = (input: Partial<S.PublishCommandInput>) => sns.send(new S.PublishCommand({ TopicArn: arn, Message: 'm', ...input }));
    await rejects(pub({ Message: '' }), 'InvalidParameterException', 400, 'Invalid parameter: Empty message');
    await rejects(pub({ Message: 'x'.repeat(262_145) }), 'InvalidParameterException', 400, 'Invalid parameter: Message too long');
    await rejects(pub({ Subject: 'line\nbreak' }), 'InvalidParameterException', 400, 'Invalid parameter: Subject');
    await rejects(pub({ MessageStructure: 'json', Message: '{"sqs": "x"}' }), 'InvalidParameterException', 400,
      'Invalid parameter: Message Structure - No default entry in JSON message body');
    await rejects(pub({ MessageStructure: 'json', Message: 'not json' }), 'InvalidParameterException', 400,
      'Invalid parameter: Message Structure - JSON message body failed to parse');
    await rejects(pub({ MessageAttributes: { a: { DataType: 'Weird', StringValue: 'x' } } }), 'InvalidParameterValueException', 400);
    await rejects(pub({ MessageAttributes: { n: { DataType: 'Number', StringValue: 'abc' } } }), 'InvalidParameterValueException', 400);
    await rejects(pub({ MessageDeduplicationId: 'd' }), 'InvalidParameterException', 400);
    await rejects(sns.send(new S.PublishCommand({ Message: 'm' })), 'InvalidParameterException', 400);
    await rejects(pub({ TopicArn: 'arn:aws:sns:us-east-1:000000000000:nope' }), 'NotFoundException', 404, 'Topic does not exist');
    const fifo = await topic('checks.fifo', { FifoTopic: 'true' });
    await rejects(sns.send(new S.PublishCommand({ TopicArn: fifo, Message: 'm' })), 'InvalidParameterException', 400,
      'Invalid parameter: The MessageGroupId parameter is required for FIFO topics');
    await rejects(sns.send(new S.PublishCommand({ TopicArn: fifo, Message: 'm', MessageGroupId: 'g' })), 'InvalidParameterException', 400,
      'Invalid parameter: The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
  });

  it('checks batches', async () => {
    const arn = await topic('batch-checks');
    const batch = (entries: S.PublishBatchRequestEntry[]) => sns.send(new S.PublishBatchCommand({ TopicArn: arn, PublishBatchRequestEntries: entries }));
    await rejects(batch([]), 'EmptyBatchRequestException', 400);
    await rejects(batch(Array.from({ length: 11 }, (_, i) => ({ Id: `m${i}`, Message: 'x' }))), 'TooManyEntriesInBatchRequestException', 400);
    await rejects(batch([{ Id: 'a', Message: 'x' }, { Id: 'a', Message: 'y' }]), 'BatchEntryIdsNotDistinctException', 400);
    await rejects(batch([{ Id: 'bad id!', Message: 'x' }]), 'InvalidBatchEntryIdException', 400);
    await rejects(batch([{ Id: 'a', Message: 'x'.repeat(200_000) }, { Id: 'b', Message: 'x'.repeat(100_000) }]), 'BatchRequestTooLongException', 400);
    const out = await batch([{ Id: 'ok', Message: 'x' }, { Id: 'empty', Message: '' }]);
    expect(out.Successful!.map((s) => s.Id)).toEqual(['ok']);
    expect(out.Failed).toEqual([{ Id: 'empty', Code: 'InvalidParameter', Message: 'Invalid parameter: Empty message', SenderFault: true }]);
  });
});

describe('SMS settings', () => {
  it('keeps account SMS attributes; nobody is opted out', async () => {
    await sns.send(new S.SetSMSAttributesCommand({ attributes: { DefaultSMSType: 'Transactional', DefaultSenderID: 'Kanri' } }));
    expect((await sns.send(new S.GetSMSAttributesCommand({}))).attributes).toEqual({ DefaultSMSType: 'Transactional', DefaultSenderID: 'Kanri' });
    expect((await sns.send(new S.GetSMSAttributesCommand({ attributes: ['DefaultSMSType'] }))).attributes).toEqual({ DefaultSMSType: 'Transactional' });
    await rejects(sns.send(new S.SetSMSAttributesCommand({ attributes: { DefaultSMSType: 'Loud' } })), 'InvalidParameterException', 400);
    await rejects(sns.send(new S.SetSMSAttributesCommand({ attributes: { Nope: 'x' } })), 'InvalidParameterException', 400, 'Invalid parameter: Nope');
    expect((await sns.send(new S.CheckIfPhoneNumberIsOptedOutCommand({ phoneNumber: '+15555550100' }))).isOptedOut).toBe(false);
    expect((await sns.send(new S.ListPhoneNumbersOptedOutCommand({}))).phoneNumbers).toEqual([]);
    expect((await sns.send(new S.GetSMSSandboxAccountStatusCommand({}))).IsInSandbox).toBe(false);
  });
});

describe('other clients', () => {
  it('works from the AWS CLI and boto3', async () => {
    const created = await awsCli(kanri, ['sns', 'create-topic', '--name', 'from-cli', '--attributes', 'DisplayName=CLI']);
    expect(created.TopicArn).toBe('arn:aws:sns:us-east-1:000000000000:from-cli');
    const got = await awsCli(kanri, ['sns', 'get-topic-attributes', '--topic-arn', created.TopicArn]);
    expect(got.Attributes.DisplayName).toBe('CLI');
    const out = await boto3(kanri, `
import boto3, json, os
c = boto3.client('sns', endpoint_url=os.environ['KANRI_URL'])
arn = c.create_topic(Name='from-boto3.fifo', Attributes={'FifoTopic': 'true', 'ContentBasedDeduplication': 'true'})['TopicArn']
r = c.publish(TopicArn=arn, Message='hello', MessageGroupId='g')
r2 = c.publish(TopicArn=arn, Message='hello', MessageGroupId='g')
try:
    c.get_topic_attributes(TopicArn=arn + 'x')
    err = None
except c.exceptions.NotFoundException as e:
    err = e.response['Error']['Code']
print(json.dumps({'arn': arn, 'seq': r['SequenceNumber'], 'same': r['MessageId'] == r2['MessageId'], 'err': err}))`);
    expect(out).toEqual({ arn: 'arn:aws:sns:us-east-1:000000000000:from-boto3.fifo', seq: expect.stringMatching(/^\d{20}$/), same: true, err: 'NotFound' });
  });
});

describe('resource changes', () => {
  it('emits AWS::SNS::Topic changes with the subscriptions as Config records them', async () => {
    const events: any[] = [];
    kanri.platform.outbox.subscribe('sns-e2e', (e) => { if (e.resourceType === 'AWS::SNS::Topic') events.push(e); });
    const arn = await topic('recorded');
    const sub = await sns.send(new S.SubscribeCommand({ TopicArn: arn, Protocol: 'sqs', Endpoint: 'arn:aws:sqs:us-east-1:000000000000:rq' }));
    await sns.send(new S.SetTopicAttributesCommand({ TopicArn: arn, AttributeName: 'DisplayName', AttributeValue: 'Recorded' }));
    await sns.send(new S.DeleteTopicCommand({ TopicArn: arn }));
    await kanri.platform.outbox.drain();
    kanri.platform.outbox.unsubscribe('sns-e2e');
    const mine = events.filter((e) => e.resourceId === arn);
    expect(mine.map((e) => [e.before === null, e.after === null])).toEqual([[true, false], [false, false], [false, false], [false, true]]);
    expect(mine[0]).toMatchObject({ accountId: '000000000000', region: 'us-east-1', arn, resourceName: 'recorded', service: 'sns' });
    expect(mine[1].after).toMatchObject({ TopicArn: arn, Owner: '000000000000', SubscriptionsConfirmed: '1',
      subscriptions: [{ subscriptionArn: sub.SubscriptionArn, owner: '000000000000', protocol: 'sqs', endpoint: 'arn:aws:sqs:us-east-1:000000000000:rq', topicArn: arn }] });
    expect(mine[2].after.DisplayName).toBe('Recorded');
  });
});
