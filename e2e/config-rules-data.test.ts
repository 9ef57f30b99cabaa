// What rules read beyond the configuration: a Lambda function's resource policy, a KMS key's
// rotation status and a bucket's default encryption reach the recorded item's
// supplementaryConfiguration as AWS lays it out, so their rules give the verdicts AWS gives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as C from '@aws-sdk/client-config-service';
import * as K from '@aws-sdk/client-kms';
import * as L from '@aws-sdk/client-lambda';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { sdkConfig, startTestKanri, type Kanri } from './harness';
import { ROLE } from './lambda-kit';
import { zip } from './lambda-zip';
import { startRecording, verdicts } from './config-kit';

let kanri: Kanri;
let cfg: C.ConfigServiceClient;

async function item(type: C.ResourceType, id: string) {
  const out = await cfg.send(new C.GetResourceConfigHistoryCommand({ resourceType: type, resourceId: id, limit: 1 }));
  return out.configurationItems![0];
}

const rule = (name: string, id: string) => cfg.send(new C.PutConfigRuleCommand({ ConfigRule: { ConfigRuleName: name, Source: { Owner: 'AWS', SourceIdentifier: id } } }));

beforeAll(async () => {
  kanri = await startTestKanri();
  cfg = new C.ConfigServiceClient(sdkConfig(kanri));
  await startRecording(kanri, cfg);
});
afterAll(() => kanri?.stop());

describe('rules that read supplementary configuration', () => {
  it('a function made public by AddPermission turns LAMBDA_FUNCTION_PUBLIC_ACCESS_PROHIBITED non-compliant', async () => {
    const lambda = new L.LambdaClient(sdkConfig(kanri));
    await lambda.send(new L.CreateFunctionCommand({ FunctionName: 'open-fn', Runtime: 'nodejs20.x', Role: ROLE, Handler: 'index.handler',
      Code: { ZipFile: zip({ 'index.js': 'exports.handler = async () => 1;' }) } }));
    await rule('lambda-public', 'LAMBDA_FUNCTION_PUBLIC_ACCESS_PROHIBITED');
    expect((await verdicts(kanri, cfg, 'lambda-public'))['open-fn']).toBe('COMPLIANT');

    await lambda.send(new L.AddPermissionCommand({ FunctionName: 'open-fn', StatementId: 'anyone', Action: 'lambda:InvokeFunction', Principal: '*' }));
    expect((await verdicts(kanri, cfg, 'lambda-public'))['open-fn']).toBe('NON_COMPLIANT');
    const recorded = await item('AWS::Lambda::Function', 'open-fn');
    expect(JSON.parse(recorded.supplementaryConfiguration!.Policy).Statement[0]).toMatchObject({ Sid: 'anyone', Principal: '*' });
    expect(JSON.parse(recorded.configuration!)).toMatchObject({ functionName: 'open-fn', runtime: 'nodejs20.x' });

    await lambda.send(new L.RemovePermissionCommand({ FunctionName: 'open-fn', StatementId: 'anyone' }));
    expect((await verdicts(kanri, cfg, 'lambda-public'))['open-fn']).toBe('COMPLIANT');
  });

  it('KMS rotation status is recorded and judged by CMK_BACKING_KEY_ROTATION_ENABLED', async () => {
    const kms = new K.KMSClient(sdkConfig(kanri));
    const keyId = (await kms.send(new K.CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    await kanri.platform.outbox.drain();
    const created = await item('AWS::KMS::Key', keyId);
    expect(created.supplementaryConfiguration).toEqual({ KeyRotationStatus: 'false' });
    expect(JSON.parse(created.configuration!)).toMatchObject({ keyId, awsaccountId: '000000000000', keyState: 'Enabled', keyManager: 'CUSTOMER' });

    await rule('kms-rotation', 'CMK_BACKING_KEY_ROTATION_ENABLED');
    await cfg.send(new C.StartConfigRulesEvaluationCommand({ ConfigRuleNames: ['kms-rotation'] }));
    expect((await verdicts(kanri, cfg, 'kms-rotation'))[keyId]).toBe('NON_COMPLIANT');
    await kms.send(new K.EnableKeyRotationCommand({ KeyId: keyId }));
    await kanri.platform.outbox.drain();
    expect((await item('AWS::KMS::Key', keyId)).supplementaryConfiguration).toEqual({ KeyRotationStatus: 'true' });
    await cfg.send(new C.StartConfigRulesEvaluationCommand({ ConfigRuleNames: ['kms-rotation'] }));
    expect((await verdicts(kanri, cfg, 'kms-rotation'))[keyId]).toBe('COMPLIANT');
  });

  it('a new bucket carries the default SSE-S3 encryption, as AWS applies it since 2023', async () => {
    await new S3Client({ ...sdkConfig(kanri), forcePathStyle: true }).send(new CreateBucketCommand({ Bucket: 'plain-bucket' }));
    await rule('bucket-sse', 'S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED');
    expect((await verdicts(kanri, cfg, 'bucket-sse'))['plain-bucket']).toBe('COMPLIANT');
    const recorded = await item('AWS::S3::Bucket', 'plain-bucket');
    expect(JSON.parse(recorded.supplementaryConfiguration!.ServerSideEncryptionConfiguration)).toMatchObject({ Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] });
    expect(JSON.parse(recorded.configuration!)).not.toHaveProperty('supplementaryConfiguration');
  });
});
