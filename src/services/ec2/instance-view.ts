// What DescribeInstances shows for an instance: the stored document, its network interfaces
// (addresses, groups, public IP) read from the ENIs, and the filters AWS documents.
import type { FieldMap } from './filters';
import { registerView } from './resources';
import type { Doc, Resource } from './store';

export const STATE_CODES: Record<string, number> = { pending: 0, running: 16, 'shutting-down': 32, terminated: 48, stopping: 64, stopped: 80 };

export const state = (name: string) => ({ Code: STATE_CODES[name], Name: name });

/**
 * An interface as its instance shows it, made once per ENI document (documents are never changed in
 * place): the views before and after one save share it, so comparing and converting them skips it.
 */
const SHOWN_INTERFACES = new WeakMap<Doc, Doc>();

function shownInterface(e: Doc): Doc {
  let shown = SHOWN_INTERFACES.get(e);
  if (shown) return shown;
  const a = e.Attachment ?? {};
  shown = {
    Association: e.Association, Attachment: { AttachTime: a.AttachTime, AttachmentId: a.AttachmentId, DeleteOnTermination: a.DeleteOnTermination, DeviceIndex: a.DeviceIndex, Status: a.Status, NetworkCardIndex: 0 },
    Description: e.Description, Groups: e.Groups, Ipv6Addresses: e.Ipv6Addresses, MacAddress: e.MacAddress, NetworkInterfaceId: e.NetworkInterfaceId,
    OwnerId: e.OwnerId, PrivateDnsName: e.PrivateDnsName, PrivateIpAddress: e.PrivateIpAddress, PrivateIpAddresses: e.PrivateIpAddresses,
    SourceDestCheck: e.SourceDestCheck, Status: e.Status, SubnetId: e.SubnetId, VpcId: e.VpcId, InterfaceType: e.InterfaceType,
  };
  SHOWN_INTERFACES.set(e, shown);
  return shown;
}

registerView('i', (_ctx, r, shown, read) => {
  const enis: Resource[] = [];
  for (const id of (r.doc._eniIds ?? []) as string[]) {
    const e = read(id, 'eni');
    if (e) enis.push(e);
  }
  const primary = enis[0]?.doc;
  const interfaces = enis.map(({ doc }) => shownInterface(doc));
  const computed: Doc = {
    NetworkInterfaces: interfaces,
    SecurityGroups: primary?.Groups ?? [],
    PrivateDnsName: primary?.PrivateDnsName ?? '',
    PrivateIpAddress: primary?.PrivateIpAddress,
    PublicDnsName: primary?.Association?.PublicDnsName ?? '',
    PublicIpAddress: primary?.Association?.PublicIp,
    SourceDestCheck: primary?.SourceDestCheck,
  };
  // As {...shown, ...computed} with undefined members left out, built without `delete` (which
  // turns the object into a slow dictionary for everything that reads it next).
  const out: Doc = {};
  for (const k in shown) {
    const v = Object.hasOwn(computed, k) ? computed[k] : shown[k];
    if (v !== undefined) out[k] = v;
  }
  for (const k in computed) if (!Object.hasOwn(shown, k) && computed[k] !== undefined) out[k] = computed[k];
  return out;
});

const enis = (i: Doc): Doc[] => i.NetworkInterfaces ?? [];
const bdm = (i: Doc): Doc[] => i.BlockDeviceMappings ?? [];

