// S3 buckets through the SDK v3 and boto3: create in any region with AWS's LocationConstraint rules,
// list, head, locate, delete; name rules; global names across accounts; the AWS::S3::Bucket events.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as S from '@aws-sdk/client-s3';
import { boto3, sdkConfig, startTestKanri, type Kanri, rejects } from './harness';

let kanri: Kanri;
let dataDir: string;
let s3: S.S3Client;
const events: { resourceId: string; before: unknown; after: any }[] = [];
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kanri-s3-buckets-'));
  kanri = await startTestKanri(dataDir);
  kanri.platform.outbox.subscribe('s3-bucket-test', (e) => { if (e.resourceType === 'AWS::S3::Bucket') events.push(e as never); });
  s3 = client();
});
afterAll(async () => { await kanri.stop(); rmSync(dataDir, { recursive: true, force: true }); });

function client(region = 'us-east-1', accessKeyId = 'AKIAIOSFODNN7EXAMPLE') {
  return new S.S3Client({ ...sdkConfig(kanri, region, { accessKeyId, secretAccessKey: 'secret' }), forcePathStyle: true });
}

/** The call fails with this error name and HTTP status (and message, when given). */

describe('creating buckets', () => {
  it('creates in us-east-1 without a constraint, idempotently, and lists, heads and locates it', async () => {
    const out = await s3.send(new S.CreateBucketCommand({ Bucket: 'kanri-basic' }));
    expect(out).toMatchObject({ Location: '/kanri-basic', BucketArn: 'arn:aws:s3:::kanri-basic' });
    await s3.send(new S.CreateBucketCommand({ Bucket: 'kanri-basic' })); // us-east-1 answers 200 to its owner again
    const list = await s3.send(new S.ListBucketsCommand({}));
    expect(list.Buckets!.find((b) => b.Name === 'kanri-basic')).toMatchObject({ BucketRegion: 'us-east-1', BucketArn: 'arn:aws:s3:::kanri-basic' });
    expect(list.Owner!.ID).toMatch(/^[0-9a-f]{64}$/);
    expect(await s3.send(new S.HeadBucketCommand({ Bucket: 'kanri-basic' }))).toMatchObject({ BucketRegion: 'us-east-1', $metadata: { httpStatusCode: 200 } });
    expect((await s3.send(new S.GetBucketLocationCommand({ Bucket: 'kanri-basic' }))).LocationConstraint).toBeUndefined();
  });

  it('creates in another region with its matching constraint (the SDK adds it)', async () => {
    const eu = client('eu-west-1');
    const out = await eu.send(new S.CreateBucketCommand({ Bucket: 'kanri-in-eu' }));
    expect(out.Location).toBe('http://kanri-in-eu.s3.eu-west-1.amazonaws.com/');
    expect((await eu.send(new S.GetBucketLocationCommand({ Bucket: 'kanri-in-eu' }))).LocationConstraint).toBe('eu-west-1');
    expect((await eu.send(new S.HeadBucketCommand({ Bucket: 'kanri-in-eu' }))).BucketRegion).toBe('eu-west-1');
    await rejects(eu.send(new S.CreateBucketCommand({ Bucket: 'kanri-in-eu' })), 'BucketAlreadyOwnedByYou', 409,
      'Your previous request to create the named bucket succeeded and you already own it.');
    await rejects(client('eu-central-1').send(new S.CreateBucketCommand({ Bucket: 'kanri-wrong-region', CreateBucketConfiguration: { LocationConstraint: 'us-west-2' } })),
      'IllegalLocationConstraintException', 400, 'The us-west-2 location constraint is incompatible for the region specific endpoint this request was sent to.');
  });

  it('answers the constraint errors boto3 sees (it adds no constraint itself)', async () => {
    const out = await boto3(kanri, `
import boto3, json, os
from botocore.exceptions import ClientError
def err(region, **kw):
    try:
        boto3.client('s3', endpoint_url=os.environ['KANRI_URL'], region_name=region).create_bucket(Bucket='kanri-constraint', **kw)
        return 'created'
    except ClientError as e:
        return [e.response['Error']['Code'], e.response['Error']['Message'], e.response['ResponseMetadata']['HTTPStatusCode']]
print(json.dumps([err('eu-west-2'), err('us-east-1', CreateBucketConfiguration={'LocationConstraint': 'nowhere-1'})]))`);
    expect(out).toEqual([
      ['IllegalLocationConstraintException', 'The unspecified location constraint is incompatible for the region specific endpoint this request was sent to.', 400],
      ['InvalidLocationConstraint', 'The specified location-constraint is not valid', 400],
    ]);
  });

  it('refuses names that break the naming rules', async () => {
    for (const name of ['ab', 'a'.repeat(64), 'Upper-Case', 'under_score', '-leading', 'trailing-', 'double..dot', '192.168.1.1', 'xn--punycode', 'name-s3alias']) {
      await rejects(s3.send(new S.CreateBucketCommand({ Bucket: name })), 'InvalidBucketName', 400, 'The specified bucket is not valid.');
    }
    await s3.send(new S.CreateBucketCommand({ Bucket: 'a.b-c.123' }));
  });

  it('keeps names global: another account gets BucketAlreadyExists and cannot read the bucket', async () => {
    const other = client('us-east-1', '111122223333');
    await rejects(other.send(new S.CreateBucketCommand({ Bucket: 'kanri-basic' })), 'BucketAlreadyExists', 409);
    await rejects(other.send(new S.HeadBucketCommand({ Bucket: 'kanri-basic' })), 'Unknown', 403); // a HEAD error has no body to name it
    await rejects(other.send(new S.ListObjectsV2Command({ Bucket: 'kanri-basic' })), 'AccessDenied', 403);
    expect((await other.send(new S.ListBucketsCommand({}))).Buckets ?? []).toEqual([]);
    await rejects(s3.send(new S.GetBucketVersioningCommand({ Bucket: 'kanri-basic', ExpectedBucketOwner: '111122223333' })), 'AccessDenied', 403);
    await rejects(s3.send(new S.GetBucketVersioningCommand({ Bucket: 'kanri-basic', ExpectedBucketOwner: 'abcd' })), 'InvalidBucketOwnerAWSAccountID', 400,
      'The value of the expected bucket owner parameter must be an AWS Account ID... [abcd]');
    expect((await s3.send(new S.GetBucketVersioningCommand({ Bucket: 'kanri-basic', ExpectedBucketOwner: '000000000000' }))).$metadata.httpStatusCode).toBe(200);
  });
});

