// Lambda with @aws-sdk/client-lambda: functions run for real (kanri started with runLambdas).
import {
  CreateFunctionCommand, GetFunctionCommand, GetFunctionConfigurationCommand, InvokeCommand, LambdaClient, ListFunctionsCommand,
  UpdateFunctionCodeCommand, UpdateFunctionConfigurationCommand, DeleteFunctionCommand, InvokeAsyncCommand,
} from '@aws-sdk/client-lambda';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rejects, sdkConfig, startTestKanri, type Kanri } from './harness';
import { zip } from './lambda-zip';
import { decode, ROLE, withLambdaKanri } from './lambda-kit';


let kanri: Kanri;
let lambda: LambdaClient;
withLambdaKanri((k, l) => { kanri = k; lambda = l; });


async function createNode(name: string, source: string, extra: Record<string, unknown> = {}, file = 'index.js') {
  return lambda.send(new CreateFunctionCommand({
    FunctionName: name, Runtime: 'nodejs20.x', Role: ROLE, Handler: `${file.replace(/\.[^.]+$/, '')}.handler`, Code: { ZipFile: zip({ [file]: source }) }, ...extra,
  }));
}

describe('functions', () => {
  it('creates from a zip with AWS CodeSha256/CodeSize, then reads, lists, updates and deletes', async () => {
    const pkg = zip({ 'index.js': 'exports.handler = async () => 1;' });
    const created = await lambda.send(new CreateFunctionCommand({ FunctionName: 'crud', Runtime: 'nodejs20.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: pkg } }));
    expect(created.CodeSha256).toBe(createHash('sha256').update(pkg).digest('base64'));
    expect(created.CodeSize).toBe(pkg.length);
    expect(created.State).toBe('Pending');
    expect(created.FunctionArn).toBe('arn:aws:lambda:us-east-1:000000000000:function:crud');
    expect([created.Timeout, created.MemorySize, created.Version, created.PackageType]).toEqual([3, 128, '$LATEST', 'Zip']);
    const got = await lambda.send(new GetFunctionCommand({ FunctionName: 'crud' }));
    expect(got.Configuration?.State).toBe('Active');
    expect(got.Configuration?.LastUpdateStatus).toBe('Successful');
    const listed = await lambda.send(new ListFunctionsCommand({}));
    expect(listed.Functions?.map((f) => f.FunctionName)).toContain('crud');
    const updated = await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'crud', MemorySize: 256, Timeout: 10, Environment: { Variables: { AA: '1' } } }));
    expect([updated.MemorySize, updated.Timeout, updated.LastUpdateStatus]).toEqual([256, 10, 'InProgress']);
    const code = await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'crud', ZipFile: zip({ 'index.js': 'exports.handler = async () => 2;' }) }));
    expect(code.CodeSha256).not.toBe(created.CodeSha256);
    const inv = await lambda.send(new InvokeCommand({ FunctionName: 'crud' }));
    expect(decode(inv.Payload)).toBe(2);
    await lambda.send(new DeleteFunctionCommand({ FunctionName: 'crud' }));
    await rejects(lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'crud' })), 'ResourceNotFoundException', 404,
      'Function not found: arn:aws:lambda:us-east-1:000000000000:function:crud');
  });

  it('answers AWS validation errors', async () => {
    await createNode('dup', 'exports.handler = async () => 1;');
    await rejects(createNode('dup', 'exports.handler = async () => 1;'), 'ResourceConflictException', 409, 'Function already exist: dup');
    await rejects(lambda.send(new CreateFunctionCommand({ FunctionName: 'badrole', Runtime: 'nodejs20.x', Role: 'not-a-role', Handler: 'index.handler', Code: { ZipFile: zip({ 'index.js': '' }) } })),
      'ValidationException', 400);
    await rejects(createNode('bigmem', '', { MemorySize: 20000 }), 'ValidationException', 400);
    await rejects(createNode('n'.repeat(65), ''), 'ValidationException', 400,
      `1 validation error detected: Value '${'n'.repeat(65)}' at 'functionName' failed to satisfy constraint: Member must have length less than or equal to 64`);
    const byArn = await createNode('arn:aws:lambda:us-east-1:000000000000:function:byarn', 'exports.handler = async () => 1;');
    expect([byArn.FunctionName, byArn.FunctionArn]).toEqual(['byarn', 'arn:aws:lambda:us-east-1:000000000000:function:byarn']);
    await rejects(createNode('longtimeout', '', { Timeout: 901 }), 'ValidationException', 400);
    await rejects(createNode('oldruntime', '', { Runtime: 'nodejs12.x' }), 'InvalidParameterValueException', 400);
    await rejects(lambda.send(new CreateFunctionCommand({ FunctionName: 'badzip', Runtime: 'nodejs20.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: Buffer.from('nope') } })),
      'InvalidParameterValueException', 400, 'Could not unzip uploaded file. Please check your file, then try to upload again.');
  });
});

describe('invoke', () => {
  it('runs a node function with event, context and environment', async () => {
    await createNode('ctx', `exports.handler = async (event, context) => ({
      event, name: context.functionName, version: context.functionVersion, arn: context.invokedFunctionArn,
      mem: context.memoryLimitInMB, id: context.awsRequestId, group: context.logGroupName, remaining: context.getRemainingTimeInMillis(),
      color: process.env.COLOR, region: process.env.AWS_REGION, fnName: process.env.AWS_LAMBDA_FUNCTION_NAME, endpoint: process.env.AWS_ENDPOINT_URL,
      client: context.clientContext, secret: process.env.KANRI_TEST_SECRET ?? null });`,
    { Environment: { Variables: { COLOR: 'blue' } }, MemorySize: 256 });
    process.env.KANRI_TEST_SECRET = 'kanri-own-environment'; // kanri's environment is not the function's
    const out = await lambda.send(new InvokeCommand({
      FunctionName: 'ctx', Payload: Buffer.from(JSON.stringify({ a: 1 })), ClientContext: Buffer.from(JSON.stringify({ custom: { app: 'x' } })).toString('base64'),
    }));
    delete process.env.KANRI_TEST_SECRET;
    expect(out.StatusCode).toBe(200);
    expect(out.ExecutedVersion).toBe('$LATEST');
    const body = decode(out.Payload);
    expect(body).toMatchObject({
      event: { a: 1 }, name: 'ctx', version: '$LATEST', arn: 'arn:aws:lambda:us-east-1:000000000000:function:ctx', mem: '256', group: '/aws/lambda/ctx',
      color: 'blue', region: 'us-east-1', fnName: 'ctx', endpoint: kanri.url, client: { custom: { app: 'x' } }, secret: null,
    });
    expect(body.remaining).toBeGreaterThan(0);
    expect(body.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('runs a python function', async () => {
    await lambda.send(new CreateFunctionCommand({
      FunctionName: 'py', Runtime: 'python3.11', Role: ROLE, Handler: 'app.handler',
      Code: { ZipFile: zip({ 'app.py': 'import os\ndef handler(event, context):\n    print("hello from python")\n    return {"sum": event["a"] + event["b"], "name": context.function_name, "env": os.environ["GREETING"], "mem": context.memory_limit_in_mb}\n' }) },
      Environment: { Variables: { GREETING: 'hi' } },
    }));
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'py', Payload: Buffer.from('{"a": 2, "b": 3}'), LogType: 'Tail' }));
    expect(decode(out.Payload)).toEqual({ sum: 5, name: 'py', env: 'hi', mem: 128 });
    const log = Buffer.from(out.LogResult!, 'base64').toString('utf8');
    expect(log).toMatch(/^START RequestId: \S+ Version: \$LATEST\n/);
    expect(log).toContain('hello from python');
    expect(log).toMatch(/REPORT RequestId: \S+\tDuration: [\d.]+ ms/);
  });

  it('loads an ES module handler', async () => {
    await createNode('esm', 'export const handler = async (e) => ({ esm: true, e });', {}, 'main.mjs');
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'esm', Payload: Buffer.from('"x"') }));
    expect(decode(out.Payload)).toEqual({ esm: true, e: 'x' });
  });

  it('reports an error as FunctionError Unhandled with the runtime payload', async () => {
    await createNode('boom', 'exports.handler = async () => { const e = new TypeError("bad thing"); throw e; };');
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'boom', LogType: 'Tail' }));
    expect(out.StatusCode).toBe(200);
    expect(Buffer.from(out.LogResult!, 'base64').toString()).toMatch(/\tERROR\tInvoke Error \t\{"errorType":"TypeError","errorMessage":"bad thing"/);
    expect(out.FunctionError).toBe('Unhandled');
    const body = decode(out.Payload);
    expect(body).toMatchObject({ errorType: 'TypeError', errorMessage: 'bad thing' });
    expect(body.trace[0]).toBe('TypeError: bad thing');
    await lambda.send(new CreateFunctionCommand({
      FunctionName: 'pyboom', Runtime: 'python3.11', Role: ROLE, Handler: 'app.handler',
      Code: { ZipFile: zip({ 'app.py': 'def handler(event, context):\n    raise ValueError("nope")\n' }) },
    }));
    const py = await lambda.send(new InvokeCommand({ FunctionName: 'pyboom', LogType: 'Tail' }));
    expect(Buffer.from(py.LogResult!, 'base64').toString()).toContain('[ERROR] ValueError: nope');
    expect(py.FunctionError).toBe('Unhandled');
    const pyBody = decode(py.Payload);
    expect(pyBody).toMatchObject({ errorType: 'ValueError', errorMessage: 'nope' });
    expect(pyBody.stackTrace.length).toBeGreaterThan(0);
  });

  it('reports missing handlers, syntax errors and crashes without hanging', async () => {
    await createNode('nohandler', 'exports.other = () => 1;');
    const missing = await lambda.send(new InvokeCommand({ FunctionName: 'nohandler' }));
    expect([missing.FunctionError, decode(missing.Payload).errorType]).toEqual(['Unhandled', 'Runtime.HandlerNotFound']);
    await createNode('syntax', 'exports.handler = async () => { return ;; }}');
    const syntax = await lambda.send(new InvokeCommand({ FunctionName: 'syntax' }));
    expect(decode(syntax.Payload).errorType).toBe('Runtime.UserCodeSyntaxError');
    await createNode('crash', 'exports.handler = async () => { process.exit(3); };');
    const crash = await lambda.send(new InvokeCommand({ FunctionName: 'crash' }));
    expect(decode(crash.Payload)).toMatchObject({ errorType: 'Runtime.ExitError' });
    expect(decode(crash.Payload).errorMessage).toContain('exit status 3');
  });

  it('times out a function that runs too long', async () => {
    await createNode('slow', 'exports.handler = () => new Promise(() => setInterval(() => {}, 1000));', { Timeout: 1 });
    const started = Date.now();
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'slow' }));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(out.FunctionError).toBe('Unhandled');
    expect(decode(out.Payload)).toMatchObject({ errorType: 'Sandbox.Timedout' });
    expect(decode(out.Payload).errorMessage).toMatch(/Task timed out after 1\.00 seconds/);
  });

  it('ends what a timed-out function started', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kanri-lambda-tree-'));
    await createNode('spawner', `const { spawn } = require('child_process'); const fs = require('fs');
      exports.handler = async () => { const c = spawn('sleep', ['30']); fs.writeFileSync(process.env.OUT_DIR + '/pid', String(c.pid)); await new Promise(() => {}); };`,
    { Timeout: 1, Environment: { Variables: { OUT_DIR: dir } } });
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'spawner' }));
    expect(decode(out.Payload).errorType).toBe('Sandbox.Timedout');
    const pid = Number(readFileSync(join(dir, 'pid'), 'utf8'));
    // Killed is enough: a zombie waits for this machine's init to reap it.
    const alive = () => {
      try {
        return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
      } catch {
        return false;
      }
    };
    for (let i = 0; i < 40 && alive(); i++) await new Promise((r) => setTimeout(r, 25));
    expect(alive()).toBe(false);
  });

  it('keeps a process warm between invocations', async () => {
    await createNode('warm', 'let n = 0; exports.handler = async () => ++n;');
    const counts = [];
    for (let i = 0; i < 3; i++) counts.push(decode((await lambda.send(new InvokeCommand({ FunctionName: 'warm' }))).Payload));
    expect(counts).toEqual([1, 2, 3]);
  });

  it('runs Event invocations after answering 202, and DryRun answers 204', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kanri-lambda-test-'));
    await createNode('writer', `const fs = require('fs'); exports.handler = async (e) => { fs.writeFileSync(process.env.OUT_DIR + '/out.json', JSON.stringify(e)); };`,
      { Environment: { Variables: { OUT_DIR: dir } } });
    const dry = await lambda.send(new InvokeCommand({ FunctionName: 'writer', InvocationType: 'DryRun' }));
    expect(dry.StatusCode).toBe(204);
    const ev = await lambda.send(new InvokeCommand({ FunctionName: 'writer', InvocationType: 'Event', Payload: Buffer.from('{"hello":"async"}') }));
    expect(ev.StatusCode).toBe(202);
    const file = join(dir, 'out.json');
    for (let i = 0; i < 100 && !existsSync(file); i++) await new Promise((r) => setTimeout(r, 50));
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ hello: 'async' });
  });

  it('accepts the deprecated InvokeAsync', async () => {
    const out = await lambda.send(new InvokeAsyncCommand({ FunctionName: 'warm', InvokeArgs: Buffer.from('{}') }));
    expect(out.Status).toBe(202);
  });

  it('refuses payloads over the limits', async () => {
    await rejects(lambda.send(new InvokeCommand({ FunctionName: 'warm', InvocationType: 'Event', Payload: Buffer.from(JSON.stringify('x'.repeat(300_000))) })),
      'RequestTooLargeException', 413);
  });
});

describe('without --run-lambdas', () => {
  it('manages functions but refuses Invoke, saying how to enable it', async () => {
    const off = await startTestKanri();
    try {
      const client = new LambdaClient(sdkConfig(off));
      await client.send(new CreateFunctionCommand({ FunctionName: 'f', Runtime: 'nodejs20.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zip({ 'index.js': 'exports.handler = async () => 1;' }) } }));
      const err = await rejects(client.send(new InvokeCommand({ FunctionName: 'f' })), 'ResourceConflictException', 409);
      expect(err.message).toContain('--run-lambdas');
      expect(err.message).toContain('KANRI_RUN_LAMBDAS=1');
    } finally {
      await off.stop();
    }
  });
});
