// Virtual MFA devices: CreateVirtualMFADevice gives a real base32 seed; EnableMFADevice checks two
// consecutive TOTP codes from it on the platform clock, as an authenticator app would produce them.
import { partitionOf } from '../../../core/arn';
import { AwsError } from '../../../protocol/errors';
import type { RequestContext } from '../../types';
import { requireEntity, targetUser } from '../entities';
import { alreadyExists, deleteConflict, limitExceeded, noSuchEntity } from '../errors';
import { pageOfList, type PageInput } from '../paging';
import { entityById } from '../store';
import { assignMfaDevice, deleteMfaDevice, insertMfaDevice, mfaDevice, mfaDevices, mfaDevicesOfUser, type MfaDeviceRow } from '../store-security';
import { base32Seed, consecutiveCodes } from '../totp';
import { userView } from '../views';

const DEVICES_PER_USER = 8;

const deviceMissing = (serial: string) => noSuchEntity(`VirtualMFADevice with serial number ${serial} doesn't exist.`);

export function createVirtualMFADevice(input: { VirtualMFADeviceName: string; Path?: string; Tags?: { Key: string; Value: string }[] }, ctx: RequestContext) {
  const path = input.Path ?? '/';
  const serial = `arn:${partitionOf(ctx.region)}:iam::${ctx.accountId}:mfa${path}${input.VirtualMFADeviceName}`;
  if (mfaDevice(ctx.platform.storage, serial)) throw alreadyExists('MFADevice entity at the same path and name already exists.');
  const seed = base32Seed();
  insertMfaDevice(ctx.platform.storage, {
    serial, accountId: ctx.accountId, name: input.VirtualMFADeviceName, path, seed, createDate: ctx.now.toISOString(), userId: null, enableDate: null,
  });
  // The seed is the device's secret: returned once, here, as AWS does (base32 text in a blob).
  return { VirtualMFADevice: { SerialNumber: serial, Base32StringSeed: Buffer.from(seed, 'ascii'), Tags: input.Tags } };
}

export function enableMFADevice(input: { UserName: string; SerialNumber: string; AuthenticationCode1: string; AuthenticationCode2: string }, ctx: RequestContext) {
  const storage = ctx.platform.storage;
  const user = requireEntity(ctx, 'user', input.UserName);
  const device = mfaDevice(storage, input.SerialNumber);
  if (!device || device.accountId !== ctx.accountId) throw deviceMissing(input.SerialNumber);
  if (device.userId) throw alreadyExists('MFA Device is already in use.');
  if (mfaDevicesOfUser(storage, user.id).length >= DEVICES_PER_USER) throw limitExceeded(`Cannot exceed quota for MFADevicesPerUser: ${DEVICES_PER_USER}`);
  if (!consecutiveCodes(device.seed, ctx.platform.clock.now(), input.AuthenticationCode1, input.AuthenticationCode2)) {
    throw new AwsError('InvalidAuthenticationCodeException', 'Authentication code for device is not valid.', 403);
  }
  assignMfaDevice(storage, device.serial, user.id, ctx.now.toISOString());
  return {};
}

export function deactivateMFADevice(input: { UserName?: string; SerialNumber: string }, ctx: RequestContext) {
  const user = targetUser(ctx, input.UserName);
  const device = mfaDevice(ctx.platform.storage, input.SerialNumber);
  if (!device || device.userId !== user.id) throw noSuchEntity(`MFA Device with serial number ${input.SerialNumber} does not exist.`);
  assignMfaDevice(ctx.platform.storage, device.serial, null, null);
  return {};
}

export function deleteVirtualMFADevice(input: { SerialNumber: string }, ctx: RequestContext) {
  const device = mfaDevice(ctx.platform.storage, input.SerialNumber);
  if (!device || device.accountId !== ctx.accountId) throw deviceMissing(input.SerialNumber);
  if (device.userId) throw deleteConflict('MFA Device is in use.');
  deleteMfaDevice(ctx.platform.storage, device.serial);
  return {};
}

export function listMFADevices(input: PageInput & { UserName?: string }, ctx: RequestContext) {
  if (input.UserName === undefined && ctx.principal.type === 'Root') return { MFADevices: [], IsTruncated: false };
  const user = targetUser(ctx, input.UserName);
  const page = pageOfList(input, mfaDevicesOfUser(ctx.platform.storage, user.id), (d) => d.serial);
  return { MFADevices: page.items.map((d) => ({ UserName: user.name, SerialNumber: d.serial, EnableDate: new Date(d.enableDate!) })), IsTruncated: page.IsTruncated, Marker: page.Marker };
}

export function listVirtualMFADevices(input: PageInput & { AssignmentStatus?: 'Assigned' | 'Unassigned' | 'Any' }, ctx: RequestContext) {
  const storage = ctx.platform.storage;
  const status = input.AssignmentStatus ?? 'Any';
  const wanted = (d: MfaDeviceRow) => status === 'Any' || (status === 'Assigned') === (d.userId !== null);
  const page = pageOfList(input, mfaDevices(storage, ctx.accountId).filter(wanted), (d) => d.serial);
  return {
    VirtualMFADevices: page.items.map((d) => {
      const user = d.userId ? entityById(storage, 'user', d.userId) : undefined;
      return { SerialNumber: d.serial, User: user && userView(storage, user), EnableDate: d.enableDate ? new Date(d.enableDate) : undefined };
    }),
    IsTruncated: page.IsTruncated, Marker: page.Marker,
  };
}
