// CreateNetworkInterface, DeleteNetworkInterface, Attach/DetachNetworkInterface,
// ModifyNetworkInterfaceAttribute, and the instance calls that live on interfaces
// (ModifyInstanceMetadataOptions, DescribeInstanceCreditSpecifications).
import { candidates, type DescribeInput } from '../describe';
import { createEni } from '../enis';
import { ec2Error, ec2ErrorSaying, invalidValue } from '../errors';
import { compileFilters } from '../filters';
import { paginate } from '../paging';
import { find, get, newId, recordCreated, remove, save, view, where, type Ctx } from '../resources';
import { listKind, type Doc, type Resource } from '../store';
import { tagOnCreate, type TagSpecification } from '../tagging';

function groupsFor(ctx: Ctx, ids: string[] | undefined, vpcId: string): { GroupId: string; GroupName: string }[] {
  if (!ids?.length) {
    const g = listKind(ctx.platform.storage, where(ctx), 'sg').find((x) => x.doc.VpcId === vpcId && x.doc.GroupName === 'default')!;
    return [{ GroupId: g.id, GroupName: 'default' }];
  }
  return ids.map((id) => {
    const g = find(ctx, 'sg', id);
    if (!g) throw ec2Error('InvalidGroup.NotFound', id);
    if (g.doc.VpcId !== vpcId) throw ec2ErrorSaying('InvalidParameter', `Security group ${id} and subnet belong to different networks.`);
    return { GroupId: g.id, GroupName: g.doc.GroupName };
  });
}

export function createNetworkInterface(input: { SubnetId: string; Description?: string; Groups?: string[]; PrivateIpAddress?: string; TagSpecifications?: TagSpecification[]; ClientToken?: string }, ctx: Ctx) {
  const subnet = get(ctx, 'subnet', input.SubnetId);
  const eni = createEni(ctx, subnet, { groups: groupsFor(ctx, input.Groups, subnet.doc.VpcId), privateIp: input.PrivateIpAddress, description: input.Description });
  tagOnCreate(ctx, eni, input.TagSpecifications);
  return { NetworkInterface: recordCreated(ctx, eni), ClientToken: input.ClientToken };
}

export function deleteNetworkInterface(input: { NetworkInterfaceId: string }, ctx: Ctx) {
  const eni = get(ctx, 'eni', input.NetworkInterfaceId);
  if (eni.doc.Attachment || eni.doc.InterfaceType === 'vpc_endpoint') throw ec2ErrorSaying('InvalidNetworkInterface.InUse', `The network interface '${eni.id}' is currently in use.`);
  if (eni.doc.Association?.AllocationId) throw ec2ErrorSaying('InvalidNetworkInterface.InUse', `The network interface '${eni.id}' has an Elastic IP address associated.`);
  remove(ctx, eni);
  return {};
}

export function attachNetworkInterface(input: { NetworkInterfaceId: string; InstanceId: string; DeviceIndex: number }, ctx: Ctx) {
  const eni = get(ctx, 'eni', input.NetworkInterfaceId);
  const inst = get(ctx, 'i', input.InstanceId);
  if (eni.doc.Attachment) throw ec2ErrorSaying('InvalidNetworkInterface.InUse', `Interface: [${eni.id}] in use.`);
  if (!['running', 'stopped'].includes(inst.doc.State.Name)) throw ec2Error('IncorrectInstanceState', `The instance '${inst.id}' is not in a valid state for this operation.`);
  if (eni.doc.AvailabilityZone !== inst.doc.Placement.AvailabilityZone) throw invalidValue(`The network interface ${eni.id} and instance ${inst.id} are in different availability zones.`);
  const taken = (inst.doc._eniIds as string[]).map((id) => find(ctx, 'eni', id)?.doc.Attachment?.DeviceIndex);
  if (taken.includes(input.DeviceIndex)) throw invalidValue(`Instance '${inst.id}' already has an interface attached at device index '${input.DeviceIndex}'.`);
  const attachmentId = newId('eni-attach');
  const before = view(ctx, inst);
  save(ctx, eni, { ...eni.doc, Status: 'in-use', Attachment: {
    AttachTime: ctx.now.toISOString(), AttachmentId: attachmentId, DeleteOnTermination: false, DeviceIndex: input.DeviceIndex,
    InstanceId: inst.id, InstanceOwnerId: ctx.accountId, Status: 'attached', NetworkCardIndex: 0,
  } });
  save(ctx, inst, { ...inst.doc, _eniIds: [...inst.doc._eniIds, eni.id] }, before);
  return { AttachmentId: attachmentId, NetworkCardIndex: 0 };
}

