// The managed rule evaluators on the documents kanri's services really record: each change event's
// `after` becomes a configuration item (as the Config recorder builds it), and the rules judge it.
// This catches drift between the rules' field names and what EC2, S3, IAM, SNS and KMS emit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as EC2 from '@aws-sdk/client-ec2';
import * as IAM from '@aws-sdk/client-iam';
import * as KMS from '@aws-sdk/client-kms';
import * as S3 from '@aws-sdk/client-s3';
import * as SNS from '@aws-sdk/client-sns';
import { sdkConfig, startTestKanri, type Kanri } from './harness';

const rules = require('../dist/services/config/rules') as typeof import('../src/services/config/rules');
type Item = import('../src/services/config/rules').ConfigurationItem;

let kanri: Kanri;
const items = new Map<string, Item>();
beforeAll(async () => {
  kanri = await startTestKanri();
  kanri.platform.outbox.subscribe('config-rules-test', (e) => {
    items.set(`${e.resourceType} ${e.resourceId}`, {
      resourceType: e.resourceType, resourceId: e.resourceId, resourceName: e.resourceName, arn: e.arn,
      configurationItemStatus: e.after ? 'OK' : 'ResourceDeleted', configuration: e.after,
    });
  });
});
afterAll(async () => kanri.stop());

async function judge(identifier: string, type: string, id: string, parameters: Record<string, string> = {}) {
  await kanri.platform.outbox.drain();
  const item = items.get(`${type} ${id}`);
  expect(item, `${type} ${id} was recorded`).toBeDefined();
  const ctx = rules.ruleContext([...items.values()], { ...rules.validateManagedRuleParameters(identifier, JSON.stringify(parameters)) });
  return rules.evaluateChange(rules.managedRule(identifier)!, item!, ctx).map((e) => e.complianceType);
}

