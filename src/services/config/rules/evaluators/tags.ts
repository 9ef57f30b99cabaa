// REQUIRED_TAGS: up to six tag keys, each with an optional CSV of allowed values.
import { compliant, csv, nonCompliant, tagsOf } from '../fields';
import { catalogueRule } from '../catalogue';
import type { ManagedRule } from '../types';

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

export const TAG_RULES: ManagedRule[] = [requiredTags];
