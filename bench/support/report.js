// Turns measurements into the printed table, the pass/fail bars and the BENCH_JSON summary.
'use strict';

const BARS = { throughputRatio: 20, coldStartMs: 300, idleRssMb: 100 };

const round = (x, digits = 2) => (Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : null);
const fixed = (x, digits) => (Number.isFinite(x) ? x.toFixed(digits) : '-');
const median = (xs) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Text columns (the first `textColumns`) are left-aligned, numbers right-aligned. */
function table(header, rows, textColumns = 3) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i < textColumns ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The runs that the bars compare: each server as its clients would use it (kanri keeps connections alive). */
const primary = (runs, op, server) => runs.find((r) => r.op === op && r.server === server && r.primary);

/** Per operation, where both servers answered 2xx: kanri/moto throughput, moto/kanri p50 and CPU per request. */
function compare(runs, comparable) {
  const byOp = {};
  for (const op of comparable) {
    const kanri = primary(runs, op, 'kanri');
    const moto = primary(runs, op, 'moto');
    if (!kanri?.ok || !moto?.ok) continue;
    byOp[op] = { kanri, moto, throughputRatio: kanri.rps / moto.rps, p50Ratio: moto.p50 / kanri.p50, cpuRatio: moto.cpuUsPerRequest / kanri.cpuUsPerRequest };
  }
  const ops = Object.keys(byOp);
  // An equal-count mix of the operations: one of each takes the sum of their times.
  const mixRps = (server) => ops.length / ops.reduce((t, op) => t + 1 / byOp[op][server].rps, 0);
  const mix = ops.length ? { ops, kanriRps: mixRps('kanri'), motoRps: mixRps('moto') } : { ops };
  if (ops.length) mix.ratio = mix.kanriRps / mix.motoRps;
  return { byOp, mix };
}

function resultRows(runs, byOp) {
  return runs.map((r) => {
    const cmp = r.primary && r.server === 'kanri' ? byOp[r.op] : undefined;
    const other = Object.entries(r.statusCodes).filter(([code]) => !code.startsWith('2')).map(([code, n]) => `${n}x${code}`).join(' ');
    return [
      r.op, r.label, r.keepAlive ? 'keep-alive' : 'new conn/request', fixed(r.rps, 0), fixed(r.p50, 2), fixed(r.p99, 2),
      r.non2xx ? `${r.non2xx} (${other})` : '0', r.errors + r.timeouts, fixed(r.cpuUsPerRequest, 0), fixed(r.serverCpuSeconds / r.seconds, 2), fixed(r.backgroundCores, 2),
      cmp ? `${fixed(cmp.throughputRatio, 1)}x` : '', cmp ? `${fixed(cmp.p50Ratio, 1)}x` : '', cmp ? `${fixed(cmp.cpuRatio, 1)}x` : '',
    ];
  });
}

const RESULT_HEADER = ['operation', 'server', 'transport', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors', 'srv CPU us/req', 'srv cores', 'bg cores',
  'kanri/moto req/s', 'moto/kanri p50', 'moto/kanri CPU/req'];

function bars({ mix, coldStartMedianMs, idleRssMedianMb }) {
  const verdict = (value, pass) => (Number.isFinite(value) ? (pass ? 'PASS' : 'FAIL') : 'FAIL (not measurable)');
  return {
    throughput: { value: mix.ratio, bar: `>= ${BARS.throughputRatio}x moto on the mix`, verdict: verdict(mix.ratio, mix.ratio >= BARS.throughputRatio) },
    coldStart: { value: coldStartMedianMs, bar: `< ${BARS.coldStartMs} ms`, verdict: verdict(coldStartMedianMs, coldStartMedianMs < BARS.coldStartMs) },
    idleRss: { value: idleRssMedianMb, bar: `< ${BARS.idleRssMb} MB`, verdict: verdict(idleRssMedianMb, idleRssMedianMb < BARS.idleRssMb) },
  };
}

module.exports = { BARS, RESULT_HEADER, bars, compare, fixed, median, resultRows, round, table };
