// SSM documents through the SDK v3: create, validate, version, convert JSON/YAML, list, share
// across accounts, delete; the AWS-owned documents; Config change events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as S from '@aws-sdk/client-ssm';
import { rejects, sdkConfig, startTestKanri, TEST_CREDENTIALS, type Kanri } from './harness';

let kanri: Kanri;
let ssm: S.SSMClient;
let other: S.SSMClient;
const ACCOUNT = '000000000000';
const OTHER = '222233334444';

beforeAll(async () => {
  kanri = await startTestKanri();
  ssm = new S.SSMClient(sdkConfig(kanri));
  other = new S.SSMClient(sdkConfig(kanri, 'us-east-1', { accessKeyId: OTHER, secretAccessKey: TEST_CREDENTIALS.secretAccessKey }));
});
afterAll(async () => { await kanri.stop(); });

const COMMAND = {
  schemaVersion: '2.2',
  description: 'Says hello',
  parameters: { greeting: { type: 'String', default: 'hello', description: 'What to say' } },
  mainSteps: [{ action: 'aws:runShellScript', name: 'sayHello', inputs: { runCommand: ['echo {{ greeting }}'] } }],
};
const YAML = `schemaVersion: '0.3'
description: Restarts an instance
assumeRole: '{{ AutomationAssumeRole }}'
parameters:
  InstanceId:
    type: String
  AutomationAssumeRole:
    type: String
    default: ''
mainSteps:
  - name: stop
    action: aws:changeInstanceState
    inputs:
      InstanceIds:
        - '{{ InstanceId }}'
      DesiredState: stopped
`;

