// The recording group and mode as a user sets them: global IAM types in one region, named and
// excluded types (ResourceNotRecorded, ResourceDeletedNotRecorded), daily recording, stop/start,
// custom resource types, service-linked recorders and tags on recorders.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as C from '@aws-sdk/client-config-service';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, DeleteQueueCommand, SetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { CreateUserCommand, IAMClient, TagUserCommand } from '@aws-sdk/client-iam';
import { CreateTopicCommand, SetTopicAttributesCommand, SNSClient } from '@aws-sdk/client-sns';
import { advanceClock, type Kanri, rejects, sdkConfig, startTestKanri } from './harness';

let kanri: Kanri;
let cfg: C.ConfigServiceClient;
let west: C.ConfigServiceClient;
const ROLE = 'arn:aws:iam::000000000000:role/config-role';
const settle = async () => {
  await kanri.platform.outbox.drain();
  await new Promise((r) => setTimeout(r, 30));
};
const statuses = async (client: C.ConfigServiceClient, type: string, id: string) =>
  (await client.send(new C.GetResourceConfigHistoryCommand({ resourceType: type as C.ResourceType, resourceId: id, chronologicalOrder: 'Forward', limit: 100 })))
    .configurationItems!.map((i) => i.configurationItemStatus);
const queueId = (name: string) => `https://sqs.us-east-1.amazonaws.com/000000000000/${name}`;

async function enable(client: C.ConfigServiceClient, region: string, recordingGroup: C.RecordingGroup, recordingMode?: C.RecordingMode) {
  await new S3Client({ ...sdkConfig(kanri, region), forcePathStyle: true }).send(new CreateBucketCommand({ Bucket: `config-${region}`, CreateBucketConfiguration: region === 'us-east-1' ? undefined : { LocationConstraint: region as any } }));
  await client.send(new C.PutConfigurationRecorderCommand({ ConfigurationRecorder: { name: 'default', roleARN: ROLE, recordingGroup, recordingMode }, Tags: [{ Key: 'team', Value: 'ops' }] }));
  await client.send(new C.PutDeliveryChannelCommand({ DeliveryChannel: { name: 'default', s3BucketName: `config-${region}` } }));
  await client.send(new C.StartConfigurationRecorderCommand({ ConfigurationRecorderName: 'default' }));
}

beforeAll(async () => {
  kanri = await startTestKanri();
  cfg = new C.ConfigServiceClient(sdkConfig(kanri));
  west = new C.ConfigServiceClient(sdkConfig(kanri, 'us-west-2'));
});
afterAll(() => kanri?.stop());

