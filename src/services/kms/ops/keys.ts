// CreateKey, DescribeKey, ListKeys, EnableKey, DisableKey, UpdateKeyDescription,
// ScheduleKeyDeletion and CancelKeyDeletion.
import { AwsError } from '../../../protocol/errors';
import type { RequestContext } from '../../types';
import { invalidState, unsupported, validation } from '../errors';
import { createKey, DAY_MS, saveKey } from '../lifecycle';
import { keyArn, keyMetadata } from '../names';
import { pageOf } from '../paging';
import { defaultKeyPolicy, normalizePolicy } from '../policy';
import { findKeyRow, requireCustomerManaged, requireNotPendingDeletion } from '../resolve';
import { listKeyIds, type KeyState } from '../store';
import { addTags, type TagInput } from './tags';

const ONLY_SYMMETRIC = 'kanri supports only symmetric encryption keys (KeySpec SYMMETRIC_DEFAULT, KeyUsage ENCRYPT_DECRYPT, Origin AWS_KMS)';

interface CreateKeyInput {
  Description?: string; KeySpec?: string; CustomerMasterKeySpec?: string; KeyUsage?: string; Origin?: string; Policy?: string;
  Tags?: TagInput[]; MultiRegion?: boolean; CustomKeyStoreId?: string; XksKeyId?: string;
}

export function createKeyOp(input: CreateKeyInput, ctx: RequestContext) {
  if (input.KeySpec && input.CustomerMasterKeySpec) throw validation('You cannot specify KeySpec and CustomerMasterKeySpec in the same request.');
  const spec = input.KeySpec ?? input.CustomerMasterKeySpec ?? 'SYMMETRIC_DEFAULT';
  if (spec !== 'SYMMETRIC_DEFAULT') throw unsupported(`${ONLY_SYMMETRIC}; ${spec} keys are not available.`);
  const usage = input.KeyUsage ?? 'ENCRYPT_DECRYPT';
  if (usage !== 'ENCRYPT_DECRYPT') throw validation(`KeyUsage ${usage} is not compatible with KeySpec SYMMETRIC_DEFAULT`);
  const origin = input.Origin ?? 'AWS_KMS';
  if (origin !== 'AWS_KMS') throw unsupported(`${ONLY_SYMMETRIC}; Origin ${origin} is not available.`);
  if (input.MultiRegion) throw unsupported('kanri does not support multi-Region keys.');
  if (input.CustomKeyStoreId !== undefined || input.XksKeyId !== undefined) {
    throw new AwsError('CustomKeyStoreNotFoundException', `kanri has no custom key stores; ${input.CustomKeyStoreId ?? input.XksKeyId} does not exist.`);
  }
  const policy = input.Policy === undefined ? defaultKeyPolicy(ctx.accountId, ctx.region) : normalizePolicy(input.Policy);
  const row = createKey(ctx, {
    description: input.Description ?? '',
    policy,
    keyManager: 'CUSTOMER',
  });
  if (input.Tags?.length) addTags(ctx, row, input.Tags);
  return { KeyMetadata: keyMetadata(row) };
}

export function describeKey(input: { KeyId: string }, ctx: RequestContext) {
  return { KeyMetadata: keyMetadata(findKeyRow(ctx, input.KeyId, { aliases: true })) };
}

export function listKeys(input: { Limit?: number; Marker?: string }, ctx: RequestContext) {
  const page = pageOf(input.Marker, input.Limit, 100, (after, n) => listKeyIds(ctx.platform.storage, ctx.accountId, ctx.region, after, n), (id) => id);
  return { Keys: page.items.map((id) => ({ KeyId: id, KeyArn: keyArn(ctx, id) })), Truncated: page.Truncated, NextMarker: page.NextMarker };
}

/** The management operations: a customer managed key in any state but pending deletion. */
function manageable(ctx: RequestContext, keyId: string, action: string) {
  const row = findKeyRow(ctx, keyId);
  requireCustomerManaged(ctx, row, action);
  requireNotPendingDeletion(row);
  return row;
}

function setState(ctx: RequestContext, keyId: string, action: string, keyState: KeyState): void {
  const row = manageable(ctx, keyId, action);
  saveKey(ctx, row, { ...row, keyState });
}

export function enableKey(input: { KeyId: string }, ctx: RequestContext) {
  setState(ctx, input.KeyId, 'EnableKey', 'Enabled');
  return {};
}

export function disableKey(input: { KeyId: string }, ctx: RequestContext) {
  setState(ctx, input.KeyId, 'DisableKey', 'Disabled');
  return {};
}

export function updateKeyDescription(input: { KeyId: string; Description: string }, ctx: RequestContext) {
  const row = manageable(ctx, input.KeyId, 'UpdateKeyDescription');
  saveKey(ctx, row, { ...row, description: input.Description });
  return {};
}

export function scheduleKeyDeletion(input: { KeyId: string; PendingWindowInDays?: number }, ctx: RequestContext) {
  const days = input.PendingWindowInDays ?? 30;
  if (days < 7 || days > 30) {
    const bound = days < 7 ? 'greater than or equal to 7' : 'less than or equal to 30';
    throw validation(`1 validation error detected: Value '${days}' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value ${bound}`);
  }
  const row = manageable(ctx, input.KeyId, 'ScheduleKeyDeletion');
  const deletionAt = ctx.now.getTime() + days * DAY_MS;
  saveKey(ctx, row, { ...row, keyState: 'PendingDeletion', deletionAt });
  return { KeyId: keyArn(ctx, row.keyId), DeletionDate: new Date(deletionAt), KeyState: 'PendingDeletion', PendingWindowInDays: days };
}

/** A cancelled deletion leaves the key disabled, as AWS does. */
export function cancelKeyDeletion(input: { KeyId: string }, ctx: RequestContext) {
  const row = findKeyRow(ctx, input.KeyId);
  requireCustomerManaged(ctx, row, 'CancelKeyDeletion');
  if (row.keyState !== 'PendingDeletion') throw invalidState(`${keyArn(ctx, row.keyId)} is not pending deletion.`);
  saveKey(ctx, row, { ...row, keyState: 'Disabled', deletionAt: null });
  return { KeyId: keyArn(ctx, row.keyId) };
}
