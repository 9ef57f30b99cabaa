// S3 bucket configuration through the SDK v3: policy (validated, public ones blocked by the default
// public access block), public access block, ownership controls and ACLs, default encryption,
// tagging, CORS, and lifecycle rules that expire objects as the clock moves.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as S from '@aws-sdk/client-s3';
import { advanceClock, type Kanri, rejects, sdkConfig, startTestKanri } from './harness';

let kanri: Kanri;
let dataDir: string;
let s3: S.S3Client;
const B = 'kanri-config';
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kanri-s3-config-'));
  kanri = await startTestKanri(dataDir);
  s3 = new S.S3Client({ ...sdkConfig(kanri), forcePathStyle: true });
  await s3.send(new S.CreateBucketCommand({ Bucket: B }));
});
afterAll(async () => { await kanri.stop(); rmSync(dataDir, { recursive: true, force: true }); });

const policy = (principal: unknown) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 's3:GetObject', Resource: `arn:aws:s3:::${B}/*` }] });

describe('policy and public access', () => {
  it('stores a valid policy, refuses malformed ones, and answers NoSuchBucketPolicy when there is none', async () => {
    await rejects(s3.send(new S.GetBucketPolicyCommand({ Bucket: B })), 'NoSuchBucketPolicy', 404, 'The bucket policy does not exist');
    const doc = policy({ AWS: 'arn:aws:iam::111122223333:root' });
    await s3.send(new S.PutBucketPolicyCommand({ Bucket: B, Policy: doc }));
    expect((await s3.send(new S.GetBucketPolicyCommand({ Bucket: B }))).Policy).toBe(doc);
    expect((await s3.send(new S.GetBucketPolicyStatusCommand({ Bucket: B }))).PolicyStatus!.IsPublic).toBe(false);
    await rejects(s3.send(new S.PutBucketPolicyCommand({ Bucket: B, Policy: 'not json' })), 'MalformedPolicy', 400, "Policies must be valid JSON and the first byte must be '{'");
    await rejects(s3.send(new S.PutBucketPolicyCommand({ Bucket: B, Policy: '{"Version":"2012-10-17"}' })), 'MalformedPolicy', 400, 'Missing required field Statement');
    await s3.send(new S.DeleteBucketPolicyCommand({ Bucket: B }));
    await rejects(s3.send(new S.GetBucketPolicyCommand({ Bucket: B })), 'NoSuchBucketPolicy', 404);
  });

  it('blocks public policies until the public access block allows them', async () => {
    expect((await s3.send(new S.GetPublicAccessBlockCommand({ Bucket: B }))).PublicAccessBlockConfiguration)
      .toEqual({ BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true });
    await rejects(s3.send(new S.PutBucketPolicyCommand({ Bucket: B, Policy: policy('*') })), 'AccessDenied', 403);
    await s3.send(new S.DeletePublicAccessBlockCommand({ Bucket: B }));
    await rejects(s3.send(new S.GetPublicAccessBlockCommand({ Bucket: B })), 'NoSuchPublicAccessBlockConfiguration', 404,
      'The public access block configuration was not found');
    await s3.send(new S.PutBucketPolicyCommand({ Bucket: B, Policy: policy('*') }));
    expect((await s3.send(new S.GetBucketPolicyStatusCommand({ Bucket: B }))).PolicyStatus!.IsPublic).toBe(true);
    const off = { BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false };
    await s3.send(new S.PutPublicAccessBlockCommand({ Bucket: B, PublicAccessBlockConfiguration: off }));
    expect((await s3.send(new S.GetPublicAccessBlockCommand({ Bucket: B }))).PublicAccessBlockConfiguration).toEqual(off);
    await s3.send(new S.DeleteBucketPolicyCommand({ Bucket: B }));
  });

  it('disables ACLs by default (BucketOwnerEnforced) and takes canned ACLs once ownership allows them', async () => {
    const acl = await s3.send(new S.GetBucketAclCommand({ Bucket: B }));
    expect(acl.Grants).toEqual([{ Grantee: { Type: 'CanonicalUser', ID: acl.Owner!.ID }, Permission: 'FULL_CONTROL' }]);
    expect((await s3.send(new S.GetBucketOwnershipControlsCommand({ Bucket: B }))).OwnershipControls!.Rules).toEqual([{ ObjectOwnership: 'BucketOwnerEnforced' }]);
    await rejects(s3.send(new S.PutBucketAclCommand({ Bucket: B, ACL: 'public-read' })), 'AccessControlListNotSupported', 400, 'The bucket does not allow ACLs');
    await s3.send(new S.PutBucketOwnershipControlsCommand({ Bucket: B, OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerPreferred' }] } }));
    await s3.send(new S.PutBucketAclCommand({ Bucket: B, ACL: 'public-read' }));
    const grants = (await s3.send(new S.GetBucketAclCommand({ Bucket: B }))).Grants!;
    expect(grants[1]).toEqual({ Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' }, Permission: 'READ' });
    await s3.send(new S.DeleteBucketOwnershipControlsCommand({ Bucket: B }));
    await rejects(s3.send(new S.GetBucketOwnershipControlsCommand({ Bucket: B })), 'OwnershipControlsNotFoundError', 404);
  });
});

describe('encryption, tags and CORS', () => {
  it('encrypts with SSE-S3 by default and applies a configured default to new objects', async () => {
    const enc = await s3.send(new S.GetBucketEncryptionCommand({ Bucket: B }));
    expect(enc.ServerSideEncryptionConfiguration!.Rules![0].ApplyServerSideEncryptionByDefault).toEqual({ SSEAlgorithm: 'AES256' });
    const kmsKey = 'arn:aws:kms:us-east-1:000000000000:key/11111111-2222-3333-4444-555555555555';
    await s3.send(new S.PutBucketEncryptionCommand({ Bucket: B, ServerSideEncryptionConfiguration: {
      Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: kmsKey }, BucketKeyEnabled: true }] } }));
    const put = await s3.send(new S.PutObjectCommand({ Bucket: B, Key: 'encrypted', Body: 'secret' }));
    expect([put.ServerSideEncryption, put.SSEKMSKeyId]).toEqual(['aws:kms', kmsKey]);
    await s3.send(new S.DeleteBucketEncryptionCommand({ Bucket: B }));
    expect((await s3.send(new S.PutObjectCommand({ Bucket: B, Key: 'plain', Body: 'x' }))).ServerSideEncryption).toBe('AES256');
  });

  it('tags the bucket and answers NoSuchTagSet without tags', async () => {
    await rejects(s3.send(new S.GetBucketTaggingCommand({ Bucket: B })), 'NoSuchTagSet', 404, 'The TagSet does not exist');
    await s3.send(new S.PutBucketTaggingCommand({ Bucket: B, Tagging: { TagSet: [{ Key: 'team', Value: 'storage' }] } }));
    expect((await s3.send(new S.GetBucketTaggingCommand({ Bucket: B }))).TagSet).toEqual([{ Key: 'team', Value: 'storage' }]);
    await s3.send(new S.DeleteBucketTaggingCommand({ Bucket: B }));
    await rejects(s3.send(new S.GetBucketTaggingCommand({ Bucket: B })), 'NoSuchTagSet', 404);
  });

  it('stores CORS rules with S3\'s checks', async () => {
    await rejects(s3.send(new S.GetBucketCorsCommand({ Bucket: B })), 'NoSuchCORSConfiguration', 404, 'The CORS configuration does not exist');
    const rule = { AllowedMethods: ['GET', 'PUT'], AllowedOrigins: ['https://app.example.com'], AllowedHeaders: ['*'], ExposeHeaders: ['ETag'], MaxAgeSeconds: 300 };
    await s3.send(new S.PutBucketCorsCommand({ Bucket: B, CORSConfiguration: { CORSRules: [rule] } }));
    expect((await s3.send(new S.GetBucketCorsCommand({ Bucket: B }))).CORSRules).toEqual([rule]);
    await rejects(s3.send(new S.PutBucketCorsCommand({ Bucket: B, CORSConfiguration: { CORSRules: [{ AllowedMethods: ['PATCH'], AllowedOrigins: ['*'] }] } })),
      'InvalidRequest', 400, 'Found unsupported HTTP method in CORS config. Unsupported method is PATCH');
    await s3.send(new S.DeleteBucketCorsCommand({ Bucket: B }));
  });
});

describe('lifecycle', () => {
  it('validates rules and expires objects, noncurrent versions and stale uploads on the clock', async () => {
    const L = 'kanri-lifecycle';
    await s3.send(new S.CreateBucketCommand({ Bucket: L }));
    await rejects(s3.send(new S.GetBucketLifecycleConfigurationCommand({ Bucket: L })), 'NoSuchLifecycleConfiguration', 404, 'The lifecycle configuration does not exist');
    await rejects(s3.send(new S.PutBucketLifecycleConfigurationCommand({ Bucket: L, LifecycleConfiguration: {
      Rules: [{ ID: 'bad', Status: 'Enabled', Filter: { Prefix: '' }, Expiration: { Days: 0 } }] } })), 'InvalidArgument', 400, "'Days' for Expiration action must be a positive integer");
    await s3.send(new S.PutBucketVersioningCommand({ Bucket: L, VersioningConfiguration: { Status: 'Enabled' } }));
    const rules: S.LifecycleRule[] = [
      { ID: 'tmp', Status: 'Enabled', Filter: { Prefix: 'tmp/' }, Expiration: { Days: 1 }, NoncurrentVersionExpiration: { NoncurrentDays: 1 } },
      { ID: 'uploads', Status: 'Enabled', Filter: { Prefix: '' }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 2 } },
    ];
    await s3.send(new S.PutBucketLifecycleConfigurationCommand({ Bucket: L, LifecycleConfiguration: { Rules: rules } }));
    expect((await s3.send(new S.GetBucketLifecycleConfigurationCommand({ Bucket: L }))).Rules!.map((r) => r.ID)).toEqual(['tmp', 'uploads']);
    await s3.send(new S.PutObjectCommand({ Bucket: L, Key: 'tmp/scratch', Body: 'old' }));
    await s3.send(new S.PutObjectCommand({ Bucket: L, Key: 'keep/me', Body: 'kept' }));
    const upload = await s3.send(new S.CreateMultipartUploadCommand({ Bucket: L, Key: 'big' }));
    await advanceClock(kanri, 'P2D'); // the tmp/ object expires: a delete marker hides it
    await rejects(s3.send(new S.GetObjectCommand({ Bucket: L, Key: 'tmp/scratch' })), 'NoSuchKey', 404);
    expect((await s3.send(new S.ListObjectsV2Command({ Bucket: L }))).Contents!.map((c) => c.Key)).toEqual(['keep/me']);
    await advanceClock(kanri, 'P2D'); // its now-noncurrent version goes for good, and the stale upload is aborted
    const versions = await s3.send(new S.ListObjectVersionsCommand({ Bucket: L, Prefix: 'tmp/' }));
    expect(versions.Versions ?? []).toEqual([]);
    await rejects(s3.send(new S.ListPartsCommand({ Bucket: L, Key: 'big', UploadId: upload.UploadId })), 'NoSuchUpload', 404);
    await s3.send(new S.DeleteBucketLifecycleCommand({ Bucket: L }));
    await rejects(s3.send(new S.GetBucketLifecycleConfigurationCommand({ Bucket: L })), 'NoSuchLifecycleConfiguration', 404);
  });
});
