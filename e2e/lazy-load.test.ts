// A service first loaded inside a request that then fails must not lose its tables with the rollback.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CloudTrailClient, CreateTrailCommand } from '@aws-sdk/client-cloudtrail';
import { CreateBucketCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { rejects, sdkConfig, startTestKanri, type Kanri } from './harness';

let kanri: Kanri;
beforeAll(async () => { kanri = await startTestKanri(); });
afterAll(async () => { await kanri.stop(); });

it('keeps S3 usable after a CloudTrail call that loaded it and failed', async () => {
  // CreateTrail looks up its bucket through S3, loading S3 inside a transaction that rolls back.
  await rejects(new CloudTrailClient(sdkConfig(kanri)).send(new CreateTrailCommand({ Name: 'first', S3BucketName: 'not-there-yet' })), 'S3BucketDoesNotExistException', 400);
  const s3 = new S3Client({ ...sdkConfig(kanri), forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: 'there-now' }));
  expect((await s3.send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name)).toContain('there-now');
});
