// IpPermissions (and the legacy CidrIp/FromPort/ToPort/IpProtocol members) turned into single-source
// rule specs, validated as AWS validates them.
import { cidrString, parseCidr } from './cidr';
import { ec2Error, ec2ErrorSaying, invalidValue } from './errors';
import { find, where, type Ctx } from './resources';
import type { RuleSpec } from './sg-rules';
import { listKind, type Doc } from './store';
import { defaultVpc } from './network';
import { requirePrefixList } from './prefix-lists';

const PROTOCOL_NAMES: Record<string, string> = { tcp: 'tcp', udp: 'udp', icmp: 'icmp', icmpv6: 'icmpv6', '-1': '-1', all: '-1', '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6' };

export function normalizeProtocol(p: string | undefined): string {
  const lower = (p ?? '').toLowerCase();
  if (Object.hasOwn(PROTOCOL_NAMES, lower)) return PROTOCOL_NAMES[lower];
  if (/^\d+$/.test(lower) && Number(lower) <= 255) return lower;
  throw invalidValue(`Invalid value '${p}' for IP protocol. Unknown protocol.`);
}

function ports(protocol: string, from: number | undefined, to: number | undefined): { FromPort?: number; ToPort?: number } {
  if (protocol === '-1') return {};
  if (protocol === 'tcp' || protocol === 'udp') {
    if (from === undefined || to === undefined) throw ec2Error('InvalidParameterValue', `Invalid value 'null' for portRange. Must specify both from and to ports with TCP/UDP.`);
    if (from < 0 || from > 65535 || to < 0 || to > 65535 || from > to) {
      throw invalidValue(`Invalid value 'Must specify both from and to ports with TCP/UDP.' for portRange. From port ${from} and to port ${to} is an invalid range.`);
    }
    return { FromPort: from, ToPort: to };
  }
  if (protocol === 'icmp' || protocol === 'icmpv6') {
    const type = from ?? -1;
    const code = to ?? -1;
    if (type < -1 || type > 255 || code < -1 || code > 255) throw invalidValue(`Invalid value '${type}' for ICMP type. ICMP type must be between -1 and 255.`);
    return { FromPort: type, ToPort: code };
  }
  return from === undefined && to === undefined ? {} : { FromPort: from, ToPort: to };
}

function cidr4(text: string | undefined): string {
  const c = text === undefined ? undefined : parseCidr(text);
  if (!c) throw invalidValue(`CIDR block ${text} is malformed`);
  return cidrString(c);
}

function cidr6(text: string | undefined): string {
  if (!text || !/^[0-9a-fA-F:]+\/\d{1,3}$/.test(text) || !text.includes(':') || Number(text.split('/')[1]) > 128) throw invalidValue(`CIDR block ${text} is malformed`);
  return text.toLowerCase();
}

/** Resolves a group pair's GroupId or GroupName (in the given VPC) to an existing group. */
function referencedGroup(ctx: Ctx, pair: Doc, vpcId: string): { GroupId: string; UserId: string } {
  if (pair.GroupId !== undefined) {
    const g = find(ctx, 'sg', pair.GroupId);
    if (!g) throw ec2Error('InvalidGroup.NotFound', pair.GroupId);
    return { GroupId: g.id, UserId: pair.UserId ?? ctx.accountId };
  }
  if (pair.GroupName !== undefined) {
    const g = listKind(ctx.platform.storage, where(ctx), 'sg').find((x) => x.doc.GroupName === pair.GroupName && x.doc.VpcId === vpcId);
    if (!g) throw ec2Error('InvalidGroup.NotFound', pair.GroupName);
    return { GroupId: g.id, UserId: pair.UserId ?? ctx.accountId };
  }
  throw ec2Error('MissingParameter', 'GroupId');
}

export interface PermissionInput {
  IpPermissions?: Doc[];
  CidrIp?: string; FromPort?: number; ToPort?: number; IpProtocol?: string;
  SourceSecurityGroupName?: string; SourceSecurityGroupOwnerId?: string;
}

/** Every rule a request asks for, one source each. */
export function ruleSpecs(ctx: Ctx, input: PermissionInput, vpcId: string): RuleSpec[] {
  const perms: Doc[] = [...(input.IpPermissions ?? [])];
  if (input.CidrIp !== undefined || input.IpProtocol !== undefined || input.SourceSecurityGroupName !== undefined) {
    perms.push({
      IpProtocol: input.IpProtocol ?? '-1', FromPort: input.FromPort, ToPort: input.ToPort,
      IpRanges: input.CidrIp !== undefined ? [{ CidrIp: input.CidrIp }] : [],
      UserIdGroupPairs: input.SourceSecurityGroupName !== undefined ? [{ GroupName: input.SourceSecurityGroupName, UserId: input.SourceSecurityGroupOwnerId }] : [],
    });
  }
  if (!perms.length) throw ec2Error('MissingParameter', 'IpPermissions');
  const out: RuleSpec[] = [];
  for (const p of perms) {
    const IpProtocol = normalizeProtocol(p.IpProtocol);
    const base = { IpProtocol, ...ports(IpProtocol, p.FromPort, p.ToPort) };
    const desc = (d: Doc) => (d.Description === undefined ? {} : { Description: d.Description });
    for (const r of p.IpRanges ?? []) out.push({ ...base, CidrIpv4: cidr4(r.CidrIp), ...desc(r) });
    for (const r of p.Ipv6Ranges ?? []) out.push({ ...base, CidrIpv6: cidr6(r.CidrIpv6), ...desc(r) });
    for (const r of p.PrefixListIds ?? []) {
      if (r.PrefixListId === undefined) throw ec2Error('MissingParameter', 'PrefixListId');
      out.push({ ...base, PrefixListId: requirePrefixList(ctx, r.PrefixListId).id, ...desc(r) });
    }
    for (const r of p.UserIdGroupPairs ?? []) out.push({ ...base, ReferencedGroupInfo: referencedGroup(ctx, r, vpcId), ...desc(r) });
  }
  if (!out.length) throw ec2Error('MissingParameter', 'IpPermissions.IpRanges');
  return out;
}

/** The group a call names by GroupId, or by GroupName in the default VPC. */
export function groupOf(ctx: Ctx, input: { GroupId?: string; GroupName?: string }) {
  if (input.GroupId !== undefined) {
    const g = find(ctx, 'sg', input.GroupId);
    if (!g) {
      if (!/^sg-[0-9a-f]{8,17}$/.test(input.GroupId)) throw ec2Error('InvalidGroupId.Malformed', input.GroupId);
      throw ec2Error('InvalidGroup.NotFound', input.GroupId);
    }
    return g;
  }
  if (input.GroupName !== undefined) {
    const vpc = defaultVpc(ctx);
    const g = listKind(ctx.platform.storage, where(ctx), 'sg').find((x) => x.doc.GroupName === input.GroupName && x.doc.VpcId === vpc?.id);
    if (!g) throw ec2ErrorSaying('InvalidGroup.NotFound', `The security group '${input.GroupName}' does not exist in default VPC '${vpc?.id ?? 'none'}'`);
    return g;
  }
  throw ec2Error('MissingParameter', 'GroupId');
}