describe('listing and deleting buckets', () => {
  it('pages ListBuckets and filters by prefix and region', async () => {
    const acct = client('us-east-1', '222233334444');
    for (const n of ['page-a', 'page-b', 'page-c']) await acct.send(new S.CreateBucketCommand({ Bucket: `kanri-${n}` }));
    await client('ap-southeast-2', '222233334444').send(new S.CreateBucketCommand({ Bucket: 'kanri-page-sydney' }));
    const first = await acct.send(new S.ListBucketsCommand({ MaxBuckets: 2 }));
    const second = await acct.send(new S.ListBucketsCommand({ MaxBuckets: 2, ContinuationToken: first.ContinuationToken }));
    expect([...first.Buckets!, ...second.Buckets!].map((b) => b.Name)).toEqual(['kanri-page-a', 'kanri-page-b', 'kanri-page-c', 'kanri-page-sydney']);
    expect(second.ContinuationToken).toBeUndefined();
    expect((await acct.send(new S.ListBucketsCommand({ Prefix: 'kanri-page-s' }))).Buckets!.map((b) => b.Name)).toEqual(['kanri-page-sydney']);
    expect((await acct.send(new S.ListBucketsCommand({ BucketRegion: 'ap-southeast-2' }))).Buckets!.map((b) => b.BucketRegion)).toEqual(['ap-southeast-2']);
  });

  it('deletes an empty bucket, refuses a full one, and answers NoSuchBucket after', async () => {
    await s3.send(new S.CreateBucketCommand({ Bucket: 'kanri-delete-me' }));
    await s3.send(new S.PutObjectCommand({ Bucket: 'kanri-delete-me', Key: 'x', Body: 'x' }));
    await rejects(s3.send(new S.DeleteBucketCommand({ Bucket: 'kanri-delete-me' })), 'BucketNotEmpty', 409, 'The bucket you tried to delete is not empty');
    await s3.send(new S.DeleteObjectCommand({ Bucket: 'kanri-delete-me', Key: 'x' }));
    expect((await s3.send(new S.DeleteBucketCommand({ Bucket: 'kanri-delete-me' }))).$metadata.httpStatusCode).toBe(204);
    const err = await rejects(s3.send(new S.DeleteBucketCommand({ Bucket: 'kanri-delete-me' })), 'NoSuchBucket', 404, 'The specified bucket does not exist');
    expect(err.BucketName).toBe('kanri-delete-me');
    await rejects(s3.send(new S.HeadBucketCommand({ Bucket: 'kanri-delete-me' })), 'NotFound', 404);
    await rejects(s3.send(new S.GetBucketLocationCommand({ Bucket: 'kanri-delete-me' })), 'NoSuchBucket', 404);
  });

  it('emits AWS::S3::Bucket changes with a Config-style description', async () => {
    await s3.send(new S.CreateBucketCommand({ Bucket: 'kanri-events' }));
    await s3.send(new S.PutBucketVersioningCommand({ Bucket: 'kanri-events', VersioningConfiguration: { Status: 'Enabled' } }));
    await s3.send(new S.DeleteBucketCommand({ Bucket: 'kanri-events' }));
    await kanri.platform.outbox.drain();
    const mine = events.filter((e) => e.resourceId === 'kanri-events');
    expect(mine.map((e) => [e.before === null, e.after === null])).toEqual([[true, false], [false, false], [false, true]]);
    expect(mine[0].after).toMatchObject({ name: 'kanri-events', owner: { id: expect.stringMatching(/^[0-9a-f]{64}$/) }, region: 'us-east-1',
      supplementaryConfiguration: { BucketVersioningConfiguration: { status: 'Off' }, PublicAccessBlockConfiguration: { BlockPublicAcls: true } } });
    expect(mine[1].after.supplementaryConfiguration.BucketVersioningConfiguration.status).toBe('Enabled');
  });
});
