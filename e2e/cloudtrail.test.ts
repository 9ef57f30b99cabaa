// CloudTrail through the SDK v3, the AWS CLI and boto3: every call is recorded and LookupEvents
// finds it; trails are created, log on the clock, and deliver gzipped log files to their S3 bucket.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AddTagsCommand, CloudTrailClient, CreateTrailCommand, DeleteTrailCommand, DescribeTrailsCommand, GetEventSelectorsCommand, GetTrailCommand,
  GetTrailStatusCommand, ListTagsCommand, ListTrailsCommand, LookupEventsCommand, PutEventSelectorsCommand, RemoveTagsCommand,
  StartLoggingCommand, StopLoggingCommand, UpdateTrailCommand, type LookupEventsCommandInput,
} from '@aws-sdk/client-cloudtrail';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DescribeImagesCommand, EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { gunzipSync } from 'node:zlib';
import type { StoredChange } from '../src/core/events';
import { advanceClock, awsCli, boto3, sdkConfig, startTestKanri } from './harness';
import type { Kanri } from './harness';

let kanri: Kanri;
beforeAll(async () => { kanri = await startTestKanri(); });
afterAll(async () => { await kanri.stop(); });

const keyOf = (account: string) => ({ accessKeyId: account, secretAccessKey: 'x' }); // a 12-digit key acts as that account
const trailClient = (account: string, region = 'us-east-1') => new CloudTrailClient(sdkConfig(kanri, region, keyOf(account)));
const stsClient = (account: string) => new STSClient(sdkConfig(kanri, 'us-east-1', keyOf(account)));
const s3Client = (k: Kanri, account: string) => new S3Client({ ...sdkConfig(k, 'us-east-1', keyOf(account)), forcePathStyle: true });
const fail = (p: Promise<unknown>) => p.then(() => { throw new Error('expected an error'); }, (e) => e);

/** Every page of a lookup, following NextToken. */
async function lookupAll(ct: CloudTrailClient, input: LookupEventsCommandInput) {
  const events = [];
  let pages = 0;
  for (let token: string | undefined; ; pages++) {
    const out = await ct.send(new LookupEventsCommand({ ...input, NextToken: token }));
    events.push(...out.Events!);
    if (!(token = out.NextToken)) return { events, pages: pages + 1 };
  }
}

