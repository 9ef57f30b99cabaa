// Every managed rule kanri evaluates, by identifier. Add a rule: write it in evaluators/ and list its
// module's array here; the catalogue then reports it as implemented.
import { CLOUDTRAIL_RULES } from './evaluators/cloudtrail';
import { IAM_RULES } from './evaluators/iam';
import { INSTANCE_RULES } from './evaluators/instances';
import { NETWORK_RULES } from './evaluators/network';
import { S3_RULES } from './evaluators/s3';
import { SECURITY_GROUP_RULES } from './evaluators/security-groups';
import { SERVICE_RULES } from './evaluators/services';
import { TAG_RULES } from './evaluators/tags';
import type { ConfigurationItem, Evaluation, ManagedRule, RuleContext } from './types';

let registry: Map<string, ManagedRule> | undefined;

function rules(): Map<string, ManagedRule> {
  registry ??= new Map(
    [SECURITY_GROUP_RULES, INSTANCE_RULES, NETWORK_RULES, TAG_RULES, S3_RULES, IAM_RULES, SERVICE_RULES, CLOUDTRAIL_RULES]
      .flat()
      .map((r) => [r.identifier, r]),
  );
  return registry;
}

export function managedRule(identifier: string): ManagedRule | undefined {
  return typeof identifier === 'string' ? rules().get(identifier) : undefined;
}

export function implementedRules(): string[] {
  return [...rules().keys()].sort();
}

/**
 * Evaluates one changed item. A deleted resource (no configuration) is NOT_APPLICABLE, as AWS
 * reports it; an item of a type the rule does not judge yields nothing.
 */
export function evaluateChange(rule: ManagedRule, item: ConfigurationItem, ctx: RuleContext): Evaluation[] {
  if (!item.configuration || /Deleted/.test(item.configurationItemStatus ?? '')) {
    return [{ resourceType: item.resourceType, resourceId: item.resourceId, complianceType: 'NOT_APPLICABLE' }];
  }
  if (rule.evaluateItem) return rule.evaluateItem(item, ctx);
  return [];
}

/**
 * A periodic run over the account: the rule's own periodic logic, or its item logic applied to
 * every current item of its resource types (rules AWS triggers both ways).
 */
export function evaluateAccount(rule: ManagedRule, ctx: RuleContext, resourceTypes: string[] = rule.resourceTypes): Evaluation[] {
  if (rule.evaluatePeriodic) return rule.evaluatePeriodic(ctx);
  const out: Evaluation[] = [];
  for (const type of resourceTypes) {
    for (const item of ctx.items.byType(type)) if (item.configuration) out.push(...rule.evaluateItem!(item, ctx));
  }
  return out;
}
