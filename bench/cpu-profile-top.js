#!/usr/bin/env node
// Top self-time functions of a V8 .cpuprofile (from `node --cpu-prof`), and the split between
// kanri's own code, its dependencies, Node's internals, GC and idle.
// With --inclusive, also kanri's own functions by total time (self plus what they call).
// Usage: node bench/cpu-profile-top.js <file.cpuprofile> [count=25] [--inclusive]
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');

function whereOf(url) {
  if (!url) return 'v8';
  if (url.startsWith('node:')) return 'node';
  const file = url.replace(/^file:\/\//, '');
  if (file.includes('/node_modules/')) return 'deps';
  if (file.startsWith(ROOT)) return 'kanri';
  return 'other';
}

function summarize(profile, count) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const functions = new Map();
  const areas = {};
  let total = 0;
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    const file = url.replace(/^file:\/\//, '').replace(`${ROOT}/`, '');
    const key = `${functionName || '(anonymous)'}  ${file ? `${file}:${lineNumber + 1}` : ''}`.trim();
    functions.set(key, (functions.get(key) ?? 0) + us);
    const area = ['(idle)', '(garbage collector)', '(program)'].includes(functionName) ? functionName : whereOf(url);
    areas[area] = (areas[area] ?? 0) + us;
    total += us;
  }
  const busy = total - (areas['(idle)'] ?? 0);
  const pct = (us, of) => `${((100 * us) / of).toFixed(1)}%`.padStart(6);
  console.log(`profile: ${(total / 1e6).toFixed(2)} s sampled, ${(busy / 1e6).toFixed(2)} s busy`);
  for (const [area, us] of Object.entries(areas).sort((a, b) => b[1] - a[1])) console.log(`  ${pct(us, total)} of all  ${area}`);
  console.log(`top ${count} functions by self time (% of busy time):`);
  const top = [...functions].filter(([k]) => !k.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, count);
  for (const [key, us] of top) console.log(`  ${pct(us, busy)}  ${(us / 1000).toFixed(0).padStart(6)} ms  ${key}`);
}

/** Total time per kanri function: its own samples and its callees', counted once under recursion. */
function inclusive(profile, count) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const keyOf = (n) => `${n.callFrame.functionName || '(anonymous)'}  ${n.callFrame.url.replace(/^file:\/\//, '').replace(`${ROOT}/`, '')}:${n.callFrame.lineNumber + 1}`;
  const totals = new Map();
  let busy = 0;
  const walk = (node, open) => {
    const own = node.callFrame.functionName === '(idle)' ? 0 : selfUs.get(node.id) ?? 0;
    busy += own;
    const key = whereOf(node.callFrame.url) === 'kanri' ? keyOf(node) : undefined;
    const entered = key && !open.has(key);
    if (entered) open.add(key);
    for (const k of open) totals.set(k, (totals.get(k) ?? 0) + own);
    for (const child of node.children ?? []) walk(byId.get(child), open);
    if (entered) open.delete(key);
  };
  walk(profile.nodes[0], new Set());
  console.log(`kanri functions by total time (% of busy time):`);
  for (const [key, us] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, count)) {
    console.log(`  ${`${((100 * us) / busy).toFixed(1)}%`.padStart(6)}  ${(us / 1000).toFixed(0).padStart(6)} ms  ${key}`);
  }
}

const args = process.argv.slice(2);
const [file, count = '25'] = args.filter((a) => !a.startsWith('--'));
if (!file) {
  console.error('usage: node bench/cpu-profile-top.js <file.cpuprofile> [count]');
  process.exit(2);
}
const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
summarize(profile, Number(count));
if (args.includes('--inclusive')) inclusive(profile, Number(count));
