// Shared by e2e tests: an in-process kanri on a free port, and client settings that point at it.
// It runs the compiled dist/ (npm test builds first), as users do: services and codecs are
// loaded lazily with require(), which vitest's TypeScript transform does not see.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import type { Kanri } from '../src/server/index';

const { startKanri } = require('../dist/server/index') as typeof import('../src/server/index');
export type { Kanri };

export const run = promisify(execFile);

export async function startTestKanri(dataDir: string | null = null, options: { runLambdas?: boolean } = {}): Promise<Kanri> {
  return startKanri({ port: 0, dataDir, ...options });
}

export const TEST_CREDENTIALS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

/** Options for any @aws-sdk/client-* constructor. */
export function sdkConfig(kanri: Kanri, region = 'us-east-1', credentials = TEST_CREDENTIALS) {
  return { endpoint: kanri.url, region, credentials, maxAttempts: 1 };
}

/** Runs the AWS CLI (v1, pip-installed) against kanri and returns parsed JSON output. */
export async function awsCli(kanri: Kanri, args: string[], env: Record<string, string> = {}): Promise<any> {
  const { stdout } = await run('aws', ['--endpoint-url', kanri.url, '--output', 'json', ...args], {
    env: { ...process.env, AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey, AWS_DEFAULT_REGION: 'us-east-1', AWS_MAX_ATTEMPTS: '1', ...env },
  });
  return stdout.trim() ? JSON.parse(stdout) : {};
}

/** Runs a Python (boto3) snippet; KANRI_URL is set for it. Returns its stdout parsed as JSON. */
export async function boto3(kanri: Kanri, code: string): Promise<any> {
  const { stdout } = await run('python3', ['-c', code], {
    env: { ...process.env, KANRI_URL: kanri.url, AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey, AWS_DEFAULT_REGION: 'us-east-1' },
  });
  return JSON.parse(stdout);
}

const BIN = join(__dirname, '..', 'bin', 'kanri.js');

/** Starts `kanri start` as a child process and resolves with its URL once it says where it listens. */
export function startProcess(args: string[]): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'start', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (m) resolve({ child, url: m[1], output: () => out });
    });
    child.stderr!.on('data', (d) => (out += d));
    child.on('exit', (code) => reject(new Error(`kanri exited (${code}): ${out}`)));
  });
}

/** Moves kanri's clock on by an ISO 8601 duration ('PT5M'), checks it moved, and returns the new time. */
export async function advanceClock(target: { url: string }, duration: string): Promise<{ now: string }> {
  const res = await fetch(`${target.url}/_kanri/clock`, { method: 'POST', body: JSON.stringify({ advance: duration }) });
  expect(res.status).toBe(200);
  return (await res.json()) as { now: string };
}

/** Polls fn (its errors count as "not yet") until it gives a truthy value, or fails after ms. */
export async function waitFor<T>(what: string, fn: () => Promise<T | undefined | false>, ms = 25_000, everyMs = 100): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Awaits a rejection and checks its error name, HTTP status and (when given) message; returns the error. */
export async function rejects(p: Promise<unknown>, name: string, status: number, message?: string) {
  const err = await p.then(() => { throw new Error(`expected ${name}`); }, (e) => e);
  expect([err.name, err.$metadata?.httpStatusCode, ...(message === undefined ? [] : [err.message])]).toEqual([name, status, ...(message === undefined ? [] : [message])]);
  return err;
}
