// Config aggregators through the SDK v3 (and boto3): an aggregator in one account reads its own
// account and an authorizing second account in two Regions; a third account that never authorized
// shows FAILED in the sources status and gives no data. Aggregate compliance, resource listings and
// SelectAggregateResourceConfig (with accountId/awsRegion) come from both readable accounts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as C from '@aws-sdk/client-config-service';
import * as E from '@aws-sdk/client-ec2';
import * as S from '@aws-sdk/client-s3';
import { boto3, rejects, sdkConfig, startTestKanri, TEST_CREDENTIALS, type Kanri } from './harness';

const A = '000000000000';
const B = '222222222222';
const STRANGER = '333333333333';
const REGIONS = ['us-east-1', 'eu-west-1'];
let kanri: Kanri;
const sgs: Record<string, string> = {};

const creds = (account: string) => (account === A ? TEST_CREDENTIALS : { accessKeyId: account, secretAccessKey: 'x' });
const cfg = (account: string, region = 'us-east-1') => new C.ConfigServiceClient(sdkConfig(kanri, region, creds(account)));
const ec2 = (account: string, region: string) => new E.EC2Client(sdkConfig(kanri, region, creds(account)));
const settle = async () => {
  await kanri.platform.outbox.drain();
  await new Promise((r) => setTimeout(r, 20));
};

