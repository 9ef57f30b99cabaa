// Group commit under a burst of concurrent requests, killed with SIGKILL mid-burst: every answer
// (a success, a refusal, a read) was given only after the COMMIT that holds what it wrote or saw.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CloudTrailClient, LookupEventsCommand, type LookupEventsCommandOutput } from '@aws-sdk/client-cloudtrail';
import { GetParameterCommand, GetParametersByPathCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { startProcess, TEST_CREDENTIALS } from './harness';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const WORKERS = 16;
const KILL_AFTER_ANSWERS = 200;
const config = (url: string) => ({ endpoint: url, region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts: 1 });

describe('group commit', () => {
  it('keeps every acknowledged write, refusal and read of a concurrent burst across SIGKILL; refused writes leave nothing', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kanri-gc-'));
    dirs.push(dataDir);
    // Slow COMMITs (50 ms) keep each batch open long enough for the kill to land inside one: a
    // gateway that answered before its COMMIT fails this test nearly every run.
    const nodeOptions = process.env.NODE_OPTIONS;
    process.env.NODE_OPTIONS = `${nodeOptions ?? ''} --require ${join(__dirname, 'slow-commit.cjs')}`;
    const first = await startProcess(['--data-dir', dataDir]).finally(() => {
      if (nodeOptions === undefined) delete process.env.NODE_OPTIONS;
      else process.env.NODE_OPTIONS = nodeOptions;
    });
    const ssm = new SSMClient(config(first.url));
    const written = new Map<string, { value: string; requestId: string }>(); // acknowledged PutParameter
    const refused: { name: string; value: string }[] = []; // ParameterAlreadyExists: the partner got there first
    const read = new Map<string, string>(); // what a GetParameter saw, perhaps inside an open batch
    let answers = 0;
    let killed = false;
    // Killed as a write is acknowledged: had it been answered before its batch's COMMIT, it would be lost.
    const answered = (write: boolean) => {
      if (++answers >= KILL_AFTER_ANSWERS && write && !killed) {
        killed = true;
        first.child.kill('SIGKILL'); // mid-burst: other requests are in flight, a batch may be open
      }
    };
    // Workers 2k and 2k+1 put the same names, without Overwrite: one of each pair wins, one is refused.
    // Every answer that arrives counts, even after the kill was sent: the server gave it before dying.
    const worker = async (w: number) => {
      const name = (i: number) => `/gc/pair${w >> 1}/p${i}`;
      const value = `from-worker-${w}`;
      try {
        for (let i = 0; !killed; i++) {
          try {
            const out = await ssm.send(new PutParameterCommand({ Name: name(i), Value: value, Type: 'String' }));
            written.set(name(i), { value, requestId: out.$metadata.requestId! });
            answered(true);
          } catch (err: any) {
            if (err.name !== 'ParameterAlreadyExists') throw err;
            refused.push({ name: name(i), value });
            answered(false);
          }
          try {
            const out = await ssm.send(new GetParameterCommand({ Name: name(i + 1) })); // the partner may be ahead
            read.set(name(i + 1), out.Parameter!.Value!);
          } catch (err: any) {
            if (err.name !== 'ParameterNotFound') throw err;
          }
          answered(false);
        }
      } catch (err) {
        if (!killed) throw err; // else the connection died with kanri
      }
    };
    await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));
    if (first.child.exitCode === null && first.child.signalCode === null) await new Promise((r) => first.child.once('exit', r));
    expect(written.size).toBeGreaterThan(20);
    expect(refused.length).toBeGreaterThan(5);

    const second = await startProcess(['--data-dir', dataDir]);
    try {
      const again = new SSMClient(config(second.url));
      const stored = new Map<string, { value: string; version: number }>();
      let token: string | undefined;
      do {
        const page = await again.send(new GetParametersByPathCommand({ Path: '/gc', Recursive: true, NextToken: token, MaxResults: 10 }));
        for (const p of page.Parameters ?? []) stored.set(p.Name!, { value: p.Value!, version: Number(p.Version) });
        token = page.NextToken;
      } while (token);
      for (const [name, { value }] of written) expect(stored.get(name), name).toEqual({ value, version: 1 });
      // A refusal was answered after the winner's COMMIT, so the winner is there, and the refused value is not.
      for (const { name, value } of refused) {
        expect(stored.has(name), name).toBe(true);
        expect(stored.get(name)!.value, name).not.toBe(value);
      }
      // A read answered after the COMMIT of what it saw: nobody saw a write that was lost.
      for (const [name, value] of read) expect(stored.get(name)?.value, name).toBe(value);
      for (const { version } of stored.values()) expect(version).toBe(1);

      // Each acknowledged write's CloudTrail event was in its transaction, once; and no successful
      // write's event is there without the write.
      const trail = new CloudTrailClient(config(second.url));
      const ids = new Map<string, number>();
      token = undefined;
      do {
        const page: LookupEventsCommandOutput = await trail.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'PutParameter' }], NextToken: token, MaxResults: 50 }));
        for (const e of page.Events ?? []) {
          const event = JSON.parse(e.CloudTrailEvent!);
          if (event.errorCode) continue; // a refusal's event is written later, in its own transaction
          ids.set(event.requestID, (ids.get(event.requestID) ?? 0) + 1);
          expect(stored.has(event.requestParameters.name), event.requestParameters.name).toBe(true);
        }
        token = page.NextToken;
      } while (token);
      for (const [name, { requestId }] of written) expect(ids.get(requestId), name).toBe(1);
      expect([...ids.values()].every((n) => n === 1)).toBe(true);
    } finally {
      second.child.kill('SIGTERM');
    }
  }, 60_000);
});
