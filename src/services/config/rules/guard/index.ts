// Custom policy rules (Owner CUSTOM_POLICY): Guard 2.0 policy text evaluated against a
// configuration item, as AWS Config does. PASS is COMPLIANT, FAIL NON_COMPLIANT, and a policy
// whose rules all SKIP (their `when` conditions did not hold) is NOT_APPLICABLE.
import type { ConfigurationItem, Evaluation } from '../types';
import type { Policy } from './ast';
import { evaluatePolicy, type PolicyResult } from './evaluate';
import { parsePolicy } from './parser';

export { GuardSyntaxError } from './lexer';
export { parsePolicy } from './parser';
export { evaluatePolicy, type PolicyResult, type Status } from './evaluate';

const ANNOTATION_LIMIT = 256; // Evaluation.Annotation's maximum length

/** Parses once; throws GuardSyntaxError (with the line) for text that is not valid Guard. */
export function compileGuardPolicy(policyText: string): (item: ConfigurationItem) => Evaluation {
  const policy: Policy = parsePolicy(policyText);
  return (item) => toEvaluation(item, evaluatePolicy(policy, item));
}

function toEvaluation(item: ConfigurationItem, result: PolicyResult): Evaluation {
  const complianceType = result.status === 'PASS' ? 'COMPLIANT' : result.status === 'FAIL' ? 'NON_COMPLIANT' : 'NOT_APPLICABLE';
  const evaluation: Evaluation = { resourceType: item.resourceType, resourceId: item.resourceId, complianceType };
  if (result.status === 'FAIL' && result.failures.length) {
    const text = `Failed: ${result.failures.join('; ')}`;
    evaluation.annotation = text.length > ANNOTATION_LIMIT ? `${text.slice(0, ANNOTATION_LIMIT - 3)}...` : text;
  }
  return evaluation;
}
