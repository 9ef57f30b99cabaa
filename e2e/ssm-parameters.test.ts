// SSM Parameter Store through the SDK v3 and the AWS CLI: types, versions, labels, hierarchies,
// filters, pagination, SecureStrings through KMS, tiers and limits, policies on the clock, public
// parameters, EventBridge events and what CloudTrail keeps of values.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as S from '@aws-sdk/client-ssm';
import * as K from '@aws-sdk/client-kms';
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { advanceClock, awsCli, type Kanri, rejects, sdkConfig, startTestKanri } from './harness';

let kanri: Kanri;
let ssm: S.SSMClient;
let kms: K.KMSClient;
const ACCOUNT = '000000000000';

beforeAll(async () => {
  kanri = await startTestKanri();
  ssm = new S.SSMClient(sdkConfig(kanri));
  kms = new K.KMSClient(sdkConfig(kanri));
});
afterAll(async () => { await kanri.stop(); });

const put = (input: Partial<S.PutParameterCommandInput> & { Name: string; Value: string }) => ssm.send(new S.PutParameterCommand({ Type: 'String', ...input } as S.PutParameterCommandInput));
const get = (Name: string, WithDecryption?: boolean) => ssm.send(new S.GetParameterCommand({ Name, WithDecryption })).then((r) => r.Parameter!);

async function eventsQueue(name: string, pattern: object) {
  const sqs = new SQSClient(sdkConfig(kanri));
  const eb = new EventBridgeClient(sdkConfig(kanri));
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
  await eb.send(new PutRuleCommand({ Name: name, EventPattern: JSON.stringify(pattern) }));
  await eb.send(new PutTargetsCommand({ Rule: name, Targets: [{ Id: 'q', Arn: `arn:aws:sqs:us-east-1:${ACCOUNT}:${name}` }] }));
  return async (count: number) => {
    const got: any[] = [];
    for (let i = 0; i < 6 && got.length < count; i++) {
      const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
      for (const m of Messages ?? []) await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle }));
      got.push(...(Messages ?? []).map((m) => JSON.parse(m.Body!)));
    }
    return got;
  };
}

