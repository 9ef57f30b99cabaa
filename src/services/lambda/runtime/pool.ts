// Warm runtime processes. Each runs one invocation at a time; concurrent invocations of the same
// function version get more processes up to a small cap and wait beyond it. A timeout or a crash
// ends the process; every process ends when kanri stops.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Socket } from 'node:net';
import type { Platform } from '../../../core/platform';

export interface WorkerSpec {
  /** Processes are shared by invocations with the same key (function version, code and configuration). */
  key: string;
  /** The unqualified function ARN, to stop a function's processes when it is deleted or changed. */
  functionArn: string;
  runtime: 'node' | 'python';
  taskDir: string;
  env: Record<string, string>;
  memoryMb: number;
}

export interface InvokeRequest { requestId: string; payload: string; timeoutMs: number; context: Record<string, unknown> }

export type RunOutcome =
  | { kind: 'result'; payload: string; logs: string }
  | { kind: 'error'; error: Record<string, unknown>; logs: string };

const PER_KEY = 4;
const TOTAL = 24;
const IDLE_MS = 5 * 60_000;

interface Worker {
  spec: WorkerSpec;
  child: ChildProcess;
  busy: boolean;
  dead: boolean;
  idleTimer?: NodeJS.Timeout;
  current?: { id: string; logs: LogBuffer; finish: (o: RunOutcome, kill?: boolean) => void };
}

/** An invocation's output, keeping only the last MAX_LOG characters so a chatty function cannot fill memory. */
const MAX_LOG = 256 * 1024;

class LogBuffer {
  private parts: string[] = [];
  private size = 0;

  push(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    if (this.size > 2 * MAX_LOG) {
      const kept = this.text();
      this.parts = [kept];
      this.size = kept.length;
    }
  }

  text(): string {
    const all = this.parts.join('');
    return all.length > MAX_LOG ? all.slice(all.length - MAX_LOG) : all;
  }
}

const RUNTIME_DIR = existsSync(join(__dirname, 'bootstrap.js')) ? __dirname : join(__dirname, '..', '..', '..', '..', 'src', 'services', 'lambda', 'runtime');

class Pool {
  private workers = new Set<Worker>();
  private waiting: { key: string; wake: () => void }[] = [];

