// Lambda versions, aliases, permissions, event invoke configs, code from S3 and retried Event invocations.
import {
  AddPermissionCommand, CreateAliasCommand, CreateFunctionCommand, DeleteAliasCommand, GetAliasCommand, GetFunctionEventInvokeConfigCommand,
  GetPolicyCommand, InvokeCommand, LambdaClient, ListAliasesCommand, ListVersionsByFunctionCommand, PublishVersionCommand,
  PutFunctionEventInvokeConfigCommand, RemovePermissionCommand, DeleteFunctionCommand, UpdateAliasCommand, UpdateFunctionCodeCommand, ListTagsCommand, TagResourceCommand,
} from '@aws-sdk/client-lambda';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { advanceClock, type Kanri, rejects, sdkConfig } from './harness';
import { zip } from './lambda-zip';
import { decode, ROLE, withLambdaKanri } from './lambda-kit';

const ARN = 'arn:aws:lambda:us-east-1:000000000000:function';

let kanri: Kanri;
let lambda: LambdaClient;
withLambdaKanri((k, l) => { kanri = k; lambda = l; });

const source = (n: number) => zip({ 'index.js': `exports.handler = async () => ${n};` });

async function until(check: () => boolean) {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  expect(check()).toBe(true);
}

describe('versions and aliases', () => {
  it('publishes versions, invokes by qualifier and routes aliases', async () => {
    await lambda.send(new CreateFunctionCommand({ FunctionName: 'ver', Runtime: 'nodejs20.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: source(1) } }));
    const v1 = await lambda.send(new PublishVersionCommand({ FunctionName: 'ver', Description: 'first' }));
    expect([v1.Version, v1.FunctionArn, v1.Description]).toEqual(['1', `${ARN}:ver:1`, 'first']);
    const again = await lambda.send(new PublishVersionCommand({ FunctionName: 'ver' }));
    expect(again.Version).toBe('1'); // nothing changed since version 1
    await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'ver', ZipFile: source(2) }));
    const v2 = await lambda.send(new PublishVersionCommand({ FunctionName: 'ver' }));
    expect(v2.Version).toBe('2');
    const versions = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'ver' }));
    expect(versions.Versions?.map((v) => v.Version)).toEqual(['$LATEST', '1', '2']);
    const one = await lambda.send(new InvokeCommand({ FunctionName: 'ver', Qualifier: '1' }));
    expect([decode(one.Payload), one.ExecutedVersion]).toEqual([1, '1']);
    const alias = await lambda.send(new CreateAliasCommand({ FunctionName: 'ver', Name: 'live', FunctionVersion: '1' }));
    expect(alias.AliasArn).toBe(`${ARN}:ver:live`);
    await rejects(lambda.send(new CreateAliasCommand({ FunctionName: 'ver', Name: 'live', FunctionVersion: '1' })), 'ResourceConflictException', 409,
      `Alias already exists: ${ARN}:ver:live`);
    const viaAlias = await lambda.send(new InvokeCommand({ FunctionName: `${ARN}:ver:live` }));
    expect([decode(viaAlias.Payload), viaAlias.ExecutedVersion]).toEqual([1, '1']);
    await lambda.send(new UpdateAliasCommand({ FunctionName: 'ver', Name: 'live', FunctionVersion: '2' }));
    expect(decode((await lambda.send(new InvokeCommand({ FunctionName: 'ver:live' }))).Payload)).toBe(2);
    await lambda.send(new UpdateAliasCommand({ FunctionName: 'ver', Name: 'live', FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { 2: 1 } } }));
    expect(decode((await lambda.send(new InvokeCommand({ FunctionName: 'ver', Qualifier: 'live' }))).Payload)).toBe(2);
    expect((await lambda.send(new ListAliasesCommand({ FunctionName: 'ver' }))).Aliases?.map((a) => a.Name)).toEqual(['live']);
    await rejects(lambda.send(new DeleteFunctionCommand({ FunctionName: 'ver', Qualifier: '2' })), 'ResourceConflictException', 409,
      'Unable to delete version because the following aliases reference it: [live]');
    await lambda.send(new DeleteAliasCommand({ FunctionName: 'ver', Name: 'live' }));
    await lambda.send(new DeleteFunctionCommand({ FunctionName: 'ver', Qualifier: '2' }));
    expect((await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'ver' }))).Versions?.map((v) => v.Version)).toEqual(['$LATEST', '1']);
    await rejects(lambda.send(new GetAliasCommand({ FunctionName: 'ver', Name: 'live' })), 'ResourceNotFoundException', 404, `Cannot find alias arn: ${ARN}:ver:live`);
    await rejects(lambda.send(new InvokeCommand({ FunctionName: 'ver', Qualifier: '9' })), 'ResourceNotFoundException', 404, `Function not found: ${ARN}:ver:9`);
  });
});