describe('parameters of each type', () => {
  it('stores String, StringList and SecureString, with versions on overwrite', async () => {
    expect(await put({ Name: '/app/prod/db/host', Value: 'db.internal', Description: 'database host' })).toMatchObject({ Version: 1, Tier: 'Standard' });
    await put({ Name: '/app/prod/db/replicas', Value: 'r1,r2,r3', Type: 'StringList' });
    await put({ Name: '/app/prod/db/password', Value: 'hunter2', Type: 'SecureString' });
    expect(await put({ Name: '/app/prod/db/host', Value: 'db2.internal', Overwrite: true })).toMatchObject({ Version: 2 });
    const host = await get('/app/prod/db/host');
    expect(host).toMatchObject({ Name: '/app/prod/db/host', Type: 'String', Value: 'db2.internal', Version: 2, DataType: 'text',
      ARN: `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/app/prod/db/host` });
    expect(host.LastModifiedDate).toBeInstanceOf(Date);
    expect((await get('/app/prod/db/replicas')).Value).toBe('r1,r2,r3');
    const secret = await get('/app/prod/db/password');
    expect(secret.Value).not.toContain('hunter2');
    expect((await get('/app/prod/db/password', true)).Value).toBe('hunter2');
    await rejects(put({ Name: '/app/prod/db/host', Value: 'x' }), 'ParameterAlreadyExists', 400,
      'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.');
    await rejects(get('/app/prod/db/nope'), 'ParameterNotFound', 400, 'Parameter /app/prod/db/nope not found.');
    await rejects(put({ Name: '/fresh', Value: 'x', Type: undefined }), 'ValidationException', 400, 'A parameter type is required when you create a parameter.');
  });

  it('treats /name and name as one top-level parameter', async () => {
    await put({ Name: 'toplevel', Value: 'a' });
    expect((await get('/toplevel')).Value).toBe('a');
    await rejects(put({ Name: '/toplevel', Value: 'b' }), 'ParameterAlreadyExists', 400);
  });

  it('selects versions and labels, moves labels and keeps the history', async () => {
    const name = '/app/prod/feature';
    for (const v of ['on', 'off', 'on-again']) await put({ Name: name, Value: v, Overwrite: true });
    expect(await get(`${name}:1`)).toMatchObject({ Value: 'on', Version: 1, Selector: ':1' });
    await rejects(get(`${name}:9`), 'ParameterVersionNotFound', 400, `Systems Manager could not find version 9 of ${name}. Verify the version and try again.`);
    expect(await ssm.send(new S.LabelParameterVersionCommand({ Name: name, ParameterVersion: 1, Labels: ['stable', 'aws-reserved', '1st', 'has space'] })))
      .toMatchObject({ ParameterVersion: 1, InvalidLabels: ['aws-reserved', '1st', 'has space'] });
    expect(await get(`${name}:stable`)).toMatchObject({ Value: 'on', Version: 1, Selector: ':stable' });
    await ssm.send(new S.LabelParameterVersionCommand({ Name: name, Labels: ['stable'] })); // to the latest version
    expect(await get(`${name}:stable`)).toMatchObject({ Version: 3 });
    const history = (await ssm.send(new S.GetParameterHistoryCommand({ Name: name }))).Parameters!;
    expect(history.map((h) => [h.Version, h.Value, h.Labels])).toEqual([[1, 'on', []], [2, 'off', []], [3, 'on-again', ['stable']]]);
    expect(history[0]).toMatchObject({ LastModifiedUser: `arn:aws:iam::${ACCOUNT}:root`, Tier: 'Standard', DataType: 'text' });
    const page1 = await ssm.send(new S.GetParameterHistoryCommand({ Name: name, MaxResults: 2 }));
    expect(page1.Parameters!.map((h) => h.Version)).toEqual([1, 2]);
    const page2 = await ssm.send(new S.GetParameterHistoryCommand({ Name: name, MaxResults: 2, NextToken: page1.NextToken }));
    expect([page2.Parameters!.map((h) => h.Version), page2.NextToken]).toEqual([[3], undefined]);
    expect(await ssm.send(new S.UnlabelParameterVersionCommand({ Name: name, ParameterVersion: 3, Labels: ['stable', 'other'] })))
      .toMatchObject({ RemovedLabels: ['stable'], InvalidLabels: ['other'] });
    const labels = Array.from({ length: 11 }, (_, i) => `l${i}`);
    await ssm.send(new S.LabelParameterVersionCommand({ Name: name, ParameterVersion: 2, Labels: labels.slice(0, 10) }));
    await rejects(ssm.send(new S.LabelParameterVersionCommand({ Name: name, ParameterVersion: 2, Labels: ['l10'] })), 'ParameterVersionLabelLimitExceeded', 400);
  });

  it('keeps 100 versions, dropping the oldest, unless the oldest has a label', async () => {
    const name = '/versions/many';
    for (let i = 1; i <= 100; i++) await put({ Name: name, Value: `v${i}`, Overwrite: true });
    expect(await put({ Name: name, Value: 'v101', Overwrite: true })).toMatchObject({ Version: 101 });
    await rejects(get(`${name}:1`), 'ParameterVersionNotFound', 400);
    expect((await get(`${name}:2`)).Value).toBe('v2');
    await ssm.send(new S.LabelParameterVersionCommand({ Name: name, ParameterVersion: 2, Labels: ['pinned'] }));
    await rejects(put({ Name: name, Value: 'v102', Overwrite: true }), 'ParameterMaxVersionLimitExceeded', 400,
      `You attempted to create a new version of ${name} by calling the PutParameter API with the overwrite flag. Version 2, the oldest version, can't be deleted because it has a label associated with it. Move the label to another version of the parameter, and try again.`);
  });
});

