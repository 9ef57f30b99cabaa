// AWS Config end to end with real clients: a recorder and a delivery channel (bucket, topic, SQS
// subscriber); a VPC, a security group and an instance with a volume go through their changes, and
// the items, relationships, notifications, snapshot and history files are checked as a user sees them.
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as C from '@aws-sdk/client-config-service';
import * as E from '@aws-sdk/client-ec2';
import { CreateBucketCommand, DeleteBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client, DeleteObjectCommand } from '@aws-sdk/client-s3';
import { CreateTopicCommand, DeleteTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { advanceClock, type Kanri, rejects, sdkConfig, startTestKanri } from './harness';

let kanri: Kanri;
let cfg: C.ConfigServiceClient;
let ec2: E.EC2Client;
let s3: S3Client;
let sqs: SQSClient;
let queueUrl: string;
let topicArn: string;
const ROLE = 'arn:aws:iam::000000000000:role/config-role';

const settle = async () => {
  await kanri.platform.outbox.drain();
  await new Promise((r) => setTimeout(r, 50));
};

async function history(type: string, id: string): Promise<C.ConfigurationItem[]> {
  const out: C.ConfigurationItem[] = [];
  let nextToken: string | undefined;
  do {
    const page = await cfg.send(new C.GetResourceConfigHistoryCommand({ resourceType: type as C.ResourceType, resourceId: id, chronologicalOrder: 'Forward', limit: 3, nextToken }));
    out.push(...page.configurationItems!);
    nextToken = page.nextToken;
  } while (nextToken);
  return out;
}

async function notifications(): Promise<any[]> {
  const got: any[] = [];
  for (;;) {
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
    if (!Messages?.length) return got;
    for (const m of Messages) {
      const envelope = JSON.parse(m.Body!);
      got.push({ subject: envelope.Subject, ...JSON.parse(envelope.Message) });
      await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle }));
    }
  }
}

async function readGzipJson(key: string): Promise<any> {
  const obj = await s3.send(new GetObjectCommand({ Bucket: 'config-bucket', Key: key }));
  return JSON.parse(gunzipSync(Buffer.from(await obj.Body!.transformToByteArray())).toString());
}

const rels = (item: C.ConfigurationItem) => item.relationships!.map((r) => `${r.relationshipName} ${r.resourceId}`);
const conf = (item: C.ConfigurationItem) => JSON.parse(item.configuration ?? 'null');

beforeAll(async () => {
  kanri = await startTestKanri();
  cfg = new C.ConfigServiceClient(sdkConfig(kanri));
  ec2 = new E.EC2Client(sdkConfig(kanri));
  s3 = new S3Client({ ...sdkConfig(kanri), forcePathStyle: true });
  sqs = new SQSClient(sdkConfig(kanri));
  const sns = new SNSClient(sdkConfig(kanri));
  await s3.send(new CreateBucketCommand({ Bucket: 'config-bucket' }));
  topicArn = (await sns.send(new CreateTopicCommand({ Name: 'config-stream' }))).TopicArn!;
  queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'config-stream' }))).QueueUrl!;
  await sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: 'arn:aws:sqs:us-east-1:000000000000:config-stream' }));
});
afterAll(() => kanri?.stop());

