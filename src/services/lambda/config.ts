// A function version's configuration: built from CreateFunction's input, changed by the Update
// calls, and shown with its State settled once the clock passes the version's ready time.
import { randomUUID } from 'node:crypto';
import { conflict, invalidParameter, validation } from './errors';
import type { VersionRow } from './store';

/** Runtimes kanri runs, and the local interpreter that runs them. */
export const RUNNABLE: Record<string, 'node' | 'python'> = {
  'nodejs18.x': 'node', 'nodejs20.x': 'node', 'nodejs22.x': 'node', 'nodejs24.x': 'node',
  'python3.9': 'python', 'python3.10': 'python', 'python3.11': 'python', 'python3.12': 'python', 'python3.13': 'python', 'python3.14': 'python',
};

/** Runtimes AWS no longer lets a function be created or updated with, and what it recommends instead. */
const DEPRECATED: Record<string, string> = {
  nodejs: 'nodejs22.x', 'nodejs4.3': 'nodejs22.x', 'nodejs4.3-edge': 'nodejs22.x', 'nodejs6.10': 'nodejs22.x', 'nodejs8.10': 'nodejs22.x',
  'nodejs10.x': 'nodejs22.x', 'nodejs12.x': 'nodejs22.x', 'nodejs14.x': 'nodejs22.x', 'nodejs16.x': 'nodejs22.x',
  'python2.7': 'python3.13', 'python3.6': 'python3.13', 'python3.7': 'python3.13', 'python3.8': 'python3.13',
  'dotnetcore1.0': 'dotnet8', 'dotnetcore2.0': 'dotnet8', 'dotnetcore2.1': 'dotnet8', 'dotnetcore3.1': 'dotnet8', dotnet6: 'dotnet8',
  'ruby2.5': 'ruby3.4', 'ruby2.7': 'ruby3.4', 'go1.x': 'provided.al2023', 'java8': 'java21',
};

/** AWS's LastModified format: 2024-01-31T12:00:00.000+0000. */
export function lastModified(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

export function checkRuntime(runtime: string | undefined): void {
  if (runtime && Object.hasOwn(DEPRECATED, runtime)) {
    throw invalidParameter(`The runtime parameter of ${runtime} is no longer supported for creating or updating AWS Lambda functions. We recommend you use the new runtime (${DEPRECATED[runtime]}) while creating or updating functions.`);
  }
}

/** Limits the model does not carry (its MemorySize maximum is wider than a function's). */
export function checkLimits(input: { MemorySize?: number; Timeout?: number; Environment?: { Variables?: Record<string, string> } }): void {
  if (input.MemorySize !== undefined && input.MemorySize > 10240) throw validation(input.MemorySize, 'memorySize', 'Member must have value less than or equal to 10240');
  if (input.Timeout !== undefined && input.Timeout > 900) throw validation(input.Timeout, 'timeout', 'Member must have value less than or equal to 900');
  const vars = input.Environment?.Variables;
  if (vars) {
    for (const key of Object.keys(vars)) {
      if (!/^[a-zA-Z]([a-zA-Z0-9_])*$/.test(key)) throw validation(`[${key}]`, 'environment.variables', 'Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+');
      if (RESERVED_ENV.has(key)) throw invalidParameter(`Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: ${key}`);
    }
    if (Buffer.byteLength(JSON.stringify(vars)) > 4096) {
      throw invalidParameter('Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit.');
    }
  }
}

const RESERVED_ENV = new Set(['_HANDLER', 'AWS_REGION', 'AWS_EXECUTION_ENV', 'AWS_LAMBDA_FUNCTION_NAME', 'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_VERSION', 'AWS_LAMBDA_LOG_GROUP_NAME', 'AWS_LAMBDA_LOG_STREAM_NAME', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN', 'AWS_LAMBDA_RUNTIME_API', 'LAMBDA_TASK_ROOT', 'LAMBDA_RUNTIME_DIR']);

/** Configuration members an Update may set, as CreateFunction takes them. */
export const CONFIG_MEMBERS = ['Role', 'Handler', 'Description', 'Timeout', 'MemorySize', 'Runtime', 'Environment', 'DeadLetterConfig', 'KMSKeyArn',
  'TracingConfig', 'EphemeralStorage', 'LoggingConfig', 'VpcConfig', 'Layers'] as const;

/** Writes input members into a configuration in the shapes the API returns them. */
export function applyConfig(config: Record<string, any>, input: Record<string, any>): void {
  for (const member of CONFIG_MEMBERS) {
    const value = input[member];
    if (value === undefined) continue;
    if (member === 'Environment') config.Environment = { Variables: { ...(value.Variables ?? {}) } };
    else if (member === 'VpcConfig') config.VpcConfig = { SubnetIds: value.SubnetIds ?? [], SecurityGroupIds: value.SecurityGroupIds ?? [], VpcId: '' };
    else if (member === 'Layers') config.Layers = value.length ? value : undefined; // resolved by layers.ts first
    else if (member === 'LoggingConfig') config.LoggingConfig = { ...config.LoggingConfig, ...value };
    else config[member] = value;
  }
}

export function newConfig(input: Record<string, any>, arn: string, code: { sha256: string; size: number }, now: number): Record<string, any> {
  const config: Record<string, any> = {
    FunctionName: input.FunctionName, FunctionArn: arn, Runtime: input.Runtime, Role: input.Role, Handler: input.Handler,
    CodeSize: code.size, Description: '', Timeout: 3, MemorySize: 128, LastModified: lastModified(now), CodeSha256: code.sha256,
    Version: '$LATEST', TracingConfig: { Mode: 'PassThrough' }, RevisionId: randomUUID(),
    State: 'Pending', StateReason: 'The function is being created.', StateReasonCode: 'Creating',
    PackageType: 'Zip', Architectures: input.Architectures ?? ['x86_64'], EphemeralStorage: { Size: 512 },
    SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
    LoggingConfig: { LogFormat: 'Text', LogGroup: `/aws/lambda/${input.FunctionName}` },
  };
  applyConfig(config, input);
  return config;
}

/** Marks a configuration as being updated (the state the Update call answers with). */
export function markUpdating(config: Record<string, any>, now: number): void {
  config.LastModified = lastModified(now);
  config.RevisionId = randomUUID();
  config.LastUpdateStatus = 'InProgress';
  config.LastUpdateStatusReason = 'The function is being created.';
  config.LastUpdateStatusReasonCode = 'Creating';
}

/** The configuration as a read at `now` sees it: Pending and InProgress settle at the ready time. */
export function view(row: VersionRow, now: number): Record<string, any> {
  const config = { ...row.config };
  if (now >= row.readyAt) {
    config.State = 'Active';
    config.LastUpdateStatus = 'Successful';
    for (const k of ['StateReason', 'StateReasonCode', 'LastUpdateStatusReason', 'LastUpdateStatusReasonCode']) delete config[k];
  }
  return config;
}

/** Updates are refused while the previous one is still in progress, as AWS does. */
export function requireSettled(row: VersionRow, now: number, arn: string): void {
  if (now < row.readyAt) {
    throw conflict(`The operation cannot be performed at this time. An update is in progress for resource: ${arn}`);
  }
}

export function checkRevision(config: Record<string, any>, revisionId: string | undefined, fail: () => Error): void {
  if (revisionId !== undefined && revisionId !== config.RevisionId) throw fail();
}
