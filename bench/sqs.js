#!/usr/bin/env node
// SQS and SNS throughput: kanri against moto_server in one run, one server at a time, 127.0.0.1 only.
//   sqs-send       SendMessage (256-byte body)
//   sqs-cycle      SendMessage, then ReceiveMessage, then DeleteMessage of what came back (3 calls a step)
//   sns-fanout     Publish to a topic with 4 SQS subscriptions, timed until every queue holds every
//                  message (kanri delivers after commit, moto inside Publish): deliveries per second
// moto's threaded server slows down as concurrency grows (16 loops get a fraction of 1 loop's rate),
// so every case runs at 1 and at 16 concurrent loops and each server is credited with its better run.
// Each row gives the server's CPU per call (from /proc), steadier than rates on a shared box.
// Bar: kanri >= 10x moto on each case. Last line: BENCH_JSON {...}.
'use strict';
const { client } = require('./support/aws-client');
const { cpuBetween, sample } = require('./support/cpu');
const { best, compareWithMoto, measureBest, runLoops } = require('./support/loops');
const { eachServer } = require('./support/servers');
const { runBench } = require('./support/main');

const SECONDS = Number(process.env.BENCH_SECONDS || 6);
const WARMUP_SECONDS = 1;
const CONCURRENCIES = [1, Number(process.env.BENCH_CONNECTIONS || 16)];
const FANOUT_QUEUES = 4;
const BODY = 'x'.repeat(256);
const SQS = (op) => `AmazonSQS.${op}`;

function measure(pid, step) {
  return measureBest({ pid, step, concurrencies: CONCURRENCIES, seconds: SECONDS, warmupSeconds: WARMUP_SECONDS });
}

async function queueUrl(c, name) {
  return (await c.json('sqs', SQS('CreateQueue'), { QueueName: name })).QueueUrl;
}

async function depth(c, url) {
  const { Attributes } = await c.json('sqs', SQS('GetQueueAttributes'), { QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] });
  return Number(Attributes.ApproximateNumberOfMessages);
}

const xmlValue = (xml, tag) => new RegExp(`<${tag}>([^<]+)</${tag}>`).exec(xml)?.[1];

/** A topic with FANOUT_QUEUES SQS subscriptions (fresh for each run: PurgeQueue is once a minute). */
async function fanoutTopic(c, name) {
  const topicArn = xmlValue(await c.query('sns', { Action: 'CreateTopic', Name: name, Version: '2010-03-31' }), 'TopicArn');
  const urls = [];
  for (let i = 0; i < FANOUT_QUEUES; i++) {
    const url = await queueUrl(c, `${name}-${i}`);
    const { Attributes } = await c.json('sqs', SQS('GetQueueAttributes'), { QueueUrl: url, AttributeNames: ['QueueArn'] });
    await c.query('sns', { Action: 'Subscribe', TopicArn: topicArn, Protocol: 'sqs', Endpoint: Attributes.QueueArn, Version: '2010-03-31' });
    urls.push(url);
  }
  return { topicArn, urls };
}

/** Publishes for SECONDS, then waits until each queue holds all that was published; deliveries per second. */
function fanout(c, pid) {
  return best(CONCURRENCIES, async (concurrency) => {
    const { topicArn, urls } = await fanoutTopic(c, `bench-fanout-${concurrency}`);
    const publish = async () => { await c.query('sns', { Action: 'Publish', TopicArn: topicArn, Message: BODY, Version: '2010-03-31' }); return 1; };
    const before = sample(pid);
    const started = process.hrtime.bigint();
    const result = await runLoops({ seconds: SECONDS, concurrency, step: publish });
    const deadline = Date.now() + 120_000;
    for (const url of urls) {
      while ((await depth(c, url)) < result.ops) {
        if (Date.now() > deadline) throw new Error(`fan-out: ${url} did not receive all ${result.ops} messages within 2 minutes`);
        await new Promise((r) => setTimeout(r, 20));
      }
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = cpuBetween(before, sample(pid));
    const deliveries = result.ops * FANOUT_QUEUES;
    return { ...result, ops: deliveries, opsPerSecond: deliveries / seconds, seconds, cpuUsPerOp: (cpu.serverCpuSeconds * 1e6) / deliveries, bgCores: cpu.backgroundCores };
  });
}

async function benchServer(name, child, port) {
  const c = client(port, { keepAlive: name === 'kanri' });
  const sendUrl = await queueUrl(c, 'bench-send');
  const cycleUrl = await queueUrl(c, 'bench-cycle');
  const results = {};
  results['sqs-send'] = await measure(child.pid, async () => { await c.json('sqs', SQS('SendMessage'), { QueueUrl: sendUrl, MessageBody: BODY }); return 1; });
  results['sqs-cycle'] = await measure(child.pid, async () => {
    await c.json('sqs', SQS('SendMessage'), { QueueUrl: cycleUrl, MessageBody: BODY });
    const got = await c.json('sqs', SQS('ReceiveMessage'), { QueueUrl: cycleUrl, MaxNumberOfMessages: 1 });
    const handle = got.Messages?.[0]?.ReceiptHandle;
    if (!handle) return 2;
    await c.json('sqs', SQS('DeleteMessage'), { QueueUrl: cycleUrl, ReceiptHandle: handle });
    return 3;
  });
  results['sns-fanout'] = await fanout(c, child.pid);
  c.close();
  return results;
}

async function main() {
  const all = await eachServer(benchServer);
  const { cases, pass } = compareWithMoto(all, () => 10);
  console.log(`BENCH_JSON ${JSON.stringify({ bench: 'sqs-sns', seconds: SECONDS, concurrencies: CONCURRENCIES, cases, pass })}`);
}

runBench(main, 10);