describe('rules and limits', () => {
  it('checks names, hierarchy depth and reserved prefixes as AWS does', async () => {
    const deep = '/' + Array.from({ length: 16 }, (_, i) => `l${i}`).join('/');
    await rejects(put({ Name: deep, Value: 'x' }), 'HierarchyLevelLimitExceededException', 400);
    expect(await put({ Name: '/' + Array.from({ length: 15 }, (_, i) => `l${i}`).join('/'), Value: 'x' })).toMatchObject({ Version: 1 });
    await rejects(put({ Name: 'ssm-thing', Value: 'x' }), 'ValidationException', 400, 'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive).');
    await rejects(put({ Name: '/aws/mine', Value: 'x' }), 'AccessDeniedException', 400, 'No access to reserved parameter name: /aws/mine.');
    await rejects(put({ Name: 'a/b', Value: 'x' }), 'ValidationException', 400, 'Parameter name must be a fully qualified name.');
    await rejects(put({ Name: '/has space/x', Value: 'x' }), 'ValidationException', 400);
  });

  it('checks allowed patterns, sizes and tiers', async () => {
    await put({ Name: '/limits/port', Value: '8080', AllowedPattern: '^\\d+$' });
    await rejects(put({ Name: '/limits/port', Value: 'eighty', Overwrite: true }), 'ParameterPatternMismatchException', 400,
      'Parameter value, cannot be validated against allowedPattern: ^\\d+$');
    await rejects(put({ Name: '/limits/bad', Value: 'x', AllowedPattern: '([' }), 'InvalidAllowedPatternException', 400);
    const big = 'x'.repeat(5000);
    await rejects(put({ Name: '/limits/big', Value: big }), 'ValidationException', 400);
    expect(await put({ Name: '/limits/big', Value: big, Tier: 'Intelligent-Tiering' })).toMatchObject({ Tier: 'Advanced' });
    expect(await put({ Name: '/limits/small', Value: 'x', Tier: 'Intelligent-Tiering' })).toMatchObject({ Tier: 'Standard' });
    await rejects(put({ Name: '/limits/huge', Value: 'x'.repeat(9000), Tier: 'Advanced' }), 'ValidationException', 400);
    await rejects(put({ Name: '/limits/big', Value: 'y', Tier: 'Standard', Overwrite: true }), 'ValidationException', 400);
    await rejects(put({ Name: '/limits/keyed', Value: 'x', KeyId: 'alias/aws/ssm' }), 'ValidationException', 400);
  });

  it('validates aws:ec2:image values against the AMI catalogue', async () => {
    const ami = (await get('/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64')).Value!;
    expect(await put({ Name: '/images/golden', Value: ami, DataType: 'aws:ec2:image' })).toMatchObject({ Version: 1 });
    expect((await get('/images/golden')).DataType).toBe('aws:ec2:image');
    await rejects(put({ Name: '/images/bad', Value: 'not-an-ami', DataType: 'aws:ec2:image' }), 'ValidationException', 400);
    await rejects(put({ Name: '/images/missing', Value: 'ami-0123456789abcdef0', DataType: 'aws:ec2:image' }), 'ValidationException', 400);
    await rejects(put({ Name: '/images/odd', Value: 'x', DataType: 'Text' }), 'ValidationException', 400,
      'The following data type is not supported: Text (Data type names are all lowercase.)');
  });
});

