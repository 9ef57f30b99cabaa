#!/usr/bin/env node
// kanri against moto_server on the same requests, one server at a time, on 127.0.0.1 only:
// kanri's cold start to healthy and idle RSS, then throughput, latency and CPU per operation.
// The last line is `BENCH_JSON {...}`. Exits 0 whether or not the bars hold; 1 if the bench broke.
// Env: BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (2), BENCH_CONNECTIONS (32), BENCH_COLD_STARTS (5),
//      BENCH_KANRI_NODE_ARGS (node flags for the benchmarked kanri, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
'use strict';
const os = require('node:os');
const { send } = require('./support/http');
const { OPERATIONS, signedRequest, trailSetupRequests } = require('./support/aws-requests');
const { measureColdStarts } = require('./support/cold-start');
const { cpuBetween, sample } = require('./support/cpu');
const { runLoad } = require('./support/load');
const { runBench } = require('./support/main');
const { RESULT_HEADER, bars, compare, fixed, resultRows, round, table } = require('./support/report');
const servers = require('./support/servers');

const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 32);
const COLD_STARTS = Number(process.env.BENCH_COLD_STARTS || 5);
const KANRI_NODE_ARGS = (process.env.BENCH_KANRI_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);

for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(130));

const say = (line = '') => console.log(line);

/** Status, plus the error code, or for an HTML error page the exception the server just logged. */
function describeAnswer(res, server) {
  if (res.status >= 200 && res.status < 300) return `${res.status}`;
  const code = res.headers['x-amzn-errortype'] || (res.body.match(/"__type"\s*:\s*"([^"]+)"|<Code>([^<]+)<\/Code>/) ?? []).slice(1).find(Boolean);
  if (code) return `${res.status} ${code}`;
  const logged = server?.child.output.match(/^(\w*(?:Error|Exception): .*)$/gm)?.pop();
  const title = (res.body.match(/<title>([^<]*)<\/title>/) ?? [])[1];
  return `${res.status} ${logged ? `(server log: ${logged.trim()})` : title ?? res.body.replace(/\s+/g, ' ').slice(0, 80)}`;
}

/** Sends each operation once; when a CloudTrail call fails, creates a bucket and a trail and asks again. */
async function check(server) {
  const answers = {};
  const ask = async () => {
    for (const op of OPERATIONS) {
      const request = signedRequest(server.port, op);
      const res = await send(server.port, { ...request, headers: { ...request.headers, connection: 'keep-alive' } });
      if (res.status >= 500) await servers.sleep(100); // lets the server's log of the failure reach us
      answers[op.id] = { status: res.status, ok: res.status >= 200 && res.status < 300, text: describeAnswer(res, server), connection: res.headers.connection };
    }
  };
  await ask();
  const failing = OPERATIONS.filter((op) => op.service === 'cloudtrail' && !answers[op.id].ok);
  if (failing.length) {
    say(`  ${server.name}: ${failing.map((op) => `${op.id} -> ${answers[op.id].text}`).join('; ')}`);
    say(`  ${server.name}: creating an S3 bucket and a trail, then asking again`);
    for (const { what, request } of trailSetupRequests(server.port, `kanri-bench-${Date.now()}`)) {
      say(`    ${what}: ${describeAnswer(await send(server.port, request))}`);
    }
    await ask();
  }
  for (const op of OPERATIONS) say(`  ${server.name.padEnd(5)} ${op.id.padEnd(24)} ${answers[op.id].text}`);
  // werkzeug answers `Connection: close` even to keep-alive requests; kanri keeps connections open.
  server.keepAlive = !Object.values(answers).some((a) => a.connection === 'close');
  return answers;
}

/** Warm-up, then the timed run, with the server's CPU and the machine's background load around it. */
async function measure(server, op, { keepAlive = server.keepAlive, label = server.name, primary = true } = {}) {
  const request = signedRequest(server.port, op);
  const load = { port: server.port, request, connections: CONNECTIONS, keepAlive };
  if (WARMUP_SECONDS > 0) await runLoad({ ...load, seconds: WARMUP_SECONDS });
  const before = sample(server.child.pid);
  const result = await runLoad({ ...load, seconds: SECONDS });
  const cpu = cpuBetween(before, sample(server.child.pid));
  const answered = result.ok + result.non2xx;
  const run = { op: op.id, server: server.name, label, keepAlive, primary, ...result, cpuUsPerRequest: (cpu.serverCpuSeconds * 1e6) / answered, ...cpu };
  say(`  ${op.id.padEnd(24)} ${label.padEnd(9)} ${fixed(run.rps, 0).padStart(6)} req/s (2xx)  p50 ${fixed(run.p50, 2)} ms  p99 ${fixed(run.p99, 2)} ms  `
    + `non-2xx ${run.non2xx}  errors ${run.errors + run.timeouts}  server CPU ${fixed(run.cpuUsPerRequest, 0)} us/req  background ${fixed(run.backgroundCores, 2)} cores`);
  return run;
}