describe('permissions and tags', () => {
  it('keeps a resource policy in AWS statement format', async () => {
    await lambda.send(new CreateFunctionCommand({ FunctionName: 'pol', Runtime: 'nodejs20.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: source(1) }, Tags: { team: 'a' } }));
    await rejects(lambda.send(new GetPolicyCommand({ FunctionName: 'pol' })), 'ResourceNotFoundException', 404, 'The resource you requested does not exist.');
    const added = await lambda.send(new AddPermissionCommand({
      FunctionName: 'pol', StatementId: 'sns', Action: 'lambda:InvokeFunction', Principal: 'sns.amazonaws.com', SourceArn: 'arn:aws:sns:us-east-1:000000000000:topic',
    }));
    expect(JSON.parse(added.Statement!)).toEqual({
      Sid: 'sns', Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'lambda:InvokeFunction', Resource: `${ARN}:pol`,
      Condition: { ArnLike: { 'AWS:SourceArn': 'arn:aws:sns:us-east-1:000000000000:topic' } },
    });
    await rejects(lambda.send(new AddPermissionCommand({ FunctionName: 'pol', StatementId: 'sns', Action: 'lambda:InvokeFunction', Principal: 's3.amazonaws.com' })),
      'ResourceConflictException', 409);
    const policy = JSON.parse((await lambda.send(new GetPolicyCommand({ FunctionName: 'pol' }))).Policy!);
    expect([policy.Version, policy.Id, policy.Statement.length]).toEqual(['2012-10-17', 'default', 1]);
    await lambda.send(new RemovePermissionCommand({ FunctionName: 'pol', StatementId: 'sns' }));
    await rejects(lambda.send(new RemovePermissionCommand({ FunctionName: 'pol', StatementId: 'sns' })), 'ResourceNotFoundException', 404,
      'Statement sns is not found in resource policy.');
    await lambda.send(new TagResourceCommand({ Resource: `${ARN}:pol`, Tags: { env: 'dev' } }));
    expect((await lambda.send(new ListTagsCommand({ Resource: `${ARN}:pol` }))).Tags).toEqual({ team: 'a', env: 'dev' });
  });
});

describe('code from S3 and Event invocations', () => {
  it('creates a function from an S3 object', async () => {
    const s3 = new S3Client({ ...sdkConfig(kanri), forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: 'code-bucket' }));
    await s3.send(new PutObjectCommand({ Bucket: 'code-bucket', Key: 'fn.zip', Body: zip({ 'index.js': 'exports.handler = async () => "from s3";' }) }));
    await lambda.send(new CreateFunctionCommand({ FunctionName: 'froms3', Runtime: 'nodejs20.x', Role: ROLE, Handler: 'index.handler', Code: { S3Bucket: 'code-bucket', S3Key: 'fn.zip' } }));
    expect(decode((await lambda.send(new InvokeCommand({ FunctionName: 'froms3' }))).Payload)).toBe('from s3');
    await rejects(lambda.send(new CreateFunctionCommand({ FunctionName: 'nos3', Runtime: 'nodejs20.x', Role: ROLE, Handler: 'index.handler', Code: { S3Bucket: 'code-bucket', S3Key: 'missing.zip' } })),
      'InvalidParameterValueException', 400, 'Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The specified key does not exist.');
  });

  it('retries a failing Event invocation on the clock, then sends the record to a Lambda destination', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kanri-lambda-retry-'));
    await lambda.send(new CreateFunctionCommand({
      FunctionName: 'flaky', Runtime: 'nodejs20.x', Role: ROLE, Handler: 'index.handler', Environment: { Variables: { OUT_DIR: dir } },
      Code: { ZipFile: zip({ 'index.js': `const fs = require('fs'); exports.handler = async (e, c) => { fs.writeFileSync(process.env.OUT_DIR + '/attempt-' + Date.now() + Math.random(), ''); throw new Error('fail'); };` }) },
    }));
    await lambda.send(new CreateFunctionCommand({
      FunctionName: 'ondlq', Runtime: 'nodejs20.x', Role: ROLE, Handler: 'index.handler', Environment: { Variables: { OUT_DIR: dir } },
      Code: { ZipFile: zip({ 'index.js': `const fs = require('fs'); exports.handler = async (e) => { fs.writeFileSync(process.env.OUT_DIR + '/record.json', JSON.stringify(e)); };` }) },
    }));
    await lambda.send(new PutFunctionEventInvokeConfigCommand({
      FunctionName: 'flaky', MaximumRetryAttempts: 1, DestinationConfig: { OnFailure: { Destination: `${ARN}:ondlq` } },
    }));
    const cfg = await lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: 'flaky' }));
    expect([cfg.MaximumRetryAttempts, cfg.FunctionArn, cfg.DestinationConfig?.OnFailure?.Destination]).toEqual([1, `${ARN}:flaky:$LATEST`, `${ARN}:ondlq`]);
    await lambda.send(new InvokeCommand({ FunctionName: 'flaky', InvocationType: 'Event', Payload: Buffer.from('{"n":1}') }));
    const attempts = () => readdirSync(dir).filter((f) => f.startsWith('attempt-')).length;
    await until(() => attempts() === 1);
    await advanceClock(kanri, 'PT61S');
    await until(() => existsSync(join(dir, 'record.json')));
    expect(attempts()).toBe(2);
    const record = JSON.parse(readFileSync(join(dir, 'record.json'), 'utf8'));
    expect(record).toMatchObject({
      version: '1.0', requestContext: { functionArn: `${ARN}:flaky:$LATEST`, condition: 'RetriesExhausted', approximateInvokeCount: 2 },
      requestPayload: { n: 1 }, responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      responsePayload: { errorType: 'Error', errorMessage: 'fail' },
    });
  });
});

describe('destinations to SQS', () => {
  it('sends the success record of an Event invocation to a queue', async () => {
    const { SQSClient, CreateQueueCommand, ReceiveMessageCommand, GetQueueAttributesCommand } = await import('@aws-sdk/client-sqs');
    const sqs = new SQSClient(sdkConfig(kanri));
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'lambda-success' }));
    const arn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
    await lambda.send(new CreateFunctionCommand({ FunctionName: 'ok', Runtime: 'nodejs20.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zip({ 'index.js': 'exports.handler = async (e) => ({ got: e });' }) } }));
    await lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'ok', DestinationConfig: { OnSuccess: { Destination: arn } } }));
    await lambda.send(new InvokeCommand({ FunctionName: 'ok', InvocationType: 'Event', Payload: Buffer.from('{"k":"v"}') }));
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 5 }));
    expect(JSON.parse(got.Messages![0].Body!)).toMatchObject({
      version: '1.0', requestContext: { condition: 'Success', approximateInvokeCount: 1, functionArn: `${ARN}:ok:$LATEST` },
      requestPayload: { k: 'v' }, responseContext: { statusCode: 200, executedVersion: '$LATEST' }, responsePayload: { got: { k: 'v' } },
    });
  });
});