describe('managed rules on kanri-recorded items', () => {
  it('judges security groups as they change', async () => {
    const ec2 = new EC2.EC2Client(sdkConfig(kanri));
    const vpc = (await ec2.send(new EC2.CreateVpcCommand({ CidrBlock: '10.42.0.0/16' }))).Vpc!.VpcId!;
    const sg = (await ec2.send(new EC2.CreateSecurityGroupCommand({ GroupName: 'web', Description: 'web', VpcId: vpc }))).GroupId!;
    const ssh = { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] };
    await ec2.send(new EC2.AuthorizeSecurityGroupIngressCommand({ GroupId: sg, IpPermissions: [ssh] }));
    expect(await judge('INCOMING_SSH_DISABLED', 'AWS::EC2::SecurityGroup', sg)).toEqual(['NON_COMPLIANT']);
    expect(await judge('VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS', 'AWS::EC2::SecurityGroup', sg, { authorizedTcpPorts: '443' })).toEqual(['NON_COMPLIANT']);
    await ec2.send(new EC2.RevokeSecurityGroupIngressCommand({ GroupId: sg, IpPermissions: [ssh] }));
    expect(await judge('INCOMING_SSH_DISABLED', 'AWS::EC2::SecurityGroup', sg)).toEqual(['COMPLIANT']);
    // The VPC's default group allows traffic from itself and out to anywhere.
    const groups = await ec2.send(new EC2.DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc] }, { Name: 'group-name', Values: ['default'] }] }));
    expect(await judge('VPC_DEFAULT_SECURITY_GROUP_CLOSED', 'AWS::EC2::SecurityGroup', groups.SecurityGroups![0].GroupId!)).toEqual(['NON_COMPLIANT']);
    await ec2.send(new EC2.DeleteSecurityGroupCommand({ GroupId: sg }));
    expect(await judge('INCOMING_SSH_DISABLED', 'AWS::EC2::SecurityGroup', sg)).toEqual(['NOT_APPLICABLE']);
  });

  it('judges volumes and Elastic IPs', async () => {
    const ec2 = new EC2.EC2Client(sdkConfig(kanri));
    const vol = (await ec2.send(new EC2.CreateVolumeCommand({ AvailabilityZone: 'us-east-1a', Size: 8 }))).VolumeId!;
    expect(await judge('EC2_VOLUME_INUSE_CHECK', 'AWS::EC2::Volume', vol)).toEqual(['NON_COMPLIANT']);
    expect(await judge('ENCRYPTED_VOLUMES', 'AWS::EC2::Volume', vol)).toEqual(['NOT_APPLICABLE']);
    const eip = (await ec2.send(new EC2.AllocateAddressCommand({ Domain: 'vpc' }))).AllocationId!;
    expect(await judge('EIP_ATTACHED', 'AWS::EC2::EIP', eip)).toEqual(['NON_COMPLIANT']);
  });

  it('judges buckets', async () => {
    const s3 = new S3.S3Client({ ...sdkConfig(kanri), forcePathStyle: true });
    await s3.send(new S3.CreateBucketCommand({ Bucket: 'rules-items' }));
    expect(await judge('S3_BUCKET_VERSIONING_ENABLED', 'AWS::S3::Bucket', 'rules-items')).toEqual(['NON_COMPLIANT']);
    await s3.send(new S3.PutBucketVersioningCommand({ Bucket: 'rules-items', VersioningConfiguration: { Status: 'Enabled' } }));
    expect(await judge('S3_BUCKET_VERSIONING_ENABLED', 'AWS::S3::Bucket', 'rules-items')).toEqual(['COMPLIANT']);
    expect(await judge('S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED', 'AWS::S3::Bucket', 'rules-items')).toEqual(['COMPLIANT']);
    await s3.send(new S3.PutPublicAccessBlockCommand({ Bucket: 'rules-items', PublicAccessBlockConfiguration: { BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false } }));
    await s3.send(new S3.PutBucketPolicyCommand({ Bucket: 'rules-items', Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::rules-items/*' }] }) }));
    expect(await judge('S3_BUCKET_PUBLIC_READ_PROHIBITED', 'AWS::S3::Bucket', 'rules-items')).toEqual(['NON_COMPLIANT']);
    expect(await judge('S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED', 'AWS::S3::Bucket', 'rules-items')).toEqual(['NON_COMPLIANT']);
    await s3.send(new S3.PutBucketEncryptionCommand({ Bucket: 'rules-items', ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] } }));
    expect(await judge('S3_DEFAULT_ENCRYPTION_KMS', 'AWS::S3::Bucket', 'rules-items')).toEqual(['COMPLIANT']);
  });

  it('judges IAM users and policies', async () => {
    const iam = new IAM.IAMClient(sdkConfig(kanri));
    const user = (await iam.send(new IAM.CreateUserCommand({ UserName: 'rules-alice' }))).User!;
    expect(await judge('IAM_USER_NO_POLICIES_CHECK', 'AWS::IAM::User', user.UserId!)).toEqual(['COMPLIANT']);
    const admin = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    await iam.send(new IAM.PutUserPolicyCommand({ UserName: 'rules-alice', PolicyName: 'p', PolicyDocument: admin }));
    expect(await judge('IAM_USER_NO_POLICIES_CHECK', 'AWS::IAM::User', user.UserId!)).toEqual(['NON_COMPLIANT']);
    expect(await judge('IAM_NO_INLINE_POLICY_CHECK', 'AWS::IAM::User', user.UserId!)).toEqual(['NON_COMPLIANT']);
    const policy = (await iam.send(new IAM.CreatePolicyCommand({ PolicyName: 'rules-admin', PolicyDocument: admin }))).Policy!;
    expect(await judge('IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS', 'AWS::IAM::Policy', policy.PolicyId!)).toEqual(['NON_COMPLIANT']);
  });

  it('judges SNS topics and KMS keys', async () => {
    const sns = new SNS.SNSClient(sdkConfig(kanri));
    const plain = (await sns.send(new SNS.CreateTopicCommand({ Name: 'rules-plain' }))).TopicArn!;
    const sealed = (await sns.send(new SNS.CreateTopicCommand({ Name: 'rules-sealed', Attributes: { KmsMasterKeyId: 'alias/aws/sns' } }))).TopicArn!;
    expect(await judge('SNS_ENCRYPTED_KMS', 'AWS::SNS::Topic', plain)).toEqual(['NON_COMPLIANT']);
    expect(await judge('SNS_ENCRYPTED_KMS', 'AWS::SNS::Topic', sealed)).toEqual(['COMPLIANT']);
    expect(await judge('SNS_TOPIC_NO_PUBLIC_ACCESS', 'AWS::SNS::Topic', plain)).toEqual(['COMPLIANT']);
    const kms = new KMS.KMSClient(sdkConfig(kanri));
    const key = (await kms.send(new KMS.CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    await kms.send(new KMS.ScheduleKeyDeletionCommand({ KeyId: key, PendingWindowInDays: 7 }));
    await kanri.platform.outbox.drain();
    const out = rules.managedRule('KMS_CMK_NOT_SCHEDULED_FOR_DELETION')!.evaluatePeriodic!(rules.ruleContext([...items.values()], { kmsKeyIds: key }));
    expect(out.map((e) => e.complianceType)).toEqual(['NON_COMPLIANT']);
  });
});
