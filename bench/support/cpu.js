// CPU accounting from /proc (Linux): how much CPU the server under test spent per request, and how
// busy everything else on the machine was meanwhile. On a shared box, CPU per request is steadier
// than requests/s, and the background load says how far to trust the requests/s.
'use strict';
const fs = require('node:fs');

const TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux we run on (getconf CLK_TCK)

/** Busy ticks of the whole machine (steal included: the hypervisor gave that time to someone else). */
function machineBusyTicks() {
  const [user, nice, system, , , irq, softirq, steal] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return user + nice + system + irq + softirq + (steal || 0);
}

/** utime + stime of a process, all its threads included. */
function processTicks(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return NaN;
  }
}

function sample(serverPid) {
  return { at: process.hrtime.bigint(), machine: machineBusyTicks(), server: processTicks(serverPid), bench: processTicks(process.pid) };
}

/** Between two samples: the server's and the bench's CPU seconds, and the rest of the machine's, in cores. */
function cpuBetween(before, after) {
  const seconds = Number(after.at - before.at) / 1e9;
  const server = (after.server - before.server) / TICKS_PER_SECOND;
  const bench = (after.bench - before.bench) / TICKS_PER_SECOND;
  const machine = (after.machine - before.machine) / TICKS_PER_SECOND;
  return { seconds, serverCpuSeconds: server, benchCpuSeconds: bench, backgroundCores: Math.max(0, (machine - server - bench) / seconds) };
}

module.exports = { cpuBetween, sample };
