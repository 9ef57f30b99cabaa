// Security group rules: SSH, blocked ports, the default group, authorized ports, attachment to ENIs.
import { csv, field, intParam, list, nonCompliant, compliant, notApplicable } from '../fields';
import type { ConfigurationItem, ManagedRule, RuleContext } from '../types';
import { RuleEvaluationError } from '../types';
import { coversTcpPort, isOpenToWorld, permissions, portRanges, within, type OpenRange } from './ports';

const SG = 'AWS::EC2::SecurityGroup';

const incomingSshDisabled: ManagedRule = {
  identifier: 'INCOMING_SSH_DISABLED',
  resourceTypes: [SG],
  evaluateItem(item) {
    const open = permissions(item.configuration).some((r) => isOpenToWorld(r) && coversTcpPort(r, 22));
    return open
      ? nonCompliant(item, 'The security group allows unrestricted incoming SSH traffic (0.0.0.0/0 or ::/0 to TCP port 22).')
      : compliant(item);
  },
};

function blockedPorts(ctx: RuleContext): number[] {
  const ports = new Set<number>();
  for (let i = 1; i <= 5; i++) {
    const p = intParam(ctx.parameters, `blockedPort${i}`);
    if (p !== undefined) ports.add(p);
  }
  for (const token of csv(ctx.parameters.blockedPorts)) {
    const range = portRanges(token);
    if (!range) throw new RuleEvaluationError(`The value '${token}' of parameter blockedPorts is not a valid port.`, 'InvalidParameterValue');
    for (const [a, b] of range) for (let p = a; p <= b && p - a < 65536; p++) ports.add(p);
  }
  return [...ports].sort((a, b) => a - b);
}

const restrictedIncomingTraffic: ManagedRule = {
  identifier: 'RESTRICTED_INCOMING_TRAFFIC',
  resourceTypes: [SG],
  evaluateItem(item, ctx) {
    const ports = blockedPorts(ctx);
    const open = permissions(item.configuration).filter(isOpenToWorld);
    const hit = ports.filter((port) => open.some((r) => coversTcpPort(r, port)));
    return hit.length
      ? nonCompliant(item, `The security group allows unrestricted incoming TCP traffic to blocked port(s) ${hit.join(', ')}.`)
      : compliant(item);
  },
};

const vpcDefaultSecurityGroupClosed: ManagedRule = {
  identifier: 'VPC_DEFAULT_SECURITY_GROUP_CLOSED',
  resourceTypes: [SG],
  evaluateItem(item) {
    if (field(item.configuration, 'groupName') !== 'default') return notApplicable(item);
    const inbound = list(field(item.configuration, 'ipPermissions')).length;
    const outbound = list(field(item.configuration, 'ipPermissionsEgress')).length;
    if (inbound || outbound) {
      return nonCompliant(item, `The default security group has ${inbound} inbound and ${outbound} outbound rule(s); it must have none.`);
    }
    return compliant(item);
  },
};

function authorized(ctx: RuleContext, name: string): [number, number][] {
  const ranges = portRanges(ctx.parameters[name]);
  if (!ranges) throw new RuleEvaluationError(`The value '${ctx.parameters[name]}' of parameter ${name} is not a valid list of ports or port ranges.`, 'InvalidParameterValue');
  return ranges;
}

const vpcSgOpenOnlyToAuthorizedPorts: ManagedRule = {
  identifier: 'VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS',
  resourceTypes: [SG],
  evaluateItem(item, ctx) {
    const tcp = authorized(ctx, 'authorizedTcpPorts');
    const udp = authorized(ctx, 'authorizedUdpPorts');
    const open = permissions(item.configuration).filter(isOpenToWorld);
    if (!open.length) return notApplicable(item); // AWS judges only groups open to 0.0.0.0/0 or ::/0
    const bad = open.filter((r: OpenRange) => {
      if (r.protocol === 'tcp') return !within(r.from, r.to, tcp);
      if (r.protocol === 'udp') return !within(r.from, r.to, udp);
      return true; // all traffic, ICMP or another protocol open to the world is never authorized
    });
    if (!bad.length) return compliant(item);
    const shown = bad.map((r) => (r.protocol === '-1' ? 'all traffic' : `${r.protocol} ${r.from === r.to ? r.from : `${r.from}-${r.to}`}`));
    return nonCompliant(item, `The security group allows unrestricted incoming traffic (0.0.0.0/0 or ::/0) to unauthorized ports: ${shown.join(', ')}.`);
  },
};

function attachedGroups(ctx: RuleContext): Set<string> {
  const ids = new Set<string>();
  for (const eni of ctx.items.byType('AWS::EC2::NetworkInterface')) {
    for (const g of list(field(eni.configuration, 'groups'))) ids.add(String(field(g, 'groupId')));
  }
  return ids;
}

function attachmentVerdict(item: ConfigurationItem, attached: Set<string>) {
  if (field(item.configuration, 'groupName') === 'default') return notApplicable(item);
  return attached.has(item.resourceId)
    ? compliant(item)
    : nonCompliant(item, 'The security group is not attached to any network interface.');
}

const sgAttachedToEni: ManagedRule = {
  identifier: 'EC2_SECURITY_GROUP_ATTACHED_TO_ENI',
  resourceTypes: [SG],
  evaluateItem: (item, ctx) => attachmentVerdict(item, attachedGroups(ctx)),
};

const sgAttachedToEniPeriodic: ManagedRule = {
  identifier: 'EC2_SECURITY_GROUP_ATTACHED_TO_ENI_PERIODIC',
  resourceTypes: [SG],
  evaluatePeriodic(ctx) {
    const attached = attachedGroups(ctx);
    return [...ctx.items.byType(SG)].flatMap((item) => attachmentVerdict(item, attached));
  },
};

export const SECURITY_GROUP_RULES: ManagedRule[] = [
  incomingSshDisabled, restrictedIncomingTraffic, vpcDefaultSecurityGroupClosed, vpcSgOpenOnlyToAuthorizedPorts,
  sgAttachedToEni, sgAttachedToEniPeriodic,
];
