// Session Manager with a real agent: `kanri agent register` (through an activation) holds the
// control channel, and `kanri ssm start-session` in tmux drives a shell in its work folder.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as S from '@aws-sdk/client-ssm';
import { sdkConfig, startTestKanri, TEST_CREDENTIALS, type Kanri } from './harness';

const BIN = join(__dirname, '..', 'bin', 'kanri.js');
const root = realpathSync(mkdtempSync(join(tmpdir(), 'kanri-session-agent-')));
const TMUX = ['-L', `kanri-session-agent-${process.pid}`];
const tmux = (...args: string[]) => execFileSync('tmux', [...TMUX, ...args], { encoding: 'utf8' });
let kanri: Kanri;
let ssm: S.SSMClient;
let agent: ChildProcess;
let instanceId: string;

async function until<T>(what: string, fn: () => T | Promise<T>, ms = 20_000): Promise<NonNullable<T>> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await Promise.resolve().then(fn).catch(() => undefined);
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  kanri = await startTestKanri();
  ssm = new S.SSMClient(sdkConfig(kanri));
  const activation = await ssm.send(new S.CreateActivationCommand({ IamRole: 'SSMServiceRole', RegistrationLimit: 1 }));
  agent = spawn(process.execPath, [BIN, 'agent', 'register', '--code', activation.ActivationCode!, '--id', activation.ActivationId!, '--region', 'us-east-1',
    '--endpoint', kanri.url, '--state-dir', join(root, 'agent')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  agent.stdout!.on('data', (d) => (out += d));
  agent.stderr!.on('data', (d) => (out += d));
  instanceId = (await until('registration', () => /registered as (mi-[0-9a-f]{17})/.exec(out)))[1];
  await until('the control channel', async () => {
    const s = await ssm.send(new S.StartSessionCommand({ Target: instanceId, DocumentName: 'AWS-StartPortForwardingSession' }));
    await ssm.send(new S.TerminateSessionCommand({ SessionId: s.SessionId }));
    return true;
  });
});

afterAll(async () => {
  agent?.kill('SIGKILL');
  try {
    tmux('kill-server');
  } catch { /* none left */ }
  await kanri?.stop();
  rmSync(root, { recursive: true, force: true });
});

it('carries an interactive shell on a registered agent, driven through tmux', async () => {
  tmux('new-session', '-d', '-x', '120', '-y', '40', '-s', 'shell', '-e', `AWS_ACCESS_KEY_ID=${TEST_CREDENTIALS.accessKeyId}`,
    '-e', `AWS_SECRET_ACCESS_KEY=${TEST_CREDENTIALS.secretAccessKey}`,
    `node ${BIN} ssm start-session --target ${instanceId} --endpoint ${kanri.url} --region us-east-1; sleep 30`);
  const screen = () => tmux('capture-pane', '-p', '-t', 'shell');
  const id = (await until('the session', () => /Starting session with SessionId: (\S+)/.exec(screen())))[1];
  await until('a prompt', () => /[$#] *$/m.test(screen().split('SessionId')[1] ?? ''));
  tmux('send-keys', '-t', 'shell', 'echo $((6*7)); pwd', 'Enter');
  await until('the answer', () => /^42$/m.test(screen()));
  expect(screen()).toContain(join(root, 'agent', 'work'));
  tmux('send-keys', '-t', 'shell', 'exit', 'Enter');
  await until('the client to exit', () => screen().includes(`Exiting session with sessionId: ${id}.`));
  const history = await until('History', async () =>
    (await ssm.send(new S.DescribeSessionsCommand({ State: 'History', Filters: [{ key: 'Target', value: instanceId }, { key: 'SessionId', value: id }] }))).Sessions?.[0]);
  expect(history).toMatchObject({ SessionId: id, Target: instanceId, Status: 'Terminated', DocumentName: 'SSM-SessionManagerRunShell' });
});
