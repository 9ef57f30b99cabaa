// Managed instances and Run Command with real agents: two `kanri agent` processes register
// through an activation, run AWS-RunShellScript in turn, survive a kanri kill and restart without
// running a command twice, and a killed agent goes ConnectionLost with its command DeliveryTimedOut.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as S from '@aws-sdk/client-ssm';
import * as S3 from '@aws-sdk/client-s3';
import * as SQS from '@aws-sdk/client-sqs';
import * as SNS from '@aws-sdk/client-sns';
import * as EB from '@aws-sdk/client-eventbridge';
import { advanceClock, awsCli, type Kanri, rejects, sdkConfig, startProcess, waitFor } from './harness';

const BIN = join(__dirname, '..', 'bin', 'kanri.js');
const root = mkdtempSync(join(tmpdir(), 'kanri-ssm-agent-'));
let port: number;
let kanriProc: ChildProcess;
let kanri: Kanri;
let ssm: S.SSMClient;
const agents: Record<string, { child: ChildProcess; instanceId: string; out: () => string }> = {};

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => { const p = (srv.address() as { port: number }).port; srv.close(() => resolve(p)); });
  });
}

async function startKanri(): Promise<void> {
  const p = await startProcess(['--port', String(port), '--data-dir', join(root, 'data'), '--dns-port', '0']);
  kanriProc = p.child;
  kanri = { url: p.url } as Kanri;
}

function registerAgent(name: string, code: string, id: string): Promise<{ child: ChildProcess; instanceId: string; out: () => string }> {
  const child = spawn(process.execPath, [BIN, 'agent', 'register', '--code', code, '--id', id, '--region', 'us-east-1', '--endpoint', kanri.url, '--state-dir', join(root, name)],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, KANRI_AGENT_POLL_MS: '150' } });
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d) => { out += d; const m = /registered as (mi-[0-9a-f]{17})/.exec(out); if (m) resolve({ child, instanceId: m[1], out: () => out }); });
    child.stderr!.on('data', (d) => (out += d));
    child.on('exit', (code) => reject(new Error(`agent exited (${code}): ${out}`)));
  });
}

const invocation = (CommandId: string, InstanceId: string) => ssm.send(new S.GetCommandInvocationCommand({ CommandId, InstanceId }));
const commandOf = async (CommandId: string) => (await ssm.send(new S.ListCommandsCommand({ CommandId }))).Commands![0];
const finished = (CommandId: string, ms?: number) => waitFor(`command ${CommandId}`, async () => {
  const c = await commandOf(CommandId);
  return ['Success', 'Failed', 'TimedOut', 'Cancelled'].includes(c.Status!) && c;
}, ms);
let activation: S.CreateActivationResult;

beforeAll(async () => {
  port = await freePort();
  await startKanri();
  ssm = new S.SSMClient(sdkConfig(kanri));
});

