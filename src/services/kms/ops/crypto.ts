// Encrypt, Decrypt, ReEncrypt, GenerateDataKey(+WithoutPlaintext), GenerateRandom; and the
// signing and MAC operations, which a symmetric encryption key cannot do (AWS's answer).
import { notImplemented } from '../../../protocol/errors';
import { randomBytes } from 'node:crypto';
import { AwsError } from '../../../protocol/errors';
import type { RequestContext } from '../../types';
import { decryptBlobUnder, encryptUnder } from '../crypto-core';
import { invalidKeyUsage, unsupported, validation } from '../errors';
import { keyArn } from '../names';
import { findKeyRow } from '../resolve';

type Context = Record<string, string> | undefined;
const ALGORITHM = 'SYMMETRIC_DEFAULT';

function checkAlgorithm(algorithm: string | undefined): void {
  if (algorithm !== undefined && algorithm !== ALGORITHM) {
    throw new AwsError('InvalidKeyUsageException', `Algorithm ${algorithm} is incompatible with key spec ${ALGORITHM}.`);
  }
}

function checkDryRun(dryRun: boolean | undefined): void {
  if (dryRun) throw new AwsError('DryRunOperationException', 'The request would have succeeded, but the DryRun option is set.', 412);
}

function checkRecipient(recipient: unknown): void {
  // Nitro Enclaves attestation has nothing to attest here: the shared honest 501, not a modelled error.
  if (recipient !== undefined) throw notImplemented('kms', 'Recipient (Nitro Enclaves attestation)');
}

function required<T>(value: T | undefined, member: string): T {
  if (value === undefined) throw validation(`1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`);
  return value;
}

export function encrypt(input: { KeyId: string; Plaintext: Buffer; EncryptionContext?: Context; EncryptionAlgorithm?: string; DryRun?: boolean }, ctx: RequestContext) {
  checkAlgorithm(input.EncryptionAlgorithm);
  const sealed = encryptUnder(ctx, input.KeyId, input.Plaintext, input.EncryptionContext, { action: 'Encrypt' });
  checkDryRun(input.DryRun);
  return { CiphertextBlob: sealed.blob, KeyId: keyArn(ctx, sealed.row.keyId), EncryptionAlgorithm: ALGORITHM };
}

export function decrypt(input: { CiphertextBlob?: Buffer; KeyId?: string; EncryptionContext?: Context; EncryptionAlgorithm?: string; DryRun?: boolean; Recipient?: unknown }, ctx: RequestContext) {
  checkAlgorithm(input.EncryptionAlgorithm);
  checkRecipient(input.Recipient);
  const blob = required(input.CiphertextBlob, 'ciphertextBlob');
  const opened = decryptBlobUnder(ctx, blob, input.EncryptionContext, input.KeyId, { action: 'Decrypt' });
  checkDryRun(input.DryRun);
  return { KeyId: keyArn(ctx, opened.row.keyId), Plaintext: opened.plaintext, EncryptionAlgorithm: ALGORITHM, KeyMaterialId: opened.materialId };
}

export function reEncrypt(input: {
  CiphertextBlob?: Buffer; SourceKeyId?: string; SourceEncryptionContext?: Context; SourceEncryptionAlgorithm?: string;
  DestinationKeyId: string; DestinationEncryptionContext?: Context; DestinationEncryptionAlgorithm?: string; DryRun?: boolean;
}, ctx: RequestContext) {
  checkAlgorithm(input.SourceEncryptionAlgorithm);
  checkAlgorithm(input.DestinationEncryptionAlgorithm);
  const blob = required(input.CiphertextBlob, 'ciphertextBlob');
  const opened = decryptBlobUnder(ctx, blob, input.SourceEncryptionContext, input.SourceKeyId, { action: 'ReEncryptFrom' });
  const sealed = encryptUnder(ctx, input.DestinationKeyId, opened.plaintext, input.DestinationEncryptionContext, { action: 'ReEncryptTo' });
  checkDryRun(input.DryRun);
  return {
    CiphertextBlob: sealed.blob, SourceKeyId: keyArn(ctx, opened.row.keyId), KeyId: keyArn(ctx, sealed.row.keyId),
    SourceEncryptionAlgorithm: ALGORITHM, DestinationEncryptionAlgorithm: ALGORITHM,
    SourceKeyMaterialId: opened.materialId, DestinationKeyMaterialId: sealed.materialId,
  };
}

interface DataKeyInput { KeyId: string; KeySpec?: string; NumberOfBytes?: number; EncryptionContext?: Context; DryRun?: boolean; Recipient?: unknown }

function dataKey(input: DataKeyInput, ctx: RequestContext, action: string) {
  if ((input.KeySpec === undefined) === (input.NumberOfBytes === undefined)) throw validation('Please specify either number of bytes or key spec.');
  checkRecipient(input.Recipient);
  const plaintext = randomBytes(input.NumberOfBytes ?? (input.KeySpec === 'AES_128' ? 16 : 32));
  const sealed = encryptUnder(ctx, input.KeyId, plaintext, input.EncryptionContext, { action });
  checkDryRun(input.DryRun);
  return { plaintext, CiphertextBlob: sealed.blob, KeyId: keyArn(ctx, sealed.row.keyId), KeyMaterialId: sealed.materialId };
}

export function generateDataKey(input: DataKeyInput, ctx: RequestContext) {
  const { plaintext, ...out } = dataKey(input, ctx, 'GenerateDataKey');
  return { ...out, Plaintext: plaintext };
}

export function generateDataKeyWithoutPlaintext(input: DataKeyInput, ctx: RequestContext) {
  const { plaintext: _unused, ...out } = dataKey(input, ctx, 'GenerateDataKeyWithoutPlaintext');
  return out;
}

export function generateRandom(input: { NumberOfBytes?: number; CustomKeyStoreId?: string; Recipient?: unknown }) {
  if (input.NumberOfBytes === undefined) throw validation('NumberOfBytes is required.');
  if (input.CustomKeyStoreId !== undefined) throw new AwsError('CustomKeyStoreNotFoundException', `kanri has no custom key stores; ${input.CustomKeyStoreId} does not exist.`);
  checkRecipient(input.Recipient);
  return { Plaintext: randomBytes(input.NumberOfBytes) };
}

/** Sign, Verify, GenerateMac, VerifyMac: every kanri key is a symmetric encryption key. */
export function wrongKeyUsage(operation: string) {
  return (input: { KeyId: string }, ctx: RequestContext) => {
    const row = findKeyRow(ctx, input.KeyId, { aliases: true });
    throw invalidKeyUsage(keyArn(ctx, row.keyId), operation);
  };
}
