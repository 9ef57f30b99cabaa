#!/usr/bin/env node
// S3 PutObject and GetObject throughput, 4 KiB and 1 MiB objects: kanri against moto_server, one
// server at a time, on 127.0.0.1 only. Path-style requests carry a SigV4-looking Authorization
// (scope .../us-east-1/s3/aws4_request) and UNSIGNED-PAYLOAD; neither server checks signatures.
// moto_server closes connections, so if autocannon does badly against it a plain node http loop
// (one fresh connection per request) measures it instead; the output says which. A third row,
// node:http, is the floor server (support/s3-floor-server.js: MD5 the body, keep it in memory, send
// it back): no Node server can beat it here, so its ratio to moto is the most any bar could show.
// Each row also gives the server's CPU per request (from /proc), steadier than req/s on a shared box.
// Last line: BENCH_JSON {...}.
'use strict';
const { spawn } = require('node:child_process');
const http = require('node:http');
const os = require('node:os');
const fs = require('node:fs');
const path = require('node:path');
const autocannon = require('autocannon');
const { freePort } = require('./support/servers');
const { cpuBetween, sample } = require('./support/cpu');

const SECONDS = Number(process.env.BENCH_SECONDS || 6);
const WARMUP_SECONDS = 2;
const CONNECTIONS = 16;
const HOST = '127.0.0.1';
const BUCKET = 'bench-bucket';
const KEYS = 64; // PUTs rotate over these keys
const ROOT = path.join(__dirname, '..');
const TIME_LIMIT_MS = 8 * 60_000;
const SIZES = [['4KiB', 4096], ['1MiB', 1024 * 1024]];
const children = new Set();

process.on('exit', () => children.forEach((c) => c.exitCode === null && c.kill('SIGKILL')));
setTimeout(() => { console.error('bench: time limit reached'); process.exit(2); }, TIME_LIMIT_MS).unref();


function headers(extra = {}) {
  const date = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  return {
    'x-amz-date': date,
    'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
    authorization: `AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/${date.slice(0, 8)}/us-east-1/s3/aws4_request, `
      + `SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=${'0'.repeat(64)}`,
    ...extra,
  };
}

/** One request on a fresh connection; resolves with the status and body length. */
function call(port, method, urlPath, body) {
  return new Promise((resolve, reject) => {
    const h = headers(body ? { 'content-length': body.length, 'content-type': 'application/octet-stream' } : {});
    const req = http.request({ host: HOST, port, method, path: urlPath, headers: h, agent: false }, (res) => {
      let size = 0;
      res.on('data', (d) => (size += d.length));
      res.on('end', () => (res.statusCode < 300 ? resolve({ status: res.statusCode, size }) : reject(new Error(`${method} ${urlPath}: ${res.statusCode}`))));
    });
    req.setTimeout(15_000, () => req.destroy(new Error(`${method} ${urlPath}: no answer within 15 s`)));
    req.on('error', reject);
    req.end(body);
  });
}

async function waitUntilUp(port, child, name) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited early (${child.exitCode})`);
    try { await call(port, 'GET', '/'); return; } catch { await new Promise((r) => setTimeout(r, 200)); }
  }
  throw new Error(`${name} did not start within 30 s`);
}

async function startServer(name, port) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kanri-bench-s3-'));
  const commands = {
    kanri: [process.execPath, [path.join(ROOT, 'bin', 'kanri.js'), 'start', '--port', String(port), '--data-dir', dataDir]],
    moto: ['moto_server', ['-H', HOST, '-p', String(port)]],
    'node:http': [process.execPath, [path.join(__dirname, 'support', 's3-floor-server.js'), String(port)]],
  };
  const child = spawn(...commands[name], { stdio: 'ignore' });
  children.add(child);
  child.once('exit', () => children.delete(child));
  const stop = () => new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', resolve);
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  }).then(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  try {
    await waitUntilUp(port, child, name);
  } catch (err) {
    await stop();
    throw err;
  }
  return { stop, pid: child.pid };
}

function runAutocannon(port, method, body, seconds) {
  let n = 0;
  const request = { method, headers: headers(body ? { 'content-type': 'application/octet-stream' } : {}),
    setupRequest: (req) => ({ ...req, path: method === 'PUT' ? `/${BUCKET}/put-${n++ % KEYS}` : `/${BUCKET}/get-object` }) };
  if (body) request.body = body;
  return autocannon({ url: `http://${HOST}:${port}`, connections: CONNECTIONS, duration: seconds, requests: [request] });
}

