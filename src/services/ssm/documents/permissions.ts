// ModifyDocumentPermission and DescribeDocumentPermission: sharing a document with other kanri
// accounts (or with everyone, "All"), optionally at one version, as AWS allows.
import { AwsError } from '../../../protocol/errors';
import type { RequestContext } from '../../types';
import { validation } from '../errors';
import { settingValue } from '../settings';
import { findDocument, share, sharesOf, unshare } from '../store-documents';
import { noSuchDocument } from './resolve';

const MAX_SHARES = 1000;

function checkType(type: string): void {
  if (type !== 'Share') throw new AwsError('InvalidPermissionType', `Value '${type}' at 'permissionType' failed to satisfy constraint: Member must satisfy enum value set: [Share].`);
}

function ownDoc(ctx: RequestContext, name: string) {
  const doc = findDocument(ctx.platform.storage, ctx, name);
  if (!doc) throw noSuchDocument();
  return doc;
}

export function modifyDocumentPermission(input: { Name: string; PermissionType: string; AccountIdsToAdd?: string[]; AccountIdsToRemove?: string[]; SharedDocumentVersion?: string }, ctx: RequestContext) {
  checkType(input.PermissionType);
  const storage = ctx.platform.storage;
  const doc = ownDoc(ctx, input.Name);
  const add = (input.AccountIdsToAdd ?? []).map((a) => (a.toLowerCase() === 'all' ? 'all' : a));
  const remove = (input.AccountIdsToRemove ?? []).map((a) => (a.toLowerCase() === 'all' ? 'all' : a));
  for (const a of [...add, ...remove]) if (a !== 'all' && !/^\d{12}$/.test(a)) throw validation(`Account ID ${a} is not valid. Account IDs have 12 digits, or use All to share publicly.`);
  if (add.includes('all') && settingValue(storage, ctx, '/ssm/documents/console/public-sharing-permission') === 'Disable') {
    throw validation('Public sharing of documents is turned off for this account and Region (service setting /ssm/documents/console/public-sharing-permission is Disable).');
  }
  if (add.includes('all') && add.length > 1) throw new AwsError('DocumentLimitExceeded', 'Accounts can be either all or a group of AWS accounts.');
  const version = input.SharedDocumentVersion ?? '$DEFAULT';
  for (const a of remove) unshare(storage, ctx, doc.name, a);
  for (const a of add) if (a !== ctx.accountId) share(storage, ctx, doc.name, a, version);
  if (sharesOf(storage, ctx, doc.name).length > MAX_SHARES) throw new AwsError('DocumentPermissionLimit', 'The document cannot be shared with more than 1000 accounts.');
  return {};
}

export function describeDocumentPermission(input: { Name: string; PermissionType: string }, ctx: RequestContext) {
  checkType(input.PermissionType);
  const doc = ownDoc(ctx, input.Name);
  const shares = sharesOf(ctx.platform.storage, ctx, doc.name);
  const label = (a: string) => (a === 'all' ? 'all' : a);
  return {
    AccountIds: shares.map((s) => label(s.sharedWith)),
    AccountSharingInfoList: shares.map((s) => ({ AccountId: label(s.sharedWith), SharedDocumentVersion: s.sharedVersion ?? '$DEFAULT' })),
  };
}