describe('SecureString through KMS', () => {
  it('creates alias/aws/ssm on first use and decrypts only WithDecryption', async () => {
    await put({ Name: '/kms/default', Value: 'top-secret', Type: 'SecureString' });
    const aliases = (await kms.send(new K.ListAliasesCommand({}))).Aliases!;
    const alias = aliases.find((a) => a.AliasName === 'alias/aws/ssm');
    expect(alias?.TargetKeyId).toBeTruthy();
    const meta = (await ssm.send(new S.DescribeParametersCommand({ ParameterFilters: [{ Key: 'Name', Values: ['/kms/default'] }] }))).Parameters![0];
    expect(meta).toMatchObject({ Type: 'SecureString', KeyId: 'alias/aws/ssm' });
    const raw = (await get('/kms/default')).Value!;
    expect(Buffer.from(raw, 'base64').length).toBeGreaterThan(16);
    const byPath = await ssm.send(new S.GetParametersByPathCommand({ Path: '/kms', WithDecryption: true }));
    expect(byPath.Parameters!.map((p) => p.Value)).toEqual(['top-secret']);
  });

  it('uses a named key, and fails as AWS does once that key is disabled', async () => {
    const key = (await kms.send(new K.CreateKeyCommand({ Description: 'params' }))).KeyMetadata!;
    await put({ Name: '/kms/named', Value: 'named-secret', Type: 'SecureString', KeyId: key.KeyId });
    expect((await get('/kms/named', true)).Value).toBe('named-secret');
    await kms.send(new K.DisableKeyCommand({ KeyId: key.KeyId }));
    const err = await rejects(get('/kms/named', true), 'InvalidKeyId', 400);
    expect(err.message).toContain(`${key.Arn} is disabled. (Service: AWSKMS; Status Code: 400; Error Code: DisabledException;`);
    expect((await get('/kms/named')).Value).not.toBe('named-secret'); // the ciphertext needs no key
    await rejects(put({ Name: '/kms/named2', Value: 'x', Type: 'SecureString', KeyId: key.KeyId }), 'InvalidKeyId', 400);
    await rejects(put({ Name: '/kms/missing', Value: 'x', Type: 'SecureString', KeyId: '00000000-1111-2222-3333-444444444444' }), 'InvalidKeyId', 400);
    await kms.send(new K.EnableKeyCommand({ KeyId: key.KeyId }));
    expect((await get('/kms/named', true)).Value).toBe('named-secret');
  });

  it('never lets a value reach CloudTrail', async () => {
    await put({ Name: '/trail/secret', Value: 'do-not-log-me', Type: 'SecureString' });
    await get('/trail/secret', true);
    const ct = new CloudTrailClient(sdkConfig(kanri));
    let events: any[] = [];
    for (let i = 0; i < 20 && events.length < 2; i++) {
      events = (await ct.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventSource', AttributeValue: 'ssm.amazonaws.com' }], MaxResults: 50 }))).Events!
        .filter((e) => e.CloudTrailEvent!.includes('/trail/secret'));
      if (events.length < 2) await new Promise((r) => setTimeout(r, 100));
    }
    expect(events.map((e) => e.EventName).sort()).toEqual(['GetParameter', 'PutParameter']);
    for (const e of events) expect(e.CloudTrailEvent).not.toContain('do-not-log-me');
    const putEvent = JSON.parse(events.find((e) => e.EventName === 'PutParameter').CloudTrailEvent);
    expect(putEvent.requestParameters).toMatchObject({ name: '/trail/secret', value: 'HIDDEN_DUE_TO_SECURITY_REASONS', type: 'SecureString' });
  });
});

describe('hierarchies and filters', () => {
  beforeAll(async () => {
    for (let i = 0; i < 25; i++) await put({ Name: `/tree/svc/p${String(i).padStart(2, '0')}`, Value: `v${i}` });
    await put({ Name: '/tree/svc/deep/x', Value: 'deep' });
    await put({ Name: '/tree/top', Value: 'top', Tags: [{ Key: 'team', Value: 'ops' }] });
    await put({ Name: '/tree/secure', Value: 's', Type: 'SecureString' });
  });

  it('pages through one level, or recursively', async () => {
    const names: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const out = await ssm.send(new S.GetParametersByPathCommand({ Path: '/tree/svc', NextToken: token }));
      names.push(...out.Parameters!.map((p) => p.Name!));
      token = out.NextToken;
      pages++;
    } while (token);
    expect([names.length, pages, names.includes('/tree/svc/deep/x')]).toEqual([25, 3, false]);
    const all: string[] = [];
    for await (const page of S.paginateGetParametersByPath({ client: ssm }, { Path: '/tree/', Recursive: true })) all.push(...page.Parameters!.map((p) => p.Name!));
    expect(all).toHaveLength(28);
    expect(all).toContain('/tree/svc/deep/x');
    const secure = await ssm.send(new S.GetParametersByPathCommand({ Path: '/tree', Recursive: true, ParameterFilters: [{ Key: 'Type', Values: ['SecureString'] }] }));
    expect(secure.Parameters!.map((p) => p.Name)).toEqual(['/tree/secure']);
    await rejects(ssm.send(new S.GetParametersByPathCommand({ Path: '/tree', ParameterFilters: [{ Key: 'Name', Values: ['x'] }] })), 'InvalidFilterKey', 400,
      'The following filter key is not valid: Name. Valid filter keys include: [Type, KeyId, Label].');
    await rejects(ssm.send(new S.GetParametersByPathCommand({ Path: '/tree', NextToken: 'garbage' })), 'InvalidNextToken', 400);
  });

  it('filters by label on a path, returning the labelled version', async () => {
    await put({ Name: '/tree/svc/p00', Value: 'v0-new', Overwrite: true });
    await ssm.send(new S.LabelParameterVersionCommand({ Name: '/tree/svc/p00', ParameterVersion: 1, Labels: ['golden'] }));
    const out = await ssm.send(new S.GetParametersByPathCommand({ Path: '/tree/svc', ParameterFilters: [{ Key: 'Label', Option: 'Equals', Values: ['golden'] }] }));
    expect(out.Parameters!.map((p) => [p.Name, p.Value, p.Version])).toEqual([['/tree/svc/p00', 'v0', 1]]);
  });

  it('describes with ParameterFilters and the legacy Filters', async () => {
    const names = async (input: S.DescribeParametersCommandInput) => {
      const out: string[] = [];
      for await (const page of S.paginateDescribeParameters({ client: ssm }, input)) out.push(...page.Parameters!.map((p) => p.Name!));
      return out;
    };
    expect(await names({ ParameterFilters: [{ Key: 'Path', Option: 'OneLevel', Values: ['/tree'] }] })).toEqual(['/tree/secure', '/tree/top']);
    expect(await names({ ParameterFilters: [{ Key: 'Path', Option: 'Recursive', Values: ['/tree/svc/deep'] }] })).toEqual(['/tree/svc/deep/x']);
    expect(await names({ ParameterFilters: [{ Key: 'Name', Option: 'BeginsWith', Values: ['/tree/svc/p2'] }] })).toEqual(['/tree/svc/p20', '/tree/svc/p21', '/tree/svc/p22', '/tree/svc/p23', '/tree/svc/p24']);
    expect(await names({ ParameterFilters: [{ Key: 'Name', Option: 'Contains', Values: ['deep'] }] })).toEqual(['/tree/svc/deep/x']);
    expect(await names({ ParameterFilters: [{ Key: 'tag:team', Values: ['ops'] }] })).toEqual(['/tree/top']);
    expect(await names({ ParameterFilters: [{ Key: 'tag:team' }] })).toEqual(['/tree/top']);
    expect(await names({ ParameterFilters: [{ Key: 'Path', Option: 'Recursive', Values: ['/tree'] }, { Key: 'Type', Values: ['SecureString'] }] })).toEqual(['/tree/secure']);
    expect(await names({ ParameterFilters: [{ Key: 'KeyId', Values: ['alias/aws/ssm'] }, { Key: 'Path', Option: 'Recursive', Values: ['/tree'] }] })).toEqual(['/tree/secure']);
    expect(await names({ ParameterFilters: [{ Key: 'DataType', Values: ['aws:ec2:image'] }] })).toEqual(['/images/golden']);
    expect(await names({ Filters: [{ Key: 'Name', Values: ['/tree/svc/deep'] }] })).toEqual(['/tree/svc/deep/x']);
    await rejects(ssm.send(new S.DescribeParametersCommand({ Filters: [{ Key: 'Type', Values: ['String'] }], ParameterFilters: [{ Key: 'Type', Values: ['String'] }] })),
      'ValidationException', 400, 'You can use either Filters or ParameterFilters in a single request.');
    await rejects(ssm.send(new S.DescribeParametersCommand({ ParameterFilters: [{ Key: 'Type', Values: ['Number'] }] })), 'InvalidFilterOption', 400,
      'The following filter value is not valid: Number. Valid values include: [String, StringList, SecureString].');
    await rejects(ssm.send(new S.DescribeParametersCommand({ ParameterFilters: [{ Key: 'Label', Values: ['x'] }] })), 'InvalidFilterKey', 400);
  });

  it('tags parameters and gets several at once', async () => {
    await ssm.send(new S.AddTagsToResourceCommand({ ResourceType: 'Parameter', ResourceId: '/tree/svc/p01', Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }] }));
    await ssm.send(new S.RemoveTagsFromResourceCommand({ ResourceType: 'Parameter', ResourceId: '/tree/svc/p01', TagKeys: ['a'] }));
    expect((await ssm.send(new S.ListTagsForResourceCommand({ ResourceType: 'Parameter', ResourceId: '/tree/svc/p01' }))).TagList).toEqual([{ Key: 'b', Value: '2' }]);
    await rejects(ssm.send(new S.ListTagsForResourceCommand({ ResourceType: 'Parameter', ResourceId: '/nope' })), 'InvalidResourceId', 400);
    const out = await ssm.send(new S.GetParametersCommand({ Names: ['/tree/top', '/tree/nope', '/tree/svc/p00:1', '/tree/svc/p00:7'] }));
    expect(out.Parameters!.map((p) => [p.Name, p.Value])).toEqual([['/tree/top', 'top'], ['/tree/svc/p00', 'v0']]);
    expect(out.InvalidParameters).toEqual(['/tree/nope', '/tree/svc/p00:7']);
    expect(await ssm.send(new S.DeleteParametersCommand({ Names: ['/tree/svc/p24', '/tree/nope'] }))).toMatchObject({ DeletedParameters: ['/tree/svc/p24'], InvalidParameters: ['/tree/nope'] });
    await ssm.send(new S.DeleteParameterCommand({ Name: '/tree/svc/p23' }));
    await rejects(ssm.send(new S.DeleteParameterCommand({ Name: '/tree/svc/p23' })), 'ParameterNotFound', 400, 'Parameter /tree/svc/p23 not found.');
  });
});

