// Runs a SendCommand message's document on this machine: aws:runShellScript steps with bash in a
// working folder under workDir (aws:downloadContent from S3 or a document, aws:runDocument too), each with its execution timeout; stdout/stderr are captured and the
// exit code becomes the step's status. Only a person who started `kanri agent` lets this happen.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parameterTypes, stepsOf, withDefaults, type Step } from './document';

/** What steps may ask of kanri, as this instance: documents (aws:runDocument) and S3 objects (aws:downloadContent). */
export interface StepTools {
  getDocument(name: string, version?: string): Promise<any>;
  s3Get(bucket: string, key: string): Promise<Buffer>;
}

const STREAM_LIMIT = 800_000; // per stream in a reply; the API shows 24,000 characters, S3 the rest
const CONSOLE_LIMIT = 2_500;

export interface StepResult {
  status: 'Success' | 'Failed' | 'TimedOut' | 'Cancelled' | 'InProgress'; code: number; name: string; stepName: string; pluginID: string;
  output: string; standardOutput: string; standardError: string; startDateTime: string; endDateTime: string;
}

export interface SendCommandPayload {
  CommandId: string; DocumentName: string; DocumentContent: any; Parameters: Record<string, string[]>; OutputS3BucketName?: string; OutputS3KeyPrefix?: string;
}

export interface Execution { cancel(): void; done: Promise<{ documentStatus: string; runtimeStatus: Record<string, StepResult> }> }

export function execute(payload: SendCommandPayload, workDir: string, tools: StepTools): Execution {
  let cancelled = false;
  let kill: (() => void) | undefined;
  const run = async () => {
    const doc = payload.DocumentContent;
    const steps = stepsOf(doc, payload.Parameters ?? {}, parameterTypes(doc));
    const results: Record<string, StepResult> = {};
    let failed = false; let timedOut = false;
    for (const step of steps) {
      const started = new Date().toISOString();
      if (cancelled) {
        results[step.id] = result(step, 'Cancelled', -1, '', '', started);
        continue;
      }
      const r = await runStep(step, join(workDir, safe(payload.CommandId), safe(step.id)), tools, (k) => (kill = k), () => cancelled);
      const status = cancelled ? 'Cancelled' : r.timedOut ? 'TimedOut' : r.code === 0 ? 'Success' : 'Failed';
      results[step.id] = result(step, status, cancelled ? -1 : r.code, r.stdout, r.stderr, started);
      if (status === 'Failed') failed = true;
      if (status === 'TimedOut') timedOut = true;
      if ((status === 'Failed' || status === 'TimedOut') && step.onFailure === 'exit') break;
    }
    const documentStatus = cancelled ? 'Cancelled' : timedOut ? 'TimedOut' : failed ? 'Failed' : 'Success';
    return { documentStatus, runtimeStatus: results };
  };
  return { cancel: () => { cancelled = true; kill?.(); }, done: run() };
}

function safe(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_');
}

function result(step: Step, status: StepResult['status'], code: number, stdout: string, stderr: string, started: string): StepResult {
  const output = stderr ? `${stdout}\n----------ERROR-------\n${stderr}` : stdout;
  return {
    status, code, name: step.action, stepName: step.stepName, pluginID: step.id, output: output.slice(0, CONSOLE_LIMIT),
    standardOutput: stdout, standardError: stderr, startDateTime: started, endDateTime: new Date().toISOString(),
  };
}

interface Ran { code: number; stdout: string; stderr: string; timedOut: boolean }

async function runStep(step: Step, folder: string, tools: StepTools, onKill: (k: () => void) => void, isCancelled: () => boolean, depth = 0): Promise<Ran> {
  try {
    if (step.action === 'aws:runShellScript') return await runShell(step, folder, onKill);
    if (step.action === 'aws:downloadContent') return await downloadContent(step, folder, tools);
    if (step.action === 'aws:runDocument') return await runDocument(step, folder, tools, onKill, isCancelled, depth);
  } catch (err) {
    return { code: 1, stdout: '', stderr: (err as Error).message, timedOut: false };
  }
  return { code: 1, stdout: '', stderr: `kanri's agent does not run ${step.action} steps.`, timedOut: false };
}

function sourceInfo(raw: unknown): Record<string, any> {
  return typeof raw === 'string' ? JSON.parse(raw) : (raw as Record<string, any>) ?? {};
}

