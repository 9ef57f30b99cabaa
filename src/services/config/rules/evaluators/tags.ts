// REQUIRED_TAGS (up to six tag keys, each with an optional CSV of allowed values) and the family
// of <RESOURCE>_TAGGED rules, which AWS documents alike: NON_COMPLIANT when the resource has no
// tags (tags starting with "aws:" do not count) or lacks one of requiredKeyTags.
import { compliant, csv, nonCompliant, tagsOf } from '../fields';
import { catalogueRule } from '../catalogue';
import data from '../data/managed-rules.json';
import type { ConfigurationItem, ManagedRule, RuleContext } from '../types';

const requiredTags: ManagedRule = {
  identifier: 'REQUIRED_TAGS',
  get resourceTypes() {
    return catalogueRule('REQUIRED_TAGS')?.resourceTypes ?? [];
  },
  evaluateItem(item, ctx) {
    const tags = tagsOf(item);
    const problems: string[] = [];
    for (let i = 1; i <= 6; i++) {
      const key = ctx.parameters[`tag${i}Key`];
      if (!key) continue;
      const allowed = csv(ctx.parameters[`tag${i}Value`]);
      if (!Object.hasOwn(tags, key)) problems.push(`tag ${key} is missing`);
      else if (allowed.length && !allowed.includes(tags[key])) problems.push(`tag ${key} has the value '${tags[key]}', not one of ${allowed.join(', ')}`);
    }
    return problems.length ? nonCompliant(item, `Required tags: ${problems.join('; ')}.`) : compliant(item);
  },
};

function judgeTagged(item: ConfigurationItem, ctx: RuleContext) {
  const keys = Object.keys(tagsOf(item)).filter((k) => !k.startsWith('aws:'));
  if (!keys.length) return nonCompliant(item, 'The resource has no tags.');
  const missing = csv(ctx.parameters.requiredKeyTags).filter((k) => !keys.includes(k));
  return missing.length ? nonCompliant(item, `The resource does not have the required tag key(s): ${missing.join(', ')}.`) : compliant(item);
}

/** Every catalogue rule named *_TAGGED whose only parameter is requiredKeyTags. */
const taggedRules: ManagedRule[] = (data.rules as { identifier: string; parameters: { name: string }[]; resourceTypes: string[] }[])
  .filter((r) => r.identifier.endsWith('_TAGGED') && r.resourceTypes.length > 0 && r.parameters.length === 1 && r.parameters[0].name === 'requiredKeyTags')
  .map((r) => ({ identifier: r.identifier, resourceTypes: r.resourceTypes, evaluateItem: judgeTagged }));

export const TAG_RULES: ManagedRule[] = [requiredTags, ...taggedRules];
