// GetCallerIdentity, AssumeRole, GetSessionToken, GetFederationToken, GetAccessKeyInfo.
import { AwsError } from '../../../protocol/errors';
import { parseArn, partitionOf } from '../../../core/arn';
import { secretKey, upperId } from '../../../core/ids';
import type { Principal } from '../../../core/accounts';
import type { RequestContext } from '../../types';
import { insertSession, findSession } from '../store';
import { noteRoleUsed, roleForArn } from '../../iam';

export function getCallerIdentity(_input: unknown, ctx: RequestContext) {
  return { UserId: ctx.principal.userId, Account: ctx.principal.accountId, Arn: ctx.principal.arn };
}

function issue(ctx: RequestContext, principal: Principal, durationSeconds: number) {
  const accessKeyId = upperId('ASIA', 20);
  const credentials = {
    AccessKeyId: accessKeyId,
    SecretAccessKey: secretKey(),
    SessionToken: Buffer.from(`kanri-session:${accessKeyId}:${secretKey()}${secretKey()}`).toString('base64'),
    Expiration: new Date(ctx.now.getTime() + durationSeconds * 1000),
  };
  insertSession(ctx.platform.storage, {
    accessKeyId, secretAccessKey: credentials.SecretAccessKey, sessionToken: credentials.SessionToken,
    principal: { ...principal, accessKeyId }, expiration: credentials.Expiration.getTime(),
  });
  return credentials;
}

/** AWS rejects policies that are not JSON objects. */
function checkPolicy(policy: string | undefined): void {
  if (policy === undefined) return;
  let doc: unknown;
  try { doc = JSON.parse(policy); } catch { doc = undefined; }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new AwsError('MalformedPolicyDocumentException', 'The policy is not in the valid JSON format.', 400);
}

export function assumeRole(input: { RoleArn: string; RoleSessionName: string; DurationSeconds?: number; Policy?: string }, ctx: RequestContext) {
  const role = parseArn(input.RoleArn);
  const roleName = role?.resource.startsWith('role/') ? role.resource.split('/').pop()! : undefined;
  if (!role || role.service !== 'iam' || !roleName || !/^\d{12}$/.test(role.account)) {
    throw new AwsError('ValidationError', `${input.RoleArn} is invalid`, 400);
  }
  checkPolicy(input.Policy);
  // A role IAM knows lends its real id and session limit. A role IAM has never seen is still
  // assumable, as other local emulators allow, with an id derived from its ARN.
  ctx.platform.service('iam');
  const known = roleForArn(ctx.platform, input.RoleArn);
  if (known && (input.DurationSeconds ?? 3600) > known.maxSessionDuration) {
    throw new AwsError('ValidationError', `The requested DurationSeconds exceeds the MaxSessionDuration set for this role.`, 400);
  }
  if (known) noteRoleUsed(ctx.platform, known.id, ctx.region);
  const roleId = known?.id ?? `AROA${Buffer.from(`${role.account}:${roleName}`).toString('hex').toUpperCase().slice(0, 17)}`;
  const sessionArn = `arn:${partitionOf(ctx.region)}:sts::${role.account}:assumed-role/${roleName}/${input.RoleSessionName}`;
  const principal: Principal = {
    type: 'AssumedRole', accountId: role.account, arn: sessionArn, userId: `${roleId}:${input.RoleSessionName}`, accessKeyId: '',
    sessionIssuer: { type: 'Role', principalId: roleId, arn: input.RoleArn, accountId: role.account, userName: roleName },
  };
  const Credentials = issue(ctx, principal, input.DurationSeconds ?? 3600);
  ctx.touch('AWS::IAM::Role', input.RoleArn);
  return { Credentials, AssumedRoleUser: { AssumedRoleId: principal.userId, Arn: sessionArn }, PackedPolicySize: input.Policy ? 6 : undefined };
}

export function getSessionToken(input: { DurationSeconds?: number }, ctx: RequestContext) {
  if (ctx.principal.type === 'AssumedRole') {
    throw new AwsError('AccessDenied', 'Cannot call GetSessionToken with session credentials', 403);
  }
  return { Credentials: issue(ctx, ctx.principal, input.DurationSeconds ?? 43200) };
}

export function getFederationToken(input: { Name: string; DurationSeconds?: number; Policy?: string }, ctx: RequestContext) {
  checkPolicy(input.Policy);
  const account = ctx.principal.accountId;
  const arn = `arn:${partitionOf(ctx.region)}:sts::${account}:federated-user/${input.Name}`;
  const principal: Principal = { type: 'FederatedUser', accountId: account, arn, userId: `${account}:${input.Name}`, accessKeyId: '' };
  return {
    Credentials: issue(ctx, principal, input.DurationSeconds ?? 43200),
    FederatedUser: { FederatedUserId: principal.userId, Arn: arn },
  };
}

export function getAccessKeyInfo(input: { AccessKeyId: string }, ctx: RequestContext) {
  const session = findSession(ctx.platform.storage, input.AccessKeyId);
  return { Account: session?.principal.accountId ?? ctx.platform.accounts.principalFor(input.AccessKeyId).accountId };
}
