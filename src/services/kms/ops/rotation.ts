// EnableKeyRotation, DisableKeyRotation, GetKeyRotationStatus, RotateKeyOnDemand, ListKeyRotations.
// Automatic rotation runs on the platform clock (lifecycle.ts); every version of material stays.
import { AwsError } from '../../../protocol/errors';
import type { RequestContext } from '../../types';
import { DAY_MS, rotateMaterial, saveKey } from '../lifecycle';
import { keyArn } from '../names';
import { pageOf } from '../paging';
import { findKeyRow, requireCustomerManaged, requireEnabled } from '../resolve';
import { countOnDemandRotations, listRotations } from '../store';

const ON_DEMAND_LIMIT = 10;

/** Rotation settings change only on an enabled, customer managed key. */
function rotatable(ctx: RequestContext, keyId: string, action: string) {
  const row = findKeyRow(ctx, keyId);
  requireCustomerManaged(ctx, row, action);
  requireEnabled(row);
  return row;
}

export function enableKeyRotation(input: { KeyId: string; RotationPeriodInDays?: number }, ctx: RequestContext) {
  const row = rotatable(ctx, input.KeyId, 'EnableKeyRotation');
  // The schedule counts from when rotation was first turned on (or last rotated), not from a period change.
  saveKey(ctx, row, { ...row, rotationPeriod: input.RotationPeriodInDays ?? 365, rotatedAt: row.rotatedAt ?? ctx.now.getTime() });
  return {};
}

export function disableKeyRotation(input: { KeyId: string }, ctx: RequestContext) {
  const row = rotatable(ctx, input.KeyId, 'DisableKeyRotation');
  saveKey(ctx, row, { ...row, rotationPeriod: null, rotatedAt: null });
  return {};
}

export function getKeyRotationStatus(input: { KeyId: string }, ctx: RequestContext) {
  const row = findKeyRow(ctx, input.KeyId);
  if (!row.rotationPeriod) return { KeyId: keyArn(ctx, row.keyId), KeyRotationEnabled: false };
  return {
    KeyId: keyArn(ctx, row.keyId),
    KeyRotationEnabled: true,
    RotationPeriodInDays: row.rotationPeriod,
    NextRotationDate: new Date((row.rotatedAt ?? row.createdAt) + row.rotationPeriod * DAY_MS),
  };
}

/** AWS rotates on demand in the background; kanri does it before answering. */
export function rotateKeyOnDemand(input: { KeyId: string }, ctx: RequestContext) {
  const row = rotatable(ctx, input.KeyId, 'RotateKeyOnDemand');
  if (countOnDemandRotations(ctx.platform.storage, row.accountId, row.region, row.keyId) >= ON_DEMAND_LIMIT) {
    throw new AwsError('LimitExceededException',
      `The on-demand rotations limit has been reached for the given keyId. No more on-demand rotations can be performed for this key: ${keyArn(ctx, row.keyId)}`);
  }
  rotateMaterial(ctx, row, 'ON_DEMAND', ctx.now.getTime());
  return { KeyId: keyArn(ctx, row.keyId) };
}

export function listKeyRotations(input: { KeyId: string; Limit?: number; Marker?: string }, ctx: RequestContext) {
  const row = findKeyRow(ctx, input.KeyId);
  const page = pageOf(input.Marker, input.Limit, 100,
    (after, n) => listRotations(ctx.platform.storage, row.accountId, row.region, row.keyId, Number(after || 0), n),
    (r) => String(r.version).padStart(10, '0'));
  return {
    Rotations: page.items.map((r) => ({
      KeyId: row.keyId, KeyMaterialId: r.materialId, RotationDate: new Date(r.createdAt), RotationType: r.rotationType,
      KeyMaterialState: r.materialId === row.currentMaterialId ? 'CURRENT' : 'NON_CURRENT',
    })),
    Truncated: page.Truncated,
    NextMarker: page.NextMarker,
  };
}
