// DNS worker processes (`kanri start --dns-workers N`): they start with the first query, answer the
// same as kanri's own process right after a change (asked with the real `dig`), and go away with
// kanri, even when kanri is killed with SIGKILL.
import { readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as R from '@aws-sdk/client-route-53';
import { run, startProcess } from './harness';

const childrenOf = (pid: number): number[] => {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
};
/** Running, not gone and not a zombie waiting for whoever adopted it to reap it. */
const alive = (pid: number) => {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};
const until = async (check: () => boolean | Promise<boolean>, ms = 5000) => {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) if (await check()) return true;
  return check();
};

describe('kanri start --dns-workers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kanri-dns-workers-'));
  let kanri: Awaited<ReturnType<typeof startProcess>>;
  let r53: R.Route53Client;
  let dnsPort: number;
  let zoneId: string;
  const health = async () => ((await (await fetch(`${kanri.url}/_kanri/health`)).json()) as any).dns;
  const setA = (value: string) => r53.send(new R.ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Changes: [
    { Action: 'UPSERT', ResourceRecordSet: { Name: 'www.workers.example', Type: 'A', TTL: 60, ResourceRecords: [{ Value: value }] } },
  ] } }));
  /** 300 queries in one dig run: the kernel spreads them over kanri and its workers. */
  const manyAnswers = async () => {
    const queries = join(dir, 'queries');
    writeFileSync(queries, 'www.workers.example A\n'.repeat(300));
    const { stdout } = await run('dig', ['@127.0.0.1', '-p', String(dnsPort), '+short', '+tries=2', '+time=2', '-f', queries], { maxBuffer: 1 << 22 });
    return stdout.trim().split('\n');
  };

  beforeAll(async () => {
    kanri = await startProcess(['--in-memory', '--dns-port', '0', '--dns-workers', '2']);
    dnsPort = Number(/kanri DNS on \S+ port (\d+)/.exec(kanri.output())![1]);
    r53 = new R.Route53Client({ endpoint: kanri.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    zoneId = (await r53.send(new R.CreateHostedZoneCommand({ Name: 'workers.example', CallerReference: 'workers' }))).HostedZone!.Id!;
  });
  afterAll(() => {
    if (kanri?.child.exitCode === null) kanri.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts the workers with the first query, and says so in /_kanri/health', async () => {
    expect((await health()).workers).toBe(0);
    await setA('192.0.2.1');
    expect((await run('dig', ['@127.0.0.1', '-p', String(dnsPort), '+short', 'www.workers.example'])).stdout.trim()).toBe('192.0.2.1');
    expect(await until(async () => (await health()).workers === 2)).toBe(true);
    expect(childrenOf(kanri.child.pid!)).toHaveLength(2);
  });

  it('answers every query with the records as they are right after a change, whichever process reads it', async () => {
    expect(new Set(await manyAnswers())).toEqual(new Set(['192.0.2.1']));
    for (const value of ['192.0.2.2', '192.0.2.3']) {
      await setA(value);
      const answers = await manyAnswers();
      expect(answers).toHaveLength(300);
      expect(new Set(answers)).toEqual(new Set([value]));
    }
  });

  it('takes its workers along when kanri is killed with SIGKILL', async () => {
    const workers = childrenOf(kanri.child.pid!);
    expect(workers).toHaveLength(2);
    const exited = new Promise((resolve) => kanri.child.once('exit', resolve));
    kanri.child.kill('SIGKILL');
    await exited;
    expect(await until(() => workers.every((pid) => !alive(pid)))).toBe(true);
    const { stdout } = await run('dig', ['@127.0.0.1', '-p', String(dnsPort), '+tries=1', '+time=1', 'www.workers.example']).catch((e) => e);
    expect(stdout).toMatch(/timed out|connection refused|no servers could be reached/i);
  });
});
