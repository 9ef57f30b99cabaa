// CreateAlias, UpdateAlias, DeleteAlias, ListAliases. alias/aws/ belongs to AWS managed keys.
import { AwsError } from '../../../protocol/errors';
import type { RequestContext } from '../../types';
import { aliasNotFound, validation } from '../errors';
import { isReservedAliasName } from '../managed';
import { aliasArn } from '../names';
import { pageOf } from '../paging';
import { findKeyRow, requireCustomerManaged, requireNotPendingDeletion } from '../resolve';
import { deleteAlias as removeAlias, findAlias, insertAlias, listAliases as listAliasRows, retargetAlias } from '../store-links';

function checkAliasName(name: string): void {
  if (!name.startsWith('alias/')) {
    throw validation('Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html');
  }
  if (isReservedAliasName(name)) throw new AwsError('NotAuthorizedException', ''); // AWS sends no message
  if (name.includes(':')) throw validation(`${name} contains invalid characters for an alias`);
}

function targetKey(ctx: RequestContext, targetKeyId: string, action: string) {
  if (targetKeyId.startsWith('alias/') || /^arn:[^:]+:kms:[^:]*:[^:]*:alias\//.test(targetKeyId)) throw validation('Aliases must refer to keys. Not aliases');
  const row = findKeyRow(ctx, targetKeyId);
  requireCustomerManaged(ctx, row, action);
  requireNotPendingDeletion(row);
  return row;
}

export function createAlias(input: { AliasName: string; TargetKeyId: string }, ctx: RequestContext) {
  checkAliasName(input.AliasName);
  if (findAlias(ctx.platform.storage, ctx.accountId, ctx.region, input.AliasName)) {
    throw new AwsError('AlreadyExistsException', `An alias with the name ${aliasArn(ctx, input.AliasName)} already exists`);
  }
  const row = targetKey(ctx, input.TargetKeyId, 'CreateAlias');
  const at = ctx.now.getTime();
  insertAlias(ctx.platform.storage, ctx.accountId, ctx.region, { aliasName: input.AliasName, keyId: row.keyId, createdAt: at, updatedAt: at });
  ctx.touch('AWS::KMS::Alias', aliasArn(ctx, input.AliasName));
  return {};
}

export function updateAlias(input: { AliasName: string; TargetKeyId: string }, ctx: RequestContext) {
  checkAliasName(input.AliasName);
  if (!findAlias(ctx.platform.storage, ctx.accountId, ctx.region, input.AliasName)) throw aliasNotFound(aliasArn(ctx, input.AliasName));
  const row = targetKey(ctx, input.TargetKeyId, 'UpdateAlias');
  retargetAlias(ctx.platform.storage, ctx.accountId, ctx.region, input.AliasName, row.keyId, ctx.now.getTime());
  ctx.touch('AWS::KMS::Alias', aliasArn(ctx, input.AliasName));
  return {};
}

export function deleteAlias(input: { AliasName: string }, ctx: RequestContext) {
  checkAliasName(input.AliasName);
  if (!findAlias(ctx.platform.storage, ctx.accountId, ctx.region, input.AliasName)) throw aliasNotFound(aliasArn(ctx, input.AliasName));
  removeAlias(ctx.platform.storage, ctx.accountId, ctx.region, input.AliasName);
  ctx.touch('AWS::KMS::Alias', aliasArn(ctx, input.AliasName));
  return {};
}

export function listAliases(input: { KeyId?: string; Limit?: number; Marker?: string }, ctx: RequestContext) {
  const keyId = input.KeyId === undefined ? undefined : findKeyRow(ctx, input.KeyId).keyId;
  const page = pageOf(input.Marker, input.Limit, 50,
    (after, n) => listAliasRows(ctx.platform.storage, ctx.accountId, ctx.region, keyId, after, n), (a) => a.aliasName);
  return {
    Aliases: page.items.map((a) => ({
      AliasName: a.aliasName, AliasArn: aliasArn(ctx, a.aliasName), TargetKeyId: a.keyId,
      CreationDate: new Date(a.createdAt), LastUpdatedDate: new Date(a.updatedAt),
    })),
    Truncated: page.Truncated,
    NextMarker: page.NextMarker,
  };
}
