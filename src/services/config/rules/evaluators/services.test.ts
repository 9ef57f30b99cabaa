import { describe, expect, it } from 'vitest';
import { ruleContext } from '../item-index';
import { managedRule } from '../registry';
import type { ConfigurationItem } from '../types';

const item = (resourceType: string, resourceId: string, configuration: Record<string, unknown>, extra: Partial<ConfigurationItem> = {}): ConfigurationItem => ({ resourceType, resourceId, configuration, ...extra });
const judge = (id: string, it: ConfigurationItem, params: Record<string, string> = {}) => managedRule(id)!.evaluateItem!(it, ruleContext([it], params))[0].complianceType;
const policy = (statement: Record<string, unknown>) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });

describe('KMS', () => {
  // kanri's KMS records DescribeKey's KeyMetadata in PascalCase; AWS's item is camelCase.
  const key = (id: string, over: Record<string, unknown> = {}, extra: Partial<ConfigurationItem> = {}) =>
    item('AWS::KMS::Key', id, { KeyId: id, Enabled: true, KeyUsage: 'ENCRYPT_DECRYPT', KeyState: 'Enabled', Origin: 'AWS_KMS', KeyManager: 'CUSTOMER', KeySpec: 'SYMMETRIC_DEFAULT', ...over }, extra);
  it('CMK_BACKING_KEY_ROTATION_ENABLED from the item or from the account facts', () => {
    const rule = managedRule('CMK_BACKING_KEY_ROTATION_ENABLED')!;
    const keys = [key('k-on', {}, { supplementaryConfiguration: { KeyRotationStatus: 'true' } }), key('k-off', {}, { supplementaryConfiguration: { KeyRotationStatus: 'false' } }), key('k-aws', { KeyManager: 'AWS' }), key('k-rsa', { KeySpec: 'RSA_2048' })];
    expect(rule.evaluatePeriodic!(ruleContext(keys)).map((e) => [e.resourceId, e.complianceType])).toEqual([['k-on', 'COMPLIANT'], ['k-off', 'NON_COMPLIANT'], ['k-aws', 'NOT_APPLICABLE'], ['k-rsa', 'NOT_APPLICABLE']]);
    expect(rule.evaluatePeriodic!(ruleContext([key('k1')], {}, { facts: { keyRotationEnabled: (id) => id === 'k1' } }))[0].complianceType).toBe('COMPLIANT');
    expect(() => rule.evaluatePeriodic!(ruleContext([key('k1')]))).toThrow(/rotation status of key k1 is not recorded/);
  });
  it('KMS_CMK_NOT_SCHEDULED_FOR_DELETION', () => {
    const rule = managedRule('KMS_CMK_NOT_SCHEDULED_FOR_DELETION')!;
    const keys = [key('k1', { KeyState: 'PendingDeletion' }), key('k2')];
    expect(rule.evaluatePeriodic!(ruleContext(keys)).map((e) => e.complianceType)).toEqual(['NON_COMPLIANT', 'COMPLIANT']);
    expect(rule.evaluatePeriodic!(ruleContext(keys, { kmsKeyIds: 'k2' })).map((e) => e.resourceId)).toEqual(['k2']);
  });
});

