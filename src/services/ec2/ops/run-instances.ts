// RunInstances: image, type, subnet (or the default subnet), groups, key pair, user data,
// instance profile, metadata options, block devices (new EBS volumes), addresses and tags.
import { randomBytes } from 'node:crypto';
import { instanceType, publicImage } from '../catalogue';
import { createEni, newPublicIp, withPublicIp } from '../enis';
import { ec2Error, ec2ErrorSaying, invalidValue } from '../errors';
import { state } from '../instance-view';
import { defaultVpc } from '../network';
import { findZone } from '../regions';
import { create, find, get, newId, reader, recordCreated, where, type Ctx } from '../resources';
import { groupByName, listKind, type Doc, type Resource } from '../store';
import { tagNew } from '../tagging';
import { holdVcpus, launchable } from '../quotas';
import { withLaunchTemplate } from './launch-templates';
import { placementFor } from './placement-groups';
import { DELAYS_MS, schedule } from '../timers';
import { createVolumeRecord } from '../volumes';
import { keyByName } from './key-pairs';

const TAGGABLE = ['instance', 'volume', 'network-interface'];

function chooseSubnet(ctx: Ctx, input: Doc): Resource {
  const id = input.SubnetId ?? input.NetworkInterfaces?.[0]?.SubnetId;
  if (id !== undefined) return get(ctx, 'subnet', id);
  const vpc = defaultVpc(ctx);
  if (!vpc) throw ec2ErrorSaying('MissingParameter', 'No default VPC for this user. GroupName is only supported for EC2-Classic and default VPC.');
  const zone = input.Placement?.AvailabilityZone;
  const subnets = listKind(ctx.platform.storage, where(ctx), 'subnet').filter((s) => s.doc.VpcId === vpc.id && s.doc.DefaultForAz);
  const chosen = zone === undefined ? subnets.sort((a, b) => a.doc.AvailabilityZone.localeCompare(b.doc.AvailabilityZone))[0] : subnets.find((s) => s.doc.AvailabilityZone === zone);
  if (!chosen) throw invalidValue(`Invalid availability zone: [${zone}]`);
  return chosen;
}

function chooseGroups(ctx: Ctx, input: Doc, subnet: Resource): { GroupId: string; GroupName: string }[] {
  const ids: string[] = [...(input.SecurityGroupIds ?? []), ...(input.NetworkInterfaces?.[0]?.Groups ?? [])];
  const chosen: Resource[] = ids.map((id) => {
    const g = find(ctx, 'sg', id);
    if (!g) throw ec2Error('InvalidGroup.NotFound', id);
    if (g.doc.VpcId !== subnet.doc.VpcId) throw ec2ErrorSaying('InvalidParameter', `Security group ${id} and subnet ${subnet.id} belong to different networks.`);
    return g;
  });
  for (const name of input.SecurityGroups ?? []) {
    const g = groupByName(ctx.platform.storage, where(ctx), subnet.doc.VpcId, name);
    if (!g) throw ec2ErrorSaying('InvalidGroup.NotFound', `The security group '${name}' does not exist in VPC '${subnet.doc.VpcId}'`);
    chosen.push(g);
  }
  if (!chosen.length) chosen.push(groupByName(ctx.platform.storage, where(ctx), subnet.doc.VpcId, 'default')!);
  return [...new Map(chosen.map((g) => [g.id, { GroupId: g.id, GroupName: g.doc.GroupName }])).values()];
}

function metadataOptions(input: Doc | undefined, image: Doc): Doc {
  const v2 = image.ImdsSupport === 'v2.0';
  const hop = input?.HttpPutResponseHopLimit ?? (v2 ? 2 : 1);
  if (hop < 1 || hop > 64) throw invalidValue(`Invalid value '${hop}' for HttpPutResponseHopLimit. Must be between 1 and 64.`);
  return {
    State: 'pending', HttpTokens: input?.HttpTokens ?? (v2 ? 'required' : 'optional'), HttpPutResponseHopLimit: hop,
    HttpEndpoint: input?.HttpEndpoint ?? 'enabled', HttpProtocolIpv6: input?.HttpProtocolIpv6 ?? 'disabled', InstanceMetadataTags: input?.InstanceMetadataTags ?? 'disabled',
  };
}

