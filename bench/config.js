#!/usr/bin/env node
// AWS Config on kanri alone (moto has no recorder that follows other services): how long from a
// change's 2xx until its configuration item is visible (p50/p99), recording throughput in items/s,
// and GetResourceConfigHistory and SelectResourceConfig latency at SMALL and LARGE stored items (the bar:
// sublinear growth; the advanced query reads current items, which stay at QUEUES).
// Items are made the honest way, by changing SQS queues through the API. The last line is BENCH_JSON.
//   BENCH_CONFIG_QUEUES (1000), BENCH_CONFIG_SMALL (10000), BENCH_CONFIG_LARGE (100000),
//   BENCH_CONFIG_PROBES (200), BENCH_CONNECTIONS (32)
'use strict';
const { performance } = require('node:perf_hooks');
const { assertKanriBuilt, freePort, makeTempDir, startKanri, stop, waitHealthy } = require('./support/servers');
const { client } = require('./support/aws-client');
const { fixed, median, round, table } = require('./support/report');
const { runBench } = require('./support/main');

const QUEUES = Number(process.env.BENCH_CONFIG_QUEUES || 1000);
const SMALL = Number(process.env.BENCH_CONFIG_SMALL || 10_000);
const LARGE = Number(process.env.BENCH_CONFIG_LARGE || 100_000);
const PROBES = Number(process.env.BENCH_CONFIG_PROBES || 200);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 32);

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
};
const queueUrl = (port, name) => `http://127.0.0.1:${port}/000000000000/${name}`;
const queueId = (name) => `https://sqs.us-east-1.amazonaws.com/000000000000/${name}`;

async function setup(c, port) {
  await c.restJson('s3', 'PUT', '/config-bench');
  await c.json('config', 'StarlingDoveService.PutConfigurationRecorder', { ConfigurationRecorder: { name: 'default', roleARN: 'arn:aws:iam::000000000000:role/config' } }, '1.1');
  await c.json('config', 'StarlingDoveService.PutDeliveryChannel', { DeliveryChannel: { name: 'default', s3BucketName: 'config-bench' } }, '1.1');
  await c.json('config', 'StarlingDoveService.StartConfigurationRecorder', { ConfigurationRecorderName: 'default' }, '1.1');
  await pool(QUEUES, (i) => c.json('sqs', 'AmazonSQS.CreateQueue', { QueueName: `q${i}` }));
  void port;
}

/** Runs n jobs with CONNECTIONS in flight. */
async function pool(n, job) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(CONNECTIONS, n) }, async () => {
    while (next < n) await job(next++);
  }));
}

async function newest(c, name) {
  const out = await c.json('config', 'StarlingDoveService.GetResourceConfigHistory', { resourceType: 'AWS::SQS::Queue', resourceId: queueId(name), limit: 1 }, '1.1');
  return out.configurationItems[0];
}

