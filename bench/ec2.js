#!/usr/bin/env node
// EC2 at fleet scale: kanri against moto_server in one run, one server at a time, 127.0.0.1 only.
//   run-terminate            RunInstances (1 instance) then TerminateInstances of it (2 calls a step)
//   describe-by-id@N         DescribeInstances filtered by one instance id, with N instances in the account
//   describe-by-tag@N        DescribeInstances with a tag:Name filter naming one instance, N instances
// N is 1,000, then 10,000 (launched 100 per call, tagged Name=bench-<n>). A lookup by id or tag must
// stay near-flat as N grows tenfold: the bench prints kanri's p50 growth from 1,000 to 10,000.
// moto needs ~25 s to launch 1,000 instances and 2.5 s per tag-filtered describe at 1,000 (its
// filters scan every instance), so it runs at 1,000 only unless BENCH_MOTO_FLEETS=1000,10000;
// ratios are printed where both servers ran.
// moto's threaded server slows as concurrency grows, so each case runs at 1 and 16 loops and each
// server is credited with its better run. Bar: kanri >= 10x moto. Last line: BENCH_JSON {...}.
'use strict';
const { client } = require('./support/aws-client');
const { compareWithMoto, measureBest } = require('./support/loops');
const { runBench } = require('./support/main');
const { eachServer } = require('./support/servers');

// A 10,000-instance fleet needs more than kanri's default On-Demand vCPU quota.
process.env.KANRI_EC2_VCPU_QUOTA ??= '1000000';
const SECONDS = Number(process.env.BENCH_SECONDS || 5);
const CONCURRENCIES = [1, Number(process.env.BENCH_CONNECTIONS || 16)];
const FLEETS = { kanri: [1000, 10000], moto: (process.env.BENCH_MOTO_FLEETS || '1000').split(',').map(Number) };
const BATCH = 100;
const VERSION = '2016-11-15';

const values = (xml, tag) => [...xml.matchAll(new RegExp(`<${tag}>([^<]+)</${tag}>`, 'g'))].map((m) => m[1]);

const best = (pid, step) => measureBest({ pid, step, concurrencies: CONCURRENCIES, seconds: SECONDS });

async function benchServer(name, child, port) {
  const c = client(port, { keepAlive: name === 'kanri', timeoutMs: 120_000 }); // moto's first DescribeImages takes seconds
  const ec2 = (params) => c.query('ec2', { Version: VERSION, ...params });
  const imageId = values(await ec2({ Action: 'DescribeImages', 'Owner.1': 'amazon', 'Filter.1.Name': 'architecture', 'Filter.1.Value.1': 'x86_64' }), 'imageId')[0];
  if (!imageId) throw new Error(`${name}: DescribeImages returned no Amazon image`);
  // A default subnet (/20) holds about 4,000 instances: batches go round the default subnets.
  const subnets = values(await ec2({ Action: 'DescribeSubnets', 'Filter.1.Name': 'default-for-az', 'Filter.1.Value.1': 'true' }), 'subnetId');
  let batch = 0;
  const run = (count, firstTag) => ec2({
    Action: 'RunInstances', ImageId: imageId, InstanceType: 't3.micro', MinCount: String(count), MaxCount: String(count), SubnetId: subnets[batch++ % subnets.length],
    'TagSpecification.1.ResourceType': 'instance', 'TagSpecification.1.Tag.1.Key': 'Name', 'TagSpecification.1.Tag.1.Value': firstTag,
  });
  const results = {};
  results['run-terminate'] = await best(child.pid, async () => {
    const id = values(await run(1, 'bench-churn'), 'instanceId')[0];
    await ec2({ Action: 'TerminateInstances', 'InstanceId.1': id });
    return 2;
  });
  const ids = [];
  for (const fleet of FLEETS[name]) {
    const started = Date.now();
    while (ids.length < fleet) ids.push(...values(await run(BATCH, `bench-${ids.length}`), 'instanceId'));
    console.error(`${name}: ${fleet} instances running (${((Date.now() - started) / 1000).toFixed(1)} s to launch)`);
    let n = 0;
    const pick = () => ids[(n++ * 7919) % ids.length];
    results[`describe-by-id@${fleet}`] = await best(child.pid, async () => {
      const xml = await ec2({ Action: 'DescribeInstances', 'Filter.1.Name': 'instance-id', 'Filter.1.Value.1': pick() });
      if (values(xml, 'instanceId').length !== 1) throw new Error('describe-by-id: expected one instance');
      return 1;
    });
    results[`describe-by-tag@${fleet}`] = await best(child.pid, async () => {
      const xml = await ec2({ Action: 'DescribeInstances', 'Filter.1.Name': 'tag:Name', 'Filter.1.Value.1': `bench-${((n++ * 7919) % (ids.length / BATCH)) * BATCH}` });
      if (values(xml, 'instanceId').length !== BATCH) throw new Error(`describe-by-tag: expected ${BATCH} instances`);
      return 1;
    });
  }
  c.close();
  return results;
}

async function main() {
  const all = await eachServer(benchServer);
  const round = (x) => Math.round(x * 100) / 100;
  const { cases, pass } = compareWithMoto(all, () => 10);
  const growth = {};
  for (const kind of ['describe-by-id', 'describe-by-tag']) {
    for (const name of ['kanri', 'moto']) {
      const fleets = FLEETS[name];
      if (fleets.length < 2) continue;
      const [small, large] = [fleets[0], fleets[fleets.length - 1]].map((f) => all[name][`${kind}@${f}`].single.p50);
      growth[`${kind}/${name}`] = round(large / small);
      console.log(`${kind.padEnd(16)} ${name.padEnd(6)} 1-loop p50 ${small.toFixed(2)} ms at ${fleets[0]} -> ${large.toFixed(2)} ms at ${fleets[fleets.length - 1]}: `
        + `${(large / small).toFixed(1)}x for ${fleets[fleets.length - 1] / fleets[0]}x the fleet`);
    }
  }
  console.log(`BENCH_JSON ${JSON.stringify({ bench: 'ec2-fleet', seconds: SECONDS, concurrencies: CONCURRENCIES, cases, p50_growth: growth, pass })}`);
}

runBench(main, 20);