/** A fixed number of concurrent request loops, one fresh connection per request. */
async function runLoop(port, method, body, seconds) {
  const latencies = [];
  let errors = 0;
  let n = 0;
  const end = Date.now() + seconds * 1000;
  const loop = async () => {
    while (Date.now() < end) {
      const t0 = process.hrtime.bigint();
      const key = method === 'PUT' ? `put-${n++ % KEYS}` : 'get-object';
      try { await call(port, method, `/${BUCKET}/${key}`, body); latencies.push(Number(process.hrtime.bigint() - t0) / 1e6); } catch { errors++; }
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, loop));
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] || 0;
  return { rps: latencies.length / ((Date.now() - started) / 1000), p50: at(0.5), p99: at(0.99), errors };
}

function summarize(result) {
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx + result.timeouts };
}

async function measure(port, pid, method, body) {
  await runAutocannon(port, method, body, WARMUP_SECONDS);
  let driver = 'autocannon';
  let before = sample(pid);
  let stats = summarize(await runAutocannon(port, method, body, SECONDS));
  if (stats.errors > stats.rps * SECONDS * 0.01 || stats.rps < 50) {
    driver = `node http loop, no keep-alive (autocannon got ${stats.rps.toFixed(0)} req/s with ${stats.errors} errors)`;
    before = sample(pid);
    stats = await runLoop(port, method, body, SECONDS);
  }
  const cpu = cpuBetween(before, sample(pid));
  const cpuUsPerReq = (cpu.serverCpuSeconds * 1e6) / Math.max(1, stats.rps * cpu.seconds);
  return { driver, ...stats, cpuUsPerReq, bgCores: cpu.backgroundCores };
}

async function bench(name) {
  const port = await freePort();
  const server = await startServer(name, port);
  const results = {};
  try {
    await call(port, 'PUT', `/${BUCKET}`);
    for (const [label, size] of SIZES) {
      const body = Buffer.alloc(size, 0x61);
      await call(port, 'PUT', `/${BUCKET}/get-object`, body);
      const got = await call(port, 'GET', `/${BUCKET}/get-object`);
      if (got.size !== size) throw new Error(`${name}: GET returned ${got.size} bytes, expected ${size}`);
      results[`put-${label}`] = await measure(port, server.pid, 'PUT', body);
      results[`get-${label}`] = await measure(port, server.pid, 'GET', undefined);
    }
    return results;
  } finally {
    await server.stop();
  }
}

const SERVERS = ['kanri', 'moto', 'node:http'];

async function main() {
  const all = {};
  for (const name of SERVERS) all[name] = await bench(name);
  const round = (x) => Math.round(x * 100) / 100;
  const entry = (r) => ({ rps: round(r.rps), p50_ms: round(r.p50), p99_ms: round(r.p99), errors: r.errors, cpu_us_per_req: Math.round(r.cpuUsPerReq), bg_cores: round(r.bgCores), driver: r.driver });
  const cases = {};
  let pass = true;
  for (const key of Object.keys(all.kanri)) {
    const [k, m, floor] = SERVERS.map((name) => all[name][key]);
    const ratio = m.rps > 0 ? k.rps / m.rps : Infinity;
    const floorRatio = m.rps > 0 ? floor.rps / m.rps : Infinity;
    const cpuRatio = m.cpuUsPerReq / k.cpuUsPerReq;
    pass &&= ratio >= 10;
    for (const name of SERVERS) {
      const r = all[name][key];
      console.log(`${key.padEnd(9)} ${name.padEnd(9)} ${r.rps.toFixed(0).padStart(7)} req/s   p50 ${r.p50.toFixed(2)} ms   p99 ${r.p99.toFixed(2)} ms   `
        + `srv CPU ${Math.round(r.cpuUsPerReq)} us/req   bg cores ${r.bgCores.toFixed(2)}   errors ${r.errors}   (${r.driver})`);
    }
    console.log(`${key.padEnd(9)} kanri/moto: ${ratio.toFixed(1)}x req/s, ${cpuRatio.toFixed(1)}x less CPU per request; node:http floor/moto: ${floorRatio.toFixed(1)}x `
      + `(bar: >= 10x) ${ratio >= 10 ? 'PASS' : 'FAIL'}`);
    cases[key] = { kanri: entry(k), moto: entry(m), floor: entry(floor), ratio: round(ratio), cpu_ratio: round(cpuRatio), floor_ratio: round(floorRatio) };
  }
  console.log(`BENCH_JSON ${JSON.stringify({ bench: 's3-objects', seconds: SECONDS, connections: CONNECTIONS, cases, pass })}`);
}

main().catch((err) => {
  console.error(`bench failed: ${err.message}`);
  process.exit(1);
});
