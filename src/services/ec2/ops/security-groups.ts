// Security groups and their rules: Create/Delete/DescribeSecurityGroups, Authorize/Revoke
// Ingress/Egress, DescribeSecurityGroupRules, ModifySecurityGroupRules.
import { describe, type DescribeInput } from '../describe';
import { dependency, ec2Error, ec2ErrorSaying, invalidValue } from '../errors';
import type { FieldMap } from '../filters';
import { defaultVpc } from '../network';
import { groupOf, normalizeProtocol, ruleSpecs, type PermissionInput } from '../permissions';
import { create, get, newId, recordChange, recordCreated, remove, save, view, where, type Ctx } from '../resources';
import { addRule, checkRuleLimit, describeRule, rulesOf, ruleKey, type RuleSpec } from '../sg-rules';
import { listKind, type Doc, type Resource } from '../store';
import { tagOnCreate, type TagSpecification } from '../tagging';

const perms = (g: Doc, egress: boolean): Doc[] => (egress ? g.IpPermissionsEgress : g.IpPermissions) ?? [];
const permFields = (prefix: string, egress: boolean): FieldMap<Doc> => ({
  [`${prefix}.cidr`]: (g) => perms(g, egress).flatMap((p) => p.IpRanges.map((r: Doc) => r.CidrIp)),
  [`${prefix}.from-port`]: (g) => perms(g, egress).map((p) => p.FromPort),
  [`${prefix}.to-port`]: (g) => perms(g, egress).map((p) => p.ToPort),
  [`${prefix}.group-id`]: (g) => perms(g, egress).flatMap((p) => p.UserIdGroupPairs.map((r: Doc) => r.GroupId)),
  [`${prefix}.group-name`]: (g) => perms(g, egress).flatMap((p) => p.UserIdGroupPairs.map((r: Doc) => r.GroupName)),
  [`${prefix}.ipv6-cidr`]: (g) => perms(g, egress).flatMap((p) => p.Ipv6Ranges.map((r: Doc) => r.CidrIpv6)),
  [`${prefix}.prefix-list-id`]: (g) => perms(g, egress).flatMap((p) => p.PrefixListIds.map((r: Doc) => r.PrefixListId)),
  [`${prefix}.protocol`]: (g) => perms(g, egress).map((p) => p.IpProtocol),
  [`${prefix}.user-id`]: (g) => perms(g, egress).flatMap((p) => p.UserIdGroupPairs.map((r: Doc) => r.UserId)),
});

export const GROUP_FIELDS: FieldMap<Doc> = {
  description: (g) => g.Description,
  'group-id': (g) => g.GroupId,
  'group-name': (g) => g.GroupName,
  'owner-id': (g) => g.OwnerId,
  'vpc-id': (g) => g.VpcId,
  ...permFields('ip-permission', false),
  ...permFields('egress.ip-permission', true),
};

const RULE_FIELDS: FieldMap<Doc> = {
  'group-id': (r) => r.GroupId,
  'security-group-rule-id': (r) => r.SecurityGroupRuleId,
};

interface CreateGroupInput { GroupName: string; Description: string; VpcId?: string; TagSpecifications?: TagSpecification[] }

export function createSecurityGroup(input: CreateGroupInput, ctx: Ctx) {
  const vpc = input.VpcId !== undefined ? get(ctx, 'vpc', input.VpcId) : defaultVpc(ctx);
  if (!vpc) throw ec2Error('MissingParameter', 'VpcId');
  const name = input.GroupName;
  if (name.length > 255 || input.Description.length > 255) throw invalidValue('Value for parameter GroupName or GroupDescription exceeds the maximum length of 255 characters');
  if (name === 'default') throw ec2Error('InvalidGroup.Reserved');
  if (/^sg-/i.test(name)) throw invalidValue('Group names may not be in the format sg-*');
  // Groups are children of their VPC, their names indexed (store.ts), so a VPC of thousands stays cheap.
  const w = where(ctx);
  if (ctx.platform.storage.stmt(`SELECT 1 FROM ec2_resources INDEXED BY ec2_group_names WHERE account_id = ? AND region = ? AND parent_id = ? AND kind = 'sg'
      AND json_extract(doc, '$.GroupName') = ? LIMIT 1`).get(w.accountId, w.region, vpc.id, name)) {
    throw ec2Error('InvalidGroup.Duplicate', name, vpc.id);
  }
  const id = newId('sg');
  const arn = `arn:aws:ec2:${ctx.region}:${ctx.accountId}:security-group/${id}`;
  const group = create(ctx, 'sg', id, { Description: input.Description, GroupName: name, GroupId: id, OwnerId: ctx.accountId, VpcId: vpc.id, SecurityGroupArn: arn }, vpc.id);
  tagOnCreate(ctx, group, input.TagSpecifications);
  addRule(ctx, group, true, { IpProtocol: '-1', CidrIpv4: '0.0.0.0/0' });
  const shown = recordCreated(ctx, group);
  return { GroupId: id, SecurityGroupArn: arn, Tags: shown.Tags };
}

