// Resource Groups and the tagging API through the SDK v3 and the AWS CLI: tag queries over the
// resources EC2, S3, SQS and SNS really hold, cross-service tagging, and groups' own lifecycle.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as EC2 from '@aws-sdk/client-ec2';
import * as S3 from '@aws-sdk/client-s3';
import * as SQS from '@aws-sdk/client-sqs';
import * as SNS from '@aws-sdk/client-sns';
import * as RG from '@aws-sdk/client-resource-groups';
import * as TG from '@aws-sdk/client-resource-groups-tagging-api';
import { awsCli, rejects, sdkConfig, startTestKanri, type Kanri } from './harness';

let kanri: Kanri;
let ec2: EC2.EC2Client, s3: S3.S3Client, sqs: SQS.SQSClient, sns: SNS.SNSClient, rg: RG.ResourceGroupsClient, tg: TG.ResourceGroupsTaggingAPIClient;
const ids: Record<string, string> = {};

beforeAll(async () => {
  kanri = await startTestKanri();
  const c = sdkConfig(kanri);
  ec2 = new EC2.EC2Client(c); s3 = new S3.S3Client({ ...c, forcePathStyle: true }); sqs = new SQS.SQSClient(c); sns = new SNS.SNSClient(c);
  rg = new RG.ResourceGroupsClient(c); tg = new TG.ResourceGroupsTaggingAPIClient(c);
  const team = (v: string) => [{ Key: 'team', Value: v }];
  const vpc = await ec2.send(new EC2.CreateVpcCommand({ CidrBlock: '10.9.0.0/16', TagSpecifications: [{ ResourceType: 'vpc', Tags: team('blue') }] }));
  ids.vpc = vpc.Vpc!.VpcId!;
  const image = (await ec2.send(new EC2.DescribeImagesCommand({ Owners: ['amazon'], Filters: [{ Name: 'architecture', Values: ['x86_64'] }] }))).Images![0].ImageId;
  const run = await ec2.send(new EC2.RunInstancesCommand({ ImageId: image, MinCount: 1, MaxCount: 1, InstanceType: 't3.micro',
    TagSpecifications: [{ ResourceType: 'instance', Tags: [...team('blue'), { Key: 'env', Value: 'prod' }] }] }));
  ids.instance = run.Instances![0].InstanceId!;
  await s3.send(new S3.CreateBucketCommand({ Bucket: 'rg-blue-bucket' }));
  await s3.send(new S3.PutBucketTaggingCommand({ Bucket: 'rg-blue-bucket', Tagging: { TagSet: team('blue') } }));
  await s3.send(new S3.CreateBucketCommand({ Bucket: 'rg-untagged-bucket' }));
  ids.queue = (await sqs.send(new SQS.CreateQueueCommand({ QueueName: 'rg-red', tags: { team: 'red' } }))).QueueUrl!;
  ids.topic = (await sns.send(new SNS.CreateTopicCommand({ Name: 'rg-topic' }))).TopicArn!;
});
afterAll(async () => { await kanri?.stop(); });

const arns = (list: { ResourceARN?: string }[] | undefined) => (list ?? []).map((r) => r.ResourceARN).sort();

