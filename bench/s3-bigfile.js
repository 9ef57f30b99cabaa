#!/usr/bin/env node
// A 1 GiB round trip through kanri's S3 with the AWS CLI (`aws s3 cp` up, then down), on 127.0.0.1
// only. Compares sha256 of both files and samples kanri's resident memory from /proc/<pid>/status
// while it runs; the bar is a peak under 300 MB. Last line: BENCH_JSON {...}.
// BIGFILE_MIB=1024 by default; set it lower for a quick check.
'use strict';
const { spawn, execFile } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { freePort } = require('./support/servers');

const MIB = Number(process.env.BIGFILE_MIB || 1024);
const HOST = '127.0.0.1';
const ROOT = path.join(__dirname, '..');
const RSS_BAR_MB = 300;
const TIME_LIMIT_MS = 20 * 60_000;
let child;

process.on('exit', () => child && child.exitCode === null && child.kill('SIGKILL'));
setTimeout(() => { console.error('bench: time limit reached'); process.exit(2); }, TIME_LIMIT_MS).unref();


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

/** kanri's resident set size in MB, from /proc (VmRSS now, VmHWM the kernel's peak). */
function memory(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field) => Number((new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status) || [])[1] || 0);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
}

async function waitUntilUp(url) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`kanri exited early (${child.exitCode})`);
    try { if ((await fetch(`${url}/_kanri/health`)).ok) return; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('kanri did not start within 30 s');
}

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kanri-bigfile-'));
  const dataDir = path.join(work, 'data');
  try {
    const src = path.join(work, 'big.bin');
    const back = path.join(work, 'big.back');
    await makeFile(src);
    const port = await freePort();
    const url = `http://${HOST}:${port}`;
    child = spawn(process.execPath, [path.join(ROOT, 'bin', 'kanri.js'), 'start', '--port', String(port), '--data-dir', dataDir], { stdio: 'ignore' });
    await waitUntilUp(url);
    let maxRss = memory(child.pid).rss;
    const sampler = setInterval(() => { try { maxRss = Math.max(maxRss, memory(child.pid).rss); } catch { /* exited */ } }, 100);
    await aws(url, ['mb', 's3://bigfile']);
    const up = await aws(url, ['cp', src, 's3://bigfile/big.bin']);
    const down = await aws(url, ['cp', 's3://bigfile/big.bin', back]);
    clearInterval(sampler);
    const peak = Math.max(maxRss, memory(child.pid).hwm);
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
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => { child.once('exit', r); setTimeout(r, 5000).unref(); });
    }
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(`bench failed: ${err.message}`);
  process.exit(1);
});
