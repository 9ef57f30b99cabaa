// CreateSubnet, DeleteSubnet, DescribeSubnets, ModifySubnetAttribute. A subnet's free address count
// is its size less AWS's five reserved addresses less the network interfaces in it.
import { cidrString, contains, overlaps, parseCidr, RESERVED_PER_SUBNET, size } from '../cidr';
import { describe, type DescribeInput } from '../describe';
import { dependency, ec2Error, invalidValue } from '../errors';
import type { FieldMap } from '../filters';
import { createSubnetRecord } from '../network';
import { findZone, zonesOf } from '../regions';
import { get, recordCreated, registerView, remove, save, where, type Ctx } from '../resources';
import { countChildren, listKind, type Doc } from '../store';
import { tagOnCreate, type TagSpecification } from '../tagging';

registerView('subnet', (ctx, r, shown) => ({
  ...shown,
  AvailableIpAddressCount: size(parseCidr(r.doc.CidrBlock)!) - RESERVED_PER_SUBNET - countChildren(ctx.platform.storage, where(ctx), r.id, 'eni'),
}));

export const SUBNET_FIELDS: FieldMap<Doc> = {
  'availability-zone': (s) => s.AvailabilityZone,
  'availability-zone-id': (s) => s.AvailabilityZoneId,
  'available-ip-address-count': (s) => s.AvailableIpAddressCount,
  'cidr-block': (s) => s.CidrBlock,
  cidr: (s) => s.CidrBlock,
  cidrBlock: (s) => s.CidrBlock,
  'default-for-az': (s) => s.DefaultForAz,
  defaultForAz: (s) => s.DefaultForAz,
  'ipv6-cidr-block-association.ipv6-cidr-block': (s) => s.Ipv6CidrBlockAssociationSet?.map((a: Doc) => a.Ipv6CidrBlock),
  'ipv6-cidr-block-association.association-id': (s) => s.Ipv6CidrBlockAssociationSet?.map((a: Doc) => a.AssociationId),
  'ipv6-cidr-block-association.state': (s) => s.Ipv6CidrBlockAssociationSet?.map((a: Doc) => a.Ipv6CidrBlockState?.State),
  'ipv6-native': (s) => s.Ipv6Native,
  'map-public-ip-on-launch': (s) => s.MapPublicIpOnLaunch,
  'owner-id': (s) => s.OwnerId,
  state: (s) => s.State,
  'subnet-arn': (s) => s.SubnetArn,
  'subnet-id': (s) => s.SubnetId,
  'vpc-id': (s) => s.VpcId,
};

interface CreateSubnetInput {
  VpcId: string; CidrBlock?: string; AvailabilityZone?: string; AvailabilityZoneId?: string; TagSpecifications?: TagSpecification[];
}

export function createSubnet(input: CreateSubnetInput, ctx: Ctx) {
  const vpc = get(ctx, 'vpc', input.VpcId);
  if (input.CidrBlock === undefined) throw ec2Error('MissingParameter', 'CidrBlock');
  const c = parseCidr(input.CidrBlock);
  if (!c) throw invalidValue(`Value (${input.CidrBlock}) for parameter cidrBlock is invalid. This is not a valid CIDR block.`);
  const cidr = cidrString(c);
  const vpcBlocks = (vpc.doc.CidrBlockAssociationSet as Doc[]).map((a) => parseCidr(a.CidrBlock)!);
  if (c.prefix < 16 || c.prefix > 28 || !vpcBlocks.some((b) => contains(b, c))) throw ec2Error('InvalidSubnet.Range', input.CidrBlock);
  const siblings = listKind(ctx.platform.storage, where(ctx), 'subnet').filter((s) => s.doc.VpcId === vpc.id);
  if (siblings.some((s) => overlaps(parseCidr(s.doc.CidrBlock)!, c))) throw ec2Error('InvalidSubnet.Conflict', input.CidrBlock);
  const asked = input.AvailabilityZone ?? input.AvailabilityZoneId;
  const zones = zonesOf(ctx.region);
  const zone = asked === undefined
    // AWS picks a zone; spreading over the least used one is what users see.
    ? [...zones].sort((a, b) => siblings.filter((s) => s.doc.AvailabilityZone === a.name).length - siblings.filter((s) => s.doc.AvailabilityZone === b.name).length)[0]
    : findZone(ctx.region, asked);
  if (!zone) {
    throw invalidValue(`Value (${asked}) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: ${zones.map((z) => z.name).join(', ')}.`);
  }
  const subnet = createSubnetRecord(ctx, vpc, { cidr, zone, defaultForAz: false });
  tagOnCreate(ctx, subnet, input.TagSpecifications);
  return { Subnet: { ...recordCreated(ctx, subnet), State: 'available' } };
}

