// A process killed with SIGKILL right after a 2xx loses nothing; --in-memory keeps nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startProcess } from './harness';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));


function client(url: string, creds = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x' } as any) {
  return new STSClient({ endpoint: url, region: 'us-east-1', credentials: creds, maxAttempts: 1 });
}

describe('durability', () => {
  it('keeps every acknowledged write across SIGKILL', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kanri-kill-'));
    dirs.push(dataDir);
    const first = await startProcess(['--data-dir', dataDir]);
    const issued = [];
    for (let i = 0; i < 20; i++) {
      const out = await client(first.url).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::1234567890${String(i).padStart(2, '0')}:role/R`, RoleSessionName: `s${i}x` }));
      issued.push(out.Credentials!);
    }
    first.child.kill('SIGKILL'); // no chance to flush or close
    await new Promise((r) => first.child.once('exit', r));

    const second = await startProcess(['--data-dir', dataDir]);
    try {
      for (const [i, c] of issued.entries()) {
        const me = await client(second.url, { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken }).send(new GetCallerIdentityCommand({}));
        expect(me.Account).toBe(`1234567890${String(i).padStart(2, '0')}`);
      }
    } finally {
      second.child.kill('SIGTERM');
    }
  });

  it('stops cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kanri-term-'));
    dirs.push(dataDir);
    const { child } = await startProcess(['--data-dir', dataDir]);
    child.kill('SIGTERM');
    const code = await new Promise((r) => child.once('exit', r));
    expect(code).toBe(0);
  });

  it('keeps nothing with --in-memory', async () => {
    const first = await startProcess(['--in-memory']);
    const out = await client(first.url).send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::222233334444:role/R', RoleSessionName: 'gone' }));
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    const second = await startProcess(['--in-memory']);
    try {
      const c = out.Credentials!;
      const me = await client(second.url, { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken }).send(new GetCallerIdentityCommand({}));
      expect(me.Account).toBe('000000000000'); // the session is unknown to a fresh in-memory kanri
    } finally {
      second.child.kill('SIGTERM');
    }
  });
});
