// Starting and stopping the servers under test, on free ports of 127.0.0.1, with their temp
// dirs; whatever happens, every child and temp dir we made is gone when the process exits.
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { HOST, send } = require('./http');

const ROOT = path.join(__dirname, '..', '..');
const children = new Set();
const tempDirs = new Set();

function cleanUpNow() {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
}
process.on('exit', cleanUpNow);

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, HOST, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function makeTempDir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

function removeTempDir(dir) {
  fs.rmSync(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}

function dirBytes(dir) {
  let total = 0;
  for (const name of fs.readdirSync(dir)) total += fs.statSync(path.join(dir, name)).size;
  return total;
}

/** Spawns and keeps the last few KB of output, to explain a server that fails to start. */
function launch(name, command, args) {
  const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  child.label = name;
  child.output = '';
  const keep = (chunk) => { child.output = (child.output + chunk).slice(-4096); };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.once('error', (err) => { child.spawnError = err; }); // e.g. moto_server not on PATH
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** kanri runs from its build; without one there is nothing to measure. */
function assertKanriBuilt() {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('kanri is not built: run `npx tsc -p tsconfig.build.json` first');
}

function startKanri(port, dataDir, nodeArgs = []) {
  return launch('kanri', process.execPath, [...nodeArgs, path.join(ROOT, 'bin', 'kanri.js'), 'start', '--host', HOST, '--port', String(port), '--data-dir', dataDir]);
}

function startMoto(port) {
  return launch('moto', 'moto_server', ['-H', HOST, '-p', String(port)]);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls GET path every intervalMs until it answers 200; resolves the ms since `since` (a performance.now()). */
async function waitHealthy(child, port, urlPath, { since = performance.now(), intervalMs = 2, timeoutMs = 30_000 } = {}) {
  const deadline = since + timeoutMs;
  while (performance.now() < deadline) {
    if (child.spawnError) throw new Error(`${child.label} could not start: ${child.spawnError.message}`);
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${child.label} exited before it was healthy (${child.exitCode ?? child.signalCode}):\n${child.output.trim()}`);
    }
    try {
      const res = await send(port, { path: urlPath }, 1000);
      if (res.status === 200) return performance.now() - since;
    } catch {
      // not listening yet
    }
    await sleep(intervalMs);
  }
  throw new Error(`${child.label} was not healthy within ${timeoutMs} ms:\n${child.output.trim()}`);
}

/** SIGTERM (kanri then shuts down cleanly, which --cpu-prof needs), SIGKILL if it lingers. */
function stop(child, graceMs = 10_000) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => { clearTimeout(timer); resolve(); });
    child.kill('SIGTERM');
  });
}

/** Resident set size and its peak, in MB, from /proc (Linux). */
function memoryOf(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field) => Number((status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm')) ?? [])[1]);
    return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
  } catch {
    return { rssMb: NaN, peakRssMb: NaN };
  }
}

/**
 * Runs fn(child, port) against kanri (on a fresh temp data dir) or moto_server, started on a free
 * port and healthy first; stops it and removes the dir however fn ends.
 */
async function withServer(name, fn) {
  const port = await freePort();
  const dataDir = name === 'kanri' ? makeTempDir('kanri-bench-') : undefined;
  const child = name === 'kanri' ? startKanri(port, dataDir) : startMoto(port);
  try {
    await waitHealthy(child, port, name === 'kanri' ? '/_kanri/health' : '/moto-api/', { intervalMs: 50 });
    return await fn(child, port);
  } finally {
    await stop(child);
    if (dataDir) removeTempDir(dataDir);
  }
}

/** Runs fn(name, child, port) on kanri, then on moto, one at a time: { kanri, moto } of what it returns. */
async function eachServer(fn) {
  assertKanriBuilt();
  const all = {};
  for (const name of ['kanri', 'moto']) all[name] = await withServer(name, (child, port) => fn(name, child, port));
  return all;
}

/** A bare node:http server (floor-server.js: a fixed answer; s3-floor-server.js: S3's least): the most any Node server can do here. */
function startFloor(port, script = 'floor-server.js') {
  return launch('node:http', process.execPath, [path.join(__dirname, script), String(port)]);
}

module.exports = { assertKanriBuilt, cleanUpNow, dirBytes, eachServer, freePort, makeTempDir, memoryOf, removeTempDir, sleep, startFloor, startKanri, startMoto, stop, waitHealthy };