function instanceProfile(ctx: Ctx, spec: Doc | undefined): Doc | undefined {
  if (!spec) return undefined;
  const arn = spec.Arn ?? (spec.Name !== undefined ? `arn:aws:iam::${ctx.accountId}:instance-profile/${spec.Name}` : undefined);
  if (!arn) return undefined;
  return { Arn: arn, Id: `AIPA${randomBytes(13).toString('hex').toUpperCase().slice(0, 17)}` };
}

export function runInstances(request: Doc, ctx: Ctx) {
  const { input, tags: templateTags } = withLaunchTemplate(ctx, request);
  if (input.ImageId === undefined) throw ec2Error('MissingParameter', 'ImageId');
  if (!/^ami-[0-9a-f]{8,17}$/.test(input.ImageId)) throw ec2Error('InvalidAMIID.Malformed', input.ImageId);
  const image = publicImage(ctx.region, input.ImageId) ?? find(ctx, 'ami', input.ImageId)?.doc;
  if (!image) throw ec2Error('InvalidAMIID.NotFound', input.ImageId);
  const min = input.MinCount;
  const max = input.MaxCount;
  if (min < 1) throw invalidValue(`Value (${min}) for parameter minCount is invalid. Expected a positive value.`);
  if (max < min) throw invalidValue(`Value (${max}) for parameter maxCount is invalid. Expected a value greater than or equal to minCount.`);
  const typeName: string = input.InstanceType ?? 'm1.small';
  const type = instanceType(typeName);
  if (!type) throw invalidValue(`Invalid value '${typeName}' for InstanceType.`);
  if (!type.architectures.includes(image.Architecture)) {
    throw invalidValue(`The architecture '${type.architectures[0]}' of the specified instance type does not match the architecture '${image.Architecture}' of the specified AMI. Specify an instance type and an AMI that have matching architectures, and try again.`);
  }
  if (input.KeyName !== undefined && !keyByName(ctx, input.KeyName)) throw ec2Error('InvalidKeyPair.NotFound', input.KeyName);
  const count = launchable(ctx, typeName, min, max);
  const subnet = chooseSubnet(ctx, input);
  const groups = chooseGroups(ctx, input, subnet);
  const privateIp = input.PrivateIpAddress ?? input.NetworkInterfaces?.[0]?.PrivateIpAddress;
  if (privateIp !== undefined && max > 1) throw ec2Error('InvalidParameterCombination', 'Cannot specify a private IP address when launching more than one instance.');
  const zone = findZone(ctx.region, subnet.doc.AvailabilityZone)!;
  const publicIp = input.NetworkInterfaces?.[0]?.AssociatePublicIpAddress ?? subnet.doc.MapPublicIpOnLaunch;
  const metadata = metadataOptions(input.MetadataOptions, image);
  const profile = instanceProfile(ctx, input.IamInstanceProfile);
  const reservationId = newId('r');
  const launch = ctx.now.toISOString();
  const instances: Doc[] = [];
  const read = reader(ctx);
  for (let index = 0; index < count; index++) {
    const id = newId('i');
    const eni = createEni(ctx, subnet, { groups, privateIp, description: '' }, (doc) => ({
      ...(publicIp ? withPublicIp(ctx, doc, newPublicIp()) : doc), Status: 'in-use',
      Attachment: { AttachTime: launch, AttachmentId: newId('eni-attach'), DeleteOnTermination: true, DeviceIndex: 0, InstanceId: id, InstanceOwnerId: ctx.accountId, Status: 'attached', NetworkCardIndex: 0 },
    }));
    recordCreated(ctx, eni, tagNew(ctx, eni, input.TagSpecifications, TAGGABLE));
    const mappings = blockDevices(ctx, input, image, zone, id, launch);
    const doc: Doc = {
      AmiLaunchIndex: index, ImageId: image.ImageId, InstanceId: id, InstanceType: typeName, KeyName: input.KeyName, LaunchTime: launch,
      Monitoring: { State: input.Monitoring?.Enabled ? 'pending' : 'disabled' },
      Placement: { AvailabilityZone: zone.name, AvailabilityZoneId: zone.id, GroupName: '', ...placementFor(ctx, input.Placement, index), Tenancy: input.Placement?.Tenancy ?? 'default' },
      ProductCodes: [], State: state('pending'), StateTransitionReason: '', SubnetId: subnet.id, VpcId: subnet.doc.VpcId, Architecture: image.Architecture,
      BlockDeviceMappings: mappings, ClientToken: input.ClientToken ?? '', EbsOptimized: input.EbsOptimized ?? false, EnaSupport: true, Hypervisor: 'xen',
      IamInstanceProfile: profile, RootDeviceName: image.RootDeviceName, RootDeviceType: 'ebs', VirtualizationType: 'hvm',
      CpuOptions: { CoreCount: Math.max(1, type.vcpus / (type.architectures.includes('arm64') || type.vcpus === 1 ? 1 : 2)), ThreadsPerCore: type.architectures.includes('arm64') || type.vcpus === 1 ? 1 : 2 },
      CapacityReservationSpecification: { CapacityReservationPreference: 'open' }, HibernationOptions: { Configured: false }, MetadataOptions: metadata,
      EnclaveOptions: { Enabled: false }, BootMode: image.BootMode, PlatformDetails: image.PlatformDetails, UsageOperation: image.UsageOperation,
      UsageOperationUpdateTime: launch, Platform: image.Platform,
      PrivateDnsNameOptions: { HostnameType: 'ip-name', EnableResourceNameDnsARecord: false, EnableResourceNameDnsAAAARecord: false },
      MaintenanceOptions: { AutoRecovery: 'default' }, CurrentInstanceBootMode: image.BootMode === 'uefi' ? 'uefi' : 'legacy-bios',
      _eniIds: [eni.id], _reservationId: reservationId, _ownerId: ctx.accountId, _requesterId: undefined, _userData: input.UserData,
      _disableApiTermination: input.DisableApiTermination ?? false, _disableApiStop: input.DisableApiStop ?? false,
      _shutdownBehavior: input.InstanceInitiatedShutdownBehavior ?? 'stop', _autoPublicIp: publicIp,
    };
    // Undefined members (KeyName, Platform, ...) are left out when it is written, and its view leaves them out too.
    const inst = create(ctx, 'i', id, doc, reservationId);
    const tags = tagNew(ctx, inst, input.TagSpecifications, TAGGABLE, templateTags);
    holdVcpus(ctx, id, typeName);
    // The instance's view shows its interface: the one just written, not read back.
    instances.push(recordCreated(ctx, inst, tags, (eniId, kind) => (eniId === eni.id && kind === 'eni' ? eni : read(eniId, kind))));
    schedule(ctx, id, DELAYS_MS.instancePending, 'instance-running');
  }
  return { ReservationId: reservationId, OwnerId: ctx.accountId, Groups: [], Instances: instances };
}