describe('service settings', () => {
  it('uses the default parameter tier setting for a PutParameter that names no tier', async () => {
    const id = '/ssm/parameter-store/default-parameter-tier';
    expect((await ssm.send(new S.GetServiceSettingCommand({ SettingId: id }))).ServiceSetting).toMatchObject({
      SettingId: id, SettingValue: 'Standard', Status: 'Default', ARN: `arn:aws:ssm:us-east-1:${ACCOUNT}:servicesetting${id}` });
    await ssm.send(new S.UpdateServiceSettingCommand({ SettingId: id, SettingValue: 'Intelligent-Tiering' }));
    expect(await put({ Name: '/settings/small', Value: 'x' })).toMatchObject({ Tier: 'Standard' });
    expect(await put({ Name: '/settings/large', Value: 'x'.repeat(5000) })).toMatchObject({ Tier: 'Advanced' });
    await rejects(ssm.send(new S.UpdateServiceSettingCommand({ SettingId: id, SettingValue: 'Huge' })), 'ValidationException', 400);
    expect((await ssm.send(new S.ResetServiceSettingCommand({ SettingId: id }))).ServiceSetting).toMatchObject({ SettingValue: 'Standard', Status: 'Default' });
    await rejects(ssm.send(new S.GetServiceSettingCommand({ SettingId: '/ssm/nothing/here' })), 'ServiceSettingNotFound', 400);
  });
});

