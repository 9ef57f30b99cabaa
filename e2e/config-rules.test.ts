// Config rules that really evaluate, through the SDK v3: a managed rule judges a security group as
// its rules change, out-of-scope resources are never judged, a periodic rule runs when the clock
// moves, a Guard policy rule gives verdicts, compliance changes reach EventBridge, and a managed
// rule kanri cannot evaluate says so in its status.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as C from '@aws-sdk/client-config-service';
import * as E from '@aws-sdk/client-ec2';
import * as EB from '@aws-sdk/client-eventbridge';
import * as Q from '@aws-sdk/client-sqs';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { advanceClock, type Kanri, rejects, sdkConfig, startTestKanri } from './harness';

let kanri: Kanri;
let cfg: C.ConfigServiceClient;
let ec2: E.EC2Client;
let vpc: string;
const ssh = { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] };
const engine = () => require('../dist/services/config/evaluation/engine') as typeof import('../src/services/config/evaluation/engine');

const settle = async () => {
  await kanri.platform.outbox.drain();
  await new Promise((r) => setTimeout(r, 20));
};

async function compliance(rule: string, id?: string): Promise<Record<string, string>> {
  const out = await cfg.send(new C.GetComplianceDetailsByConfigRuleCommand({ ConfigRuleName: rule }));
  return Object.fromEntries(out.EvaluationResults!
    .filter((r) => !id || r.EvaluationResultIdentifier!.EvaluationResultQualifier!.ResourceId === id)
    .map((r) => [r.EvaluationResultIdentifier!.EvaluationResultQualifier!.ResourceId!, r.ComplianceType!]));
}

beforeAll(async () => {
  kanri = await startTestKanri();
  cfg = new C.ConfigServiceClient(sdkConfig(kanri));
  ec2 = new E.EC2Client(sdkConfig(kanri));
  vpc = (await ec2.send(new E.CreateVpcCommand({ CidrBlock: '10.7.0.0/16' }))).Vpc!.VpcId!;
});
afterAll(() => kanri?.stop());