async function startAll() {
  const kanri = { name: 'kanri', port: await servers.freePort(), dataDir: servers.makeTempDir('kanri-bench-') };
  kanri.child = servers.startKanri(kanri.port, kanri.dataDir, KANRI_NODE_ARGS);
  const moto = { name: 'moto', port: await servers.freePort() };
  moto.child = servers.startMoto(moto.port);
  const floor = { name: 'node:http', port: await servers.freePort(), keepAlive: true };
  floor.child = servers.startFloor(floor.port);
  await servers.waitHealthy(kanri.child, kanri.port, '/_kanri/health', { intervalMs: 20 });
  await servers.waitHealthy(moto.child, moto.port, '/', { intervalMs: 50 });
  await servers.waitHealthy(floor.child, floor.port, '/', { intervalMs: 20 });
  return { kanri, moto, floor };
}

async function main() {
  servers.assertKanriBuilt();
  const loadBefore = os.loadavg();
  say(`kanri vs moto_server: node ${process.version}, ${os.cpus().length} CPUs, load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')}`);
  say(`${SECONDS} s per case after ${WARMUP_SECONDS} s warm-up, ${CONNECTIONS} connections, one server at a time${KANRI_NODE_ARGS.length ? `, kanri run with ${KANRI_NODE_ARGS.join(' ')}` : ''}`);

  say(`\nkanri cold start (spawn to first 200 from GET /_kanri/health, polled every 2 ms), ${COLD_STARTS} runs:`);
  const cold = await measureColdStarts(COLD_STARTS, say);

  const { kanri, moto, floor } = await startAll();
  say(`\nservers: kanri on :${kanri.port} (SQLite in ${kanri.dataDir}), moto_server on :${moto.port}, bare node:http on :${floor.port}`);
  say('\none request of each kind to each server:');
  const checks = { kanri: await check(kanri), moto: await check(moto) };
  const comparable = OPERATIONS.map((op) => op.id).filter((id) => checks.kanri[id].ok && checks.moto[id].ok);

  say('\nload:');
  const runs = [];
  for (const op of OPERATIONS) {
    for (const server of [kanri, moto]) runs.push(await measure(server, op));
  }
  // References, not part of the bars: kanri on the transport moto forces, and the node:http floor.
  runs.push(await measure(kanri, OPERATIONS[0], { keepAlive: false, label: 'kanri*', primary: false }));
  runs.push(await measure(floor, OPERATIONS[0], { label: 'node:http', primary: false }));
  const kanriAfterLoad = servers.memoryOf(kanri.child.pid);

  await Promise.all([kanri, moto, floor].map((s) => servers.stop(s.child)));
  const kanriDataMb = servers.dirBytes(kanri.dataDir) / 2 ** 20;
  servers.removeTempDir(kanri.dataDir);

  const { byOp, mix } = compare(runs, comparable);
  say('\nresults (req/s: 2xx answers only; p50/p99: all answers; srv CPU: the server process\'s CPU per answer, and in cores; bg cores: CPU used by other processes meanwhile)');
  say('  kanri* = kanri on a new connection per request, as moto forces on its clients; node:http = a bare Node server with a fixed answer (the floor)');
  say(table(RESULT_HEADER, resultRows(runs, byOp)));
  for (const op of OPERATIONS.filter((o) => !comparable.includes(o.id))) say(`not compared: ${op.id} (kanri ${checks.kanri[op.id].text}; moto ${checks.moto[op.id].text})`);
  say(`mix (equal count of ${mix.ops.join(', ') || 'nothing both servers answer'}): kanri ${fixed(mix.kanriRps, 0)} req/s, moto ${fixed(mix.motoRps, 0)} req/s, kanri/moto ${fixed(mix.ratio, 1)}x`);
  say(`kanri after load: RSS ${fixed(kanriAfterLoad.rssMb, 1)} MB (peak ${fixed(kanriAfterLoad.peakRssMb, 1)} MB), data dir ${fixed(kanriDataMb, 1)} MB`);
  say(`kanri cold start median ${fixed(cold.medianMs, 1)} ms (node -e 0 median ${fixed(cold.nodeBootMedianMs, 1)} ms; kanri over node, median ${fixed(cold.overNodeBootMedianMs, 1)} ms); idle RSS median ${fixed(cold.idleRssMedianMb, 1)} MB`);

  const verdicts = bars({ mix, coldStartMedianMs: cold.medianMs, idleRssMedianMb: cold.idleRssMedianMb });
  say('\nbars:');
  say(`  throughput ${verdicts.throughput.bar}: ${fixed(mix.ratio, 1)}x ${verdicts.throughput.verdict}${mix.ops.length < OPERATIONS.length ? ` (over ${mix.ops.length} of ${OPERATIONS.length} operations)` : ''}`);
  if (mix.ops.length) say(`    (for reference, not the bar: server CPU per request, moto/kanri, ${mix.ops.map((op) => `${op} ${fixed(byOp[op].cpuRatio, 1)}x`).join(', ')})`);
  say(`  cold start ${verdicts.coldStart.bar}: ${fixed(cold.medianMs, 1)} ms ${verdicts.coldStart.verdict}`);
  say(`  idle RSS ${verdicts.idleRss.bar}: ${fixed(cold.idleRssMedianMb, 1)} MB ${verdicts.idleRss.verdict}`);
  const loadAfter = os.loadavg();
  const busiest = Math.max(...runs.map((r) => r.backgroundCores));
  if (busiest > 0.25) say(`note: other processes used up to ${fixed(busiest, 2)} of ${os.cpus().length} cores during the runs (load average ${loadAfter[0].toFixed(2)}); req/s and cold start suffer, CPU per request much less`);

  const entry = (r) => ({
    op: r.op, server: r.label, keepAlive: r.keepAlive, primary: r.primary, rps: round(r.rps, 1), p50Ms: round(r.p50, 3), p99Ms: round(r.p99, 3), ok: r.ok,
    non2xx: r.non2xx, errors: r.errors + r.timeouts, statusCodes: r.statusCodes, serverCpuUsPerRequest: round(r.cpuUsPerRequest, 1), backgroundCores: round(r.backgroundCores),
  });
  say(`BENCH_JSON ${JSON.stringify({
    bench: 'kanri-vs-moto', node: process.version, cpus: os.cpus().length, loadAverage: { before: loadBefore.map((l) => round(l)), after: loadAfter.map((l) => round(l)) },
    seconds: SECONDS, warmupSeconds: WARMUP_SECONDS, connections: CONNECTIONS, kanriNodeArgs: KANRI_NODE_ARGS,
    coldStart: { medianMs: round(cold.medianMs, 1), runsMs: cold.runs.map((r) => round(r.ms, 1)), kanriReportedReadyMs: cold.runs.map((r) => r.reportedMs), nodeBootMedianMs: round(cold.nodeBootMedianMs, 1), overNodeBootMedianMs: round(cold.overNodeBootMedianMs, 1) },
    idleRss: { medianMb: round(cold.idleRssMedianMb, 1), runsMb: cold.runs.map((r) => round(r.rssMb, 1)) },
    kanriAfterLoad: { rssMb: round(kanriAfterLoad.rssMb, 1), peakRssMb: round(kanriAfterLoad.peakRssMb, 1), dataDirMb: round(kanriDataMb, 1) },
    checks: Object.fromEntries(OPERATIONS.map((op) => [op.id, { kanri: checks.kanri[op.id].text, moto: checks.moto[op.id].text }])),
    runs: runs.map(entry),
    ratios: Object.fromEntries(Object.entries(byOp).map(([op, c]) => [op, { throughput: round(c.throughputRatio), p50: round(c.p50Ratio), cpuPerRequest: round(c.cpuRatio) }])),
    mix: { ops: mix.ops, kanriRps: round(mix.kanriRps, 1), motoRps: round(mix.motoRps, 1), ratio: round(mix.ratio) },
    bars: Object.fromEntries(Object.entries(verdicts).map(([k, v]) => [k, { value: round(v.value), bar: v.bar, pass: v.verdict === 'PASS' }])),
  })}`);
}

runBench(main, 5, { exit: true });
