// What every VPC comes with (main route table, default network ACL, default security group), and
// the default VPC AWS gives each account in each region: 172.31.0.0/16, a /20 default subnet per
// zone, an attached internet gateway and a 0.0.0.0/0 route to it.
import { cidrString, parseCidr } from './cidr';
import { create, newId, recordCreated, save, where, type Ctx } from './resources';
import { findResource, listKind, markRegionReady, type Doc, type Resource } from './store';
import { zonesOf } from './regions';
import { addRule } from './sg-rules';

export function aclEntries(): Doc[] {
  const entry = (Egress: boolean, RuleNumber: number, RuleAction: string) => ({ CidrBlock: '0.0.0.0/0', Egress, Protocol: '-1', RuleAction, RuleNumber });
  return [entry(true, 100, 'allow'), entry(true, 32767, 'deny'), entry(false, 100, 'allow'), entry(false, 32767, 'deny')];
}

/** The default DHCP options set of the region (domain name as AWS gives it), made once. */
function defaultDhcpOptions(ctx: Ctx): string {
  const existing = listKind(ctx.platform.storage, where(ctx), 'dopt')[0];
  if (existing) return existing.id;
  const domain = ctx.region === 'us-east-1' ? 'ec2.internal' : `${ctx.region}.compute.internal`;
  const id = newId('dopt');
  create(ctx, 'dopt', id, {
    DhcpOptionsId: id, OwnerId: ctx.accountId,
    DhcpConfigurations: [{ Key: 'domain-name', Values: [{ Value: domain }] }, { Key: 'domain-name-servers', Values: [{ Value: 'AmazonProvidedDNS' }] }],
  });
  return id;
}

export interface NewVpc { cidr: string; isDefault: boolean; tenancy?: string; ipv6?: Doc }

