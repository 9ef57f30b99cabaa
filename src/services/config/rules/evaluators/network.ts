// Volumes, Elastic IPs, VPCs (flow logs), subnets, network ACLs, route tables and internet gateways.
import { compliant, csv, field, list, nonCompliant, notApplicable, truthy } from '../fields';
import type { Evaluation, ManagedRule } from '../types';
import { OPEN_IPV4, OPEN_IPV6 } from './ports';

const encryptedVolumes: ManagedRule = {
  identifier: 'ENCRYPTED_VOLUMES',
  resourceTypes: ['AWS::EC2::Volume'],
  evaluateItem(item, ctx) {
    const c = item.configuration;
    if (!list(field(c, 'attachments')).length) return notApplicable(item); // only attached volumes are judged
    if (!truthy(field(c, 'encrypted'))) return nonCompliant(item, 'The attached volume is not encrypted.');
    const kmsId = ctx.parameters.kmsId;
    const key = String(field(c, 'kmsKeyId') ?? '');
    if (kmsId && key !== kmsId && !key.endsWith(`/${kmsId}`)) return nonCompliant(item, `The volume is not encrypted with the KMS key ${kmsId}.`);
    return compliant(item);
  },
};

const volumeInUse: ManagedRule = {
  identifier: 'EC2_VOLUME_INUSE_CHECK',
  resourceTypes: ['AWS::EC2::Volume'],
  evaluateItem(item, ctx) {
    const flag = ctx.parameters.deleteOnTermination;
    // AWS: values other than true/false make the rule NON_COMPLIANT.
    if (flag !== undefined && flag !== '' && !/^(true|false)$/i.test(flag)) return nonCompliant(item, `The deleteOnTermination parameter '${flag}' is not true or false.`);
    const attachments = list(field(item.configuration, 'attachments'));
    // An attachment to a terminated instance does not count (AWS: "or is attached to a terminated EC2 instance").
    const live = attachments.filter((a) => {
      const instance = ctx.items.get('AWS::EC2::Instance', String(field(a, 'instanceId')));
      return field(field(instance?.configuration, 'state'), 'name') !== 'terminated';
    });
    if (!live.length) return nonCompliant(item, 'The volume is not attached to a running or stopped instance.');
    if (truthy(flag) && live.some((a) => !truthy(field(a, 'deleteOnTermination')))) {
      return nonCompliant(item, 'The volume is not marked for deletion when its instance terminates.');
    }
    return compliant(item);
  },
};

const eipAttached: ManagedRule = {
  identifier: 'EIP_ATTACHED',
  resourceTypes: ['AWS::EC2::EIP'],
  evaluateItem(item) {
    const c = item.configuration;
    const used = field(c, 'associationId') || field(c, 'instanceId') || field(c, 'networkInterfaceId');
    return used ? compliant(item) : nonCompliant(item, 'The Elastic IP address is not attached to an instance or a network interface.');
  },
};

// AWS::EC2::FlowLog items name the resource they log in configuration.resourceId.
const vpcFlowLogsEnabled: ManagedRule = {
  identifier: 'VPC_FLOW_LOGS_ENABLED',
  resourceTypes: ['AWS::EC2::VPC'],
  evaluatePeriodic(ctx) {
    const wanted = ctx.parameters.trafficType?.toUpperCase();
    const logged = new Set<string>();
    for (const log of ctx.items.byType('AWS::EC2::FlowLog')) {
      const c = log.configuration;
      if (!c) continue;
      const type = String(field(c, 'trafficType') ?? '').toUpperCase();
      if (wanted && type !== wanted && type !== 'ALL') continue;
      logged.add(String(field(c, 'resourceId')));
    }
    const out: Evaluation[] = [];
    for (const vpc of ctx.items.byType('AWS::EC2::VPC')) {
      if (!vpc.configuration) continue;
      out.push(...(logged.has(vpc.resourceId) ? compliant(vpc) : nonCompliant(vpc, wanted ? `No flow log with traffic type ${wanted} is enabled for the VPC.` : 'No flow log is enabled for the VPC.')));
    }
    return out;
  },
};

