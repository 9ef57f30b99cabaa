// ModifyVolume and DescribeVolumesModifications: a modification goes modifying -> optimizing ->
// completed on the clock; the volume takes its new size, type, IOPS and throughput when optimizing
// begins, and a volume can be modified again six hours after the last modification started.
import { ec2Error, invalidValue } from '../errors';
import { compileFilters, type FieldMap, type Filter } from '../filters';
import { paginate } from '../paging';
import { find, get, save, where, type Ctx } from '../resources';
import { listKind, type Doc } from '../store';
import { registerTransition, schedule } from '../timers';
import { volumeShape } from '../volumes';

const MODIFYING_MS = 10_000;
const OPTIMIZING_MS = 60_000;
const RATE_MS = 6 * 3_600_000;
const PROVISIONED = new Set(['gp3', 'io1', 'io2']);

const MOD_FIELDS: FieldMap<Doc> = {
  'modification-state': (m) => m.ModificationState,
  'original-iops': (m) => m.OriginalIops,
  'original-size': (m) => m.OriginalSize,
  'original-throughput': (m) => m.OriginalThroughput,
  'original-volume-type': (m) => m.OriginalVolumeType,
  'original-multi-attach-enabled': (m) => m.OriginalMultiAttachEnabled,
  'start-time': (m) => m.StartTime,
  'target-iops': (m) => m.TargetIops,
  'target-size': (m) => m.TargetSize,
  'target-throughput': (m) => m.TargetThroughput,
  'target-volume-type': (m) => m.TargetVolumeType,
  'target-multi-attach-enabled': (m) => m.TargetMultiAttachEnabled,
  'volume-id': (m) => m.VolumeId,
};

const timerId = (volumeId: string) => `${volumeId}:modification`;

export function modifyVolume(input: { VolumeId: string; Size?: number; VolumeType?: string; Iops?: number; Throughput?: number; MultiAttachEnabled?: boolean }, ctx: Ctx) {
  const vol = get(ctx, 'vol', input.VolumeId);
  const doc = vol.doc;
  if (doc.State !== 'available' && doc.State !== 'in-use') throw ec2Error('IncorrectState', `The volume '${vol.id}' is not in the 'available' or 'in-use' state.`);
  const last: Doc | undefined = doc._modification;
  if (last && last.ModificationState !== 'completed' && last.ModificationState !== 'failed') throw ec2Error('IncorrectModificationState', vol.id);
  if (last && ctx.now.getTime() - Date.parse(last.StartTime) < RATE_MS) throw ec2Error('VolumeModificationRateExceeded');
  const type = input.VolumeType ?? doc.VolumeType;
  const size = input.Size ?? doc.Size;
  if (size < doc.Size) throw invalidValue(`New size cannot be smaller than existing size.`);
  const keepIops = type === doc.VolumeType ? PROVISIONED.has(type) : PROVISIONED.has(doc.VolumeType) && PROVISIONED.has(type);
  const shape = volumeShape({
    zone: { name: doc.AvailabilityZone, id: doc.AvailabilityZoneId }, size, type,
    iops: input.Iops ?? (keepIops ? doc.Iops : undefined),
    throughput: input.Throughput ?? (type === 'gp3' && doc.VolumeType === 'gp3' ? doc.Throughput : undefined),
  });
  const multi = input.MultiAttachEnabled ?? doc.MultiAttachEnabled ?? false;
  if (multi && !['io1', 'io2'].includes(type)) throw invalidValue('Multi-Attach is supported only on io1 and io2 volumes.');
  if (shape.Size === doc.Size && shape.VolumeType === doc.VolumeType && shape.Iops === doc.Iops && shape.Throughput === doc.Throughput && multi === (doc.MultiAttachEnabled ?? false)) {
    throw invalidValue(`New size, type, IOPS, throughput and Multi-Attach setting are the same as those of volume ${vol.id}.`);
  }
  const mod: Doc = {
    VolumeId: vol.id, ModificationState: 'modifying', TargetSize: shape.Size, TargetIops: shape.Iops, TargetVolumeType: shape.VolumeType,
    TargetThroughput: shape.Throughput, TargetMultiAttachEnabled: multi, OriginalSize: doc.Size, OriginalIops: doc.Iops,
    OriginalVolumeType: doc.VolumeType, OriginalThroughput: doc.Throughput, OriginalMultiAttachEnabled: doc.MultiAttachEnabled ?? false,
    Progress: 0, StartTime: ctx.now.toISOString(),
  };
  for (const k of Object.keys(mod)) if (mod[k] === undefined) delete mod[k];
  save(ctx, vol, { ...doc, _modification: mod });
  schedule(ctx, timerId(vol.id), MODIFYING_MS, 'volume-optimizing');
  return { VolumeModification: mod };
}

const volumeOf = (ctx: Ctx, timer: string) => find(ctx, 'vol', timer.slice(0, timer.indexOf(':')));

registerTransition('volume-optimizing', (ctx, id) => {
  const vol = volumeOf(ctx, id);
  const mod = vol?.doc._modification;
  if (!vol || mod?.ModificationState !== 'modifying') return;
  const next: Doc = { ...vol.doc, Size: mod.TargetSize, VolumeType: mod.TargetVolumeType, Iops: mod.TargetIops, Throughput: mod.TargetThroughput, MultiAttachEnabled: mod.TargetMultiAttachEnabled };
  if (next.Throughput === undefined) delete next.Throughput;
  if (next.Iops === undefined) delete next.Iops;
  save(ctx, vol, { ...next, _modification: { ...mod, ModificationState: 'optimizing', Progress: 10 } });
  schedule(ctx, id, OPTIMIZING_MS, 'volume-modified');
});

registerTransition('volume-modified', (ctx, id) => {
  const vol = volumeOf(ctx, id);
  const mod = vol?.doc._modification;
  if (!vol || mod?.ModificationState !== 'optimizing') return;
  save(ctx, vol, { ...vol.doc, _modification: { ...mod, ModificationState: 'completed', Progress: 100, EndTime: ctx.now.toISOString() } });
});

export function describeVolumesModifications(input: { VolumeIds?: string[]; Filters?: Filter[]; MaxResults?: number; NextToken?: string }, ctx: Ctx) {
  const mods: Doc[] = [];
  if (input.VolumeIds?.length) {
    for (const id of [...new Set(input.VolumeIds)].sort()) {
      const mod = get(ctx, 'vol', id).doc._modification;
      if (!mod) throw ec2Error('InvalidVolumeModification.NotFound', id);
      mods.push(mod);
    }
  } else {
    for (const v of listKind(ctx.platform.storage, where(ctx), 'vol')) if (v.doc._modification) mods.push(v.doc._modification);
  }
  const test = compileFilters(input.Filters, MOD_FIELDS);
  const { page, nextToken } = paginate(mods.filter(test), (m) => m.VolumeId, input.MaxResults, input.NextToken);
  return { VolumesModifications: page, NextToken: nextToken };
}