/** Creates a VPC and what comes with it; returns the VPC before its creation is recorded. */
export function createVpcWithDefaults(ctx: Ctx, spec: NewVpc): Resource {
  const vpcId = newId('vpc');
  const vpc = create(ctx, 'vpc', vpcId, {
    CidrBlock: spec.cidr, DhcpOptionsId: defaultDhcpOptions(ctx), State: 'available', VpcId: vpcId,
    OwnerId: ctx.accountId, InstanceTenancy: spec.tenancy ?? 'default',
    CidrBlockAssociationSet: [{ AssociationId: newId('vpc-cidr-assoc'), CidrBlock: spec.cidr, CidrBlockState: { State: 'associated' } }],
    ...(spec.ipv6 ? { Ipv6CidrBlockAssociationSet: [spec.ipv6] } : {}),
    IsDefault: spec.isDefault, BlockPublicAccessStates: { InternetGatewayBlockMode: 'off' },
    _enableDnsSupport: true, _enableDnsHostnames: spec.isDefault, _enableNetworkAddressUsageMetrics: false,
  });
  const rtbId = newId('rtb');
  recordCreated(ctx, create(ctx, 'rtb', rtbId, {
    Associations: [{ Main: true, RouteTableAssociationId: newId('rtbassoc'), RouteTableId: rtbId, AssociationState: { State: 'associated' } }],
    PropagatingVgws: [], RouteTableId: rtbId, VpcId: vpcId, OwnerId: ctx.accountId,
    Routes: [{ DestinationCidrBlock: spec.cidr, GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' }],
  }, vpcId));
  const aclId = newId('acl');
  recordCreated(ctx, create(ctx, 'acl', aclId, { Associations: [], Entries: aclEntries(), IsDefault: true, NetworkAclId: aclId, VpcId: vpcId, OwnerId: ctx.accountId }, vpcId));
  const sgId = newId('sg');
  const sg = create(ctx, 'sg', sgId, {
    Description: 'default VPC security group', GroupName: 'default', GroupId: sgId, OwnerId: ctx.accountId, VpcId: vpcId,
    SecurityGroupArn: `arn:aws:ec2:${ctx.region}:${ctx.accountId}:security-group/${sgId}`,
  }, vpcId);
  addRule(ctx, sg, false, { IpProtocol: '-1', ReferencedGroupInfo: { GroupId: sgId, UserId: ctx.accountId } });
  addRule(ctx, sg, true, { IpProtocol: '-1', CidrIpv4: '0.0.0.0/0' });
  recordCreated(ctx, sg);
  return vpc;
}

/** The main route table of a VPC, and its default network ACL. */
export function mainRouteTable(ctx: Ctx, vpcId: string): Resource | undefined {
  return listKind(ctx.platform.storage, where(ctx), 'rtb').find((r) => r.doc.VpcId === vpcId && r.doc.Associations.some((a: Doc) => a.Main));
}

export function defaultAcl(ctx: Ctx, vpcId: string): Resource | undefined {
  return listKind(ctx.platform.storage, where(ctx), 'acl').find((r) => r.doc.VpcId === vpcId && r.doc.IsDefault);
}

export function defaultVpc(ctx: Ctx): Resource | undefined {
  return listKind(ctx.platform.storage, where(ctx), 'vpc').find((v) => v.doc.IsDefault);
}

/** A subnet's document, associated with its VPC's default network ACL. */
export function createSubnetRecord(ctx: Ctx, vpc: Resource, spec: { cidr: string; zone: { name: string; id: string }; defaultForAz: boolean }): Resource {
  const subnetId = newId('subnet');
  const subnet = create(ctx, 'subnet', subnetId, {
    AvailabilityZone: spec.zone.name, AvailabilityZoneId: spec.zone.id, AvailableIpAddressCount: 0, CidrBlock: spec.cidr,
    DefaultForAz: spec.defaultForAz, MapPublicIpOnLaunch: spec.defaultForAz, State: 'available', SubnetId: subnetId,
    VpcId: vpc.id, OwnerId: ctx.accountId, AssignIpv6AddressOnCreation: false, Ipv6CidrBlockAssociationSet: [], MapCustomerOwnedIpOnLaunch: false,
    SubnetArn: `arn:aws:ec2:${ctx.region}:${ctx.accountId}:subnet/${subnetId}`, EnableDns64: false, Ipv6Native: false,
    PrivateDnsNameOptionsOnLaunch: { HostnameType: 'ip-name', EnableResourceNameDnsARecord: false, EnableResourceNameDnsAAAARecord: false },
    BlockPublicAccessStates: { InternetGatewayBlockMode: 'off' },
  }, vpc.id);
  const acl = defaultAcl(ctx, vpc.id);
  if (acl) {
    const assoc = { NetworkAclAssociationId: newId('aclassoc'), NetworkAclId: acl.id, SubnetId: subnetId };
    save(ctx, acl, { ...acl.doc, Associations: [...acl.doc.Associations, assoc] });
  }
  return subnet;
}

/** On an account's first EC2 call in a region: the default VPC, as AWS sets one up. */
export function ensureDefaultVpc(ctx: Ctx): void {
  if (!markRegionReady(ctx.platform.storage, where(ctx))) return;
  const vpc = createVpcWithDefaults(ctx, { cidr: '172.31.0.0/16', isDefault: true });
  zonesOf(ctx.region).forEach((zone, i) => {
    const cidr = cidrString({ base: parseCidr('172.31.0.0/16')!.base + i * 4096, prefix: 20 });
    recordCreated(ctx, createSubnetRecord(ctx, vpc, { cidr, zone, defaultForAz: true }));
  });
  const igwId = newId('igw');
  recordCreated(ctx, create(ctx, 'igw', igwId, { Attachments: [{ State: 'available', VpcId: vpc.id }], InternetGatewayId: igwId, OwnerId: ctx.accountId }));
  const rtb = mainRouteTable(ctx, vpc.id)!;
  save(ctx, rtb, { ...rtb.doc, Routes: [...rtb.doc.Routes, { DestinationCidrBlock: '0.0.0.0/0', GatewayId: igwId, Origin: 'CreateRoute', State: 'active' }] });
  recordCreated(ctx, findResource(ctx.platform.storage, where(ctx), vpc.id)!);
}