describe('documents', () => {
  it('creates a Command document with its description, hash and parameters', async () => {
    const content = JSON.stringify(COMMAND);
    const out = (await ssm.send(new S.CreateDocumentCommand({ Name: 'Hello-Command', Content: content, DocumentType: 'Command', Tags: [{ Key: 'team', Value: 'ops' }] }))).DocumentDescription!;
    expect(out).toMatchObject({
      Name: 'Hello-Command', Owner: ACCOUNT, Status: 'Creating', DocumentVersion: '1', LatestVersion: '1', DefaultVersion: '1', DocumentType: 'Command',
      SchemaVersion: '2.2', DocumentFormat: 'JSON', HashType: 'Sha256', Description: 'Says hello', PlatformTypes: ['Linux', 'MacOS'],
      Parameters: [{ Name: 'greeting', Type: 'String', DefaultValue: 'hello', Description: 'What to say' }], Tags: [{ Key: 'team', Value: 'ops' }],
    });
    expect(out.Hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await ssm.send(new S.DescribeDocumentCommand({ Name: 'Hello-Command' }))).Document).toMatchObject({ Status: 'Active', Hash: out.Hash });
    await rejects(ssm.send(new S.CreateDocumentCommand({ Name: 'Hello-Command', Content: content })), 'DocumentAlreadyExists', 400);
    await rejects(ssm.send(new S.CreateDocumentCommand({ Name: 'AWS-Mine', Content: content })), 'ValidationException', 400);
  });

  it('validates content as SSM does', async () => {
    const create = (Content: string, DocumentType: S.DocumentType = 'Command', DocumentFormat: S.DocumentFormat = 'JSON') =>
      ssm.send(new S.CreateDocumentCommand({ Name: `bad-${Math.random().toString(36).slice(2, 8)}`, Content, DocumentType, DocumentFormat }));
    await rejects(create('{not json'), 'InvalidDocumentContent', 400);
    await rejects(create(JSON.stringify({ schemaVersion: '2.2' })), 'InvalidDocumentContent', 400,
      'mainSteps is required for schema version 2.2 documents and must list at least one step.');
    await rejects(create(JSON.stringify({ ...COMMAND, mainSteps: [{ action: 'aws:teleport', name: 'go', inputs: {} }] })), 'InvalidDocumentContent', 400,
      'Action aws:teleport in step go is not supported for Command documents of schema version 2.2.');
    await rejects(create(JSON.stringify({ ...COMMAND, parameters: { greeting: { type: 'Float' } } })), 'InvalidDocumentContent', 400);
    await rejects(create(JSON.stringify({ ...COMMAND, parameters: {} })), 'InvalidDocumentContent', 400,
      'Parameter "greeting" is used in the document but not declared in parameters.');
    await rejects(create(JSON.stringify({ ...COMMAND, schemaVersion: '0.3' })), 'InvalidDocumentSchemaVersion', 400);
    await rejects(create(JSON.stringify({ ...COMMAND, mainSteps: [COMMAND.mainSteps[0], COMMAND.mainSteps[0]] })), 'InvalidDocumentContent', 400);
    await rejects(create('schemaVersion: "0.3"\nmainSteps:\n  - name: x\n    action: aws:nope\n', 'Automation', 'YAML'), 'InvalidDocumentContent', 400);
    await rejects(create('{"schemaVersion":"1.0","sessionType":"Telepathy"}', 'Session'), 'InvalidDocumentContent', 400);
  });

  it('versions a document, sets the default and keeps version names unique', async () => {
    const v2 = { ...COMMAND, description: 'Says hello, v2' };
    const up = (await ssm.send(new S.UpdateDocumentCommand({ Name: 'Hello-Command', Content: JSON.stringify(v2), DocumentVersion: '$LATEST', VersionName: 'two' }))).DocumentDescription!;
    expect(up).toMatchObject({ DocumentVersion: '2', LatestVersion: '2', DefaultVersion: '1', VersionName: 'two' });
    await rejects(ssm.send(new S.UpdateDocumentCommand({ Name: 'Hello-Command', Content: JSON.stringify(v2) })), 'DuplicateDocumentContent', 400);
    await rejects(ssm.send(new S.UpdateDocumentCommand({ Name: 'Hello-Command', Content: JSON.stringify({ ...v2, description: 'x' }), VersionName: 'two' })), 'DuplicateDocumentVersionName', 400);
    await rejects(ssm.send(new S.UpdateDocumentCommand({ Name: 'Hello-Command', Content: JSON.stringify({ ...v2, description: 'y' }), DocumentVersion: '1' })), 'InvalidDocumentVersion', 400);
    expect((await ssm.send(new S.GetDocumentCommand({ Name: 'Hello-Command' }))).DocumentVersion).toBe('1');
    expect((await ssm.send(new S.GetDocumentCommand({ Name: 'Hello-Command', VersionName: 'two' }))).DocumentVersion).toBe('2');
    expect(await ssm.send(new S.UpdateDocumentDefaultVersionCommand({ Name: 'Hello-Command', DocumentVersion: '2' })))
      .toMatchObject({ Description: { Name: 'Hello-Command', DefaultVersion: '2', DefaultVersionName: 'two' } });
    const versions = (await ssm.send(new S.ListDocumentVersionsCommand({ Name: 'Hello-Command' }))).DocumentVersions!;
    expect(versions.map((v) => [v.DocumentVersion, v.IsDefaultVersion])).toEqual([['1', false], ['2', true]]);
    await rejects(ssm.send(new S.GetDocumentCommand({ Name: 'Hello-Command', DocumentVersion: '9' })), 'InvalidDocumentVersion', 400);
    await rejects(ssm.send(new S.DeleteDocumentCommand({ Name: 'Hello-Command', DocumentVersion: '2' })), 'InvalidDocumentOperation', 400);
  });

  it('stores YAML and converts between YAML and JSON on GetDocument', async () => {
    const created = (await ssm.send(new S.CreateDocumentCommand({ Name: 'Restart-It', Content: YAML, DocumentType: 'Automation', DocumentFormat: 'YAML' }))).DocumentDescription!;
    expect(created).toMatchObject({ SchemaVersion: '0.3', DocumentFormat: 'YAML', DocumentType: 'Automation' });
    expect((await ssm.send(new S.GetDocumentCommand({ Name: 'Restart-It' }))).Content).toBe(YAML);
    const json = JSON.parse((await ssm.send(new S.GetDocumentCommand({ Name: 'Restart-It', DocumentFormat: 'JSON' }))).Content!);
    expect(json.mainSteps[0]).toEqual({ name: 'stop', action: 'aws:changeInstanceState', inputs: { InstanceIds: ['{{ InstanceId }}'], DesiredState: 'stopped' } });
    const yaml = (await ssm.send(new S.GetDocumentCommand({ Name: 'Hello-Command', DocumentFormat: 'YAML' }))).Content!;
    expect(yaml).toContain('schemaVersion: "2.2"');
    expect(yaml).toContain('  - action: aws:runShellScript');
  });

  it('serves the AWS-owned documents to every account', async () => {
    const doc = await other.send(new S.GetDocumentCommand({ Name: 'AWS-RunShellScript' }));
    expect(doc).toMatchObject({ Name: 'AWS-RunShellScript', DocumentType: 'Command', DocumentFormat: 'JSON', DocumentVersion: '1' });
    expect(JSON.parse(doc.Content!).runtimeConfig['aws:runShellScript']).toBeTruthy();
    const described = (await ssm.send(new S.DescribeDocumentCommand({ Name: 'AWS-RunShellScript' }))).Document!;
    expect(described).toMatchObject({ Owner: 'Amazon', SchemaVersion: '1.2', PlatformTypes: ['Linux', 'MacOS'] });
    expect(described.Parameters!.map((p) => p.Name)).toEqual(['commands', 'workingDirectory', 'executionTimeout']);
    const amazon: string[] = [];
    for await (const page of S.paginateListDocuments({ client: ssm, pageSize: 5 }, { Filters: [{ Key: 'Owner', Values: ['Amazon'] }] })) amazon.push(...page.DocumentIdentifiers!.map((d) => d.Name!));
    expect(amazon).toEqual(expect.arrayContaining(['AWS-RunPatchBaseline', 'AWS-RestartEC2Instance', 'AWS-GatherSoftwareInventory', 'SSM-SessionManagerRunShell']));
    expect(amazon).not.toContain('Hello-Command');
    const automation = (await ssm.send(new S.ListDocumentsCommand({ Filters: [{ Key: 'Owner', Values: ['Amazon'] }, { Key: 'DocumentType', Values: ['Automation'] }, { Key: 'Name', Values: ['AWS-St'] }] })))
      .DocumentIdentifiers!.map((d) => d.Name);
    expect(automation).toEqual(['AWS-StartEC2Instance', 'AWS-StopEC2Instance']);
    await rejects(ssm.send(new S.DeleteDocumentCommand({ Name: 'AWS-RunShellScript' })), 'InvalidDocumentOperation', 400);
  });

  it('lists own documents by owner and tag', async () => {
    const mine = (await ssm.send(new S.ListDocumentsCommand({ Filters: [{ Key: 'Owner', Values: ['Self'] }] }))).DocumentIdentifiers!;
    expect(mine.map((d) => d.Name)).toEqual(['Hello-Command', 'Restart-It']);
    expect(mine[0]).toMatchObject({ Owner: ACCOUNT, DocumentVersion: '2', SchemaVersion: '2.2', Tags: [{ Key: 'team', Value: 'ops' }] });
    expect((await ssm.send(new S.ListDocumentsCommand({ Filters: [{ Key: 'tag:team', Values: ['ops'] }] }))).DocumentIdentifiers!.map((d) => d.Name)).toEqual(['Hello-Command']);
    await ssm.send(new S.AddTagsToResourceCommand({ ResourceType: 'Document', ResourceId: 'Restart-It', Tags: [{ Key: 'team', Value: 'dev' }] }));
    expect((await ssm.send(new S.ListTagsForResourceCommand({ ResourceType: 'Document', ResourceId: 'Restart-It' }))).TagList).toEqual([{ Key: 'team', Value: 'dev' }]);
  });

  it('shares a document with another account, which reads it by ARN', async () => {
    const arn = `arn:aws:ssm:us-east-1:${ACCOUNT}:document/Hello-Command`;
    await rejects(other.send(new S.GetDocumentCommand({ Name: arn })), 'InvalidDocument', 400, 'The specified document does not exist.');
    await ssm.send(new S.ModifyDocumentPermissionCommand({ Name: 'Hello-Command', PermissionType: 'Share', AccountIdsToAdd: [OTHER], SharedDocumentVersion: '$DEFAULT' }));
    expect(await ssm.send(new S.DescribeDocumentPermissionCommand({ Name: 'Hello-Command', PermissionType: 'Share' })))
      .toMatchObject({ AccountIds: [OTHER], AccountSharingInfoList: [{ AccountId: OTHER, SharedDocumentVersion: '$DEFAULT' }] });
    expect((await other.send(new S.GetDocumentCommand({ Name: arn }))).Name).toBe('Hello-Command');
    const shared = (await other.send(new S.ListDocumentsCommand({ Filters: [{ Key: 'Owner', Values: ['Private'] }] }))).DocumentIdentifiers!;
    expect(shared.map((d) => [d.Name, d.Owner])).toEqual([['Hello-Command', ACCOUNT]]);
    await rejects(ssm.send(new S.DeleteDocumentCommand({ Name: 'Hello-Command' })), 'InvalidDocumentOperation', 400);
    // Shared at $DEFAULT (version 2): the other account sees that version and no other, until $ALL.
    await rejects(other.send(new S.GetDocumentCommand({ Name: arn, DocumentVersion: '1' })), 'InvalidDocumentVersion', 400);
    await ssm.send(new S.ModifyDocumentPermissionCommand({ Name: 'Hello-Command', PermissionType: 'Share', AccountIdsToAdd: [OTHER], SharedDocumentVersion: '$ALL' }));
    expect((await other.send(new S.GetDocumentCommand({ Name: arn, DocumentVersion: '1' }))).DocumentVersion).toBe('1');
    await ssm.send(new S.ModifyDocumentPermissionCommand({ Name: 'Hello-Command', PermissionType: 'Share', AccountIdsToRemove: [OTHER] }));
    await rejects(other.send(new S.GetDocumentCommand({ Name: arn })), 'InvalidDocument', 400);
    await ssm.send(new S.UpdateServiceSettingCommand({ SettingId: '/ssm/documents/console/public-sharing-permission', SettingValue: 'Disable' }));
    await rejects(ssm.send(new S.ModifyDocumentPermissionCommand({ Name: 'Hello-Command', PermissionType: 'Share', AccountIdsToAdd: ['All'] })), 'ValidationException', 400);
    await ssm.send(new S.DeleteDocumentCommand({ Name: 'Hello-Command' }));
    await rejects(ssm.send(new S.DescribeDocumentCommand({ Name: 'Hello-Command' })), 'InvalidDocument', 400);
  });
});