const subnetAutoAssignPublicIpDisabled: ManagedRule = {
  identifier: 'SUBNET_AUTO_ASSIGN_PUBLIC_IP_DISABLED',
  resourceTypes: ['AWS::EC2::Subnet'],
  evaluateItem: (item) =>
    truthy(field(item.configuration, 'mapPublicIpOnLaunch')) ? nonCompliant(item, 'The subnet assigns public IP addresses on launch.') : compliant(item),
};

const naclNoUnrestrictedSshRdp: ManagedRule = {
  identifier: 'NACL_NO_UNRESTRICTED_SSH_RDP',
  resourceTypes: ['AWS::EC2::NetworkAcl'],
  evaluateItem(item) {
    const open = list(field(item.configuration, 'entries')).filter((e) => {
      if (truthy(field(e, 'egress')) || field(e, 'ruleAction') !== 'allow') return false;
      if (![OPEN_IPV4].includes(field(e, 'cidrBlock')) && field(e, 'ipv6CidrBlock') !== OPEN_IPV6) return false;
      const protocol = String(field(e, 'protocol'));
      if (protocol === '-1') return true;
      if (protocol !== '6' && protocol !== 'tcp') return false;
      const from = Number(field(field(e, 'portRange'), 'from') ?? 0);
      const to = Number(field(field(e, 'portRange'), 'to') ?? 65535);
      return (from <= 22 && 22 <= to) || (from <= 3389 && 3389 <= to);
    });
    return open.length ? nonCompliant(item, 'The network ACL allows unrestricted inbound traffic to SSH (22) or RDP (3389).') : compliant(item);
  },
};

const naclUnused: ManagedRule = {
  identifier: 'VPC_NETWORK_ACL_UNUSED_CHECK',
  resourceTypes: ['AWS::EC2::NetworkAcl'],
  evaluateItem: (item) =>
    list(field(item.configuration, 'associations')).length ? compliant(item) : nonCompliant(item, 'The network ACL is not associated with any subnet.'),
};

const noUnrestrictedRouteToIgw: ManagedRule = {
  identifier: 'NO_UNRESTRICTED_ROUTE_TO_IGW',
  resourceTypes: ['AWS::EC2::RouteTable'],
  evaluateItem(item, ctx) {
    if (csv(ctx.parameters.routeTableIds).includes(item.resourceId)) return compliant(item);
    const open = list(field(item.configuration, 'routes')).filter((r) =>
      String(field(r, 'gatewayId') ?? '').startsWith('igw-') &&
      (field(r, 'destinationCidrBlock') === OPEN_IPV4 || field(r, 'destinationIpv6CidrBlock') === OPEN_IPV6));
    return open.length
      ? nonCompliant(item, `The route table routes ${open.map((r) => field(r, 'destinationCidrBlock') ?? field(r, 'destinationIpv6CidrBlock')).join(', ')} to an internet gateway.`)
      : compliant(item);
  },
};

const igwAuthorizedVpcOnly: ManagedRule = {
  identifier: 'INTERNET_GATEWAY_AUTHORIZED_VPC_ONLY',
  resourceTypes: ['AWS::EC2::InternetGateway'],
  evaluateItem(item, ctx) {
    const vpcs = list(field(item.configuration, 'attachments')).map((a) => String(field(a, 'vpcId')));
    if (!vpcs.length) return notApplicable(item);
    const allowed = csv(ctx.parameters.AuthorizedVpcIds);
    const bad = vpcs.filter((v) => !allowed.includes(v));
    return bad.length ? nonCompliant(item, `The internet gateway is attached to unauthorized VPC(s): ${bad.join(', ')}.`) : compliant(item);
  },
};

export const NETWORK_RULES: ManagedRule[] = [
  encryptedVolumes, volumeInUse, eipAttached, vpcFlowLogsEnabled, subnetAutoAssignPublicIpDisabled,
  naclNoUnrestrictedSshRdp, naclUnused, noUnrestrictedRouteToIgw, igwAuthorizedVpcOnly,
];
