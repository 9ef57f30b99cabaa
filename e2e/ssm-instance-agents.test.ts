// EC2 instances served by an agent: a role with AmazonSSMManagedInstanceCore in an instance profile,
// RunInstances with it, then `kanri agent --instance-id` (a person's agent) or `kanri start
// --instance-agents` (kanri's built-in agents) make the instance a managed EC2Instance that runs
// commands sent by tag; instances without a suitable profile are refused; a stopped instance's
// agent stops and it shows ConnectionLost.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as E from '@aws-sdk/client-ec2';
import * as I from '@aws-sdk/client-iam';
import * as S from '@aws-sdk/client-ssm';
import { type Kanri, rejects, sdkConfig, startProcess, TEST_CREDENTIALS, waitFor } from './harness';

const BIN = join(__dirname, '..', 'bin', 'kanri.js');
const root = mkdtempSync(join(tmpdir(), 'kanri-instance-agents-'));
const children: ChildProcess[] = [];
const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });

/** A kanri process with its clients; `--instance-agents` when asked. */
async function kanriWith(name: string, args: string[]) {
  const p = await startProcess(['--data-dir', join(root, name), '--dns-port', '0', ...args]);
  children.push(p.child);
  const kanri = { url: p.url } as Kanri;
  const clients = { ec2: new E.EC2Client(sdkConfig(kanri)), iam: new I.IAMClient(sdkConfig(kanri)), ssm: new S.SSMClient(sdkConfig(kanri)) };
  const advance = async (duration: string) => {
    expect((await fetch(`${kanri.url}/_kanri/clock`, { method: 'POST', body: JSON.stringify({ advance: duration }) })).status).toBe(200);
  };
  return { kanri, ...clients, advance, output: p.output };
}
type Env = Awaited<ReturnType<typeof kanriWith>>;

async function profile(env: Env, name: string, policyArn?: string): Promise<void> {
  await env.iam.send(new I.CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: TRUST }));
  if (policyArn) await env.iam.send(new I.AttachRolePolicyCommand({ RoleName: name, PolicyArn: policyArn }));
  await env.iam.send(new I.CreateInstanceProfileCommand({ InstanceProfileName: name }));
  await env.iam.send(new I.AddRoleToInstanceProfileCommand({ InstanceProfileName: name, RoleName: name }));
}

/** Launches an instance (with the named profile, if any) and waits until it runs. */
async function launch(env: Env, profileName: string | undefined, tags: Record<string, string> = {}): Promise<E.Instance> {
  const { Images } = await env.ec2.send(new E.DescribeImagesCommand({ Owners: ['amazon'], Filters: [{ Name: 'name', Values: ['al2023-ami-*-x86_64'] }] }));
  const out = await env.ec2.send(new E.RunInstancesCommand({
    ImageId: Images![0].ImageId, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1, IamInstanceProfile: profileName ? { Name: profileName } : undefined,
    TagSpecifications: Object.keys(tags).length ? [{ ResourceType: 'instance', Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) }] : undefined,
  }));
  const id = out.Instances![0].InstanceId!;
  await env.advance('PT20S');
  return waitFor(`${id} running`, async () => {
    const d = await env.ec2.send(new E.DescribeInstancesCommand({ InstanceIds: [id] }));
    const i = d.Reservations![0].Instances![0];
    return i.State!.Name === 'running' && i;
  });
}

function agent(env: Env, instanceId: string) {
  const child = spawn(process.execPath, [BIN, 'agent', '--instance-id', instanceId, '--endpoint', env.kanri.url, '--state-dir', join(root, `agent-${instanceId}`)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, KANRI_AGENT_POLL_MS: '150', AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey, AWS_REGION: 'us-east-1' },
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, out: () => out, exited };
}

const info = async (env: Env, id: string) =>
  (await env.ssm.send(new S.DescribeInstanceInformationCommand({ Filters: [{ Key: 'InstanceIds', Values: [id] }] }))).InstanceInformationList![0];

