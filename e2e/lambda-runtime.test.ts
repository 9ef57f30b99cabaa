// Lambda runtime processes: SDK calls from inside functions reach kanri, concurrency, throttling,
// processes ending with kanri, and functions surviving a restart.
import { CreateFunctionCommand, InvokeCommand, LambdaClient, PutFunctionConcurrencyCommand, GetFunctionCommand } from '@aws-sdk/client-lambda';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rejects, sdkConfig, startTestKanri, type Kanri } from './harness';
import { zip } from './lambda-zip';
import { decode, ROLE, withLambdaKanri } from './lambda-kit';


/** Running, not a zombie waiting for this machine's init to reap it. */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

describe('inside a running kanri', () => {
  let kanri: Kanri;
  let lambda: LambdaClient;
  withLambdaKanri((k, l) => { kanri = k; lambda = l; });

  it('lets SDKs inside functions call kanri (Node.js SDK v3 and boto3)', async () => {
    await lambda.send(new CreateFunctionCommand({
      FunctionName: 'lister', Runtime: 'nodejs20.x', Role: ROLE, Handler: 'index.handler',
      Code: { ZipFile: zip({ 'index.js': `const { LambdaClient, ListFunctionsCommand } = require('@aws-sdk/client-lambda');
exports.handler = async () => (await new LambdaClient({}).send(new ListFunctionsCommand({}))).Functions.map((f) => f.FunctionName).sort();` }) },
      Timeout: 30,
    }));
    expect(decode((await lambda.send(new InvokeCommand({ FunctionName: 'lister' }))).Payload)).toEqual(['lister']);
    await lambda.send(new CreateFunctionCommand({
      FunctionName: 'pylister', Runtime: 'python3.11', Role: ROLE, Handler: 'app.handler', Timeout: 30,
      Code: { ZipFile: zip({ 'app.py': 'import boto3\ndef handler(event, context):\n    return sorted(f["FunctionName"] for f in boto3.client("lambda").list_functions()["Functions"])\n' }) },
    }));
    const py = await lambda.send(new InvokeCommand({ FunctionName: 'pylister' }));
    expect([py.FunctionError, decode(py.Payload)]).toEqual([undefined, ['lister', 'pylister']]);
  });

  it('runs concurrent invocations in separate processes and formats console lines', async () => {
    await lambda.send(new CreateFunctionCommand({
      FunctionName: 'pids', Runtime: 'nodejs20.x', Role: ROLE, Handler: 'index.handler',
      Code: { ZipFile: zip({ 'index.js': 'exports.handler = async (e, c) => { console.log("working", { n: 1 }); await new Promise((r) => setTimeout(r, 300)); return process.pid; };' }) },
    }));
    const results = await Promise.all([1, 2, 3].map(() => lambda.send(new InvokeCommand({ FunctionName: 'pids', LogType: 'Tail' }))));
    const pids = results.map((r) => decode(r.Payload));
    expect(new Set(pids).size).toBe(3);
    const log = Buffer.from(results[0].LogResult!, 'base64').toString('utf8');
    expect(log).toMatch(/\n\d{4}-\d\d-\d\dT[\d:.]+Z\t[0-9a-f-]{36}\tINFO\tworking { n: 1 }\n/);
  });

  it('throttles a function with reserved concurrency 0', async () => {
    await lambda.send(new CreateFunctionCommand({
      FunctionName: 'stopped', Runtime: 'nodejs20.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zip({ 'index.js': 'exports.handler = async () => 1;' }) },
    }));
    await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'stopped', ReservedConcurrentExecutions: 0 }));
    expect((await lambda.send(new GetFunctionCommand({ FunctionName: 'stopped' }))).Concurrency).toEqual({ ReservedConcurrentExecutions: 0 });
    const err = await rejects(lambda.send(new InvokeCommand({ FunctionName: 'stopped' })), 'TooManyRequestsException', 429, 'Rate Exceeded.');
    expect(err.Reason).toBe('ReservedFunctionConcurrentInvocationLimitExceeded');
  });
});

describe('across a stop and a restart', () => {
  it('ends its processes when kanri stops, and keeps functions and code in the data folder', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kanri-lambda-restart-'));
    try {
      let kanri = await startTestKanri(dataDir, { runLambdas: true });
      let lambda = new LambdaClient(sdkConfig(kanri));
      await lambda.send(new CreateFunctionCommand({
        FunctionName: 'durable', Runtime: 'nodejs20.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zip({ 'index.js': 'exports.handler = async () => process.pid;' }) },
      }));
      const pid = decode((await lambda.send(new InvokeCommand({ FunctionName: 'durable' }))).Payload);
      expect(alive(pid)).toBe(true);
      await kanri.stop();
      for (let i = 0; i < 40 && alive(pid); i++) await new Promise((r) => setTimeout(r, 25));
      expect(alive(pid)).toBe(false);
      kanri = await startTestKanri(dataDir, { runLambdas: true });
      lambda = new LambdaClient(sdkConfig(kanri));
      const again = await lambda.send(new InvokeCommand({ FunctionName: 'durable' }));
      expect(typeof decode(again.Payload)).toBe('number');
      await kanri.stop();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('kanri start --run-lambdas', () => {
  it('turns execution on from the command line', async () => {
    const { startProcess } = await import('./harness');
    const { child, url } = await startProcess(['--in-memory', '--run-lambdas']);
    try {
      const lambda = new LambdaClient({ ...sdkConfig({ url } as Kanri) });
      await lambda.send(new CreateFunctionCommand({
        FunctionName: 'cli', Runtime: 'python3.11', Role: ROLE, Handler: 'app.handler', Code: { ZipFile: zip({ 'app.py': 'def handler(e, c):\n    return "ran"\n' }) },
      }));
      expect(decode((await lambda.send(new InvokeCommand({ FunctionName: 'cli' }))).Payload)).toBe('ran');
    } finally {
      child.kill('SIGTERM');
    }
  });
});
