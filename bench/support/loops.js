// Closed-loop load: `concurrency` loops each run `step` back to back for `seconds`. For scenarios
// whose requests depend on earlier answers (receive, then delete what was received), which a
// replayed fixed request (autocannon) cannot express. Latency is per step.
'use strict';
const { cpuBetween, sample } = require('./cpu');

function percentile(sorted, q) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN;
}

/** Resolves { steps, ops, seconds, stepsPerSecond, opsPerSecond, p50, p99, errors, firstError }. */
async function runLoops({ seconds, concurrency, step }) {
  const latencies = [];
  let ops = 0;
  let errors = 0;
  let firstError;
  const started = process.hrtime.bigint();
  const end = Date.now() + seconds * 1000;
  const loop = async (n) => {
    while (Date.now() < end) {
      const t0 = process.hrtime.bigint();
      try {
        const done = await step(n); // not `ops += await ...`: that reads ops before the await and loses other loops' counts
        ops += done;
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      } catch (err) {
        errors += 1;
        firstError ??= err.message;
        if (errors > 1000) throw new Error(`too many errors, first: ${firstError}`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, n) => loop(n)));
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  return {
    steps: latencies.length, ops, seconds: elapsed, stepsPerSecond: latencies.length / elapsed, opsPerSecond: ops / elapsed,
    p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), errors, firstError,
  };
}

/**
 * Runs `once(concurrency)` at each concurrency and keeps the better rate, plus the 1-loop run
 * (latency comparisons stay like with like). moto's threaded server slows as concurrency grows.
 */
async function best(concurrencies, once) {
  let top;
  let single;
  for (const concurrency of concurrencies) {
    const r = { ...(await once(concurrency)), concurrency };
    if (concurrency === 1) single = r;
    if (!top || r.opsPerSecond > top.opsPerSecond) top = r;
  }
  return { ...top, single };
}

/** A warm-up, then a timed run of `step` at each concurrency, with the server's CPU per call; the better run. */
function measureBest({ pid, step, concurrencies, seconds, warmupSeconds = 1 }) {
  return best(concurrencies, async (concurrency) => {
    await runLoops({ seconds: warmupSeconds, concurrency, step });
    const before = sample(pid);
    const result = await runLoops({ seconds, concurrency, step });
    const cpu = cpuBetween(before, sample(pid));
    return { ...result, cpuUsPerOp: (cpu.serverCpuSeconds * 1e6) / Math.max(1, result.ops), bgCores: cpu.backgroundCores };
  });
}

module.exports = { best, measureBest, runLoops };