export function describeSubnets(input: DescribeInput & { SubnetIds?: string[] }, ctx: Ctx) {
  const { items, nextToken } = describe(ctx, { kind: 'subnet', ids: input.SubnetIds, fields: SUBNET_FIELDS }, input);
  return { Subnets: items, NextToken: nextToken };
}

export function deleteSubnet(input: { SubnetId: string }, ctx: Ctx) {
  const subnet = get(ctx, 'subnet', input.SubnetId);
  const s = ctx.platform.storage;
  const w = where(ctx);
  const busy = countChildren(s, w, subnet.id, 'eni') > 0
    || listKind(s, w, 'nat').some((n) => n.doc.SubnetId === subnet.id && n.doc.State !== 'deleted');
  if (busy) throw dependency(`The subnet '${subnet.id}' has dependencies and cannot be deleted.`);
  for (const acl of listKind(s, w, 'acl').filter((a) => a.doc.VpcId === subnet.doc.VpcId)) {
    const kept = acl.doc.Associations.filter((a: Doc) => a.SubnetId !== subnet.id);
    if (kept.length !== acl.doc.Associations.length) save(ctx, acl, { ...acl.doc, Associations: kept });
  }
  for (const rtb of listKind(s, w, 'rtb').filter((r) => r.doc.VpcId === subnet.doc.VpcId)) {
    const kept = rtb.doc.Associations.filter((a: Doc) => a.SubnetId !== subnet.id);
    if (kept.length !== rtb.doc.Associations.length) save(ctx, rtb, { ...rtb.doc, Associations: kept });
  }
  remove(ctx, subnet);
  return {};
}

type BoolValue = { Value?: boolean } | undefined;

export function modifySubnetAttribute(input: Record<string, any> & { SubnetId: string }, ctx: Ctx) {
  const subnet = get(ctx, 'subnet', input.SubnetId);
  const doc: Doc = { ...subnet.doc };
  const flags: Record<string, string> = {
    MapPublicIpOnLaunch: 'MapPublicIpOnLaunch', AssignIpv6AddressOnCreation: 'AssignIpv6AddressOnCreation',
    EnableDns64: 'EnableDns64', MapCustomerOwnedIpOnLaunch: 'MapCustomerOwnedIpOnLaunch',
  };
  let changed = 0;
  for (const [member, field] of Object.entries(flags)) {
    const v = input[member] as BoolValue;
    if (v === undefined) continue;
    if (v.Value === undefined) throw ec2Error('MissingParameter', `${member}.Value`);
    if (member === 'AssignIpv6AddressOnCreation' && v.Value && !doc.Ipv6CidrBlockAssociationSet?.length) {
      throw invalidValue(`Invalid value 'true' for assignIpv6AddressOnCreation: the subnet ${subnet.id} has no IPv6 CIDR block.`);
    }
    doc[field] = v.Value;
    changed++;
  }
  const dns = { ...doc.PrivateDnsNameOptionsOnLaunch };
  if (input.PrivateDnsHostnameTypeOnLaunch !== undefined) { dns.HostnameType = input.PrivateDnsHostnameTypeOnLaunch; changed++; }
  if (input.EnableResourceNameDnsARecordOnLaunch?.Value !== undefined) { dns.EnableResourceNameDnsARecord = input.EnableResourceNameDnsARecordOnLaunch.Value; changed++; }
  if (input.EnableResourceNameDnsAAAARecordOnLaunch?.Value !== undefined) { dns.EnableResourceNameDnsAAAARecord = input.EnableResourceNameDnsAAAARecordOnLaunch.Value; changed++; }
  doc.PrivateDnsNameOptionsOnLaunch = dns;
  if (!changed) throw ec2Error('MissingParameter', 'MapPublicIpOnLaunch');
  save(ctx, subnet, doc);
  return {};
}
