// CreateVpc, DeleteVpc, DescribeVpcs, Modify/DescribeVpcAttribute, Associate/DisassociateVpcCidrBlock.
import { randomBytes } from 'node:crypto';
import { cidrString, overlaps, parseCidr } from '../cidr';
import { describe, type DescribeInput } from '../describe';
import { dependency, ec2Error, invalidValue } from '../errors';
import type { FieldMap } from '../filters';
import { createVpcWithDefaults, defaultAcl, mainRouteTable } from '../network';
import { get, recordCreated, remove, save, view, where, newId, type Ctx } from '../resources';
import { listKind, countChildren, type Doc } from '../store';
import { rulesOf } from '../sg-rules';
import { tagOnCreate, type TagSpecification } from '../tagging';

export const VPC_FIELDS: FieldMap<Doc> = {
  cidr: (v) => v.CidrBlock,
  'cidr-block-association.cidr-block': (v) => v.CidrBlockAssociationSet?.map((a: Doc) => a.CidrBlock),
  'cidr-block-association.association-id': (v) => v.CidrBlockAssociationSet?.map((a: Doc) => a.AssociationId),
  'cidr-block-association.state': (v) => v.CidrBlockAssociationSet?.map((a: Doc) => a.CidrBlockState?.State),
  'dhcp-options-id': (v) => v.DhcpOptionsId,
  'ipv6-cidr-block-association.ipv6-cidr-block': (v) => v.Ipv6CidrBlockAssociationSet?.map((a: Doc) => a.Ipv6CidrBlock),
  'ipv6-cidr-block-association.ipv6-pool': (v) => v.Ipv6CidrBlockAssociationSet?.map((a: Doc) => a.Ipv6Pool),
  'ipv6-cidr-block-association.association-id': (v) => v.Ipv6CidrBlockAssociationSet?.map((a: Doc) => a.AssociationId),
  'ipv6-cidr-block-association.state': (v) => v.Ipv6CidrBlockAssociationSet?.map((a: Doc) => a.Ipv6CidrBlockState?.State),
  'is-default': (v) => v.IsDefault,
  'owner-id': (v) => v.OwnerId,
  state: (v) => v.State,
  'vpc-id': (v) => v.VpcId,
};

/** A VPC CIDR as AWS checks it: a valid block, /16 to /28. */
export function vpcCidr(text: string | undefined): string {
  if (text === undefined) throw ec2Error('MissingParameter', 'CidrBlock');
  const c = parseCidr(text);
  if (!c) throw invalidValue(`Value (${text}) for parameter cidrBlock is invalid. This is not a valid CIDR block.`);
  if (c.prefix < 16 || c.prefix > 28) throw ec2Error('InvalidVpc.Range', text);
  return cidrString(c);
}

function amazonIpv6(ctx: Ctx): Doc {
  const h = randomBytes(3).toString('hex');
  return {
    AssociationId: newId('vpc-cidr-assoc'), Ipv6CidrBlock: `2600:1f18:${h.slice(0, 4)}:${h.slice(4)}00::/56`,
    Ipv6CidrBlockState: { State: 'associated' }, NetworkBorderGroup: ctx.region, Ipv6Pool: 'Amazon', IpSource: 'amazon', Ipv6AddressAttribute: 'public',
  };
}

export function createVpc(input: { CidrBlock?: string; AmazonProvidedIpv6CidrBlock?: boolean; InstanceTenancy?: string; TagSpecifications?: TagSpecification[] }, ctx: Ctx) {
  const cidr = vpcCidr(input.CidrBlock);
  const ipv6 = input.AmazonProvidedIpv6CidrBlock ? amazonIpv6(ctx) : undefined;
  const vpc = createVpcWithDefaults(ctx, { cidr, isDefault: false, tenancy: input.InstanceTenancy, ipv6 });
  tagOnCreate(ctx, vpc, input.TagSpecifications);
  recordCreated(ctx, vpc);
  // AWS answers while the VPC is still pending; it is available by the next call.
  return { Vpc: { ...view(ctx, vpc), State: 'pending' } };
}

