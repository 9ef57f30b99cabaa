#!/usr/bin/env node
// kanri's DNS server against nsd (NLnet Labs' authoritative server) with dnsperf, in one run, on
// 127.0.0.1: both serve the same simple zone; then kanri alone on a weighted, health-checked name.
// kanri's zones are made through its Route 53 API, as a user makes them. Each case gets a warm-up,
// then a timed dnsperf run; the server's CPU per query (from /proc) is printed next to queries/s,
// since on a shared box it moves less. Bar: kanri >= 50% of nsd's queries/s. Last line: BENCH_JSON {...}.
// Env: BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (2), BENCH_DNS_CLIENTS (dnsperf -c, 4),
//      BENCH_DNS_OUTSTANDING (dnsperf -q, 100), BENCH_DNS_WORKERS (kanri --dns-workers; kanri's default
//      when unset), NSD (/usr/sbin/nsd), DNSPERF (dnsperf).
'use strict';
const { execFile, spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { promisify } = require('node:util');
const { cpuBetween, sample } = require('./support/cpu');
const servers = require('./support/servers');
const { send } = require('./support/http');
const { runBench } = require('./support/main');

const run = promisify(execFile);
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const CLIENTS = Number(process.env.BENCH_DNS_CLIENTS || 4);
const OUTSTANDING = Number(process.env.BENCH_DNS_OUTSTANDING || 100);
const WORKERS = process.env.BENCH_DNS_WORKERS; // undefined: kanri's default
const NSD = process.env.NSD || '/usr/sbin/nsd';
const DNSPERF = process.env.DNSPERF || 'dnsperf';
const HOST = '127.0.0.1';
const ROOT = path.join(__dirname, '..');
const ZONE = 'bench.example.';
const SOA = `ns-1.awsdns-01.org. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400`;

for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(130));
const say = (line = '') => console.log(line);

function spawnChild(label, command, args) {
  const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  child.label = label;
  child.output = '';
  const keep = (chunk) => { child.output = (child.output + chunk).slice(-4096); };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.once('error', (err) => { child.spawnError = err; });
  process.on('exit', () => child.exitCode === null && child.kill('SIGKILL'));
  return child;
}

/** Asks with dig until the expected answer comes back. */
async function waitForAnswer(child, port, name, expected, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (child.spawnError) throw new Error(`${child.label} could not start: ${child.spawnError.message}`);
    if (child.exitCode !== null) throw new Error(`${child.label} exited (${child.exitCode}):\n${child.output}`);
    try {
      last = (await run('dig', [`@${HOST}`, '-p', String(port), '+short', '+tries=1', '+time=1', name, 'A'])).stdout.trim();
      if (expected.test(last)) return;
    } catch { /* not up yet */ }
    await servers.sleep(100);
  }
  throw new Error(`${child.label} did not answer ${name} with ${expected} (last: ${last || 'nothing'}):\n${child.output}`);
}

/** The process and its children (nsd does its serving in a forked child). */
function processTree(pid) {
  try {
    const kids = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    return [pid, ...kids.flatMap(processTree)];
  } catch {
    return [pid];
  }
}

function cpuOfTree(pids, run) {
  const before = pids.map(sample);
  return async () => {
    const result = await run();
    const parts = pids.map((p, i) => cpuBetween(before[i], sample(p)));
    const serverCpuSeconds = parts.reduce((sum, c) => sum + (Number.isFinite(c.serverCpuSeconds) ? c.serverCpuSeconds : 0), 0);
    return { result, cpu: { serverCpuSeconds, backgroundCores: Math.max(0, parts[0].backgroundCores - (serverCpuSeconds - parts[0].serverCpuSeconds) / parts[0].seconds) } };
  };
}

/** A dnsperf run; queries/s, lost queries and the server's CPU microseconds per query. */
async function dnsperf(port, queryFile, seconds, pid) {
  const timed = cpuOfTree(processTree(pid), () => run(DNSPERF, ['-s', HOST, '-p', String(port), '-d', queryFile, '-l', String(seconds), '-c', String(CLIENTS), '-q', String(OUTSTANDING)], { maxBuffer: 1 << 24 }));
  const { result: { stdout }, cpu } = await timed();
  const num = (re) => Number((re.exec(stdout) ?? [])[1]);
  const completed = num(/Queries completed:\s+(\d+)/);
  const result = {
    qps: num(/Queries per second:\s+([\d.]+)/), completed, lost: num(/Queries lost:\s+(\d+)/),
    noerror: num(/NOERROR (\d+)/), latencyMs: num(/Average Latency \(s\):\s+([\d.]+)/) * 1000,
    cpuUsPerQuery: completed ? (cpu.serverCpuSeconds * 1e6) / completed : NaN, backgroundCores: cpu.backgroundCores,
  };
  if (!result.qps) throw new Error(`dnsperf gave no result:\n${stdout}`);
  return result;
}