describe('tagging API', () => {
  it('GetResources finds tagged resources across services, by tag and by type', async () => {
    const blue = await tg.send(new TG.GetResourcesCommand({ TagFilters: [{ Key: 'team', Values: ['blue'] }] }));
    expect(arns(blue.ResourceTagMappingList)).toEqual([
      `arn:aws:ec2:us-east-1:000000000000:instance/${ids.instance}`, `arn:aws:ec2:us-east-1:000000000000:vpc/${ids.vpc}`, 'arn:aws:s3:::rg-blue-bucket',
    ].sort());
    const instances = await tg.send(new TG.GetResourcesCommand({ ResourceTypeFilters: ['ec2:instance'], TagFilters: [{ Key: 'env' }] }));
    expect(instances.ResourceTagMappingList).toEqual([{ ResourceARN: `arn:aws:ec2:us-east-1:000000000000:instance/${ids.instance}`,
      Tags: expect.arrayContaining([{ Key: 'team', Value: 'blue' }, { Key: 'env', Value: 'prod' }]) }]);
    const s3Only = await tg.send(new TG.GetResourcesCommand({ ResourceTypeFilters: ['s3'] }));
    expect(arns(s3Only.ResourceTagMappingList)).toEqual(['arn:aws:s3:::rg-blue-bucket']); // the untagged bucket is not listed
    expect((await tg.send(new TG.GetTagKeysCommand({}))).TagKeys).toEqual(expect.arrayContaining(['team', 'env']));
    expect((await tg.send(new TG.GetTagValuesCommand({ Key: 'team' }))).TagValues).toEqual(['blue', 'red']);
  });

  it('pages with an opaque token', async () => {
    const first = await tg.send(new TG.GetResourcesCommand({ ResourcesPerPage: 2 }));
    expect(first.ResourceTagMappingList).toHaveLength(2);
    const second = await tg.send(new TG.GetResourcesCommand({ ResourcesPerPage: 2, PaginationToken: first.PaginationToken }));
    expect(arns([...first.ResourceTagMappingList!, ...second.ResourceTagMappingList!])).toEqual(arns((await tg.send(new TG.GetResourcesCommand({}))).ResourceTagMappingList).slice(0, 4));
    await rejects(tg.send(new TG.GetResourcesCommand({ PaginationToken: 'not-a-token' })), 'InvalidParameterException', 400);
  });

  it('TagResources tags through each service, and reports what it could not tag', async () => {
    const vpcArn = `arn:aws:ec2:us-east-1:000000000000:vpc/${ids.vpc}`;
    const out = await tg.send(new TG.TagResourcesCommand({ ResourceARNList: [vpcArn, ids.topic, 'arn:aws:s3:::rg-untagged-bucket', 'arn:aws:s3:::no-such-bucket-rg'], Tags: { cost: '42' } }));
    expect(Object.keys(out.FailedResourcesMap ?? {})).toEqual(['arn:aws:s3:::no-such-bucket-rg']);
    const vpc = (await ec2.send(new EC2.DescribeVpcsCommand({ VpcIds: [ids.vpc] }))).Vpcs![0];
    expect(vpc.Tags).toEqual(expect.arrayContaining([{ Key: 'cost', Value: '42' }, { Key: 'team', Value: 'blue' }]));
    expect((await sns.send(new SNS.ListTagsForResourceCommand({ ResourceArn: ids.topic }))).Tags).toEqual([{ Key: 'cost', Value: '42' }]);
    expect((await s3.send(new S3.GetBucketTaggingCommand({ Bucket: 'rg-untagged-bucket' }))).TagSet).toEqual([{ Key: 'cost', Value: '42' }]);
    const bad = await tg.send(new TG.TagResourcesCommand({ ResourceARNList: [vpcArn], Tags: { 'aws:reserved': 'x' } }));
    expect(bad.FailedResourcesMap?.[vpcArn]).toMatchObject({ StatusCode: 400, ErrorCode: 'InvalidParameterException' });
    await tg.send(new TG.UntagResourcesCommand({ ResourceARNList: [vpcArn, ids.topic, 'arn:aws:s3:::rg-untagged-bucket'], TagKeys: ['cost'] }));
    expect((await ec2.send(new EC2.DescribeVpcsCommand({ VpcIds: [ids.vpc] }))).Vpcs![0].Tags).toEqual([{ Key: 'team', Value: 'blue' }]);
    await rejects(s3.send(new S3.GetBucketTaggingCommand({ Bucket: 'rg-untagged-bucket' })), 'NoSuchTagSet', 404);
  });
});

