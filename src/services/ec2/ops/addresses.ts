// Elastic IPs (allocate, associate with an instance or interface, disassociate, release) and NAT
// gateways (an interface in their subnet, an Elastic IP, pending -> available and deleting ->
// deleted on the clock).
import { describe, type DescribeInput } from '../describe';
import { createEni, newPublicIp, withPublicIp } from '../enis';
import { ec2Error, ec2ErrorSaying } from '../errors';
import type { FieldMap } from '../filters';
import { create, find, get, newId, recordCreated, remove, save, where, type Ctx } from '../resources';
import { deleteResource, listKind, type Doc, type Resource } from '../store';
import { tagOnCreate, type TagSpecification } from '../tagging';
import { DELAYS_MS, registerTransition, schedule } from '../timers';

const ADDRESS_FIELDS: FieldMap<Doc> = {
  'allocation-id': (a) => a.AllocationId,
  'association-id': (a) => a.AssociationId,
  domain: (a) => a.Domain,
  'instance-id': (a) => a.InstanceId,
  'network-border-group': (a) => a.NetworkBorderGroup,
  'network-interface-id': (a) => a.NetworkInterfaceId,
  'network-interface-owner-id': (a) => a.NetworkInterfaceOwnerId,
  'private-ip-address': (a) => a.PrivateIpAddress,
  'public-ip': (a) => a.PublicIp,
};

export function allocateAddress(input: { Domain?: string; TagSpecifications?: TagSpecification[] }, ctx: Ctx) {
  const id = newId('eipalloc');
  const doc = { AllocationId: id, Domain: 'vpc', PublicIp: newPublicIp(), PublicIpv4Pool: 'amazon', NetworkBorderGroup: ctx.region };
  const eip = create(ctx, 'eipalloc', id, doc);
  tagOnCreate(ctx, eip, input.TagSpecifications);
  recordCreated(ctx, eip);
  return doc;
}

export function describeAddresses(input: DescribeInput & { AllocationIds?: string[]; PublicIps?: string[] }, ctx: Ctx) {
  let ids = input.AllocationIds;
  if (input.PublicIps?.length) {
    const all = listKind(ctx.platform.storage, where(ctx), 'eipalloc');
    ids = [...(ids ?? []), ...input.PublicIps.map((ip) => {
      const a = all.find((x) => x.doc.PublicIp === ip);
      if (!a) throw ec2Error('InvalidAddress.NotFound', ip);
      return a.id;
    })];
  }
  const { items } = describe(ctx, { kind: 'eipalloc', ids, fields: ADDRESS_FIELDS }, { Filters: input.Filters });
  return { Addresses: items };
}

function allocationOf(ctx: Ctx, input: { AllocationId?: string; PublicIp?: string }): Resource {
  if (input.AllocationId !== undefined) return get(ctx, 'eipalloc', input.AllocationId);
  const a = listKind(ctx.platform.storage, where(ctx), 'eipalloc').find((x) => x.doc.PublicIp === input.PublicIp);
  if (!a) throw ec2Error('InvalidAddress.NotFound', input.PublicIp ?? '');
  return a;
}

/** Takes an Elastic IP off the interface it is on, putting back nothing (an auto address is lost). */
function unmap(ctx: Ctx, eip: Resource): Resource {
  const eni = find(ctx, 'eni', eip.doc.NetworkInterfaceId);
  if (eni) save(ctx, eni, withPublicIp(ctx, eni.doc, undefined));
  const { AssociationId: _a, InstanceId: _i, NetworkInterfaceId: _n, NetworkInterfaceOwnerId: _o, PrivateIpAddress: _p, ...rest } = eip.doc;
  return save(ctx, eip, rest);
}

