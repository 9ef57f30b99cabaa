// `kanri start --instance-agents`: a built-in agent for every running EC2 instance whose instance
// profile's role allows Systems Manager, started when the instance reaches running and stopped when
// it stops or terminates. Each runs commands in <data>/instance-agents/<instance id>/work, on this
// machine, as kanri's user: that is why this mode is off unless a person turns it on.
// A scan of EC2's running instances every second (KANRI_INSTANCE_AGENTS_SCAN_MS) finds the changes.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Platform } from '../core/platform';
import type * as Ec2Api from '../services/ec2/api';
import type * as SsmApi from '../services/ssm/api';
import { requireApi } from '../services/links';
import { Agent } from './core';
import { asInstanceCredentials } from './ec2';
import { AGENT_FEATURES } from './features';

export interface InstanceAgents { stop(): void; served(): string[] }

const REFUSED_RETRY_SCANS = 10; // an instance refused (no suitable role) is checked again every 10 scans

/** What to do with the instances running now, given those served: pure, so it is unit-tested. */
export function plan(running: string[], served: string[]): { start: string[]; stop: string[] } {
  const now = new Set(running);
  const have = new Set(served);
  return { start: running.filter((k) => !have.has(k)), stop: served.filter((k) => !now.has(k)) };
}

export function startInstanceAgents(platform: Platform, dataDir: string | null, log: (m: string) => void = console.log): InstanceAgents {
  const root = dataDir ? join(dataDir, 'instance-agents') : mkdtempSync(join(tmpdir(), 'kanri-instance-agents-'));
  const agents = new Map<string, Agent>();
  const refused = new Map<string, { message: string; scans: number }>();
  const ec2 = requireApi<typeof Ec2Api>('ec2');
  const ssm = requireApi<typeof SsmApi>('ssm');
  const key = (i: { accountId: string; region: string; instanceId: string }) => `${i.accountId}/${i.region}/${i.instanceId}`;

  const credentials = (accountId: string, region: string, instanceId: string) =>
    asInstanceCredentials(ssm.ec2InstanceCredentials(platform, accountId, region, instanceId));

  function start(i: { accountId: string; region: string; instanceId: string }): void {
    const k = key(i);
    const seen = refused.get(k);
    if (seen && ++seen.scans % REFUSED_RETRY_SCANS) return;
    let first;
    try {
      first = credentials(i.accountId, i.region, i.instanceId);
    } catch (err) {
      const message = (err as Error).message;
      if (seen?.message !== message) log(`kanri: instance ${i.instanceId} gets no agent: ${message}`);
      refused.set(k, { message, scans: 0 });
      return;
    }
    refused.delete(k);
    const stateDir = join(root, i.instanceId);
    mkdirSync(stateDir, { recursive: true, mode: 0o700 });
    let issued: typeof first | undefined = first; // the check above issued the first keys
    const agent = new Agent({
      stateDir, features: AGENT_FEATURES, log: (m) => log(`kanri instance agent ${i.instanceId}: ${m}`),
      ec2: {
        instanceId: i.instanceId, region: i.region, endpoint: platform.endpoint!,
        credentials: async () => { const c = issued ?? credentials(i.accountId, i.region, i.instanceId); issued = undefined; return c; },
      },
    });
    agents.set(k, agent);
    log(`kanri: instance ${i.instanceId} is served by a built-in agent (commands run in ${agent.workDir})`);
    void agent.run().catch((err) => log(`kanri instance agent ${i.instanceId} stopped: ${(err as Error).message}`));
  }

  function scan(): void {
    if (!platform.storage.db.open || !platform.endpoint) return;
    const running = ec2.runningInstancesWithProfiles(platform);
    const { start: toStart, stop: toStop } = plan(running.map(key), [...agents.keys()]);
    for (const k of toStop) {
      agents.get(k)!.stop();
      agents.delete(k);
      log(`kanri: instance ${k.split('/')[2]} is no longer running: its agent stopped`);
    }
    const wanted = new Set(toStart);
    for (const i of running) if (wanted.has(key(i))) start(i);
    for (const k of refused.keys()) if (!running.some((i) => key(i) === k)) refused.delete(k);
  }

  const timer = setInterval(() => {
    try {
      scan();
    } catch (err) {
      log(`kanri: instance agents: ${(err as Error).message}`);
    }
  }, Number(process.env.KANRI_INSTANCE_AGENTS_SCAN_MS ?? 1000));
  timer.unref();
  const stop = () => {
    clearInterval(timer);
    for (const a of agents.values()) a.stop();
    agents.clear();
    if (!dataDir) rmSync(root, { recursive: true, force: true });
  };
  platform.onClose(stop);
  return { stop, served: () => [...agents.keys()].map((k) => k.split('/')[2]) };
}
