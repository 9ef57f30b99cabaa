// Running one invocation of a resolved function version in a warm runtime process, and shaping
// its outcome as Lambda reports it: the payload, FunctionError and the START/END/REPORT log.
import { createHash, randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import type { Platform } from '../../core/platform';
import { AwsError } from '../../protocol/errors';
import { taskDir } from './code';
import { optDir } from './layers';
import { RUNNABLE } from './config';
import { conflict, executionDisabled } from './errors';
import { functionArn } from './names';
import type { Resolved } from './resolve';
import { poolOf, type RunOutcome } from './runtime/pool';

export interface Execution {
  payload: string;
  functionError?: 'Unhandled';
  logs: string;
  executedVersion: string;
  requestId: string;
}

/** Whether this kanri may run function code: only when a person started it with --run-lambdas. */
export function executionEnabled(platform: Platform): boolean {
  return (platform.options as { runLambdas?: boolean }).runLambdas === true;
}

let sdkPath: string | undefined | null;

/** kanri's own node_modules, so functions find the AWS SDK v3 as they do in Lambda's Node.js runtimes. */
function nodePath(): string | undefined {
  if (sdkPath === undefined) {
    try {
      sdkPath = dirname(dirname(dirname(require.resolve('@aws-sdk/client-lambda/package.json'))));
    } catch {
      sdkPath = null;
    }
  }
  return sdkPath ?? undefined;
}

function logStreamName(platform: Platform, key: string, version: string): string {
  const day = new Date(platform.clock.now()).toISOString().slice(0, 10).replace(/-/g, '/');
  return `${day}/[${version}]${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
}

/** Where a runtime looks for layer content in Lambda's /opt, here the function's layer folder. */
function layerPaths(env: Record<string, string>, runtime: string, opt: string, nodeModules: string | undefined): void {
  env.PATH = `${opt}/bin:${env.PATH}`;
  env.LD_LIBRARY_PATH = `${opt}/lib`;
  if (runtime.startsWith('nodejs')) {
    const major = /^nodejs(\d+)/.exec(runtime)?.[1];
    env.NODE_PATH = [`${opt}/nodejs/node${major}/node_modules`, `${opt}/nodejs/node_modules`, ...(nodeModules ? [nodeModules] : [])].join(':');
  } else {
    env.PYTHONPATH = `${opt}/python/lib/${runtime}/site-packages:${opt}/python`;
  }
}

function environment(platform: Platform, r: Resolved, dir: string, stream: string): Record<string, string> {
  const c = r.version.config;
  const env: Record<string, string> = Object.create(null);
  Object.assign(env, c.Environment?.Variables ?? {});
  Object.assign(env, {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin', LANG: 'en_US.UTF-8', TZ: ':UTC',
    LAMBDA_TASK_ROOT: dir, _HANDLER: c.Handler,
    AWS_EXECUTION_ENV: `AWS_Lambda_${c.Runtime}`, AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_FUNCTION_NAME: c.FunctionName, AWS_LAMBDA_FUNCTION_VERSION: r.version.version,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(c.MemorySize), AWS_LAMBDA_LOG_GROUP_NAME: c.LoggingConfig?.LogGroup ?? `/aws/lambda/${c.FunctionName}`,
    AWS_LAMBDA_LOG_STREAM_NAME: stream, AWS_REGION: r.ref.region, AWS_DEFAULT_REGION: r.ref.region,
    // A 12-digit access key id is the account itself to kanri, so SDK calls inside the function act in its account.
    AWS_ACCESS_KEY_ID: r.ref.accountId, AWS_SECRET_ACCESS_KEY: 'kanri-lambda-execution-role',
  });
  const endpoint = platform.endpoint;
  if (endpoint) env.AWS_ENDPOINT_URL = endpoint;
  const modules = nodePath();
  if (modules && RUNNABLE[c.Runtime] === 'node') env.NODE_PATH = modules;
  const opt = optDir(platform, c.Layers);
  if (opt) layerPaths(env, c.Runtime, opt, modules);
  return env;
}

/** Invocations running per function (unqualified ARN), for reserved concurrency. */
const inFlight = new WeakMap<Platform, Map<string, number>>();

export function runningCount(platform: Platform, unqualifiedArn: string): number {
  return inFlight.get(platform)?.get(unqualifiedArn) ?? 0;
}

export function throttled(): AwsError {
  return new AwsError('TooManyRequestsException', 'Rate Exceeded.', 429, true, { Type: 'User', Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' });
}

/** Runs the function; throws modelled errors when it cannot run at all (disabled, unsupported runtime, pending). */
export async function execute(platform: Platform, r: Resolved, payload: string, requestId: string = randomUUID(), clientContext?: unknown): Promise<Execution> {
  if (!executionEnabled(platform)) throw executionDisabled();
  const c = r.version.config;
  const runtime = RUNNABLE[c.Runtime];
  if (!runtime) {
    throw new AwsError('InvalidRuntimeException',
      `The runtime parameter of ${c.Runtime} is not supported by kanri: it runs nodejs18.x to nodejs24.x with the local node, and python3.9 to python3.14 with the local python3.`, 502, false, { Type: 'User' });
  }
  if (platform.clock.now() < r.version.readyAt) {
    throw conflict(`The operation cannot be performed at this time. The function is currently in the following state: ${c.State ?? 'Pending'}`);
  }
  const unqualified = functionArn(r.ref.region, r.ref.accountId, r.ref.name);
  let counts = inFlight.get(platform);
  if (!counts) inFlight.set(platform, (counts = new Map()));
  const running = counts.get(unqualified) ?? 0;
  if (r.fn.reservedConcurrency !== null && running >= r.fn.reservedConcurrency) throw throttled();
  counts.set(unqualified, running + 1);
  try {
    return await run(platform, r, payload, requestId, unqualified, clientContext);
  } finally {
    const left = (counts.get(unqualified) ?? 1) - 1;
    if (left > 0) counts.set(unqualified, left);
    else counts.delete(unqualified);
  }
}

async function run(platform: Platform, r: Resolved, payload: string, requestId: string, unqualified: string, clientContext: unknown): Promise<Execution> {
  const c = r.version.config;
  const runtime = RUNNABLE[c.Runtime];
  const dir = taskDir(platform, r.version.codeSha);
  const key = `${unqualified}:${r.version.version}:${c.RevisionId}`;
  const stream = logStreamName(platform, key, r.version.version);
  const started = process.hrtime.bigint();
  const outcome: RunOutcome = await poolOf(platform).run(
    { key, functionArn: unqualified, runtime, taskDir: dir, env: environment(platform, r, dir, stream), memoryMb: c.MemorySize },
    {
      requestId, payload, timeoutMs: c.Timeout * 1000,
      context: {
        functionName: c.FunctionName, functionVersion: r.version.version, invokedFunctionArn: functionArn(r.ref.region, r.ref.accountId, r.ref.name, r.ref.qualifier),
        memoryLimitInMB: c.MemorySize, awsRequestId: requestId, logGroupName: c.LoggingConfig?.LogGroup ?? `/aws/lambda/${c.FunctionName}`, logStreamName: stream, clientContext,
      },
    },
  );
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const timedOut = outcome.kind === 'error' && outcome.error.errorType === 'Sandbox.Timedout';
  const logs = `START RequestId: ${requestId} Version: ${r.version.version}\n${outcome.logs}`
    + (timedOut ? `${new Date().toISOString()} ${requestId} Task timed out after ${(c.Timeout).toFixed(2)} seconds\n` : '')
    + `END RequestId: ${requestId}\n`
    + `REPORT RequestId: ${requestId}\tDuration: ${ms.toFixed(2)} ms\tBilled Duration: ${Math.max(1, Math.ceil(ms))} ms\tMemory Size: ${c.MemorySize} MB\t${timedOut ? 'Status: timeout' : ''}\n`;
  if (outcome.kind === 'result') return { payload: outcome.payload, logs, executedVersion: r.version.version, requestId };
  return { payload: JSON.stringify(outcome.error), functionError: 'Unhandled', logs, executedVersion: r.version.version, requestId };
}

/** The last 4 KB of the log, base64, as X-Amz-Log-Result carries it. */
export function logTail(logs: string): string {
  const bytes = Buffer.from(logs, 'utf8');
  return bytes.subarray(Math.max(0, bytes.length - 4096)).toString('base64');
}