export function detachNetworkInterface(input: { AttachmentId: string }, ctx: Ctx) {
  const eni = listKind(ctx.platform.storage, where(ctx), 'eni').find((e) => e.doc.Attachment?.AttachmentId === input.AttachmentId);
  if (!eni) throw ec2ErrorSaying('InvalidAttachmentID.NotFound', `The interface attachment ID '${input.AttachmentId}' does not exist`);
  if (eni.doc.Attachment.DeviceIndex === 0) throw ec2Error('OperationNotPermitted', `The network interface at device index 0 cannot be detached.`);
  const inst = find(ctx, 'i', eni.doc.Attachment.InstanceId);
  const { Attachment: _, ...rest } = eni.doc;
  if (inst) {
    const before = view(ctx, inst);
    save(ctx, eni, { ...rest, Status: 'available' });
    save(ctx, inst, { ...inst.doc, _eniIds: inst.doc._eniIds.filter((id: string) => id !== eni.id) }, before);
  } else {
    save(ctx, eni, { ...rest, Status: 'available' });
  }
  return {};
}

export function modifyNetworkInterfaceAttribute(input: Doc & { NetworkInterfaceId: string }, ctx: Ctx) {
  const eni = get(ctx, 'eni', input.NetworkInterfaceId);
  const doc: Doc = { ...eni.doc };
  if (input.Description?.Value !== undefined) doc.Description = input.Description.Value;
  if (input.SourceDestCheck?.Value !== undefined) doc.SourceDestCheck = input.SourceDestCheck.Value;
  if (input.Groups?.length) doc.Groups = groupsFor(ctx, input.Groups, eni.doc.VpcId);
  if (input.Attachment?.DeleteOnTermination !== undefined && doc.Attachment) doc.Attachment = { ...doc.Attachment, DeleteOnTermination: input.Attachment.DeleteOnTermination };
  const inst = find(ctx, 'i', doc.Attachment?.InstanceId);
  const before = inst && view(ctx, inst);
  save(ctx, eni, doc);
  if (inst) save(ctx, inst, inst.doc, before);
  return {};
}

export function modifyInstanceMetadataOptions(input: Doc & { InstanceId: string }, ctx: Ctx) {
  const inst = get(ctx, 'i', input.InstanceId);
  const hop = input.HttpPutResponseHopLimit;
  if (hop !== undefined && (hop < 1 || hop > 64)) throw invalidValue(`Invalid value '${hop}' for HttpPutResponseHopLimit. Must be between 1 and 64.`);
  const options: Doc = { ...inst.doc.MetadataOptions };
  for (const k of ['HttpTokens', 'HttpPutResponseHopLimit', 'HttpEndpoint', 'HttpProtocolIpv6', 'InstanceMetadataTags']) if (input[k] !== undefined) options[k] = input[k];
  options.State = 'applied';
  save(ctx, inst, { ...inst.doc, MetadataOptions: options });
  return { InstanceId: inst.id, InstanceMetadataOptions: { ...options, State: 'pending' } };
}

export function describeInstanceCreditSpecifications(input: DescribeInput & { InstanceIds?: string[] }, ctx: Ctx) {
  const specs = candidates(ctx, { kind: 'i', ids: input.InstanceIds, fields: {} })
    .filter((i: Resource) => i.doc.State.Name !== 'terminated')
    .map((i) => ({ InstanceId: i.id, CpuCredits: i.doc.InstanceType.startsWith('t2.') ? 'standard' : 'unlimited' }))
    .filter(compileFilters<Doc>(input.Filters, { 'instance-id': (s) => s.InstanceId }));
  const { page, nextToken } = paginate(specs, (s) => s.InstanceId, input.MaxResults, input.NextToken);
  return { InstanceCreditSpecifications: page, NextToken: nextToken };
}