describe('LookupEvents', () => {
  const ACCOUNT = '111122223333';
  const ROLE = `arn:aws:iam::${ACCOUNT}:role/Deployer`;
  const ct = () => trailClient(ACCOUNT);
  const requestIds: string[] = [];
  let secret = '';
  let between: Date;

  beforeAll(async () => {
    const sts = stsClient(ACCOUNT);
    for (let i = 0; i < 3; i++) requestIds.push((await sts.send(new GetCallerIdentityCommand({}))).$metadata.requestId!);
    between = new Date((await advanceClock(kanri, 'PT1S')).now);
    for (let i = 0; i < 2; i++) requestIds.push((await sts.send(new GetCallerIdentityCommand({}))).$metadata.requestId!);
    const assumed = await sts.send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'release-42', DurationSeconds: 900 }));
    secret = assumed.Credentials!.SecretAccessKey!;
    await sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:s3:::not-a-role-at-all', RoleSessionName: 'oops' })).catch(() => undefined);
  });

  it('finds calls by EventName, newest first, across pages of MaxResults=2', async () => {
    const { events, pages } = await lookupAll(ct(), { LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'GetCallerIdentity' }], MaxResults: 2 });
    expect(pages).toBe(3);
    expect(events.map((e) => JSON.parse(e.CloudTrailEvent!).requestID)).toEqual([...requestIds].reverse());
    expect(events[0]).toMatchObject({ EventName: 'GetCallerIdentity', EventSource: 'sts.amazonaws.com', ReadOnly: 'true', Username: 'root', AccessKeyId: ACCOUNT, Resources: [] });
    expect(events[0].EventTime!.getTime()).toBeGreaterThanOrEqual(events[4].EventTime!.getTime());
  });

  it('filters by ReadOnly and by time range', async () => {
    const writes = (await ct().send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'ReadOnly', AttributeValue: 'false' }] }))).Events!;
    expect(writes.map((e) => e.EventName)).toEqual(['AssumeRole', 'AssumeRole']);
    const name = [{ AttributeKey: 'EventName' as const, AttributeValue: 'GetCallerIdentity' }];
    const early = (await ct().send(new LookupEventsCommand({ LookupAttributes: name, EndTime: new Date(between.getTime() - 1) }))).Events!;
    const late = (await ct().send(new LookupEventsCommand({ LookupAttributes: name, StartTime: between }))).Events!;
    expect([early.length, late.length]).toEqual([3, 2]);
  });

  it('records AssumeRole with the role as its resource, and never the secret key', async () => {
    const events = (await ct().send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: ROLE }] }))).Events!;
    expect(events).toHaveLength(1);
    expect(events[0].Resources).toEqual([{ ResourceType: 'AWS::IAM::Role', ResourceName: ROLE }]);
    const record = JSON.parse(events[0].CloudTrailEvent!);
    expect(record).toMatchObject({
      eventSource: 'sts.amazonaws.com', eventName: 'AssumeRole', awsRegion: 'us-east-1', readOnly: false, eventType: 'AwsApiCall',
      userIdentity: { type: 'Root', accountId: ACCOUNT }, recipientAccountId: ACCOUNT,
      requestParameters: { roleArn: ROLE, roleSessionName: 'release-42', durationSeconds: 900 },
      resources: [{ accountId: ACCOUNT, type: 'AWS::IAM::Role', ARN: ROLE }],
    });
    expect(record.responseElements.credentials.accessKeyId).toMatch(/^ASIA/);
    expect(events[0].CloudTrailEvent).not.toContain(secret);
  });

  it('records a failed call with its error code', async () => {
    const events = (await ct().send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'AssumeRole' }] }))).Events!;
    const failed = JSON.parse(events[0].CloudTrailEvent!);
    expect(failed).toMatchObject({ errorCode: 'ValidationError', requestParameters: { roleArn: 'arn:aws:s3:::not-a-role-at-all' }, responseElements: null });
    expect(failed.errorMessage).toContain('not-a-role-at-all');
  });

  it('keeps data events (S3 object calls) out of the event history, as AWS does, and management events in', async () => {
    const s3 = s3Client(kanri, ACCOUNT);
    await s3.send(new CreateBucketCommand({ Bucket: 'history-data-events' }));
    await s3.send(new PutObjectCommand({ Bucket: 'history-data-events', Key: 'k', Body: 'v' }));
    await s3.send(new GetObjectCommand({ Bucket: 'history-data-events', Key: 'k' }));
    await new Promise((r) => setTimeout(r, 100)); // async calls are written a moment later
    const named = async (name: string) => (await ct().send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: name }] }))).Events!;
    expect((await named('CreateBucket')).map((e) => e.Resources?.[0]?.ResourceName)).toContain('history-data-events');
    expect([...(await named('PutObject')), ...(await named('GetObject'))]).toEqual([]);
  });

  it('names an EC2 instance by its id even when a Name tag gives it another name', async () => {
    const ec2 = new EC2Client(sdkConfig(kanri, 'us-east-1', keyOf(ACCOUNT)));
    const image = (await ec2.send(new DescribeImagesCommand({ Owners: ['amazon'], Filters: [{ Name: 'architecture', Values: ['x86_64'] }] }))).Images![0].ImageId!;
    const id = (await ec2.send(new RunInstancesCommand({ ImageId: image, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1,
      TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'web' }] }] }))).Instances![0].InstanceId!;
    const events = (await ct().send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: id }] }))).Events!;
    expect(events.map((e) => e.EventName)).toContain('RunInstances');
    expect(events[0].Resources).toContainEqual({ ResourceType: 'AWS::EC2::Instance', ResourceName: id });
  });

  it('shows only the caller’s account and Region', async () => {
    expect((await trailClient(ACCOUNT, 'eu-west-1').send(new LookupEventsCommand({}))).Events).toEqual([]);
    const other = (await trailClient('999988887777').send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'Username', AttributeValue: 'root' }] }))).Events!;
    expect(other.every((e) => JSON.parse(e.CloudTrailEvent!).recipientAccountId === '999988887777')).toBe(true);
  });

  it('answers AWS’s errors for two attributes, a reversed time range and a bad token', async () => {
    const two = await fail(ct().send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'A' }, { AttributeKey: 'Username', AttributeValue: 'root' }] })));
    expect([two.name, two.$metadata.httpStatusCode]).toEqual(['InvalidLookupAttributesException', 400]);
    const range = await fail(ct().send(new LookupEventsCommand({ StartTime: new Date(), EndTime: new Date(Date.now() - 60_000) })));
    expect(range.name).toBe('InvalidTimeRangeException');
    const first = await ct().send(new LookupEventsCommand({ MaxResults: 1 }));
    expect((await fail(ct().send(new LookupEventsCommand({ NextToken: `${first.NextToken}x` })))).name).toBe('InvalidNextTokenException');
    const otherQuery = ct().send(new LookupEventsCommand({ NextToken: first.NextToken, LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'AssumeRole' }] }));
    expect((await fail(otherQuery)).name).toBe('InvalidNextTokenException');
  });

  it('answers the AWS CLI (which pages for itself) and boto3', async () => {
    const cli = await awsCli(kanri, ['cloudtrail', 'lookup-events', '--lookup-attributes', 'AttributeKey=EventName,AttributeValue=GetCallerIdentity', '--page-size', '2'],
      { AWS_ACCESS_KEY_ID: ACCOUNT });
    expect(cli.Events.map((e: any) => JSON.parse(e.CloudTrailEvent).requestID)).toEqual([...requestIds].reverse());
    const py = await boto3(kanri, `
import boto3, json, os
ct = boto3.client('cloudtrail', endpoint_url=os.environ['KANRI_URL'], aws_access_key_id='${ACCOUNT}', aws_secret_access_key='x')
out = ct.lookup_events(LookupAttributes=[{'AttributeKey': 'ResourceName', 'AttributeValue': '${ROLE}'}], MaxResults=5)
print(json.dumps([[e['EventName'], e['ReadOnly'], e['EventTime'].year > 2000, e['Resources']] for e in out['Events']]))`);
    expect(py).toEqual([['AssumeRole', 'false', true, [{ ResourceType: 'AWS::IAM::Role', ResourceName: ROLE }]]]);
  });
});