async function measure(label, port, queryFile, pid) {
  if (WARMUP_SECONDS > 0) await dnsperf(port, queryFile, WARMUP_SECONDS, pid);
  const r = await dnsperf(port, queryFile, SECONDS, pid);
  say(`  ${label.padEnd(34)} ${r.qps.toFixed(0).padStart(8)} q/s   ${r.cpuUsPerQuery.toFixed(1).padStart(6)} us CPU/query   lost ${r.lost}   NOERROR ${r.noerror}   avg ${r.latencyMs.toFixed(2)} ms   bg ${r.backgroundCores.toFixed(2)} cores`);
  return r;
}

// A file run as `node echo.js PORT PROCESSES`: with more than one process, the bound socket is handed
// to children, as kanri hands it to its DNS workers, and all of them answer on it.
const FLOOR_SERVER = `'use strict';
const echo = (s) => s.on('message', (m, r) => { m[2] |= 0x84; s.send(m, r.port, r.address); });
if (process.argv[2] === 'child') {
  process.on('message', (m, s) => echo(s));
  process.on('disconnect', () => process.exit(0));
} else {
  const s = require('node:dgram').createSocket('udp4');
  s.bind(Number(process.argv[2]), '${HOST}', () => {
    for (let i = 1; i < Number(process.argv[3]); i++) require('node:child_process').fork(__filename, ['child']).send({}, s, { keepOpen: true });
    echo(s);
    console.log('ready');
  });
}
`;

async function waitForFloor(child, port) {
  const deadline = Date.now() + 10_000;
  while (!child.output.includes('ready')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`node:dgram floor did not start on ${port}: ${child.output}`);
    await servers.sleep(20);
  }
}

async function startNsd(dir, port) {
  fs.writeFileSync(path.join(dir, 'bench.zone'), [
    `$ORIGIN ${ZONE}`, '$TTL 300', `@ 900 IN SOA ${SOA}`, '@ 172800 IN NS ns-1.awsdns-01.org.', 'www 300 IN A 192.0.2.1', '',
  ].join('\n'));
  fs.writeFileSync(path.join(dir, 'nsd.conf'), [
    'server:', `  ip-address: ${HOST}`, `  port: ${port}`, '  server-count: 1', '  username: ""', `  zonesdir: "${dir}"`,
    '  database: ""', `  zonelistfile: "${dir}/zone.list"`, `  xfrdfile: "${dir}/xfrd.state"`, `  xfrdir: "${dir}"`,
    `  pidfile: "${dir}/nsd.pid"`, `  logfile: "${dir}/nsd.log"`, '  verbosity: 0', '  hide-version: yes',
    '  rrl-ratelimit: 0', '  rrl-whitelist-ratelimit: 0', // nsd rate-limits repeated answers by default: a bench would measure the limit
    'remote-control:', '  control-enable: no',
    'zone:', `  name: ${ZONE}`, '  zonefile: bench.zone', '',
  ].join('\n'));
  const child = spawnChild('nsd', NSD, ['-d', '-c', path.join(dir, 'nsd.conf'), '-p', String(port)]);
  await waitForAnswer(child, port, `www.${ZONE}`, /^192\.0\.2\.1$/);
  return child;
}

async function startKanriWithZones(dir, httpPort, dnsPort, healthPort) {
  const child = spawnChild('kanri', process.execPath, [path.join(ROOT, 'bin', 'kanri.js'), 'start', '--host', HOST, '--port', String(httpPort), '--in-memory', '--dns-port', String(dnsPort), ...(WORKERS === undefined ? [] : ['--dns-workers', WORKERS])]);
  await servers.waitHealthy(child, httpPort, '/_kanri/health');
  let Route53;
  try {
    Route53 = require('@aws-sdk/client-route-53');
  } catch {
    return { child, skipped: '@aws-sdk/client-route-53 is not installed' };
  }
  const r53 = new Route53.Route53Client({ endpoint: `http://${HOST}:${httpPort}`, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
  let zone;
  try {
    zone = await r53.send(new Route53.CreateHostedZoneCommand({ Name: ZONE, CallerReference: `bench-${Date.now()}` }));
  } catch (err) {
    return { child, skipped: `kanri's Route 53 API is not available in this build (${err.name}: ${err.message})` };
  }
  const zoneId = zone.HostedZone.Id;
  const hc = async (ref) => (await r53.send(new Route53.CreateHealthCheckCommand({
    CallerReference: `${ref}-${Date.now()}`, HealthCheckConfig: { Type: 'TCP', IPAddress: HOST, Port: healthPort, RequestInterval: 10, FailureThreshold: 1 },
  }))).HealthCheck.Id;
  const weighted = async (id, weight, ip) => ({
    Action: 'CREATE', ResourceRecordSet: { Name: `w.${ZONE}`, Type: 'A', TTL: 60, SetIdentifier: id, Weight: weight, HealthCheckId: await hc(id), ResourceRecords: [{ Value: ip }] },
  });
  await r53.send(new Route53.ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Changes: [
    { Action: 'CREATE', ResourceRecordSet: { Name: `www.${ZONE}`, Type: 'A', TTL: 300, ResourceRecords: [{ Value: '192.0.2.1' }] } },
    await weighted('a', 70, '192.0.2.70'), await weighted('b', 30, '192.0.2.30'),
  ] } }));
  await waitForAnswer(child, dnsPort, `www.${ZONE}`, /^192\.0\.2\.1$/);
  await waitForAnswer(child, dnsPort, `w.${ZONE}`, /^192\.0\.2\.(70|30)$/);
  return { child, httpPort };
}

