import { describe, expect, it } from 'vitest';
import { ruleContext } from '../item-index';
import { managedRule } from '../registry';
import type { ConfigurationItem } from '../types';

const OWNER = 'c5b2c66f6c3e7425583030739395d5e8e3767c5c90dc88f0644ff4b2f3001fa3';
// kanri's S3 records the supplementary configuration inside `configuration` (GetBucket* shapes).
const kanriBucket = (supplementaryConfiguration: Record<string, unknown>): ConfigurationItem => ({
  resourceType: 'AWS::S3::Bucket', resourceId: 'rules-b1', resourceName: 'rules-b1',
  configuration: {
    name: 'rules-b1', owner: { id: OWNER, displayName: null }, creationDate: '2026-11-28T20:04:33.114Z', region: 'us-east-1', tags: { env: 'dev' },
    supplementaryConfiguration: { BucketVersioningConfiguration: { status: 'Off', isMfaDeleteEnabled: null }, ...supplementaryConfiguration },
  },
});
// AWS's item: supplementaryConfiguration beside configuration, AccessControlList as JSON text.
const awsBucket = (supplementaryConfiguration: Record<string, unknown>): ConfigurationItem => ({
  resourceType: 'AWS::S3::Bucket', resourceId: 'aws-b', configuration: { name: 'aws-b', owner: { id: OWNER } }, supplementaryConfiguration,
});
const judge = (id: string, item: ConfigurationItem, params: Record<string, string> = {}) => managedRule(id)!.evaluateItem!(item, ruleContext([item], params))[0];
const type = (id: string, item: ConfigurationItem, params: Record<string, string> = {}) => judge(id, item, params).complianceType;

const publicReadAcl = { Owner: { ID: OWNER }, Grants: [{ Grantee: { Type: 'CanonicalUser', ID: OWNER }, Permission: 'FULL_CONTROL' }, { Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' }, Permission: 'READ' }] };
const publicPolicy = (action: string) => ({ policyText: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: action, Resource: 'arn:aws:s3:::rules-b1/*' }] }) });
const openBlock = { BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false };
const fullBlock = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };

describe('S3 bucket rules', () => {
  it('S3_BUCKET_VERSIONING_ENABLED with and without MFA delete', () => {
    expect(type('S3_BUCKET_VERSIONING_ENABLED', kanriBucket({}))).toBe('NON_COMPLIANT');
    const on = kanriBucket({ BucketVersioningConfiguration: { status: 'Enabled', isMfaDeleteEnabled: null } });
    expect(type('S3_BUCKET_VERSIONING_ENABLED', on)).toBe('COMPLIANT');
    expect(type('S3_BUCKET_VERSIONING_ENABLED', on, { isMfaDeleteEnabled: 'true' })).toBe('NON_COMPLIANT');
  });
  it('S3_BUCKET_PUBLIC_READ_PROHIBITED: ACL and policy, unless public access is blocked', () => {
    expect(type('S3_BUCKET_PUBLIC_READ_PROHIBITED', kanriBucket({}))).toBe('COMPLIANT');
    expect(judge('S3_BUCKET_PUBLIC_READ_PROHIBITED', kanriBucket({ AccessControlList: publicReadAcl, PublicAccessBlockConfiguration: openBlock }))).toMatchObject({ complianceType: 'NON_COMPLIANT', annotation: 'The bucket ACL allows public read access.' });
    expect(judge('S3_BUCKET_PUBLIC_READ_PROHIBITED', kanriBucket({ BucketPolicy: publicPolicy('s3:GetObject') }))).toMatchObject({ complianceType: 'NON_COMPLIANT', annotation: 'The bucket policy allows public read access.' });
    expect(type('S3_BUCKET_PUBLIC_READ_PROHIBITED', kanriBucket({ BucketPolicy: publicPolicy('s3:GetObject'), PublicAccessBlockConfiguration: fullBlock }))).toBe('COMPLIANT');
    const awsAcl = JSON.stringify({ grantSet: null, grantList: [{ grantee: { id: OWNER, displayName: null }, permission: 'FullControl' }, { grantee: 'AllUsers', permission: 'Read' }], owner: { id: OWNER }, isRequesterCharged: false });
    expect(type('S3_BUCKET_PUBLIC_READ_PROHIBITED', awsBucket({ AccessControlList: awsAcl }))).toBe('NON_COMPLIANT');
    const restricted = { policyText: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } } }] }) };
    expect(type('S3_BUCKET_PUBLIC_READ_PROHIBITED', kanriBucket({ BucketPolicy: restricted }))).toBe('COMPLIANT');
  });
  it('S3_BUCKET_PUBLIC_WRITE_PROHIBITED', () => {
    expect(type('S3_BUCKET_PUBLIC_WRITE_PROHIBITED', kanriBucket({ AccessControlList: publicReadAcl }))).toBe('COMPLIANT');
    expect(type('S3_BUCKET_PUBLIC_WRITE_PROHIBITED', kanriBucket({ BucketPolicy: publicPolicy('s3:PutObject') }))).toBe('NON_COMPLIANT');
    expect(type('S3_BUCKET_PUBLIC_WRITE_PROHIBITED', awsBucket({ AccessControlList: JSON.stringify({ grantList: [{ grantee: 'AllUsers', permission: 'Write' }] }) }))).toBe('NON_COMPLIANT');
  });
  it('encryption rules', () => {
    const sse = (algorithm: string, key?: string) => ({ ServerSideEncryptionConfiguration: { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: algorithm, ...(key ? { kmsMasterKeyID: key } : {}) }, bucketKeyEnabled: false }] } });
    expect(type('S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED', kanriBucket({}))).toBe('NON_COMPLIANT');
    expect(type('S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED', awsBucket(sse('AES256')))).toBe('COMPLIANT');
    // The GetBucketEncryption shape kanri records (PascalCase) reads the same.
    expect(type('S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED', kanriBucket({ ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] } }))).toBe('COMPLIANT');
    expect(type('S3_DEFAULT_ENCRYPTION_KMS', kanriBucket({ ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'arn:k1' } }] } }), { kmsKeyArns: 'arn:k1' })).toBe('COMPLIANT');
    expect(type('S3_DEFAULT_ENCRYPTION_KMS', awsBucket(sse('AES256')))).toBe('NON_COMPLIANT');
    expect(type('S3_DEFAULT_ENCRYPTION_KMS', awsBucket(sse('aws:kms', 'arn:k1')))).toBe('COMPLIANT');
    expect(type('S3_DEFAULT_ENCRYPTION_KMS', awsBucket(sse('aws:kms', 'arn:k1')), { kmsKeyArns: 'arn:k2' })).toBe('NON_COMPLIANT');
  });
  it('S3_BUCKET_LOGGING_ENABLED with target parameters', () => {
    const logging = { BucketLoggingConfiguration: { destinationBucketName: 'logs', logFilePrefix: 'b/' } };
    expect(type('S3_BUCKET_LOGGING_ENABLED', kanriBucket({}))).toBe('NON_COMPLIANT');
    expect(type('S3_BUCKET_LOGGING_ENABLED', awsBucket(logging))).toBe('COMPLIANT');
    expect(type('S3_BUCKET_LOGGING_ENABLED', awsBucket(logging), { targetBucket: 'other' })).toBe('NON_COMPLIANT');
    expect(type('S3_BUCKET_LOGGING_ENABLED', awsBucket(logging), { targetBucket: 'logs', targetPrefix: 'b/' })).toBe('COMPLIANT');
  });
  it('S3_BUCKET_SSL_REQUESTS_ONLY', () => {
    const deny = { policyText: JSON.stringify({ Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] }) };
    expect(type('S3_BUCKET_SSL_REQUESTS_ONLY', kanriBucket({ BucketPolicy: deny }))).toBe('COMPLIANT');
    expect(type('S3_BUCKET_SSL_REQUESTS_ONLY', kanriBucket({ BucketPolicy: publicPolicy('s3:GetObject') }))).toBe('NON_COMPLIANT');
    expect(type('S3_BUCKET_SSL_REQUESTS_ONLY', kanriBucket({}))).toBe('NON_COMPLIANT');
  });
  it('public access block, ACLs and object lock', () => {
    expect(type('S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED', kanriBucket({ PublicAccessBlockConfiguration: openBlock }))).toBe('NON_COMPLIANT');
    expect(type('S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED', kanriBucket({ PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } }))).toBe('COMPLIANT');
    expect(type('S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED', kanriBucket({}), { excludedPublicBuckets: 'rules-b1' })).toBe('COMPLIANT');
    expect(type('S3_BUCKET_ACL_PROHIBITED', kanriBucket({ BucketOwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerPreferred' }] } }))).toBe('NON_COMPLIANT');
    expect(type('S3_BUCKET_ACL_PROHIBITED', kanriBucket({ BucketOwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] } }))).toBe('COMPLIANT');
    const lock = { ObjectLockConfiguration: { objectLockEnabled: 'Enabled', rule: { defaultRetention: { mode: 'GOVERNANCE', days: 1 } } } };
    expect(type('S3_BUCKET_DEFAULT_LOCK_ENABLED', kanriBucket({}))).toBe('NON_COMPLIANT');
    expect(type('S3_BUCKET_DEFAULT_LOCK_ENABLED', awsBucket(lock))).toBe('COMPLIANT');
    expect(type('S3_BUCKET_DEFAULT_LOCK_ENABLED', awsBucket(lock), { mode: 'COMPLIANCE' })).toBe('NON_COMPLIANT');
  });
});