export function deleteSecurityGroup(input: { GroupId?: string; GroupName?: string }, ctx: Ctx) {
  const group = groupOf(ctx, input);
  if (group.doc.GroupName === 'default') {
    throw ec2Error('CannotDelete', group.id, 'default');
  }
  const s = ctx.platform.storage;
  const inUse = listKind(s, where(ctx), 'eni').some((e) => e.doc.Groups?.some((g: Doc) => g.GroupId === group.id))
    || listKind(s, where(ctx), 'sgr').some((r) => r.parentId !== group.id && r.doc.ReferencedGroupInfo?.GroupId === group.id);
  if (inUse) throw dependency(`resource ${group.id} has a dependent object`);
  for (const rule of rulesOf(ctx, group.id)) remove(ctx, rule);
  remove(ctx, group);
  return { Return: true, GroupId: group.id };
}

export function describeSecurityGroups(input: DescribeInput & { GroupIds?: string[]; GroupNames?: string[] }, ctx: Ctx) {
  let ids = input.GroupIds;
  if (input.GroupNames?.length) {
    const vpc = defaultVpc(ctx);
    const groups = listKind(ctx.platform.storage, where(ctx), 'sg').filter((g) => g.doc.VpcId === vpc?.id);
    ids = [...(ids ?? []), ...input.GroupNames.map((n) => {
      const g = groups.find((x) => x.doc.GroupName === n);
      if (!g) throw ec2ErrorSaying('InvalidGroup.NotFound', `The security group '${n}' does not exist in default VPC '${vpc?.id ?? 'none'}'`);
      return g.id;
    })];
  }
  const { items, nextToken } = describe(ctx, { kind: 'sg', ids, fields: GROUP_FIELDS }, input);
  return { SecurityGroups: items, NextToken: nextToken };
}

/** Runs a rule change on a group and records the group's change. */
function changeGroup<T>(ctx: Ctx, group: Resource, change: () => T): T {
  const before = view(ctx, group);
  const out = change();
  recordChange(ctx, group, before, view(ctx, group));
  return out;
}

function authorize(egress: boolean) {
  return (input: PermissionInput & { GroupId?: string; GroupName?: string; TagSpecifications?: TagSpecification[] }, ctx: Ctx) => {
    const group = groupOf(ctx, input);
    const specs = ruleSpecs(ctx, input, group.doc.VpcId);
    const existing = rulesOf(ctx, group.id).filter((r) => r.doc.IsEgress === egress);
    const seen = new Set(existing.map((r) => ruleKey(egress, r.doc as RuleSpec)));
    for (const spec of specs) {
      const key = ruleKey(egress, spec);
      if (seen.has(key)) throw ec2Error('InvalidPermission.Duplicate', describeRule(spec));
      seen.add(key);
    }
    checkRuleLimit(existing.length + specs.length);
    const rules = changeGroup(ctx, group, () => specs.map((spec) => {
      const rule = addRule(ctx, group, egress, spec);
      tagOnCreate(ctx, rule, input.TagSpecifications);
      return view(ctx, rule);
    }));
    return { Return: true, SecurityGroupRules: rules };
  };
}

