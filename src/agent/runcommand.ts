// Runs a SendCommand message's document on this machine: aws:runShellScript steps with bash in a
// working folder under workDir, each with its execution timeout; stdout/stderr are captured and the
// exit code becomes the step's status. Only a person who started `kanri agent` lets this happen.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parameterTypes, stepsOf, type Step } from './document';

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

export function execute(payload: SendCommandPayload, workDir: string): Execution {
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
      const r = await runStep(step, join(workDir, safe(payload.CommandId), safe(step.id)), (k) => (kill = k));
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

function runStep(step: Step, folder: string, onKill: (k: () => void) => void): Promise<Ran> {
  if (step.action !== 'aws:runShellScript') {
    return Promise.resolve({ code: 1, stdout: '', stderr: `kanri's agent does not run ${step.action} steps.`, timedOut: false });
  }
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
