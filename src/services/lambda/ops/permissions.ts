// AddPermission, RemovePermission, GetPolicy: a resource policy per qualifier, in AWS's statement format.
import type { RequestContext } from '../../types';
import { conflict, notFound, preconditionFailed } from '../errors';
import { functionArn, parseFunctionName } from '../names';
import { addStatement, buildStatement, type Policies } from '../policy';
import { requireAlias, requireFunction } from '../resolve';
import { findVersion, updateFunction, type FunctionRow } from '../store';
import { functionNotFound } from '../errors';
import { view } from '../config';
import { emitFunction } from '../events';

function target(ctx: RequestContext, functionName: string, qualifier: string | undefined) {
  const ref = parseFunctionName(ctx, functionName, qualifier);
  const fn = requireFunction(ctx.platform, ref);
  const q = ref.qualifier && ref.qualifier !== '$LATEST' ? ref.qualifier : '';
  if (q && /^\d+$/.test(q)) {
    if (!findVersion(ctx.platform.storage, ctx.accountId, ctx.region, ref.name, q)) throw functionNotFound(functionArn(ctx.region, ctx.accountId, ref.name, q));
  } else if (q) {
    requireAlias(ctx.platform, ref, q);
  }
  // Keyed by qualifier, and an alias may be named __proto__.
  return { ref, fn, q, policies: Object.assign(Object.create(null), fn.policy ?? {}) as Policies };
}

export function addPermission(input: Record<string, any>, ctx: RequestContext) {
  const { ref, fn, q, policies } = target(ctx, input.FunctionName, input.Qualifier);
  const entry = Object.hasOwn(policies, q) ? policies[q] : undefined;
  if (input.RevisionId !== undefined && input.RevisionId !== (entry?.revisionId ?? '')) throw preconditionFailed();
  if (entry?.doc.Statement.some((st) => st.Sid === input.StatementId)) {
    throw conflict('The statement id (' + input.StatementId + ') provided already exists. Please provide a new statement id, or remove the existing statement.');
  }
  const statement = buildStatement(input, functionArn(ctx.region, ctx.accountId, ref.name, q || undefined));
  const before = structuredClone(fn.policy);
  addStatement(policies, q, statement);
  savePolicy(ctx, fn, before, policies);
  return { Statement: JSON.stringify(statement) };
}

export function removePermission(input: { FunctionName: string; StatementId: string; Qualifier?: string; RevisionId?: string }, ctx: RequestContext) {
  const { fn, q, policies } = target(ctx, input.FunctionName, input.Qualifier);
  const entry = Object.hasOwn(policies, q) ? policies[q] : undefined;
  const i = entry ? entry.doc.Statement.findIndex((st) => st.Sid === input.StatementId) : -1;
  if (!entry || i < 0) throw notFound(`Statement ${input.StatementId} is not found in resource policy.`);
  if (input.RevisionId !== undefined && input.RevisionId !== entry.revisionId) throw preconditionFailed();
  const before = structuredClone(fn.policy);
  entry.doc.Statement.splice(i, 1);
  if (!entry.doc.Statement.length) delete policies[q];
  savePolicy(ctx, fn, before, Object.keys(policies).length ? policies : null);
  return {};
}

/** Stores the policy; Config records the unqualified function's policy, so that change is emitted. */
function savePolicy(ctx: RequestContext, fn: FunctionRow, before: Policies | null, after: Policies | null): void {
  updateFunction(ctx.platform.storage, { ...fn, policy: after });
  const latest = findVersion(ctx.platform.storage, ctx.accountId, ctx.region, fn.name, '$LATEST');
  if (!latest) return;
  const config = view(latest, Number.MAX_SAFE_INTEGER);
  if (JSON.stringify(before?.[''] ?? null) !== JSON.stringify(after?.[''] ?? null)) emitFunction(ctx, fn.name, config, config, { before, after });
}

export function getPolicy(input: { FunctionName: string; Qualifier?: string }, ctx: RequestContext) {
  const { q, policies } = target(ctx, input.FunctionName, input.Qualifier);
  const entry = Object.hasOwn(policies, q) ? policies[q] : undefined;
  if (!entry) throw notFound('The resource you requested does not exist.');
  return { Policy: JSON.stringify(entry.doc), RevisionId: entry.revisionId };
}