describe('public parameters', () => {
  it('resolves the latest AMIs from the catalogue, by name and by path', async () => {
    const al = await get('/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64');
    expect(al).toMatchObject({ Type: 'String', Value: expect.stringMatching(/^ami-[0-9a-f]{17}$/),
      ARN: 'arn:aws:ssm:us-east-1::parameter/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64' });
    const ec2 = new (await import('@aws-sdk/client-ec2')).EC2Client(sdkConfig(kanri));
    const { DescribeImagesCommand } = await import('@aws-sdk/client-ec2');
    const image = (await ec2.send(new DescribeImagesCommand({ ImageIds: [al.Value!] }))).Images![0];
    expect(image.Name).toMatch(/^al2023-ami-.*-x86_64$/);
    expect((await get('/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id')).Value).toMatch(/^ami-/);
    expect((await get('/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base')).Value).toMatch(/^ami-/);
    const list = await ssm.send(new S.GetParametersByPathCommand({ Path: '/aws/service/ami-amazon-linux-latest' }));
    expect(list.Parameters!.map((p) => p.Name)).toContain('/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64');
    await rejects(get('/aws/service/ami-amazon-linux-latest/nope'), 'ParameterNotFound', 400);
    await rejects(get('/aws/reference/secretsmanager/db', true), 'ParameterNotFound', 400);
    await rejects(get('/aws/reference/secretsmanager/db'), 'ValidationException', 400, 'WithDecryption flag must be True for retrieving a Secret Manager secret.');
  });
});

