#!/usr/bin/env node
// KMS Encrypt throughput: kanri against moto_server, one at a time, on 127.0.0.1 only.
// Each server gets a key, a warm-up, then a timed autocannon run of one SigV4-signed Encrypt over
// 32 connections (kanri keeps them alive; moto closes each, so it gets a fresh one per request).
// Each row gives the server's CPU per request (from /proc), steadier than req/s on a shared box.
// Bar: kanri >= 10x moto. Last line: BENCH_JSON {...}.
'use strict';
const { client } = require('./support/aws-client');
const { signedRequest } = require('./support/aws-requests');
const { cpuBetween, sample } = require('./support/cpu');
const { runLoad } = require('./support/load');
const { runBench } = require('./support/main');
const { eachServer } = require('./support/servers');

const SECONDS = Number(process.env.BENCH_SECONDS || 8);
const WARMUP_SECONDS = 2;
const CONNECTIONS = 32;
const BAR = 10;
const JSON_11 = 'application/x-amz-json-1.1';

async function bench(name, child, port) {
  const c = client(port, { keepAlive: false });
  const key = await c.json('kms', 'TrentService.CreateKey', { Description: 'bench' }, '1.1');
  const payload = { KeyId: key.KeyMetadata.KeyId, Plaintext: Buffer.from('benchmark plaintext, 32 bytes ok').toString('base64') };
  await c.json('kms', 'TrentService.Encrypt', payload, '1.1'); // the key works before anything is timed
  const request = signedRequest(port, { service: 'kms', target: 'TrentService.Encrypt', contentType: JSON_11, body: JSON.stringify(payload) });
  const load = { port, request, connections: CONNECTIONS, keepAlive: name === 'kanri' };
  await runLoad({ ...load, seconds: WARMUP_SECONDS });
  const before = sample(child.pid);
  const r = await runLoad({ ...load, seconds: SECONDS });
  const cpu = cpuBetween(before, sample(child.pid));
  return { ...r, cpuUsPerReq: (cpu.serverCpuSeconds * 1e6) / Math.max(1, r.ok + r.non2xx), bgCores: cpu.backgroundCores };
}

async function main() {
  const results = await eachServer(bench);
  for (const [name, r] of Object.entries(results)) {
    console.log(`${name.padEnd(6)} ${r.rps.toFixed(0).padStart(7)} req/s   p50 ${r.p50.toFixed(2)} ms   p99 ${r.p99.toFixed(2)} ms   `
      + `srv CPU ${Math.round(r.cpuUsPerReq)} us/req   bg cores ${r.bgCores.toFixed(2)}   non-2xx ${r.non2xx}   errors ${r.errors + r.timeouts}`);
  }
  const { kanri, moto } = results;
  const ratio = moto.rps > 0 ? kanri.rps / moto.rps : Infinity;
  console.log(`kanri/moto: ${ratio.toFixed(1)}x req/s, ${(moto.cpuUsPerReq / kanri.cpuUsPerReq).toFixed(1)}x less CPU per request (bar: >= ${BAR}x) ${ratio >= BAR ? 'PASS' : 'FAIL'}`);
  const round = (x) => Math.round(x * 100) / 100;
  const entry = (r) => ({ rps: round(r.rps), p50_ms: round(r.p50), p99_ms: round(r.p99), non2xx: r.non2xx, errors: r.errors + r.timeouts, cpu_us_per_req: Math.round(r.cpuUsPerReq) });
  console.log(`BENCH_JSON ${JSON.stringify({ bench: 'kms-encrypt', seconds: SECONDS, connections: CONNECTIONS, kanri: entry(kanri), moto: entry(moto), ratio: round(ratio), pass: ratio >= BAR })}`);
}

runBench(main, 5);