describe('SNS and SQS', () => {
  const arn = 'arn:aws:sns:us-east-1:000000000000:t1';
  // AWS's item: PascalCase attribute names; kanri's SNS records camelCase (kmsMasterKeyId).
  it('SNS_ENCRYPTED_KMS', () => {
    expect(judge('SNS_ENCRYPTED_KMS', item('AWS::SNS::Topic', arn, { TopicArn: arn, KmsMasterKeyId: 'alias/aws/sns' }))).toBe('COMPLIANT');
    expect(judge('SNS_ENCRYPTED_KMS', item('AWS::SNS::Topic', arn, { topicArn: arn, kmsMasterKeyId: 'alias/aws/sns' }))).toBe('COMPLIANT');
    expect(judge('SNS_ENCRYPTED_KMS', item('AWS::SNS::Topic', arn, { topicArn: arn }))).toBe('NON_COMPLIANT');
    expect(judge('SNS_ENCRYPTED_KMS', item('AWS::SNS::Topic', arn, { KmsMasterKeyId: 'arn:aws:kms:us-east-1:000000000000:key/k1' }), { kmsKeyIds: 'k1' })).toBe('COMPLIANT');
    expect(judge('SNS_ENCRYPTED_KMS', item('AWS::SNS::Topic', arn, { KmsMasterKeyId: 'alias/aws/sns' }), { kmsKeyIds: 'k1' })).toBe('NON_COMPLIANT');
  });
  it('SNS_TOPIC_NO_PUBLIC_ACCESS and delivery logging', () => {
    // kanri's default topic policy: everyone, but only the owner account (AWS:SourceOwner).
    const owned = policy({ Effect: 'Allow', Principal: { AWS: '*' }, Action: ['SNS:Publish'], Resource: arn, Condition: { StringEquals: { 'AWS:SourceOwner': '000000000000' } } });
    expect(judge('SNS_TOPIC_NO_PUBLIC_ACCESS', item('AWS::SNS::Topic', arn, { policy: owned }))).toBe('COMPLIANT');
    expect(judge('SNS_TOPIC_NO_PUBLIC_ACCESS', item('AWS::SNS::Topic', arn, { Policy: policy({ Effect: 'Allow', Principal: '*', Action: 'sns:Publish', Resource: arn }) }))).toBe('NON_COMPLIANT');
    expect(judge('SNS_TOPIC_MESSAGE_DELIVERY_NOTIFICATION_ENABLED', item('AWS::SNS::Topic', arn, {}))).toBe('NON_COMPLIANT');
    expect(judge('SNS_TOPIC_MESSAGE_DELIVERY_NOTIFICATION_ENABLED', item('AWS::SNS::Topic', arn, { SQSFailureFeedbackRoleArn: 'arn:aws:iam::000000000000:role/r' }))).toBe('COMPLIANT');
  });
  it('SQS policies and dead-letter queues', () => {
    const url = 'https://sqs.us-east-1.amazonaws.com/000000000000/q1';
    expect(judge('SQS_QUEUE_NO_PUBLIC_ACCESS', item('AWS::SQS::Queue', url, { queueName: 'q1' }))).toBe('COMPLIANT');
    expect(judge('SQS_QUEUE_NO_PUBLIC_ACCESS', item('AWS::SQS::Queue', url, { Policy: policy({ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: '*' }) }))).toBe('NON_COMPLIANT');
    expect(judge('SQS_QUEUE_POLICY_FULL_ACCESS_CHECK', item('AWS::SQS::Queue', url, { Policy: policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::1:root' }, Action: 'sqs:*', Resource: '*' }) }))).toBe('NON_COMPLIANT');
    expect(judge('SQS_QUEUE_POLICY_FULL_ACCESS_CHECK', item('AWS::SQS::Queue', url, {}))).toBe('COMPLIANT');
    expect(judge('SQS_QUEUE_DLQ_CHECK', item('AWS::SQS::Queue', url, { redrivePolicy: JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:dlq', maxReceiveCount: 3 }) }))).toBe('COMPLIANT');
    expect(judge('SQS_QUEUE_DLQ_CHECK', item('AWS::SQS::Queue', url, {}))).toBe('NON_COMPLIANT');
  });
});

describe('Lambda', () => {
  const fn = (over: Record<string, unknown> = {}, extra: Partial<ConfigurationItem> = {}) => item('AWS::Lambda::Function', 'f1', {
    functionName: 'f1', runtime: 'python3.12', role: 'arn:aws:iam::000000000000:role/r', handler: 'index.h', timeout: 3, memorySize: 128, tracingConfig: { mode: 'PassThrough' }, ...over,
  }, extra);
  it('LAMBDA_FUNCTION_PUBLIC_ACCESS_PROHIBITED reads supplementaryConfiguration.Policy', () => {
    expect(judge('LAMBDA_FUNCTION_PUBLIC_ACCESS_PROHIBITED', fn())).toBe('COMPLIANT');
    const open = policy({ Sid: 's', Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunction', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:f1' });
    expect(judge('LAMBDA_FUNCTION_PUBLIC_ACCESS_PROHIBITED', fn({}, { supplementaryConfiguration: { Policy: open } }))).toBe('NON_COMPLIANT');
    const fromBucket = policy({ Effect: 'Allow', Principal: { Service: 's3.amazonaws.com' }, Action: 'lambda:InvokeFunction', Resource: '*', Condition: { ArnLike: { 'AWS:SourceArn': 'arn:aws:s3:::b' } } });
    expect(judge('LAMBDA_FUNCTION_PUBLIC_ACCESS_PROHIBITED', fn({}, { supplementaryConfiguration: { Policy: fromBucket } }))).toBe('COMPLIANT');
  });
  it('LAMBDA_FUNCTION_SETTINGS_CHECK with the catalogue defaults', () => {
    const params = { runtime: 'python3.12,nodejs20.x', memorySize: '128', timeout: '3' };
    expect(judge('LAMBDA_FUNCTION_SETTINGS_CHECK', fn(), params)).toBe('COMPLIANT');
    const [e] = managedRule('LAMBDA_FUNCTION_SETTINGS_CHECK')!.evaluateItem!(fn({ runtime: 'python3.8', timeout: 30 }), ruleContext([], params));
    expect(e.annotation).toBe("The function's settings do not match: runtime python3.8 is not one of python3.12, nodejs20.x; timeout is 30, not 3.");
    expect(judge('LAMBDA_FUNCTION_SETTINGS_CHECK', fn(), { ...params, role: 'arn:aws:iam::000000000000:role/other' })).toBe('NON_COMPLIANT');
  });
  it('VPC, dead-letter queue and X-Ray', () => {
    expect(judge('LAMBDA_INSIDE_VPC', fn())).toBe('NON_COMPLIANT');
    expect(judge('LAMBDA_INSIDE_VPC', fn({ vpcConfig: { subnetIds: ['subnet-1'], securityGroupIds: ['sg-1'] } }))).toBe('COMPLIANT');
    expect(judge('LAMBDA_INSIDE_VPC', fn({ vpcConfig: { subnetIds: ['subnet-1'] } }), { subnetIds: 'subnet-2' })).toBe('NON_COMPLIANT');
    expect(judge('LAMBDA_DLQ_CHECK', fn())).toBe('NON_COMPLIANT');
    expect(judge('LAMBDA_DLQ_CHECK', fn({ deadLetterConfig: { targetArn: 'arn:aws:sqs:us-east-1:000000000000:dlq' } }))).toBe('COMPLIANT');
    expect(judge('LAMBDA_DLQ_CHECK', fn({ deadLetterConfig: { targetArn: 'arn:aws:sqs:us-east-1:000000000000:dlq' } }), { dlqArns: 'arn:other' })).toBe('NON_COMPLIANT');
    expect(judge('LAMBDA_FUNCTION_XRAY_ENABLED', fn())).toBe('NON_COMPLIANT');
    expect(judge('LAMBDA_FUNCTION_XRAY_ENABLED', fn({ tracingConfig: { mode: 'Active' } }))).toBe('COMPLIANT');
  });
});
