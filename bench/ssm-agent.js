#!/usr/bin/env node
// Run Command at fleet size: N agents (in-process, each with its own state folder, default 50)
// register through one activation; one SendCommand (AWS-RunShellScript, MaxConcurrency 100%) goes
// to all of them by tag; we time until every invocation is Success. Then one separate
// `kanri agent` process idles for a while: its CPU (from /proc) and RSS.
// Env: BENCH_AGENTS (50), BENCH_AGENT_POLL_MS (1000), BENCH_IDLE_SECONDS (10).
// The last line is `BENCH_JSON {...}`.
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const S = require('@aws-sdk/client-ssm');
const { startKanri } = require('../dist/server/index');
const { Agent, registerAgent } = require('../dist/agent/core');
const { runBench } = require('./support/main');

const AGENTS = Number(process.env.BENCH_AGENTS || 50);
const POLL_MS = Number(process.env.BENCH_AGENT_POLL_MS || 1000);
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS || 10);
const BIN = path.join(__dirname, '..', 'bin', 'kanri.js');
const TICKS_PER_SECOND = 100;
const children = new Set();
process.on('exit', () => children.forEach((c) => c.exitCode === null && c.kill('SIGKILL')));

function ticks(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(f[11]) + Number(f[12]);
}
function rssMiB(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kanri-bench-ssm-'));
  const kanri = await startKanri({ port: 0, dataDir: path.join(root, 'data') });
  const ssm = new S.SSMClient({ endpoint: kanri.url, region: 'us-east-1', credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x' }, maxAttempts: 1 });
  const act = await ssm.send(new S.CreateActivationCommand({ IamRole: 'SSMServiceRole', RegistrationLimit: AGENTS + 1, Tags: [{ Key: 'bench', Value: 'fleet' }] }));
  const agents = [];
  const regStart = Date.now();
  for (let n = 0; n < AGENTS; n++) {
    const stateDir = path.join(root, `agent-${n}`);
    await registerAgent({ code: act.ActivationCode, id: act.ActivationId, region: 'us-east-1', endpoint: kanri.url, stateDir });
    const agent = new Agent({ stateDir, pollMs: POLL_MS, log: () => undefined });
    agents.push({ agent, done: agent.run() });
  }
  const registerMs = Date.now() - regStart;
  const sent = Date.now();
  const { Command } = await ssm.send(new S.SendCommandCommand({ DocumentName: 'AWS-RunShellScript', Targets: [{ Key: 'tag:bench', Values: ['fleet'] }],
    MaxConcurrency: '100%', Parameters: { commands: ['echo hello from $(pwd)'] } }));
  let c;
  for (;;) {
    c = (await ssm.send(new S.ListCommandsCommand({ CommandId: Command.CommandId }))).Commands[0];
    if (['Success', 'Failed', 'TimedOut', 'Cancelled'].includes(c.Status)) break;
    await sleep(50);
  }
  const allDoneMs = Date.now() - sent;
  for (const a of agents) a.agent.stop();
  await Promise.all(agents.map((a) => a.done));

  // One agent as its own process, idle: what a person pays for leaving it running.
  await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'agent', 'register', '--code', act.ActivationCode, '--id', act.ActivationId, '--region', 'us-east-1', '--endpoint', kanri.url,
      '--state-dir', path.join(root, 'idle')], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, KANRI_AGENT_POLL_MS: String(POLL_MS) } });
    children.add(child);
    child.stdout.on('data', (d) => { if (/running against/.test(String(d))) resolve(child); });
    child.on('exit', (code) => reject(new Error(`idle agent exited ${code}`)));
  }).then(async (child) => {
    await sleep(2000);
    const t0 = ticks(child.pid); const s0 = Date.now();
    await sleep(IDLE_SECONDS * 1000);
    const cpuPercent = (((ticks(child.pid) - t0) / TICKS_PER_SECOND) / ((Date.now() - s0) / 1000)) * 100;
    const rss = rssMiB(child.pid);
    child.kill('SIGTERM');
    const result = { agents: AGENTS, pollMs: POLL_MS, registerMs, status: c.Status, completed: c.CompletedCount, allSucceededMs: allDoneMs,
      idleAgentCpuPercent: Number(cpuPercent.toFixed(2)), idleAgentRssMiB: Number(rss.toFixed(1)) };
    console.log(`${AGENTS} agents registered in ${registerMs} ms; SendCommand to all: ${c.Status} (${c.CompletedCount}/${c.TargetCount}) after ${allDoneMs} ms`);
    console.log(`idle agent process (poll every ${POLL_MS} ms): ${result.idleAgentCpuPercent}% of a core, RSS ${result.idleAgentRssMiB} MiB`);
    console.log(`BENCH_JSON ${JSON.stringify(result)}`);
  });
  await kanri.stop();
  fs.rmSync(root, { recursive: true, force: true });
}

runBench(main, 5, { exit: true });