/** The AMI's root device plus the request's mappings, each a new volume attached to the instance. */
function blockDevices(ctx: Ctx, input: Doc, image: Doc, zone: { name: string; id: string }, instanceId: string, at: string): Doc[] {
  const wanted = new Map<string, Doc>();
  for (const m of image.BlockDeviceMappings ?? []) wanted.set(m.DeviceName, { ...m, Ebs: { ...m.Ebs } });
  for (const m of input.BlockDeviceMappings ?? []) {
    if (m.NoDevice !== undefined) { wanted.delete(m.DeviceName); continue; }
    if (m.VirtualName !== undefined) continue; // instance store: no EBS volume
    const base = wanted.get(m.DeviceName)?.Ebs ?? {};
    wanted.set(m.DeviceName, { DeviceName: m.DeviceName, Ebs: { ...base, ...m.Ebs, ...(m.Ebs?.VolumeType && m.Ebs.VolumeType !== 'gp3' && !m.Ebs.Iops ? { Iops: undefined, Throughput: undefined } : {}) } });
  }
  const out: Doc[] = [];
  for (const [device, m] of wanted) {
    const e = m.Ebs ?? {};
    const vol = createVolumeRecord(ctx, {
      zone, size: e.VolumeSize, type: e.VolumeType ?? 'gp2', iops: e.VolumeType === 'gp2' || e.VolumeType === undefined ? undefined : e.Iops, throughput: e.Throughput,
      snapshotId: e.SnapshotId, snapshotSize: image.BlockDeviceMappings?.find((b: Doc) => b.DeviceName === device)?.Ebs?.VolumeSize, encrypted: e.Encrypted, kmsKeyId: e.KmsKeyId,
    }, 'in-use', [{ AttachTime: at, Device: device, InstanceId: instanceId, State: 'attached', DeleteOnTermination: e.DeleteOnTermination ?? true }]);
    const deleteOnTermination = e.DeleteOnTermination ?? true;
    recordCreated(ctx, vol, tagNew(ctx, vol, input.TagSpecifications, TAGGABLE));
    out.push({ DeviceName: device, Ebs: { AttachTime: at, DeleteOnTermination: deleteOnTermination, Status: 'attached', VolumeId: vol.id } });
  }
  return out;
}
