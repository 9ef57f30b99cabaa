// VPC flow logs through the SDK v3 and the AWS CLI: AWS's checks, filters and duplicate handling,
// Config recording AWS::EC2::FlowLog, and VPC_FLOW_LOGS_ENABLED judging the VPCs by them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as C from '@aws-sdk/client-config-service';
import * as E from '@aws-sdk/client-ec2';
import { awsCli, rejects, sdkConfig, startTestKanri, type Kanri } from './harness';
import { startRecording, verdicts } from './config-kit';

let kanri: Kanri;
let ec2: E.EC2Client;
let cfg: C.ConfigServiceClient;
const ROLE = 'arn:aws:iam::000000000000:role/flow-logs';

beforeAll(async () => {
  kanri = await startTestKanri();
  ec2 = new E.EC2Client(sdkConfig(kanri));
  cfg = new C.ConfigServiceClient(sdkConfig(kanri));
  await startRecording(kanri, cfg, 'flow-bucket', false);
});
afterAll(() => kanri?.stop());

describe('VPC flow logs', () => {
  it('creates, filters, refuses duplicates and deletes', async () => {
    const vpc = (await ec2.send(new E.CreateVpcCommand({ CidrBlock: '10.60.0.0/16' }))).Vpc!.VpcId!;
    await rejects(ec2.send(new E.CreateFlowLogsCommand({ ResourceIds: [vpc], ResourceType: 'VPC', TrafficType: 'ALL', LogGroupName: 'vpc-logs' })),
      'InvalidParameterValue', 400);
    await rejects(ec2.send(new E.CreateFlowLogsCommand({ ResourceIds: ['vpc-00000000000000000'], ResourceType: 'VPC', TrafficType: 'ALL',
      LogDestinationType: 's3', LogDestination: 'arn:aws:s3:::flow-bucket' })), 'InvalidVpcID.NotFound', 400);
    await rejects(ec2.send(new E.CreateFlowLogsCommand({ ResourceIds: [vpc], ResourceType: 'VPC', TrafficType: 'ALL',
      LogDestinationType: 's3', LogDestination: 'arn:aws:s3:::no-such-bucket' })), 'InvalidParameterValue', 400);

    const toS3 = await ec2.send(new E.CreateFlowLogsCommand({ ResourceIds: [vpc], ResourceType: 'VPC', TrafficType: 'REJECT',
      LogDestinationType: 's3', LogDestination: 'arn:aws:s3:::flow-bucket/vpc', TagSpecifications: [{ ResourceType: 'vpc-flow-log', Tags: [{ Key: 'team', Value: 'net' }] }] }));
    expect(toS3.FlowLogIds).toHaveLength(1);
    expect(toS3.FlowLogIds![0]).toMatch(/^fl-[0-9a-f]{17}$/);
    const again = await ec2.send(new E.CreateFlowLogsCommand({ ResourceIds: [vpc], ResourceType: 'VPC', TrafficType: 'REJECT',
      LogDestinationType: 's3', LogDestination: 'arn:aws:s3:::flow-bucket/vpc' }));
    expect(again.FlowLogIds).toEqual([]);
    expect(again.Unsuccessful![0]).toMatchObject({ ResourceId: vpc, Error: { Code: 'FlowLogAlreadyExists' } });
    const toLogs = await ec2.send(new E.CreateFlowLogsCommand({ ResourceIds: [vpc], ResourceType: 'VPC', TrafficType: 'ALL', LogGroupName: 'vpc-logs', DeliverLogsPermissionArn: ROLE }));

    const all = (await ec2.send(new E.DescribeFlowLogsCommand({ Filter: [{ Name: 'resource-id', Values: [vpc] }] }))).FlowLogs!;
    expect(all.map((f) => f.TrafficType).sort()).toEqual(['ALL', 'REJECT']);
    const cli = await awsCli(kanri, ['ec2', 'describe-flow-logs', '--filter', 'Name=log-destination-type,Values=cloud-watch-logs']);
    expect(cli.FlowLogs).toEqual([expect.objectContaining({ FlowLogId: toLogs.FlowLogIds![0], LogGroupName: 'vpc-logs', FlowLogStatus: 'ACTIVE', DeliverLogsPermissionArn: ROLE })]);
    const tagged = (await ec2.send(new E.DescribeFlowLogsCommand({ Filter: [{ Name: 'tag:team', Values: ['net'] }] }))).FlowLogs!;
    expect(tagged.map((f) => f.FlowLogId)).toEqual(toS3.FlowLogIds);

    const deleted = await ec2.send(new E.DeleteFlowLogsCommand({ FlowLogIds: [toLogs.FlowLogIds![0], 'fl-00000000000000000'] }));
    expect(deleted.Unsuccessful).toEqual([expect.objectContaining({ ResourceId: 'fl-00000000000000000', Error: expect.objectContaining({ Code: 'InvalidFlowLogId.NotFound' }) })]);
    expect((await ec2.send(new E.DescribeFlowLogsCommand({ FlowLogIds: toLogs.FlowLogIds }))).FlowLogs).toEqual([]);
  });

  it('VPC_FLOW_LOGS_ENABLED judges each VPC by its recorded flow logs', async () => {
    const logged = (await ec2.send(new E.CreateVpcCommand({ CidrBlock: '10.61.0.0/16' }))).Vpc!.VpcId!;
    const bare = (await ec2.send(new E.CreateVpcCommand({ CidrBlock: '10.62.0.0/16' }))).Vpc!.VpcId!;
    await ec2.send(new E.CreateFlowLogsCommand({ ResourceIds: [logged], ResourceType: 'VPC', TrafficType: 'ALL', LogDestinationType: 's3', LogDestination: 'arn:aws:s3:::flow-bucket' }));
    await cfg.send(new C.PutConfigRuleCommand({ ConfigRule: { ConfigRuleName: 'flow-logs', Source: { Owner: 'AWS', SourceIdentifier: 'VPC_FLOW_LOGS_ENABLED' } } }));
    const judged = await verdicts(kanri, cfg, 'flow-logs', true);
    expect(judged[logged]).toBe('COMPLIANT');
    expect(judged[bare]).toBe('NON_COMPLIANT');
    const items = await cfg.send(new C.ListDiscoveredResourcesCommand({ resourceType: 'AWS::EC2::FlowLog' }));
    expect(items.resourceIdentifiers!.length).toBeGreaterThanOrEqual(2);
  });
});