describe('Config recorder and delivery channel', () => {
  it('checks recorders and channels as AWS does', async () => {
    await rejects(cfg.send(new C.PutDeliveryChannelCommand({ DeliveryChannel: { name: 'default', s3BucketName: 'config-bucket' } })),
      'NoAvailableConfigurationRecorderException', 400);
    await rejects(cfg.send(new C.PutConfigurationRecorderCommand({ ConfigurationRecorder: { name: 'default', roleARN: ROLE, recordingGroup: { allSupported: true, resourceTypes: ['AWS::EC2::VPC'] } } })),
      'InvalidRecordingGroupException', 400);
    await cfg.send(new C.PutConfigurationRecorderCommand({ ConfigurationRecorder: { name: 'default', roleARN: ROLE, recordingGroup: { allSupported: true, includeGlobalResourceTypes: true } } }));
    await rejects(cfg.send(new C.PutConfigurationRecorderCommand({ ConfigurationRecorder: { name: 'second', roleARN: ROLE } })), 'MaxNumberOfConfigurationRecordersExceededException', 400);
    await rejects(cfg.send(new C.StartConfigurationRecorderCommand({ ConfigurationRecorderName: 'default' })), 'NoAvailableDeliveryChannelException', 400);
    await rejects(cfg.send(new C.PutDeliveryChannelCommand({ DeliveryChannel: { name: 'default', s3BucketName: 'no-such-bucket' } })), 'NoSuchBucketException', 400);
    await rejects(cfg.send(new C.PutDeliveryChannelCommand({ DeliveryChannel: { name: 'default', s3BucketName: 'config-bucket', snsTopicARN: 'arn:aws:sns:us-east-1:000000000000:nope' } })),
      'InvalidSNSTopicARNException', 400);
    await cfg.send(new C.PutDeliveryChannelCommand({
      DeliveryChannel: { name: 'default', s3BucketName: 'config-bucket', snsTopicARN: topicArn, configSnapshotDeliveryProperties: { deliveryFrequency: 'TwentyFour_Hours' } },
    }));
    const { ConfigurationRecorders } = await cfg.send(new C.DescribeConfigurationRecordersCommand({}));
    expect(ConfigurationRecorders).toEqual([{
      arn: expect.stringMatching(/^arn:aws:config:us-east-1:000000000000:configuration-recorder\/default\/[0-9a-f]{16}$/), name: 'default', roleARN: ROLE,
      recordingGroup: { allSupported: true, includeGlobalResourceTypes: true, resourceTypes: [], exclusionByResourceTypes: { resourceTypes: [] }, recordingStrategy: { useOnly: 'ALL_SUPPORTED_RESOURCE_TYPES' } },
      recordingMode: { recordingFrequency: 'CONTINUOUS', recordingModeOverrides: [] }, recordingScope: 'PAID',
    }]);
    const before = await cfg.send(new C.DescribeConfigurationRecorderStatusCommand({}));
    expect(before.ConfigurationRecordersStatus![0]).toMatchObject({ name: 'default', recording: false, lastStatus: 'Pending' });
    await rejects(cfg.send(new C.DescribeConfigurationRecordersCommand({ ConfigurationRecorderNames: ['other'] })), 'NoSuchConfigurationRecorderException', 400);
  });
});

