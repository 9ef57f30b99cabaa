// A real `kanri agent`, registered through an activation, reports this machine's inventory:
// GetInventory and ListInventoryEntries show the dpkg packages actually installed here, and AWS
// Config records the instance's AWS::SSM::ManagedInstanceInventory item.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as S from '@aws-sdk/client-ssm';
import * as C from '@aws-sdk/client-config-service';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { run, sdkConfig, startTestKanri, type Kanri } from './harness';

const BIN = join(__dirname, '..', 'bin', 'kanri.js');
let kanri: Kanri;
let ssm: S.SSMClient;
let agent: ChildProcess | undefined;
let agentOutput = '';
const dir = mkdtempSync(join(tmpdir(), 'kanri-inv-agent-'));

beforeAll(async () => {
  kanri = await startTestKanri();
  ssm = new S.SSMClient(sdkConfig(kanri));
  const cfg = new C.ConfigServiceClient(sdkConfig(kanri));
  await new S3Client({ ...sdkConfig(kanri), forcePathStyle: true }).send(new CreateBucketCommand({ Bucket: 'inv-config' }));
  await cfg.send(new C.PutConfigurationRecorderCommand({ ConfigurationRecorder: { name: 'default', roleARN: 'arn:aws:iam::000000000000:role/config' } }));
  await cfg.send(new C.PutDeliveryChannelCommand({ DeliveryChannel: { name: 'default', s3BucketName: 'inv-config' } }));
  await cfg.send(new C.StartConfigurationRecorderCommand({ ConfigurationRecorderName: 'default' }));
});
afterAll(async () => {
  agent?.kill('SIGTERM');
  await kanri.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function until<T>(what: string, fn: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; agent said:\n${agentOutput}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('inventory from a real agent', () => {
  it('reports the dpkg packages installed on this machine, and Config records the inventory item', async () => {
    const act = await ssm.send(new S.CreateActivationCommand({ IamRole: 'SSMServiceRole', RegistrationLimit: 1 }));
    agent = spawn(process.execPath, [BIN, 'agent', 'register', '--code', act.ActivationCode!, '--id', act.ActivationId!, '--region', 'us-east-1',
      '--endpoint', kanri.url, '--state-dir', dir], { env: { ...process.env, KANRI_AGENT_INVENTORY_NPM: '0', KANRI_AGENT_INVENTORY_INTERVAL_MS: '2000' }, stdio: ['ignore', 'pipe', 'pipe'] });
    agent.stdout!.on('data', (d) => (agentOutput += d));
    agent.stderr!.on('data', (d) => (agentOutput += d));
    const id = await until('registration', async () => (await ssm.send(new S.DescribeInstanceInformationCommand({}))).InstanceInformationList?.[0]?.InstanceId);
    expect(id).toMatch(/^mi-[0-9a-f]{17}$/);

    const apps = await until('AWS:Application', async () => {
      const r = await ssm.send(new S.ListInventoryEntriesCommand({ InstanceId: id, TypeName: 'AWS:Application', MaxResults: 50 }));
      return r.Entries?.length ? r : undefined;
    });
    const all = [...apps.Entries!];
    for (let token = apps.NextToken; token;) {
      const r = await ssm.send(new S.ListInventoryEntriesCommand({ InstanceId: id, TypeName: 'AWS:Application', MaxResults: 50, NextToken: token }));
      all.push(...r.Entries!);
      token = r.NextToken;
    }
    const { stdout } = await run('dpkg-query', ['-W', '-f=${Package}\t${Version}\t${db:Status-Status}\n']);
    const installed = stdout.trim().split('\n').map((l) => l.split('\t')).filter((c) => c[2] === 'installed').map((c) => `${c[0]} ${c[1]}`).sort();
    expect(all.map((e) => `${e.Name} ${e.Version}`).sort()).toEqual(installed);

    const inv = await ssm.send(new S.GetInventoryCommand({ Filters: [{ Key: 'AWS:Application.Name', Values: ['dpkg'], Type: 'Equal' }] }));
    expect(inv.Entities!.map((e) => e.Id)).toEqual([id]);
    expect(Object.keys(inv.Entities![0].Data!)).toEqual(expect.arrayContaining(['AWS:InstanceInformation', 'AWS:Application', 'AWS:Network', 'AWS:InstanceDetailedInformation']));
    expect(inv.Entities![0].Data!['AWS:InstanceDetailedInformation'].Content![0].CPUs).toMatch(/^\d+$/);

    const cfg = new C.ConfigServiceClient(sdkConfig(kanri));
    const items = await until('the Config item', async () => {
      const r = await cfg.send(new C.GetResourceConfigHistoryCommand({ resourceType: 'AWS::SSM::ManagedInstanceInventory', resourceId: id }));
      return r.configurationItems?.length ? r.configurationItems : undefined;
    });
    const configuration = JSON.parse(items[0].configuration!);
    expect(configuration['AWS:Application'].Content.dpkg.Name).toBe('dpkg');
    expect(configuration['AWS:InstanceInformation'].Content[id].InstanceId).toBe(id);
    expect(items[0].arn).toBe(`arn:aws:ssm:us-east-1:000000000000:managed-instance-inventory/${id}`);

    // The next gathering finds nothing changed: the agent sends only content hashes, kanri keeps
    // the content, and Config records no new item.
    await until('an unchanged report', async () => (agentOutput.includes('inventory: reported (unchanged)') ? true : undefined));
    const again = await ssm.send(new S.ListInventoryEntriesCommand({ InstanceId: id, TypeName: 'AWS:Application', Filters: [{ Key: 'Name', Values: ['dpkg'] }] }));
    expect(again.Entries!.map((e) => e.Name)).toEqual(['dpkg']);
    const history = await cfg.send(new C.GetResourceConfigHistoryCommand({ resourceType: 'AWS::SSM::ManagedInstanceInventory', resourceId: id }));
    expect(history.configurationItems!.length).toBe(items.length);
  }, 120_000);
});
