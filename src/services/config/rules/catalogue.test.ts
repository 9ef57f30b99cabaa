import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogue, catalogueRule, isChangeTriggered, isPeriodic } from './catalogue';
import { ruleContext } from './item-index';
import { evaluateChange, implementedRules, managedRule } from './registry';

describe('managed rule catalogue', () => {
  it('holds every documented identifier with parameters, triggers and resource types', () => {
    expect(catalogue().length).toBeGreaterThan(800);
    expect(catalogueRule('ACCESS_KEYS_ROTATED')).toEqual({
      identifier: 'ACCESS_KEYS_ROTATED', parameters: [{ name: 'maxAccessKeyAge', type: 'int', optional: false, default: '90' }],
      triggerTypes: ['ScheduledNotification'], resourceTypes: ['AWS::IAM::User'], maximumExecutionFrequency: 'TwentyFour_Hours', implemented: true,
    });
    const ssh = catalogueRule('INCOMING_SSH_DISABLED')!;
    expect([isChangeTriggered(ssh), isPeriodic(ssh), ssh.resourceTypes]).toEqual([true, true, ['AWS::EC2::SecurityGroup']]);
    expect(catalogueRule('NOT_A_RULE')).toBeUndefined();
    expect(catalogueRule('__proto__')).toBeUndefined();
  });
  it('knows identifiers seen only in sample conformance packs', () => {
    expect(catalogueRule('AWS_CONFIG_PROCESS_CHECK')).toMatchObject({ source: expect.stringMatching(/\.ya?ml$/), implemented: false });
  });
  it('marks implemented rules from the registry', () => {
    const implemented = catalogue().filter((r) => r.implemented).map((r) => r.identifier);
    expect(implemented).toEqual(implementedRules());
    expect(implemented.length).toBeGreaterThanOrEqual(40);
    expect(catalogueRule('ACM_CERTIFICATE_EXPIRATION_CHECK')!.implemented).toBe(false);
  });
  it('implements every rule the issue names', () => {
    const named = ['RESTRICTED_INCOMING_TRAFFIC', 'INCOMING_SSH_DISABLED', 'VPC_DEFAULT_SECURITY_GROUP_CLOSED', 'VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS',
      'ENCRYPTED_VOLUMES', 'EC2_VOLUME_INUSE_CHECK', 'EC2_INSTANCE_NO_PUBLIC_IP', 'EC2_INSTANCE_MANAGED_BY_SSM', 'INSTANCES_IN_VPC', 'DESIRED_INSTANCE_TYPE',
      'APPROVED_AMIS_BY_ID', 'REQUIRED_TAGS', 'S3_BUCKET_VERSIONING_ENABLED', 'S3_BUCKET_PUBLIC_READ_PROHIBITED', 'S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED',
      'S3_BUCKET_LOGGING_ENABLED', 'IAM_PASSWORD_POLICY', 'IAM_USER_NO_POLICIES_CHECK', 'IAM_ROOT_ACCESS_KEY_CHECK', 'ROOT_ACCOUNT_MFA_ENABLED',
      'ACCESS_KEYS_ROTATED', 'CLOUD_TRAIL_ENABLED', 'CMK_BACKING_KEY_ROTATION_ENABLED', 'SNS_ENCRYPTED_KMS', 'LAMBDA_FUNCTION_PUBLIC_ACCESS_PROHIBITED',
      'VPC_FLOW_LOGS_ENABLED', 'EIP_ATTACHED'];
    expect(named.filter((id) => !managedRule(id))).toEqual([]);
  });
  it('has a catalogue entry, matching resource types and a unit test for every implemented rule', () => {
    const dir = join(__dirname, 'evaluators');
    const tests = readdirSync(dir).filter((f) => f.endsWith('.test.ts')).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    for (const id of implementedRules()) {
      const entry = catalogueRule(id);
      expect([id, !!entry]).toEqual([id, true]);
      const rule = managedRule(id)!;
      expect([id, rule.resourceTypes.filter((t) => !entry!.resourceTypes.includes(t))]).toEqual([id, []]);
      expect([id, !!rule.evaluateItem || !!rule.evaluatePeriodic]).toEqual([id, true]);
      // The *_TAGGED family shares one evaluator, tested over every member in network.test.ts.
      if (!id.endsWith('_TAGGED')) expect([id, tests.includes(`'${id}'`)]).toEqual([id, true]);
    }
  });
  it('a deleted resource is NOT_APPLICABLE', () => {
    const gone = { resourceType: 'AWS::EC2::SecurityGroup', resourceId: 'sg-1', configurationItemStatus: 'ResourceDeleted', configuration: null };
    expect(evaluateChange(managedRule('INCOMING_SSH_DISABLED')!, gone, ruleContext([]))).toEqual([{ resourceType: 'AWS::EC2::SecurityGroup', resourceId: 'sg-1', complianceType: 'NOT_APPLICABLE' }]);
  });
});
