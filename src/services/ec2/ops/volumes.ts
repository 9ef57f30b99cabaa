// EBS volumes (create, attach, detach, delete, describe, modify attributes) and snapshots (create,
// copy, delete, describe), with their states on the clock.
import { describe, type DescribeInput } from '../describe';
import { ec2Error, ec2ErrorSaying, invalidValue } from '../errors';
import type { FieldMap } from '../filters';
import { findZone } from '../regions';
import { create, find, get, newId, recordCreated, remove, save, type Ctx } from '../resources';
import type { Doc } from '../store';
import { tagOnCreate, type TagSpecification } from '../tagging';
import { DELAYS_MS, registerTransition, schedule } from '../timers';
import { createVolumeRecord } from '../volumes';

const att = (v: Doc): Doc[] => v.Attachments ?? [];

const VOLUME_FIELDS: FieldMap<Doc> = {
  'attachment.attach-time': (v) => att(v).map((a) => a.AttachTime),
  'attachment.delete-on-termination': (v) => att(v).map((a) => a.DeleteOnTermination),
  'attachment.device': (v) => att(v).map((a) => a.Device),
  'attachment.instance-id': (v) => att(v).map((a) => a.InstanceId),
  'attachment.status': (v) => att(v).map((a) => a.State),
  'availability-zone': (v) => v.AvailabilityZone,
  'availability-zone-id': (v) => v.AvailabilityZoneId,
  'create-time': (v) => v.CreateTime,
  encrypted: (v) => v.Encrypted,
  'multi-attach-enabled': (v) => v.MultiAttachEnabled,
  size: (v) => v.Size,
  'snapshot-id': (v) => v.SnapshotId,
  status: (v) => v.State,
  'volume-id': (v) => v.VolumeId,
  'volume-type': (v) => v.VolumeType,
};

registerTransition('volume-available', (ctx, id) => {
  const vol = find(ctx, 'vol', id);
  if (vol?.doc.State === 'creating') save(ctx, vol, { ...vol.doc, State: 'available' });
});

interface CreateVolumeInput {
  AvailabilityZone?: string; AvailabilityZoneId?: string; Size?: number; SnapshotId?: string; VolumeType?: string; Iops?: number;
  Throughput?: number; Encrypted?: boolean; KmsKeyId?: string; TagSpecifications?: TagSpecification[];
}

export function createVolume(input: CreateVolumeInput, ctx: Ctx) {
  const asked = input.AvailabilityZone ?? input.AvailabilityZoneId;
  if (asked === undefined) throw ec2Error('MissingParameter', 'AvailabilityZone');
  const zone = findZone(ctx.region, asked);
  if (!zone) throw invalidValue(`Invalid availability zone: [${asked}]`);
  const snapshot = input.SnapshotId === undefined ? undefined : get(ctx, 'snap', input.SnapshotId);
  const vol = createVolumeRecord(ctx, {
    zone, size: input.Size, type: input.VolumeType, iops: input.Iops, throughput: input.Throughput, snapshotId: snapshot?.id,
    snapshotSize: snapshot?.doc.VolumeSize, encrypted: input.Encrypted ?? snapshot?.doc.Encrypted, kmsKeyId: input.KmsKeyId,
  }, 'creating');
  tagOnCreate(ctx, vol, input.TagSpecifications);
  schedule(ctx, vol.id, DELAYS_MS.volumeCreating, 'volume-available');
  return recordCreated(ctx, vol);
}

export function describeVolumes(input: DescribeInput & { VolumeIds?: string[] }, ctx: Ctx) {
  const { items, nextToken } = describe(ctx, { kind: 'vol', ids: input.VolumeIds, fields: VOLUME_FIELDS }, input);
  return { Volumes: items, NextToken: nextToken };
}

export function attachVolume(input: { VolumeId: string; InstanceId: string; Device: string }, ctx: Ctx) {
  const vol = get(ctx, 'vol', input.VolumeId);
  const inst = get(ctx, 'i', input.InstanceId);
  if (vol.doc.State !== 'available') throw ec2ErrorSaying('IncorrectState', `vol '${vol.id}' is not 'available'.`);
  if (!['running', 'stopped'].includes(inst.doc.State.Name)) throw ec2Error('IncorrectInstanceState', `Instance '${inst.id}' is not 'running'.`);
  if (vol.doc.AvailabilityZone !== inst.doc.Placement.AvailabilityZone) throw ec2Error('InvalidVolume.ZoneMismatch', vol.id, inst.id);
  if ((inst.doc.BlockDeviceMappings ?? []).some((b: Doc) => b.DeviceName === input.Device)) {
    throw invalidValue(`Invalid value '${input.Device}' for unixDevice. Attachment point ${input.Device} is already in use`);
  }
  const at = ctx.now.toISOString();
  save(ctx, vol, { ...vol.doc, State: 'in-use', Attachments: [{ AttachTime: at, Device: input.Device, InstanceId: inst.id, State: 'attached', VolumeId: vol.id, DeleteOnTermination: false }] });
  save(ctx, inst, { ...inst.doc, BlockDeviceMappings: [...(inst.doc.BlockDeviceMappings ?? []), { DeviceName: input.Device, Ebs: { AttachTime: at, DeleteOnTermination: false, Status: 'attached', VolumeId: vol.id } }] });
  return { AttachTime: at, Device: input.Device, InstanceId: inst.id, State: 'attaching', VolumeId: vol.id, DeleteOnTermination: false };
}