async function main() {
  for (const [tool, args] of [[DNSPERF, ['-h']], [NSD, ['-v']], ['dig', ['-v']]]) {
    try { await run(tool, args); } catch (err) { if (err.code === 'ENOENT') throw new Error(`${tool} is not installed (Debian: dnsperf, nsd, bind9-dnsutils)`); }
  }
  servers.assertKanriBuilt();
  const dir = servers.makeTempDir('kanri-dns-bench-');
  const simpleQueries = path.join(dir, 'simple.txt');
  const weightedQueries = path.join(dir, 'weighted.txt');
  fs.writeFileSync(simpleQueries, `www.${ZONE} A\n`);
  fs.writeFileSync(weightedQueries, `w.${ZONE} A\n`);
  say(`DNS: kanri vs nsd, dnsperf -c ${CLIENTS} -q ${OUTSTANDING}, ${WARMUP_SECONDS} s warm-up + ${SECONDS} s each, one server under load at a time`);

  const nsdPort = await servers.freePort();
  const nsd = await startNsd(dir, nsdPort);
  const nsdSimple = await measure('nsd      simple A', nsdPort, simpleQueries, nsd.pid);
  await servers.stop(nsd);

  // The health checks probe this port (TCP): it stays open, so both weighted records are healthy.
  const healthServer = net.createServer((s) => s.end()).listen(0, HOST);
  await new Promise((resolve) => healthServer.once('listening', resolve));
  const kanri = await startKanriWithZones(dir, await servers.freePort(), await servers.freePort(), healthServer.address().port);
  let kanriSimple = null;
  let kanriWeighted = null;
  let workers = null;
  if (kanri.skipped) {
    say(`  kanri: not measured: ${kanri.skipped}`);
  } else {
    const dnsPort = Number(/kanri DNS on \S+ port (\d+)/.exec(kanri.child.output)[1]);
    kanriSimple = await measure('kanri    simple A', dnsPort, simpleQueries, kanri.child.pid);
    // Workers start with the first query: by now they run (and their CPU is counted with kanri's).
    const health = JSON.parse((await send(kanri.httpPort, { path: '/_kanri/health' })).body);
    workers = health.dns?.workers ?? 0;
    say(`  kanri answers UDP in ${workers + 1} process${workers ? 'es' : ''} (--dns-workers ${workers})`);
    kanriWeighted = await measure('kanri    weighted 70/30 + health', dnsPort, weightedQueries, kanri.child.pid);
  }
  await servers.stop(kanri.child);
  healthServer.close();

  // What a bare Node server gets here: node:dgram's send() returning each query as its own answer, in one
  // process and in as many as answered for kanri (sharing the socket the same way).
  const echoFile = path.join(dir, 'echo.js');
  fs.writeFileSync(echoFile, FLOOR_SERVER);
  const echo = async (processes) => {
    const port = await servers.freePort();
    const child = spawnChild('node:dgram', process.execPath, [echoFile, String(port), String(processes)]);
    await waitForFloor(child, port);
    const r = await measure(`node:dgram echo, ${processes} process${processes > 1 ? 'es' : ''}`, port, simpleQueries, child.pid);
    await servers.stop(child);
    return r;
  };
  const floorResult = await echo(1);
  const kanriProcesses = (workers ?? 0) + 1;
  const floorSame = kanriProcesses > 1 ? await echo(kanriProcesses) : null;

  const ratio = kanriSimple ? kanriSimple.qps / nsdSimple.qps : null;
  const pass = ratio !== null && ratio >= 0.5;
  say();
  say(ratio === null ? '  kanri/nsd: not measured' : `  kanri/nsd queries/s on the simple zone: ${(ratio * 100).toFixed(0)}%   bar >= 50%: ${pass ? 'PASS' : 'FAIL'}`);
  if (kanriSimple) say(`  CPU per query: kanri ${kanriSimple.cpuUsPerQuery.toFixed(1)} us (${workers} DNS workers), nsd ${nsdSimple.cpuUsPerQuery.toFixed(1)} us, node:dgram echo ${floorResult.cpuUsPerQuery.toFixed(1)} us${floorSame ? ` (${floorSame.cpuUsPerQuery.toFixed(1)} us in ${kanriProcesses} processes)` : ''}`);
  say(`BENCH_JSON ${JSON.stringify({ bench: 'dns', seconds: SECONDS, clients: CLIENTS, dnsWorkers: workers, nsd: nsdSimple, kanri: kanriSimple, kanriWeighted, nodeDgramCeiling: floorResult, nodeDgramSameProcesses: floorSame, ratio, pass, skipped: kanri.skipped })}`);
}

runBench(main, 5, { exit: true });