describe('events and policies on the clock', () => {
  it('puts Parameter Store Change events on the default bus', async () => {
    const receive = await eventsQueue('ssm-changes', { source: ['aws.ssm'], 'detail-type': ['Parameter Store Change'], detail: { name: [{ prefix: '/events/' }] } });
    await put({ Name: '/events/one', Value: '1', Description: 'first' });
    await put({ Name: '/events/one', Value: '2', Overwrite: true });
    await ssm.send(new S.LabelParameterVersionCommand({ Name: '/events/one', Labels: ['live'] }));
    await ssm.send(new S.DeleteParameterCommand({ Name: '/events/one' }));
    const got = await receive(4);
    expect(got.map((e) => e.detail.operation)).toEqual(['Create', 'Update', 'LabelParameterVersion', 'Delete']);
    expect(got[0]).toMatchObject({ source: 'aws.ssm', 'detail-type': 'Parameter Store Change', account: ACCOUNT, region: 'us-east-1',
      resources: [`arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/events/one`], detail: { name: '/events/one', type: 'String', description: 'first' } });
  });

  it('applies Expiration, ExpirationNotification and NoChangeNotification when the clock moves', async () => {
    const receive = await eventsQueue('ssm-policies', { source: ['aws.ssm'], 'detail-type': ['Parameter Store Policy Action'] });
    const clock = await (await fetch(`${kanri.url}/_kanri/clock`)).json() as { now: string };
    const expires = new Date(Date.parse(clock.now) + 3 * 86_400_000).toISOString();
    const policies = JSON.stringify([
      { Type: 'Expiration', Version: '1.0', Attributes: { Timestamp: expires } },
      { Type: 'ExpirationNotification', Version: '1.0', Attributes: { Before: '1', Unit: 'Days' } },
      { Type: 'NoChangeNotification', Version: '1.0', Attributes: { After: '12', Unit: 'Hours' } },
    ]);
    await rejects(put({ Name: '/policy/std', Value: 'x', Policies: policies }), 'ValidationException', 400);
    expect(await put({ Name: '/policy/p', Value: 'x', Policies: policies, Tier: 'Intelligent-Tiering' })).toMatchObject({ Tier: 'Advanced' });
    await rejects(put({ Name: '/policy/bad', Value: 'x', Tier: 'Advanced', Policies: '[{"Type":"Explode","Version":"1.0","Attributes":{}}]' }), 'InvalidPolicyTypeException', 400);
    const status = async () => (await ssm.send(new S.DescribeParametersCommand({ ParameterFilters: [{ Key: 'Name', Values: ['/policy/p'] }] })))
      .Parameters![0]?.Policies!.map((p) => `${p.PolicyType}:${p.PolicyStatus}`);
    expect(await status()).toEqual(['Expiration:Pending', 'ExpirationNotification:Pending', 'NoChangeNotification:Pending']);
    await advanceClock(kanri, 'PT13H');
    expect(await status()).toEqual(['Expiration:Pending', 'ExpirationNotification:Pending', 'NoChangeNotification:Finished']);
    await advanceClock(kanri, 'P1DT12H');
    expect(await status()).toEqual(['Expiration:Pending', 'ExpirationNotification:Finished', 'NoChangeNotification:Finished']);
    await advanceClock(kanri, 'P1D');
    await rejects(get('/policy/p'), 'ParameterNotFound', 400);
    const got = await receive(3);
    expect(got.map((e) => e.detail['policy-type'])).toEqual(['NoChangeNotification', 'ExpirationNotification', 'Expiration']);
    expect(got[2]).toMatchObject({ 'detail-type': 'Parameter Store Policy Action', resources: [`arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/policy/p`],
      detail: { 'parameter-name': '/policy/p', 'parameter-type': 'String', 'action-status': 'Finished' } });
  });
});

