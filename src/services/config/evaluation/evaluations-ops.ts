// PutEvaluations: a custom rule's function gives its verdicts with the ResultToken of the event it
// was invoked with. The results land in the same store the managed rules use, so every compliance
// API shows them. TestMode checks the call and records nothing, as on AWS.
import { AwsError } from '../../../protocol/errors';
import type { RequestContext } from '../../types';
import { record } from './engine';
import { noSuchRule } from './rules-ops';
import { findEvaluation, findRule, saveRule } from './store';
import { findToken } from './store-custom';

interface EvaluationInput {
  ComplianceResourceType: string; ComplianceResourceId: string; ComplianceType: string; Annotation?: string; OrderingTimestamp: Date;
}

const invalidToken = () => new AwsError('InvalidResultTokenException', 'The resultToken provided is invalid');

export function putEvaluations(input: { Evaluations?: EvaluationInput[]; ResultToken: string; TestMode?: boolean }, ctx: RequestContext) {
  const evaluations = input.Evaluations ?? [];
  for (const e of evaluations) {
    if (e.ComplianceType === 'INSUFFICIENT_DATA') {
      throw new AwsError('InvalidParameterValueException', 'The ComplianceType INSUFFICIENT_DATA is not supported for evaluations. Use COMPLIANT, NON_COMPLIANT or NOT_APPLICABLE.');
    }
  }
  if (input.TestMode) return { FailedEvaluations: [] };
  const s = ctx.platform.storage;
  const token = findToken(s, input.ResultToken);
  if (!token || token.accountId !== ctx.accountId || token.region !== ctx.region) throw invalidToken();
  const rule = findRule(s, token, token.ruleName);
  if (!rule) throw noSuchRule(token.ruleName);
  const now = ctx.now.getTime();
  for (const e of evaluations) {
    const orderingMs = new Date(e.OrderingTimestamp).getTime();
    // An older verdict than the one kept does not replace it (OrderingTimestamp orders them).
    const kept = findEvaluation(s, rule, rule.name, e.ComplianceResourceType, e.ComplianceResourceId);
    if (kept && kept.orderingMs > orderingMs) continue;
    record(ctx.platform, rule, {
      resourceType: e.ComplianceResourceType, resourceId: e.ComplianceResourceId, complianceType: e.ComplianceType as 'COMPLIANT', annotation: e.Annotation,
    }, token.invokedMs, orderingMs, now);
  }
  rule.status = { ...rule.status, lastSuccessfulEvaluation: now };
  saveRule(s, rule);
  return { FailedEvaluations: [] };
}
