// VPC endpoints: Gateway endpoints (S3, DynamoDB) route the service's prefix list to the endpoint in
// the given route tables; Interface endpoints take an ENI (an address) in each subnet, with security
// groups, DNS names and, when the VPC resolves names, the service's private DNS name.
import { randomBytes } from 'node:crypto';
import { describe, type DescribeInput } from '../describe';
import { createEni } from '../enis';
import { endpointService, endpointServices, privateDnsNameOf, serviceDetail, type EndpointService } from '../endpoint-services';
import { ec2Error, ec2ErrorSaying, invalidValue } from '../errors';
import { compileFilters, type FieldMap, type Filter } from '../filters';
import { notFound } from '../kinds';
import { paginate } from '../paging';
import { serviceList } from '../prefix-lists';
import { create, find, get, newId, recordCreated, remove, save, where, type Ctx } from '../resources';
import { listKind, type Doc, type Resource } from '../store';
import { tagOnCreate, type TagSpecification } from '../tagging';
import { registerTransition, schedule } from '../timers';

export const DEFAULT_POLICY = JSON.stringify({ Version: '2008-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] });
const PENDING_MS = 30_000;

const VPCE_FIELDS: FieldMap<Doc> = {
  'ip-address-type': (e) => e.IpAddressType,
  'service-name': (e) => e.ServiceName,
  'service-region': (e) => e.ServiceRegion,
  'vpc-id': (e) => e.VpcId,
  'vpc-endpoint-id': (e) => e.VpcEndpointId,
  'vpc-endpoint-state': (e) => e.State,
  'vpc-endpoint-type': (e) => e.VpcEndpointType,
};

function policyOf(text: string | undefined): string {
  if (text === undefined) return DEFAULT_POLICY;
  try {
    const p = JSON.parse(text);
    if (!p || typeof p !== 'object' || Array.isArray(p)) throw new Error('not an object');
  } catch {
    throw ec2ErrorSaying('InvalidPolicyDocument', 'The policy document is not valid JSON.');
  }
  return text;
}

/** Adds or removes the service's prefix-list route to the endpoint in each table. */
function routeTables(ctx: Ctx, vpce: Doc, ids: string[], add: boolean): void {
  const list = serviceList(ctx.region, vpce.ServiceName);
  if (!list) return;
  const pl = list.doc.PrefixListId;
  for (const id of ids) {
    const rtb = get(ctx, 'rtb', id);
    const routes: Doc[] = rtb.doc.Routes ?? [];
    if (add) {
      if (rtb.doc.VpcId !== vpce.VpcId) throw invalidValue(`The route table ${id} does not belong to the VPC ${vpce.VpcId}.`);
      if (routes.some((r) => r.DestinationPrefixListId === pl)) throw ec2Error('RouteAlreadyExists.PrefixList', id, pl);
      save(ctx, rtb, { ...rtb.doc, Routes: [...routes, { DestinationPrefixListId: pl, GatewayId: vpce.VpcEndpointId, Origin: 'CreateRoute', State: 'active' }] });
    } else {
      save(ctx, rtb, { ...rtb.doc, Routes: routes.filter((r) => r.GatewayId !== vpce.VpcEndpointId) });
    }
  }
}

function groupsOf(ctx: Ctx, vpcId: string, ids: string[] | undefined): { GroupId: string; GroupName: string }[] {
  const chosen = ids?.length
    ? ids.map((id) => {
      const g = get(ctx, 'sg', id);
      if (g.doc.VpcId !== vpcId) throw ec2ErrorSaying('InvalidParameter', `Security group ${id} and VPC ${vpcId} belong to different networks.`);
      return g;
    })
    : listKind(ctx.platform.storage, where(ctx), 'sg').filter((g) => g.doc.VpcId === vpcId && g.doc.GroupName === 'default');
  return [...new Map(chosen.map((g) => [g.id, { GroupId: g.id, GroupName: g.doc.GroupName }])).values()];
}

const dnsLabel = () => randomBytes(4).toString('hex');

/** The endpoint's regional and zonal DNS names, and the private name when enabled. */
function dnsEntries(ctx: Ctx, doc: Doc, service: EndpointService, subnets: Resource[]): Doc[] {
  const base = `${doc.VpcEndpointId}-${doc._dnsLabel}.${service.short}.${ctx.region}.vpce.amazonaws.com`;
  const entries: Doc[] = [{ DnsName: base, HostedZoneId: 'Z7HUB22UULQXV' }];
  for (const s of subnets) {
    entries.push({ DnsName: `${doc.VpcEndpointId}-${doc._dnsLabel}-${s.doc.AvailabilityZone}.${service.short}.${ctx.region}.vpce.amazonaws.com`, HostedZoneId: 'Z7HUB22UULQXV' });
  }
  const priv = privateDnsNameOf(ctx.region, service);
  if (doc.PrivateDnsEnabled && priv) entries.push({ DnsName: priv, HostedZoneId: doc._privateZoneId });
  return entries;
}

function subnetsFor(ctx: Ctx, vpcId: string, ids: string[]): Resource[] {
  const subnets = ids.map((id) => get(ctx, 'subnet', id));
  const zones = new Set<string>();
  for (const s of subnets) {
    if (s.doc.VpcId !== vpcId) throw invalidValue(`The subnet ID '${s.id}' does not belong to the VPC '${vpcId}'.`);
    if (zones.has(s.doc.AvailabilityZone)) throw ec2ErrorSaying('DuplicateSubnetsInSameZone', `Found another VPC endpoint subnet in the availability zone of ${s.id}. VPC endpoint subnets should be in different availability zones supported by the VPC endpoint service.`);
    zones.add(s.doc.AvailabilityZone);
  }
  return subnets;
}

function addEnis(ctx: Ctx, doc: Doc, subnets: Resource[]): string[] {
  return subnets.map((s) => {
    const eni = createEni(ctx, s, { groups: doc.Groups, description: `VPC Endpoint Interface ${doc.VpcEndpointId}`, interfaceType: 'vpc_endpoint', requesterManaged: true });
    save(ctx, eni, { ...eni.doc, Status: 'in-use', RequesterId: 'amazon-aws' }, null);
    return eni.id;
  });
}

function removeEnis(ctx: Ctx, ids: string[]): void {
  for (const id of ids) {
    const eni = find(ctx, 'eni', id);
    if (eni) remove(ctx, eni);
  }
}

/** The Interface endpoint's document with its subnets, ENIs and DNS entries recomputed. */
function interfaceDoc(ctx: Ctx, doc: Doc, service: EndpointService, subnetIds: string[], eniIds: string[]): Doc {
  const subnets = subnetIds.map((id) => get(ctx, 'subnet', id));
  return { ...doc, SubnetIds: subnetIds, NetworkInterfaceIds: eniIds, DnsEntries: dnsEntries(ctx, doc, service, subnets) };
}

interface CreateInput {
  VpcId: string; ServiceName: string; VpcEndpointType?: string; PolicyDocument?: string; RouteTableIds?: string[]; SubnetIds?: string[];
  SecurityGroupIds?: string[]; PrivateDnsEnabled?: boolean; IpAddressType?: string; TagSpecifications?: TagSpecification[]; ClientToken?: string;
}

export function createVpcEndpoint(input: CreateInput, ctx: Ctx) {
  const vpc = get(ctx, 'vpc', input.VpcId);
  const type = input.VpcEndpointType ?? 'Gateway';
  if (!['Gateway', 'Interface', 'GatewayLoadBalancer', 'Resource', 'ServiceNetwork'].includes(type)) throw invalidValue(`Invalid value '${type}' for VpcEndpointType.`);
  const service = endpointService(ctx.region, input.ServiceName ?? '', type);
  if (!service) {
    if (endpointServices(ctx.region).some((s) => s.name === input.ServiceName)) throw invalidValue(`The Vpc Endpoint Service '${input.ServiceName}' does not support the endpoint type '${type}'.`);
    throw ec2Error('InvalidServiceName', String(input.ServiceName));
  }
  const id = newId('vpce');
  let doc: Doc = {
    VpcEndpointId: id, VpcEndpointType: type, VpcId: vpc.id, ServiceName: service.name, State: type === 'Gateway' ? 'available' : 'pending',
    PolicyDocument: policyOf(input.PolicyDocument), RouteTableIds: [], SubnetIds: [], Groups: [], IpAddressType: input.IpAddressType ?? 'ipv4',
    PrivateDnsEnabled: false, RequesterManaged: false, NetworkInterfaceIds: [], DnsEntries: [], CreationTimestamp: ctx.now.toISOString(),
    OwnerId: ctx.accountId, ServiceRegion: ctx.region,
  };
  if (type === 'Gateway') {
    if (input.SubnetIds?.length) throw invalidValue('Subnet IDs are not supported for Gateway VPC endpoints.');
    if (input.SecurityGroupIds?.length) throw invalidValue('Security group IDs are not supported for Gateway VPC endpoints.');
    if (input.PrivateDnsEnabled) throw invalidValue('Private DNS can only be enabled for Interface VPC endpoints.');
    routeTables(ctx, doc, [...new Set(input.RouteTableIds ?? [])], true);
    doc.RouteTableIds = [...new Set(input.RouteTableIds ?? [])];
  } else {
    if (input.RouteTableIds?.length) throw invalidValue('Route table IDs are only supported for Gateway VPC endpoints.');
    const privateDns = input.PrivateDnsEnabled ?? (service.short !== 's3');
    if (privateDns && !(vpc.doc._enableDnsSupport && vpc.doc._enableDnsHostnames)) {
      throw invalidValue(`Enabling private DNS requires both enableDnsSupport and enableDnsHostnames VPC attributes set to true for ${vpc.id}`);
    }
    const subnets = subnetsFor(ctx, vpc.id, [...new Set(input.SubnetIds ?? [])]);
    doc = {
      ...doc, PrivateDnsEnabled: privateDns, Groups: groupsOf(ctx, vpc.id, input.SecurityGroupIds), DnsOptions: { DnsRecordIpType: 'ipv4' },
      _dnsLabel: dnsLabel(), _privateZoneId: `Z${randomBytes(10).toString('hex').toUpperCase().slice(0, 20)}`,
    };
    doc = interfaceDoc(ctx, doc, service, subnets.map((s) => s.id), addEnis(ctx, doc, subnets));
  }
  const vpce = create(ctx, 'vpce', id, doc, vpc.id);
  tagOnCreate(ctx, vpce, input.TagSpecifications);
  const shown = recordCreated(ctx, vpce);
  if (type !== 'Gateway') schedule(ctx, id, PENDING_MS, 'vpce-available');
  return { VpcEndpoint: shown, ClientToken: input.ClientToken };
}

registerTransition('vpce-available', (ctx, id) => {
  const vpce = find(ctx, 'vpce', id);
  if (vpce?.doc.State === 'pending') save(ctx, vpce, { ...vpce.doc, State: 'available' });
});

export function describeVpcEndpoints(input: DescribeInput & { VpcEndpointIds?: string[] }, ctx: Ctx) {
  const { items, nextToken } = describe(ctx, { kind: 'vpce', ids: input.VpcEndpointIds, fields: VPCE_FIELDS }, input);
  return { VpcEndpoints: items, NextToken: nextToken };
}

interface ModifyInput {
  VpcEndpointId: string; PolicyDocument?: string; ResetPolicy?: boolean; PrivateDnsEnabled?: boolean;
  AddRouteTableIds?: string[]; RemoveRouteTableIds?: string[]; AddSubnetIds?: string[]; RemoveSubnetIds?: string[];
  AddSecurityGroupIds?: string[]; RemoveSecurityGroupIds?: string[];
}

export function modifyVpcEndpoint(input: ModifyInput, ctx: Ctx) {
  const vpce = get(ctx, 'vpce', input.VpcEndpointId);
  let doc: Doc = { ...vpce.doc };
  const gateway = doc.VpcEndpointType === 'Gateway';
  if (input.ResetPolicy) doc.PolicyDocument = DEFAULT_POLICY;
  else if (input.PolicyDocument !== undefined) doc.PolicyDocument = policyOf(input.PolicyDocument);
  if (gateway) {
    if (input.AddSubnetIds?.length || input.AddSecurityGroupIds?.length || input.PrivateDnsEnabled) throw invalidValue('Subnets, security groups and private DNS are only supported for Interface VPC endpoints.');
    const removeIds = (input.RemoveRouteTableIds ?? []).filter((id) => doc.RouteTableIds.includes(id));
    const addIds = [...new Set(input.AddRouteTableIds ?? [])].filter((id) => !doc.RouteTableIds.includes(id));
    routeTables(ctx, doc, removeIds, false);
    routeTables(ctx, doc, addIds, true);
    doc.RouteTableIds = [...doc.RouteTableIds.filter((id: string) => !removeIds.includes(id)), ...addIds];
  } else {
    if (input.AddRouteTableIds?.length) throw invalidValue('Route table IDs are only supported for Gateway VPC endpoints.');
    const service = endpointService(ctx.region, doc.ServiceName, doc.VpcEndpointType)!;
    if (input.PrivateDnsEnabled !== undefined) doc.PrivateDnsEnabled = input.PrivateDnsEnabled;
    if (input.AddSecurityGroupIds?.length || input.RemoveSecurityGroupIds?.length) {
      const ids = [...doc.Groups.map((g: Doc) => g.GroupId).filter((id: string) => !(input.RemoveSecurityGroupIds ?? []).includes(id)), ...(input.AddSecurityGroupIds ?? [])];
      if (!ids.length) throw invalidValue('A VPC endpoint must have at least one security group.');
      doc.Groups = groupsOf(ctx, doc.VpcId, ids);
      for (const eniId of doc.NetworkInterfaceIds) {
        const eni = find(ctx, 'eni', eniId);
        if (eni) save(ctx, eni, { ...eni.doc, Groups: doc.Groups });
      }
    }
    const pairs: [string, string][] = doc.SubnetIds.map((s: string, i: number) => [s, doc.NetworkInterfaceIds[i]]);
    const removing = new Set(input.RemoveSubnetIds ?? []);
    removeEnis(ctx, pairs.filter(([s]) => removing.has(s)).map(([, e]) => e));
    const kept = pairs.filter(([s]) => !removing.has(s));
    const adding = [...new Set(input.AddSubnetIds ?? [])].filter((s) => !kept.some(([k]) => k === s));
    const subnets = subnetsFor(ctx, doc.VpcId, [...kept.map(([s]) => s), ...adding]).slice(kept.length);
    const added = addEnis(ctx, doc, subnets);
    const all: [string, string][] = [...kept, ...subnets.map((s, i): [string, string] => [s.id, added[i]])];
    doc = interfaceDoc(ctx, doc, service, all.map(([s]) => s), all.map(([, e]) => e));
  }
  save(ctx, vpce, doc);
  return { Return: true };
}

function deleteOne(ctx: Ctx, vpce: Resource): void {
  if (vpce.doc.VpcEndpointType === 'Gateway') routeTables(ctx, vpce.doc, vpce.doc.RouteTableIds.filter((id: string) => find(ctx, 'rtb', id)), false);
  removeEnis(ctx, vpce.doc.NetworkInterfaceIds ?? []);
  remove(ctx, vpce);
}

export function deleteVpcEndpoints(input: { VpcEndpointIds: string[] }, ctx: Ctx) {
  const unsuccessful: Doc[] = [];
  for (const id of input.VpcEndpointIds ?? []) {
    const vpce = find(ctx, 'vpce', id);
    if (!vpce) {
      const err = notFound('vpce', id);
      unsuccessful.push({ ResourceId: id, Error: { Code: err.code, Message: err.message } });
      continue;
    }
    deleteOne(ctx, vpce);
  }
  return { Unsuccessful: unsuccessful };
}

const SERVICE_FIELDS: FieldMap<Doc> = {
  'owner': (s) => s.Owner,
  'service-name': (s) => s.ServiceName,
  'service-region': (s) => s.ServiceRegion,
  'service-type': (s) => s.ServiceType.map((t: Doc) => t.ServiceType),
  'supported-ip-address-types': (s) => s.SupportedIpAddressTypes,
};

export function describeVpcEndpointServices(input: { ServiceNames?: string[]; Filters?: Filter[]; MaxResults?: number; NextToken?: string }, ctx: Ctx) {
  const all = endpointServices(ctx.region);
  for (const name of input.ServiceNames ?? []) if (!all.some((s) => s.name === name)) throw ec2Error('InvalidServiceName', name);
  const names = input.ServiceNames?.length ? new Set(input.ServiceNames) : undefined;
  const test = compileFilters(input.Filters, SERVICE_FIELDS);
  const shown = all.filter((s) => !names || names.has(s.name)).map((s) => serviceDetail(ctx.region, s)).filter(test);
  const { page, nextToken } = paginate(shown, (d) => `${d.ServiceName}|${d.ServiceType[0].ServiceType}`, input.MaxResults, input.NextToken);
  return { ServiceNames: [...new Set(page.map((d) => d.ServiceName))], ServiceDetails: page, NextToken: nextToken };
}
