// The resource kinds EC2 keeps, as data: the id prefix, the name DescribeTags and TagSpecifications
// use, the AWS Config type and relationships recorded on change, and the error for an unknown id.
import type { AwsError } from '../../protocol/errors';
import { ec2Error, type Ec2ErrorCode } from './errors';
import type { Doc } from './store';

export interface Relationship { resourceType: string; resourceId: string; name: string }

export interface Kind {
  /** The id prefix (vpc-, subnet-, ...) and the kind's key in ec2_resources. */
  prefix: string;
  /** What TagSpecifications and DescribeTags' resource-type call it. */
  tagType: string;
  /** AWS Config's resource type; kinds Config does not record have none. */
  configType?: string;
  notFound: Ec2ErrorCode;
  relationships?: (doc: Doc) => (Relationship | undefined)[];
}

const rel = (resourceType: string, resourceId: string | undefined, name: string): Relationship | undefined =>
  resourceId ? { resourceType, resourceId, name } : undefined;

export const KINDS: Record<string, Kind> = {
  vpc: { prefix: 'vpc', tagType: 'vpc', configType: 'AWS::EC2::VPC', notFound: 'InvalidVpcID.NotFound' },
  subnet: {
    prefix: 'subnet', tagType: 'subnet', configType: 'AWS::EC2::Subnet', notFound: 'InvalidSubnetID.NotFound',
    relationships: (d) => [rel('AWS::EC2::VPC', d.VpcId, 'Is contained in Vpc')],
  },
  sg: {
    prefix: 'sg', tagType: 'security-group', configType: 'AWS::EC2::SecurityGroup', notFound: 'InvalidGroup.NotFound',
    relationships: (d) => [rel('AWS::EC2::VPC', d.VpcId, 'Is contained in Vpc')],
  },
  sgr: { prefix: 'sgr', tagType: 'security-group-rule', notFound: 'InvalidSecurityGroupRuleId.NotFound' },
  igw: {
    prefix: 'igw', tagType: 'internet-gateway', configType: 'AWS::EC2::InternetGateway', notFound: 'InvalidInternetGatewayID.NotFound',
    relationships: (d) => (d.Attachments ?? []).map((a: Doc) => rel('AWS::EC2::VPC', a.VpcId, 'Is attached to Vpc')),
  },
  eigw: {
    prefix: 'eigw', tagType: 'egress-only-internet-gateway', configType: 'AWS::EC2::EgressOnlyInternetGateway', notFound: 'InvalidEgressOnlyInternetGatewayId.NotFound',
    relationships: (d) => (d.Attachments ?? []).map((a: Doc) => rel('AWS::EC2::VPC', a.VpcId, 'Is attached to Vpc')),
  },
  rtb: {
    prefix: 'rtb', tagType: 'route-table', configType: 'AWS::EC2::RouteTable', notFound: 'InvalidRouteTableID.NotFound',
    relationships: (d) => [
      rel('AWS::EC2::VPC', d.VpcId, 'Is contained in Vpc'),
      ...(d.Associations ?? []).map((a: Doc) => rel('AWS::EC2::Subnet', a.SubnetId, 'Is associated with Subnet')),
      ...(d.Routes ?? []).map((r: Doc) => rel('AWS::EC2::InternetGateway', r.GatewayId?.startsWith('igw-') ? r.GatewayId : undefined, 'Is attached to InternetGateway')),
    ],
  },
  acl: {
    prefix: 'acl', tagType: 'network-acl', configType: 'AWS::EC2::NetworkAcl', notFound: 'InvalidNetworkAclID.NotFound',
    relationships: (d) => [
      rel('AWS::EC2::VPC', d.VpcId, 'Is contained in Vpc'),
      ...(d.Associations ?? []).map((a: Doc) => rel('AWS::EC2::Subnet', a.SubnetId, 'Is attached to Subnet')),
    ],
  },
  pcx: {
    prefix: 'pcx', tagType: 'vpc-peering-connection', configType: 'AWS::EC2::VPCPeeringConnection', notFound: 'InvalidVpcPeeringConnectionID.NotFound',
    relationships: (d) => [rel('AWS::EC2::VPC', d.RequesterVpcInfo?.VpcId, 'Is associated with Vpc'), rel('AWS::EC2::VPC', d.AccepterVpcInfo?.VpcId, 'Is associated with Vpc')],
  },
  dopt: { prefix: 'dopt', tagType: 'dhcp-options', notFound: 'InvalidDhcpOptionID.NotFound' },
  eipalloc: {
    prefix: 'eipalloc', tagType: 'elastic-ip', configType: 'AWS::EC2::EIP', notFound: 'InvalidAllocationID.NotFound',
    relationships: (d) => [rel('AWS::EC2::Instance', d.InstanceId, 'Is attached to Instance'), rel('AWS::EC2::NetworkInterface', d.NetworkInterfaceId, 'Is attached to NetworkInterface')],
  },
  nat: {
    prefix: 'nat', tagType: 'natgateway', configType: 'AWS::EC2::NatGateway', notFound: 'NatGatewayNotFound',
    relationships: (d) => [rel('AWS::EC2::VPC', d.VpcId, 'Is contained in Vpc'), rel('AWS::EC2::Subnet', d.SubnetId, 'Is contained in Subnet')],
  },
  eni: {
    prefix: 'eni', tagType: 'network-interface', configType: 'AWS::EC2::NetworkInterface', notFound: 'InvalidNetworkInterfaceID.NotFound',
    relationships: (d) => [
      rel('AWS::EC2::Instance', d.Attachment?.InstanceId, 'Is attached to Instance'),
      rel('AWS::EC2::Subnet', d.SubnetId, 'Is contained in Subnet'),
      rel('AWS::EC2::VPC', d.VpcId, 'Is contained in Vpc'),
      ...(d.Groups ?? []).map((g: Doc) => rel('AWS::EC2::SecurityGroup', g.GroupId, 'Is associated with SecurityGroup')),
    ],
  },
  i: {
    prefix: 'i', tagType: 'instance', configType: 'AWS::EC2::Instance', notFound: 'InvalidInstanceID.NotFound',
    relationships: (d) => [
      rel('AWS::EC2::Subnet', d.SubnetId, 'Is contained in Subnet'),
      rel('AWS::EC2::VPC', d.VpcId, 'Is contained in Vpc'),
      ...(d.SecurityGroups ?? []).map((g: Doc) => rel('AWS::EC2::SecurityGroup', g.GroupId, 'Is associated with SecurityGroup')),
      ...(d.NetworkInterfaces ?? []).map((n: Doc) => rel('AWS::EC2::NetworkInterface', n.NetworkInterfaceId, 'Is attached to NetworkInterface')),
      ...(d.BlockDeviceMappings ?? []).map((b: Doc) => rel('AWS::EC2::Volume', b.Ebs?.VolumeId, 'Is attached to Volume')),
    ],
  },
  vol: {
    prefix: 'vol', tagType: 'volume', configType: 'AWS::EC2::Volume', notFound: 'InvalidVolume.NotFound',
    relationships: (d) => (d.Attachments ?? []).map((a: Doc) => rel('AWS::EC2::Instance', a.InstanceId, 'Is attached to Instance')),
  },
  snap: { prefix: 'snap', tagType: 'snapshot', notFound: 'InvalidSnapshot.NotFound' },
  key: { prefix: 'key', tagType: 'key-pair', notFound: 'InvalidKeyPair.NotFound' },
  ami: { prefix: 'ami', tagType: 'image', notFound: 'InvalidAMIID.NotFound' },
  pl: { prefix: 'pl', tagType: 'prefix-list', configType: 'AWS::EC2::PrefixList', notFound: 'InvalidPrefixListID.NotFound' },
  vpce: {
    prefix: 'vpce', tagType: 'vpc-endpoint', configType: 'AWS::EC2::VPCEndpoint', notFound: 'InvalidVpcEndpointId.NotFound',
    relationships: (d) => [
      rel('AWS::EC2::VPC', d.VpcId, 'Is contained in Vpc'),
      ...(d.SubnetIds ?? []).map((id: string) => rel('AWS::EC2::Subnet', id, 'Is contained in Subnet')),
      ...(d.RouteTableIds ?? []).map((id: string) => rel('AWS::EC2::RouteTable', id, 'Is associated with RouteTable')),
      ...(d.NetworkInterfaceIds ?? []).map((id: string) => rel('AWS::EC2::NetworkInterface', id, 'Is associated with NetworkInterface')),
      ...(d.Groups ?? []).map((g: Doc) => rel('AWS::EC2::SecurityGroup', g.GroupId, 'Is associated with SecurityGroup')),
    ],
  },
  lt: { prefix: 'lt', tagType: 'launch-template', configType: 'AWS::EC2::LaunchTemplate', notFound: 'InvalidLaunchTemplateId.NotFound' },
  pg: { prefix: 'pg', tagType: 'placement-group', notFound: 'InvalidPlacementGroup.Unknown' },
  fl: {
    prefix: 'fl', tagType: 'vpc-flow-log', configType: 'AWS::EC2::FlowLog', notFound: 'InvalidFlowLogId.NotFound',
    relationships: (d) => [rel('AWS::EC2::VPC', d.ResourceId?.startsWith('vpc-') ? d.ResourceId : undefined, 'Is associated with Vpc')],
  },
};

/** The kind an id names, by its prefix (vpc-0123... -> vpc). */
export function kindOfId(id: string): string | undefined {
  const prefix = id.slice(0, id.lastIndexOf('-'));
  return Object.hasOwn(KINDS, prefix) ? prefix : undefined;
}

export function notFound(kind: string, id: string): AwsError {
  return ec2Error(KINDS[kind].notFound, id);
}
