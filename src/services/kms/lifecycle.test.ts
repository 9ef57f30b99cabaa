// Key lifecycles on the platform clock, across restarts, and the functions other services call.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Platform } from '../../core/platform';
import type { StoredChange } from '../../core/events';
import type { RequestContext } from '../types';
import kms, { awsManagedKey, decryptBlob, encryptWithKey } from './index';
import { createKey, DAY_MS } from './lifecycle';
import { scopeOf } from './names';
import { disableKey, scheduleKeyDeletion } from './ops/keys';
import { enableKeyRotation } from './ops/rotation';
import { findKey, listRotations } from './store';

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
const open: Platform[] = [];
const dirs: string[] = [];
afterEach(() => {
  open.splice(0).forEach((p) => p.close());
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

/** A platform with KMS loaded directly: the registry's require() is not transformed under vitest. */
function start(dataDir: string | null): Platform {
  const platform = new Platform({ dataDir });
  platform.storage.migrate('kms', kms.migrations!);
  (platform as unknown as { service: (n: string) => unknown }).service = (name) => (name === 'kms' ? kms : undefined);
  kms.init!(platform);
  open.push(platform);
  return platform;
}

function stop(platform: Platform): void {
  open.splice(open.indexOf(platform), 1);
  platform.close();
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kanri-kms-'));
  dirs.push(dir);
  return dir;
}

/** Just what the handlers use of a request context. */
function ctx(platform: Platform): RequestContext {
  return { ...scopeOf(platform, ACCOUNT, REGION) } as RequestContext;
}

function newKey(platform: Platform): string {
  return platform.storage.transaction(() => createKey(ctx(platform), { description: '', policy: '{}', keyManager: 'CUSTOMER' })).keyId;
}

async function advance(platform: Platform, ms: number): Promise<void> {
  platform.clock.advance(ms);
  await platform.scheduler.runDue();
}

describe('key lifecycle', () => {
  it('keeps material and a pending deletion across restarts, then deletes on the clock', async () => {
    const dir = tempDir();
    let platform = start(dir);
    const keyId = newKey(platform);
    const sealed = encryptWithKey(platform, ACCOUNT, REGION, keyId, Buffer.from('kept'), { a: 'b' });
    stop(platform);

    platform = start(dir);
    expect(decryptBlob(platform, ACCOUNT, REGION, sealed.ciphertextBlob, { a: 'b' }).plaintext.toString()).toBe('kept');
    platform.storage.transaction(() => scheduleKeyDeletion({ KeyId: keyId, PendingWindowInDays: 7 }, ctx(platform)));
    stop(platform);

    platform = start(dir);
    await advance(platform, 6 * DAY_MS);
    expect(findKey(platform.storage, ACCOUNT, REGION, keyId)?.keyState).toBe('PendingDeletion');
    await advance(platform, 2 * DAY_MS);
    expect(findKey(platform.storage, ACCOUNT, REGION, keyId)).toBeUndefined();
    expect(() => decryptBlob(platform, ACCOUNT, REGION, sealed.ciphertextBlob, { a: 'b' })).toThrow(/does not exist/);
  });

  it('rotates on schedule, catching up every period missed while stopped', async () => {
    const dir = tempDir();
    let platform = start(dir);
    const keyId = newKey(platform);
    const before = encryptWithKey(platform, ACCOUNT, REGION, keyId, Buffer.from('v1'));
    platform.storage.transaction(() => enableKeyRotation({ KeyId: keyId, RotationPeriodInDays: 90 }, ctx(platform)));
    stop(platform);

    platform = start(dir);
    await advance(platform, 181 * DAY_MS);
    expect(listRotations(platform.storage, ACCOUNT, REGION, keyId, 0, 10).map((r) => r.rotationType)).toEqual(['AUTOMATIC', 'AUTOMATIC']);
    expect(findKey(platform.storage, ACCOUNT, REGION, keyId)?.currentVersion).toBe(3);
    expect(decryptBlob(platform, ACCOUNT, REGION, before.ciphertextBlob).plaintext.toString()).toBe('v1');
  });

  it('writes a key-change event for every create, update and delete', async () => {
    const platform = start(null);
    const seen: StoredChange[] = [];
    platform.outbox.subscribe('test', (e) => void seen.push(e));
    const keyId = newKey(platform);
    platform.storage.transaction(() => disableKey({ KeyId: keyId }, ctx(platform)));
    platform.storage.transaction(() => scheduleKeyDeletion({ KeyId: keyId, PendingWindowInDays: 7 }, ctx(platform)));
    await advance(platform, 7 * DAY_MS);
    await platform.outbox.drain();
    const mine = seen.filter((e) => e.resourceId === keyId);
    expect(mine.map((e) => [(e.before as { keyState?: string } | null)?.keyState ?? null, (e.after as { keyState?: string } | null)?.keyState ?? null]))
      .toEqual([[null, 'Enabled'], ['Enabled', 'Disabled'], ['Disabled', 'PendingDeletion'], ['PendingDeletion', null]]);
    expect(mine[0]).toMatchObject({ resourceType: 'AWS::KMS::Key', service: 'kms', accountId: ACCOUNT, region: REGION, arn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/${keyId}` });
    expect(JSON.stringify(mine)).not.toContain('"Buffer"'); // key material never leaves the table
  });
});

describe('for other services', () => {
  it('creates one AWS managed key per service, account and region', () => {
    const platform = start(null);
    const ssm = awsManagedKey(platform, ACCOUNT, REGION, 'ssm');
    expect(awsManagedKey(platform, ACCOUNT, REGION, 'ssm')).toEqual(ssm);
    expect(awsManagedKey(platform, ACCOUNT, 'us-east-1', 'ssm').keyId).not.toBe(ssm.keyId);
    expect(awsManagedKey(platform, ACCOUNT, REGION, 's3').keyId).not.toBe(ssm.keyId);
    const row = findKey(platform.storage, ACCOUNT, REGION, ssm.keyId)!;
    expect([row.keyManager, row.rotationPeriod]).toEqual(['AWS', 365]);
    expect(JSON.parse(row.policy).Statement[0].Condition.StringEquals['kms:ViaService']).toBe(`ssm.${REGION}.amazonaws.com`);
  });

  it('encrypts by alias and decrypts without a key id; errors are KMS errors', () => {
    const platform = start(null);
    const sealed = encryptWithKey(platform, ACCOUNT, REGION, 'alias/aws/ssm', Buffer.from('p@ss'), { PARAMETER_ARN: 'arn:x' });
    expect(sealed.keyArn).toBe(awsManagedKey(platform, ACCOUNT, REGION, 'ssm').arn);
    expect(decryptBlob(platform, ACCOUNT, REGION, sealed.ciphertextBlob, { PARAMETER_ARN: 'arn:x' }).plaintext.toString()).toBe('p@ss');
    expect(() => decryptBlob(platform, ACCOUNT, REGION, sealed.ciphertextBlob, { PARAMETER_ARN: 'arn:y' })).toThrow(expect.objectContaining({ code: 'InvalidCiphertextException' }));
    expect(() => encryptWithKey(platform, ACCOUNT, REGION, 'alias/none', Buffer.from('x'))).toThrow(expect.objectContaining({ code: 'NotFoundException' }));
  });
});
