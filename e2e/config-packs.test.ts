// Conformance packs through the SDK v3: AWS's sample S3 pack deploys against recorded buckets and
// reports their compliance, its rules belong to the pack, a template from S3 deploys, bad templates
// and failed deployments answer as AWS does, and DeleteConformancePack removes the rules.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as C from '@aws-sdk/client-config-service';
import * as S from '@aws-sdk/client-s3';
import { awsCli, rejects, sdkConfig, startTestKanri, type Kanri } from './harness';

let kanri: Kanri;
let cfg: C.ConfigServiceClient;
let s3: S.S3Client;
const S3_PACK = readFileSync(join(__dirname, '..', 'src/services/config/rules/data/conformance-packs/Operational-Best-Practices-for-Amazon-S3.yaml'), 'utf8');

const settle = async () => {
  await kanri.platform.outbox.drain();
  await new Promise((r) => setTimeout(r, 20));
};

async function waitComplete(name: string): Promise<C.ConformancePackStatusDetail> {
  for (let i = 0; i < 100; i++) {
    const [status] = (await cfg.send(new C.DescribeConformancePackStatusCommand({ ConformancePackNames: [name] }))).ConformancePackStatusDetails!;
    if (status.ConformancePackState !== 'CREATE_IN_PROGRESS') return status;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('still in progress');
}

beforeAll(async () => {
  kanri = await startTestKanri();
  cfg = new C.ConfigServiceClient(sdkConfig(kanri));
  s3 = new S.S3Client({ ...sdkConfig(kanri), forcePathStyle: true });
});
afterAll(() => kanri?.stop());

describe('conformance packs', () => {
  it('fails to deploy without a recorder, and refuses bad templates at once', async () => {
    await cfg.send(new C.PutConformancePackCommand({ ConformancePackName: 'early', TemplateBody: S3_PACK }));
    const status = await waitComplete('early');
    expect(status.ConformancePackState).toBe('CREATE_FAILED');
    expect(status.ConformancePackStatusReason).toMatch(/configuration recorder/);
    await cfg.send(new C.DeleteConformancePackCommand({ ConformancePackName: 'early' }));

    await rejects(cfg.send(new C.PutConformancePackCommand({ ConformancePackName: 'bad', TemplateBody: 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n' })),
      'ConformancePackTemplateValidationException', 400);
    await rejects(cfg.send(new C.PutConformancePackCommand({ ConformancePackName: 'bad', TemplateBody: 'Resources: [\n' })), 'ConformancePackTemplateValidationException', 400);
    await rejects(cfg.send(new C.PutConformancePackCommand({ ConformancePackName: 'bad', TemplateBody: S3_PACK,
      ConformancePackInputParameters: [{ ParameterName: 'NotInTemplate', ParameterValue: 'x' }] })), 'ConformancePackTemplateValidationException', 400);
    await rejects(cfg.send(new C.PutConformancePackCommand({ ConformancePackName: 'bad' })), 'InvalidParameterValueException', 400);
    await rejects(cfg.send(new C.DescribeConformancePacksCommand({ ConformancePackNames: ['nope'] })), 'NoSuchConformancePackException', 400);
    await rejects(cfg.send(new C.DeleteConformancePackCommand({ ConformancePackName: 'nope' })), 'NoSuchConformancePackException', 400);
  });

  it("deploys AWS's S3 sample pack and reports the buckets' compliance", async () => {
    await s3.send(new S.CreateBucketCommand({ Bucket: 'packs-delivery' }));
    await cfg.send(new C.PutConfigurationRecorderCommand({ ConfigurationRecorder: { name: 'default', roleARN: 'arn:aws:iam::000000000000:role/config',
      recordingGroup: { allSupported: true, includeGlobalResourceTypes: true } } }));
    await cfg.send(new C.PutDeliveryChannelCommand({ DeliveryChannel: { name: 'default', s3BucketName: 'packs-delivery' } }));
    await cfg.send(new C.StartConfigurationRecorderCommand({ ConfigurationRecorderName: 'default' }));
    await s3.send(new S.CreateBucketCommand({ Bucket: 'versioned-bucket' }));
    await s3.send(new S.PutBucketVersioningCommand({ Bucket: 'versioned-bucket', VersioningConfiguration: { Status: 'Enabled' } }));
    await s3.send(new S.CreateBucketCommand({ Bucket: 'plain-bucket' }));
    await settle();

    const { ConformancePackArn } = await cfg.send(new C.PutConformancePackCommand({ ConformancePackName: 'S3-Best-Practices', TemplateBody: S3_PACK,
      DeliveryS3Bucket: 'awsconfigconforms-delivery', Tags: [{ Key: 'team', Value: 'storage' }] }));
    expect(ConformancePackArn).toMatch(/^arn:aws:config:us-east-1:000000000000:conformance-pack\/S3-Best-Practices\/conformance-pack-[a-z0-9]{9}$/);
    const [first] = (await cfg.send(new C.DescribeConformancePackStatusCommand({ ConformancePackNames: ['S3-Best-Practices'] }))).ConformancePackStatusDetails!;
    expect(first.ConformancePackState).toBe('CREATE_IN_PROGRESS');
    const status = await waitComplete('S3-Best-Practices');
    expect(status).toMatchObject({ ConformancePackState: 'CREATE_COMPLETE', ConformancePackArn, StackArn: expect.stringMatching(/^arn:aws:cloudformation:us-east-1:000000000000:stack\/awsconfigconforms-S3-Best-Practices-/) });
    const [detail] = (await cfg.send(new C.DescribeConformancePacksCommand({}))).ConformancePackDetails!;
    expect(detail).toMatchObject({ ConformancePackName: 'S3-Best-Practices', ConformancePackArn, DeliveryS3Bucket: 'awsconfigconforms-delivery', ConformancePackInputParameters: [] });
    expect((await cfg.send(new C.ListTagsForResourceCommand({ ResourceArn: ConformancePackArn! }))).Tags).toEqual([{ Key: 'team', Value: 'storage' }]);

    // The rules are the pack's: suffixed names, created by config-conforms, not the user's to change.
    const rules = (await cfg.send(new C.DescribeConfigRulesCommand({}))).ConfigRules!;
    expect(rules).toHaveLength(14);
    const versioning = rules.find((r) => r.ConfigRuleName!.startsWith('s3-bucket-versioning-enabled-'))!;
    expect(versioning.ConfigRuleName).toMatch(/^s3-bucket-versioning-enabled-conformance-pack-[a-z0-9]{9}$/);
    expect(versioning.CreatedBy).toBe('config-conforms.amazonaws.com');
    await rejects(cfg.send(new C.DeleteConfigRuleCommand({ ConfigRuleName: versioning.ConfigRuleName })), 'AccessDeniedException', 400);
    await rejects(cfg.send(new C.PutConfigRuleCommand({ ConfigRule: { ConfigRuleName: versioning.ConfigRuleName, Source: { Owner: 'AWS', SourceIdentifier: 'S3_BUCKET_LOGGING_ENABLED' } } })),
      'AccessDeniedException', 400);

    const details = (await cfg.send(new C.GetConformancePackComplianceDetailsCommand({ ConformancePackName: 'S3-Best-Practices',
      Filters: { ConfigRuleNames: [versioning.ConfigRuleName!], ResourceType: 'AWS::S3::Bucket', ResourceIds: ['versioned-bucket', 'plain-bucket'] } }))).ConformancePackRuleEvaluationResults!;
    const verdicts = Object.fromEntries(details.map((d) => [d.EvaluationResultIdentifier!.EvaluationResultQualifier!.ResourceId, d.ComplianceType]));
    expect(verdicts).toEqual({ 'versioned-bucket': 'COMPLIANT', 'plain-bucket': 'NON_COMPLIANT' });

    const byRule = (await cfg.send(new C.DescribeConformancePackComplianceCommand({ ConformancePackName: 'S3-Best-Practices' }))).ConformancePackRuleComplianceList!;
    expect(byRule).toHaveLength(14);
    expect(byRule.find((r) => r.ConfigRuleName === versioning.ConfigRuleName)!.ComplianceType).toBe('NON_COMPLIANT');
    const nonCompliant = await cfg.send(new C.DescribeConformancePackComplianceCommand({ ConformancePackName: 'S3-Best-Practices', Filters: { ComplianceType: 'NON_COMPLIANT' } }));
    expect(nonCompliant.ConformancePackRuleComplianceList!.every((r) => r.ComplianceType === 'NON_COMPLIANT')).toBe(true);
    await rejects(cfg.send(new C.DescribeConformancePackComplianceCommand({ ConformancePackName: 'S3-Best-Practices', Filters: { ConfigRuleNames: ['restricted-ssh'] } })),
      'NoSuchConfigRuleInConformancePackException', 400);

    const summary = await cfg.send(new C.GetConformancePackComplianceSummaryCommand({ ConformancePackNames: ['S3-Best-Practices'] }));
    expect(summary.ConformancePackComplianceSummaryList).toEqual([{ ConformancePackName: 'S3-Best-Practices', ConformancePackComplianceStatus: 'NON_COMPLIANT' }]);
    const [score] = (await cfg.send(new C.ListConformancePackComplianceScoresCommand({}))).ConformancePackComplianceScores!;
    expect(score.ConformancePackName).toBe('S3-Best-Practices');
    expect(Number(score.Score)).toBeGreaterThan(0);
    expect(Number(score.Score)).toBeLessThan(100);

    // Enabling versioning on the plain bucket turns its result compliant.
    await s3.send(new S.PutBucketVersioningCommand({ Bucket: 'plain-bucket', VersioningConfiguration: { Status: 'Enabled' } }));
    await settle();
    const after = (await cfg.send(new C.GetConformancePackComplianceDetailsCommand({ ConformancePackName: 'S3-Best-Practices',
      Filters: { ConfigRuleNames: [versioning.ConfigRuleName!], ResourceType: 'AWS::S3::Bucket', ResourceIds: ['plain-bucket'] } }))).ConformancePackRuleEvaluationResults!;
    expect(after.map((d) => d.ComplianceType)).toEqual(['COMPLIANT']);
  });

  it('deploys from S3 with input parameters and conditions, through the aws CLI', async () => {
    const template = [
      'Parameters:',
      '  Versioning: {Type: String, Default: "true"}',
      '  Tag1: {Type: String, Default: ""}',
      'Conditions:',
      '  WantVersioning: !Equals [!Ref Versioning, "true"]',
      '  HasTag: !Not [!Equals [!Ref Tag1, ""]]',
      'Resources:',
      '  Versioned:',
      '    Type: AWS::Config::ConfigRule',
      '    Condition: WantVersioning',
      '    Properties:',
      '      ConfigRuleName: versioned',
      '      Scope: {ComplianceResourceTypes: [AWS::S3::Bucket]}',
      '      Source: {Owner: AWS, SourceIdentifier: S3_BUCKET_VERSIONING_ENABLED}',
      '  Tagged:',
      '    Type: AWS::Config::ConfigRule',
      '    Properties:',
      '      ConfigRuleName: tagged',
      '      InputParameters:',
      '        tag1Key: !If [HasTag, !Ref Tag1, !Ref "AWS::NoValue"]',
      '      Source: {Owner: AWS, SourceIdentifier: REQUIRED_TAGS}',
    ].join('\n');
    await s3.send(new S.PutObjectCommand({ Bucket: 'packs-delivery', Key: 'templates/tags.yaml', Body: template }));
    const out = await awsCli(kanri, ['configservice', 'put-conformance-pack', '--conformance-pack-name', 'tags', '--template-s3-uri', 's3://packs-delivery/templates/tags.yaml',
      '--conformance-pack-input-parameters', 'ParameterName=Versioning,ParameterValue=false', 'ParameterName=Tag1,ParameterValue=owner']);
    expect(out.ConformancePackArn).toMatch(/conformance-pack\/tags\//);
    await waitComplete('tags');
    const rules = (await cfg.send(new C.DescribeConfigRulesCommand({}))).ConfigRules!.filter((r) => /^(tagged|versioned)-conformance-pack-/.test(r.ConfigRuleName!));
    expect(rules.map((r) => r.ConfigRuleName!.split('-')[0])).toEqual(['tagged']);
    expect(JSON.parse(rules[0].InputParameters!)).toEqual({ tag1Key: 'owner' });
    await rejects(cfg.send(new C.PutConformancePackCommand({ ConformancePackName: 'missing', TemplateS3Uri: 's3://packs-delivery/none.yaml' })),
      'ConformancePackTemplateValidationException', 400);
  });

  it('DeleteConformancePack removes its rules and their results', async () => {
    await cfg.send(new C.DeleteConformancePackCommand({ ConformancePackName: 'S3-Best-Practices' }));
    const rules = (await cfg.send(new C.DescribeConfigRulesCommand({}))).ConfigRules!;
    expect(rules.map((r) => r.ConfigRuleName!.split('-conformance-pack-')[0])).toEqual(['tagged']);
    // Only the remaining pack's rule still judges the bucket.
    const left = (await cfg.send(new C.GetComplianceDetailsByResourceCommand({ ResourceType: 'AWS::S3::Bucket', ResourceId: 'plain-bucket' }))).EvaluationResults!;
    expect(left.every((e) => e.EvaluationResultIdentifier!.EvaluationResultQualifier!.ConfigRuleName!.startsWith('tagged-'))).toBe(true);
    expect((await cfg.send(new C.DescribeConformancePackStatusCommand({ ConformancePackNames: ['S3-Best-Practices'] }))).ConformancePackStatusDetails).toEqual([]);
    await cfg.send(new C.DeleteConformancePackCommand({ ConformancePackName: 'tags' }));
    expect((await cfg.send(new C.DescribeConfigRulesCommand({}))).ConfigRules).toEqual([]);
    expect((await cfg.send(new C.DescribeComplianceByResourceCommand({}))).ComplianceByResources).toEqual([]);
  });
});
