// KMS through the SDK v3, the AWS CLI and boto3: keys, real AES-GCM crypto, aliases, grants, tags,
// rotation, deletion on the clock and AWS managed keys. Restarts and events: src/services/kms/lifecycle.test.ts.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as K from '@aws-sdk/client-kms';
import { advanceClock, awsCli, boto3, type Kanri, sdkConfig, startTestKanri } from './harness';

const kmsLib = require('../dist/services/kms') as typeof import('../src/services/kms');
let kanri: Kanri;
let kms: K.KMSClient;
const dirs: string[] = [];
beforeAll(async () => { kanri = await startTestKanri(); kms = new K.KMSClient(sdkConfig(kanri)); });
afterAll(async () => { await kanri.stop(); dirs.forEach((d) => rmSync(d, { recursive: true, force: true })); });

/** The call fails with this error code, and this message when one is given. */
async function rejects(p: Promise<unknown>, name: string, message?: string) {
  const err = await p.then(() => { throw new Error(`expected ${name}`); }, (e) => e);
  expect(message === undefined ? err.name : [err.name, err.message]).toEqual(message === undefined ? name : [name, message]);
}
const newKey = async (client = kms, Description = 'test key') => (await client.send(new K.CreateKeyCommand({ Description }))).KeyMetadata!;
const text = (b: Uint8Array | undefined) => Buffer.from(b!).toString();
describe('keys', () => {
  it('creates a symmetric key with AWS metadata and the default policy', async () => {
    const key = await newKey();
    expect(key).toMatchObject({ AWSAccountId: '000000000000', Enabled: true, KeyState: 'Enabled', KeyUsage: 'ENCRYPT_DECRYPT', KeySpec: 'SYMMETRIC_DEFAULT',
      KeyManager: 'CUSTOMER', Origin: 'AWS_KMS', MultiRegion: false, EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'], Description: 'test key',
      Arn: `arn:aws:kms:us-east-1:000000000000:key/${key.KeyId}`, CurrentKeyMaterialId: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const policy = JSON.parse((await kms.send(new K.GetKeyPolicyCommand({ KeyId: key.KeyId, PolicyName: 'default' }))).Policy!);
    expect(policy).toEqual({ Version: '2012-10-17', Id: 'key-default-1', Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::000000000000:root' }, Action: 'kms:*', Resource: '*' }] });
    expect((await kms.send(new K.ListKeyPoliciesCommand({ KeyId: key.KeyId }))).PolicyNames).toEqual(['default']);
    const mine = '{"Version":"2012-10-17","Statement":[]}';
    await kms.send(new K.PutKeyPolicyCommand({ KeyId: key.KeyId!, PolicyName: 'default', Policy: mine }));
    expect((await kms.send(new K.GetKeyPolicyCommand({ KeyId: key.KeyId }))).Policy).toBe('{\n  "Version" : "2012-10-17",\n  "Statement" : [ ]\n}');
    await rejects(kms.send(new K.PutKeyPolicyCommand({ KeyId: key.KeyId!, Policy: '{nope' })), 'MalformedPolicyDocumentException');
  });

  it('refuses asymmetric keys honestly, and says a symmetric key cannot sign', async () => {
    await rejects(kms.send(new K.CreateKeyCommand({ KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' })), 'UnsupportedOperationException',
      'kanri supports only symmetric encryption keys (KeySpec SYMMETRIC_DEFAULT, KeyUsage ENCRYPT_DECRYPT, Origin AWS_KMS); RSA_2048 keys are not available.');
    await rejects(kms.send(new K.CreateKeyCommand({ KeyUsage: 'SIGN_VERIFY' })), 'ValidationException', 'KeyUsage SIGN_VERIFY is not compatible with KeySpec SYMMETRIC_DEFAULT');
    const key = await newKey();
    await rejects(kms.send(new K.SignCommand({ KeyId: key.KeyId, Message: Buffer.from('m'), SigningAlgorithm: 'RSASSA_PSS_SHA_256' })),
      'InvalidKeyUsageException', `${key.Arn} key usage is ENCRYPT_DECRYPT which is not valid for Sign.`);
  });

  it('describes by key id, key ARN, alias name and alias ARN, in AWS words when missing', async () => {
    const key = await newKey();
    await kms.send(new K.CreateAliasCommand({ AliasName: 'alias/describe-me', TargetKeyId: key.KeyId }));
    const ids = [key.KeyId!, key.Arn!, 'alias/describe-me', 'arn:aws:kms:us-east-1:000000000000:alias/describe-me'];
    for (const id of ids) expect((await kms.send(new K.DescribeKeyCommand({ KeyId: id }))).KeyMetadata!.KeyId).toBe(key.KeyId);
    const missing = '00000000-1111-2222-3333-444444444444';
    await rejects(kms.send(new K.DescribeKeyCommand({ KeyId: missing })), 'NotFoundException', `Key 'arn:aws:kms:us-east-1:000000000000:key/${missing}' does not exist`);
    await rejects(kms.send(new K.DescribeKeyCommand({ KeyId: 'fake-key-id' })), 'NotFoundException', "Invalid keyId 'fake-key-id'");
    await rejects(kms.send(new K.DescribeKeyCommand({ KeyId: 'alias/nope' })), 'NotFoundException', 'Alias arn:aws:kms:us-east-1:000000000000:alias/nope is not found.');
    await rejects(kms.send(new K.EnableKeyCommand({ KeyId: 'alias/describe-me' })), 'NotFoundException', "Invalid keyId 'alias/describe-me'");
  });

  it('pages ListKeys with Limit and Marker', async () => {
    const region = new K.KMSClient(sdkConfig(kanri, 'eu-central-1'));
    const made = [await newKey(region), await newKey(region), await newKey(region)].map((k) => k.KeyId).sort();
    const first = await region.send(new K.ListKeysCommand({ Limit: 2 }));
    const second = await region.send(new K.ListKeysCommand({ Limit: 2, Marker: first.NextMarker }));
    expect([first.Truncated, second.Truncated]).toEqual([true, false]);
    expect([...first.Keys!, ...second.Keys!].map((k) => k.KeyId)).toEqual(made);
    expect(first.Keys![0].KeyArn).toBe(`arn:aws:kms:eu-central-1:000000000000:key/${made[0]}`);
    await rejects(region.send(new K.ListKeysCommand({ Marker: 'garbage' })), 'InvalidMarkerException');
  });
});

describe('encryption', () => {
  it('round-trips with the context bound, and Decrypt needs no KeyId', async () => {
    const key = await newKey();
    const context = { tenant: 'blue', purpose: 'test' };
    const out = await kms.send(new K.EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('hello kms'), EncryptionContext: context }));
    expect(out).toMatchObject({ KeyId: key.Arn, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' });
    const back = await kms.send(new K.DecryptCommand({ CiphertextBlob: out.CiphertextBlob, EncryptionContext: { purpose: 'test', tenant: 'blue' } }));
    expect([text(back.Plaintext), back.KeyId, back.KeyMaterialId]).toEqual(['hello kms', key.Arn, key.CurrentKeyMaterialId]);
    const wrong = [undefined, { tenant: 'red', purpose: 'test' }];
    for (const c of wrong) await rejects(kms.send(new K.DecryptCommand({ CiphertextBlob: out.CiphertextBlob, EncryptionContext: c })), 'InvalidCiphertextException');
    const tampered = Buffer.from(out.CiphertextBlob!);
    tampered[tampered.length - 3] ^= 1;
    await rejects(kms.send(new K.DecryptCommand({ CiphertextBlob: tampered, EncryptionContext: context })), 'InvalidCiphertextException');
  });

  it('refuses a ciphertext of key A when key B is named', async () => {
    const [a, b] = [await newKey(), await newKey()];
    const blob = (await kms.send(new K.EncryptCommand({ KeyId: a.KeyId, Plaintext: Buffer.from('for A') }))).CiphertextBlob;
    await rejects(kms.send(new K.DecryptCommand({ CiphertextBlob: blob, KeyId: b.KeyId })), 'IncorrectKeyException', 'The key ID in the request does not identify a CMK that can perform this operation.');
    expect(text((await kms.send(new K.DecryptCommand({ CiphertextBlob: blob, KeyId: a.Arn }))).Plaintext)).toBe('for A');
    const moved = await kms.send(new K.ReEncryptCommand({ CiphertextBlob: blob, DestinationKeyId: b.KeyId }));
    expect([moved.SourceKeyId, moved.KeyId]).toEqual([a.Arn, b.Arn]);
    expect(text((await kms.send(new K.DecryptCommand({ CiphertextBlob: moved.CiphertextBlob, KeyId: b.KeyId }))).Plaintext)).toBe('for A');
  });

  it('disabled keys answer DisabledException until enabled again', async () => {
    const key = await newKey();
    const blob = (await kms.send(new K.EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('x') }))).CiphertextBlob;
    await kms.send(new K.DisableKeyCommand({ KeyId: key.KeyId }));
    expect((await kms.send(new K.DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata).toMatchObject({ Enabled: false, KeyState: 'Disabled' });
    await rejects(kms.send(new K.EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('x') })), 'DisabledException', `${key.Arn} is disabled.`);
    await rejects(kms.send(new K.DecryptCommand({ CiphertextBlob: blob })), 'DisabledException');
    await kms.send(new K.EnableKeyCommand({ KeyId: key.KeyId }));
    expect(text((await kms.send(new K.DecryptCommand({ CiphertextBlob: blob }))).Plaintext)).toBe('x');
  });

  it('GenerateDataKey returns a plaintext that its CiphertextBlob decrypts to; GenerateRandom, 1..1024 bytes', async () => {
    const key = await newKey();
    const dk = await kms.send(new K.GenerateDataKeyCommand({ KeyId: key.KeyId, KeySpec: 'AES_256', EncryptionContext: { k: 'v' } }));
    expect([dk.Plaintext!.length, dk.KeyId]).toEqual([32, key.Arn]);
    const back = await kms.send(new K.DecryptCommand({ CiphertextBlob: dk.CiphertextBlob, EncryptionContext: { k: 'v' } }));
    expect(Buffer.from(back.Plaintext!).equals(Buffer.from(dk.Plaintext!))).toBe(true);
    const bare = await kms.send(new K.GenerateDataKeyWithoutPlaintextCommand({ KeyId: key.KeyId, NumberOfBytes: 64 }));
    expect('Plaintext' in bare).toBe(false);
    expect((await kms.send(new K.DecryptCommand({ CiphertextBlob: bare.CiphertextBlob }))).Plaintext!.length).toBe(64);
    await rejects(kms.send(new K.GenerateDataKeyCommand({ KeyId: key.KeyId })), 'ValidationException', 'Please specify either number of bytes or key spec.');
    for (const n of [1, 44, 1024]) expect((await kms.send(new K.GenerateRandomCommand({ NumberOfBytes: n }))).Plaintext!.length).toBe(n);
    await rejects(kms.send(new K.GenerateRandomCommand({ NumberOfBytes: 1025 })), 'ValidationException',
      "1 validation error detected: Value '1025' at 'numberOfBytes' failed to satisfy constraint: Member must have value less than or equal to 1024");
    await rejects(kms.send(new K.GenerateRandomCommand({})), 'ValidationException', 'NumberOfBytes is required.');
  });

  it('round-trips through the AWS CLI (fileb://) and boto3', async () => {
    const key = await newKey();
    const dir = mkdtempSync(join(tmpdir(), 'kanri-kms-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'plain.bin'), Buffer.from([0, 1, 2, 250, 255]));
    const enc = await awsCli(kanri, ['kms', 'encrypt', '--key-id', key.KeyId!, '--plaintext', `fileb://${join(dir, 'plain.bin')}`]);
    writeFileSync(join(dir, 'blob.bin'), Buffer.from(enc.CiphertextBlob, 'base64'));
    const dec = await awsCli(kanri, ['kms', 'decrypt', '--ciphertext-blob', `fileb://${join(dir, 'blob.bin')}`]);
    expect([Buffer.from(dec.Plaintext, 'base64').equals(readFileSync(join(dir, 'plain.bin'))), dec.KeyId]).toEqual([true, key.Arn]);
    const out = await boto3(kanri, `
import boto3, json, os
kms = boto3.client('kms', endpoint_url=os.environ['KANRI_URL'])
blob = kms.encrypt(KeyId='${key.KeyId}', Plaintext=b'from boto3', EncryptionContext={'a': 'b'})['CiphertextBlob']
print(json.dumps(kms.decrypt(CiphertextBlob=blob, EncryptionContext={'a': 'b'})['Plaintext'].decode()))`);
    expect(out).toBe('from boto3');
  });
});

describe('aliases, grants and tags', () => {
  it('creates, lists, retargets and deletes aliases, with AWS errors', async () => {
    const [a, b] = [await newKey(), await newKey()];
    await kms.send(new K.CreateAliasCommand({ AliasName: 'alias/app', TargetKeyId: a.Arn }));
    await rejects(kms.send(new K.CreateAliasCommand({ AliasName: 'alias/app', TargetKeyId: b.KeyId })), 'AlreadyExistsException', 'An alias with the name arn:aws:kms:us-east-1:000000000000:alias/app already exists');
    await rejects(kms.send(new K.CreateAliasCommand({ AliasName: 'app2', TargetKeyId: a.KeyId })), 'ValidationException', 'Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html');
    await rejects(kms.send(new K.CreateAliasCommand({ AliasName: 'alias/aws/mine', TargetKeyId: a.KeyId })), 'NotAuthorizedException');
    await rejects(kms.send(new K.CreateAliasCommand({ AliasName: 'alias/bad!', TargetKeyId: a.KeyId })), 'ValidationException',
      "1 validation error detected: Value 'alias/bad!' at 'aliasName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$");
    await rejects(kms.send(new K.CreateAliasCommand({ AliasName: 'alias/x', TargetKeyId: 'alias/app' })), 'ValidationException', 'Aliases must refer to keys. Not aliases');
    const ofA = await kms.send(new K.ListAliasesCommand({ KeyId: a.KeyId }));
    expect(ofA.Aliases).toEqual([expect.objectContaining({ AliasName: 'alias/app', AliasArn: 'arn:aws:kms:us-east-1:000000000000:alias/app', TargetKeyId: a.KeyId })]);
    await kms.send(new K.UpdateAliasCommand({ AliasName: 'alias/app', TargetKeyId: b.KeyId }));
    expect((await kms.send(new K.DescribeKeyCommand({ KeyId: 'alias/app' }))).KeyMetadata!.KeyId).toBe(b.KeyId);
    expect((await kms.send(new K.ListAliasesCommand({ KeyId: a.KeyId }))).Aliases).toEqual([]);
    await kms.send(new K.DeleteAliasCommand({ AliasName: 'alias/app' }));
    await rejects(kms.send(new K.DeleteAliasCommand({ AliasName: 'alias/app' })), 'NotFoundException', 'Alias arn:aws:kms:us-east-1:000000000000:alias/app is not found.');
  });

  it('creates, lists, retires and revokes grants', async () => {
    const key = await newKey();
    const [grantee, retiring] = ['arn:aws:iam::000000000000:role/app', 'arn:aws:iam::000000000000:role/ops'];
    const g1 = await kms.send(new K.CreateGrantCommand({ KeyId: key.KeyId, GranteePrincipal: grantee, RetiringPrincipal: retiring, Operations: ['Decrypt', 'Encrypt'], Name: 'g1' }));
    expect(g1.GrantId).toMatch(/^[0-9a-f]{64}$/);
    const again = await kms.send(new K.CreateGrantCommand({ KeyId: key.KeyId, GranteePrincipal: grantee, RetiringPrincipal: retiring, Operations: ['Encrypt', 'Decrypt'], Name: 'g1' }));
    expect(again.GrantId).toBe(g1.GrantId);
    const g2 = await kms.send(new K.CreateGrantCommand({ KeyId: key.Arn, GranteePrincipal: grantee, Operations: ['GenerateDataKey'], Constraints: { EncryptionContextSubset: { app: 'x' } } }));
    const listed = await kms.send(new K.ListGrantsCommand({ KeyId: key.KeyId }));
    expect(listed.Grants!.map((g) => g.GrantId).sort()).toEqual([g1.GrantId, g2.GrantId].sort());
    expect(listed.Grants!.find((g) => g.GrantId === g2.GrantId)).toMatchObject({ KeyId: key.Arn, IssuingAccount: 'arn:aws:iam::000000000000:root', Constraints: { EncryptionContextSubset: { app: 'x' } } });
    expect((await kms.send(new K.ListRetirableGrantsCommand({ RetiringPrincipal: retiring }))).Grants!.map((g) => g.GrantId)).toEqual([g1.GrantId]);
    await kms.send(new K.RetireGrantCommand({ GrantToken: g1.GrantToken }));
    await kms.send(new K.RevokeGrantCommand({ KeyId: key.KeyId, GrantId: g2.GrantId }));
    expect((await kms.send(new K.ListGrantsCommand({ KeyId: key.KeyId }))).Grants).toEqual([]);
    await rejects(kms.send(new K.RevokeGrantCommand({ KeyId: key.KeyId, GrantId: g2.GrantId })), 'InvalidGrantIdException');
  });

  it('tags and untags a key; aws: and duplicate keys are refused', async () => {
    const key = await newKey();
    await kms.send(new K.TagResourceCommand({ KeyId: key.KeyId, Tags: [{ TagKey: 'team', TagValue: 'ops' }, { TagKey: 'env', TagValue: 'dev' }] }));
    await kms.send(new K.TagResourceCommand({ KeyId: key.KeyId, Tags: [{ TagKey: 'env', TagValue: 'prod' }] }));
    expect((await kms.send(new K.ListResourceTagsCommand({ KeyId: key.KeyId }))).Tags).toEqual([{ TagKey: 'env', TagValue: 'prod' }, { TagKey: 'team', TagValue: 'ops' }]);
    await kms.send(new K.UntagResourceCommand({ KeyId: key.KeyId, TagKeys: ['team', 'absent'] }));
    expect((await kms.send(new K.ListResourceTagsCommand({ KeyId: key.KeyId }))).Tags).toEqual([{ TagKey: 'env', TagValue: 'prod' }]);
    await rejects(kms.send(new K.TagResourceCommand({ KeyId: key.KeyId, Tags: [{ TagKey: 'AWS:x', TagValue: '1' }] })), 'TagException', 'Tags beginning with aws: are reserved');
    await rejects(kms.send(new K.TagResourceCommand({ KeyId: key.KeyId, Tags: [{ TagKey: 'a', TagValue: '1' }, { TagKey: 'a', TagValue: '2' }] })), 'TagException', 'Duplicate tag keys');
  });
});

describe('rotation, deletion and AWS managed keys', () => {
  let k2: Kanri; // its own kanri, since these tests move the clock
  beforeAll(async () => { k2 = await startTestKanri(); });
  afterAll(async () => { await k2.stop(); });

  it('rotation keeps old ciphertexts decryptable, on demand and on the clock', async () => {
    const client = new K.KMSClient(sdkConfig(k2));
    const key = await newKey(client);
    const old = (await client.send(new K.EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('v1') }))).CiphertextBlob;
    await client.send(new K.EnableKeyRotationCommand({ KeyId: key.KeyId, RotationPeriodInDays: 90 }));
    expect(await client.send(new K.GetKeyRotationStatusCommand({ KeyId: key.KeyId }))).toMatchObject({ KeyRotationEnabled: true, RotationPeriodInDays: 90 });
    expect((await client.send(new K.RotateKeyOnDemandCommand({ KeyId: key.KeyId }))).KeyId).toBe(key.Arn);
    const materialId = async () => (await client.send(new K.DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata!.CurrentKeyMaterialId;
    const mid = await materialId();
    await advanceClock(k2, 'P91D');
    const now = await materialId();
    expect(new Set([key.CurrentKeyMaterialId, mid, now]).size).toBe(3);
    expect((await client.send(new K.ListKeyRotationsCommand({ KeyId: key.KeyId }))).Rotations!.map((r) => r.RotationType)).toEqual(['ON_DEMAND', 'AUTOMATIC']);
    const back = await client.send(new K.DecryptCommand({ CiphertextBlob: old }));
    expect([text(back.Plaintext), back.KeyMaterialId]).toEqual(['v1', key.CurrentKeyMaterialId]);
    const fresh = await client.send(new K.EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('v3') }));
    expect((await client.send(new K.DecryptCommand({ CiphertextBlob: fresh.CiphertextBlob }))).KeyMaterialId).toBe(now);
  });

  it('schedules deletion, cancels to Disabled, and deletes when the window passes on the clock', async () => {
    const client = new K.KMSClient(sdkConfig(k2, 'ap-south-1'));
    const [key, doomed] = [await newKey(client), await newKey(client)];
    await rejects(client.send(new K.ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 5 })), 'ValidationException',
      "1 validation error detected: Value '5' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value greater than or equal to 7");
    const scheduled = await client.send(new K.ScheduleKeyDeletionCommand({ KeyId: key.KeyId }));
    expect(scheduled).toMatchObject({ KeyId: key.Arn, KeyState: 'PendingDeletion', PendingWindowInDays: 30 });
    expect((await client.send(new K.DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata).toMatchObject({ Enabled: false, KeyState: 'PendingDeletion', DeletionDate: scheduled.DeletionDate });
    await rejects(client.send(new K.EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('x') })), 'KMSInvalidStateException', `${key.Arn} is pending deletion.`);
    expect((await client.send(new K.CancelKeyDeletionCommand({ KeyId: key.KeyId }))).KeyId).toBe(key.Arn);
    expect((await client.send(new K.DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata).toMatchObject({ Enabled: false, KeyState: 'Disabled' });
    await rejects(client.send(new K.CancelKeyDeletionCommand({ KeyId: key.KeyId })), 'KMSInvalidStateException');
    await client.send(new K.ScheduleKeyDeletionCommand({ KeyId: doomed.KeyId, PendingWindowInDays: 7 }));
    await advanceClock(k2, 'P31D');
    await rejects(client.send(new K.DescribeKeyCommand({ KeyId: doomed.KeyId })), 'NotFoundException', `Key '${doomed.Arn}' does not exist`);
    expect((await client.send(new K.ListKeysCommand({}))).Keys!.map((k) => k.KeyId)).toEqual([key.KeyId]);
  });

  it('creates alias/aws/* keys on first use and keeps them out of the account\'s hands', async () => {
    const described = (await kms.send(new K.DescribeKeyCommand({ KeyId: 'alias/aws/ssm' }))).KeyMetadata!;
    expect(described).toMatchObject({ KeyManager: 'AWS', Description: 'Default key that protects my SSM parameters when no other key is defined' });
    expect(kmsLib.awsManagedKey(kanri.platform, '000000000000', 'us-east-1', 'ssm')).toEqual({ keyId: described.KeyId, arn: described.Arn, aliasName: 'alias/aws/ssm' });
    await rejects(kms.send(new K.ScheduleKeyDeletionCommand({ KeyId: described.KeyId })), 'AccessDeniedException',
      `User: arn:aws:iam::000000000000:root is not authorized to perform: kms:ScheduleKeyDeletion on resource: ${described.Arn} because no resource-based policy allows the kms:ScheduleKeyDeletion action`);
    await rejects(kms.send(new K.DeleteAliasCommand({ AliasName: 'alias/aws/ssm' })), 'NotAuthorizedException');
    // A service may use its key; the account may not use it directly (kms:ViaService in its policy).
    const sealed = kmsLib.encryptWithKey(kanri.platform, '000000000000', 'us-east-1', 'alias/aws/ssm', Buffer.from('secure string'), { PARAMETER_ARN: 'p' });
    await rejects(kms.send(new K.DecryptCommand({ CiphertextBlob: sealed.ciphertextBlob, EncryptionContext: { PARAMETER_ARN: 'p' } })), 'AccessDeniedException');
    expect((await kms.send(new K.GetKeyRotationStatusCommand({ KeyId: described.KeyId }))).KeyRotationEnabled).toBe(true);
  });
});
