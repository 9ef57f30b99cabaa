#!/usr/bin/env node
// Lambda warm-invoke latency, kanri alone (moto runs functions in Docker, which this machine lacks):
// a Node.js 20 and a Python 3.11 function, each invoked (RequestResponse) first once to warm its
// process, then back to back from 1 loop and from 4 loops. Prints p50/p99 per runtime and the
// server's CPU per invoke. kanri runs with --run-lambdas (KANRI_RUN_LAMBDAS=1). Last line: BENCH_JSON {...}.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { client } = require('./support/aws-client');
const { cpuBetween, sample } = require('./support/cpu');
const { runLoops } = require('./support/loops');
const { assertKanriBuilt, freePort, makeTempDir, removeTempDir, startKanri, stop, waitHealthy } = require('./support/servers');
const { runBench } = require('./support/main');

const SECONDS = Number(process.env.BENCH_SECONDS || 5);
const ROLE = 'arn:aws:iam::000000000000:role/bench-lambda';
const FUNCTIONS = [
  { name: 'bench-node', runtime: 'nodejs20.x', handler: 'index.handler', file: 'index.js', code: 'exports.handler = async (event) => ({ ok: true, n: event.n });\n' },
  { name: 'bench-python', runtime: 'python3.11', handler: 'app.handler', file: 'app.py', code: 'def handler(event, context):\n    return {"ok": True, "n": event["n"]}\n' },
];

/** A zip holding one file, made by Python's zipfile (on every machine kanri tests on). */
function zipOf(dir, file, code) {
  fs.writeFileSync(path.join(dir, file), code);
  const zip = path.join(dir, `${file}.zip`);
  execFileSync('python3', ['-c', 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1], "w"); z.write(sys.argv[2], sys.argv[3]); z.close()', zip, path.join(dir, file), file]);
  return fs.readFileSync(zip).toString('base64');
}

async function main() {
  assertKanriBuilt();
  const port = await freePort();
  const dataDir = makeTempDir('kanri-bench-lambda-');
  const work = makeTempDir('kanri-bench-lambda-code-');
  process.env.KANRI_RUN_LAMBDAS = '1';
  const child = startKanri(port, dataDir);
  const results = {};
  try {
    await waitHealthy(child, port, '/_kanri/health', { intervalMs: 20 });
    const c = client(port, { keepAlive: true, timeoutMs: 60_000 });
    for (const fn of FUNCTIONS) {
      await c.restJson('lambda', 'POST', '/2015-03-31/functions', {
        FunctionName: fn.name, Runtime: fn.runtime, Role: ROLE, Handler: fn.handler, Code: { ZipFile: zipOf(work, fn.file, fn.code) }, Timeout: 10,
      });
      const invokePath = `/2015-03-31/functions/${fn.name}/invocations`;
      let n = 0;
      const invoke = async () => {
        const out = await c.restJson('lambda', 'POST', invokePath, { n: ++n });
        if (!out.ok) throw new Error(`${fn.name}: unexpected answer ${JSON.stringify(out)}`);
        return 1;
      };
      const t0 = process.hrtime.bigint();
      await invoke(); // the cold start: a process is spawned
      const coldMs = Number(process.hrtime.bigint() - t0) / 1e6;
      for (const loops of [1, 4]) {
        await runLoops({ seconds: 1, concurrency: loops, step: invoke });
        const before = sample(child.pid);
        const r = await runLoops({ seconds: SECONDS, concurrency: loops, step: invoke });
        const cpu = cpuBetween(before, sample(child.pid));
        results[`${fn.runtime}/${loops}`] = { coldMs, ...r, cpuUsPerInvoke: (cpu.serverCpuSeconds * 1e6) / Math.max(1, r.ops) };
        console.log(`${fn.runtime.padEnd(11)} ${loops} loop${loops > 1 ? 's' : ' '}  ${r.opsPerSecond.toFixed(0).padStart(6)} invokes/s   warm p50 ${r.p50.toFixed(2)} ms   p99 ${r.p99.toFixed(2)} ms   `
          + `cold ${coldMs.toFixed(0)} ms   kanri CPU ${Math.round(results[`${fn.runtime}/${loops}`].cpuUsPerInvoke)} us/invoke   errors ${r.errors}${r.firstError ? ` (${r.firstError})` : ''}`);
      }
    }
    c.close();
  } finally {
    await stop(child);
    removeTempDir(dataDir);
    removeTempDir(work);
  }
  const round = (x) => Math.round(x * 100) / 100;
  const json = Object.fromEntries(Object.entries(results).map(([k, r]) => [k, { per_second: round(r.opsPerSecond), p50_ms: round(r.p50), p99_ms: round(r.p99), cold_ms: Math.round(r.coldMs), errors: r.errors }]));
  console.log(`BENCH_JSON ${JSON.stringify({ bench: 'lambda-warm-invoke', seconds: SECONDS, cases: json })}`);
}

runBench(main, 5);