/** s3://bucket/key, https://s3[.region].amazonaws.com/bucket/key or https://bucket.s3[.region].amazonaws.com/key. */
export function s3Location(path: string): { bucket: string; key: string } {
  const s3 = /^s3:\/\/([^/]+)\/(.+)$/.exec(path);
  if (s3) return { bucket: s3[1], key: s3[2] };
  const url = new URL(path);
  const virtual = /^(.+)\.s3[.-]/.exec(url.hostname);
  const parts = url.pathname.slice(1).split('/').map(decodeURIComponent);
  return virtual ? { bucket: virtual[1], key: parts.join('/') } : { bucket: parts[0], key: parts.slice(1).join('/') };
}

async function downloadContent(step: Step, folder: string, tools: StepTools): Promise<Ran> {
  const info = sourceInfo(step.inputs.sourceInfo);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const destination = resolve(folder, String(step.inputs.destinationPath ?? ''));
  if (step.inputs.sourceType === 'S3') {
    const { bucket, key } = s3Location(String(info.path));
    const body = await tools.s3Get(bucket, key);
    const target = join(destination, basename(key)); // destinationPath is a folder; the file keeps its name
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, body);
    return { code: 0, stdout: `Content downloaded to ${target}\n`, stderr: '', timedOut: false };
  }
  if (step.inputs.sourceType === 'SSMDocument') {
    const doc = await tools.getDocument(String(info.name), info.version);
    const target = join(destination, `${info.name}.json`);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, JSON.stringify(doc, null, 2));
    return { code: 0, stdout: `Content downloaded to ${target}\n`, stderr: '', timedOut: false };
  }
  return { code: 1, stdout: '', stderr: `kanri's agent downloads from S3 and SSMDocument sources, not ${step.inputs.sourceType}.`, timedOut: false };
}

async function runDocument(step: Step, folder: string, tools: StepTools, onKill: (k: () => void) => void, isCancelled: () => boolean, depth: number): Promise<Ran> {
  if (depth >= 3) return { code: 1, stdout: '', stderr: 'aws:runDocument nests at most 3 levels.', timedOut: false };
  if (step.inputs.documentType !== 'SSMDocument') return { code: 1, stdout: '', stderr: `kanri's agent runs SSMDocument documents, not ${step.inputs.documentType}.`, timedOut: false };
  const doc = await tools.getDocument(String(step.inputs.documentPath));
  const given = step.inputs.documentParameters ? sourceInfo(step.inputs.documentParameters) : {};
  const params: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(given)) params[k] = Array.isArray(v) ? v.map(String) : [typeof v === 'string' ? v : JSON.stringify(v)];
  const steps = stepsOf(doc, withDefaults(doc, params), parameterTypes(doc));
  let stdout = ''; let stderr = ''; let code = 0; let timedOut = false;
  for (const sub of steps) {
    if (isCancelled()) break;
    const r = await runStep(sub, join(folder, safe(sub.id)), tools, onKill, isCancelled, depth + 1);
    stdout += r.stdout; stderr += r.stderr;
    if (r.code !== 0) code = r.code;
    if (r.timedOut) timedOut = true;
    if (r.code !== 0 && sub.onFailure === 'exit') break;
  }
  return { code, stdout, stderr, timedOut };
}

function runShell(step: Step, folder: string, onKill: (k: () => void) => void): Promise<Ran> {
  const lines = Array.isArray(step.inputs.runCommand) ? step.inputs.runCommand : [String(step.inputs.runCommand ?? '')];
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const script = join(folder, '_script.sh');
  writeFileSync(script, `${lines.join('\n')}\n`, { mode: 0o700 });
  const cwd = typeof step.inputs.workingDirectory === 'string' && step.inputs.workingDirectory ? step.inputs.workingDirectory : folder;
  const timeoutSeconds = Number(step.inputs.timeoutSeconds) > 0 ? Number(step.inputs.timeoutSeconds) : 3600;
  return new Promise((resolve) => {
    let stdout = ''; let stderr = ''; let timedOut = false;
    const child = spawn('bash', [script], { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const killGroup = () => { try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* already gone */ } };
    onKill(killGroup);
    const timer = setTimeout(() => { timedOut = true; killGroup(); }, timeoutSeconds * 1000);
    child.stdout.on('data', (d: Buffer) => { if (stdout.length < STREAM_LIMIT) stdout += d.toString('utf8'); });
    child.stderr.on('data', (d: Buffer) => { if (stderr.length < STREAM_LIMIT) stderr += d.toString('utf8'); });
    child.on('error', (err) => { clearTimeout(timer); resolve({ code: 1, stdout, stderr: `${stderr}${err.message}`, timedOut }); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 137 : 1), stdout: stdout.slice(0, STREAM_LIMIT), stderr: stderr.slice(0, STREAM_LIMIT), timedOut });
    });
  });
}