/** A recording account/Region with one security group, judged by INCOMING_SSH_DISABLED; `open` opens port 22 to the world. */
async function recordingRegion(account: string, region: string, open: boolean) {
  const s3 = new S.S3Client({ ...sdkConfig(kanri, region, creds(account)), forcePathStyle: true });
  const bucket = `config-${account}-${region}`;
  await s3.send(new S.CreateBucketCommand({ Bucket: bucket, ...(region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: region as S.BucketLocationConstraint } }) }));
  const c = cfg(account, region);
  await c.send(new C.PutConfigurationRecorderCommand({ ConfigurationRecorder: { name: 'default', roleARN: `arn:aws:iam::${account}:role/config`,
    recordingGroup: { allSupported: true, includeGlobalResourceTypes: false } } }));
  await c.send(new C.PutDeliveryChannelCommand({ DeliveryChannel: { name: 'default', s3BucketName: bucket } }));
  await c.send(new C.StartConfigurationRecorderCommand({ ConfigurationRecorderName: 'default' }));
  const e = ec2(account, region);
  const vpc = (await e.send(new E.CreateVpcCommand({ CidrBlock: '10.9.0.0/16' }))).Vpc!.VpcId!;
  const sg = (await e.send(new E.CreateSecurityGroupCommand({ GroupName: 'web', Description: 'web', VpcId: vpc }))).GroupId!;
  if (open) await e.send(new E.AuthorizeSecurityGroupIngressCommand({ GroupId: sg, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
  sgs[`${account}/${region}`] = sg;
  await settle();
  await c.send(new C.PutConfigRuleCommand({ ConfigRule: { ConfigRuleName: 'restricted-ssh', Source: { Owner: 'AWS', SourceIdentifier: 'INCOMING_SSH_DISABLED' },
    Scope: { ComplianceResourceTypes: ['AWS::EC2::SecurityGroup'] } } }));
}

beforeAll(async () => {
  kanri = await startTestKanri();
  await recordingRegion(A, 'us-east-1', false);
  await recordingRegion(B, 'us-east-1', false);
  await recordingRegion(B, 'eu-west-1', true);
  await recordingRegion(STRANGER, 'us-east-1', true);
}, 60_000);
afterAll(() => kanri?.stop());

const AGG = 'org-view';
const agg = () => cfg(A);

describe('configuration aggregators', () => {
  it('checks its sources as AWS does', async () => {
    await rejects(agg().send(new C.PutConfigurationAggregatorCommand({ ConfigurationAggregatorName: AGG })), 'InvalidParameterValueException', 400);
    await rejects(agg().send(new C.PutConfigurationAggregatorCommand({ ConfigurationAggregatorName: AGG,
      AccountAggregationSources: [{ AccountIds: [B], AllAwsRegions: true, AwsRegions: ['us-east-1'] }] })), 'InvalidParameterValueException', 400);
    await rejects(agg().send(new C.PutConfigurationAggregatorCommand({ ConfigurationAggregatorName: AGG,
      OrganizationAggregationSource: { RoleArn: `arn:aws:iam::${A}:role/agg`, AllAwsRegions: true } })), 'NoAvailableOrganizationException', 400);
    await rejects(agg().send(new C.DescribeConfigurationAggregatorsCommand({ ConfigurationAggregatorNames: ['nope'] })), 'NoSuchConfigurationAggregatorException', 400);
    await rejects(agg().send(new C.SelectAggregateResourceConfigCommand({ ConfigurationAggregatorName: 'nope', Expression: 'SELECT resourceId' })),
      'NoSuchConfigurationAggregatorException', 400);
  });

  it('reads its own account at once, another account once it authorized, and reports the rest as FAILED', async () => {
    const { ConfigurationAggregator } = await agg().send(new C.PutConfigurationAggregatorCommand({ ConfigurationAggregatorName: AGG,
      AccountAggregationSources: [{ AccountIds: [A, B, STRANGER], AwsRegions: REGIONS }], Tags: [{ Key: 'team', Value: 'sec' }] }));
    expect(ConfigurationAggregator!.ConfigurationAggregatorArn).toMatch(/^arn:aws:config:us-east-1:000000000000:config-aggregator\/config-aggregator-[0-9a-f]{8}$/);
    const [described] = (await agg().send(new C.DescribeConfigurationAggregatorsCommand({}))).ConfigurationAggregators!;
    expect(described.AccountAggregationSources).toEqual([{ AccountIds: [A, B, STRANGER], AllAwsRegions: false, AwsRegions: REGIONS }]);

    // B sees the request pending until it authorizes, in each Region.
    const pending = await cfg(B).send(new C.DescribePendingAggregationRequestsCommand({}));
    expect(pending.PendingAggregationRequests).toEqual([{ RequesterAccountId: A, RequesterAwsRegion: 'us-east-1' }]);
    for (const region of REGIONS) {
      const out = await cfg(B, region).send(new C.PutAggregationAuthorizationCommand({ AuthorizedAccountId: A, AuthorizedAwsRegion: 'us-east-1' }));
      expect(out.AggregationAuthorization).toMatchObject({ AuthorizedAccountId: A, AuthorizedAwsRegion: 'us-east-1',
        AggregationAuthorizationArn: `arn:aws:config:${region}:${B}:aggregation-authorization/${A}/us-east-1` });
    }
    expect((await cfg(B).send(new C.DescribeAggregationAuthorizationsCommand({}))).AggregationAuthorizations).toHaveLength(1);
    expect((await cfg(B).send(new C.DescribePendingAggregationRequestsCommand({}))).PendingAggregationRequests).toEqual([]);
    expect((await cfg(STRANGER).send(new C.DescribePendingAggregationRequestsCommand({}))).PendingAggregationRequests)
      .toEqual([{ RequesterAccountId: A, RequesterAwsRegion: 'us-east-1' }]);

    const status = (await agg().send(new C.DescribeConfigurationAggregatorSourcesStatusCommand({ ConfigurationAggregatorName: AGG }))).AggregatedSourceStatusList!;
    const byKey = Object.fromEntries(status.map((x) => [`${x.SourceId}/${x.AwsRegion}`, x.LastUpdateStatus]));
    expect(byKey).toEqual({
      [`${A}/us-east-1`]: 'SUCCEEDED', [`${A}/eu-west-1`]: 'SUCCEEDED', [`${B}/us-east-1`]: 'SUCCEEDED', [`${B}/eu-west-1`]: 'SUCCEEDED',
      [`${STRANGER}/us-east-1`]: 'FAILED', [`${STRANGER}/eu-west-1`]: 'FAILED',
    });
    const failed = (await agg().send(new C.DescribeConfigurationAggregatorSourcesStatusCommand({ ConfigurationAggregatorName: AGG, UpdateStatus: ['FAILED'] })))
      .AggregatedSourceStatusList!;
    expect(failed.map((x) => [x.SourceId, x.SourceType, x.LastErrorCode !== undefined])).toEqual([[STRANGER, 'ACCOUNT', true], [STRANGER, 'ACCOUNT', true]]);
  });

  it('reports aggregate compliance from both accounts and Regions', async () => {
    const rules = (await agg().send(new C.DescribeAggregateComplianceByConfigRulesCommand({ ConfigurationAggregatorName: AGG }))).AggregateComplianceByConfigRules!;
    expect(rules.map((r) => [r.AccountId, r.AwsRegion, r.ConfigRuleName, r.Compliance!.ComplianceType])).toEqual([
      [A, 'us-east-1', 'restricted-ssh', 'COMPLIANT'],
      [B, 'eu-west-1', 'restricted-ssh', 'NON_COMPLIANT'],
      [B, 'us-east-1', 'restricted-ssh', 'COMPLIANT'],
    ]);
    const bad = await agg().send(new C.DescribeAggregateComplianceByConfigRulesCommand({ ConfigurationAggregatorName: AGG, Filters: { ComplianceType: 'NON_COMPLIANT' } }));
    expect(bad.AggregateComplianceByConfigRules!.map((r) => r.AccountId)).toEqual([B]);
    const details = await agg().send(new C.GetAggregateComplianceDetailsByConfigRuleCommand({ ConfigurationAggregatorName: AGG, ConfigRuleName: 'restricted-ssh',
      AccountId: B, AwsRegion: 'eu-west-1' }));
    expect(details.AggregateEvaluationResults!.map((r) => [r.EvaluationResultIdentifier!.EvaluationResultQualifier!.ResourceId, r.ComplianceType, r.AccountId]))
      .toContainEqual([sgs[`${B}/eu-west-1`], 'NON_COMPLIANT', B]);
    // The stranger's open group is never read.
    const theirs = await agg().send(new C.GetAggregateComplianceDetailsByConfigRuleCommand({ ConfigurationAggregatorName: AGG, ConfigRuleName: 'restricted-ssh',
      AccountId: STRANGER, AwsRegion: 'us-east-1' }));
    expect(theirs.AggregateEvaluationResults).toEqual([]);

    const summary = await agg().send(new C.GetAggregateConfigRuleComplianceSummaryCommand({ ConfigurationAggregatorName: AGG, GroupByKey: 'ACCOUNT_ID' }));
    expect(summary.AggregateComplianceCounts!.map((c) => [c.GroupName, c.ComplianceSummary!.CompliantResourceCount!.CappedCount, c.ComplianceSummary!.NonCompliantResourceCount!.CappedCount]))
      .toEqual([[A, 1, 0], [B, 1, 1]]);

    // A conformance pack in B's eu-west-1 shows in the aggregate pack compliance.
    const pack = [
      'Resources:',
      '  Ssh:',
      '    Type: AWS::Config::ConfigRule',
      '    Properties:',
      '      ConfigRuleName: restricted-ssh',
      '      Scope: {ComplianceResourceTypes: [AWS::EC2::SecurityGroup]}',
      '      Source: {Owner: AWS, SourceIdentifier: INCOMING_SSH_DISABLED}',
    ].join('\n');
    await cfg(B, 'eu-west-1').send(new C.PutConformancePackCommand({ ConformancePackName: 'network', TemplateBody: pack }));
    const packs = await agg().send(new C.DescribeAggregateComplianceByConformancePacksCommand({ ConfigurationAggregatorName: AGG }));
    expect(packs.AggregateComplianceByConformancePacks).toEqual([{ ConformancePackName: 'network', AccountId: B, AwsRegion: 'eu-west-1',
      Compliance: { ComplianceType: 'NON_COMPLIANT', CompliantRuleCount: 0, NonCompliantRuleCount: 1, TotalRuleCount: 1 } }]);
    const packSummary = await agg().send(new C.GetAggregateConformancePackComplianceSummaryCommand({ ConfigurationAggregatorName: AGG, GroupByKey: 'AWS_REGION' }));
    expect(packSummary.AggregateConformancePackComplianceSummaries).toEqual([
      { GroupName: 'eu-west-1', ComplianceSummary: { CompliantConformancePackCount: 0, NonCompliantConformancePackCount: 1 } }]);
  });

  it('lists, reads and queries resources of both accounts, with accountId and awsRegion columns', async () => {
    const counts = await agg().send(new C.GetAggregateDiscoveredResourceCountsCommand({ ConfigurationAggregatorName: AGG, GroupByKey: 'ACCOUNT_ID',
      Filters: { ResourceType: 'AWS::EC2::SecurityGroup' } }));
    expect(counts.GroupedResourceCounts!.map((g) => g.GroupName)).toEqual([A, B]);
    const listed = (await agg().send(new C.ListAggregateDiscoveredResourcesCommand({ ConfigurationAggregatorName: AGG, ResourceType: 'AWS::EC2::SecurityGroup' })))
      .ResourceIdentifiers!;
    expect(listed.map((r) => r.ResourceId)).toEqual(expect.arrayContaining([sgs[`${A}/us-east-1`], sgs[`${B}/us-east-1`], sgs[`${B}/eu-west-1`]]));
    expect(listed.some((r) => r.SourceAccountId === STRANGER)).toBe(false);

    const id = { SourceAccountId: B, SourceRegion: 'eu-west-1', ResourceType: 'AWS::EC2::SecurityGroup' as const, ResourceId: sgs[`${B}/eu-west-1`] };
    const item = (await agg().send(new C.GetAggregateResourceConfigCommand({ ConfigurationAggregatorName: AGG, ResourceIdentifier: id }))).ConfigurationItem!;
    expect(item).toMatchObject({ accountId: B, awsRegion: 'eu-west-1', resourceId: id.ResourceId });
    const stranger = { ...id, SourceAccountId: STRANGER, SourceRegion: 'us-east-1', ResourceId: sgs[`${STRANGER}/us-east-1`] };
    await rejects(agg().send(new C.GetAggregateResourceConfigCommand({ ConfigurationAggregatorName: AGG, ResourceIdentifier: stranger })), 'ResourceNotDiscoveredException', 400);
    const batch = await agg().send(new C.BatchGetAggregateResourceConfigCommand({ ConfigurationAggregatorName: AGG, ResourceIdentifiers: [id, stranger] }));
    expect(batch.BaseConfigurationItems!.map((i) => i.resourceId)).toEqual([id.ResourceId]);
    expect(batch.UnprocessedResourceIdentifiers).toEqual([stranger]);

    const select = await agg().send(new C.SelectAggregateResourceConfigCommand({ ConfigurationAggregatorName: AGG,
      Expression: "SELECT resourceId, accountId, awsRegion WHERE resourceType = 'AWS::EC2::SecurityGroup' AND configuration.groupName = 'web' ORDER BY accountId, awsRegion" }));
    expect(select.QueryInfo!.SelectFields!.map((f) => f.Name)).toEqual(['resourceId', 'accountId', 'awsRegion']);
    expect(select.Results!.map((r) => JSON.parse(r))).toEqual([
      { resourceId: sgs[`${A}/us-east-1`], accountId: A, awsRegion: 'us-east-1' },
      { resourceId: sgs[`${B}/eu-west-1`], accountId: B, awsRegion: 'eu-west-1' },
      { resourceId: sgs[`${B}/us-east-1`], accountId: B, awsRegion: 'us-east-1' },
    ]);
    const grouped = await agg().send(new C.SelectAggregateResourceConfigCommand({ ConfigurationAggregatorName: AGG,
      Expression: "SELECT accountId, COUNT(*) WHERE resourceType = 'AWS::EC2::SecurityGroup' AND configuration.groupName = 'web' GROUP BY accountId" }));
    expect(grouped.Results!.map((r) => JSON.parse(r)).sort((x, y) => (x.accountId < y.accountId ? -1 : 1))).toEqual([{ accountId: A, 'COUNT(*)': 1 }, { accountId: B, 'COUNT(*)': 2 }]);
  });

  it('answers boto3, and stops reading a source whose authorization is deleted', async () => {
    const py = await boto3(kanri, `
import boto3, json, os
c = boto3.client('config', endpoint_url=os.environ['KANRI_URL'], region_name='us-east-1')
out = c.select_aggregate_resource_config(ConfigurationAggregatorName='${AGG}', Expression="SELECT accountId WHERE resourceType = 'AWS::EC2::SecurityGroup' AND configuration.groupName = 'web'", MaxResults=2)
print(json.dumps([len(out['Results']), 'NextToken' in out]))`);
    expect(py).toEqual([2, true]);
    await cfg(B, 'eu-west-1').send(new C.DeleteAggregationAuthorizationCommand({ AuthorizedAccountId: A, AuthorizedAwsRegion: 'us-east-1' }));
    const status = (await agg().send(new C.DescribeConfigurationAggregatorSourcesStatusCommand({ ConfigurationAggregatorName: AGG, UpdateStatus: ['FAILED'] })))
      .AggregatedSourceStatusList!;
    expect(status.map((x) => `${x.SourceId}/${x.AwsRegion}`).sort()).toEqual([`${B}/eu-west-1`, `${STRANGER}/eu-west-1`, `${STRANGER}/us-east-1`]);
    const rules = (await agg().send(new C.DescribeAggregateComplianceByConfigRulesCommand({ ConfigurationAggregatorName: AGG }))).AggregateComplianceByConfigRules!;
    expect(rules.map((r) => `${r.AccountId}/${r.AwsRegion}`)).toEqual([`${A}/us-east-1`, `${B}/us-east-1`]);
    await agg().send(new C.DeleteConfigurationAggregatorCommand({ ConfigurationAggregatorName: AGG }));
    expect((await agg().send(new C.DescribeConfigurationAggregatorsCommand({}))).ConfigurationAggregators).toEqual([]);
  });
});