export const INSTANCE_FIELDS: FieldMap<Doc> = {
  'affinity': (i) => i.Placement?.Affinity,
  'ami-launch-index': (i) => i.AmiLaunchIndex,
  architecture: (i) => i.Architecture,
  'availability-zone': (i) => i.Placement?.AvailabilityZone,
  'block-device-mapping.attach-time': (i) => bdm(i).map((b) => b.Ebs?.AttachTime),
  'block-device-mapping.delete-on-termination': (i) => bdm(i).map((b) => b.Ebs?.DeleteOnTermination),
  'block-device-mapping.device-name': (i) => bdm(i).map((b) => b.DeviceName),
  'block-device-mapping.status': (i) => bdm(i).map((b) => b.Ebs?.Status),
  'block-device-mapping.volume-id': (i) => bdm(i).map((b) => b.Ebs?.VolumeId),
  'boot-mode': (i) => i.BootMode,
  'client-token': (i) => i.ClientToken,
  'dns-name': (i) => i.PublicDnsName,
  'group-id': (i) => i.SecurityGroups.map((g: Doc) => g.GroupId),
  'group-name': (i) => i.SecurityGroups.map((g: Doc) => g.GroupName),
  'instance.group-id': (i) => i.SecurityGroups.map((g: Doc) => g.GroupId),
  'instance.group-name': (i) => i.SecurityGroups.map((g: Doc) => g.GroupName),
  hypervisor: (i) => i.Hypervisor,
  'iam-instance-profile.arn': (i) => i.IamInstanceProfile?.Arn,
  'iam-instance-profile.id': (i) => i.IamInstanceProfile?.Id,
  'image-id': (i) => i.ImageId,
  'instance-id': (i) => i.InstanceId,
  'instance-lifecycle': (i) => i.InstanceLifecycle,
  'instance-state-code': (i) => i.State.Code,
  'instance-state-name': (i) => i.State.Name,
  'instance-type': (i) => i.InstanceType,
  'ip-address': (i) => i.PublicIpAddress,
  'kernel-id': (i) => i.KernelId,
  'key-name': (i) => i.KeyName,
  'launch-index': (i) => i.AmiLaunchIndex,
  'launch-time': (i) => i.LaunchTime,
  'metadata-options.http-tokens': (i) => i.MetadataOptions?.HttpTokens,
  'metadata-options.http-put-response-hop-limit': (i) => i.MetadataOptions?.HttpPutResponseHopLimit,
  'metadata-options.http-endpoint': (i) => i.MetadataOptions?.HttpEndpoint,
  'metadata-options.instance-metadata-tags': (i) => i.MetadataOptions?.InstanceMetadataTags,
  'monitoring-state': (i) => i.Monitoring?.State,
  'network-interface.network-interface-id': (i) => enis(i).map((e) => e.NetworkInterfaceId),
  'network-interface.addresses.private-ip-address': (i) => enis(i).flatMap((e) => e.PrivateIpAddresses.map((p: Doc) => p.PrivateIpAddress)),
  'network-interface.subnet-id': (i) => enis(i).map((e) => e.SubnetId),
  'network-interface.vpc-id': (i) => enis(i).map((e) => e.VpcId),
  'network-interface.mac-address': (i) => enis(i).map((e) => e.MacAddress),
  'network-interface.group-id': (i) => enis(i).flatMap((e) => e.Groups.map((g: Doc) => g.GroupId)),
  'owner-id': (i) => i._ownerId,
  'placement-group-name': (i) => i.Placement?.GroupName,
  'placement-partition-number': (i) => i.Placement?.PartitionNumber,
  platform: (i) => i.Platform,
  'platform-details': (i) => i.PlatformDetails,
  'private-dns-name': (i) => i.PrivateDnsName,
  'private-ip-address': (i) => i.PrivateIpAddress,
  'product-code': (i) => (i.ProductCodes ?? []).map((p: Doc) => p.ProductCodeId),
  'ramdisk-id': (i) => i.RamdiskId,
  'reason': (i) => i.StateTransitionReason,
  'requester-id': (i) => i._requesterId,
  'reservation-id': (i) => i._reservationId,
  'root-device-name': (i) => i.RootDeviceName,
  'root-device-type': (i) => i.RootDeviceType,
  'source-dest-check': (i) => i.SourceDestCheck,
  'state-reason-code': (i) => i.StateReason?.Code,
  'state-reason-message': (i) => i.StateReason?.Message,
  'subnet-id': (i) => i.SubnetId,
  tenancy: (i) => i.Placement?.Tenancy,
  'usage-operation': (i) => i.UsageOperation,
  'virtualization-type': (i) => i.VirtualizationType,
  'vpc-id': (i) => i.VpcId,
};