describe('Config records a VPC, a security group, an instance and its volume', () => {
  let vpc: string, sg: string, instance: string, volume: string, subnet: string;

  it('discovers what exists when it starts, then records every change', async () => {
    vpc = (await ec2.send(new E.CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
    await cfg.send(new C.StartConfigurationRecorderCommand({ ConfigurationRecorderName: 'default' }));
    const status = await cfg.send(new C.DescribeConfigurationRecorderStatusCommand({}));
    expect(status.ConfigurationRecordersStatus![0]).toMatchObject({ recording: true, lastStatus: 'Success' });
    const [discovered] = await history('AWS::EC2::VPC', vpc);
    expect(discovered).toMatchObject({ configurationItemStatus: 'ResourceDiscovered', version: '1.3', accountId: '000000000000', awsRegion: 'us-east-1', resourceType: 'AWS::EC2::VPC' });
    expect(conf(discovered)).toMatchObject({ vpcId: vpc, cidrBlock: '10.0.0.0/16' });

    const { Images } = await ec2.send(new E.DescribeImagesCommand({ Owners: ['amazon'], Filters: [{ Name: 'name', Values: ['al2023-ami-*-x86_64'] }] }));
    subnet = (await ec2.send(new E.CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.0.1.0/24' }))).Subnet!.SubnetId!;
    sg = (await ec2.send(new E.CreateSecurityGroupCommand({ VpcId: vpc, GroupName: 'web', Description: 'web servers' }))).GroupId!;
    const run = await ec2.send(new E.RunInstancesCommand({ ImageId: Images![0].ImageId, MinCount: 1, MaxCount: 1, SubnetId: subnet, SecurityGroupIds: [sg], InstanceType: 't3.micro' }));
    instance = run.Instances![0].InstanceId!;
    volume = (await ec2.send(new E.CreateVolumeCommand({ AvailabilityZone: run.Instances![0].Placement!.AvailabilityZone, Size: 8 }))).VolumeId!;
    await advanceClock(kanri, 'PT1M'); // running, available
    await ec2.send(new E.AttachVolumeCommand({ VolumeId: volume, InstanceId: instance, Device: '/dev/sdf' }));
    await advanceClock(kanri, 'PT1M');
    await ec2.send(new E.AuthorizeSecurityGroupIngressCommand({ GroupId: sg, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
    await ec2.send(new E.DetachVolumeCommand({ VolumeId: volume }));
    await advanceClock(kanri, 'PT1M');
    await ec2.send(new E.TerminateInstancesCommand({ InstanceIds: [instance] }));
    await advanceClock(kanri, 'PT10M');
    await settle();
  });

  it('keeps the exact sequence of items per resource', async () => {
    const sgItems = await history('AWS::EC2::SecurityGroup', sg);
    expect(sgItems.map((i) => i.configurationItemStatus)).toEqual(['OK', 'OK', 'OK', 'OK', 'OK']);
    expect(conf(sgItems[0])).toMatchObject({ groupId: sg, groupName: 'web', vpcId: vpc, ipPermissions: [] });
    expect(sgItems.map(rels)).toEqual([
      [`Is contained in Vpc ${vpc}`],
      [`Is associated with Instance ${instance}`, expect.stringMatching(/^Is associated with NetworkInterface eni-/), `Is contained in Vpc ${vpc}`],
      [`Is associated with Instance ${instance}`, expect.stringMatching(/^Is associated with NetworkInterface eni-/), `Is contained in Vpc ${vpc}`],
      [`Is associated with Instance ${instance}`, `Is contained in Vpc ${vpc}`],
      [`Is contained in Vpc ${vpc}`],
    ]);
    expect(conf(sgItems[2]).ipPermissions).toEqual([expect.objectContaining({ ipProtocol: 'tcp', fromPort: 443, toPort: 443, ipRanges: [expect.objectContaining({ cidrIp: '0.0.0.0/0' })] })]);
    const ids = sgItems.map((i) => Number(i.configurationStateId));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    expect(sgItems[2].relatedEvents).toHaveLength(1); // the CloudTrail event of AuthorizeSecurityGroupIngress
    expect(sgItems[2].configurationItemMD5Hash).toMatch(/^[0-9a-f]{32}$/);

    const instanceItems = await history('AWS::EC2::Instance', instance);
    expect(instanceItems.map((i) => [i.configurationItemStatus, conf(i)?.state?.name ?? null])).toEqual([
      ['OK', 'pending'], ['OK', 'running'], ['OK', 'running'], ['OK', 'running'], ['OK', 'shutting-down'], ['ResourceDeleted', null],
    ]);
    expect(instanceItems[0].availabilityZone).toMatch(/^us-east-1[a-f]$/);
    expect(instanceItems[0].resourceCreationTime).toBeInstanceOf(Date);
    expect(rels(instanceItems[2])).toContain(`Is attached to Volume ${volume}`);
    expect(rels(instanceItems[3])).not.toContain(`Is attached to Volume ${volume}`);
    expect(rels(instanceItems[0])).toEqual(expect.arrayContaining([`Is associated with SecurityGroup ${sg}`, `Is contained in Subnet ${subnet}`, `Is contained in Vpc ${vpc}`]));
    expect(instanceItems[5].relationships).toEqual([]);

    const volumeItems = await history('AWS::EC2::Volume', volume);
    expect(volumeItems.map((i) => [i.configurationItemStatus, conf(i).state, rels(i)])).toEqual([
      ['OK', 'creating', []], ['OK', 'available', []], ['OK', 'in-use', [`Is attached to Instance ${instance}`]], ['OK', 'available', []],
    ]);
  });

  it('keeps relationships in both directions', async () => {
    const [vpcNow] = (await cfg.send(new C.GetResourceConfigHistoryCommand({ resourceType: 'AWS::EC2::VPC', resourceId: vpc, limit: 1 }))).configurationItems!;
    expect(rels(vpcNow)).toEqual(expect.arrayContaining([`Contains SecurityGroup ${sg}`, `Contains Subnet ${subnet}`]));
    expect(rels(vpcNow)).not.toContain(`Contains Instance ${instance}`);
    const vpcAll = await history('AWS::EC2::VPC', vpc);
    expect(vpcAll.some((i) => rels(i).includes(`Contains Instance ${instance}`))).toBe(true);
  });

  it('answers the discovery queries', async () => {
    const list = await cfg.send(new C.ListDiscoveredResourcesCommand({ resourceType: 'AWS::EC2::Instance' }));
    expect(list.resourceIdentifiers).toEqual([]);
    const withDeleted = await cfg.send(new C.ListDiscoveredResourcesCommand({ resourceType: 'AWS::EC2::Instance', includeDeletedResources: true }));
    expect(withDeleted.resourceIdentifiers).toEqual([expect.objectContaining({ resourceId: instance, resourceDeletionTime: expect.any(Date) })]);
    const counts = await cfg.send(new C.GetDiscoveredResourceCountsCommand({ resourceTypes: ['AWS::EC2::Volume', 'AWS::EC2::SecurityGroup'] }));
    // The root volume is not one EC2 records; the default VPC's and the new VPC's default groups are.
    expect(counts.resourceCounts).toEqual([{ resourceType: 'AWS::EC2::Volume', count: 1 }, { resourceType: 'AWS::EC2::SecurityGroup', count: 3 }]);
    const batch = await cfg.send(new C.BatchGetResourceConfigCommand({ resourceKeys: [{ resourceType: 'AWS::EC2::SecurityGroup', resourceId: sg }, { resourceType: 'AWS::EC2::Instance', resourceId: instance }] }));
    expect(batch.baseConfigurationItems!.map((i) => i.resourceId)).toEqual([sg]);
    await rejects(cfg.send(new C.GetResourceConfigHistoryCommand({ resourceType: 'AWS::EC2::VPC', resourceId: 'vpc-00000000000000000' })), 'ResourceNotDiscoveredException', 400);
    const newest = await cfg.send(new C.GetResourceConfigHistoryCommand({ resourceType: 'AWS::EC2::SecurityGroup', resourceId: sg, limit: 1 }));
    expect(conf(newest.configurationItems![0]).ipPermissions).toHaveLength(1);
  });

  it('answers advanced queries (SelectResourceConfig) over the current items', async () => {
    const select = async (Expression: string) => {
      const out = await cfg.send(new C.SelectResourceConfigCommand({ Expression }));
      return { rows: out.Results!.map((r) => JSON.parse(r)), fields: out.QueryInfo!.SelectFields!.map((f) => f.Name) };
    };
    const open = await select("SELECT resourceId, configuration.groupName WHERE resourceType = 'AWS::EC2::SecurityGroup' AND configuration.ipPermissions.fromPort = 443");
    expect(open.rows).toEqual([{ resourceId: sg, configuration: { groupName: 'web' } }]);
    expect(open.fields).toEqual(['resourceId', 'configuration.groupName']);
    const counts = await select("SELECT resourceType, COUNT(*) WHERE resourceType IN ('AWS::EC2::SecurityGroup', 'AWS::EC2::Volume') GROUP BY resourceType ORDER BY COUNT(*) DESC");
    expect(counts.rows).toEqual([{ resourceType: 'AWS::EC2::SecurityGroup', 'COUNT(*)': 3 }, { resourceType: 'AWS::EC2::Volume', 'COUNT(*)': 1 }]);
    const inCidr = await select("SELECT resourceId WHERE resourceType = 'AWS::EC2::Subnet' AND configuration.cidrBlock = '10.0.0.0/16'");
    expect(inCidr.rows).toEqual([{ resourceId: subnet }]); // a CIDR literal matches the blocks inside it
    const like = await select("SELECT resourceId WHERE resourceType = 'AWS::EC2::SecurityGroup' AND configuration.groupName LIKE 'web%'");
    expect(like.rows).toEqual([{ resourceId: sg }]);
    await rejects(cfg.send(new C.SelectResourceConfigCommand({ Expression: "SELECT resourceId WHERE configuration.cidrBlock LIKE '10.0%'" })), 'InvalidExpressionException', 400);
    const gone = await select(`SELECT resourceId WHERE resourceId = '${instance}'`);
    expect(gone.rows).toEqual([]); // terminated: no longer a current item
    await rejects(cfg.send(new C.SelectResourceConfigCommand({ Expression: 'SELECT FROM WHERE' })), 'InvalidExpressionException', 400);
    await rejects(cfg.send(new C.SelectResourceConfigCommand({ Expression: "SELECT resourceId WHERE configuration.noSuchProperty = 'x'" })), 'InvalidExpressionException', 400);
  });

  it('sends each item to the topic with its diff', async () => {
    const all = await notifications();
    const changes = all.filter((n) => n.messageType === 'ConfigurationItemChangeNotification');
    const forSg = changes.filter((n) => n.configurationItem.resourceId === sg);
    expect(forSg).toHaveLength(5);
    expect(forSg[0]).toMatchObject({ recordVersion: '1.3', configurationItemDiff: { changedProperties: {}, changeType: 'CREATE' } });
    expect(forSg[0].subject).toBe(`[AWS Config:us-east-1] AWS::EC2::SecurityGroup ${sg} Created in Account 000000000000`);
    expect(forSg[0].configurationItem).toMatchObject({ configurationItemVersion: '1.3', awsAccountId: '000000000000', configurationItemStatus: 'OK', ARN: `arn:aws:ec2:us-east-1:000000000000:security-group/${sg}` });
    const rule = forSg[2].configurationItemDiff;
    expect(rule.changeType).toBe('UPDATE');
    expect(rule.changedProperties['Configuration.IpPermissions.0']).toEqual({
      previousValue: null, updatedValue: expect.objectContaining({ ipProtocol: 'tcp', fromPort: 443 }), changeType: 'CREATE',
    });
    const removed = forSg[4].configurationItemDiff.changedProperties;
    expect(Object.values(removed)).toEqual([{ previousValue: expect.objectContaining({ resourceId: instance, name: 'Is associated with Instance' }), updatedValue: null, changeType: 'DELETE' }]);
    const deleted = changes.find((n) => n.configurationItem.resourceId === instance && n.configurationItem.configurationItemStatus === 'ResourceDeleted');
    expect(deleted.configurationItemDiff.changeType).toBe('DELETE');
    const status = await cfg.send(new C.DescribeDeliveryChannelStatusCommand({}));
    expect(status.DeliveryChannelsStatus![0].configStreamDeliveryInfo).toMatchObject({ lastStatus: 'Success' });
  });

  it('delivers a snapshot on request, and history files every 6 hours', async () => {
    const { configSnapshotId } = await cfg.send(new C.DeliverConfigSnapshotCommand({ deliveryChannelName: 'default' }));
    await new Promise((r) => setTimeout(r, 200));
    const objects = (await s3.send(new ListObjectsV2Command({ Bucket: 'config-bucket', Prefix: 'AWSLogs/000000000000/Config/us-east-1/' }))).Contents ?? [];
    const snapshotKey = objects.map((o) => o.Key!).find((k) => k.includes('/ConfigSnapshot/'))!;
    expect(snapshotKey).toMatch(new RegExp(`^AWSLogs/000000000000/Config/us-east-1/\\d{4}/\\d{1,2}/\\d{1,2}/ConfigSnapshot/000000000000_Config_us-east-1_ConfigSnapshot_\\d{8}T\\d{6}Z_${configSnapshotId}\\.json\\.gz$`));
    const snapshot = await readGzipJson(snapshotKey);
    expect(snapshot).toMatchObject({ fileVersion: '1.0', configSnapshotId });
    const ids = snapshot.configurationItems.map((i: any) => i.resourceId);
    expect(ids).toEqual(expect.arrayContaining([vpc, sg, volume]));
    expect(ids).not.toContain(instance);
    const framing = (await notifications()).map((n) => n.messageType);
    expect(framing).toEqual(['ConfigSnapshotDeliveryStarted', 'ConfigSnapshotDeliveryCompleted']);

    await advanceClock(kanri, 'PT6H');
    await new Promise((r) => setTimeout(r, 300));
    const after = (await s3.send(new ListObjectsV2Command({ Bucket: 'config-bucket', Prefix: 'AWSLogs/' }))).Contents!.map((o) => o.Key!);
    const historyKeys = after.filter((k) => k.includes('/ConfigHistory/'));
    expect(historyKeys).toEqual(expect.arrayContaining([
      expect.stringMatching(/ConfigHistory\/000000000000_Config_us-east-1_ConfigHistory_AWS::EC2::SecurityGroup_\d{8}T\d{6}Z_\d{8}T\d{6}Z_1\.json\.gz$/),
      expect.stringMatching(/_ConfigHistory_AWS::EC2::Instance_/),
    ]));
    const sgFile = await readGzipJson(historyKeys.find((k) => k.includes('SecurityGroup'))!);
    expect(sgFile.fileVersion).toBe('1.0');
    expect(sgFile.configurationItems.filter((i: any) => i.resourceId === sg)).toHaveLength(5);
    const done = (await notifications()).filter((n) => n.messageType === 'ConfigHistoryDeliveryCompleted');
    expect(done.map((n) => n.s3ObjectKey).sort()).toEqual(historyKeys.sort());
    const status = (await cfg.send(new C.DescribeDeliveryChannelStatusCommand({}))).DeliveryChannelsStatus![0];
    expect(status.configHistoryDeliveryInfo).toMatchObject({ lastStatus: 'Success', lastSuccessfulTime: expect.any(Date) });
    expect(status.configSnapshotDeliveryInfo).toMatchObject({ lastStatus: 'Success' });
  });

  it('reports a failing delivery while the bucket is gone, and recovers', async () => {
    const keys = (await s3.send(new ListObjectsV2Command({ Bucket: 'config-bucket' }))).Contents ?? [];
    for (const o of keys) await s3.send(new DeleteObjectCommand({ Bucket: 'config-bucket', Key: o.Key }));
    await s3.send(new DeleteBucketCommand({ Bucket: 'config-bucket' }));
    await cfg.send(new C.DeliverConfigSnapshotCommand({ deliveryChannelName: 'default' }));
    await new Promise((r) => setTimeout(r, 200));
    let status = (await cfg.send(new C.DescribeDeliveryChannelStatusCommand({}))).DeliveryChannelsStatus![0];
    expect(status.configSnapshotDeliveryInfo).toMatchObject({ lastStatus: 'Failure', lastErrorCode: 'NoSuchBucket' });
    await s3.send(new CreateBucketCommand({ Bucket: 'config-bucket' }));
    await cfg.send(new C.DeliverConfigSnapshotCommand({ deliveryChannelName: 'default' }));
    await new Promise((r) => setTimeout(r, 200));
    status = (await cfg.send(new C.DescribeDeliveryChannelStatusCommand({}))).DeliveryChannelsStatus![0];
    expect(status.configSnapshotDeliveryInfo).toMatchObject({ lastStatus: 'Success' });
    await notifications();
  });

  it('delivers periodic snapshots per deliveryFrequency, and oversized items by reference', async () => {
    await advanceClock(kanri, 'P1D');
    await new Promise((r) => setTimeout(r, 300));
    const periodic = (await notifications()).map((n) => n.messageType);
    expect(periodic).toEqual(expect.arrayContaining(['ConfigSnapshotDeliveryStarted', 'ConfigSnapshotDeliveryCompleted']));

    const big = JSON.stringify({ blob: 'x'.repeat(300 * 1024) });
    await cfg.send(new C.PutResourceConfigCommand({ ResourceType: 'MyCorp::App::Blob', SchemaVersionId: '1', ResourceId: 'blob-1', Configuration: big }));
    await new Promise((r) => setTimeout(r, 200));
    const [oversized] = (await notifications()).filter((n) => n.messageType === 'OversizedConfigurationItemChangeNotification');
    expect(oversized).toMatchObject({
      recordVersion: '1.0', configurationItemSummary: { changeType: 'CREATE', resourceType: 'MyCorp::App::Blob', resourceId: 'blob-1', configurationItemStatus: 'OK' },
      s3DeliverySummary: { s3BucketLocation: expect.stringMatching(/^config-bucket\/AWSLogs\/000000000000\/Config\/us-east-1\/.*\/OversizedChangeNotification\//), errorCode: null },
    });
    const key = oversized.s3DeliverySummary.s3BucketLocation.slice('config-bucket/'.length);
    expect((await readGzipJson(key)).configuration.blob).toHaveLength(300 * 1024);
    const [stored] = (await cfg.send(new C.GetResourceConfigHistoryCommand({ resourceType: 'MyCorp::App::Blob' as C.ResourceType, resourceId: 'blob-1' }))).configurationItems!;
    expect(stored.configuration).toBe(big);
  });

  it('reports the stream failing once its topic is gone', async () => {
    await new SNSClient(sdkConfig(kanri)).send(new DeleteTopicCommand({ TopicArn: topicArn }));
    await cfg.send(new C.PutResourceConfigCommand({ ResourceType: 'MyCorp::App::Blob', SchemaVersionId: '1', ResourceId: 'blob-2', Configuration: '{"small":true}' }));
    const status = (await cfg.send(new C.DescribeDeliveryChannelStatusCommand({}))).DeliveryChannelsStatus![0];
    expect(status.configStreamDeliveryInfo).toMatchObject({ lastStatus: 'Failure', lastErrorCode: 'NotFoundException', lastStatusChangeTime: expect.any(Date) });
    expect(await history('MyCorp::App::Blob', 'blob-2')).toHaveLength(1); // the item is kept all the same
  });
});
