// CreateGrant, ListGrants, ListRetirableGrants, RevokeGrant, RetireGrant. kanri records grants
// and answers for them; it does not evaluate them, as it evaluates no key policy either.
import { randomBytes } from 'node:crypto';
import { partitionOf } from '../../../core/arn';
import { AwsError } from '../../../protocol/errors';
import type { RequestContext } from '../../types';
import { validation } from '../errors';
import { keyArn } from '../names';
import { pageOf } from '../paging';
import { findKeyRow, requireCustomerManaged, requireEnabled } from '../resolve';
import { deleteGrant, findGrant, findGrantByName, insertGrant, listGrantsOfKey, listGrantsRetirableBy, type GrantRow } from '../store-links';

const TOKEN_PREFIX = 'kanri-grant:';

function invalidGrantId(): AwsError {
  return new AwsError('InvalidGrantIdException', 'The request was rejected because the specified GrantId is not valid.');
}

function invalidGrantToken(): AwsError {
  return new AwsError('InvalidGrantTokenException', 'The request was rejected because the specified grant token is not valid.');
}

/** A fresh token on every call, even for an existing grant, as AWS does. */
function tokenFor(grantId: string): string {
  return Buffer.concat([Buffer.from(`${TOKEN_PREFIX}${grantId}:`), randomBytes(48)]).toString('base64');
}

function grantIdOfToken(token: string): string | undefined {
  const text = Buffer.from(token, 'base64').toString('latin1');
  return /^kanri-grant:([0-9a-f]{64}):/.exec(text)?.[1];
}

interface CreateGrantInput {
  KeyId: string; GranteePrincipal: string; RetiringPrincipal?: string; Operations: string[];
  Constraints?: Record<string, unknown>; Name?: string; DryRun?: boolean;
}

function sameGrant(g: GrantRow, input: CreateGrantInput): boolean {
  return g.grantee === input.GranteePrincipal && g.retiring === (input.RetiringPrincipal ?? null)
    && JSON.stringify([...g.operations].sort()) === JSON.stringify([...input.Operations].sort())
    && JSON.stringify(g.constraints) === JSON.stringify(input.Constraints ?? null);
}

export function createGrant(input: CreateGrantInput, ctx: RequestContext) {
  const row = findKeyRow(ctx, input.KeyId);
  requireCustomerManaged(ctx, row, 'CreateGrant');
  requireEnabled(row);
  if (!input.Operations.length) throw validation("1 validation error detected: Value '[]' at 'operations' failed to satisfy constraint: Member must have length greater than or equal to 1");
  if (input.DryRun) throw new AwsError('DryRunOperationException', 'The request would have succeeded, but the DryRun option is set.', 412);
  const storage = ctx.platform.storage;
  // A retried request with the same name and parameters gets the same grant back.
  const existing = input.Name ? findGrantByName(storage, ctx.accountId, ctx.region, row.keyId, input.Name) : undefined;
  if (existing && sameGrant(existing, input)) return { GrantId: existing.grantId, GrantToken: tokenFor(existing.grantId) };
  const grant: GrantRow = {
    grantId: randomBytes(32).toString('hex'), keyId: row.keyId, name: input.Name ?? null, grantee: input.GranteePrincipal,
    retiring: input.RetiringPrincipal ?? null, operations: input.Operations, constraints: input.Constraints ?? null, createdAt: ctx.now.getTime(),
  };
  insertGrant(storage, ctx.accountId, ctx.region, grant);
  return { GrantId: grant.grantId, GrantToken: tokenFor(grant.grantId) };
}

function grantEntry(ctx: RequestContext, g: GrantRow) {
  return {
    KeyId: keyArn(ctx, g.keyId), GrantId: g.grantId, Name: g.name ?? undefined, CreationDate: new Date(g.createdAt),
    GranteePrincipal: g.grantee, RetiringPrincipal: g.retiring ?? undefined,
    IssuingAccount: `arn:${partitionOf(ctx.region)}:iam::${ctx.accountId}:root`, Operations: g.operations, Constraints: g.constraints ?? undefined,
  };
}

export function listGrants(input: { KeyId: string; GrantId?: string; GranteePrincipal?: string; Limit?: number; Marker?: string }, ctx: RequestContext) {
  const row = findKeyRow(ctx, input.KeyId);
  if (input.GrantId !== undefined) {
    const g = findGrant(ctx.platform.storage, ctx.accountId, ctx.region, input.GrantId);
    if (!g || g.keyId !== row.keyId) throw invalidGrantId();
    return { Grants: [grantEntry(ctx, g)], Truncated: false };
  }
  const page = pageOf(input.Marker, input.Limit, 50,
    (after, n) => listGrantsOfKey(ctx.platform.storage, ctx.accountId, ctx.region, row.keyId, input.GranteePrincipal ?? null, after, n), (g) => g.grantId);
  return { Grants: page.items.map((g) => grantEntry(ctx, g)), Truncated: page.Truncated, NextMarker: page.NextMarker };
}

export function listRetirableGrants(input: { RetiringPrincipal: string; Limit?: number; Marker?: string }, ctx: RequestContext) {
  const page = pageOf(input.Marker, input.Limit, 50,
    (after, n) => listGrantsRetirableBy(ctx.platform.storage, ctx.accountId, ctx.region, input.RetiringPrincipal, after, n), (g) => g.grantId);
  return { Grants: page.items.map((g) => grantEntry(ctx, g)), Truncated: page.Truncated, NextMarker: page.NextMarker };
}

export function revokeGrant(input: { KeyId: string; GrantId: string }, ctx: RequestContext) {
  const row = findKeyRow(ctx, input.KeyId);
  const g = findGrant(ctx.platform.storage, ctx.accountId, ctx.region, input.GrantId);
  if (!g || g.keyId !== row.keyId) throw invalidGrantId();
  deleteGrant(ctx.platform.storage, ctx.accountId, ctx.region, g.grantId);
  return {};
}

/** By its token, or by key and grant id. */
export function retireGrant(input: { GrantToken?: string; KeyId?: string; GrantId?: string }, ctx: RequestContext) {
  let grantId: string;
  if (input.GrantToken !== undefined) {
    grantId = grantIdOfToken(input.GrantToken) ?? '';
    if (!grantId) throw invalidGrantToken();
  } else if (input.KeyId !== undefined && input.GrantId !== undefined) {
    grantId = input.GrantId;
  } else {
    throw validation('Grant token OR (grant ID, key ID) must be specified');
  }
  const g = findGrant(ctx.platform.storage, ctx.accountId, ctx.region, grantId);
  if (input.KeyId !== undefined) {
    const row = findKeyRow(ctx, input.KeyId);
    if (g && g.keyId !== row.keyId) throw invalidGrantId();
  }
  if (!g) throw input.GrantToken !== undefined ? invalidGrantToken() : invalidGrantId();
  deleteGrant(ctx.platform.storage, ctx.accountId, ctx.region, g.grantId);
  return {};
}
