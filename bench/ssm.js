#!/usr/bin/env node
// SSM Parameter Store: kanri against moto_server in one run, one server at a time, 127.0.0.1 only.
// Each server is first seeded with 10,000 String parameters, /bench/tree/gNN/pNNN (100 paths of 100).
//   ssm-get        GetParameter of a random parameter among the 10,000
//   ssm-put        PutParameter (Overwrite) of a random parameter: a new version each time
//   ssm-path-one   GetParametersByPath, one level (a random path of 100), first page of 10
//   ssm-path-rec   GetParametersByPath, Recursive over all 10,000, first page of 10
// Every case runs at 1 and at 16 concurrent loops, each server credited with its better run (moto's
// threaded server slows with concurrency); CPU per call comes from /proc. Bar: kanri >= 20x moto on
// ssm-get (the bar; moto served about 290 req/s on this machine). Last line: BENCH_JSON {...}.
'use strict';
const { client } = require('./support/aws-client');
const { compareWithMoto, measureBest } = require('./support/loops');
const { eachServer } = require('./support/servers');
const { runBench } = require('./support/main');

const SECONDS = Number(process.env.BENCH_SECONDS || 6);
const WARMUP_SECONDS = 1;
const CONCURRENCIES = [1, Number(process.env.BENCH_CONNECTIONS || 16)];
const GROUPS = 100;
const PER_GROUP = 100;
const BAR = 20;
const SSM = (op) => `AmazonSSM.${op}`;

const nameOf = (i) => `/bench/tree/g${String(Math.floor(i / PER_GROUP)).padStart(2, '0')}/p${String(i % PER_GROUP).padStart(3, '0')}`;
const randomIndex = () => Math.floor(Math.random() * GROUPS * PER_GROUP);

/** 10,000 parameters, put by 16 loops. */
async function seed(c) {
  let next = 0;
  const total = GROUPS * PER_GROUP;
  const started = Date.now();
  await Promise.all(Array.from({ length: 16 }, async () => {
    while (next < total) {
      const i = next++;
      await c.json('ssm', SSM('PutParameter'), { Name: nameOf(i), Value: `value-${i}`, Type: 'String' }, '1.1');
    }
  }));
  return (Date.now() - started) / 1000;
}

function measure(pid, step) {
  return measureBest({ pid, step, concurrencies: CONCURRENCIES, seconds: SECONDS, warmupSeconds: WARMUP_SECONDS });
}

async function benchServer(name, child, port) {
  const c = client(port, { keepAlive: name === 'kanri' });
  const seedSeconds = await seed(c);
  console.log(`${name}: seeded ${GROUPS * PER_GROUP} parameters in ${seedSeconds.toFixed(1)} s`);
  const check = await c.json('ssm', SSM('GetParametersByPath'), { Path: '/bench/tree', Recursive: true, MaxResults: 10 }, '1.1');
  if (check.Parameters?.length !== 10) throw new Error(`${name}: GetParametersByPath answered ${JSON.stringify(check).slice(0, 200)}`);
  const results = {};
  results['ssm-get'] = await measure(child.pid, async () => {
    await c.json('ssm', SSM('GetParameter'), { Name: nameOf(randomIndex()) }, '1.1');
    return 1;
  });
  results['ssm-put'] = await measure(child.pid, async () => {
    await c.json('ssm', SSM('PutParameter'), { Name: nameOf(randomIndex()), Value: `new-${Math.random()}`, Type: 'String', Overwrite: true }, '1.1');
    return 1;
  });
  results['ssm-path-one'] = await measure(child.pid, async () => {
    const path = `/bench/tree/g${String(Math.floor(Math.random() * GROUPS)).padStart(2, '0')}`;
    await c.json('ssm', SSM('GetParametersByPath'), { Path: path, MaxResults: 10 }, '1.1');
    return 1;
  });
  results['ssm-path-rec'] = await measure(child.pid, async () => {
    await c.json('ssm', SSM('GetParametersByPath'), { Path: '/bench/tree', Recursive: true, MaxResults: 10 }, '1.1');
    return 1;
  });
  c.close();
  return results;
}

async function main() {
  const all = await eachServer(benchServer);
  const { cases, pass } = compareWithMoto(all, (key) => (key === 'ssm-get' ? BAR : undefined));
  console.log(`BENCH_JSON ${JSON.stringify({ bench: 'ssm', seconds: SECONDS, concurrencies: CONCURRENCIES, parameters: GROUPS * PER_GROUP, cases, pass })}`);
}

runBench(main, 15);
