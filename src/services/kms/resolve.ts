// Finding the key a request names (key id, key ARN, alias name or alias ARN, as each operation
// allows) and checking that its state and its manager permit the operation, in AWS's words.
import { parseArn } from '../../core/arn';
import { accessDenied, aliasNotFound, disabled, invalidArnRegion, invalidKeyId, keyNotFound, pendingDeletion } from './errors';
import { isDeleted } from './lifecycle';
import { ensureReservedAlias } from './managed';
import { aliasArn, keyArn, type Scope } from './names';
import { findKey, type KeyRow } from './store';
import { findAlias } from './store-links';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type KeyRef = { keyId: string } | { aliasName: string };

function parseRef(scope: Scope, value: string): KeyRef {
  if (value.startsWith('arn:')) {
    const p = parseArn(value);
    if (p?.service === 'kms' && (p.resource.startsWith('key/') || p.resource.startsWith('alias/'))) {
      if (p.region !== scope.region) throw invalidArnRegion(p.region);
      const isAlias = p.resource.startsWith('alias/');
      // kanri does not share keys across accounts
      if (p.account !== scope.accountId) throw isAlias ? aliasNotFound(value) : keyNotFound(value);
      if (isAlias) return { aliasName: p.resource };
      const keyId = p.resource.slice(4);
      if (UUID.test(keyId)) return { keyId: keyId.toLowerCase() };
    }
    throw invalidKeyId(value);
  }
  if (value.startsWith('alias/')) return { aliasName: value };
  if (UUID.test(value)) return { keyId: value.toLowerCase() };
  throw invalidKeyId(value);
}

export interface FindOptions {
  /** Only the cryptographic operations and DescribeKey take an alias. */
  aliases?: boolean;
}

/** The key a KeyId parameter names; NotFoundException when there is none. */
export function findKeyRow(scope: Scope, value: string, opts: FindOptions = {}): KeyRow {
  const ref = parseRef(scope, value);
  let keyId: string;
  if ('aliasName' in ref) {
    if (!opts.aliases) throw invalidKeyId(value);
    const alias = findAlias(scope.platform.storage, scope.accountId, scope.region, ref.aliasName) ?? ensureReservedAlias(scope, ref.aliasName);
    if (!alias) throw aliasNotFound(aliasArn(scope, ref.aliasName));
    keyId = alias.keyId;
  } else {
    keyId = ref.keyId;
  }
  const row = findKey(scope.platform.storage, scope.accountId, scope.region, keyId);
  if (!row || isDeleted(row, scope.now.getTime())) throw keyNotFound(keyArn(scope, keyId));
  return row;
}

/** Cryptographic use (and grants, rotation): the key must be enabled. */
export function requireEnabled(row: KeyRow): void {
  if (row.keyState === 'Disabled') throw disabled(keyArn(row, row.keyId));
  requireNotPendingDeletion(row);
}

/** Management (enable, disable, tags, policy, aliases): any state but pending deletion. */
export function requireNotPendingDeletion(row: KeyRow): void {
  if (row.keyState === 'PendingDeletion') throw pendingDeletion(keyArn(row, row.keyId));
}

/**
 * An AWS managed key's policy lets the account only describe, get, list and revoke grants;
 * everything else is for the service that owns it.
 */
export function requireCustomerManaged(scope: Scope, row: KeyRow, action: string): void {
  if (row.keyManager !== 'AWS') return;
  const principal = scope.principal?.arn ?? `arn:aws:iam::${scope.accountId}:root`;
  throw accessDenied(principal, action, keyArn(row, row.keyId));
}