describe('the AWS CLI', () => {
  it('puts, gets and lists parameters', async () => {
    expect(await awsCli(kanri, ['ssm', 'put-parameter', '--name', '/cli/greeting', '--value', 'hello', '--type', 'String'])).toMatchObject({ Version: 1, Tier: 'Standard' });
    await awsCli(kanri, ['ssm', 'put-parameter', '--name', '/cli/secret', '--value', 'shh', '--type', 'SecureString']);
    expect((await awsCli(kanri, ['ssm', 'get-parameter', '--name', '/cli/secret', '--with-decryption'])).Parameter).toMatchObject({ Name: '/cli/secret', Value: 'shh' });
    const byPath = await awsCli(kanri, ['ssm', 'get-parameters-by-path', '--path', '/cli']);
    expect(byPath.Parameters.map((p: any) => p.Name)).toEqual(['/cli/greeting', '/cli/secret']);
  });
});

describe('a restart', () => {
  it('keeps parameters, versions, labels and pending policies', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'kanri-ssm-'));
    try {
      let k = await startTestKanri(dir);
      let c = new S.SSMClient(sdkConfig(k));
      const clock = await (await fetch(`${k.url}/_kanri/clock`)).json() as { now: string };
      const expires = new Date(Date.parse(clock.now) + 86_400_000).toISOString();
      await c.send(new S.PutParameterCommand({ Name: '/durable/p', Value: 'one', Type: 'SecureString' }));
      await c.send(new S.PutParameterCommand({ Name: '/durable/p', Value: 'two', Overwrite: true }));
      await c.send(new S.LabelParameterVersionCommand({ Name: '/durable/p', ParameterVersion: 1, Labels: ['first'] }));
      await c.send(new S.PutParameterCommand({ Name: '/durable/expiring', Value: 'x', Type: 'String', Tier: 'Advanced',
        Policies: JSON.stringify([{ Type: 'Expiration', Version: '1.0', Attributes: { Timestamp: expires } }]) }));
      await k.stop();
      k = await startTestKanri(dir);
      c = new S.SSMClient(sdkConfig(k));
      // No SSM request yet: the policy timers come back on their own shortly after start.
      await new Promise((r) => setTimeout(r, 900));
      await advanceClock(k, 'P2D');
      await rejects(c.send(new S.GetParameterCommand({ Name: '/durable/expiring' })), 'ParameterNotFound', 400);
      expect((await c.send(new S.GetParameterCommand({ Name: '/durable/p:first', WithDecryption: true }))).Parameter).toMatchObject({ Value: 'one', Version: 1 });
      expect((await c.send(new S.GetParameterCommand({ Name: '/durable/p', WithDecryption: true }))).Parameter!.Value).toBe('two');
      await k.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
