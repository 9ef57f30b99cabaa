// S3 event notifications delivered for real: a bucket configured with an SQS queue gets the
// s3:TestEvent, then one event message (structure 2.1) per matching object change, filtered by
// event name and key prefix/suffix. Destinations that do not exist are refused as S3 refuses them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as S from '@aws-sdk/client-s3';
import * as Q from '@aws-sdk/client-sqs';
import { advanceClock, type Kanri, sdkConfig, startTestKanri } from './harness';

let kanri: Kanri;
let dataDir: string;
let s3: S.S3Client;
let sqs: Q.SQSClient;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kanri-s3-notify-'));
  kanri = await startTestKanri(dataDir);
  s3 = new S.S3Client({ ...sdkConfig(kanri), forcePathStyle: true });
  sqs = new Q.SQSClient(sdkConfig(kanri));
});
afterAll(async () => { await kanri.stop(); rmSync(dataDir, { recursive: true, force: true }); });

/** Receives (long polling) until `count` messages arrived or a poll comes back empty; deletes them. */
async function drain(queueUrl: string, count: number): Promise<any[]> {
  const bodies: any[] = [];
  while (bodies.length < count) {
    const got = await sqs.send(new Q.ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 2 }));
    if (!got.Messages?.length) break;
    for (const m of got.Messages) {
      bodies.push(JSON.parse(m.Body!));
      await sqs.send(new Q.DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle! }));
    }
  }
  return bodies;
}

