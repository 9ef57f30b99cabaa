// CreateImage from an instance's EBS volumes (a snapshot each; the image is pending until they
// complete on the clock) and DeregisterImage. DescribeImages lists these next to the public ones.
import { ec2Error } from '../errors';
import { create, find, get, newId, recordCreated, remove, save, where, type Ctx } from '../resources';
import { listKind, type Doc } from '../store';
import { tagOnCreate, type TagSpecification } from '../tagging';
import { DELAYS_MS, registerTransition, schedule } from '../timers';

registerTransition('image-available', (ctx, id) => {
  const image = find(ctx, 'ami', id);
  if (image?.doc.State === 'pending') save(ctx, image, { ...image.doc, State: 'available' });
});

export function createImage(input: { InstanceId: string; Name: string; Description?: string; TagSpecifications?: TagSpecification[] }, ctx: Ctx) {
  const inst = get(ctx, 'i', input.InstanceId);
  if (!/^[A-Za-z0-9()[\]./\-'@_ ]{3,128}$/.test(input.Name)) {
    throw ec2Error('InvalidAMIName.Malformed', 'AMI names must be between 3 and 128 characters long, and may contain letters, numbers, \'(\', \')\', \'.\', \'-\', \'/\' and \'_\'');
  }
  const taken = listKind(ctx.platform.storage, where(ctx), 'ami').find((a) => a.doc.Name === input.Name);
  if (taken) throw ec2Error('InvalidAMIName.Duplicate', input.Name, taken.id);
  if (!['running', 'stopped'].includes(inst.doc.State.Name)) throw ec2Error('IncorrectInstanceState', `The instance '${inst.id}' is not in a valid state for this operation.`);
  const id = newId('ami');
  const mappings = (inst.doc.BlockDeviceMappings ?? []).map((b: Doc) => {
    const vol = get(ctx, 'vol', b.Ebs.VolumeId);
    const snapId = newId('snap');
    recordCreated(ctx, create(ctx, 'snap', snapId, {
      Description: `Created by CreateImage(${inst.id}) for ${id}`, Encrypted: vol.doc.Encrypted, OwnerId: ctx.accountId, Progress: '100%', SnapshotId: snapId,
      StartTime: ctx.now.toISOString(), State: 'completed', VolumeId: vol.id, VolumeSize: vol.doc.Size, StorageTier: 'standard',
    }));
    return { DeviceName: b.DeviceName, Ebs: { DeleteOnTermination: b.Ebs.DeleteOnTermination, SnapshotId: snapId, VolumeSize: vol.doc.Size, VolumeType: vol.doc.VolumeType, Encrypted: vol.doc.Encrypted } };
  });
  const source = inst.doc;
  const image = create(ctx, 'ami', id, {
    Architecture: source.Architecture, CreationDate: ctx.now.toISOString(), ImageId: id, ImageLocation: `${ctx.accountId}/${input.Name}`, ImageType: 'machine',
    Public: false, OwnerId: ctx.accountId, PlatformDetails: source.PlatformDetails, UsageOperation: source.UsageOperation, State: 'pending',
    BlockDeviceMappings: mappings, Description: input.Description, EnaSupport: true, Hypervisor: 'xen', Name: input.Name, RootDeviceName: source.RootDeviceName,
    RootDeviceType: 'ebs', SriovNetSupport: 'simple', VirtualizationType: 'hvm', BootMode: source.BootMode, Platform: source.Platform,
    SourceInstanceId: inst.id,
  });
  for (const k of Object.keys(image.doc)) if (image.doc[k] === undefined) delete image.doc[k];
  tagOnCreate(ctx, image, input.TagSpecifications, ['image', 'snapshot']);
  schedule(ctx, id, DELAYS_MS.snapshotPending, 'image-available');
  return { ImageId: id };
}

export function deregisterImage(input: { ImageId: string; DeleteAssociatedSnapshots?: boolean }, ctx: Ctx) {
  const image = get(ctx, 'ami', input.ImageId);
  const results: Doc[] = [];
  if (input.DeleteAssociatedSnapshots) {
    for (const m of image.doc.BlockDeviceMappings ?? []) {
      const snap = find(ctx, 'snap', m.Ebs?.SnapshotId);
      if (snap) remove(ctx, snap);
      results.push({ SnapshotId: m.Ebs?.SnapshotId, ReturnCode: 'success' });
    }
  }
  remove(ctx, image);
  return { Return: true, DeleteSnapshotResults: input.DeleteAssociatedSnapshots ? results : undefined };
}