export function associateAddress(input: { AllocationId?: string; PublicIp?: string; InstanceId?: string; NetworkInterfaceId?: string; AllowReassociation?: boolean }, ctx: Ctx) {
  let eip = allocationOf(ctx, input);
  let eni: Resource | undefined;
  let instanceId: string | undefined;
  if (input.InstanceId !== undefined) {
    const inst = get(ctx, 'i', input.InstanceId);
    if (!['running', 'stopped', 'pending'].includes(inst.doc.State.Name)) throw ec2Error('IncorrectInstanceState', `The instance '${inst.id}' is not in a valid state for this operation.`);
    eni = get(ctx, 'eni', inst.doc._eniIds[0]);
    instanceId = inst.id;
  } else if (input.NetworkInterfaceId !== undefined) {
    eni = get(ctx, 'eni', input.NetworkInterfaceId);
    instanceId = eni.doc.Attachment?.InstanceId;
  } else {
    throw ec2Error('MissingParameter', 'InstanceId');
  }
  if (eip.doc.AssociationId) {
    if (input.AllowReassociation === false) throw ec2ErrorSaying('Resource.AlreadyAssociated', `resource ${eip.id} is already associated with associate-id ${eip.doc.AssociationId}`);
    eip = unmap(ctx, eip);
  }
  const associationId = newId('eipassoc');
  eni = get(ctx, 'eni', eni.id);
  save(ctx, eni, withPublicIp(ctx, eni.doc, eip.doc.PublicIp, { AllocationId: eip.id, AssociationId: associationId }));
  save(ctx, eip, { ...eip.doc, AssociationId: associationId, InstanceId: instanceId, NetworkInterfaceId: eni.id, NetworkInterfaceOwnerId: ctx.accountId, PrivateIpAddress: eni.doc.PrivateIpAddress });
  return { AssociationId: associationId };
}

export function disassociateAddress(input: { AssociationId?: string; PublicIp?: string }, ctx: Ctx) {
  const eip = listKind(ctx.platform.storage, where(ctx), 'eipalloc')
    .find((a) => (input.AssociationId !== undefined ? a.doc.AssociationId === input.AssociationId : a.doc.PublicIp === input.PublicIp && a.doc.AssociationId));
  if (!eip) throw ec2Error('InvalidAssociationID.NotFound', input.AssociationId ?? input.PublicIp ?? '');
  if (find(ctx, 'eni', eip.doc.NetworkInterfaceId)?.doc.InterfaceType === 'nat_gateway') {
    throw ec2Error('OperationNotPermitted', `You do not have permission to access the specified resource.`);
  }
  unmap(ctx, eip);
  return {};
}

export function releaseAddress(input: { AllocationId?: string; PublicIp?: string }, ctx: Ctx) {
  const eip = allocationOf(ctx, input);
  if (eip.doc.AssociationId) throw ec2Error('InvalidIPAddress.InUse', eip.doc.PublicIp);
  remove(ctx, eip);
  return {};
}

const NAT_FIELDS: FieldMap<Doc> = {
  'nat-gateway-id': (n) => n.NatGatewayId,
  state: (n) => n.State,
  'subnet-id': (n) => n.SubnetId,
  'vpc-id': (n) => n.VpcId,
};

registerTransition('nat-available', (ctx, id) => {
  const nat = find(ctx, 'nat', id);
  if (nat?.doc.State !== 'pending') return;
  save(ctx, nat, { ...nat.doc, State: 'available', NatGatewayAddresses: nat.doc.NatGatewayAddresses.map((a: Doc) => ({ ...a, Status: 'succeeded' })) });
});

registerTransition('nat-deleted', (ctx, id) => {
  const nat = find(ctx, 'nat', id);
  if (nat?.doc.State !== 'deleting') return;
  for (const a of nat.doc.NatGatewayAddresses) {
    const eip = find(ctx, 'eipalloc', a.AllocationId);
    if (eip) unmap(ctx, eip);
    const eni = find(ctx, 'eni', a.NetworkInterfaceId);
    if (eni) remove(ctx, eni);
  }
  save(ctx, nat, { ...nat.doc, State: 'deleted', DeleteTime: ctx.now.toISOString(), NatGatewayAddresses: nat.doc.NatGatewayAddresses.map((a: Doc) => ({ ...a, Status: 'succeeded' })) });
  schedule(ctx, id, DELAYS_MS.natDeletedVisible, 'nat-gone');
});