export function describeVpcs(input: DescribeInput & { VpcIds?: string[] }, ctx: Ctx) {
  const { items, nextToken } = describe(ctx, { kind: 'vpc', ids: input.VpcIds, fields: VPC_FIELDS }, input);
  return { Vpcs: items, NextToken: nextToken };
}

export function deleteVpc(input: { VpcId: string }, ctx: Ctx) {
  const vpc = get(ctx, 'vpc', input.VpcId);
  const s = ctx.platform.storage;
  const w = where(ctx);
  const mainRtb = mainRouteTable(ctx, vpc.id);
  const acl = defaultAcl(ctx, vpc.id);
  const groups = listKind(s, w, 'sg').filter((g) => g.doc.VpcId === vpc.id);
  const busy = countChildren(s, w, vpc.id, 'subnet') > 0 || countChildren(s, w, vpc.id, 'vpce') > 0
    || listKind(s, w, 'igw').some((g) => g.doc.Attachments.some((a: Doc) => a.VpcId === vpc.id))
    || listKind(s, w, 'eigw').some((g) => g.doc.Attachments.some((a: Doc) => a.VpcId === vpc.id))
    || groups.some((g) => g.doc.GroupName !== 'default')
    || listKind(s, w, 'rtb').some((r) => r.doc.VpcId === vpc.id && r.id !== mainRtb?.id)
    || listKind(s, w, 'acl').some((a) => a.doc.VpcId === vpc.id && a.id !== acl?.id);
  if (busy) throw dependency(`The vpc '${vpc.id}' has dependencies and cannot be deleted.`);
  for (const g of groups) {
    for (const rule of rulesOf(ctx, g.id)) remove(ctx, rule);
    remove(ctx, g);
  }
  if (mainRtb) remove(ctx, mainRtb);
  if (acl) remove(ctx, acl);
  remove(ctx, vpc);
  return {};
}

const VPC_ATTRIBUTES: Record<string, string> = {
  enableDnsSupport: '_enableDnsSupport', enableDnsHostnames: '_enableDnsHostnames', enableNetworkAddressUsageMetrics: '_enableNetworkAddressUsageMetrics',
};

export function describeVpcAttribute(input: { VpcId: string; Attribute: string }, ctx: Ctx) {
  const vpc = get(ctx, 'vpc', input.VpcId);
  if (!Object.hasOwn(VPC_ATTRIBUTES, input.Attribute)) throw invalidValue(`Value (${input.Attribute}) for parameter attribute is invalid. Unknown attribute.`);
  const field = VPC_ATTRIBUTES[input.Attribute];
  const member = input.Attribute.charAt(0).toUpperCase() + input.Attribute.slice(1);
  return { VpcId: vpc.id, [member]: { Value: vpc.doc[field] } };
}

export function modifyVpcAttribute(input: { VpcId: string; EnableDnsSupport?: { Value?: boolean }; EnableDnsHostnames?: { Value?: boolean }; EnableNetworkAddressUsageMetrics?: { Value?: boolean } }, ctx: Ctx) {
  const vpc = get(ctx, 'vpc', input.VpcId);
  const given = (['EnableDnsSupport', 'EnableDnsHostnames', 'EnableNetworkAddressUsageMetrics'] as const).filter((k) => input[k] !== undefined);
  if (given.length !== 1) throw ec2Error('InvalidParameterCombination', 'Fields for multiple attribute types specified: ' + given.join(', '));
  const name = given[0];
  const value = input[name]?.Value;
  if (value === undefined) throw ec2Error('MissingParameter', `${name}.Value`);
  const doc = { ...vpc.doc, [`_${name.charAt(0).toLowerCase()}${name.slice(1)}`]: value };
  if (doc._enableDnsHostnames && !doc._enableDnsSupport) {
    throw invalidValue('Value (true) for parameter enableDnsHostnames is invalid. Cannot enable DNS hostnames if DNS support is disabled.');
  }
  save(ctx, vpc, doc);
  return {};
}