describe('resource groups', () => {
  const query = (q: object) => ({ Type: 'TAG_FILTERS_1_0' as const, Query: JSON.stringify(q) });

  it('a tag-based group lists the right EC2 and S3 resources, and follows changes', async () => {
    const created = await rg.send(new RG.CreateGroupCommand({ Name: 'blue-team', Description: 'blue things',
      ResourceQuery: query({ ResourceTypeFilters: ['AWS::EC2::Instance', 'AWS::S3::Bucket'], TagFilters: [{ Key: 'team', Values: ['blue'] }] }), Tags: { owner: 'ops' } }));
    expect(created.Group).toEqual({ GroupArn: 'arn:aws:resource-groups:us-east-1:000000000000:group/blue-team', Name: 'blue-team', Description: 'blue things' });
    const list = async () => (await rg.send(new RG.ListGroupResourcesCommand({ Group: 'blue-team' }))).Resources!.map((r) => r.Identifier);
    expect(await list()).toEqual([
      { ResourceArn: `arn:aws:ec2:us-east-1:000000000000:instance/${ids.instance}`, ResourceType: 'AWS::EC2::Instance' },
      { ResourceArn: 'arn:aws:s3:::rg-blue-bucket', ResourceType: 'AWS::S3::Bucket' },
    ]);
    await ec2.send(new EC2.DeleteTagsCommand({ Resources: [ids.instance], Tags: [{ Key: 'team' }] }));
    expect((await list()).map((r) => r!.ResourceType)).toEqual(['AWS::S3::Bucket']);
    const all = await rg.send(new RG.SearchResourcesCommand({ ResourceQuery: query({ ResourceTypeFilters: ['AWS::AllSupported'], TagFilters: [{ Key: 'team' }] }) }));
    expect(all.ResourceIdentifiers!.map((r) => r.ResourceType).sort()).toEqual(['AWS::EC2::VPC', 'AWS::S3::Bucket', 'AWS::SQS::Queue']);
  });

  it('groups have their errors, tags, queries and a CloudFormation query that says what kanri lacks', async () => {
    await rejects(rg.send(new RG.CreateGroupCommand({ Name: 'blue-team', ResourceQuery: query({ TagFilters: [{ Key: 'a' }] }) })), 'BadRequestException', 400);
    await rejects(rg.send(new RG.CreateGroupCommand({ Name: 'bad-query', ResourceQuery: { Type: 'TAG_FILTERS_1_0', Query: '{not json' } })), 'BadRequestException', 400);
    await rejects(rg.send(new RG.GetGroupCommand({ Group: 'nope' })), 'NotFoundException', 404);
    const arn = 'arn:aws:resource-groups:us-east-1:000000000000:group/blue-team';
    await rg.send(new RG.TagCommand({ Arn: arn, Tags: { stage: 'beta' } }));
    expect((await rg.send(new RG.GetTagsCommand({ Arn: arn }))).Tags).toEqual({ owner: 'ops', stage: 'beta' });
    await rg.send(new RG.UpdateGroupQueryCommand({ Group: 'blue-team', ResourceQuery: query({ ResourceTypeFilters: ['AWS::SQS::Queue'], TagFilters: [{ Key: 'team', Values: ['red'] }] }) }));
    expect((await rg.send(new RG.ListGroupResourcesCommand({ Group: arn }))).Resources!.map((r) => r.Identifier!.ResourceType)).toEqual(['AWS::SQS::Queue']);
    const stack = await rg.send(new RG.SearchResourcesCommand({ ResourceQuery: { Type: 'CLOUDFORMATION_STACK_1_0',
      Query: JSON.stringify({ ResourceTypeFilters: ['AWS::AllSupported'], StackIdentifier: 'arn:aws:cloudformation:us-east-1:000000000000:stack/s/1' }) } }));
    expect(stack.QueryErrors![0].ErrorCode).toBe('CLOUDFORMATION_STACK_NOT_EXISTING');
    const cli = await awsCli(kanri, ['resource-groups', 'list-groups']);
    expect(cli.Groups.map((g: any) => g.Name)).toEqual(['blue-team']);
    await rg.send(new RG.DeleteGroupCommand({ Group: 'blue-team' }));
    expect((await rg.send(new RG.ListGroupsCommand({}))).Groups).toEqual([]);
  });
});