registerTransition('nat-gone', (ctx, id) => deleteResource(ctx.platform.storage, where(ctx), id));

interface CreateNatInput { SubnetId: string; AllocationId?: string; ConnectivityType?: string; PrivateIpAddress?: string; ClientToken?: string; TagSpecifications?: TagSpecification[] }

export function createNatGateway(input: CreateNatInput, ctx: Ctx) {
  const subnet = get(ctx, 'subnet', input.SubnetId);
  const type = input.ConnectivityType ?? 'public';
  const eip = type === 'public' ? (input.AllocationId === undefined ? undefined : get(ctx, 'eipalloc', input.AllocationId)) : undefined;
  if (type === 'public' && !eip) throw ec2Error('MissingParameter', 'AllocationId');
  if (eip?.doc.AssociationId) throw ec2ErrorSaying('Resource.AlreadyAssociated', `Elastic IP address [${eip.id}] is already associated`);
  const id = newId('nat');
  let eni = createEni(ctx, subnet, { groups: [], privateIp: input.PrivateIpAddress, description: `Interface for NAT Gateway ${id}`, interfaceType: 'nat_gateway', requesterManaged: true });
  eni = save(ctx, eni, { ...eni.doc, Status: 'in-use' }, null);
  const address: Doc = { NetworkInterfaceId: eni.id, PrivateIp: eni.doc.PrivateIpAddress, IsPrimary: true, Status: 'associating' };
  if (eip) {
    const associationId = newId('eipassoc');
    save(ctx, eni, withPublicIp(ctx, eni.doc, eip.doc.PublicIp, { AllocationId: eip.id, AssociationId: associationId }));
    save(ctx, eip, { ...eip.doc, AssociationId: associationId, NetworkInterfaceId: eni.id, NetworkInterfaceOwnerId: ctx.accountId, PrivateIpAddress: eni.doc.PrivateIpAddress });
    Object.assign(address, { AllocationId: eip.id, PublicIp: eip.doc.PublicIp, AssociationId: associationId });
  }
  const nat = create(ctx, 'nat', id, {
    CreateTime: ctx.now.toISOString(), NatGatewayAddresses: [address], NatGatewayId: id, State: 'pending', SubnetId: subnet.id, VpcId: subnet.doc.VpcId,
    ConnectivityType: type, AvailabilityMode: 'zonal',
  });
  tagOnCreate(ctx, nat, input.TagSpecifications);
  schedule(ctx, id, DELAYS_MS.natPending, 'nat-available');
  return { NatGateway: recordCreated(ctx, nat), ClientToken: input.ClientToken };
}

export function deleteNatGateway(input: { NatGatewayId: string }, ctx: Ctx) {
  const nat = get(ctx, 'nat', input.NatGatewayId);
  if (nat.doc.State === 'deleted') throw ec2Error('NatGatewayNotFound', nat.id);
  if (nat.doc.State !== 'deleting') {
    save(ctx, nat, { ...nat.doc, State: 'deleting', NatGatewayAddresses: nat.doc.NatGatewayAddresses.map((a: Doc) => ({ ...a, Status: 'disassociating' })) });
    schedule(ctx, nat.id, DELAYS_MS.natDeleting, 'nat-deleted');
  }
  return { NatGatewayId: nat.id };
}

export function describeNatGateways(input: DescribeInput & { NatGatewayIds?: string[]; Filter?: DescribeInput['Filters'] }, ctx: Ctx) {
  const { items, nextToken } = describe(ctx, { kind: 'nat', ids: input.NatGatewayIds, fields: NAT_FIELDS }, { ...input, Filters: input.Filter });
  return { NatGateways: items, NextToken: nextToken };
}