export function associateVpcCidrBlock(input: { VpcId: string; CidrBlock?: string; AmazonProvidedIpv6CidrBlock?: boolean }, ctx: Ctx) {
  const vpc = get(ctx, 'vpc', input.VpcId);
  if (input.AmazonProvidedIpv6CidrBlock) {
    if ((vpc.doc.Ipv6CidrBlockAssociationSet ?? []).length) throw ec2Error('InvalidParameterValue', `The VPC ${vpc.id} already has an IPv6 CIDR block associated.`);
    const assoc = amazonIpv6(ctx);
    save(ctx, vpc, { ...vpc.doc, Ipv6CidrBlockAssociationSet: [assoc] });
    return { VpcId: vpc.id, Ipv6CidrBlockAssociation: { ...assoc, Ipv6CidrBlockState: { State: 'associating' } } };
  }
  const cidr = vpcCidr(input.CidrBlock);
  const current: Doc[] = vpc.doc.CidrBlockAssociationSet;
  if (current.some((a) => overlaps(parseCidr(a.CidrBlock)!, parseCidr(cidr)!))) {
    throw ec2Error('InvalidVpc.Range', cidr);
  }
  if (current.length >= 5) throw ec2Error('InvalidParameterValue', `The maximum number of CIDR blocks for VPC ${vpc.id} has been reached.`);
  const assoc = { AssociationId: newId('vpc-cidr-assoc'), CidrBlock: cidr, CidrBlockState: { State: 'associated' } };
  const routes = mainRouteTable(ctx, vpc.id);
  save(ctx, vpc, { ...vpc.doc, CidrBlockAssociationSet: [...current, assoc] });
  // Every route table of the VPC gets a local route for the new block.
  for (const rtb of listKind(ctx.platform.storage, where(ctx), 'rtb').filter((r) => r.doc.VpcId === vpc.id || r.id === routes?.id)) {
    save(ctx, rtb, { ...rtb.doc, Routes: [...rtb.doc.Routes, { DestinationCidrBlock: cidr, GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' }] });
  }
  return { VpcId: vpc.id, CidrBlockAssociation: { ...assoc, CidrBlockState: { State: 'associating' } } };
}

export function disassociateVpcCidrBlock(input: { AssociationId: string }, ctx: Ctx) {
  for (const vpc of listKind(ctx.platform.storage, where(ctx), 'vpc')) {
    const v4 = (vpc.doc.CidrBlockAssociationSet as Doc[]).find((a) => a.AssociationId === input.AssociationId);
    if (v4) {
      if (v4.CidrBlock === vpc.doc.CidrBlock) {
        throw ec2Error('OperationNotPermitted', `The vpc CIDR block with association ID ${input.AssociationId} may not be disassociated. It is the primary IPv4 CIDR block of the VPC`);
      }
      const inUse = listKind(ctx.platform.storage, where(ctx), 'subnet').some((s) => s.doc.VpcId === vpc.id && overlaps(parseCidr(s.doc.CidrBlock)!, parseCidr(v4.CidrBlock)!));
      if (inUse) throw dependency(`The vpc CIDR block with association ID ${input.AssociationId} has dependencies and cannot be disassociated.`);
      save(ctx, vpc, { ...vpc.doc, CidrBlockAssociationSet: vpc.doc.CidrBlockAssociationSet.filter((a: Doc) => a !== v4) });
      for (const rtb of listKind(ctx.platform.storage, where(ctx), 'rtb').filter((r) => r.doc.VpcId === vpc.id)) {
        save(ctx, rtb, { ...rtb.doc, Routes: rtb.doc.Routes.filter((r: Doc) => !(r.GatewayId === 'local' && r.DestinationCidrBlock === v4.CidrBlock)) });
      }
      return { VpcId: vpc.id, CidrBlockAssociation: { ...v4, CidrBlockState: { State: 'disassociating' } } };
    }
    const v6 = (vpc.doc.Ipv6CidrBlockAssociationSet ?? []).find((a: Doc) => a.AssociationId === input.AssociationId);
    if (v6) {
      save(ctx, vpc, { ...vpc.doc, Ipv6CidrBlockAssociationSet: [] });
      return { VpcId: vpc.id, Ipv6CidrBlockAssociation: { ...v6, Ipv6CidrBlockState: { State: 'disassociating' } } };
    }
  }
  throw ec2Error('InvalidVpcCidrBlockAssociationID.NotFound', input.AssociationId);
}
