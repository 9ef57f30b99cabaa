#!/usr/bin/env node
// S3 PutObject and GetObject throughput, 4 KiB and 1 MiB objects: kanri against moto_server, one
// server at a time, on 127.0.0.1 only. Path-style requests carry a SigV4-looking Authorization
// (scope .../us-east-1/s3/aws4_request) and UNSIGNED-PAYLOAD; neither server checks signatures.
// moto_server closes every connection, so autocannon gives it a fresh one per request. A third row,
// node:http, is the floor server (support/s3-floor-server.js: MD5 the body, keep it in memory, send
// it back): no Node server can beat it here, so its ratio to moto is the most any bar could show.
// Each row also gives the server's CPU per request (from /proc), steadier than req/s on a shared box.
// Last line: BENCH_JSON {...}.
'use strict';
const { client } = require('./support/aws-client');
const { signedRequest } = require('./support/aws-requests');
const { cpuBetween, sample } = require('./support/cpu');
const { runLoad } = require('./support/load');
const { runBench } = require('./support/main');
const { assertKanriBuilt, freePort, makeTempDir, removeTempDir, startFloor, startKanri, startMoto, stop, waitHealthy } = require('./support/servers');

const SECONDS = Number(process.env.BENCH_SECONDS || 6);
const WARMUP_SECONDS = 2;
const CONNECTIONS = 16;
const BUCKET = 'bench-bucket';
const KEYS = 64; // PUTs rotate over these keys
const SIZES = [['4KiB', 4096], ['1MiB', 1024 * 1024]];
const SERVERS = ['kanri', 'moto', 'node:http'];
const BAR = 10;

function start(name, port, dataDir) {
  if (name === 'kanri') return { child: startKanri(port, dataDir), health: '/_kanri/health' };
  if (name === 'moto') return { child: startMoto(port), health: '/moto-api/' };
  return { child: startFloor(port, 's3-floor-server.js'), health: '/' };
}

/** A warm-up, then a timed run of PUTs (over KEYS keys) or GETs of one object, with the server's CPU per request. */
async function measure(port, pid, method, body, keepAlive) {
  let n = 0;
  const signed = signedRequest(port, { service: 's3', method, path: `/${BUCKET}/get-object` });
  const request = {
    ...signed,
    headers: { ...signed.headers, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', ...(body ? { 'content-type': 'application/octet-stream' } : {}) },
    setupRequest: (req) => ({ ...req, path: method === 'PUT' ? `/${BUCKET}/put-${n++ % KEYS}` : `/${BUCKET}/get-object` }),
  };
  if (body) request.body = body;
  const load = { port, request, connections: CONNECTIONS, keepAlive };
  await runLoad({ ...load, seconds: WARMUP_SECONDS });
  const before = sample(pid);
  const r = await runLoad({ ...load, seconds: SECONDS });
  const cpu = cpuBetween(before, sample(pid));
  return { ...r, cpuUsPerReq: (cpu.serverCpuSeconds * 1e6) / Math.max(1, r.ok + r.non2xx), bgCores: cpu.backgroundCores };
}

async function bench(name) {
  const port = await freePort();
  const dataDir = name === 'kanri' ? makeTempDir('kanri-bench-s3-') : undefined;
  const { child, health } = start(name, port, dataDir);
  const results = {};
  try {
    await waitHealthy(child, port, health, { intervalMs: 50 });
    const c = client(port, { keepAlive: false });
    await c.rest('s3', 'PUT', `/${BUCKET}`);
    for (const [label, size] of SIZES) {
      const body = Buffer.alloc(size, 0x61);
      await c.rest('s3', 'PUT', `/${BUCKET}/get-object`, body);
      const got = await c.rest('s3', 'GET', `/${BUCKET}/get-object`);
      if (got.length !== size) throw new Error(`${name}: GET returned ${got.length} bytes, expected ${size}`);
      results[`put-${label}`] = await measure(port, child.pid, 'PUT', body, name !== 'moto');
      results[`get-${label}`] = await measure(port, child.pid, 'GET', undefined, name !== 'moto');
    }
    return results;
  } finally {
    await stop(child);
    if (dataDir) removeTempDir(dataDir);
  }
}

async function main() {
  assertKanriBuilt();
  const all = {};
  for (const name of SERVERS) all[name] = await bench(name);
  const round = (x) => Math.round(x * 100) / 100;
  const entry = (r) => ({ rps: round(r.rps), p50_ms: round(r.p50), p99_ms: round(r.p99), non2xx: r.non2xx, errors: r.errors + r.timeouts, cpu_us_per_req: Math.round(r.cpuUsPerReq), bg_cores: round(r.bgCores) });
  const cases = {};
  let pass = true;
  for (const key of Object.keys(all.kanri)) {
    const [k, m, floor] = SERVERS.map((name) => all[name][key]);
    const ratio = m.rps > 0 ? k.rps / m.rps : Infinity;
    const floorRatio = m.rps > 0 ? floor.rps / m.rps : Infinity;
    const cpuRatio = m.cpuUsPerReq / k.cpuUsPerReq;
    pass &&= ratio >= BAR;
    for (const name of SERVERS) {
      const r = all[name][key];
      console.log(`${key.padEnd(9)} ${name.padEnd(9)} ${r.rps.toFixed(0).padStart(7)} req/s   p50 ${r.p50.toFixed(2)} ms   p99 ${r.p99.toFixed(2)} ms   `
        + `srv CPU ${Math.round(r.cpuUsPerReq)} us/req   bg cores ${r.bgCores.toFixed(2)}   non-2xx ${r.non2xx}   errors ${r.errors + r.timeouts}`);
    }
    console.log(`${key.padEnd(9)} kanri/moto: ${ratio.toFixed(1)}x req/s, ${cpuRatio.toFixed(1)}x less CPU per request; node:http floor/moto: ${floorRatio.toFixed(1)}x `
      + `(bar: >= ${BAR}x) ${ratio >= BAR ? 'PASS' : 'FAIL'}`);
    cases[key] = { kanri: entry(k), moto: entry(m), floor: entry(floor), ratio: round(ratio), cpu_ratio: round(cpuRatio), floor_ratio: round(floorRatio) };
  }
  console.log(`BENCH_JSON ${JSON.stringify({ bench: 's3-objects', seconds: SECONDS, connections: CONNECTIONS, cases, pass })}`);
}

runBench(main, 8);
