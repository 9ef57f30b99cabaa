// Security group rules: each rule is its own resource (sgr-...) under its group, with one source
// (IPv4 or IPv6 CIDR, prefix list or group). A group's IpPermissions are its rules gathered by
// protocol and ports, as DescribeSecurityGroups shows them.
import { ec2Error } from './errors';
import { create, newId, registerView, type Ctx } from './resources';
import { listChildren, type Doc, type Resource } from './store';
import { where } from './resources';

export const MAX_RULES_PER_DIRECTION = 60;

export interface RuleSpec {
  IpProtocol: string;
  FromPort?: number;
  ToPort?: number;
  CidrIpv4?: string;
  CidrIpv6?: string;
  PrefixListId?: string;
  ReferencedGroupInfo?: { GroupId: string; UserId: string };
  Description?: string;
}

/** What makes two rules the same rule (the description does not). */
export function ruleKey(egress: boolean, r: RuleSpec): string {
  const ports = r.IpProtocol === '-1' ? '' : `${r.FromPort}:${r.ToPort}`;
  const source = r.CidrIpv4 ?? r.CidrIpv6 ?? r.PrefixListId ?? r.ReferencedGroupInfo?.GroupId;
  return [egress ? 'e' : 'i', r.IpProtocol, ports, source].join('|');
}

export function rulesOf(ctx: Ctx, groupId: string): Resource[] {
  return listChildren(ctx.platform.storage, where(ctx), groupId, 'sgr');
}

export function addRule(ctx: Ctx, group: Resource, egress: boolean, spec: RuleSpec): Resource {
  const id = newId('sgr');
  const allPorts = spec.IpProtocol === '-1';
  const doc: Doc = {
    SecurityGroupRuleId: id, GroupId: group.id, GroupOwnerId: ctx.accountId, IsEgress: egress, IpProtocol: spec.IpProtocol,
    FromPort: allPorts ? -1 : spec.FromPort, ToPort: allPorts ? -1 : spec.ToPort,
    CidrIpv4: spec.CidrIpv4, CidrIpv6: spec.CidrIpv6, PrefixListId: spec.PrefixListId, ReferencedGroupInfo: spec.ReferencedGroupInfo,
    Description: spec.Description, SecurityGroupRuleArn: `arn:aws:ec2:${ctx.region}:${ctx.accountId}:security-group-rule/${id}`,
  };
  for (const k of Object.keys(doc)) if (doc[k] === undefined) delete doc[k];
  return create(ctx, 'sgr', id, doc, group.id);
}

/** The group's rules of one direction as IpPermissions, gathered by protocol and port range. */
export function permissionsOf(rules: Doc[], egress: boolean): Doc[] {
  const out = new Map<string, Doc>();
  for (const r of rules.filter((x) => x.IsEgress === egress)) {
    const allPorts = r.IpProtocol === '-1';
    const key = `${r.IpProtocol}|${allPorts ? '' : `${r.FromPort}:${r.ToPort}`}`;
    let p = out.get(key);
    if (!p) {
      p = { IpProtocol: r.IpProtocol, ...(allPorts ? {} : { FromPort: r.FromPort, ToPort: r.ToPort }), IpRanges: [], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] };
      out.set(key, p);
    }
    const d = r.Description === undefined ? {} : { Description: r.Description };
    if (r.CidrIpv4) p.IpRanges.push({ CidrIp: r.CidrIpv4, ...d });
    if (r.CidrIpv6) p.Ipv6Ranges.push({ CidrIpv6: r.CidrIpv6, ...d });
    if (r.PrefixListId) p.PrefixListIds.push({ PrefixListId: r.PrefixListId, ...d });
    if (r.ReferencedGroupInfo) p.UserIdGroupPairs.push({ GroupId: r.ReferencedGroupInfo.GroupId, UserId: r.ReferencedGroupInfo.UserId, ...d });
  }
  return [...out.values()];
}

/** How AWS names a rule in InvalidPermission.Duplicate ("peer: 0.0.0.0/0, TCP, from port: 22, to port: 22, ALLOW"). */
export function describeRule(r: RuleSpec): string {
  const peer = r.CidrIpv4 ?? r.CidrIpv6 ?? r.PrefixListId ?? r.ReferencedGroupInfo?.GroupId;
  const proto = r.IpProtocol === '-1' ? 'ALL' : r.IpProtocol.toUpperCase();
  const ports = r.IpProtocol === '-1' ? '' : `, from port: ${r.FromPort}, to port: ${r.ToPort}`;
  return `peer: ${peer}, ${proto}${ports}, ALLOW`;
}

export function checkRuleLimit(count: number): void {
  if (count > MAX_RULES_PER_DIRECTION) throw ec2Error('RulesPerSecurityGroupLimitExceeded');
}

registerView('sg', (ctx, r, shown) => {
  const rules = rulesOf(ctx, r.id).map((x) => x.doc);
  return { ...shown, IpPermissions: permissionsOf(rules, false), IpPermissionsEgress: permissionsOf(rules, true) };
});
