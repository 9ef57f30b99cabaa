#!/usr/bin/env node
// KMS Encrypt throughput: kanri against moto_server, one at a time, on 127.0.0.1 only.
// Each server gets a key, a warm-up, then a timed run; the last line is `BENCH_JSON {...}`.
// moto_server closes every connection (Connection: close), so it is driven by a plain
// keep-alive-free node http loop if autocannon does badly against it; the output says which.
'use strict';
const { spawn } = require('node:child_process');
const http = require('node:http');
const os = require('node:os');
const fs = require('node:fs');
const path = require('node:path');
const autocannon = require('autocannon');
const { freePort } = require('./support/servers');

const SECONDS = Number(process.env.BENCH_SECONDS || 8);
const WARMUP_SECONDS = 2;
const CONNECTIONS = 32;
const HOST = '127.0.0.1';
const ROOT = path.join(__dirname, '..');
const TIME_LIMIT_MS = 5 * 60_000;
const children = new Set();

// Bounded in time: whatever happens, the servers we started go away and so do we.
process.on('exit', () => children.forEach((c) => c.exitCode === null && c.kill('SIGKILL')));
setTimeout(() => { console.error('bench: time limit reached'); process.exit(2); }, TIME_LIMIT_MS).unref();


/** Neither server checks signatures; the credential scope tells kanri the service and region. */
function headers(target) {
  const date = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  return {
    'content-type': 'application/x-amz-json-1.1',
    'x-amz-target': `TrentService.${target}`,
    'x-amz-date': date,
    authorization: `AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/${date.slice(0, 8)}/us-east-1/kms/aws4_request, `
      + `SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=${'0'.repeat(64)}`,
  };
}

function call(port, target, payload) {
  const body = JSON.stringify(payload);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: HOST, port, method: 'POST', path: '/', headers: { ...headers(target), 'content-length': Buffer.byteLength(body) }, agent: false }, (res) => {
      let data = '';
      res.on('data', (d) => (data += d));
      res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(data)) : reject(new Error(`${target}: ${res.statusCode} ${data}`))));
    });
    req.setTimeout(10_000, () => req.destroy(new Error(`${target}: no answer within 10 s`)));
    req.on('error', reject);
    req.end(body);
  });
}

async function waitUntilUp(port, child, name) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited early (${child.exitCode})`);
    try { await call(port, 'ListKeys', {}); return; } catch { await new Promise((r) => setTimeout(r, 200)); }
  }
  throw new Error(`${name} did not start within 30 s`);
}

async function startServer(name, port) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kanri-bench-'));
  const child = name === 'kanri'
    ? spawn(process.execPath, [path.join(ROOT, 'bin', 'kanri.js'), 'start', '--port', String(port), '--data-dir', dataDir], { stdio: 'ignore' })
    : spawn('moto_server', ['-H', HOST, '-p', String(port)], { stdio: 'ignore' });
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
  return { stop };
}

function runAutocannon(port, body, seconds) {
  const url = `http://${HOST}:${port}/`;
  // autocannon sets Content-Length itself; a second one makes the request unparseable.
  return autocannon({ url, method: 'POST', connections: CONNECTIONS, duration: seconds, headers: headers('Encrypt'), body });
}

/** A fixed number of concurrent request loops, one fresh connection per request. */
async function runLoop(port, body, seconds) {
  const latencies = [];
  let errors = 0;
  const end = Date.now() + seconds * 1000;
  const loop = async () => {
    while (Date.now() < end) {
      const t0 = process.hrtime.bigint();
      try { await call(port, 'Encrypt', JSON.parse(body)); latencies.push(Number(process.hrtime.bigint() - t0) / 1e6); } catch { errors++; }
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

async function bench(name) {
  const port = await freePort();
  const server = await startServer(name, port);
  try {
    const key = await call(port, 'CreateKey', { Description: 'bench' });
    const body = JSON.stringify({ KeyId: key.KeyMetadata.KeyId, Plaintext: Buffer.from('benchmark plaintext, 32 bytes ok').toString('base64') });
    await call(port, 'Encrypt', JSON.parse(body)); // the key works before we time anything
    await runAutocannon(port, body, WARMUP_SECONDS);
    let driver = 'autocannon';
    let stats = summarize(await runAutocannon(port, body, SECONDS));
    // A server that closes each connection can starve autocannon; measure it with the plain loop instead.
    if (stats.errors > stats.rps * SECONDS * 0.01 || stats.rps < 50) {
      driver = `node http loop, no keep-alive (autocannon got ${stats.rps.toFixed(0)} req/s with ${stats.errors} errors)`;
      stats = await runLoop(port, body, SECONDS);
    }
    return { name, driver, ...stats };
  } finally {
    await server.stop();
  }
}

async function main() {
  const results = [];
  for (const name of ['kanri', 'moto']) {
    const r = await bench(name);
    results.push(r);
    console.log(`${name.padEnd(6)} ${r.rps.toFixed(0).padStart(7)} req/s   p50 ${r.p50.toFixed(2)} ms   p99 ${r.p99.toFixed(2)} ms   errors ${r.errors}   (${r.driver})`);
  }
  const [kanri, moto] = results;
  const ratio = moto.rps > 0 ? kanri.rps / moto.rps : Infinity;
  console.log(`kanri/moto: ${ratio.toFixed(1)}x (bar: >= 10x) ${ratio >= 10 ? 'PASS' : 'FAIL'}`);
  const round = (x) => Math.round(x * 100) / 100;
  const entry = (r) => ({ rps: round(r.rps), p50_ms: round(r.p50), p99_ms: round(r.p99), errors: r.errors, driver: r.driver });
  console.log(`BENCH_JSON ${JSON.stringify({ bench: 'kms-encrypt', seconds: SECONDS, connections: CONNECTIONS, kanri: entry(kanri), moto: entry(moto), ratio: round(ratio), pass: ratio >= 10 })}`);
}

main().catch((err) => {
  console.error(`bench failed: ${err.message}`);
  process.exit(1);
});
