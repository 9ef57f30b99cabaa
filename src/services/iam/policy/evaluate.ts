// Identity-based policy evaluation as AWS documents it: everything is denied by default, an Allow
// that applies allows, and an explicit Deny that applies overrides any Allow.
import type { RequestContextValues } from './context';
import { conditionsHold } from './conditions';
import { parsePolicy, type PolicyDocument, type Statement } from './document';
import type { Span } from './positions';
import { matchesWildcard, matchesWithVariables } from './wildcard';

export type Decision = 'allowed' | 'explicitDeny' | 'implicitDeny';
export type PolicySourceType = 'user' | 'group' | 'role' | 'aws-managed' | 'user-managed' | 'resource' | 'none';

export interface PolicySource {
  id: string; // SourcePolicyId: the policy's name, or PolicyInputList.N
  type: PolicySourceType;
  document: string;
}

export interface EvaluationRequest {
  action: string;
  resource: string;
  context: RequestContextValues;
}

export interface MatchedStatement { sourcePolicyId: string; sourcePolicyType: PolicySourceType; span?: Span }

export interface EvaluationResult {
  decision: Decision;
  matchedStatements: MatchedStatement[];
  missingContextValues: string[];
}

const parsed = new Map<string, PolicyDocument>();

/** Documents are parsed once (with statement positions) and kept while they are reused. */
function parse(document: string): PolicyDocument {
  let doc = parsed.get(document);
  if (!doc) {
    doc = parsePolicy(document, true);
    if (parsed.size > 1000) parsed.clear();
    parsed.set(document, doc);
  }
  return doc;
}

function actionApplies(s: Statement, action: string): boolean {
  if (s.action) return s.action.some((p) => matchesWildcard(p, action, true));
  if (s.notAction) return !s.notAction.some((p) => matchesWildcard(p, action, true));
  return false;
}

function resourceApplies(s: Statement, request: EvaluationRequest, missing: Set<string>): boolean {
  // Statements without a resource element are trust or resource policies: they name the resource implicitly.
  if (!s.resource && !s.notResource) return true;
  const matches = (p: string) => matchesWithVariables(p, request.resource, request.context, missing);
  return s.resource ? s.resource.some(matches) : !s.notResource!.some(matches);
}

/** Whether one statement applies to the request; missing gathers the context keys it lacked. */
export function statementApplies(s: Statement, request: EvaluationRequest, missing: Set<string>): boolean {
  if (!actionApplies(s, request.action)) return false;
  if (!resourceApplies(s, request, missing)) return false;
  return conditionsHold(s.condition, request.context, missing);
}

/** Evaluates identity-based policies for one action on one resource. */
export function evaluate(policies: PolicySource[], request: EvaluationRequest, statementFilter?: (s: Statement) => boolean): EvaluationResult {
  const allows: MatchedStatement[] = [];
  const denies: MatchedStatement[] = [];
  const missing = new Set<string>();
  for (const policy of policies) {
    for (const s of parse(policy.document).statements) {
      if (statementFilter && !statementFilter(s)) continue;
      if (!statementApplies(s, request, missing)) continue;
      const match = { sourcePolicyId: policy.id, sourcePolicyType: policy.type, span: s.span };
      (s.effect === 'Deny' ? denies : allows).push(match);
    }
  }
  const decision: Decision = denies.length ? 'explicitDeny' : allows.length ? 'allowed' : 'implicitDeny';
  return {
    decision,
    matchedStatements: decision === 'explicitDeny' ? denies : decision === 'allowed' ? allows : [],
    missingContextValues: [...missing],
  };
}

/**
 * Identity policies within a permissions boundary: an action is allowed only when both allow it,
 * and an explicit Deny in either wins (AWS's evaluation logic for boundaries).
 */
export function evaluateWithBoundary(identity: PolicySource[], boundary: PolicySource[] | undefined, request: EvaluationRequest) {
  const result = evaluate(identity, request);
  if (!boundary?.length) return { ...result, allowedByBoundary: undefined };
  const limit = evaluate(boundary, request);
  const missing = [...new Set([...result.missingContextValues, ...limit.missingContextValues])];
  const allowedByBoundary = limit.decision === 'allowed';
  if (limit.decision === 'explicitDeny' && result.decision !== 'explicitDeny') {
    return { decision: 'explicitDeny' as Decision, matchedStatements: limit.matchedStatements, missingContextValues: missing, allowedByBoundary };
  }
  if (result.decision === 'allowed' && !allowedByBoundary) {
    return { decision: 'implicitDeny' as Decision, matchedStatements: [], missingContextValues: missing, allowedByBoundary };
  }
  return { ...result, missingContextValues: missing, allowedByBoundary };
}
