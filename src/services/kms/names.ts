// Who and where a KMS call acts: its scope, the ARNs it names, and the key-change events it writes.
import { arn } from '../../core/arn';
import { configCase } from '../../core/config-case';
import type { Platform } from '../../core/platform';
import type { RequestContext } from '../types';
import type { KeyRow } from './store';

/** A request context, or the same fields when another service or a timer acts. */
export type Scope = Pick<RequestContext, 'platform' | 'accountId' | 'region' | 'now'> & Partial<Pick<RequestContext, 'emit' | 'principal'>>;

export function scopeOf(platform: Platform, accountId: string, region: string): Scope {
  return { platform, accountId, region, now: platform.clock.date() };
}

export function keyArn(scope: Pick<Scope, 'accountId' | 'region'>, keyId: string): string {
  return arn('kms', scope.region, scope.accountId, `key/${keyId}`);
}

export function aliasArn(scope: Pick<Scope, 'accountId' | 'region'>, aliasName: string): string {
  return arn('kms', scope.region, scope.accountId, aliasName);
}

/** Writes the AWS Config change for a key: its description before and after (null on create/delete). */
export function emitKeyChange(scope: Scope, keyId: string, before: KeyRow | null, after: KeyRow | null): void {
  const change = { resourceType: 'AWS::KMS::Key', resourceId: keyId, arn: keyArn(scope, keyId), before: before && keyDescription(before), after: after && keyDescription(after) };
  if (scope.emit) {
    scope.emit(change);
    return;
  }
  scope.platform.outbox.emit({ ...change, accountId: scope.accountId, region: scope.region, service: 'kms', time: scope.now.toISOString() });
}

/** The key as AWS Config records it: KeyMetadata named as Config names it, and its rotation status. */
export function keyDescription(row: KeyRow): Record<string, unknown> {
  const d = configCase(keyMetadata(row)) as Record<string, unknown>;
  d.supplementaryConfiguration = { KeyRotationStatus: row.rotationPeriod !== null };
  return d;
}

/** What DescribeKey says about a key (kanri keys are symmetric, AWS_KMS-origin, single-Region). */
export function keyMetadata(row: KeyRow): Record<string, unknown> {
  return {
    AWSAccountId: row.accountId,
    KeyId: row.keyId,
    Arn: keyArn(row, row.keyId),
    CreationDate: new Date(row.createdAt),
    Enabled: row.keyState === 'Enabled',
    Description: row.description,
    KeyUsage: 'ENCRYPT_DECRYPT',
    KeyState: row.keyState,
    DeletionDate: row.deletionAt === null ? undefined : new Date(row.deletionAt),
    Origin: 'AWS_KMS',
    KeyManager: row.keyManager,
    CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
    KeySpec: 'SYMMETRIC_DEFAULT',
    EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
    MultiRegion: false,
    CurrentKeyMaterialId: row.currentMaterialId,
  };
}