export function detachVolume(input: { VolumeId: string; InstanceId?: string; Device?: string; Force?: boolean }, ctx: Ctx) {
  const vol = get(ctx, 'vol', input.VolumeId);
  const a = att(vol.doc)[0];
  if (!a || (input.InstanceId !== undefined && a.InstanceId !== input.InstanceId)) {
    throw ec2ErrorSaying('IncorrectState', `Volume '${vol.id}' is in the '${vol.doc.State}' state.`);
  }
  const inst = find(ctx, 'i', a.InstanceId);
  if (inst) {
    if (inst.doc.RootDeviceName === a.Device && inst.doc.State.Name !== 'stopped') {
      throw ec2Error('OperationNotPermitted', `The volume '${vol.id}' is the root device of instance '${inst.id}' and cannot be detached while the instance is running.`);
    }
    save(ctx, inst, { ...inst.doc, BlockDeviceMappings: inst.doc.BlockDeviceMappings.filter((b: Doc) => b.Ebs?.VolumeId !== vol.id) });
  }
  save(ctx, vol, { ...vol.doc, State: 'available', Attachments: [] });
  return { ...a, State: 'detaching' };
}

export function deleteVolume(input: { VolumeId: string }, ctx: Ctx) {
  const vol = get(ctx, 'vol', input.VolumeId);
  if (att(vol.doc).length) throw ec2ErrorSaying('InvalidVolume.InUse', `Volume ${vol.id} is currently attached to ${att(vol.doc)[0].InstanceId}`);
  remove(ctx, vol);
  return {};
}

const SNAPSHOT_FIELDS: FieldMap<Doc> = {
  description: (s) => s.Description,
  encrypted: (s) => s.Encrypted,
  'owner-alias': (s) => s.OwnerAlias,
  'owner-id': (s) => s.OwnerId,
  progress: (s) => s.Progress,
  'snapshot-id': (s) => s.SnapshotId,
  'start-time': (s) => s.StartTime,
  status: (s) => s.State,
  'volume-id': (s) => s.VolumeId,
  'volume-size': (s) => s.VolumeSize,
  'storage-tier': (s) => s.StorageTier,
};

registerTransition('snapshot-completed', (ctx, id) => {
  const snap = find(ctx, 'snap', id);
  if (snap?.doc.State === 'pending') save(ctx, snap, { ...snap.doc, State: 'completed', Progress: '100%', CompletionTime: ctx.now.toISOString() });
});

function newSnapshot(ctx: Ctx, from: Doc, description: string | undefined, specs: TagSpecification[] | undefined) {
  const id = newId('snap');
  const snap = create(ctx, 'snap', id, {
    Description: description ?? '', Encrypted: from.Encrypted ?? false, KmsKeyId: from.KmsKeyId, OwnerId: ctx.accountId, Progress: '',
    SnapshotId: id, StartTime: ctx.now.toISOString(), State: 'pending', VolumeId: from.VolumeId ?? 'vol-ffffffff', VolumeSize: from.Size ?? from.VolumeSize, StorageTier: 'standard',
  });
  if (snap.doc.KmsKeyId === undefined) delete snap.doc.KmsKeyId;
  tagOnCreate(ctx, snap, specs);
  schedule(ctx, id, DELAYS_MS.snapshotPending, 'snapshot-completed');
  return recordCreated(ctx, snap);
}

export function createSnapshot(input: { VolumeId: string; Description?: string; TagSpecifications?: TagSpecification[] }, ctx: Ctx) {
  const vol = get(ctx, 'vol', input.VolumeId);
  return newSnapshot(ctx, vol.doc, input.Description, input.TagSpecifications);
}

export function copySnapshot(input: { SourceSnapshotId: string; SourceRegion: string; Description?: string; TagSpecifications?: TagSpecification[] }, ctx: Ctx) {
  if (input.SourceRegion !== ctx.region) throw invalidValue('kanri copies snapshots within one region only.');
  const source = get(ctx, 'snap', input.SourceSnapshotId);
  const copy = newSnapshot(ctx, { ...source.doc, VolumeId: 'vol-ffffffff' }, input.Description ?? `[Copied ${source.id} from ${input.SourceRegion}]`, input.TagSpecifications);
  return { SnapshotId: copy.SnapshotId, Tags: copy.Tags };
}

export function deleteSnapshot(input: { SnapshotId: string }, ctx: Ctx) {
  remove(ctx, get(ctx, 'snap', input.SnapshotId));
  return {};
}

export function describeSnapshots(input: DescribeInput & { SnapshotIds?: string[]; OwnerIds?: string[] }, ctx: Ctx) {
  const owners = input.OwnerIds ?? [];
  const visible = (r: { doc: Doc }) => !owners.length || owners.some((o) => o === 'self' || o === r.doc.OwnerId);
  const { items, nextToken } = describe(ctx, { kind: 'snap', ids: input.SnapshotIds, fields: SNAPSHOT_FIELDS, visible }, input);
  return { Snapshots: items, NextToken: nextToken };
}

