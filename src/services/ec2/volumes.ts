// EBS volumes: types, sizes and IOPS as AWS validates them, and the volume record RunInstances and
// CreateVolume both make.
import { ec2Error, invalidValue } from './errors';
import { create, newId, type Ctx } from './resources';
import type { Resource } from './store';

/** Size (GiB) and IOPS limits per volume type (EBS volume types documentation). */
const LIMITS: Record<string, { min: number; max: number; iops?: { min: number; max: number; perGiB: number } }> = {
  standard: { min: 1, max: 1024 },
  gp2: { min: 1, max: 16384 },
  gp3: { min: 1, max: 16384, iops: { min: 3000, max: 16000, perGiB: 500 } },
  io1: { min: 4, max: 16384, iops: { min: 100, max: 64000, perGiB: 50 } },
  io2: { min: 4, max: 65536, iops: { min: 100, max: 256000, perGiB: 1000 } },
  st1: { min: 125, max: 16384 },
  sc1: { min: 125, max: 16384 },
};

export interface VolumeSpec {
  zone: { name: string; id: string };
  size?: number;
  type?: string;
  iops?: number;
  throughput?: number;
  snapshotId?: string;
  snapshotSize?: number;
  encrypted?: boolean;
  kmsKeyId?: string;
}

/** Checks a volume request and fills in AWS's defaults (gp2; gp3 at 3000 IOPS and 125 MiB/s). */
export function volumeShape(spec: VolumeSpec): { Size: number; VolumeType: string; Iops?: number; Throughput?: number } {
  const type = spec.type ?? 'gp2';
  const limits = Object.hasOwn(LIMITS, type) ? LIMITS[type] : undefined;
  if (!limits) throw invalidValue(`Value (${type}) for parameter volumeType is invalid. Valid values: standard, gp2, gp3, io1, io2, st1, sc1.`);
  const size = spec.size ?? spec.snapshotSize;
  if (size === undefined) throw ec2Error('MissingParameter', 'size');
  if (spec.snapshotSize !== undefined && size < spec.snapshotSize) {
    throw invalidValue(`Volume of ${size}GiB is smaller than snapshot '${spec.snapshotId}', expect size >= ${spec.snapshotSize}GiB`);
  }
  if (size < limits.min || size > limits.max) {
    throw invalidValue(`Volume of size ${size}GiB is too ${size < limits.min ? 'small' : 'large'}; minimum is ${limits.min}GiB and maximum is ${limits.max}GiB.`);
  }
  if (!limits.iops) {
    if (spec.iops !== undefined) throw ec2Error('InvalidParameterCombination', `The parameter iops is not supported for ${type} volumes.`);
    return { Size: size, VolumeType: type, ...(type === 'gp2' ? { Iops: Math.max(100, Math.min(16000, size * 3)) } : {}) };
  }
  if (type !== 'gp3' && spec.iops === undefined) throw ec2Error('MissingParameter', 'iops');
  const iops = spec.iops ?? 3000;
  if (iops < limits.iops.min || iops > limits.iops.max) throw invalidValue(`Invalid iops: ${iops}. Iops must be between ${limits.iops.min} and ${limits.iops.max}.`);
  if (type !== 'gp3' && iops > size * limits.iops.perGiB) {
    throw invalidValue(`Iops to volume size ratio of ${(iops / size).toFixed(1)} is too high; maximum is ${limits.iops.perGiB}.`);
  }
  if (spec.throughput !== undefined && type !== 'gp3') throw ec2Error('InvalidParameterCombination', `The parameter throughput is not supported for ${type} volumes.`);
  const throughput = type === 'gp3' ? spec.throughput ?? 125 : undefined;
  if (throughput !== undefined && (throughput < 125 || throughput > 1000)) throw invalidValue(`Invalid throughput: ${throughput}. Throughput must be between 125 and 1000 MiB/s.`);
  return { Size: size, VolumeType: type, Iops: iops, Throughput: throughput };
}

export function createVolumeRecord(ctx: Ctx, spec: VolumeSpec, state: string, attachments: Record<string, unknown>[] = []): Resource {
  const id = newId('vol');
  const shape = volumeShape(spec);
  const doc = {
    Attachments: attachments.map((a) => ({ ...a, VolumeId: id })), AvailabilityZone: spec.zone.name, AvailabilityZoneId: spec.zone.id, CreateTime: ctx.now.toISOString(),
    Encrypted: spec.encrypted ?? false, ...shape, SnapshotId: spec.snapshotId ?? '', State: state, VolumeId: id, MultiAttachEnabled: false,
    ...(spec.encrypted ? { KmsKeyId: spec.kmsKeyId ?? `arn:aws:kms:${ctx.region}:${ctx.accountId}:alias/aws/ebs` } : {}),
  };
  return create(ctx, 'vol', id, doc);
}
