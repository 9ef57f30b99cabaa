// The account password policy and users' console passwords (login profiles). kanri never keeps a
// password: it checks it against the policy, then remembers only that the user has one and when.
import { AwsError } from '../../../protocol/errors';
import type { RequestContext } from '../../types';
import { requireEntity } from '../entities';
import { alreadyExists, noSuchEntity } from '../errors';
import { deleteLoginProfile as deleteProfileRow, deletePasswordPolicy, loginProfile, passwordPolicy, putLoginProfile, putPasswordPolicy } from '../store-security';

interface PolicyInput {
  MinimumPasswordLength?: number; RequireSymbols?: boolean; RequireNumbers?: boolean; RequireUppercaseCharacters?: boolean;
  RequireLowercaseCharacters?: boolean; AllowUsersToChangePassword?: boolean; MaxPasswordAge?: number; PasswordReusePrevention?: number; HardExpiry?: boolean;
}

const policyMissing = (accountId: string) => noSuchEntity(`The Password Policy with domain name ${accountId} cannot be found.`);

/** Unset members take the API's defaults; an update replaces the whole policy, as AWS does. */
export function updateAccountPasswordPolicy(input: PolicyInput, ctx: RequestContext) {
  const policy: Record<string, unknown> = {
    MinimumPasswordLength: input.MinimumPasswordLength ?? 6,
    RequireSymbols: input.RequireSymbols ?? false,
    RequireNumbers: input.RequireNumbers ?? false,
    RequireUppercaseCharacters: input.RequireUppercaseCharacters ?? false,
    RequireLowercaseCharacters: input.RequireLowercaseCharacters ?? false,
    AllowUsersToChangePassword: input.AllowUsersToChangePassword ?? false,
    ExpirePasswords: (input.MaxPasswordAge ?? 0) > 0,
    MaxPasswordAge: input.MaxPasswordAge,
    PasswordReusePrevention: input.PasswordReusePrevention,
    HardExpiry: input.HardExpiry ?? false,
  };
  putPasswordPolicy(ctx.platform.storage, ctx.accountId, JSON.parse(JSON.stringify(policy)));
  return {};
}

export function getAccountPasswordPolicy(_input: unknown, ctx: RequestContext) {
  const policy = passwordPolicy(ctx.platform.storage, ctx.accountId);
  if (!policy) throw policyMissing(ctx.accountId);
  return { PasswordPolicy: policy };
}

export function deleteAccountPasswordPolicy(_input: unknown, ctx: RequestContext) {
  if (!deletePasswordPolicy(ctx.platform.storage, ctx.accountId)) throw policyMissing(ctx.accountId);
  return {};
}

const SYMBOLS = /[!@#$%^&*()_+\-=[\]{}|']/;

/** The account's policy, or AWS's default for console passwords when it has none. */
function checkPassword(ctx: RequestContext, password: string, userName: string): void {
  const policy = passwordPolicy(ctx.platform.storage, ctx.accountId) as PolicyInput | undefined;
  const problems: string[] = [];
  if (policy) {
    if (password.length < (policy.MinimumPasswordLength ?? 6)) problems.push(`Password should have at least ${policy.MinimumPasswordLength} characters`);
    if (policy.RequireSymbols && !SYMBOLS.test(password)) problems.push('Password should have at least one symbol');
    if (policy.RequireNumbers && !/[0-9]/.test(password)) problems.push('Password should have at least one number');
    if (policy.RequireUppercaseCharacters && !/[A-Z]/.test(password)) problems.push('Password should have at least one uppercase letter');
    if (policy.RequireLowercaseCharacters && !/[a-z]/.test(password)) problems.push('Password should have at least one lowercase letter');
  } else {
    const kinds = [/[A-Z]/, /[a-z]/, /[0-9]/, SYMBOLS].filter((re) => re.test(password)).length;
    if (password.length < 8 || kinds < 3 || password === userName) problems.push('Password does not conform to the account password policy.');
  }
  if (problems.length) throw new AwsError('PasswordPolicyViolationException', problems.join('\n'), 400);
}

function profileView(userName: string, p: { createDate: string; resetRequired: boolean }) {
  return { UserName: userName, CreateDate: new Date(p.createDate), PasswordResetRequired: p.resetRequired };
}

const profileMissing = (userName: string) => noSuchEntity(`Login Profile for User ${userName} cannot be found.`);

export function createLoginProfile(input: { UserName?: string; Password?: string; PasswordResetRequired?: boolean }, ctx: RequestContext) {
  if (input.UserName === undefined || input.Password === undefined) {
    throw new AwsError('ValidationError', 'UserName and Password are required to create a login profile for an IAM user.', 400);
  }
  const user = requireEntity(ctx, 'user', input.UserName);
  if (loginProfile(ctx.platform.storage, user.id)) throw alreadyExists(`Login Profile for user ${user.name} already exists.`);
  checkPassword(ctx, input.Password, user.name);
  const now = ctx.now.toISOString();
  const row = { userId: user.id, accountId: ctx.accountId, createDate: now, resetRequired: input.PasswordResetRequired ?? false, passwordLastChanged: now };
  putLoginProfile(ctx.platform.storage, row);
  return { LoginProfile: profileView(user.name, row) };
}

export function getLoginProfile(input: { UserName?: string }, ctx: RequestContext) {
  const user = requireEntity(ctx, 'user', input.UserName ?? '');
  const p = loginProfile(ctx.platform.storage, user.id);
  if (!p) throw profileMissing(user.name);
  return { LoginProfile: profileView(user.name, p) };
}

export function updateLoginProfile(input: { UserName: string; Password?: string; PasswordResetRequired?: boolean }, ctx: RequestContext) {
  const user = requireEntity(ctx, 'user', input.UserName);
  const p = loginProfile(ctx.platform.storage, user.id);
  if (!p) throw profileMissing(user.name);
  if (input.Password !== undefined) {
    checkPassword(ctx, input.Password, user.name);
    p.passwordLastChanged = ctx.now.toISOString();
  }
  if (input.PasswordResetRequired !== undefined) p.resetRequired = input.PasswordResetRequired;
  putLoginProfile(ctx.platform.storage, p);
  return {};
}

export function deleteLoginProfile(input: { UserName?: string }, ctx: RequestContext) {
  const user = requireEntity(ctx, 'user', input.UserName ?? '');
  if (!loginProfile(ctx.platform.storage, user.id)) throw profileMissing(user.name);
  deleteProfileRow(ctx.platform.storage, user.id);
  return {};
}
