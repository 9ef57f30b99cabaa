// Access keys: CreateAccessKey (two per user), ListAccessKeys, UpdateAccessKey, DeleteAccessKey,
// GetAccessKeyLastUsed. A key issued here signs requests as its user (see resolveAccessKey in index.ts).
import { AwsError } from '../../../protocol/errors';
import { secretKey, upperId } from '../../../core/ids';
import type { RequestContext } from '../../types';
import { targetUser } from '../entities';
import { limitExceeded, notFound, validationError } from '../errors';
import { pageOfList, type PageInput } from '../paging';
import type { EntityRow } from '../store';
import { entityById } from '../store';
import { accessKey, deleteAccessKey as deleteKeyRow, insertAccessKey, keysOfUser, setKeyStatus, type AccessKeyRow } from '../store-keys';

const KEYS_PER_USER = 2;

function metadata(user: EntityRow, k: AccessKeyRow) {
  return { UserName: user.name, AccessKeyId: k.accessKeyId, Status: k.status, CreateDate: new Date(k.createDate) };
}

/** The key, if it belongs to the user the call is about. */
function requireKey(ctx: RequestContext, accessKeyId: string, userName: string | undefined): { user: EntityRow; key: AccessKeyRow } {
  const user = targetUser(ctx, userName);
  const key = accessKey(ctx.platform.storage, accessKeyId);
  if (!key || key.userId !== user.id) throw notFound.accessKey(accessKeyId);
  return { user, key };
}

export function createAccessKey(input: { UserName?: string }, ctx: RequestContext) {
  const storage = ctx.platform.storage;
  const user = targetUser(ctx, input.UserName);
  if (keysOfUser(storage, user.id).length >= KEYS_PER_USER) throw limitExceeded(`Cannot exceed quota for AccessKeysPerUser: ${KEYS_PER_USER}`);
  const key: AccessKeyRow = {
    accessKeyId: upperId('AKIA', 20), accountId: ctx.accountId, userId: user.id, secretAccessKey: secretKey(), status: 'Active', createDate: ctx.now.toISOString(),
  };
  insertAccessKey(storage, key);
  return { AccessKey: { ...metadata(user, key), SecretAccessKey: key.secretAccessKey } };
}

export function listAccessKeys(input: PageInput & { UserName?: string }, ctx: RequestContext) {
  if (input.UserName === undefined && ctx.principal.type === 'Root') return { AccessKeyMetadata: [], IsTruncated: false };
  const user = targetUser(ctx, input.UserName);
  const page = pageOfList(input, keysOfUser(ctx.platform.storage, user.id), (k) => k.accessKeyId);
  return { AccessKeyMetadata: page.items.map((k) => metadata(user, k)), IsTruncated: page.IsTruncated, Marker: page.Marker };
}

export function updateAccessKey(input: { AccessKeyId: string; Status: string; UserName?: string }, ctx: RequestContext) {
  if (input.Status !== 'Active' && input.Status !== 'Inactive') {
    throw validationError(`Value '${input.Status}' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]`);
  }
  const { key } = requireKey(ctx, input.AccessKeyId, input.UserName);
  setKeyStatus(ctx.platform.storage, key.accessKeyId, input.Status);
  return {};
}

export function deleteAccessKey(input: { AccessKeyId: string; UserName?: string }, ctx: RequestContext) {
  const { key } = requireKey(ctx, input.AccessKeyId, input.UserName);
  deleteKeyRow(ctx.platform.storage, key.accessKeyId);
  return {};
}

/** kanri learns when a key signs a request but not for which service: that part stays N/A. */
export function getAccessKeyLastUsed(input: { AccessKeyId: string }, ctx: RequestContext) {
  const storage = ctx.platform.storage;
  const key = accessKey(storage, input.AccessKeyId);
  const user = key && key.accountId === ctx.accountId ? entityById(storage, 'user', key.userId) : undefined;
  // The model declares no errors here; AWS answers a key the caller does not own as not authorized.
  if (!key || !user) throw new AwsError('AccessDenied', `User: ${ctx.principal.arn} is not authorized to perform: iam:GetAccessKeyLastUsed on resource: access key ${input.AccessKeyId}`, 403);
  return {
    UserName: user.name,
    AccessKeyLastUsed: {
      LastUsedDate: key.lastUsedDate ? new Date(key.lastUsedDate) : undefined,
      ServiceName: key.lastUsedService ?? 'N/A', Region: key.lastUsedRegion ?? 'N/A',
    },
  };
}