afterAll(async () => {
  for (const a of Object.values(agents)) a.child.kill('SIGKILL');
  kanriProc?.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

describe('activations and registration', () => {
  it('creates, describes and refuses bad activations', async () => {
    activation = await ssm.send(new S.CreateActivationCommand({ IamRole: 'SSMServiceRole', RegistrationLimit: 2, DefaultInstanceName: 'web', Tags: [{ Key: 'fleet', Value: 'web' }] }));
    expect(activation.ActivationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(activation.ActivationCode).toMatch(/^[A-Za-z0-9]{20}$/);
    const [a] = (await ssm.send(new S.DescribeActivationsCommand({ Filters: [{ FilterKey: 'ActivationIds', FilterValues: [activation.ActivationId!] }] }))).ActivationList!;
    expect(a).toMatchObject({ IamRole: 'SSMServiceRole', RegistrationLimit: 2, RegistrationsCount: 0, Expired: false, DefaultInstanceName: 'web', Tags: [{ Key: 'fleet', Value: 'web' }] });
    expect(a.ExpirationDate!.getTime() - a.CreatedDate!.getTime()).toBe(86_400_000);
    await rejects(ssm.send(new S.DeleteActivationCommand({ ActivationId: 'nope' })), 'ValidationException', 400);
    await rejects(ssm.send(new S.DeleteActivationCommand({ ActivationId: '00000000-0000-4000-8000-000000000000' })), 'InvalidActivation', 400);
    await rejects(ssm.send(new S.CreateActivationCommand({ IamRole: 'R', ExpirationDate: new Date(Date.now() + 31 * 86_400_000) })), 'InvalidParameters', 400);
  });

  it('registers two real agents, up to the registration limit', async () => {
    agents.one = await registerAgent('one', activation.ActivationCode!, activation.ActivationId!);
    agents.two = await registerAgent('two', activation.ActivationCode!, activation.ActivationId!);
    await expect(registerAgent('three', activation.ActivationCode!, activation.ActivationId!)).rejects.toThrow(/registration limit/);
    await expect(registerAgent('four', 'wrongcode', activation.ActivationId!)).rejects.toThrow(/InvalidActivation/);
    const list = await waitFor('both agents reporting', async () => {
      const l = (await ssm.send(new S.DescribeInstanceInformationCommand({ Filters: [{ Key: 'tag:fleet', Values: ['web'] }] }))).InstanceInformationList!;
      return l.length === 2 && l.every((i) => i.PlatformType === 'Linux') && l;
    });
    expect(list.map((i) => i.InstanceId).sort()).toEqual([agents.one.instanceId, agents.two.instanceId].sort());
    expect(list[0]).toMatchObject({ PingStatus: 'Online', ResourceType: 'ManagedInstance', ActivationId: activation.ActivationId, IamRole: 'SSMServiceRole',
      Name: 'web', AgentVersion: expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/), ComputerName: expect.any(String), IPAddress: expect.any(String) });
    const [a] = (await ssm.send(new S.DescribeActivationsCommand({}))).ActivationList!;
    expect(a.RegistrationsCount).toBe(2);
    const byId = await ssm.send(new S.DescribeInstanceInformationCommand({ InstanceInformationFilterList: [{ key: 'InstanceIds', valueSet: [agents.one.instanceId] }] }));
    expect(byId.InstanceInformationList!.map((i) => i.InstanceId)).toEqual([agents.one.instanceId]);
    expect((await ssm.send(new S.DescribeInstanceInformationCommand({ Filters: [{ Key: 'PingStatus', Values: ['ConnectionLost'] }] }))).InstanceInformationList).toEqual([]);
    await rejects(ssm.send(new S.DescribeInstanceInformationCommand({ Filters: [{ Key: 'Nope', Values: ['x'] }] })), 'InvalidFilterKey', 400);
    await rejects(ssm.send(new S.DescribeInstanceInformationCommand({ Filters: [{ Key: 'PingStatus', Values: ['Sleepy'] }] })), 'InvalidInstanceInformationFilterValue', 400);
    const tags = await ssm.send(new S.ListTagsForResourceCommand({ ResourceType: 'ManagedInstance', ResourceId: agents.one.instanceId }));
    expect(tags.TagList).toEqual([{ Key: 'fleet', Value: 'web' }]);
  }, 90_000);
});

describe('Run Command', () => {
  it('runs AWS-RunShellScript by tag one instance at a time, with output in the API and in S3', async () => {
    const s3 = new S3.S3Client({ ...sdkConfig(kanri), forcePathStyle: true });
    await s3.send(new S3.CreateBucketCommand({ Bucket: 'run-output' }));
    const { Command } = await ssm.send(new S.SendCommandCommand({
      DocumentName: 'AWS-RunShellScript', Targets: [{ Key: 'tag:fleet', Values: ['web'] }], MaxConcurrency: '1', Comment: 'in turn',
      OutputS3BucketName: 'run-output', OutputS3KeyPrefix: 'runs',
      Parameters: { commands: ['sleep 0.3', 'echo "hello from $(pwd)"', 'head -c 30000 /dev/zero | tr "\\0" x', 'echo', 'echo warn >&2'] },
    }));
    expect(Command).toMatchObject({ Status: 'Pending', TargetCount: 2, MaxConcurrency: '1', MaxErrors: '0', InstanceIds: [], Comment: 'in turn',
      Parameters: { commands: expect.any(Array), workingDirectory: [''], executionTimeout: ['3600'] } });
    const done = await finished(Command!.CommandId!);
    expect(done).toMatchObject({ Status: 'Success', StatusDetails: 'Success', TargetCount: 2, CompletedCount: 2, ErrorCount: 0, DeliveryTimedOutCount: 0 });
    const runs = await Promise.all([agents.one, agents.two].map((a) => invocation(Command!.CommandId!, a.instanceId)));
    for (const r of runs) {
      expect(r).toMatchObject({ Status: 'Success', StatusDetails: 'Success', ResponseCode: 0, PluginName: 'aws:runShellScript', StandardErrorContent: 'warn\n' });
      expect(r.StandardOutputContent!.length).toBe(24_000); // AWS's API limit; the rest is in S3
      expect(r.StandardOutputContent).toMatch(/^hello from \//);
    }
    const [first, second] = runs.sort((a, b) => a.ExecutionStartDateTime!.localeCompare(b.ExecutionStartDateTime!));
    expect(Date.parse(first.ExecutionEndDateTime!)).toBeLessThanOrEqual(Date.parse(second.ExecutionStartDateTime!));
    const key = `runs/${Command!.CommandId}/${first.InstanceId}/awsrunShellScript/0.awsrunShellScript/stdout`;
    expect(first.StandardOutputUrl).toBe(`https://s3.us-east-1.amazonaws.com/run-output/${key}`);
    const body = await (await s3.send(new S3.GetObjectCommand({ Bucket: 'run-output', Key: key }))).Body!.transformToString();
    expect(body).toMatch(/^hello from \/.*\nx{30000}\n$/s);
    const cli = await awsCli(kanri, ['ssm', 'get-command-invocation', '--command-id', Command!.CommandId!, '--instance-id', second.InstanceId!]);
    expect(cli).toMatchObject({ Status: 'Success', ResponseCode: 0, StandardErrorContent: 'warn\n' });
    const listed = await ssm.send(new S.ListCommandInvocationsCommand({ CommandId: Command!.CommandId, Details: true }));
    expect(listed.CommandInvocations!.map((i) => i.CommandPlugins![0].Output!.length)).toEqual([2500, 2500]);
  });

  it('runs aws:downloadContent from S3 and aws:runDocument with a document of the account', async () => {
    const s3 = new S3.S3Client({ ...sdkConfig(kanri), forcePathStyle: true });
    await s3.send(new S3.PutObjectCommand({ Bucket: 'run-output', Key: 'tools/greeting.txt', Body: 'greetings from S3\n' }));
    await ssm.send(new S.CreateDocumentCommand({ Name: 'Hello', DocumentType: 'Command', Content: JSON.stringify({
      schemaVersion: '2.2', description: 'hello', parameters: { who: { type: 'String', default: 'world' } },
      mainSteps: [{ action: 'aws:runShellScript', name: 'say', inputs: { runCommand: ['echo hello {{ who }}'] } }] }) }));
    const target = join(root, 'downloads');
    await ssm.send(new S.CreateDocumentCommand({ Name: 'Composite', DocumentType: 'Command', Content: JSON.stringify({
      schemaVersion: '2.2', description: 'composite', mainSteps: [
        { action: 'aws:downloadContent', name: 'fetch', inputs: { sourceType: 'S3', sourceInfo: '{"path":"https://s3.amazonaws.com/run-output/tools/greeting.txt"}', destinationPath: target } },
        { action: 'aws:runShellScript', name: 'show', inputs: { runCommand: [`cat ${target}/greeting.txt`] } },
        { action: 'aws:runDocument', name: 'nested', inputs: { documentType: 'SSMDocument', documentPath: 'Hello', documentParameters: '{"who":"kanri"}' } },
      ] }) }));
    const { Command } = await ssm.send(new S.SendCommandCommand({ DocumentName: 'Composite', InstanceIds: [agents.one.instanceId] }));
    const done = await finished(Command!.CommandId!);
    const details = (await ssm.send(new S.ListCommandInvocationsCommand({ CommandId: Command!.CommandId, Details: true }))).CommandInvocations![0].CommandPlugins;
    expect(done.Status, JSON.stringify(details)).toBe('Success');
    const plugin = (PluginName: string) => ssm.send(new S.GetCommandInvocationCommand({ CommandId: Command!.CommandId, InstanceId: agents.one.instanceId, PluginName }));
    expect((await plugin('show')).StandardOutputContent).toBe('greetings from S3\n');
    expect((await plugin('nested')).StandardOutputContent).toBe('hello kanri\n');
    expect(readFileSync(join(target, 'greeting.txt'), 'utf8')).toBe('greetings from S3\n');
  });

  it('stops after MaxErrors and reports the exit code', async () => {
    const { Command } = await ssm.send(new S.SendCommandCommand({
      DocumentName: 'AWS-RunShellScript', Targets: [{ Key: 'tag:fleet', Values: ['web'] }], MaxConcurrency: '1', MaxErrors: '0', Parameters: { commands: ['echo failing', 'exit 3'] },
    }));
    const done = await finished(Command!.CommandId!);
    expect(done).toMatchObject({ Status: 'Failed', StatusDetails: 'Failed', TargetCount: 2, CompletedCount: 2, ErrorCount: 1 });
    const list = (await ssm.send(new S.ListCommandInvocationsCommand({ CommandId: Command!.CommandId }))).CommandInvocations!;
    expect(list.map((i) => i.StatusDetails).sort()).toEqual(['Cancelled', 'Failed']);
    const failed = list.find((i) => i.Status === 'Failed')!;
    expect(await invocation(Command!.CommandId!, failed.InstanceId!)).toMatchObject({ ResponseCode: 3, StandardOutputContent: 'failing\n' });
  });

  it('tells status changes to EventBridge and to the SNS topic of NotificationConfig', async () => {
    const sqs = new SQS.SQSClient(sdkConfig(kanri));
    const sns = new SNS.SNSClient(sdkConfig(kanri));
    const eb = new EB.EventBridgeClient(sdkConfig(kanri));
    const queue = async (QueueName: string) => {
      const { QueueUrl } = await sqs.send(new SQS.CreateQueueCommand({ QueueName }));
      const arn = (await sqs.send(new SQS.GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
      return { url: QueueUrl!, arn };
    };
    const events = await queue('ssm-events');
    const notes = await queue('ssm-notes');
    await eb.send(new EB.PutRuleCommand({ Name: 'ssm-commands', EventPattern: JSON.stringify({ source: ['aws.ssm'], 'detail-type': ['EC2 Command Status-change Notification', 'EC2 Command Invocation Status-change Notification'] }) }));
    await eb.send(new EB.PutTargetsCommand({ Rule: 'ssm-commands', Targets: [{ Id: 'q', Arn: events.arn }] }));
    const { TopicArn } = await sns.send(new SNS.CreateTopicCommand({ Name: 'ssm-notes' }));
    await sns.send(new SNS.SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: notes.arn, Attributes: { RawMessageDelivery: 'true' } }));
    const { Command } = await ssm.send(new S.SendCommandCommand({ DocumentName: 'AWS-RunShellScript', InstanceIds: [agents.one.instanceId], Parameters: { commands: ['echo hi'] },
      ServiceRoleArn: 'arn:aws:iam::000000000000:role/SNSNotify', NotificationConfig: { NotificationArn: TopicArn, NotificationEvents: ['Success', 'Failed'], NotificationType: 'Command' } }));
    await finished(Command!.CommandId!);
    const drain = async (url: string, until: (bodies: any[]) => boolean) => {
      const bodies: any[] = [];
      await waitFor('messages', async () => {
        const r = await sqs.send(new SQS.ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
        bodies.push(...(r.Messages ?? []).map((m) => JSON.parse(m.Body!)));
        return until(bodies);
      });
      return bodies;
    };
    const got = await drain(events.url, (b) => b.some((e) => e['detail-type'] === 'EC2 Command Status-change Notification' && e.detail.status === 'Success'));
    const invocationEvent = got.find((e) => e['detail-type'] === 'EC2 Command Invocation Status-change Notification' && e.detail.status === 'Success');
    expect(invocationEvent).toMatchObject({ source: 'aws.ssm', resources: [`arn:aws:ssm:us-east-1:000000000000:managed-instance/${agents.one.instanceId}`],
      detail: { 'command-id': Command!.CommandId, 'document-name': 'AWS-RunShellScript', 'instance-id': agents.one.instanceId } });
    const [note] = await drain(notes.url, (b) => b.length > 0);
    expect(note).toMatchObject({ commandId: Command!.CommandId, documentName: 'AWS-RunShellScript', instanceIds: [agents.one.instanceId], status: 'Success' });
  });

  it('validates parameters, documents and instances', async () => {
    const send = (input: Partial<S.SendCommandCommandInput>) => ssm.send(new S.SendCommandCommand({ DocumentName: 'AWS-RunShellScript', InstanceIds: [agents.one.instanceId], ...input } as S.SendCommandCommandInput));
    await rejects(send({ Parameters: { commands: ['true'], nope: ['x'] } }), 'InvalidParameters', 400);
    await rejects(send({ Parameters: {} }), 'InvalidParameters', 400);
    await rejects(send({ Parameters: { commands: ['true'], executionTimeout: ['forever'] } }), 'InvalidParameters', 400);
    await rejects(send({ Parameters: { commands: ['true'] }, InstanceIds: ['mi-00000000000000000'] }), 'InvalidInstanceId', 400);
    await rejects(send({ Parameters: { commands: ['true'] }, DocumentName: 'NoSuchDocument' }), 'InvalidDocument', 400);
    await rejects(ssm.send(new S.GetCommandInvocationCommand({ CommandId: '00000000-0000-4000-8000-000000000000', InstanceId: agents.one.instanceId })), 'InvalidCommandId', 400);
  });

  it('cancels a running command on the agent', async () => {
    const { Command } = await ssm.send(new S.SendCommandCommand({ DocumentName: 'AWS-RunShellScript', InstanceIds: [agents.one.instanceId], Parameters: { commands: ['sleep 30'] } }));
    await waitFor('the agent to take it', async () => (await invocation(Command!.CommandId!, agents.one.instanceId)).Status === 'InProgress');
    await ssm.send(new S.CancelCommandCommand({ CommandId: Command!.CommandId }));
    const done = await finished(Command!.CommandId!);
    expect(done.Status).toBe('Cancelled');
    expect((await invocation(Command!.CommandId!, agents.one.instanceId)).Status).toBe('Cancelled');
  });

  it('survives a kanri kill mid-command and runs the command once', async () => {
    const file = join(root, 'ran-once.txt');
    const { Command } = await ssm.send(new S.SendCommandCommand({ DocumentName: 'AWS-RunShellScript', InstanceIds: [agents.one.instanceId],
      Parameters: { commands: ['sleep 1.5', `echo ran >> ${file}`] } }));
    await waitFor('the agent to take it', async () => (await invocation(Command!.CommandId!, agents.one.instanceId)).Status === 'InProgress');
    kanriProc.kill('SIGKILL');
    await new Promise((r) => kanriProc.once('exit', r));
    await waitFor('the script to finish while kanri is down', async () => { try { return readFileSync(file, 'utf8').length > 0; } catch { return false; } });
    await startKanri();
    const done = await finished(Command!.CommandId!);
    expect(done).toMatchObject({ Status: 'Success', CompletedCount: 1 });
    await new Promise((r) => setTimeout(r, 600)); // a few more polls: nothing is delivered again
    expect(readFileSync(file, 'utf8')).toBe('ran\n');
  });

  it('shows a killed agent ConnectionLost and ends its pending command DeliveryTimedOut', async () => {
    agents.two.child.kill('SIGKILL');
    const { Command } = await ssm.send(new S.SendCommandCommand({ DocumentName: 'AWS-RunShellScript', InstanceIds: [agents.two.instanceId], TimeoutSeconds: 600,
      Parameters: { commands: ['echo never'] } }));
    expect((await invocation(Command!.CommandId!, agents.two.instanceId)).Status).toBe('Pending');
    await advanceClock(kanri, 'PT15M');
    const lost = await waitFor('ConnectionLost', async () => {
      const [i] = (await ssm.send(new S.DescribeInstanceInformationCommand({ Filters: [{ Key: 'InstanceIds', Values: [agents.two.instanceId] }] }))).InstanceInformationList!;
      return i.PingStatus === 'ConnectionLost' && i;
    });
    expect(lost.InstanceId).toBe(agents.two.instanceId);
    const done = await finished(Command!.CommandId!);
    expect(done).toMatchObject({ Status: 'TimedOut', StatusDetails: 'DeliveryTimedOut', DeliveryTimedOutCount: 1, CompletedCount: 1, ErrorCount: 0 });
    expect(await invocation(Command!.CommandId!, agents.two.instanceId)).toMatchObject({ Status: 'TimedOut', StatusDetails: 'DeliveryTimedOut' });
    // The live agent keeps polling and is Online again.
    await waitFor('agent one Online', async () => {
      const [i] = (await ssm.send(new S.DescribeInstanceInformationCommand({ Filters: [{ Key: 'InstanceIds', Values: [agents.one.instanceId] }] }))).InstanceInformationList!;
      return i.PingStatus === 'Online';
    });
  });

  it('deregisters a managed instance', async () => {
    await ssm.send(new S.DeregisterManagedInstanceCommand({ InstanceId: agents.two.instanceId }));
    const list = (await ssm.send(new S.DescribeInstanceInformationCommand({}))).InstanceInformationList!;
    expect(list.map((i) => i.InstanceId)).toEqual([agents.one.instanceId]);
    await rejects(ssm.send(new S.DeregisterManagedInstanceCommand({ InstanceId: agents.two.instanceId })), 'InvalidInstanceId', 400);
  });
});
