// DescribeImages over the public AMI catalogue, DescribeInstanceTypes over the instance type
// catalogue, DescribeNetworkInterfaces.
import { instanceType, instanceTypeNames, publicImages } from '../catalogue';
import { describe, type DescribeInput } from '../describe';
import { ec2Error, invalidValue } from '../errors';
import { compileFilters, type FieldMap } from '../filters';
import { paginate } from '../paging';
import { view, where, type Ctx } from '../resources';
import { listKind, type Doc } from '../store';

const IMAGE_FIELDS: FieldMap<Doc> = {
  architecture: (i) => i.Architecture,
  'block-device-mapping.device-name': (i) => i.BlockDeviceMappings.map((b: Doc) => b.DeviceName),
  'block-device-mapping.snapshot-id': (i) => i.BlockDeviceMappings.map((b: Doc) => b.Ebs?.SnapshotId),
  'block-device-mapping.volume-size': (i) => i.BlockDeviceMappings.map((b: Doc) => b.Ebs?.VolumeSize),
  'block-device-mapping.volume-type': (i) => i.BlockDeviceMappings.map((b: Doc) => b.Ebs?.VolumeType),
  'creation-date': (i) => i.CreationDate,
  description: (i) => i.Description,
  'ena-support': (i) => i.EnaSupport,
  hypervisor: (i) => i.Hypervisor,
  'image-id': (i) => i.ImageId,
  'image-type': (i) => i.ImageType,
  'is-public': (i) => i.Public,
  manifest: (i) => i.ImageLocation,
  name: (i) => i.Name,
  'owner-alias': (i) => i.ImageOwnerAlias,
  'owner-id': (i) => i.OwnerId,
  platform: (i) => i.Platform,
  'platform-details': (i) => i.PlatformDetails,
  'root-device-name': (i) => i.RootDeviceName,
  'root-device-type': (i) => i.RootDeviceType,
  state: (i) => i.State,
  'usage-operation': (i) => i.UsageOperation,
  'virtualization-type': (i) => i.VirtualizationType,
};

export function describeImages(input: DescribeInput & { ImageIds?: string[]; Owners?: string[]; ExecutableUsers?: string[] }, ctx: Ctx) {
  const test = compileFilters(input.Filters, IMAGE_FIELDS);
  let images = [...publicImages(ctx.region), ...listKind(ctx.platform.storage, where(ctx), 'ami').map((r) => view(ctx, r))];
  for (const id of input.ImageIds ?? []) {
    if (!/^ami-[0-9a-f]{8,17}$/.test(id)) throw ec2Error('InvalidAMIID.Malformed', id);
    if (!images.some((i) => i.ImageId === id)) throw ec2Error('InvalidAMIID.NotFound', id);
  }
  if (input.ImageIds?.length) images = images.filter((i) => input.ImageIds!.includes(i.ImageId));
  const owners = input.Owners ?? [];
  if (owners.length) images = images.filter((i) => owners.some((o) => o === i.OwnerId || o === i.ImageOwnerAlias || (o === 'self' && i.OwnerId === ctx.accountId)));
  const shown = images.filter(test).sort((a, b) => a.ImageId.localeCompare(b.ImageId));
  const { page, nextToken } = paginate(shown, (i) => i.ImageId, input.MaxResults, input.NextToken);
  return { Images: page, NextToken: nextToken };
}

const TYPE_FIELDS: FieldMap<Doc> = {
  'instance-type': (t) => t.InstanceType,
  'current-generation': (t) => t.CurrentGeneration,
  'vcpu-info.default-vcpus': (t) => t.VCpuInfo.DefaultVCpus,
  'memory-info.size-in-mib': (t) => t.MemoryInfo.SizeInMiB,
  'processor-info.supported-architecture': (t) => t.ProcessorInfo.SupportedArchitectures,
  'burstable-performance-supported': (t) => t.BurstablePerformanceSupported,
  'free-tier-eligible': (t) => t.FreeTierEligible,
};

function typeInfo(name: string): Doc {
  const t = instanceType(name)!;
  return {
    InstanceType: name, CurrentGeneration: !['m1.small', 't1.micro'].includes(name), FreeTierEligible: name === 't2.micro' || name === 't3.micro',
    SupportedUsageClasses: ['on-demand', 'spot'], SupportedRootDeviceTypes: ['ebs'], SupportedVirtualizationTypes: ['hvm'], BareMetal: false, Hypervisor: 'nitro',
    ProcessorInfo: { SupportedArchitectures: t.architectures }, VCpuInfo: { DefaultVCpus: t.vcpus }, MemoryInfo: { SizeInMiB: t.memoryMiB },
    InstanceStorageSupported: false, EbsInfo: { EbsOptimizedSupport: 'default', EncryptionSupport: 'supported', NvmeSupport: 'required' },
    BurstablePerformanceSupported: name.startsWith('t'), DedicatedHostsSupported: false, AutoRecoverySupported: true, HibernationSupported: false,
  };
}

export function describeInstanceTypes(input: DescribeInput & { InstanceTypes?: string[] }, _ctx: Ctx) {
  for (const t of input.InstanceTypes ?? []) if (!instanceType(t)) throw invalidValue(`The following supplied instance types do not exist: [${t}]`);
  const names = input.InstanceTypes?.length ? input.InstanceTypes : instanceTypeNames();
  const test = compileFilters(input.Filters, TYPE_FIELDS);
  const shown = [...new Set(names)].sort().map(typeInfo).filter(test);
  const { page, nextToken } = paginate(shown, (t) => t.InstanceType, input.MaxResults, input.NextToken);
  return { InstanceTypes: page, NextToken: nextToken };
}

const ENI_FIELDS: FieldMap<Doc> = {
  'addresses.private-ip-address': (e) => e.PrivateIpAddresses.map((p: Doc) => p.PrivateIpAddress),
  'association.public-ip': (e) => e.Association?.PublicIp,
  'association.allocation-id': (e) => e.Association?.AllocationId,
  'attachment.instance-id': (e) => e.Attachment?.InstanceId,
  'attachment.status': (e) => e.Attachment?.Status,
  'attachment.device-index': (e) => e.Attachment?.DeviceIndex,
  'availability-zone': (e) => e.AvailabilityZone,
  description: (e) => e.Description,
  'group-id': (e) => e.Groups.map((g: Doc) => g.GroupId),
  'group-name': (e) => e.Groups.map((g: Doc) => g.GroupName),
  'interface-type': (e) => e.InterfaceType,
  'mac-address': (e) => e.MacAddress,
  'network-interface-id': (e) => e.NetworkInterfaceId,
  'owner-id': (e) => e.OwnerId,
  'private-ip-address': (e) => e.PrivateIpAddress,
  'private-dns-name': (e) => e.PrivateDnsName,
  'requester-managed': (e) => e.RequesterManaged,
  'source-dest-check': (e) => e.SourceDestCheck,
  status: (e) => e.Status,
  'subnet-id': (e) => e.SubnetId,
  'vpc-id': (e) => e.VpcId,
};

export function describeNetworkInterfaces(input: DescribeInput & { NetworkInterfaceIds?: string[] }, ctx: Ctx) {
  const { items, nextToken } = describe(ctx, { kind: 'eni', ids: input.NetworkInterfaceIds, fields: ENI_FIELDS }, input);
  return { NetworkInterfaces: items, NextToken: nextToken };
}
