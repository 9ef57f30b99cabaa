// Hybrid activations: CreateActivation (code + id, limited by count and expiry), DescribeActivations
// and DeleteActivation. Only a hash of the code is kept: the code is a secret shown once.
import { randomBytes, randomUUID, createHash } from 'node:crypto';
import { AwsError } from '../../../protocol/errors';
import type { RequestContext } from '../../types';
import { putTag, tagsOf } from '../store-parameters';
import { decodeToken, encodeToken } from '../paging';
import { deleteActivationRow, findActivation, insertActivation, listActivations, type ActivationRow } from './store';

const DAY = 86_400_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CODE_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function hashCode(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}

function activationCode(): string {
  return [...randomBytes(20)].map((b) => CODE_CHARS[b % CODE_CHARS.length]).join('');
}

export function invalidActivation(message = 'Activation ID or code is not valid. Verify the activation ID and code and try again.'): AwsError {
  return new AwsError('InvalidActivation', message);
}

function invalidActivationId(): AwsError {
  return new AwsError('InvalidActivationId', 'The activation ID is not valid. Verify the you entered the correct ActivationId or ActivationCode and try again.');
}

interface CreateInput {
  Description?: string; DefaultInstanceName?: string; IamRole: string; RegistrationLimit?: number; ExpirationDate?: Date;
  Tags?: { Key: string; Value: string }[];
}

export function createActivation(input: CreateInput, ctx: RequestContext) {
  const now = ctx.now.getTime();
  const expiration = input.ExpirationDate ? input.ExpirationDate.getTime() : now + DAY;
  if (!(expiration > now) || expiration > now + 30 * DAY) {
    throw new AwsError('InvalidParameters', 'ExpirationDate must be a time in the future, at most 30 days from now.');
  }
  const activationId = randomUUID();
  const code = activationCode();
  const row: ActivationRow = {
    accountId: ctx.accountId, region: ctx.region, activationId, codeHash: hashCode(code), description: input.Description ?? null,
    defaultInstanceName: input.DefaultInstanceName ?? null, iamRole: input.IamRole, registrationLimit: input.RegistrationLimit ?? 1,
    registrationsCount: 0, expirationDate: expiration, createdDate: now,
  };
  insertActivation(ctx.platform.storage, row);
  for (const t of input.Tags ?? []) putTag(ctx.platform.storage, ctx, 'Activation', activationId, t.Key, t.Value);
  return { ActivationId: activationId, ActivationCode: code };
}

const FILTER_KEYS: Record<string, (a: ActivationRow) => string | null> = {
  ActivationIds: (a) => a.activationId, DefaultInstanceName: (a) => a.defaultInstanceName, IamRole: (a) => a.iamRole,
};

export function describeActivations(input: { Filters?: { FilterKey?: string; FilterValues?: string[] }[]; MaxResults?: number; NextToken?: string }, ctx: RequestContext) {
  const after = input.NextToken ? decodeToken(input.NextToken) : '';
  let rows = listActivations(ctx.platform.storage, ctx);
  for (const f of input.Filters ?? []) {
    const get = f.FilterKey && Object.hasOwn(FILTER_KEYS, f.FilterKey) ? FILTER_KEYS[f.FilterKey] : undefined;
    if (!get) throw new AwsError('InvalidFilter', `The filter key ${f.FilterKey} is not valid.`);
    const values = f.FilterValues ?? [];
    if (values.length) rows = rows.filter((a) => values.includes(get(a) ?? ''));
  }
  const keyOf = (a: ActivationRow) => `${String(a.createdDate).padStart(15, '0')}/${a.activationId}`;
  rows = rows.filter((a) => keyOf(a) > after);
  const limit = input.MaxResults ?? 50;
  const page = rows.slice(0, limit);
  return {
    ActivationList: page.map((a) => ({
      ActivationId: a.activationId, Description: a.description ?? undefined, DefaultInstanceName: a.defaultInstanceName ?? undefined,
      IamRole: a.iamRole, RegistrationLimit: a.registrationLimit, RegistrationsCount: a.registrationsCount,
      ExpirationDate: new Date(a.expirationDate), Expired: a.expirationDate <= ctx.now.getTime(), CreatedDate: new Date(a.createdDate),
      Tags: tagsOf(ctx.platform.storage, ctx, 'Activation', a.activationId),
    })),
    NextToken: rows.length > limit ? encodeToken(keyOf(page[page.length - 1])) : undefined,
  };
}

export function deleteActivation(input: { ActivationId: string }, ctx: RequestContext) {
  if (!UUID.test(input.ActivationId)) throw invalidActivationId();
  if (!findActivation(ctx.platform.storage, ctx, input.ActivationId)) throw invalidActivation();
  deleteActivationRow(ctx.platform.storage, ctx, input.ActivationId);
  return {};
}