function revoke(egress: boolean) {
  return (input: PermissionInput & { GroupId?: string; GroupName?: string; SecurityGroupRuleIds?: string[] }, ctx: Ctx) => {
    const group = groupOf(ctx, input);
    const rules = rulesOf(ctx, group.id).filter((r) => r.doc.IsEgress === egress);
    const chosen: Resource[] = [];
    const unknown: RuleSpec[] = [];
    if (input.SecurityGroupRuleIds?.length) {
      for (const id of input.SecurityGroupRuleIds) {
        const r = rules.find((x) => x.id === id);
        if (!r) throw ec2Error('InvalidSecurityGroupRuleId.NotFound', id);
        chosen.push(r);
      }
    } else {
      for (const spec of ruleSpecs(ctx, input, group.doc.VpcId)) {
        const r = rules.find((x) => ruleKey(egress, x.doc as RuleSpec) === ruleKey(egress, spec));
        if (r) chosen.push(r);
        else unknown.push(spec);
      }
      if (!chosen.length) throw ec2Error('InvalidPermission.NotFound');
    }
    changeGroup(ctx, group, () => chosen.forEach((r) => remove(ctx, r)));
    const revoked = chosen.map((r) => ({
      SecurityGroupRuleId: r.id, GroupId: group.id, IsEgress: egress, IpProtocol: r.doc.IpProtocol, FromPort: r.doc.FromPort, ToPort: r.doc.ToPort,
      CidrIpv4: r.doc.CidrIpv4, CidrIpv6: r.doc.CidrIpv6, PrefixListId: r.doc.PrefixListId, ReferencedGroupId: r.doc.ReferencedGroupInfo?.GroupId, Description: r.doc.Description,
    }));
    const unknownPermissions = unknown.map((u) => ({
      IpProtocol: u.IpProtocol, FromPort: u.FromPort, ToPort: u.ToPort,
      IpRanges: u.CidrIpv4 ? [{ CidrIp: u.CidrIpv4 }] : [], Ipv6Ranges: u.CidrIpv6 ? [{ CidrIpv6: u.CidrIpv6 }] : [],
      PrefixListIds: u.PrefixListId ? [{ PrefixListId: u.PrefixListId }] : [], UserIdGroupPairs: u.ReferencedGroupInfo ? [u.ReferencedGroupInfo] : [],
    }));
    return { Return: true, RevokedSecurityGroupRules: revoked, UnknownIpPermissions: unknownPermissions.length ? unknownPermissions : undefined };
  };
}

export const authorizeSecurityGroupIngress = authorize(false);
export const authorizeSecurityGroupEgress = authorize(true);
export const revokeSecurityGroupIngress = revoke(false);
export const revokeSecurityGroupEgress = revoke(true);

export function describeSecurityGroupRules(input: DescribeInput & { SecurityGroupRuleIds?: string[] }, ctx: Ctx) {
  const { items, nextToken } = describe(ctx, { kind: 'sgr', ids: input.SecurityGroupRuleIds, fields: RULE_FIELDS }, input);
  return { SecurityGroupRules: items, NextToken: nextToken };
}

interface RuleUpdate { SecurityGroupRuleId?: string; SecurityGroupRule?: Doc }

export function modifySecurityGroupRules(input: { GroupId: string; SecurityGroupRules: RuleUpdate[] }, ctx: Ctx) {
  const group = groupOf(ctx, input);
  const rules = rulesOf(ctx, group.id);
  const updates = (input.SecurityGroupRules ?? []).map((u) => {
    const rule = rules.find((r) => r.id === u.SecurityGroupRuleId);
    if (!rule) throw ec2Error('InvalidSecurityGroupRuleId.NotFound', u.SecurityGroupRuleId ?? '');
    const req = u.SecurityGroupRule ?? {};
    const IpProtocol = normalizeProtocol(req.IpProtocol ?? rule.doc.IpProtocol);
    const perm: Doc = { IpProtocol, FromPort: req.FromPort, ToPort: req.ToPort };
    if (req.CidrIpv4 !== undefined) perm.IpRanges = [{ CidrIp: req.CidrIpv4, Description: req.Description }];
    else if (req.CidrIpv6 !== undefined) perm.Ipv6Ranges = [{ CidrIpv6: req.CidrIpv6, Description: req.Description }];
    else if (req.PrefixListId !== undefined) perm.PrefixListIds = [{ PrefixListId: req.PrefixListId, Description: req.Description }];
    else if (req.ReferencedGroupId !== undefined) perm.UserIdGroupPairs = [{ GroupId: req.ReferencedGroupId, Description: req.Description }];
    else throw ec2Error('MissingParameter', 'SecurityGroupRule.CidrIpv4');
    const [spec] = ruleSpecs(ctx, { IpPermissions: [perm] }, group.doc.VpcId);
    return { rule, spec };
  });
  changeGroup(ctx, group, () => {
    for (const { rule, spec } of updates) {
      const allPorts = spec.IpProtocol === '-1';
      const doc: Doc = {
        SecurityGroupRuleId: rule.id, GroupId: group.id, GroupOwnerId: rule.doc.GroupOwnerId, IsEgress: rule.doc.IsEgress, IpProtocol: spec.IpProtocol,
        FromPort: allPorts ? -1 : spec.FromPort, ToPort: allPorts ? -1 : spec.ToPort, CidrIpv4: spec.CidrIpv4, CidrIpv6: spec.CidrIpv6,
        PrefixListId: spec.PrefixListId, ReferencedGroupInfo: spec.ReferencedGroupInfo, Description: spec.Description, SecurityGroupRuleArn: rule.doc.SecurityGroupRuleArn,
      };
      for (const k of Object.keys(doc)) if (doc[k] === undefined) delete doc[k];
      save(ctx, rule, doc);
    }
  });
  return { Return: true };
}
