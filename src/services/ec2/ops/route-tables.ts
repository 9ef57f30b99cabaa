// Route tables: routes to gateways, NAT gateways, instances and interfaces; subnet associations and
// the VPC's main association.
import { cidrString, parseCidr } from '../cidr';
import { describe, type DescribeInput } from '../describe';
import { dependency, ec2Error, invalidValue } from '../errors';
import type { FieldMap } from '../filters';
import { kindOfId } from '../kinds';
import { requirePrefixList } from '../prefix-lists';
import { create, get, newId, recordCreated, remove, save, where, type Ctx } from '../resources';
import { listKind, type Doc, type Resource } from '../store';
import { tagOnCreate, type TagSpecification } from '../tagging';

const routes = (t: Doc): Doc[] => t.Routes ?? [];
const assocs = (t: Doc): Doc[] => t.Associations ?? [];

const RTB_FIELDS: FieldMap<Doc> = {
  'association.gateway-id': (t) => assocs(t).map((a) => a.GatewayId),
  'association.route-table-association-id': (t) => assocs(t).map((a) => a.RouteTableAssociationId),
  'association.route-table-id': (t) => assocs(t).map((a) => a.RouteTableId),
  'association.subnet-id': (t) => assocs(t).map((a) => a.SubnetId),
  'association.main': (t) => assocs(t).map((a) => a.Main),
  'owner-id': (t) => t.OwnerId,
  'route-table-id': (t) => t.RouteTableId,
  'route.destination-cidr-block': (t) => routes(t).map((r) => r.DestinationCidrBlock),
  'route.destination-ipv6-cidr-block': (t) => routes(t).map((r) => r.DestinationIpv6CidrBlock),
  'route.destination-prefix-list-id': (t) => routes(t).map((r) => r.DestinationPrefixListId),
  'route.egress-only-internet-gateway-id': (t) => routes(t).map((r) => r.EgressOnlyInternetGatewayId),
  'route.gateway-id': (t) => routes(t).map((r) => r.GatewayId),
  'route.instance-id': (t) => routes(t).map((r) => r.InstanceId),
  'route.nat-gateway-id': (t) => routes(t).map((r) => r.NatGatewayId),
  'route.transit-gateway-id': (t) => routes(t).map((r) => r.TransitGatewayId),
  'route.origin': (t) => routes(t).map((r) => r.Origin),
  'route.state': (t) => routes(t).map((r) => r.State),
  'route.vpc-peering-connection-id': (t) => routes(t).map((r) => r.VpcPeeringConnectionId),
  'vpc-id': (t) => t.VpcId,
};