async function run(env: Env, input: Partial<S.SendCommandRequest>, id: string, command: string) {
  const sent = await env.ssm.send(new S.SendCommandCommand({ DocumentName: 'AWS-RunShellScript', Parameters: { commands: [command] }, ...input }));
  const commandId = sent.Command!.CommandId!;
  return waitFor(`command ${commandId}`, async () => {
    const inv = await env.ssm.send(new S.GetCommandInvocationCommand({ CommandId: commandId, InstanceId: id }));
    return ['Success', 'Failed', 'TimedOut', 'Cancelled'].includes(inv.Status!) && inv;
  });
}

const CORE = 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore';

beforeAll(() => {
  process.env.KANRI_AGENT_POLL_MS = '200'; // the built-in agents of the kanri processes started here
});

afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

describe('kanri agent --instance-id', () => {
  let env: Env;
  let inst: E.Instance;
  let person: ReturnType<typeof agent>;

  beforeAll(async () => {
    env = await kanriWith('plain', []);
    await profile(env, 'SsmCore', CORE);
    inst = await launch(env, 'SsmCore', { Team: 'blue' });
  });

  it('serves the instance: DescribeInstanceInformation lists it Online as an EC2Instance', async () => {
    person = agent(env, inst.InstanceId!);
    const i = await waitFor('the instance online', async () => { const x = await info(env, inst.InstanceId!); return x?.AgentVersion && x; });
    expect(i).toMatchObject({
      InstanceId: inst.InstanceId, ResourceType: 'EC2Instance', PingStatus: 'Online', PlatformType: 'Linux', AgentVersion: '3.3.0.0',
      IPAddress: inst.PrivateIpAddress, ComputerName: inst.PrivateDnsName, IamRole: 'SsmCore', SourceType: 'AWS::EC2::Instance',
    });
    const online = await env.ssm.send(new S.DescribeInstanceInformationCommand({ Filters: [{ Key: 'ResourceType', Values: ['EC2Instance'] }] }));
    expect(online.InstanceInformationList!.map((x) => x.InstanceId)).toEqual([inst.InstanceId]);
  });

  it('runs AWS-RunShellScript sent by the EC2 tag, with the output in GetCommandInvocation', async () => {
    const inv = await run(env, { Targets: [{ Key: 'tag:Team', Values: ['blue'] }] }, inst.InstanceId!, 'echo "hello from $((6 * 7))"');
    expect(inv).toMatchObject({ Status: 'Success', ResponseCode: 0 });
    expect(inv.StandardOutputContent).toBe('hello from 42\n');
  });

  it('takes a Session Manager session through its agent', async () => {
    const started = await waitFor('a session', () => env.ssm.send(new S.StartSessionCommand({ Target: inst.InstanceId! })));
    expect(started.SessionId).toBeTruthy();
    await env.ssm.send(new S.TerminateSessionCommand({ SessionId: started.SessionId! }));
  });

  it('refuses an instance that does not exist, has no instance profile, or whose role does not allow Systems Manager', async () => {
    const missing = agent(env, 'i-0123456789abcdef0');
    expect(await missing.exited).toBe(1);
    expect(missing.out()).toContain('InvalidInstanceId: Instance i-0123456789abcdef0 does not exist');
    const bare = await launch(env, undefined);
    const noProfile = agent(env, bare.InstanceId!);
    expect(await noProfile.exited).toBe(1);
    expect(noProfile.out()).toContain(`AccessDeniedException: Instance ${bare.InstanceId} has no IAM instance profile`);
    await profile(env, 'ReadOnly', 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess');
    const weak = await launch(env, 'ReadOnly');
    const weakAgent = agent(env, weak.InstanceId!);
    expect(await weakAgent.exited).toBe(1);
    expect(weakAgent.out()).toContain('does not allow ssm:UpdateInstanceInformation, ec2messages:GetMessages');
    await rejects(env.ssm.send(new S.SendCommandCommand({ DocumentName: 'AWS-RunShellScript', InstanceIds: [bare.InstanceId!], Parameters: { commands: ['true'] } })), 'InvalidInstanceId', 400);
    const all = await env.ssm.send(new S.DescribeInstanceInformationCommand({}));
    expect(all.InstanceInformationList!.map((x) => x.InstanceId)).toEqual([inst.InstanceId]);
  });

  it('a stopped instance shows ConnectionLost and its agent is refused until it runs again', async () => {
    await env.ec2.send(new E.StopInstancesCommand({ InstanceIds: [inst.InstanceId!] }));
    await env.advance('PT40S');
    await waitFor('ConnectionLost', async () => (await info(env, inst.InstanceId!)).PingStatus === 'ConnectionLost');
    await waitFor('the agent told', async () => person.out().includes(`Instance ${inst.InstanceId} is stopped`));
    await rejects(env.ssm.send(new S.StartSessionCommand({ Target: inst.InstanceId! })), 'TargetNotConnected', 400, `${inst.InstanceId} is not connected.`);
  });
});

describe('kanri start --instance-agents', () => {
  let env: Env;
  let inst: E.Instance;

  beforeAll(async () => {
    env = await kanriWith('agents', ['--instance-agents']);
    await profile(env, 'SsmCore', CORE);
  });

  it('serves a launched instance and runs commands in its folder under the data folder', async () => {
    expect(env.output()).toContain('--instance-agents is on');
    inst = await launch(env, 'SsmCore', { App: 'web' });
    await waitFor('the instance online', async () => (await info(env, inst.InstanceId!))?.PingStatus === 'Online');
    const inv = await run(env, { InstanceIds: [inst.InstanceId!] }, inst.InstanceId!, 'pwd');
    expect(inv.Status).toBe('Success');
    expect(inv.StandardOutputContent!.startsWith(join(root, 'agents', 'instance-agents', inst.InstanceId!, 'work'))).toBe(true);
    const bare = await launch(env, undefined);
    await new Promise((r) => setTimeout(r, 1500));
    expect((await info(env, bare.InstanceId!))).toBeUndefined();
  });

  it('serves it again after kanri restarts', async () => {
    const old = children[children.length - 1];
    old.kill('SIGTERM');
    await new Promise((r) => old.once('exit', r));
    env = await kanriWith('agents', ['--instance-agents']);
    await waitFor('the agent back', async () => env.output().includes(`instance ${inst.InstanceId} is served by a built-in agent`));
    const inv = await run(env, { Targets: [{ Key: 'tag:App', Values: ['web'] }] }, inst.InstanceId!, 'echo again');
    expect(inv).toMatchObject({ Status: 'Success', StandardOutputContent: 'again\n' });
  });

  it('stops the agent when the instance stops: ConnectionLost, and a new command times out undelivered', async () => {
    await env.ec2.send(new E.StopInstancesCommand({ InstanceIds: [inst.InstanceId!] }));
    await env.advance('PT40S');
    await waitFor('the agent stopped', async () => env.output().includes(`instance ${inst.InstanceId} is no longer running: its agent stopped`));
    expect((await info(env, inst.InstanceId!)).PingStatus).toBe('ConnectionLost');
    const sent = await env.ssm.send(new S.SendCommandCommand({ DocumentName: 'AWS-RunShellScript', InstanceIds: [inst.InstanceId!], TimeoutSeconds: 30, Parameters: { commands: ['true'] } }));
    await env.advance('PT60S');
    await waitFor('DeliveryTimedOut', async () => {
      const inv = await env.ssm.send(new S.GetCommandInvocationCommand({ CommandId: sent.Command!.CommandId!, InstanceId: inst.InstanceId! }));
      return inv.StatusDetails === 'DeliveryTimedOut';
    });
  });
});