describe('notifications to SQS', () => {
  it('refuses a queue that does not exist, naming it', async () => {
    await s3.send(new S.CreateBucketCommand({ Bucket: 'kanri-notify-bad' }));
    const missing = 'arn:aws:sqs:us-east-1:000000000000:no-such-queue';
    const err = await s3.send(new S.PutBucketNotificationConfigurationCommand({ Bucket: 'kanri-notify-bad', NotificationConfiguration: {
      QueueConfigurations: [{ QueueArn: missing, Events: ['s3:ObjectCreated:*'] }] } })).catch((e) => e);
    expect([err.name, err.$metadata.httpStatusCode, err.message]).toEqual(['InvalidArgument', 400, 'Unable to validate the following destination configurations']);
    expect((err as { ArgumentName1?: string }).ArgumentName1 ?? '').toBe(missing);
    expect((await s3.send(new S.GetBucketNotificationConfigurationCommand({ Bucket: 'kanri-notify-bad' }))).QueueConfigurations).toBeUndefined();
  });

  it('sends the test event, then one message per matching change, as S3 builds them', async () => {
    const B = 'kanri-notify';
    await s3.send(new S.CreateBucketCommand({ Bucket: B }));
    const { QueueUrl } = await sqs.send(new Q.CreateQueueCommand({ QueueName: 's3-events' }));
    const { Attributes } = await sqs.send(new Q.GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
    const queue = { Id: 'csv-uploads', QueueArn: Attributes!.QueueArn!, Events: ['s3:ObjectCreated:*' as const, 's3:ObjectRemoved:Delete' as const],
      Filter: { Key: { FilterRules: [{ Name: 'prefix' as const, Value: 'in/' }, { Name: 'suffix' as const, Value: '.csv' }] } } };
    await s3.send(new S.PutBucketNotificationConfigurationCommand({ Bucket: B, NotificationConfiguration: { QueueConfigurations: [queue] } }));
    expect((await s3.send(new S.GetBucketNotificationConfigurationCommand({ Bucket: B }))).QueueConfigurations).toEqual([queue]);

    const [test] = await drain(QueueUrl!, 1);
    expect(test).toMatchObject({ Service: 'Amazon S3', Event: 's3:TestEvent', Bucket: B });

    const put = await s3.send(new S.PutObjectCommand({ Bucket: B, Key: 'in/day 1.csv', Body: 'a,b\n1,2\n' }));
    await s3.send(new S.PutObjectCommand({ Bucket: B, Key: 'out/skip.csv', Body: 'x' })); // prefix does not match
    await s3.send(new S.PutObjectCommand({ Bucket: B, Key: 'in/skip.txt', Body: 'x' })); // suffix does not match
    await s3.send(new S.CopyObjectCommand({ Bucket: B, Key: 'in/copy.csv', CopySource: `${B}/in/day 1.csv` }));
    const upload = await s3.send(new S.CreateMultipartUploadCommand({ Bucket: B, Key: 'in/big.csv' }));
    const part = await s3.send(new S.UploadPartCommand({ Bucket: B, Key: 'in/big.csv', UploadId: upload.UploadId, PartNumber: 1, Body: 'only part' }));
    await s3.send(new S.CompleteMultipartUploadCommand({ Bucket: B, Key: 'in/big.csv', UploadId: upload.UploadId,
      MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] } }));
    await s3.send(new S.DeleteObjectCommand({ Bucket: B, Key: 'in/copy.csv' }));

    const records = (await drain(QueueUrl!, 4)).map((m) => m.Records[0]);
    expect(records.map((r) => [r.eventName, r.s3.object.key])).toEqual([
      ['ObjectCreated:Put', 'in/day+1.csv'], ['ObjectCreated:Copy', 'in/copy.csv'],
      ['ObjectCreated:CompleteMultipartUpload', 'in/big.csv'], ['ObjectRemoved:Delete', 'in/copy.csv'],
    ]);
    const [first] = records;
    expect(first).toMatchObject({
      eventVersion: '2.1', eventSource: 'aws:s3', awsRegion: 'us-east-1', userIdentity: { principalId: expect.any(String) },
      requestParameters: { sourceIPAddress: expect.stringMatching(/127\.0\.0\.1/) },
      responseElements: { 'x-amz-request-id': expect.any(String), 'x-amz-id-2': expect.any(String) },
      s3: { s3SchemaVersion: '1.0', configurationId: 'csv-uploads', bucket: { name: B, ownerIdentity: { principalId: '000000000000' }, arn: `arn:aws:s3:::${B}` },
        object: { key: 'in/day+1.csv', size: 8, eTag: put.ETag!.replace(/"/g, ''), sequencer: expect.stringMatching(/^[0-9A-F]+$/) } },
    });
    expect(new Date(first.eventTime).toISOString()).toBe(first.eventTime);
    expect(records[3].s3.object.size).toBeUndefined(); // a delete carries no size or ETag
    const sequencers = records.map((r) => r.s3.object.sequencer);
    expect([...sequencers].sort()).toEqual(sequencers);
    expect(await drain(QueueUrl!, 1)).toEqual([]); // nothing for the keys the filter left out
  });
});

describe('tagging, ACL and lifecycle events', () => {
  it('notifies object tag and ACL changes, and lifecycle transitions and expirations as the clock moves', async () => {
    const B = 'kanri-notify-lifecycle';
    await s3.send(new S.CreateBucketCommand({ Bucket: B }));
    const { QueueUrl } = await sqs.send(new Q.CreateQueueCommand({ QueueName: 's3-lifecycle-events' }));
    const { Attributes } = await sqs.send(new Q.GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
    await s3.send(new S.PutBucketNotificationConfigurationCommand({ Bucket: B, NotificationConfiguration: { QueueConfigurations: [{
      QueueArn: Attributes!.QueueArn!, Events: ['s3:ObjectTagging:*', 's3:ObjectAcl:Put', 's3:LifecycleTransition', 's3:LifecycleExpiration:*'] }] } }));
    await drain(QueueUrl!, 1); // the test event

    const big = Buffer.alloc(200 * 1024, 1); // S3 transitions nothing under 128 KiB by default
    await s3.send(new S.PutObjectCommand({ Bucket: B, Key: 'logs/big.log', Body: big }));
    await s3.send(new S.PutObjectCommand({ Bucket: B, Key: 'logs/small.log', Body: 'tiny' }));
    await s3.send(new S.PutObjectTaggingCommand({ Bucket: B, Key: 'logs/small.log', Tagging: { TagSet: [{ Key: 'k', Value: 'v' }] } }));
    await s3.send(new S.DeleteObjectTaggingCommand({ Bucket: B, Key: 'logs/small.log' }));
    await s3.send(new S.PutObjectAclCommand({ Bucket: B, Key: 'logs/small.log', ACL: 'private' }));
    const tagged = (await drain(QueueUrl!, 3)).map((m) => m.Records[0].eventName);
    expect(tagged).toEqual(['ObjectTagging:Put', 'ObjectTagging:Delete', 'ObjectAcl:Put']);

    await expect(s3.send(new S.PutBucketLifecycleConfigurationCommand({ Bucket: B, LifecycleConfiguration: { Rules: [
      { ID: 'ia-too-soon', Status: 'Enabled', Filter: { Prefix: 'logs/' }, Transitions: [{ Days: 5, StorageClass: 'STANDARD_IA' }] }] } })))
      .rejects.toMatchObject({ name: 'InvalidArgument', message: "'Days' in Transition action must be greater than or equal to 30 for storageClass 'STANDARD_IA'" });
    await s3.send(new S.PutBucketLifecycleConfigurationCommand({ Bucket: B, LifecycleConfiguration: { Rules: [
      { ID: 'archive', Status: 'Enabled', Filter: { Prefix: 'logs/' }, Transitions: [{ Days: 1, StorageClass: 'GLACIER' }], Expiration: { Days: 3 } }] } }));
    await advanceClock(kanri, 'P2D');
    const moved = (await drain(QueueUrl!, 1)).map((m) => m.Records[0]);
    expect(moved.map((r) => [r.eventName, r.s3.object.key, r.userIdentity.principalId])).toEqual([['LifecycleTransition', 'logs/big.log', 's3.amazonaws.com']]);
    const head = await s3.send(new S.HeadObjectCommand({ Bucket: B, Key: 'logs/big.log' }));
    expect(head.StorageClass).toBe('GLACIER');
    await expect(s3.send(new S.GetObjectCommand({ Bucket: B, Key: 'logs/big.log' }))).rejects.toMatchObject({ name: 'InvalidObjectState' });
    expect((await s3.send(new S.HeadObjectCommand({ Bucket: B, Key: 'logs/small.log' }))).StorageClass).toBeUndefined(); // still STANDARD

    await advanceClock(kanri, 'P2D');
    const expired = (await drain(QueueUrl!, 2)).map((m) => [m.Records[0].eventName, m.Records[0].s3.object.key]).sort();
    expect(expired).toEqual([['LifecycleExpiration:Delete', 'logs/big.log'], ['LifecycleExpiration:Delete', 'logs/small.log']]);
    expect((await s3.send(new S.ListObjectsV2Command({ Bucket: B }))).KeyCount).toBe(0);
  });
});
