// The policy simulator: SimulatePrincipalPolicy and SimulateCustomPolicy really evaluate the
// policies (policy/evaluate.ts) for each action and resource; GetContextKeysFor*Policy.
import { AwsError } from '../../../protocol/errors';
import type { RequestContext } from '../../types';
import { invalidInput } from '../errors';
import { pageOfList, type PageInput } from '../paging';
import { contextFromEntries, type ContextEntry } from '../policy/context';
import { parsePolicy, type Statement } from '../policy/document';
import { evaluate, evaluateWithBoundary, type EvaluationResult, type MatchedStatement, type PolicySource } from '../policy/evaluate';
import { matchesWildcard } from '../policy/wildcard';
import { principalPolicies } from './principal-policies';

interface SimulateInput extends PageInput {
  ActionNames: string[];
  PolicyInputList?: string[];
  PermissionsBoundaryPolicyInputList?: string[];
  ResourceArns?: string[];
  ResourcePolicy?: string;
  ResourceOwner?: string;
  CallerArn?: string;
  ContextEntries?: ContextEntry[];
}

function inputPolicies(documents: string[] | undefined, listName: string): PolicySource[] {
  return (documents ?? []).map((document, i) => {
    try { parsePolicy(document); } catch (e) {
      throw invalidInput(e instanceof AwsError ? e.message : 'Syntax errors in policy.');
    }
    return { id: `${listName}.${i + 1}`, type: 'none' as const, document };
  });
}

function statementsView(matched: MatchedStatement[]) {
  return matched.map((m) => ({
    SourcePolicyId: m.sourcePolicyId, SourcePolicyType: m.sourcePolicyType === 'none' ? undefined : m.sourcePolicyType,
    StartPosition: m.span && { Line: m.span.start.line, Column: m.span.start.column },
    EndPosition: m.span && { Line: m.span.end.line, Column: m.span.end.column },
  }));
}

/** A resource policy statement applies when its Principal names the caller, its account or everyone. */
function principalMatcher(callerArn: string | undefined) {
  const account = callerArn?.split(':')[4];
  const names = (p: unknown): boolean => {
    if (p === '*') return true;
    if (!p || typeof p !== 'object') return false;
    const aws = (p as Record<string, unknown>).AWS;
    const list = Array.isArray(aws) ? aws : aws === undefined ? [] : [aws];
    return list.some((v) => typeof v === 'string' && (v === '*' || v === account || v.endsWith(`:${account}:root`) || (!!callerArn && matchesWildcard(v, callerArn))));
  };
  return (s: Statement) => (s.principal !== undefined ? names(s.principal) : s.notPrincipal !== undefined ? !names(s.notPrincipal) : false);
}

function simulate(input: SimulateInput, identity: PolicySource[], boundary: PolicySource[], callerArn: string | undefined) {
  const context = contextFromEntries(input.ContextEntries);
  const resourcePolicy = input.ResourcePolicy ? inputPolicies([input.ResourcePolicy], 'ResourcePolicy').map((p) => ({ ...p, type: 'resource' as const })) : [];
  const callerAccount = callerArn?.split(':')[4];
  const crossAccount = !!input.ResourceOwner && !!callerAccount && input.ResourceOwner.split(':')[4] !== callerAccount;
  const results = [];
  for (const action of input.ActionNames) {
    for (const resource of input.ResourceArns?.length ? input.ResourceArns : ['*']) {
      const request = { action, resource, context };
      let result: EvaluationResult & { allowedByBoundary?: boolean } = evaluateWithBoundary(identity, boundary.length ? boundary : undefined, request);
      if (resourcePolicy.length) result = combineWithResourcePolicy(result, evaluate(resourcePolicy, request, principalMatcher(callerArn)), crossAccount);
      results.push({
        EvalActionName: action, EvalResourceName: resource, EvalDecision: result.decision,
        MatchedStatements: statementsView(result.matchedStatements), MissingContextValues: result.missingContextValues,
        PermissionsBoundaryDecisionDetail: result.allowedByBoundary === undefined ? undefined : { AllowedByPermissionsBoundary: result.allowedByBoundary },
      });
    }
  }
  const page = pageOfList(input, results.map((r, i) => ({ r, i })), (x) => String(x.i));
  return { EvaluationResults: page.items.map((x) => x.r), IsTruncated: page.IsTruncated, Marker: page.Marker };
}

/** Within an account either policy may allow; across accounts both must. A Deny anywhere wins. */
function combineWithResourcePolicy(identity: EvaluationResult & { allowedByBoundary?: boolean }, resource: EvaluationResult, crossAccount: boolean) {
  const missing = [...new Set([...identity.missingContextValues, ...resource.missingContextValues])];
  const base = { missingContextValues: missing, allowedByBoundary: identity.allowedByBoundary };
  const from = (decision: string) => [identity, resource].filter((r) => r.decision === decision).flatMap((r) => r.matchedStatements);
  if (identity.decision === 'explicitDeny' || resource.decision === 'explicitDeny') {
    return { ...base, decision: 'explicitDeny' as const, matchedStatements: from('explicitDeny') };
  }
  const allowed = crossAccount ? identity.decision === 'allowed' && resource.decision === 'allowed' : identity.decision === 'allowed' || resource.decision === 'allowed';
  return { ...base, decision: allowed ? 'allowed' as const : 'implicitDeny' as const, matchedStatements: allowed ? from('allowed') : [] };
}

export function simulatePrincipalPolicy(input: SimulateInput & { PolicySourceArn: string }, ctx: RequestContext) {
  const principal = principalPolicies(ctx, input.PolicySourceArn);
  const identity = [...principal.policies, ...inputPolicies(input.PolicyInputList, 'PolicyInputList')];
  const boundary = input.PermissionsBoundaryPolicyInputList?.length
    ? inputPolicies(input.PermissionsBoundaryPolicyInputList, 'PermissionsBoundaryPolicyInputList')
    : principal.boundary;
  return simulate(input, identity, boundary, input.CallerArn ?? (principal.kind === 'group' ? undefined : principal.entity.arn));
}

export function simulateCustomPolicy(input: SimulateInput, _ctx: RequestContext) {
  const identity = inputPolicies(input.PolicyInputList, 'PolicyInputList');
  const boundary = inputPolicies(input.PermissionsBoundaryPolicyInputList, 'PermissionsBoundaryPolicyInputList');
  return simulate(input, identity, boundary, input.CallerArn);
}

function contextKeys(documents: string[]): string[] {
  const keys = new Map<string, string>();
  for (const document of documents) {
    for (const s of parsePolicy(document).statements) {
      for (const block of Object.values(s.condition ?? {})) for (const key of Object.keys(block)) if (!keys.has(key.toLowerCase())) keys.set(key.toLowerCase(), key);
    }
  }
  return [...keys.values()];
}

export function getContextKeysForCustomPolicy(input: { PolicyInputList: string[] }, _ctx: RequestContext) {
  return { ContextKeyNames: contextKeys(inputPolicies(input.PolicyInputList, 'PolicyInputList').map((p) => p.document)) };
}

export function getContextKeysForPrincipalPolicy(input: { PolicySourceArn: string; PolicyInputList?: string[] }, ctx: RequestContext) {
  const principal = principalPolicies(ctx, input.PolicySourceArn);
  const documents = [...principal.policies, ...inputPolicies(input.PolicyInputList, 'PolicyInputList')].map((p) => p.document);
  return { ContextKeyNames: contextKeys(documents) };
}