describe('Config recording groups and modes', () => {
  it('records global IAM types only where the group includes them', async () => {
    const iam = new IAMClient(sdkConfig(kanri));
    await iam.send(new CreateUserCommand({ UserName: 'before' }));
    await enable(cfg, 'us-east-1', { allSupported: true, includeGlobalResourceTypes: true });
    await enable(west, 'us-west-2', { allSupported: true, includeGlobalResourceTypes: false });
    const user = await iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await iam.send(new TagUserCommand({ UserName: 'alice', Tags: [{ Key: 'env', Value: 'prod' }] }));
    await settle();
    const east = await cfg.send(new C.ListDiscoveredResourcesCommand({ resourceType: 'AWS::IAM::User' }));
    expect(east.resourceIdentifiers!.map((r) => r.resourceName).sort()).toEqual(['alice', 'before']);
    const history = await cfg.send(new C.GetResourceConfigHistoryCommand({ resourceType: 'AWS::IAM::User', resourceId: user.User!.UserId! }));
    expect(history.configurationItems!.map((i) => [i.configurationItemStatus, i.awsRegion, i.tags])).toEqual([['OK', 'global', { env: 'prod' }], ['OK', 'global', {}]]);
    expect((await west.send(new C.ListDiscoveredResourcesCommand({ resourceType: 'AWS::IAM::User' }))).resourceIdentifiers).toEqual([]);
  });

  it('marks a type that leaves the group ResourceNotRecorded, and its deletion ResourceDeletedNotRecorded', async () => {
    const sqs = new SQSClient(sdkConfig(kanri));
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'leaving' }));
    await settle();
    await cfg.send(new C.PutConfigurationRecorderCommand({ ConfigurationRecorder: { name: 'default', roleARN: ROLE, recordingGroup: {
      allSupported: false, exclusionByResourceTypes: { resourceTypes: ['AWS::SQS::Queue'] }, recordingStrategy: { useOnly: 'EXCLUSION_BY_RESOURCE_TYPES' } } } }));
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { VisibilityTimeout: '45' } }));
    await settle();
    expect(await statuses(cfg, 'AWS::SQS::Queue', queueId('leaving'))).toEqual(['OK', 'ResourceNotRecorded']);
    await sqs.send(new DeleteQueueCommand({ QueueUrl }));
    await settle();
    expect(await statuses(cfg, 'AWS::SQS::Queue', queueId('leaving'))).toEqual(['OK', 'ResourceNotRecorded', 'ResourceDeletedNotRecorded']);
    await sqs.send(new CreateQueueCommand({ QueueName: 'excluded' }));
    await settle();
    await rejects(cfg.send(new C.GetResourceConfigHistoryCommand({ resourceType: 'AWS::SQS::Queue', resourceId: queueId('excluded') })), 'ResourceNotDiscoveredException', 400);
    // Back in the group: what exists is discovered.
    await cfg.send(new C.PutConfigurationRecorderCommand({ ConfigurationRecorder: { name: 'default', roleARN: ROLE, recordingGroup: { allSupported: true, includeGlobalResourceTypes: true } } }));
    expect(await statuses(cfg, 'AWS::SQS::Queue', queueId('excluded'))).toEqual(['ResourceDiscovered']);
  });

  it('records named types only, and daily types once a day', async () => {
    await west.send(new C.PutConfigurationRecorderCommand({ ConfigurationRecorder: { name: 'default', roleARN: ROLE,
      recordingGroup: { allSupported: false, resourceTypes: ['AWS::SNS::Topic', 'AWS::SQS::Queue'], recordingStrategy: { useOnly: 'INCLUSION_BY_RESOURCE_TYPES' } },
      recordingMode: { recordingFrequency: 'CONTINUOUS', recordingModeOverrides: [{ resourceTypes: ['AWS::SNS::Topic'], recordingFrequency: 'DAILY' }] } } }));
    const sns = new SNSClient(sdkConfig(kanri, 'us-west-2'));
    const sqs = new SQSClient(sdkConfig(kanri, 'us-west-2'));
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'daily' }));
    await sns.send(new SetTopicAttributesCommand({ TopicArn, AttributeName: 'DisplayName', AttributeValue: 'Daily' }));
    await sqs.send(new CreateQueueCommand({ QueueName: 'continuous' }));
    await settle();
    const topics = () => west.send(new C.ListDiscoveredResourcesCommand({ resourceType: 'AWS::SNS::Topic' }));
    expect((await topics()).resourceIdentifiers).toEqual([]);
    expect((await west.send(new C.ListDiscoveredResourcesCommand({ resourceType: 'AWS::SQS::Queue' }))).resourceIdentifiers).toHaveLength(1);
    await advanceClock(kanri, 'P1D');
    await new Promise((r) => setTimeout(r, 100));
    expect((await topics()).resourceIdentifiers!.map((r) => r.resourceId)).toEqual([TopicArn]);
    const [item] = (await west.send(new C.GetResourceConfigHistoryCommand({ resourceType: 'AWS::SNS::Topic', resourceId: TopicArn }))).configurationItems!;
    expect(item).toMatchObject({ configurationItemStatus: 'OK', recordingFrequency: 'DAILY' });
    expect(JSON.parse(item.configuration!).DisplayName).toBe('Daily');
    expect(item.relatedEvents).toHaveLength(2);
  });

  it('records nothing while stopped, and what changed meanwhile when started again', async () => {
    const sqs = new SQSClient(sdkConfig(kanri));
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'pausing' }));
    await settle();
    await cfg.send(new C.StopConfigurationRecorderCommand({ ConfigurationRecorderName: 'default' }));
    expect((await cfg.send(new C.DescribeConfigurationRecorderStatusCommand({}))).ConfigurationRecordersStatus![0]).toMatchObject({ recording: false, lastStopTime: expect.any(Date) });
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { DelaySeconds: '5' } }));
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { DelaySeconds: '6' } }));
    await settle();
    expect(await statuses(cfg, 'AWS::SQS::Queue', queueId('pausing'))).toEqual(['OK']);
    await cfg.send(new C.StartConfigurationRecorderCommand({ ConfigurationRecorderName: 'default' }));
    await settle();
    const items = (await cfg.send(new C.GetResourceConfigHistoryCommand({ resourceType: 'AWS::SQS::Queue', resourceId: queueId('pausing'), chronologicalOrder: 'Forward' }))).configurationItems!;
    expect(items.map((i) => [i.configurationItemStatus, JSON.parse(i.configuration!).DelaySeconds])).toEqual([['OK', '0'], ['OK', '6']]);
  });

  it('records custom resource types with PutResourceConfig', async () => {
    await cfg.send(new C.PutResourceConfigCommand({ ResourceType: 'MyCorp::App::Server', SchemaVersionId: '00000001', ResourceId: 'srv-1', ResourceName: 'web', Configuration: '{"port":8080}', Tags: { tier: 'web' } }));
    await cfg.send(new C.PutResourceConfigCommand({ ResourceType: 'MyCorp::App::Server', SchemaVersionId: '00000001', ResourceId: 'srv-1', ResourceName: 'web', Configuration: '{"port":8443}' }));
    await cfg.send(new C.DeleteResourceConfigCommand({ ResourceType: 'MyCorp::App::Server', ResourceId: 'srv-1' }));
    const items = (await cfg.send(new C.GetResourceConfigHistoryCommand({ resourceType: 'MyCorp::App::Server' as C.ResourceType, resourceId: 'srv-1', chronologicalOrder: 'Forward' }))).configurationItems!;
    expect(items.map((i) => [i.configurationItemStatus, i.configuration && JSON.parse(i.configuration).port, i.resourceName])).toEqual([['OK', 8080, 'web'], ['OK', 8443, 'web'], ['ResourceDeleted', undefined, 'web']]);
    expect(items[0].tags).toEqual({ tier: 'web' });
    await rejects(cfg.send(new C.PutResourceConfigCommand({ ResourceType: 'AWS::EC2::Instance', SchemaVersionId: '1', ResourceId: 'i-1', Configuration: '{}' })), 'ValidationException', 400);
  });

  it('tags recorders, and keeps service-linked recorders apart', async () => {
    const [rec] = (await cfg.send(new C.DescribeConfigurationRecordersCommand({}))).ConfigurationRecorders!;
    expect((await cfg.send(new C.ListTagsForResourceCommand({ ResourceArn: rec.arn }))).Tags).toEqual([{ Key: 'team', Value: 'ops' }]);
    await cfg.send(new C.TagResourceCommand({ ResourceArn: rec.arn, Tags: [{ Key: 'cost', Value: '1' }] }));
    await cfg.send(new C.UntagResourceCommand({ ResourceArn: rec.arn, TagKeys: ['team'] }));
    expect((await cfg.send(new C.ListTagsForResourceCommand({ ResourceArn: rec.arn }))).Tags).toEqual([{ Key: 'cost', Value: '1' }]);
    await rejects(cfg.send(new C.ListTagsForResourceCommand({ ResourceArn: 'arn:aws:config:us-east-1:000000000000:config-rule/config-rule-nope' })), 'ResourceNotFoundException', 400);
    const linked = await cfg.send(new C.PutServiceLinkedConfigurationRecorderCommand({ ServicePrincipal: 'securityhub.amazonaws.com' }));
    const list = await cfg.send(new C.ListConfigurationRecordersCommand({}));
    expect(list.ConfigurationRecorderSummaries!.map((s) => s.recordingScope).sort()).toEqual(['INTERNAL', 'PAID']);
    expect((await cfg.send(new C.DeleteServiceLinkedConfigurationRecorderCommand({ ServicePrincipal: 'securityhub.amazonaws.com' }))).Arn).toBe(linked.Arn);
    await rejects(cfg.send(new C.DeleteDeliveryChannelCommand({ DeliveryChannelName: 'default' })), 'LastDeliveryChannelDeleteFailedException', 400);
  });

  it('offers current items and new ones to the rest of kanri (api.ts)', async () => {
    const api = require('../dist/services/config/api') as typeof import('../src/services/config/api');
    const seen: string[] = [];
    const off = api.onItemRecorded((item) => seen.push(`${item.resourceId} ${item.configurationItemStatus}`));
    const sqs = new SQSClient(sdkConfig(kanri));
    await sqs.send(new CreateQueueCommand({ QueueName: 'heard' }));
    await settle();
    off();
    expect(seen).toEqual([`${queueId('heard')} OK`]);
    const source = api.itemSource(kanri.platform, '000000000000', 'us-east-1');
    const queues = [...source.byType('AWS::SQS::Queue')];
    expect(queues.map((q) => q.resourceName)).toEqual(expect.arrayContaining(['heard', 'excluded', 'pausing']));
    expect(queues.map((q) => q.resourceName)).not.toContain('leaving');
    const [heard] = [...source.byId!(queueId('heard'))];
    expect(heard).toMatchObject({ version: '1.3', resourceType: 'AWS::SQS::Queue', configuration: { QueueName: 'heard' }, awsRegion: 'us-east-1' });
    expect([...source.all()].length).toBeGreaterThan(queues.length);
  });
});
