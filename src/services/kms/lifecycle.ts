// A key's life on the clock: creation with its first material, rotation to new material (old
// versions keep decrypting), and deletion when its waiting period ends. Timers are re-armed from
// the table at start-up, so a restart loses neither a pending deletion nor a rotation.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Platform } from '../../core/platform';
import { newMaterial } from './envelope';
import { emitKeyChange, keyDescription, scopeOf, type Scope } from './names';
import { deleteKeyAndDependents, findKey, insertKey, insertMaterial, keysWithTimers, updateKey, type KeyRow, type MaterialRow } from './store';

export const DAY_MS = 86_400_000;

export interface NewKey {
  description: string;
  policy: string;
  keyManager: 'CUSTOMER' | 'AWS';
  rotationPeriod?: number;
}

function newMaterialRow(version: number, at: number, rotationType: string | null): MaterialRow {
  return { version, materialId: randomBytes(32).toString('hex'), material: newMaterial(), createdAt: at, rotationType };
}

export function createKey(scope: Scope, spec: NewKey): KeyRow {
  const now = scope.now.getTime();
  const material = newMaterialRow(1, now, null);
  const row: KeyRow = {
    accountId: scope.accountId, region: scope.region, keyId: randomUUID(), description: spec.description, keyState: 'Enabled',
    keyManager: spec.keyManager, createdAt: now, deletionAt: null, policy: spec.policy, currentVersion: 1,
    currentMaterialId: material.materialId, rotationPeriod: spec.rotationPeriod ?? null, rotatedAt: spec.rotationPeriod ? now : null,
  };
  insertKey(scope.platform.storage, row);
  insertMaterial(scope.platform.storage, row.accountId, row.region, row.keyId, material);
  emitKeyChange(scope, row.keyId, null, row);
  armTimers(scope.platform, row);
  return row;
}

/** Writes a changed key, emits its change and re-arms its timers. */
export function saveKey(scope: Scope, before: KeyRow, after: KeyRow): KeyRow {
  updateKey(scope.platform.storage, after);
  if (JSON.stringify(keyDescription(before)) !== JSON.stringify(keyDescription(after))) emitKeyChange(scope, after.keyId, before, after);
  armTimers(scope.platform, after);
  return after;
}

/** New material becomes current; every older version stays to decrypt what it encrypted. */
export function rotateMaterial(scope: Scope, row: KeyRow, rotationType: 'AUTOMATIC' | 'ON_DEMAND', at: number): KeyRow {
  const material = newMaterialRow(row.currentVersion + 1, at, rotationType);
  insertMaterial(scope.platform.storage, row.accountId, row.region, row.keyId, material);
  const next = { ...row, currentVersion: material.version, currentMaterialId: material.materialId };
  // On-demand rotation leaves the automatic schedule alone, as AWS does.
  if (rotationType === 'AUTOMATIC') next.rotatedAt = at;
  updateKey(scope.platform.storage, next);
  emitKeyChange(scope, row.keyId, row, next);
  return next;
}

/** Deletion is due: the key reads as gone even before its timer has run. */
export function isDeleted(row: KeyRow, now: number): boolean {
  return row.keyState === 'PendingDeletion' && row.deletionAt !== null && row.deletionAt <= now;
}

type KeyRef = Pick<KeyRow, 'accountId' | 'region' | 'keyId'>;

const jobId = (kind: string, r: KeyRef) => `kms:${kind}:${r.accountId}:${r.region}:${r.keyId}`;

export function armTimers(platform: Platform, row: KeyRow): void {
  const { scheduler, clock } = platform;
  const ref: KeyRef = { accountId: row.accountId, region: row.region, keyId: row.keyId };
  if (row.keyState === 'PendingDeletion' && row.deletionAt !== null) {
    scheduler.once(jobId('delete', row), Math.max(0, row.deletionAt - clock.now()), () => deleteWhenDue(platform, ref));
  } else {
    scheduler.cancel(jobId('delete', row));
  }
  if (row.rotationPeriod) {
    scheduler.every(jobId('rotate', row), `rate(${row.rotationPeriod} days)`, (at) => rotateWhenDue(platform, ref, at), row.rotatedAt ?? clock.now());
  } else {
    scheduler.cancel(jobId('rotate', row));
  }
}

function deleteWhenDue(platform: Platform, ref: KeyRef): void {
  if (!platform.storage.db.open) return;
  platform.storage.transaction(() => {
    const row = findKey(platform.storage, ref.accountId, ref.region, ref.keyId);
    if (!row || !isDeleted(row, platform.clock.now())) return;
    deleteKeyAndDependents(platform.storage, row.accountId, row.region, row.keyId);
    emitKeyChange(scopeOf(platform, row.accountId, row.region), row.keyId, row, null);
    platform.scheduler.cancel(jobId('rotate', row));
  });
}

function rotateWhenDue(platform: Platform, ref: KeyRef, at: Date): void {
  if (!platform.storage.db.open) return;
  platform.storage.transaction(() => {
    const row = findKey(platform.storage, ref.accountId, ref.region, ref.keyId);
    if (!row || !row.rotationPeriod) {
      platform.scheduler.cancel(jobId('rotate', ref)); // the key is gone, or its creation was rolled back
      return;
    }
    // AWS does not rotate a disabled key or one pending deletion; the schedule carries on.
    if (row.keyState !== 'Enabled') return;
    rotateMaterial(scopeOf(platform, row.accountId, row.region), row, 'AUTOMATIC', at.getTime());
  });
}

/** At start-up: pending deletions and rotation schedules come back from the table. */
export function restoreTimers(platform: Platform): void {
  for (const row of keysWithTimers(platform.storage)) armTimers(platform, row);
}