/** Changes every queue `rounds` times; the value a change sets says which change it is. */
let counter = 0;
async function changes(c, port, count) {
  const t0 = performance.now();
  await pool(count, (i) => c.json('sqs', 'AmazonSQS.SetQueueAttributes', {
    QueueUrl: queueUrl(port, `q${i % QUEUES}`), Attributes: { MaximumMessageSize: String(1024 + (++counter % 200000)) },
  }));
  const sent = performance.now();
  // Recorded when the last queue changed shows its last value.
  const last = `q${(count - 1) % QUEUES}`;
  const want = (await c.json('sqs', 'AmazonSQS.GetQueueAttributes', { QueueUrl: queueUrl(port, last), AttributeNames: ['MaximumMessageSize'] })).Attributes.MaximumMessageSize;
  for (;;) {
    const item = await newest(c, last);
    if (JSON.parse(item.configuration).MaximumMessageSize === want) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  return { seconds: (performance.now() - t0) / 1000, sendSeconds: (sent - t0) / 1000 };
}

async function changeToVisible(c, port) {
  const ms = [];
  for (let i = 0; i < PROBES; i++) {
    const name = `q${i % QUEUES}`;
    const value = String(2048 + i);
    await c.json('sqs', 'AmazonSQS.SetQueueAttributes', { QueueUrl: queueUrl(port, name), Attributes: { MaximumMessageSize: value } });
    const t0 = performance.now();
    while (JSON.parse((await newest(c, name)).configuration).MaximumMessageSize !== value) await new Promise((r) => setImmediate(r));
    ms.push(performance.now() - t0);
  }
  return { p50: pct(ms, 50), p99: pct(ms, 99) };
}

async function historyLatency(c) {
  const ms = [];
  for (let i = 0; i < PROBES; i++) {
    const name = `q${Math.floor(Math.random() * QUEUES)}`;
    const t0 = performance.now();
    await c.json('config', 'StarlingDoveService.GetResourceConfigHistory', { resourceType: 'AWS::SQS::Queue', resourceId: queueId(name), limit: 10, chronologicalOrder: i % 2 ? 'Forward' : 'Reverse' }, '1.1');
    ms.push(performance.now() - t0);
  }
  return { p50: pct(ms, 50), p99: pct(ms, 99) };
}

/** SelectResourceConfig over the current items: one queue by id, and a count over the type. */
async function selectLatency(c) {
  const ms = [];
  for (let i = 0; i < PROBES; i++) {
    const Expression = i % 2
      ? `SELECT resourceId, configurationItemCaptureTime WHERE resourceType = 'AWS::SQS::Queue' AND resourceId = '${queueId(`q${Math.floor(Math.random() * QUEUES)}`)}'`
      : "SELECT COUNT(*) WHERE resourceType = 'AWS::SQS::Queue'";
    const t0 = performance.now();
    await c.json('config', 'StarlingDoveService.SelectResourceConfig', { Expression }, '1.1');
    ms.push(performance.now() - t0);
  }
  return { p50: pct(ms, 50), p99: pct(ms, 99) };
}

async function main() {
  assertKanriBuilt();
  const port = await freePort();
  const child = startKanri(port, makeTempDir('kanri-config-bench-'));
  await waitHealthy(child, port, '/_kanri/health');
  const c = client(port, { keepAlive: true });
  try {
    await setup(c, port);
    const visible = await changeToVisible(c, port);
    const small = await changes(c, port, Math.max(0, SMALL - QUEUES - PROBES));
    const smallItems = SMALL;
    const atSmall = await historyLatency(c);
    const selectSmall = await selectLatency(c);
    const large = await changes(c, port, Math.max(0, LARGE - SMALL));
    const atLarge = await historyLatency(c);
    const selectLarge = await selectLatency(c);
    const throughput = (LARGE - QUEUES - PROBES) / (small.seconds + large.seconds);
    const growth = atLarge.p50 / atSmall.p50;
    console.log(table(['measure', 'value', 'unit'], [
      ['change 2xx -> item visible p50', fixed(visible.p50, 2), 'ms'],
      ['change 2xx -> item visible p99', fixed(visible.p99, 2), 'ms'],
      ['recording throughput (changes sent and recorded)', fixed(throughput, 0), 'items/s'],
      ['  of which sending the changes took', fixed(small.sendSeconds + large.sendSeconds, 2), 's'],
      ['  and recording the backlog after the last 2xx', fixed(small.seconds + large.seconds - small.sendSeconds - large.sendSeconds, 2), 's'],
      [`GetResourceConfigHistory p50 at ${smallItems} items`, fixed(atSmall.p50, 2), 'ms'],
      [`GetResourceConfigHistory p99 at ${smallItems} items`, fixed(atSmall.p99, 2), 'ms'],
      [`GetResourceConfigHistory p50 at ${LARGE} items`, fixed(atLarge.p50, 2), 'ms'],
      [`GetResourceConfigHistory p99 at ${LARGE} items`, fixed(atLarge.p99, 2), 'ms'],
      [`SelectResourceConfig p50 at ${smallItems} items (${QUEUES} current)`, fixed(selectSmall.p50, 2), 'ms'],
      [`SelectResourceConfig p99 at ${smallItems} items`, fixed(selectSmall.p99, 2), 'ms'],
      [`SelectResourceConfig p50 at ${LARGE} items (${QUEUES} current)`, fixed(selectLarge.p50, 2), 'ms'],
      [`SelectResourceConfig p99 at ${LARGE} items`, fixed(selectLarge.p99, 2), 'ms'],
    ], 1));
    const selectGrowth = selectLarge.p50 / selectSmall.p50;
    console.log(`\nbar: SelectResourceConfig latency grows sublinearly (${fixed(selectGrowth, 2)}x for ${fixed(LARGE / smallItems, 0)}x stored items): ${selectGrowth < (LARGE / smallItems) / 2 ? 'PASS' : 'FAIL'}`);
    const sublinear = growth < (LARGE / smallItems) / 2;
    console.log(`\nbar: history latency grows sublinearly (${fixed(growth, 2)}x for ${fixed(LARGE / smallItems, 0)}x items): ${sublinear ? 'PASS' : 'FAIL'}`);
    console.log(`BENCH_JSON ${JSON.stringify({
      changeToVisibleMs: { p50: round(visible.p50), p99: round(visible.p99) }, recordingItemsPerSecond: round(throughput, 0),
      select: { p50Ms: [round(selectSmall.p50), round(selectLarge.p50)], p99Ms: [round(selectSmall.p99), round(selectLarge.p99)], growth: round(selectGrowth) },
      history: { items: [smallItems, LARGE], p50Ms: [round(atSmall.p50), round(atLarge.p50)], p99Ms: [round(atSmall.p99), round(atLarge.p99)], growth: round(growth), sublinear },
      median: round(median([visible.p50])),
    })}`);
  } finally {
    c.close();
    await stop(child);
  }
}

runBench(main, 20);
