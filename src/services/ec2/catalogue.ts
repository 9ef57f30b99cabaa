// The instance type catalogue (data/instance-types.json, generated) and the public AMIs
// (data/amis.json) with ids derived per region, as Describe* shows them.
import { createHash } from 'node:crypto';
import types from './data/instance-types.json';
import amis from './data/amis.json';
import type { Doc } from './store';

export interface InstanceTypeInfo { vcpus: number; memoryMiB: number; architectures: string[] }

const TYPES: Record<string, InstanceTypeInfo> = types.types;

export function instanceType(name: string): InstanceTypeInfo | undefined {
  return Object.hasOwn(TYPES, name) ? TYPES[name] : undefined;
}

export function instanceTypeNames(): string[] {
  return Object.keys(TYPES);
}

function derivedId(prefix: string, region: string, name: string): string {
  return `${prefix}-${createHash('sha256').update(`${region}/${name}`).digest('hex').slice(0, 17)}`;
}

const IMAGES = new Map<string, { list: Doc[]; byId: Map<string, Doc> }>();

/** The public images of a region, as DescribeImages shows them: built once per region, shared, never to be mutated. */
export function publicImages(region: string): Doc[] {
  return imagesOf(region).list;
}

function imagesOf(region: string): { list: Doc[]; byId: Map<string, Doc> } {
  let built = IMAGES.get(region);
  if (!built) {
    const list = buildImages(region);
    // Region names come from the request's scope; only real ones are worth keeping.
    built = { list, byId: new Map(list.map((i) => [i.ImageId, i])) };
    if (IMAGES.size < 100) IMAGES.set(region, built);
  }
  return built;
}

function buildImages(region: string): Doc[] {
  return amis.images.map((a: Doc) => {
    const windows = a.platform === 'windows';
    const ebs: Doc = { DeleteOnTermination: true, SnapshotId: derivedId('snap', region, a.name), VolumeSize: a.sizeGiB, VolumeType: a.volumeType, Encrypted: false };
    if (a.volumeType === 'gp3') Object.assign(ebs, { Iops: 3000, Throughput: 125 });
    const image: Doc = {
      Architecture: a.architecture, CreationDate: '2024-11-20T00:00:00.000Z', ImageId: derivedId('ami', region, a.name),
      ImageLocation: `${a.alias ?? a.ownerId}/${a.name}`, ImageType: 'machine', Public: true, OwnerId: a.ownerId,
      PlatformDetails: windows ? 'Windows' : 'Linux/UNIX', UsageOperation: windows ? 'RunInstances:0002' : 'RunInstances', State: 'available',
      BlockDeviceMappings: [{ DeviceName: a.rootDevice, Ebs: ebs }], Description: a.description, EnaSupport: true, Hypervisor: 'xen',
      ImageOwnerAlias: a.alias, Name: a.name, RootDeviceName: a.rootDevice, RootDeviceType: 'ebs', SriovNetSupport: 'simple',
      VirtualizationType: 'hvm', BootMode: a.bootMode, ImdsSupport: a.imds, DeprecationTime: '2026-11-20T00:00:00.000Z',
    };
    if (windows) image.Platform = 'windows';
    for (const k of Object.keys(image)) if (image[k] === undefined) delete image[k];
    return image;
  });
}

export function publicImage(region: string, imageId: string): Doc | undefined {
  return imagesOf(region).byId.get(imageId);
}
