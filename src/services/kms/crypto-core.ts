// Encrypt and decrypt under a key, shared by the API handlers and by other services (SSM
// SecureString, S3 SSE-KMS...), which act "via service" and so may use AWS managed keys.
import type { Platform } from '../../core/platform';
import { open, readHeader, seal } from './envelope';
import { incorrectKey, invalidCiphertext, keyNotFound } from './errors';
import { isDeleted } from './lifecycle';
import { keyArn, scopeOf, type Scope } from './names';
import { findKeyRow, requireCustomerManaged, requireEnabled } from './resolve';
import { findKey, findMaterial, type KeyRow } from './store';

export interface UseOptions {
  /** The IAM action a key policy would check (Encrypt, ReEncryptTo, GenerateDataKey...). */
  action: string;
  /** Another kanri service acts for the caller, as kms:ViaService allows on AWS managed keys. */
  viaService?: boolean;
}

export interface Sealed { blob: Buffer; row: KeyRow; materialId: string }

export function encryptUnder(scope: Scope, keyRef: string, plaintext: Buffer, context: Record<string, string> | undefined, opts: UseOptions): Sealed {
  const row = findKeyRow(scope, keyRef, { aliases: true });
  if (!opts.viaService) requireCustomerManaged(scope, row, opts.action);
  requireEnabled(row);
  const material = findMaterial(scope.platform.storage, row.accountId, row.region, row.keyId, row.currentVersion)!;
  return { blob: seal({ keyId: row.keyId, version: row.currentVersion }, material.material, plaintext, context), row, materialId: material.materialId };
}

export interface Opened { plaintext: Buffer; row: KeyRow; materialId: string }

/** The blob names its key; a KeyId given too must be that key (IncorrectKeyException otherwise). */
export function decryptBlobUnder(scope: Scope, blob: Buffer, context: Record<string, string> | undefined, keyRef: string | undefined, opts: UseOptions): Opened {
  const header = readHeader(blob);
  if (keyRef !== undefined) {
    const given = findKeyRow(scope, keyRef, { aliases: true });
    if (header && header.keyId !== given.keyId) throw incorrectKey();
  }
  if (!header) throw invalidCiphertext();
  const row = findKey(scope.platform.storage, scope.accountId, scope.region, header.keyId);
  if (!row || isDeleted(row, scope.now.getTime())) throw keyNotFound(keyArn(scope, header.keyId));
  if (!opts.viaService) requireCustomerManaged(scope, row, opts.action);
  requireEnabled(row);
  const material = findMaterial(scope.platform.storage, row.accountId, row.region, row.keyId, header.version);
  const plaintext = material && open(blob, material.material, context);
  if (!plaintext) throw invalidCiphertext();
  return { plaintext, row, materialId: material!.materialId };
}

/** For other services: encrypts under a key id, key ARN, alias name or alias ARN of the account. */
export function encryptWithKey(platform: Platform, accountId: string, region: string, keyIdOrAlias: string, plaintext: Buffer,
  context?: Record<string, string>): { ciphertextBlob: Buffer; keyArn: string } {
  platform.service('kms');
  const scope = scopeOf(platform, accountId, region);
  const sealed = platform.storage.transaction(() => encryptUnder(scope, keyIdOrAlias, plaintext, context, { action: 'Encrypt', viaService: true }));
  return { ciphertextBlob: sealed.blob, keyArn: keyArn(scope, sealed.row.keyId) };
}

/** For other services: decrypts a blob from encryptWithKey (or from the KMS API). Throws KMS's errors. */
export function decryptBlob(platform: Platform, accountId: string, region: string, blob: Buffer,
  context?: Record<string, string>, keyIdOrAlias?: string): { plaintext: Buffer; keyArn: string } {
  platform.service('kms');
  const scope = scopeOf(platform, accountId, region);
  const opened = platform.storage.transaction(() => decryptBlobUnder(scope, blob, context, keyIdOrAlias, { action: 'Decrypt', viaService: true }));
  return { plaintext: opened.plaintext, keyArn: keyArn(scope, opened.row.keyId) };
}
