// SQS queues with the SDK v3: create (idempotent, conflicting), URLs, listing, attributes, tags,
// policies and errors as the SDK and boto3 see them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AddPermissionCommand, CreateQueueCommand, DeleteQueueCommand, GetQueueAttributesCommand, GetQueueUrlCommand, ListQueuesCommand,
  ListQueueTagsCommand, PurgeQueueCommand, RemovePermissionCommand, SetQueueAttributesCommand, SQSClient, TagQueueCommand, UntagQueueCommand,
} from '@aws-sdk/client-sqs';
import { advanceClock, awsCli, boto3, type Kanri, rejects, sdkConfig, startTestKanri } from './harness';

let kanri: Kanri;
let sqs: SQSClient;

beforeAll(async () => {
  kanri = await startTestKanri();
  sqs = new SQSClient(sdkConfig(kanri));
});
afterAll(async () => { await kanri.stop(); });

describe('SQS queues', () => {
  it('creates a queue whose URL is AWS-shaped on kanri\'s host, idempotently', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'orders', Attributes: { VisibilityTimeout: '45' } }));
    expect(QueueUrl).toBe(`${kanri.url}/000000000000/orders`);
    const again = await sqs.send(new CreateQueueCommand({ QueueName: 'orders', Attributes: { VisibilityTimeout: '45' } }));
    expect(again.QueueUrl).toBe(QueueUrl);
    const err = await rejects(sqs.send(new CreateQueueCommand({ QueueName: 'orders', Attributes: { VisibilityTimeout: '50' } })), 'QueueNameExists', 400);
    expect(err.message).toBe('A queue already exists with the same name and a different value for attribute VisibilityTimeout');
    expect((await sqs.send(new GetQueueUrlCommand({ QueueName: 'orders' }))).QueueUrl).toBe(QueueUrl);
  });

  it('answers every attribute, with defaults, counts, timestamps and the ARN', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'attrs' }));
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }));
    expect(Attributes).toMatchObject({
      QueueArn: 'arn:aws:sqs:us-east-1:000000000000:attrs', ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0',
      ApproximateNumberOfMessagesDelayed: '0', DelaySeconds: '0', MaximumMessageSize: '1048576', MessageRetentionPeriod: '345600',
      ReceiveMessageWaitTimeSeconds: '0', VisibilityTimeout: '30', SqsManagedSseEnabled: 'true',
    });
    expect(Number(Attributes!.CreatedTimestamp)).toBeGreaterThan(1_600_000_000);
    const one = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
    expect(one.Attributes).toEqual({ QueueArn: 'arn:aws:sqs:us-east-1:000000000000:attrs' });
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { KmsMasterKeyId: 'alias/aws/sqs', DelaySeconds: '5' } }));
    const after = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }));
    expect(after.Attributes).toMatchObject({ KmsMasterKeyId: 'alias/aws/sqs', KmsDataKeyReusePeriodSeconds: '300', SqsManagedSseEnabled: 'false', DelaySeconds: '5' });
  });

  it('rejects bad attributes with AWS\'s errors', async () => {
    await rejects(sqs.send(new CreateQueueCommand({ QueueName: 'bad', Attributes: { DelaySeconds: '901' } })), 'InvalidAttributeValue', 400, 'Invalid value for the parameter DelaySeconds.');
    await rejects(sqs.send(new CreateQueueCommand({ QueueName: 'bad', Attributes: { Nope: '1' } as any })), 'InvalidAttributeName', 400, 'Unknown Attribute Nope.');
    await rejects(sqs.send(new CreateQueueCommand({ QueueName: 'bad', Attributes: { ContentBasedDeduplication: 'true' } })), 'InvalidAttributeName', 400);
    await rejects(sqs.send(new CreateQueueCommand({ QueueName: 'bad', Attributes: { Policy: '{not json' } })), 'InvalidAttributeValue', 400);
    await rejects(sqs.send(new CreateQueueCommand({ QueueName: 'bad name!' })), 'InvalidParameterValue', 400);
    const err = await rejects(sqs.send(new CreateQueueCommand({ QueueName: 'r', Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:missing', maxReceiveCount: 3 }) } })), 'InvalidParameterValue', 400);
    expect(err.message).toContain('Dead letter target does not exist.');
  });

  it('lists queues by prefix, in pages', async () => {
    for (const n of ['list-a', 'list-b', 'list-c']) await sqs.send(new CreateQueueCommand({ QueueName: n }));
    const all = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'list-' }));
    expect(all.QueueUrls).toEqual(['a', 'b', 'c'].map((x) => `${kanri.url}/000000000000/list-${x}`));
    expect(all.NextToken).toBeUndefined();
    const first = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'list-', MaxResults: 2 }));
    expect(first.QueueUrls).toHaveLength(2);
    const second = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'list-', MaxResults: 2, NextToken: first.NextToken }));
    expect(second.QueueUrls).toEqual([`${kanri.url}/000000000000/list-c`]);
    expect(second.NextToken).toBeUndefined();
    expect((await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'zzz' }))).QueueUrls).toBeUndefined();
  });

  it('accepts a QueueUrl in its usual forms', async () => {
    await sqs.send(new CreateQueueCommand({ QueueName: 'forms' }));
    const local = new SQSClient({ ...sdkConfig(kanri), useQueueUrlAsEndpoint: false });
    for (const url of ['https://sqs.us-east-1.amazonaws.com/000000000000/forms', 'http://localhost:4566/000000000000/forms', '/000000000000/forms']) {
      const { Attributes } = await local.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
      expect(Attributes!.QueueArn).toBe('arn:aws:sqs:us-east-1:000000000000:forms');
    }
  });

  it('tags, untags and lists tags', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'tagged', tags: { team: 'a' } }));
    await sqs.send(new TagQueueCommand({ QueueUrl, Tags: { env: 'prod' } }));
    expect((await sqs.send(new ListQueueTagsCommand({ QueueUrl }))).Tags).toEqual({ team: 'a', env: 'prod' });
    await sqs.send(new UntagQueueCommand({ QueueUrl, TagKeys: ['team'] }));
    expect((await sqs.send(new ListQueueTagsCommand({ QueueUrl }))).Tags).toEqual({ env: 'prod' });
  });

  it('edits the policy with AddPermission and RemovePermission', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'perms' }));
    await sqs.send(new AddPermissionCommand({ QueueUrl, Label: 'p1', AWSAccountIds: ['111122223333'], Actions: ['SendMessage'] }));
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['Policy'] }));
    const policy = JSON.parse(Attributes!.Policy!);
    expect(policy.Statement).toEqual([{ Sid: 'p1', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'SQS:SendMessage', Resource: 'arn:aws:sqs:us-east-1:000000000000:perms' }]);
    await rejects(sqs.send(new AddPermissionCommand({ QueueUrl, Label: 'p1', AWSAccountIds: ['111122223333'], Actions: ['SendMessage'] })), 'InvalidParameterValue', 400);
    await sqs.send(new RemovePermissionCommand({ QueueUrl, Label: 'p1' }));
    expect((await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['Policy'] }))).Attributes).toBeUndefined();
  });

  it('deletes a queue; the name is reusable after 60 seconds on the clock', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'gone' }));
    await sqs.send(new DeleteQueueCommand({ QueueUrl }));
    await rejects(sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] })), 'QueueDoesNotExist', 400, 'The specified queue does not exist.');
    await rejects(sqs.send(new CreateQueueCommand({ QueueName: 'gone' })), 'QueueDeletedRecently', 400);
    await advanceClock(kanri, 'PT61S');
    await sqs.send(new CreateQueueCommand({ QueueName: 'gone' }));
  });

  it('allows one purge a minute', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'purged' }));
    await sqs.send(new PurgeQueueCommand({ QueueUrl }));
    await rejects(sqs.send(new PurgeQueueCommand({ QueueUrl })), 'PurgeQueueInProgress', 403);
  });

  it('gives the SDK v3 the modelled error and its query-era code', async () => {
    const err = await rejects(sqs.send(new GetQueueUrlCommand({ QueueName: 'nope' })), 'QueueDoesNotExist', 400, 'The specified queue does not exist.');
    expect(err.Code).toBe('AWS.SimpleQueueService.NonExistentQueue');
    expect(err.Type).toBe('Sender');
  });

  it('gives boto3 the query-era codes, as AWS does', async () => {
    const out = await boto3(kanri, `
import boto3, json, os
c = boto3.client('sqs', endpoint_url=os.environ['KANRI_URL'])
codes = []
for call in (lambda: c.get_queue_url(QueueName='nope'),
             lambda: c.create_queue(QueueName='orders', Attributes={'VisibilityTimeout': '1'}),
             lambda: c.delete_message(QueueUrl=c.get_queue_url(QueueName='orders')['QueueUrl'], ReceiptHandle='garbage')):
    try:
        call()
    except c.exceptions.QueueDoesNotExist as e:
        codes.append(['QueueDoesNotExist', e.response['Error']['Code']])
    except Exception as e:
        codes.append([type(e).__name__, e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode']])
print(json.dumps(codes))`);
    expect(out).toEqual([
      ['QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue'],
      ['QueueNameExists', 'QueueAlreadyExists', 400],
      ['ReceiptHandleIsInvalid', 'ReceiptHandleIsInvalid', 404],
    ]);
  });

  it('works with the aws CLI, whose errors name the query-era code', async () => {
    const { QueueUrl } = await awsCli(kanri, ['sqs', 'create-queue', '--queue-name', 'cli', '--attributes', 'DelaySeconds=0']);
    expect(QueueUrl).toBe(`${kanri.url}/000000000000/cli`);
    await awsCli(kanri, ['sqs', 'send-message', '--queue-url', QueueUrl, '--message-body', 'from the cli']);
    const got = await awsCli(kanri, ['sqs', 'receive-message', '--queue-url', QueueUrl, '--attribute-names', 'All']);
    expect(got.Messages[0]).toMatchObject({ Body: 'from the cli', Attributes: { ApproximateReceiveCount: '1' } });
    const err = await awsCli(kanri, ['sqs', 'get-queue-url', '--queue-name', 'nope']).catch((e) => e);
    expect(err.stderr).toContain('(AWS.SimpleQueueService.NonExistentQueue) when calling the GetQueueUrl operation: The specified queue does not exist.');
  });
});