describe('trails', () => {
  const ACCOUNT = '222233334444';
  const ARN = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/audit`;
  const ct = trailClient.bind(null, ACCOUNT);
  const changes: StoredChange[] = [];
  beforeAll(async () => {
    kanri.platform.outbox.subscribe('cloudtrail-e2e', (c) => { if (c.resourceType === 'AWS::CloudTrail::Trail') changes.push(c); });
    for (const Bucket of ['audit-bucket', 'b-b-b', 'cli-bucket']) await s3Client(kanri, ACCOUNT).send(new CreateBucketCommand({ Bucket }));
  });

  it('refuses a bucket that does not exist', async () => {
    expect((await fail(ct().send(new CreateTrailCommand({ Name: 'nowhere', S3BucketName: 'no-such-bucket-here' })))).name).toBe('S3BucketDoesNotExistException');
  });

  it('creates, reads, lists and updates a trail, emitting each change', async () => {
    const created = await ct().send(new CreateTrailCommand({ Name: 'audit', S3BucketName: 'audit-bucket', TagsList: [{ Key: 'team', Value: 'ops' }] }));
    expect(created).toMatchObject({ Name: 'audit', S3BucketName: 'audit-bucket', TrailARN: ARN, IncludeGlobalServiceEvents: true, IsMultiRegionTrail: false, LogFileValidationEnabled: false, IsOrganizationTrail: false });
    expect((await ct().send(new GetTrailCommand({ Name: ARN }))).Trail).toMatchObject({ Name: 'audit', HomeRegion: 'us-east-1', HasCustomEventSelectors: false });
    expect((await ct().send(new ListTrailsCommand({}))).Trails).toEqual([{ Name: 'audit', TrailARN: ARN, HomeRegion: 'us-east-1' }]);
    expect((await fail(ct('eu-west-1').send(new GetTrailCommand({ Name: 'audit' })))).name).toBe('TrailNotFoundException');

    const updated = await ct().send(new UpdateTrailCommand({ Name: 'audit', S3KeyPrefix: 'prod', IsMultiRegionTrail: true, EnableLogFileValidation: true }));
    expect(updated).toMatchObject({ S3KeyPrefix: 'prod', IsMultiRegionTrail: true, LogFileValidationEnabled: true });
    expect((await ct('eu-west-1').send(new DescribeTrailsCommand({}))).trailList!.map((t) => [t.Name, t.HomeRegion])).toEqual([['audit', 'us-east-1']]);
    expect((await ct('eu-west-1').send(new DescribeTrailsCommand({ includeShadowTrails: false }))).trailList).toEqual([]);
    expect((await fail(ct('eu-west-1').send(new UpdateTrailCommand({ Name: 'audit', S3KeyPrefix: 'x' })))).name).toBe('InvalidHomeRegionException');

    await kanri.platform.outbox.drain();
    expect(changes.map((c) => [c.resourceId, c.arn, (c.before as any)?.s3KeyPrefix ?? null, (c.after as any)?.s3KeyPrefix ?? null])).toEqual([
      ['audit', ARN, null, null], ['audit', ARN, null, 'prod'],
    ]);
    expect(changes[0].before).toBeNull();
  });

  it('refuses duplicate and badly named trails, in AWS words', async () => {
    expect((await fail(ct().send(new CreateTrailCommand({ Name: 'audit', S3BucketName: 'b-b-b' })))).name).toBe('TrailAlreadyExistsException');
    const messages = await Promise.all(['ab', '-trail', 'my--trail', '192.168.5.4', 'my#trail'].map(async (Name) => {
      const err = await fail(ct().send(new CreateTrailCommand({ Name, S3BucketName: 'b-b-b' })));
      return `${err.name}: ${err.message}`;
    }));
    expect(messages[0]).toBe('InvalidTrailNameException: Trail name too short. Minimum allowed length: 3 characters. Specified name length: 2 characters.');
    expect(messages[1]).toBe('InvalidTrailNameException: Trail name must starts with a letter or number.');
    expect(messages.slice(2).every((m) => m.startsWith('InvalidTrailNameException'))).toBe(true);
    const combo = await fail(ct().send(new CreateTrailCommand({ Name: 'everywhere', S3BucketName: 'b-b-b', IsMultiRegionTrail: true, IncludeGlobalServiceEvents: false })));
    expect(`${combo.name}: ${combo.message}`).toBe('InvalidParameterCombinationException: Multi-Region trail must include global service events.');
  });

  it('logs on the clock and delivers gzipped log files to the trail bucket', async () => {
    await ct().send(new StartLoggingCommand({ Name: 'audit' }));
    const started = await ct().send(new GetTrailStatusCommand({ Name: 'audit' }));
    expect(started).toMatchObject({ IsLogging: true, TimeLoggingStopped: '', LatestDeliveryAttemptTime: '' });
    expect(started.StartLoggingTime).toBeInstanceOf(Date);
    expect(started.LatestDeliveryError).toBeUndefined();
    await stsClient(ACCOUNT).send(new GetCallerIdentityCommand({}));

    await advanceClock(kanri, 'PT10M');
    const delivered = await ct().send(new GetTrailStatusCommand({ Name: ARN }));
    expect(delivered.LatestDeliveryError).toBeUndefined();
    expect(delivered.LatestDeliveryTime).toBeInstanceOf(Date);
    const s3 = s3Client(kanri, ACCOUNT);
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'audit-bucket', Prefix: `prod/AWSLogs/${ACCOUNT}/CloudTrail/us-east-1/` })); // the trail's S3KeyPrefix is 'prod'
    const key = listed.Contents?.[0]?.Key ?? '';
    expect(key).toMatch(new RegExp(`^prod/AWSLogs/${ACCOUNT}/CloudTrail/us-east-1/\\d{4}/\\d{2}/\\d{2}/${ACCOUNT}_CloudTrail_us-east-1_\\d{8}T\\d{4}Z_[A-Za-z0-9]{16}\\.json\\.gz$`));
    const file = await s3.send(new GetObjectCommand({ Bucket: 'audit-bucket', Key: key }));
    const records = JSON.parse(gunzipSync(Buffer.from(await file.Body!.transformToByteArray())).toString()).Records as { eventName: string }[];
    expect(records.map((r) => r.eventName)).toContain('GetCallerIdentity');

    await ct().send(new StopLoggingCommand({ Name: 'audit' }));
    const stopped = await ct('eu-west-1').send(new GetTrailStatusCommand({ Name: 'audit' })); // the shadow reports the same status
    expect(stopped.IsLogging).toBe(false);
    expect(stopped.StopLoggingTime).toBeInstanceOf(Date);
  });

  it('tags trails by ARN', async () => {
    await ct().send(new AddTagsCommand({ ResourceId: ARN, TagsList: [{ Key: 'env', Value: 'prod' }, { Key: 'team', Value: 'sec' }] }));
    await ct().send(new RemoveTagsCommand({ ResourceId: ARN, TagsList: [{ Key: 'env' }] }));
    expect((await ct().send(new ListTagsCommand({ ResourceIdList: [ARN] }))).ResourceTagList).toEqual([{ ResourceId: ARN, TagsList: [{ Key: 'team', Value: 'sec' }] }]);
    const missing = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/nope`;
    expect((await fail(ct().send(new ListTagsCommand({ ResourceIdList: [missing] })))).name).toBe('ResourceNotFoundException');
  });

  it('stores event selectors, with AWS’s default until set', async () => {
    expect((await ct().send(new GetEventSelectorsCommand({ TrailName: 'audit' }))).EventSelectors)
      .toEqual([{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] }]);
    const put = await ct().send(new PutEventSelectorsCommand({ TrailName: 'audit', EventSelectors: [{ ReadWriteType: 'WriteOnly' }] }));
    expect(put).toMatchObject({ TrailARN: ARN, EventSelectors: [{ ReadWriteType: 'WriteOnly', IncludeManagementEvents: true }] });
    expect((await ct().send(new GetTrailCommand({ Name: 'audit' }))).Trail!.HasCustomEventSelectors).toBe(true);
  });

  it('works from the AWS CLI, and deletes with the change and the event recorded', async () => {
    const env = { AWS_ACCESS_KEY_ID: ACCOUNT };
    expect(await awsCli(kanri, ['cloudtrail', 'create-trail', '--name', 'cli-trail', '--s3-bucket-name', 'cli-bucket'], env)).toMatchObject({ Name: 'cli-trail' });
    expect((await awsCli(kanri, ['cloudtrail', 'describe-trails', '--trail-name-list', 'cli-trail'], env)).trailList).toHaveLength(1);
    expect((await awsCli(kanri, ['cloudtrail', 'get-trail-status', '--name', 'cli-trail'], env)).IsLogging).toBe(false);
    await awsCli(kanri, ['cloudtrail', 'delete-trail', '--name', 'cli-trail'], env);

    await ct().send(new DeleteTrailCommand({ Name: 'audit' }));
    const gone = await fail(ct().send(new GetTrailCommand({ Name: 'audit' })));
    expect(`${gone.name}: ${gone.message}`).toBe(`TrailNotFoundException: Unknown trail: audit for the user: ${ACCOUNT}`);
    await kanri.platform.outbox.drain();
    expect(changes.filter((c) => c.resourceId === 'audit').at(-1)).toMatchObject({ after: null, before: { name: 'audit', trailARN: ARN } }); // as AWS Config names the Trail's members
    const deletes = (await ct().send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: ARN }] }))).Events!;
    expect(deletes[0]).toMatchObject({ EventName: 'DeleteTrail', EventSource: 'cloudtrail.amazonaws.com', ReadOnly: 'false' });
  });
});

describe('after a restart', () => {
  it('a logging trail keeps its delivery schedule, re-armed by the first recorded call', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kanri-cloudtrail-'));
    const config = (k: Kanri) => sdkConfig(k, 'us-east-1', keyOf('333344445555'));
    try {
      const first = await startTestKanri(dir);
      await s3Client(first, '333344445555').send(new CreateBucketCommand({ Bucket: 'durable-bucket' }));
      await new CloudTrailClient(config(first)).send(new CreateTrailCommand({ Name: 'durable', S3BucketName: 'durable-bucket' }));
      await new CloudTrailClient(config(first)).send(new StartLoggingCommand({ Name: 'durable' }));
      await first.stop();

      const second = await startTestKanri(dir);
      await new STSClient(config(second)).send(new GetCallerIdentityCommand({}));
      await advanceClock(second, 'PT5M');
      const status = await new CloudTrailClient(config(second)).send(new GetTrailStatusCommand({ Name: 'durable' }));
      await second.stop();
      expect([status.IsLogging, status.LatestDeliveryError]).toEqual([true, undefined]);
      expect(status.LatestDeliveryTime).toBeInstanceOf(Date);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
