// Session Manager end to end: the agent's session feature (run here in the test process, as the
// agent core would run it) holds a control channel; `kanri ssm start-session` in tmux is the
// client; the shell runs in a real pty. Also the APIs' errors, port forwarding and termination.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateDocumentCommand, DescribeSessionsCommand, SSMClient, StartSessionCommand, TerminateSessionCommand, ResumeSessionCommand, DescribeDocumentCommand } from '@aws-sdk/client-ssm';
import { rejects, sdkConfig, startTestKanri, TEST_CREDENTIALS, type Kanri } from './harness';

const BIN = join(__dirname, '..', 'bin', 'kanri.js');
const TMUX = ['-L', `kanri-sessions-${process.pid}`];
const tmux = (...args: string[]) => execFileSync('tmux', [...TMUX, ...args], { encoding: 'utf8' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, fn: () => T | Promise<T>, ms = 15_000): Promise<NonNullable<T>> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** Runs the agent's session feature for an instance id, as the agent core does. */
function runAgentSessions(kanri: Kanri, instanceId: string, workDir: string): AbortController {
  const abort = new AbortController();
  const { sessionFeature } = require('../dist/agent/session');
  void sessionFeature({
    instanceId, region: 'us-east-1', endpoint: kanri.url, stateDir: workDir, workDir, credentials: () => TEST_CREDENTIALS,
    call: async () => { throw new Error('not used'); }, log: () => {}, signal: abort.signal,
  });
  return abort;
}

/** A client driven from the test: the dist SessionStream, the handshake answered, the output collected. */
async function openClient(started: { StreamUrl?: string; TokenValue?: string }) {
  const { SessionStream } = require('../dist/agent/session/stream');
  const stream = await SessionStream.open(started.StreamUrl, started.TokenValue, 'input_stream_data', { ClientId: 'test' });
  let output = '';
  const closed = new Promise<string>((r) => stream.on('closed', r));
  stream.on('payload', (type: number, data: Buffer) => {
    if (type === 5) stream.send(6, JSON.stringify({ ClientVersion: 'test', ProcessedClientActions: [{ ActionType: 'SessionType', ActionStatus: 1 }], Errors: [] }));
    else if (type === 1) output += data.toString();
  });
  return { send: (text: string) => stream.send(1, text), output: () => output, closed };
}

describe('Session Manager', () => {
  let kanri: Kanri;
  let ssm: SSMClient;
  let agent: AbortController;
  const target = 'mi-0123456789abcdef0';
  const workDir = realpathSync(mkdtempSync(join(tmpdir(), 'kanri-session-work-')));
  const envFor = () => ({ ...process.env, AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey, AWS_REGION: 'us-east-1' });

  beforeAll(async () => {
    kanri = await startTestKanri();
    ssm = new SSMClient(sdkConfig(kanri));
    agent = runAgentSessions(kanri, target, workDir);
    await until('the control channel', async () => {
      try {
        await ssm.send(new StartSessionCommand({ Target: target, DocumentName: 'AWS-StartPortForwardingSession', Parameters: { portNumber: ['1'] } }))
          .then((s) => ssm.send(new TerminateSessionCommand({ SessionId: s.SessionId })));
        return true;
      } catch {
        return false;
      }
    });
  });

  afterAll(async () => {
    agent?.abort();
    try {
      tmux('kill-server');
    } catch { /* none left */ }
    await kanri?.stop();
  });

  it('refuses an unknown target, a missing document and a non-session document', async () => {
    await rejects(ssm.send(new StartSessionCommand({ Target: 'mi-00000000000000000' })), 'TargetNotConnected', 400, 'mi-00000000000000000 is not connected.');
    await rejects(ssm.send(new StartSessionCommand({ Target: target, DocumentName: 'NoSuchDoc' })), 'InvalidDocument', 400);
    await rejects(ssm.send(new StartSessionCommand({ Target: target, DocumentName: 'AWS-RunShellScript' })), 'InvalidDocument', 400);
    await rejects(ssm.send(new ResumeSessionCommand({ SessionId: 'nobody-0123456789abcdef0' })), 'DoesNotExistException', 400);
  });

  it('serves the session documents as AWS-owned', async () => {
    for (const name of ['SSM-SessionManagerRunShell', 'AWS-StartPortForwardingSession', 'AWS-StartInteractiveCommand']) {
      const d = await ssm.send(new DescribeDocumentCommand({ Name: name }));
      expect(d.Document?.DocumentType).toBe('Session');
      expect(d.Document?.Owner).toBe('Amazon');
    }
  });

  it('carries an interactive shell through tmux, and ends it on exit', async () => {
    tmux('new-session', '-d', '-x', '120', '-y', '40', '-s', 'shell', '-e', `AWS_ACCESS_KEY_ID=${TEST_CREDENTIALS.accessKeyId}`,
      '-e', `AWS_SECRET_ACCESS_KEY=${TEST_CREDENTIALS.secretAccessKey}`,
      `node ${BIN} ssm start-session --target ${target} --endpoint ${kanri.url} --region us-east-1; sleep 30`);
    const screen = () => tmux('capture-pane', '-p', '-t', 'shell');
    const id = (await until('the session to start', () => /Starting session with SessionId: (\S+)/.exec(screen())))[1];
    expect(id).toMatch(/^root-[0-9a-f]{17}$/);
    await until('a prompt', () => /[$#] *$/m.test(screen().split('SessionId')[1] ?? ''));
    tmux('send-keys', '-t', 'shell', 'echo $((6*7)); pwd; stty size', 'Enter');
    await until('the answer', () => /^42$/m.test(screen()));
    expect(screen()).toContain(workDir);
    expect(screen()).toMatch(/^40 120$/m); // the client sent its terminal size
    const active = await ssm.send(new DescribeSessionsCommand({ State: 'Active' }));
    expect(active.Sessions?.find((s) => s.SessionId === id)).toMatchObject({ Status: 'Connected', Target: target, DocumentName: 'SSM-SessionManagerRunShell' });
    tmux('resize-window', '-t', 'shell', '-x', '100', '-y', '30');
    await sleep(300);
    tmux('send-keys', '-t', 'shell', 'clear; stty size', 'Enter');
    await until('the new size', () => /^30 100$/m.test(screen()));
    tmux('send-keys', '-t', 'shell', 'exit', 'Enter');
    await until('the client to exit', () => screen().includes(`Exiting session with sessionId: ${id}.`));
    const history = await until('the session in History', async () =>
      (await ssm.send(new DescribeSessionsCommand({ State: 'History', Filters: [{ key: 'SessionId', value: id }] }))).Sessions?.[0]);
    expect(history.Status).toBe('Terminated');
    expect(history.EndDate).toBeInstanceOf(Date);
    tmux('kill-session', '-t', 'shell');
  });

  it('closes a live session on TerminateSession', async () => {
    tmux('new-session', '-d', '-x', '80', '-y', '24', '-s', 'term', '-e', `AWS_ACCESS_KEY_ID=${TEST_CREDENTIALS.accessKeyId}`,
      '-e', `AWS_SECRET_ACCESS_KEY=${TEST_CREDENTIALS.secretAccessKey}`,
      `node ${BIN} ssm start-session --target ${target} --endpoint ${kanri.url}; echo CLIENT-DONE; sleep 30`);
    const screen = () => tmux('capture-pane', '-p', '-t', 'term');
    const id = (await until('the session to start', () => /Starting session with SessionId: (\S+)/.exec(screen())))[1];
    await until('a prompt', () => /[$#] *$/m.test(screen().split('SessionId')[1] ?? ''));
    await ssm.send(new TerminateSessionCommand({ SessionId: id }));
    await until('the client to exit', () => screen().includes('CLIENT-DONE'));
    const history = await ssm.send(new DescribeSessionsCommand({ State: 'History', Filters: [{ key: 'SessionId', value: id }] }));
    expect(history.Sessions?.[0]?.Status).toBe('Terminated');
    tmux('kill-session', '-t', 'term');
  });

  it('forwards a local port to a port on the target', async () => {
    const web: Server = createServer((req, res) => res.end(`hello from the target: ${req.url}`));
    await new Promise<void>((r) => web.listen(0, '127.0.0.1', r));
    const port = (web.address() as { port: number }).port;
    const { spawn } = await import('node:child_process');
    const client = spawn('node', [BIN, 'ssm', 'start-session', '--target', target, '--endpoint', kanri.url, '--document-name', 'AWS-StartPortForwardingSession',
      '--parameters', `portNumber=${port},localPortNumber=0`], { env: envFor() });
    let out = '';
    client.stdout.on('data', (c) => (out += c));
    try {
      const local = Number((await until('the local port', () => /Port (\d+) opened/.exec(out)))[1]);
      for (const path of ['/one', '/two']) {
        const res = await fetch(`http://127.0.0.1:${local}${path}`, { headers: { connection: 'close' } });
        expect(await res.text()).toBe(`hello from the target: ${path}`);
      }
    } finally {
      client.kill('SIGTERM');
      web.close();
    }
  });

  it('writes the transcript to the bucket the session document names', async () => {
    const s3 = new S3Client({ ...sdkConfig(kanri), forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: 'session-logs' }));
    await ssm.send(new CreateDocumentCommand({
      Name: 'Team-Shell', DocumentType: 'Session',
      Content: JSON.stringify({ schemaVersion: '1.0', description: 'logged', sessionType: 'Standard_Stream', inputs: { s3BucketName: 'session-logs', s3KeyPrefix: 'shells', idleSessionTimeout: '20' } }),
    }));
    const started = await ssm.send(new StartSessionCommand({ Target: target, DocumentName: 'Team-Shell', Reason: 'audit' }));
    const client = await openClient(started);
    client.send('echo transcript-$((40+2))\r');
    await until('the echo', () => client.output().includes('transcript-42'));
    client.send('exit\r');
    await client.closed;
    const key = `shells/${started.SessionId}.log`;
    const body = await until('the transcript', async () => {
      try {
        return await (await s3.send(new GetObjectCommand({ Bucket: 'session-logs', Key: key }))).Body!.transformToString();
      } catch {
        return '';
      }
    });
    expect(body).toContain('transcript-42');
    const [described] = (await ssm.send(new DescribeSessionsCommand({ State: 'History', Filters: [{ key: 'SessionId', value: started.SessionId! }] }))).Sessions!;
    expect(described).toMatchObject({ DocumentName: 'Team-Shell', Reason: 'audit', Status: 'Terminated', OutputUrl: { S3OutputUrl: `https://session-logs.s3.amazonaws.com/${key}` } });
  });

  it('ends a session idle longer than the timeout', async () => {
    process.env.KANRI_SESSION_IDLE_TIMEOUT_MS = '1500';
    try {
      const started = await ssm.send(new StartSessionCommand({ Target: target }));
      const client = await openClient(started);
      expect(await client.closed).toMatch(/timed out after 2 seconds of inactivity/);
      const history = await until('Terminated', async () =>
        (await ssm.send(new DescribeSessionsCommand({ State: 'History', Filters: [{ key: 'SessionId', value: started.SessionId! }] }))).Sessions?.[0]);
      expect(history.Status).toBe('Terminated');
    } finally {
      delete process.env.KANRI_SESSION_IDLE_TIMEOUT_MS;
    }
  });

  it('runs one interactive command (AWS-StartInteractiveCommand)', async () => {
    const started = await ssm.send(new StartSessionCommand({ Target: target, DocumentName: 'AWS-StartInteractiveCommand', Parameters: { command: ['echo answer-$((7*6))'] } }));
    const client = await openClient(started);
    await client.closed;
    expect(client.output()).toContain('answer-42');
  });

  it('pages DescribeSessions and rejects a bad token', async () => {
    const page = await ssm.send(new DescribeSessionsCommand({ State: 'History', MaxResults: 1 }));
    expect(page.Sessions).toHaveLength(1);
    expect(page.NextToken).toBeDefined();
    const next = await ssm.send(new DescribeSessionsCommand({ State: 'History', MaxResults: 1, NextToken: page.NextToken }));
    expect(next.Sessions?.[0]?.SessionId).not.toBe(page.Sessions?.[0]?.SessionId);
    await rejects(ssm.send(new DescribeSessionsCommand({ State: 'History', NextToken: 'bogus' })), 'InvalidNextToken', 400);
  });
});
