// Security group and network ACL rules as plain ranges: which protocol, which ports, open to which
// CIDRs. AWS's items carry ipRanges as strings and ipv4Ranges as {cidrIp}; kanri's carry ipRanges
// as {cidrIp} (the Describe shape): both are read.
import { field, list } from '../fields';

export interface OpenRange {
  protocol: string; // tcp, udp, icmp, -1 (all) or a number
  from: number; // -1 / undefined ports mean every port
  to: number;
  ipv4: string[];
  ipv6: string[];
}

const PROTOCOL_NAMES: Record<string, string> = { '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6', all: '-1' };
export const protocolName = (p: unknown): string => {
  const s = String(p ?? '-1').toLowerCase();
  return PROTOCOL_NAMES[s] ?? s;
};

const cidrOf = (r: unknown, key: string): string | undefined => (typeof r === 'string' ? r : field(r, key));

export function permissions(config: any, egress = false): OpenRange[] {
  return list(field(config, egress ? 'ipPermissionsEgress' : 'ipPermissions')).map((p: any) => {
    const protocol = protocolName(field(p, 'ipProtocol'));
    const all = protocol === '-1' || field(p, 'fromPort') == null || Number(field(p, 'fromPort')) === -1;
    const ipv4 = new Set<string>();
    for (const r of [...list(field(p, 'ipRanges')), ...list(field(p, 'ipv4Ranges'))]) {
      const c = cidrOf(r, 'cidrIp');
      if (c) ipv4.add(c);
    }
    const ipv6 = new Set<string>();
    for (const r of list(field(p, 'ipv6Ranges'))) {
      const c = cidrOf(r, 'cidrIpv6');
      if (c) ipv6.add(c);
    }
    return {
      protocol,
      from: all ? 0 : Number(field(p, 'fromPort')),
      to: all ? 65535 : Number(field(p, 'toPort') ?? field(p, 'fromPort')),
      ipv4: [...ipv4],
      ipv6: [...ipv6],
    };
  });
}

export const OPEN_IPV4 = '0.0.0.0/0';
export const OPEN_IPV6 = '::/0';
export const isOpenToWorld = (r: OpenRange) => r.ipv4.includes(OPEN_IPV4) || r.ipv6.includes(OPEN_IPV6);

/** Does the range let TCP (or all traffic) reach the port? */
export const coversTcpPort = (r: OpenRange, port: number) => (r.protocol === 'tcp' || r.protocol === '-1') && r.from <= port && port <= r.to;

/** "1-1024,8080" as [from, to] pairs; an unusable token makes the whole parameter unusable. */
export function portRanges(text: string | undefined): [number, number][] | undefined {
  const out: [number, number][] = [];
  for (const token of (text ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(token);
    if (!m) return undefined;
    const from = Number(m[1]);
    const to = Number(m[2] ?? m[1]);
    if (from > to || to > 65535) return undefined;
    out.push([from, to]);
  }
  return out;
}

export const within = (from: number, to: number, ranges: [number, number][]) => ranges.some(([a, b]) => a <= from && to <= b);
