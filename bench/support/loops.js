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

/**
 * Prints kanri's and moto's rows for every case both measured, and kanri/moto; `barOf(key)` gives a
 * case's bar (undefined: no bar). Returns the cases for BENCH_JSON and whether every bar passed.
 */
function compareWithMoto(all, barOf) {
  const round = (x) => Math.round(x * 100) / 100;
  const width = Math.max(...Object.keys(all.kanri).map((k) => k.length)) + 1;
  const cases = {};
  let pass = true;
  for (const key of Object.keys(all.kanri).filter((k) => all.moto[k])) {
    const [k, m] = [all.kanri[key], all.moto[key]];
    const ratio = k.opsPerSecond / m.opsPerSecond;
    const bar = barOf(key);
    if (bar !== undefined) pass &&= ratio >= bar;
    for (const [name, r] of [['kanri', k], ['moto', m]]) {
      console.log(`${key.padEnd(width)} ${name.padEnd(6)} ${r.opsPerSecond.toFixed(0).padStart(7)} calls/s   step p50 ${r.p50.toFixed(2)} ms   p99 ${r.p99.toFixed(2)} ms   `
        + `${String(r.concurrency).padStart(2)} loops   srv CPU ${Math.round(r.cpuUsPerOp)} us/call   bg cores ${(r.bgCores ?? 0).toFixed(2)}   errors ${r.errors}${r.firstError ? ` (${r.firstError})` : ''}`);
    }
    const verdict = bar === undefined ? '' : ` (bar: >= ${bar}x) ${ratio >= bar ? 'PASS' : 'FAIL'}`;
    console.log(`${key.padEnd(width)} kanri/moto: ${ratio.toFixed(1)}x, ${(m.cpuUsPerOp / k.cpuUsPerOp).toFixed(1)}x less CPU per call${verdict}`);
    const entry = (r) => ({ per_second: round(r.opsPerSecond), loops: r.concurrency, p50_ms: round(r.p50), p99_ms: round(r.p99), cpu_us: Math.round(r.cpuUsPerOp), errors: r.errors });
    cases[key] = { kanri: entry(k), moto: entry(m), ratio: round(ratio) };
  }
  return { cases, pass };
}

module.exports = { best, compareWithMoto, measureBest, runLoops };
