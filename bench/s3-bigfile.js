#!/usr/bin/env node
// A 1 GiB round trip through kanri's S3 with the AWS CLI (`aws s3 cp` up, then down), on 127.0.0.1
// only. Compares sha256 of both files and samples kanri's resident memory from /proc/<pid>/status
// while it runs; the bar is a peak under 300 MB. Last line: BENCH_JSON {...}.
// BIGFILE_MIB=1024 by default; set it lower for a quick check.
'use strict';
const { execFile } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { HOST } = require('./support/http');
const { runBench } = require('./support/main');
const { assertKanriBuilt, freePort, makeTempDir, memoryOf, removeTempDir, startKanri, stop, waitHealthy } = require('./support/servers');

const MIB = Number(process.env.BIGFILE_MIB || 1024);
const RSS_BAR_MB = 300;

/** Writes MIB MiB of random bytes, a MiB at a time. */
async function makeFile(file) {
  const out = fs.createWriteStream(file);
  for (let i = 0; i < MIB; i++) {
    if (!out.write(crypto.randomBytes(1024 * 1024))) await new Promise((r) => out.once('drain', r));
  }
  await new Promise((resolve, reject) => out.end((err) => (err ? reject(err) : resolve())));
}

function sha256(file) {
  return new Promise((resolve, reject) => {
    const h = crypto.createHash('sha256');
    fs.createReadStream(file, { highWaterMark: 4 * 1024 * 1024 }).on('data', (c) => h.update(c)).on('end', () => resolve(h.digest('hex'))).on('error', reject);
  });
}

function aws(url, args) {
  const env = { ...process.env, AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'bench', AWS_DEFAULT_REGION: 'us-east-1', AWS_MAX_ATTEMPTS: '1' };
  const started = Date.now();
  return new Promise((resolve, reject) => {
    execFile('aws', ['--endpoint-url', url, 's3', ...args, ...(args[0] === 'cp' ? ['--only-show-errors'] : [])], { env, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`aws s3 ${args.join(' ')}: ${stderr || err.message}`));
      else resolve((Date.now() - started) / 1000);
    });
  });
}

async function main() {
  assertKanriBuilt();
  const work = makeTempDir('kanri-bigfile-');
  let child;
  try {
    const src = path.join(work, 'big.bin');
    const back = path.join(work, 'big.back');
    await makeFile(src);
    const port = await freePort();
    const url = `http://${HOST}:${port}`;
    child = startKanri(port, path.join(work, 'data'));
    await waitHealthy(child, port, '/_kanri/health', { intervalMs: 50 });
    let maxRss = memoryOf(child.pid).rssMb;
    const sampler = setInterval(() => { maxRss = Math.max(maxRss, memoryOf(child.pid).rssMb || 0); }, 100);
    await aws(url, ['mb', 's3://bigfile']);
    const up = await aws(url, ['cp', src, 's3://bigfile/big.bin']);
    const down = await aws(url, ['cp', 's3://bigfile/big.bin', back]);
    clearInterval(sampler);
    const peak = Math.max(maxRss, memoryOf(child.pid).peakRssMb);
    const [a, b] = [await sha256(src), await sha256(back)];
    const identical = a === b;
    const round = (x) => Math.round(x * 10) / 10;
    console.log(`${MIB} MiB up   ${up.toFixed(1)} s (${(MIB / up).toFixed(0)} MiB/s)`);
    console.log(`${MIB} MiB down ${down.toFixed(1)} s (${(MIB / down).toFixed(0)} MiB/s)`);
    console.log(`sha256 ${identical ? 'identical' : `DIFFERENT ${a} != ${b}`}`);
    console.log(`kanri peak RSS ${peak.toFixed(0)} MB (sampled max ${maxRss.toFixed(0)} MB; bar < ${RSS_BAR_MB} MB) ${peak < RSS_BAR_MB ? 'PASS' : 'FAIL'}`);
    const pass = identical && peak < RSS_BAR_MB;
    console.log(`BENCH_JSON ${JSON.stringify({ bench: 's3-bigfile', mib: MIB, up_s: round(up), down_s: round(down), identical, peak_rss_mb: round(peak), sampled_rss_mb: round(maxRss), pass })}`);
    if (!pass) process.exitCode = 1;
  } finally {
    if (child) await stop(child);
    removeTempDir(work);
  }
}

runBench(main, 20);