export function createRouteTable(input: { VpcId: string; ClientToken?: string; TagSpecifications?: TagSpecification[] }, ctx: Ctx) {
  const vpc = get(ctx, 'vpc', input.VpcId);
  const id = newId('rtb');
  const local: Doc[] = vpc.doc.CidrBlockAssociationSet.map((a: Doc) => ({ DestinationCidrBlock: a.CidrBlock, GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' }));
  for (const a of vpc.doc.Ipv6CidrBlockAssociationSet ?? []) local.push({ DestinationIpv6CidrBlock: a.Ipv6CidrBlock, GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' });
  const rtb = create(ctx, 'rtb', id, { Associations: [], PropagatingVgws: [], RouteTableId: id, Routes: local, VpcId: vpc.id, OwnerId: ctx.accountId }, vpc.id);
  tagOnCreate(ctx, rtb, input.TagSpecifications);
  return { RouteTable: recordCreated(ctx, rtb), ClientToken: input.ClientToken };
}

export function deleteRouteTable(input: { RouteTableId: string }, ctx: Ctx) {
  const rtb = get(ctx, 'rtb', input.RouteTableId);
  if (assocs(rtb.doc).length) throw dependency(`The routeTable '${rtb.id}' has dependencies and cannot be deleted.`);
  remove(ctx, rtb);
  return {};
}

export function describeRouteTables(input: DescribeInput & { RouteTableIds?: string[] }, ctx: Ctx) {
  const { items, nextToken } = describe(ctx, { kind: 'rtb', ids: input.RouteTableIds, fields: RTB_FIELDS }, input);
  return { RouteTables: items, NextToken: nextToken };
}

interface RouteInput extends Record<string, any> {
  RouteTableId: string; DestinationCidrBlock?: string; DestinationIpv6CidrBlock?: string; DestinationPrefixListId?: string;
}

function destinationOf(ctx: Ctx, input: RouteInput): { key: string; value: string } {
  if (input.DestinationCidrBlock !== undefined) {
    const c = parseCidr(input.DestinationCidrBlock);
    if (!c) throw invalidValue(`Value (${input.DestinationCidrBlock}) for parameter destinationCidrBlock is invalid. This is not a valid CIDR block.`);
    return { key: 'DestinationCidrBlock', value: cidrString(c) };
  }
  if (input.DestinationIpv6CidrBlock !== undefined) return { key: 'DestinationIpv6CidrBlock', value: input.DestinationIpv6CidrBlock.toLowerCase() };
  if (input.DestinationPrefixListId !== undefined) return { key: 'DestinationPrefixListId', value: requirePrefixList(ctx, input.DestinationPrefixListId).id };
  throw ec2Error('MissingParameter', 'destinationCidrBlock');
}

const TARGETS = ['GatewayId', 'NatGatewayId', 'EgressOnlyInternetGatewayId', 'InstanceId', 'NetworkInterfaceId', 'VpcPeeringConnectionId',
  'TransitGatewayId', 'VpcEndpointId', 'CarrierGatewayId', 'LocalGatewayId', 'CoreNetworkArn'];

/** The route's target members, checked against what exists and belongs to the table's VPC. */
function targetOf(ctx: Ctx, rtb: Resource, input: RouteInput): Doc {
  const given = TARGETS.filter((t) => input[t] !== undefined);
  if (given.length !== 1) throw ec2Error('InvalidParameterCombination', given.length ? 'More than one target specified' : 'The request must contain exactly one of gatewayId, natGatewayId, networkInterfaceId, vpcPeeringConnectionId, egressOnlyInternetGatewayId, transitGatewayId, instanceId, localGatewayId, carrierGatewayId or coreNetworkArn');
  const member = given[0];
  const id: string = input[member];
  const kind = member === 'GatewayId' ? kindOfId(id) : ({ NatGatewayId: 'nat', EgressOnlyInternetGatewayId: 'eigw', InstanceId: 'i', NetworkInterfaceId: 'eni', VpcPeeringConnectionId: 'pcx' } as Record<string, string>)[member];
  if (kind === 'igw') {
    const igw = get(ctx, 'igw', id);
    if (!igw.doc.Attachments.some((a: Doc) => a.VpcId === rtb.doc.VpcId)) throw invalidValue(`route table ${rtb.id} and network gateway ${id} belong to different networks`);
    return { GatewayId: id };
  }
  if (member === 'GatewayId' && kind !== 'vgw') throw ec2Error('InvalidGatewayID.NotFound', id);
  if (kind === 'nat' || kind === 'eigw' || kind === 'eni' || kind === 'pcx') get(ctx, kind, id);
  if (kind === 'i') {
    const inst = get(ctx, 'i', id);
    return { InstanceId: id, InstanceOwnerId: ctx.accountId, NetworkInterfaceId: inst.doc.NetworkInterfaces?.[0]?.NetworkInterfaceId };
  }
  return { [member]: id };
}

export function createRoute(input: RouteInput, ctx: Ctx) {
  const rtb = get(ctx, 'rtb', input.RouteTableId);
  const dest = destinationOf(ctx, input);
  if (routes(rtb.doc).some((r) => r[dest.key] === dest.value)) throw ec2Error('RouteAlreadyExists', dest.value);
  const route = { [dest.key]: dest.value, ...targetOf(ctx, rtb, input), Origin: 'CreateRoute', State: 'active' };
  save(ctx, rtb, { ...rtb.doc, Routes: [...routes(rtb.doc), route] });
  return { Return: true };
}

export function replaceRoute(input: RouteInput, ctx: Ctx) {
  const rtb = get(ctx, 'rtb', input.RouteTableId);
  const dest = destinationOf(ctx, input);
  const index = routes(rtb.doc).findIndex((r) => r[dest.key] === dest.value);
  if (index < 0) throw invalidValue(`There is no route defined for '${dest.value}' in the route table. Use CreateRoute instead.`);
  const next = [...routes(rtb.doc)];
  next[index] = { [dest.key]: dest.value, ...targetOf(ctx, rtb, input), Origin: 'CreateRoute', State: 'active' };
  save(ctx, rtb, { ...rtb.doc, Routes: next });
  return {};
}

export function deleteRoute(input: RouteInput, ctx: Ctx) {
  const rtb = get(ctx, 'rtb', input.RouteTableId);
  const dest = destinationOf(ctx, input);
  const route = routes(rtb.doc).find((r) => r[dest.key] === dest.value);
  if (!route) throw ec2Error('InvalidRoute.NotFound', dest.value, rtb.id);
  if (route.GatewayId === 'local') throw invalidValue(`cannot remove local route ${dest.value} in route table ${rtb.id}`);
  if (route.GatewayId?.startsWith('vpce-')) throw invalidValue(`Route ${dest.value} in route table ${rtb.id} belongs to VPC endpoint ${route.GatewayId}; modify the endpoint's route tables instead.`);
  save(ctx, rtb, { ...rtb.doc, Routes: routes(rtb.doc).filter((r) => r !== route) });
  return {};
}

export function associateRouteTable(input: { RouteTableId: string; SubnetId?: string; GatewayId?: string }, ctx: Ctx) {
  const rtb = get(ctx, 'rtb', input.RouteTableId);
  const assoc: Doc = { Main: false, RouteTableAssociationId: newId('rtbassoc'), RouteTableId: rtb.id, AssociationState: { State: 'associated' } };
  const tables = listKind(ctx.platform.storage, where(ctx), 'rtb');
  if (input.SubnetId !== undefined) {
    const subnet = get(ctx, 'subnet', input.SubnetId);
    if (subnet.doc.VpcId !== rtb.doc.VpcId) throw invalidValue(`Route table ${rtb.id} and subnet ${subnet.id} belong to different networks`);
    if (tables.some((t) => assocs(t.doc).some((a) => a.SubnetId === subnet.id))) {
      throw ec2Error('Resource.AlreadyAssociated', subnet.id, rtb.doc.VpcId);
    }
    assoc.SubnetId = subnet.id;
  } else if (input.GatewayId !== undefined) {
    get(ctx, 'igw', input.GatewayId);
    assoc.GatewayId = input.GatewayId;
  } else {
    throw ec2Error('MissingParameter', 'SubnetId');
  }
  save(ctx, rtb, { ...rtb.doc, Associations: [...assocs(rtb.doc), assoc] });
  return { AssociationId: assoc.RouteTableAssociationId, AssociationState: { State: 'associated' } };
}

function associationOf(ctx: Ctx, associationId: string): { rtb: Resource; assoc: Doc } {
  for (const rtb of listKind(ctx.platform.storage, where(ctx), 'rtb')) {
    const assoc = assocs(rtb.doc).find((a) => a.RouteTableAssociationId === associationId);
    if (assoc) return { rtb, assoc };
  }
  throw ec2Error('InvalidAssociationID.NotFound', associationId);
}

export function disassociateRouteTable(input: { AssociationId: string }, ctx: Ctx) {
  const { rtb, assoc } = associationOf(ctx, input.AssociationId);
  if (assoc.Main) throw invalidValue(`cannot disassociate the main route table association ${input.AssociationId}`);
  save(ctx, rtb, { ...rtb.doc, Associations: assocs(rtb.doc).filter((a) => a !== assoc) });
  return {};
}

export function replaceRouteTableAssociation(input: { AssociationId: string; RouteTableId: string }, ctx: Ctx) {
  const { rtb: from, assoc } = associationOf(ctx, input.AssociationId);
  const to = get(ctx, 'rtb', input.RouteTableId);
  if (to.doc.VpcId !== from.doc.VpcId) throw invalidValue(`Route table ${to.id} and association ${input.AssociationId} belong to different networks`);
  const moved = { ...assoc, RouteTableAssociationId: newId('rtbassoc'), RouteTableId: to.id };
  save(ctx, from, { ...from.doc, Associations: assocs(from.doc).filter((a) => a !== assoc) });
  const target = from.id === to.id ? get(ctx, 'rtb', to.id) : to;
  save(ctx, target, { ...target.doc, Associations: [...assocs(target.doc), moved] });
  return { NewAssociationId: moved.RouteTableAssociationId, AssociationState: { State: 'associated' } };
}