describe('Config rules', () => {
  it('needs a recorder, and checks the rule as AWS does', async () => {
    const rule = { ConfigRuleName: 'restricted-ssh', Source: { Owner: 'AWS' as const, SourceIdentifier: 'INCOMING_SSH_DISABLED' } };
    await rejects(cfg.send(new C.PutConfigRuleCommand({ ConfigRule: rule })), 'NoAvailableConfigurationRecorderException', 400);
    await cfg.send(new C.PutConfigurationRecorderCommand({ ConfigurationRecorder: { name: 'default', roleARN: 'arn:aws:iam::000000000000:role/config',
      recordingGroup: { allSupported: true, includeGlobalResourceTypes: true } } }));
    await rejects(cfg.send(new C.PutConfigRuleCommand({ ConfigRule: { ConfigRuleName: 'x', Source: { Owner: 'AWS', SourceIdentifier: 'NOT_A_RULE' } } })),
      'InvalidParameterValueException', 400);
    await rejects(cfg.send(new C.PutConfigRuleCommand({ ConfigRule: { ConfigRuleName: 'x', Source: { Owner: 'AWS', SourceIdentifier: 'DESIRED_INSTANCE_TYPE' } } })),
      'InvalidParameterValueException', 400); // instanceType is required
    await rejects(cfg.send(new C.DescribeConfigRulesCommand({ ConfigRuleNames: ['nope'] })), 'NoSuchConfigRuleException', 400);
  });

  it('turns INCOMING_SSH_DISABLED non-compliant within a second of opening port 22, and compliant when closed', async () => {
    // Changes reach EventBridge as "Config Rules Compliance Change".
    const sqs = new Q.SQSClient(sdkConfig(kanri));
    const eb = new EB.EventBridgeClient(sdkConfig(kanri));
    const queueUrl = (await sqs.send(new Q.CreateQueueCommand({ QueueName: 'compliance' }))).QueueUrl!;
    await eb.send(new EB.PutRuleCommand({ Name: 'compliance', EventPattern: JSON.stringify({ source: ['aws.config'], 'detail-type': ['Config Rules Compliance Change'] }) }));
    await eb.send(new EB.PutTargetsCommand({ Rule: 'compliance', Targets: [{ Id: 'q', Arn: 'arn:aws:sqs:us-east-1:000000000000:compliance' }] }));

    await new S3Client({ ...sdkConfig(kanri), forcePathStyle: true }).send(new CreateBucketCommand({ Bucket: 'config-rules-bucket' }));
    await cfg.send(new C.PutDeliveryChannelCommand({ DeliveryChannel: { name: 'default', s3BucketName: 'config-rules-bucket' } }));
    await cfg.send(new C.StartConfigurationRecorderCommand({ ConfigurationRecorderName: 'default' }));
    const sg = (await ec2.send(new E.CreateSecurityGroupCommand({ GroupName: 'bastion', Description: 'ssh', VpcId: vpc }))).GroupId!;
    await settle();
    await cfg.send(new C.PutConfigRuleCommand({ ConfigRule: { ConfigRuleName: 'restricted-ssh', Source: { Owner: 'AWS', SourceIdentifier: 'INCOMING_SSH_DISABLED' },
      Scope: { ComplianceResourceTypes: ['AWS::EC2::SecurityGroup'] } }, Tags: [{ Key: 'team', Value: 'sec' }] }));
    const [described] = (await cfg.send(new C.DescribeConfigRulesCommand({ ConfigRuleNames: ['restricted-ssh'] }))).ConfigRules!;
    expect(described).toMatchObject({ ConfigRuleName: 'restricted-ssh', ConfigRuleState: 'ACTIVE', ConfigRuleId: expect.stringMatching(/^config-rule-[0-9a-f]{6}$/) });
    expect(described.ConfigRuleArn).toBe(`arn:aws:config:us-east-1:000000000000:config-rule/${described.ConfigRuleId}`);
    expect((await cfg.send(new C.ListTagsForResourceCommand({ ResourceArn: described.ConfigRuleArn }))).Tags).toEqual([{ Key: 'team', Value: 'sec' }]);
    expect((await compliance('restricted-ssh', sg))[sg]).toBe('COMPLIANT'); // judged when the rule was put

    const opened = Date.now();
    await ec2.send(new E.AuthorizeSecurityGroupIngressCommand({ GroupId: sg, IpPermissions: [ssh] }));
    let verdict: string | undefined;
    while (Date.now() - opened < 1000 && verdict !== 'NON_COMPLIANT') verdict = (await compliance('restricted-ssh', sg))[sg];
    expect(verdict).toBe('NON_COMPLIANT');
    expect(Date.now() - opened).toBeLessThan(1000);
    const byRule = await cfg.send(new C.DescribeComplianceByConfigRuleCommand({ ConfigRuleNames: ['restricted-ssh'] }));
    expect(byRule.ComplianceByConfigRules![0].Compliance).toEqual({ ComplianceType: 'NON_COMPLIANT', ComplianceContributorCount: { CappedCount: 1, CapExceeded: false } });
    const byResource = await cfg.send(new C.GetComplianceDetailsByResourceCommand({ ResourceType: 'AWS::EC2::SecurityGroup', ResourceId: sg }));
    expect(byResource.EvaluationResults![0]).toMatchObject({ ComplianceType: 'NON_COMPLIANT', ConfigRuleInvokedTime: expect.any(Date),
      EvaluationResultIdentifier: { EvaluationResultQualifier: { ConfigRuleName: 'restricted-ssh', ResourceType: 'AWS::EC2::SecurityGroup', ResourceId: sg } } });

    await ec2.send(new E.RevokeSecurityGroupIngressCommand({ GroupId: sg, IpPermissions: [ssh] }));
    await settle();
    expect((await compliance('restricted-ssh', sg))[sg]).toBe('COMPLIANT');
    await ec2.send(new E.DeleteSecurityGroupCommand({ GroupId: sg }));
    await settle();
    expect((await compliance('restricted-ssh', sg))[sg]).toBe('NOT_APPLICABLE');

    await kanri.platform.outbox.drain();
    const events: any[] = [];
    for (let i = 0; i < 5 && events.filter((e) => e.detail.resourceId === sg).length < 4; i++) {
      const got = await sqs.send(new Q.ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
      events.push(...(got.Messages ?? []).map((m) => JSON.parse(m.Body!)));
    }
    const mine = events.filter((e) => e.detail.resourceId === sg).map((e) => [e.detail.oldEvaluationResult?.complianceType, e.detail.newEvaluationResult.complianceType]);
    expect(mine).toEqual([[undefined, 'COMPLIANT'], ['COMPLIANT', 'NON_COMPLIANT'], ['NON_COMPLIANT', 'COMPLIANT'], ['COMPLIANT', 'NOT_APPLICABLE']]);
    expect(events[0]).toMatchObject({ source: 'aws.config', 'detail-type': 'Config Rules Compliance Change',
      detail: { configRuleName: 'restricted-ssh', configRuleARN: described.ConfigRuleArn, messageType: 'ComplianceChangeNotification', awsAccountId: '000000000000' } });
  });

  it('never evaluates a resource outside the rule\'s scope', async () => {
    await cfg.send(new C.PutConfigRuleCommand({ ConfigRule: { ConfigRuleName: 'tagged-ssh', Source: { Owner: 'AWS', SourceIdentifier: 'INCOMING_SSH_DISABLED' },
      Scope: { ComplianceResourceTypes: ['AWS::EC2::SecurityGroup'], TagKey: 'exposed', TagValue: 'yes' } } }));
    const counts = engine().evaluationCounts;
    const before = counts.get('tagged-ssh') ?? 0;
    const plain = (await ec2.send(new E.CreateSecurityGroupCommand({ GroupName: 'plain', Description: 'untagged', VpcId: vpc }))).GroupId!;
    await ec2.send(new E.AuthorizeSecurityGroupIngressCommand({ GroupId: plain, IpPermissions: [ssh] }));
    await ec2.send(new E.CreateVolumeCommand({ AvailabilityZone: 'us-east-1a', Size: 1 })); // another type
    await settle();
    expect(counts.get('tagged-ssh') ?? 0).toBe(before);
    expect(await compliance('tagged-ssh')).toEqual({});
    const tagged = (await ec2.send(new E.CreateSecurityGroupCommand({ GroupName: 'tagged', Description: 'tagged', VpcId: vpc,
      TagSpecifications: [{ ResourceType: 'security-group', Tags: [{ Key: 'exposed', Value: 'yes' }] }] }))).GroupId!;
    await ec2.send(new E.AuthorizeSecurityGroupIngressCommand({ GroupId: tagged, IpPermissions: [ssh] }));
    await settle();
    expect(await compliance('tagged-ssh')).toEqual({ [tagged]: 'NON_COMPLIANT' });
    expect(counts.get('tagged-ssh')! - before).toBe(2); // created, then opened: once per change
  });

  it('runs a periodic rule when the clock moves', async () => {
    await cfg.send(new C.PutConfigRuleCommand({ ConfigRule: { ConfigRuleName: 'flow-logs', MaximumExecutionFrequency: 'One_Hour',
      Source: { Owner: 'AWS', SourceIdentifier: 'VPC_FLOW_LOGS_ENABLED' } } }));
    expect((await compliance('flow-logs'))[vpc]).toBe('NON_COMPLIANT'); // judged when put: kanri has no flow logs
    const status = async () => (await cfg.send(new C.DescribeConfigRuleEvaluationStatusCommand({ ConfigRuleNames: ['flow-logs'] }))).ConfigRulesEvaluationStatus![0];
    const first = (await status()).LastSuccessfulInvocationTime!;
    const later = (await ec2.send(new E.CreateVpcCommand({ CidrBlock: '10.8.0.0/16' }))).Vpc!.VpcId!;
    await settle();
    expect((await compliance('flow-logs'))[later]).toBeUndefined(); // periodic: not judged on change
    await advanceClock(kanri, 'PT2H');
    expect((await compliance('flow-logs'))[later]).toBe('NON_COMPLIANT');
    expect((await status()).LastSuccessfulInvocationTime!.getTime()).toBeGreaterThan(first.getTime());
  });

  it('evaluates a Guard policy rule, and says so when a managed rule is not implemented', async () => {
    const policy = 'rule volume_encrypted { configuration.encrypted == true }';
    await rejects(cfg.send(new C.PutConfigRuleCommand({ ConfigRule: { ConfigRuleName: 'bad-guard', Scope: { ComplianceResourceTypes: ['AWS::EC2::Volume'] },
      Source: { Owner: 'CUSTOM_POLICY', SourceDetails: [{ EventSource: 'aws.config', MessageType: 'ConfigurationItemChangeNotification' }],
        CustomPolicyDetails: { PolicyRuntime: 'guard-2.x.x', PolicyText: 'rule { configuration.encrypted == ' } } } })), 'InvalidParameterValueException', 400);
    await cfg.send(new C.PutConfigRuleCommand({ ConfigRule: { ConfigRuleName: 'guard-encrypted', Scope: { ComplianceResourceTypes: ['AWS::EC2::Volume'] },
      Source: { Owner: 'CUSTOM_POLICY', SourceDetails: [{ EventSource: 'aws.config', MessageType: 'ConfigurationItemChangeNotification' }],
        CustomPolicyDetails: { PolicyRuntime: 'guard-2.x.x', PolicyText: policy } } } }));
    const enc = (await ec2.send(new E.CreateVolumeCommand({ AvailabilityZone: 'us-east-1a', Size: 3, Encrypted: true }))).VolumeId!;
    await settle();
    const verdicts = await compliance('guard-encrypted');
    expect(verdicts[enc]).toBe('COMPLIANT');
    expect(Object.values(verdicts)).toContain('NON_COMPLIANT'); // the earlier, unencrypted volumes

    const notBuilt = (require('../dist/services/config/rules/catalogue') as typeof import('../src/services/config/rules/catalogue')).catalogue().find((r) => !r.implemented && r.triggerTypes.includes('ConfigurationItemChangeNotification') && !r.parameters.some((p) => !p.optional && p.default === undefined))!;
    await cfg.send(new C.PutConfigRuleCommand({ ConfigRule: { ConfigRuleName: 'not-built', Source: { Owner: 'AWS', SourceIdentifier: notBuilt.identifier } } }));
    const [status] = (await cfg.send(new C.DescribeConfigRuleEvaluationStatusCommand({ ConfigRuleNames: ['not-built'] }))).ConfigRulesEvaluationStatus!;
    expect(status).toMatchObject({ LastErrorCode: 'NotImplemented', LastErrorMessage: expect.stringContaining(notBuilt.identifier) });
    expect(await compliance('not-built')).toEqual({});
    const summary = await cfg.send(new C.GetComplianceSummaryByConfigRuleCommand({}));
    expect(summary.ComplianceSummary!.NonCompliantResourceCount!.CappedCount).toBeGreaterThanOrEqual(2);
    await cfg.send(new C.DeleteConfigRuleCommand({ ConfigRuleName: 'not-built' }));
    await rejects(cfg.send(new C.DescribeConfigRuleEvaluationStatusCommand({ ConfigRuleNames: ['not-built'] })), 'NoSuchConfigRuleException', 400);
  });
});
