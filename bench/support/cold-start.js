// kanri's cold start: spawn to the first 200 from GET /_kanri/health, each time on a fresh data
// dir, next to Node's own boot (`node -e 0`, spawn to exit) as the floor; and idle RSS.
'use strict';
const { spawn } = require('node:child_process');
const { performance } = require('node:perf_hooks');
const { send } = require('./http');
const { OPERATIONS, signedRequest } = require('./aws-requests');
const { fixed, median } = require('./report');
const servers = require('./servers');

function nodeBootMs() {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' }).once('error', reject).once('exit', () => resolve(performance.now() - started));
  });
}

/** One start: ms to healthy, kanri's own "ready in" figure, and RSS after a few requests and 1 s of quiet. */
async function coldStart() {
  const port = await servers.freePort();
  const dataDir = servers.makeTempDir('kanri-bench-cold-');
  const started = performance.now();
  const child = servers.startKanri(port, dataDir);
  try {
    const ms = await servers.waitHealthy(child, port, '/_kanri/health', { since: started, intervalMs: 2 });
    const reportedMs = Number((child.output.match(/ready in (\d+) ms/) ?? [])[1]);
    for (let i = 0; i < 2; i++) await send(port, signedRequest(port, OPERATIONS[0]));
    await send(port, { path: '/_kanri/health' });
    await servers.sleep(1000);
    return { ms, reportedMs, rssMb: servers.memoryOf(child.pid).rssMb };
  } finally {
    await servers.stop(child);
    servers.removeTempDir(dataDir);
  }
}

async function measureColdStarts(count, say) {
  const runs = [];
  for (let i = 0; i < count; i++) {
    const nodeMs = await nodeBootMs();
    const run = { ...(await coldStart()), nodeMs };
    runs.push(run);
    say(`  run ${i + 1}: healthy after ${fixed(run.ms, 1)} ms (kanri says ready in ${run.reportedMs} ms; node -e 0 took ${fixed(nodeMs, 1)} ms), idle RSS ${fixed(run.rssMb, 1)} MB`);
  }
  return {
    runs,
    medianMs: median(runs.map((r) => r.ms)),
    nodeBootMedianMs: median(runs.map((r) => r.nodeMs)),
    overNodeBootMedianMs: median(runs.map((r) => r.ms - r.nodeMs)),
    idleRssMedianMb: median(runs.map((r) => r.rssMb)),
  };
}

module.exports = { measureColdStarts };
