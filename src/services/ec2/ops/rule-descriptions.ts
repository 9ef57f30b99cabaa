// UpdateSecurityGroupRuleDescriptionsIngress/Egress: new descriptions for existing rules, named by
// rule id or by the permission they match.
import { ec2Error } from '../errors';
import { groupOf, ruleSpecs, type PermissionInput } from '../permissions';
import { recordChange, view, type Ctx } from '../resources';
import { ruleKey, rulesOf, type RuleSpec } from '../sg-rules';
import { updateDoc, type Doc } from '../store';
import { where } from '../resources';

function update(egress: boolean) {
  return (input: PermissionInput & { GroupId?: string; GroupName?: string; SecurityGroupRuleDescriptions?: { SecurityGroupRuleId?: string; Description?: string }[] }, ctx: Ctx) => {
    const group = groupOf(ctx, input);
    const rules = rulesOf(ctx, group.id).filter((r) => r.doc.IsEgress === egress);
    const changes: { id: string; doc: Doc }[] = [];
    if (input.SecurityGroupRuleDescriptions?.length) {
      for (const d of input.SecurityGroupRuleDescriptions) {
        const rule = rules.find((r) => r.id === d.SecurityGroupRuleId);
        if (!rule) throw ec2Error('InvalidSecurityGroupRuleId.NotFound', d.SecurityGroupRuleId ?? '');
        changes.push({ id: rule.id, doc: { ...rule.doc, Description: d.Description } });
      }
    } else {
      for (const spec of ruleSpecs(ctx, input, group.doc.VpcId)) {
        const rule = rules.find((r) => ruleKey(egress, r.doc as RuleSpec) === ruleKey(egress, spec));
        if (!rule) throw ec2Error('InvalidPermission.NotFound');
        changes.push({ id: rule.id, doc: { ...rule.doc, Description: spec.Description } });
      }
    }
    const before = view(ctx, group);
    for (const c of changes) {
      if (c.doc.Description === undefined) delete c.doc.Description;
      updateDoc(ctx.platform.storage, where(ctx), c.id, c.doc);
    }
    recordChange(ctx, group, before, view(ctx, group));
    return { Return: true };
  };
}

export const updateSecurityGroupRuleDescriptionsIngress = update(false);
export const updateSecurityGroupRuleDescriptionsEgress = update(true);
