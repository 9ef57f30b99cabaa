// STS through the SDK v3, the AWS CLI and boto3: identities, AssumeRole, session credentials.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssumeRoleCommand, GetCallerIdentityCommand, GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import { advanceClock, awsCli, boto3, sdkConfig, startTestKanri } from './harness';
import type { Kanri } from './harness';

let kanri: Kanri;
beforeAll(async () => { kanri = await startTestKanri(); });
afterAll(async () => { await kanri.stop(); });

describe('GetCallerIdentity', () => {
  it('maps an ordinary key to the default account', async () => {
    const sts = new STSClient(sdkConfig(kanri));
    const me = await sts.send(new GetCallerIdentityCommand({}));
    expect(me).toMatchObject({ Account: '000000000000', Arn: 'arn:aws:iam::000000000000:root', UserId: '000000000000' });
  });

  it('treats a 12-digit access key as that account', async () => {
    const sts = new STSClient(sdkConfig(kanri, 'eu-west-1', { accessKeyId: '111122223333', secretAccessKey: 'x' }));
    expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe('111122223333');
  });

  it('answers the AWS CLI and boto3', async () => {
    expect((await awsCli(kanri, ['sts', 'get-caller-identity'])).Account).toBe('000000000000');
    const out = await boto3(kanri, `
import boto3, json, os
sts = boto3.client('sts', endpoint_url=os.environ['KANRI_URL'])
print(json.dumps(sts.get_caller_identity()['Arn']))`);
    expect(out).toBe('arn:aws:iam::000000000000:root');
  });
});

describe('AssumeRole', () => {
  it('issues credentials that act as the role in its account', async () => {
    const sts = new STSClient(sdkConfig(kanri));
    const out = await sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::444455556666:role/Deployer', RoleSessionName: 'ci-job', DurationSeconds: 900 }));
    expect(out.Credentials!.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
    expect(out.Credentials!.Expiration!.getTime() - Date.now()).toBeGreaterThan(800_000);
    expect(out.AssumedRoleUser!.Arn).toBe('arn:aws:sts::444455556666:assumed-role/Deployer/ci-job');

    const asRole = new STSClient(sdkConfig(kanri, 'us-east-1', {
      accessKeyId: out.Credentials!.AccessKeyId!, secretAccessKey: out.Credentials!.SecretAccessKey!, sessionToken: out.Credentials!.SessionToken!,
    } as any));
    const me = await asRole.send(new GetCallerIdentityCommand({}));
    expect(me.Account).toBe('444455556666');
    expect(me.Arn).toBe('arn:aws:sts::444455556666:assumed-role/Deployer/ci-job');
    expect(me.UserId).toMatch(/^AROA[0-9A-F]+:ci-job$/);
  });

  it('rejects a session name shorter than the model allows, in AWS words', async () => {
    const sts = new STSClient(sdkConfig(kanri));
    const err = await sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::444455556666:role/Deployer', RoleSessionName: 'x' })).catch((e) => e);
    expect(err.name).toBe('ValidationError');
    expect(err.$metadata.httpStatusCode).toBe(400);
    expect(err.message).toBe("1 validation error detected: Value 'x' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2");
  });

  it('rejects a policy that is not JSON with MalformedPolicyDocument', async () => {
    const sts = new STSClient(sdkConfig(kanri));
    const err = await sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::444455556666:role/Deployer', RoleSessionName: 'abc', Policy: '{nope' })).catch((e) => e);
    expect(err.name).toBe('MalformedPolicyDocumentException');
  });

  it('session credentials expire on the clock', async () => {
    const sts = new STSClient(sdkConfig(kanri));
    const out = await sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::777788889999:role/Short', RoleSessionName: 'brief', DurationSeconds: 900 }));
    const asRole = new STSClient(sdkConfig(kanri, 'us-east-1', { accessKeyId: out.Credentials!.AccessKeyId!, secretAccessKey: out.Credentials!.SecretAccessKey!, sessionToken: out.Credentials!.SessionToken! } as any));
    expect((await asRole.send(new GetCallerIdentityCommand({}))).Account).toBe('777788889999');
    await advanceClock(kanri, 'PT16M');
    const err = await asRole.send(new GetCallerIdentityCommand({})).catch((e) => e);
    expect(err.name).toBe('ExpiredToken');
    expect(err.$metadata.httpStatusCode).toBe(403);
  });
});

describe('GetSessionToken', () => {
  it('issues session credentials for the caller', async () => {
    const sts = new STSClient(sdkConfig(kanri, 'us-east-1', { accessKeyId: '123456789012', secretAccessKey: 'x' }));
    const out = await sts.send(new GetSessionTokenCommand({ DurationSeconds: 3600 }));
    const asSession = new STSClient(sdkConfig(kanri, 'us-east-1', { accessKeyId: out.Credentials!.AccessKeyId!, secretAccessKey: out.Credentials!.SecretAccessKey!, sessionToken: out.Credentials!.SessionToken! } as any));
    expect((await asSession.send(new GetCallerIdentityCommand({}))).Account).toBe('123456789012');
  });
});

describe('AssumeRole of a role IAM knows', () => {
  it('uses the role id and enforces its MaxSessionDuration', async () => {
    const { IAMClient, CreateRoleCommand, GetRoleCommand } = await import('@aws-sdk/client-iam');
    const iam = new IAMClient(sdkConfig(kanri));
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::000000000000:root' }, Action: 'sts:AssumeRole' }] });
    const role = (await iam.send(new CreateRoleCommand({ RoleName: 'Known', AssumeRolePolicyDocument: trust, MaxSessionDuration: 3600 }))).Role!;
    const sts = new STSClient(sdkConfig(kanri));
    const out = await sts.send(new AssumeRoleCommand({ RoleArn: role.Arn!, RoleSessionName: 'known' }));
    expect(out.AssumedRoleUser!.AssumedRoleId).toBe(`${role.RoleId}:known`);
    const err = await sts.send(new AssumeRoleCommand({ RoleArn: role.Arn!, RoleSessionName: 'long', DurationSeconds: 7200 })).catch((e) => e);
    expect(err.name).toBe('ValidationError');
    const used = (await iam.send(new GetRoleCommand({ RoleName: 'Known' }))).Role!.RoleLastUsed;
    expect(used?.Region).toBe('us-east-1');
  });
});