  async run(spec: WorkerSpec, req: InvokeRequest): Promise<RunOutcome> {
    const worker = await this.acquire(spec);
    return new Promise<RunOutcome>((resolve) => {
      const logs = new LogBuffer();
      let done = false;
      const timer = setTimeout(() => {
        const seconds = (req.timeoutMs / 1000).toFixed(2);
        finish({ kind: 'error', error: { errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${req.requestId} Error: Task timed out after ${seconds} seconds` }, logs: '' }, true);
      }, req.timeoutMs);
      const finish = (outcome: RunOutcome, kill = false) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        worker.current = undefined;
        if (kill) this.kill(worker);
        else this.release(worker);
        resolve({ ...outcome, logs: logs.text() });
      };
      worker.current = { id: req.requestId, logs, finish };
      worker.child.stdin!.write(`${JSON.stringify({ id: req.requestId, payload: req.payload, context: { ...req.context, deadlineMs: Date.now() + req.timeoutMs } })}\n`);
    });
  }

  private async acquire(spec: WorkerSpec): Promise<Worker> {
    for (;;) {
      let count = 0;
      for (const w of this.workers) {
        if (w.spec.key !== spec.key || w.dead) continue;
        count++;
        if (!w.busy) {
          w.busy = true;
          if (w.idleTimer) clearTimeout(w.idleTimer);
          return w;
        }
      }
      if (count < PER_KEY && this.workers.size < TOTAL) return this.start(spec);
      if (this.workers.size >= TOTAL) this.evictIdle();
      await new Promise<void>((wake) => this.waiting.push({ key: spec.key, wake }));
    }
  }

  private start(spec: WorkerSpec): Worker {
    const [command, args] = spec.runtime === 'node'
      ? [process.execPath, [`--max-old-space-size=${spec.memoryMb}`, join(RUNTIME_DIR, 'bootstrap.js')]]
      : ['python3', ['-u', join(RUNTIME_DIR, 'bootstrap.py')]];
    // Its own process group, so a timeout or kanri stopping also ends whatever the function started.
    const child = spawn(command, args, { cwd: spec.taskDir, env: spec.env, stdio: ['pipe', 'pipe', 'pipe', 'pipe'], detached: true });
    const worker: Worker = { spec, child, busy: true, dead: false };
    this.workers.add(worker);
    let buffered = '';
    (child.stdio[3] as Socket).setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        this.onMessage(worker, line);
      }
    });
    // Output that bypasses the bootstrap (native writes, child processes) still belongs to the invocation.
    const raw = (d: Buffer) => worker.current?.logs.push(d.toString('utf8'));
    child.stdout!.on('data', raw);
    child.stderr!.on('data', raw);
    child.stdin!.on('error', () => undefined);
    child.on('error', (err) => this.exited(worker, `Runtime exited with error: ${err.message}`));
    child.on('exit', (code, signal) => this.exited(worker, `Runtime exited with error: ${signal ? `signal: ${signal.toLowerCase()}` : `exit status ${code}`}`));
    return worker;
  }

  private onMessage(worker: Worker, line: string): void {
    let msg: any;
    try {
      msg = JSON.parse(line);
    } catch {
      return;
    }
    const current = worker.current;
    if (!current) return;
    if (msg.type === 'log') current.logs.push(String(msg.data));
    else if (msg.type === 'result' && msg.id === current.id) current.finish({ kind: 'result', payload: String(msg.payload), logs: '' });
    else if (msg.type === 'error') current.finish({ kind: 'error', error: msg.error ?? {}, logs: '' }, !!(msg.init || msg.fatal));
  }

  private exited(worker: Worker, reason: string): void {
    worker.dead = true;
    this.workers.delete(worker);
    const current = worker.current;
    if (current) current.finish({ kind: 'error', error: { errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${current.id} Error: ${reason}` }, logs: '' });
    this.wakeNext();
  }

  private release(worker: Worker): void {
    worker.busy = false;
    if (worker.dead) return;
    if (worker.spec.key.endsWith('#retired')) return this.kill(worker);
    worker.idleTimer = setTimeout(() => this.kill(worker), IDLE_MS);
    worker.idleTimer.unref();
    this.wakeNext(worker.spec.key);
  }

  private wakeNext(key?: string): void {
    const i = key ? this.waiting.findIndex((w) => w.key === key) : 0;
    const next = this.waiting.splice(i >= 0 ? i : 0, 1)[0];
    next?.wake();
  }

  private evictIdle(): void {
    for (const w of this.workers) if (!w.busy) return this.kill(w);
  }

  kill(worker: Worker): void {
    if (worker.idleTimer) clearTimeout(worker.idleTimer);
    if (!worker.dead) {
      worker.dead = true;
      this.workers.delete(worker);
      try {
        if (worker.child.pid) process.kill(-worker.child.pid, 'SIGKILL');
        else worker.child.kill('SIGKILL');
      } catch {
        worker.child.kill('SIGKILL');
      }
    }
    this.wakeNext();
  }

  /** Ends the idle processes of a function (deleted or changed); busy ones end after their invocation. */
  stopFunction(functionArn: string): void {
    for (const w of [...this.workers]) if (w.spec.functionArn === functionArn && !w.busy) this.kill(w);
    for (const w of this.workers) if (w.spec.functionArn === functionArn) w.spec = { ...w.spec, key: `${w.spec.key}#retired` };
  }

  stopAll(): void {
    for (const w of [...this.workers]) {
      w.current?.finish({ kind: 'error', error: { errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${w.current.id} Error: kanri is stopping` }, logs: '' }, true);
      this.kill(w);
    }
  }
}

const pools = new WeakMap<Platform, Pool>();

export function poolOf(platform: Platform): Pool {
  let pool = pools.get(platform);
  if (!pool) {
    const created = new Pool();
    pool = created;
    pools.set(platform, created);
    const stop = () => created.stopAll();
    process.once('exit', stop);
    platform.onClose(() => {
      stop();
      process.off('exit', stop);
    });
  }
  return pool;
}

export function stopWorkers(platform: Platform, functionArn: string): void {
  pools.get(platform)?.stopFunction(functionArn);
}
