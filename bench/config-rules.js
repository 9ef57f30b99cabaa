#!/usr/bin/env node
// AWS Config rules on kanri: 10,000 recorded resources (SQS queues, SNS topics, security groups,
// S3 buckets) and 50 managed rules from kanri's implemented set, each scoped to one resource type.
// It prints change-to-verdict latency (p50/p99: a tag flips a REQUIRED_TAGS verdict), recording
// throughput with the rules in place, the time of a full re-evaluation of all 50 rules
// (StartConfigRulesEvaluation) and of the periodic run when the clock moves a day. kanri runs with
// KANRI_CONFIG_RULE_LOG=1, so the engine's evaluation counter (evaluationCounts) names the rules each
// recorded item ran: the bench checks that every change ran exactly the rules in whose scope it falls.
// KANRI_CONFIG_RULE_CACHE=off runs kanri without the per-account rule cache, to compare.
//   BENCH_RULES_QUEUES (5000), BENCH_RULES_TOPICS (2500), BENCH_RULES_GROUPS (1500), BENCH_RULES_BUCKETS (1000),
//   BENCH_RULES_PROBES (200), BENCH_RULES_CHANGES (2000), BENCH_CONNECTIONS (32)
'use strict';
const { performance } = require('node:perf_hooks');
const { assertKanriBuilt, freePort, makeTempDir, startKanri, stop, waitHealthy } = require('./support/servers');
const { client } = require('./support/aws-client');
const { fixed, round, table } = require('./support/report');
const { runBench } = require('./support/main');

const N = {
  queues: Number(process.env.BENCH_RULES_QUEUES || 5000), topics: Number(process.env.BENCH_RULES_TOPICS || 2500),
  groups: Number(process.env.BENCH_RULES_GROUPS || 1500), buckets: Number(process.env.BENCH_RULES_BUCKETS || 1000),
};
const PROBES = Number(process.env.BENCH_RULES_PROBES || 200);
const CHANGES = Number(process.env.BENCH_RULES_CHANGES || 2000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 32);
const CACHE = process.env.KANRI_CONFIG_RULE_CACHE === 'off' ? 'off' : 'on';

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
};
const ACCOUNT = '000000000000';
const queueUrl = (port, name) => `http://127.0.0.1:${port}/${ACCOUNT}/${name}`;
const queueId = (name) => `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/${name}`;
const config = (c, op, body) => c.json('config', `StarlingDoveService.${op}`, body, '1.1');

// 50 rules: the implemented managed rules for the four types, and REQUIRED_TAGS per type and tag key.
const SQS = 'AWS::SQS::Queue', SNS = 'AWS::SNS::Topic', SG = 'AWS::EC2::SecurityGroup', S3 = 'AWS::S3::Bucket';
const MANAGED = {
  [SQS]: ['SQS_QUEUE_DLQ_CHECK', 'SQS_QUEUE_NO_PUBLIC_ACCESS', 'SQS_QUEUE_POLICY_FULL_ACCESS_CHECK'],
  [SNS]: ['SNS_ENCRYPTED_KMS', 'SNS_TOPIC_MESSAGE_DELIVERY_NOTIFICATION_ENABLED', 'SNS_TOPIC_NO_PUBLIC_ACCESS'],
  [SG]: ['INCOMING_SSH_DISABLED', 'RESTRICTED_INCOMING_TRAFFIC', 'VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS', 'VPC_DEFAULT_SECURITY_GROUP_CLOSED',
    'EC2_SECURITY_GROUP_ATTACHED_TO_ENI', 'EC2_SECURITY_GROUP_ATTACHED_TO_ENI_PERIODIC'],
  [S3]: ['S3_BUCKET_ACL_PROHIBITED', 'S3_BUCKET_DEFAULT_LOCK_ENABLED', 'S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED', 'S3_BUCKET_LOGGING_ENABLED',
    'S3_BUCKET_PUBLIC_READ_PROHIBITED', 'S3_BUCKET_PUBLIC_WRITE_PROHIBITED', 'S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED', 'S3_BUCKET_SSL_REQUESTS_ONLY',
    'S3_BUCKET_TAGGED', 'S3_BUCKET_VERSIONING_ENABLED'],
};
const TAG_RULES = { [SQS]: 7, [SNS]: 7, [SG]: 7, [S3]: 7 };
const short = { [SQS]: 'sqs', [SNS]: 'sns', [SG]: 'sg', [S3]: 's3' };

function rules() {
  const out = [];
  for (const [type, ids] of Object.entries(MANAGED)) {
    for (const id of ids) out.push({ type, periodic: id.endsWith('_PERIODIC'), rule: { ConfigRuleName: id.toLowerCase().replace(/_/g, '-'), Scope: { ComplianceResourceTypes: [type] }, Source: { Owner: 'AWS', SourceIdentifier: id } } });
  }
  for (const [type, n] of Object.entries(TAG_RULES)) {
    for (let i = 0; i < n; i++) {
      out.push({ type, periodic: false, rule: { ConfigRuleName: `tags-${short[type]}-${i}`, Scope: { ComplianceResourceTypes: [type] },
        InputParameters: JSON.stringify({ tag1Key: `team${i}` }), Source: { Owner: 'AWS', SourceIdentifier: 'REQUIRED_TAGS' } } });
    }
  }
  return out;
}

/** Runs n jobs with CONNECTIONS in flight. */
async function pool(n, job) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(CONNECTIONS, n) }, async () => {
    while (next < n) await job(next++);
  }));
}

/** The engine's log: per recorded item, the rules it ran. */
function watchLog(child) {
  const log = { lines: 0, byResource: new Map(), waiters: [] };
  let rest = '';
  child.stderr.on('data', (chunk) => {
    const text = rest + chunk;
    const lines = text.split('\n');
    rest = lines.pop();
    for (const line of lines) {
      const m = /^kanri-config-rules: (\S+) (\S+) ran (\S+)$/.exec(line);
      if (!m) continue;
      log.lines++;
      const ran = m[3] === '-' ? [] : m[3].split(',').map((x) => x.split(':')[0]);
      log.byResource.set(`${m[1]} ${m[2]}`, ran);
      for (const w of log.waiters.splice(0)) w();
    }
  });
  log.until = async (ok) => { while (!ok()) await new Promise((r) => log.waiters.push(r)); };
  return log;
}

async function setup(c, port, log) {
  await c.restJson('s3', 'PUT', '/config-rules-bench');
  await config(c, 'PutConfigurationRecorder', { ConfigurationRecorder: { name: 'default', roleARN: `arn:aws:iam::${ACCOUNT}:role/config`, recordingGroup: { allSupported: true } } });
  await config(c, 'PutDeliveryChannel', { DeliveryChannel: { name: 'default', s3BucketName: 'config-rules-bench' } });
  await config(c, 'StartConfigurationRecorder', { ConfigurationRecorderName: 'default' });
  const t0 = performance.now();
  await pool(N.queues, (i) => c.json('sqs', 'AmazonSQS.CreateQueue', { QueueName: `q${i}` }));
  await pool(N.topics, (i) => c.query('sns', { Action: 'CreateTopic', Version: '2010-03-31', Name: `t${i}` }));
  await pool(N.groups, (i) => c.query('ec2', { Action: 'CreateSecurityGroup', Version: '2016-11-15', GroupName: `g${i}`, GroupDescription: 'bench' }));
  await pool(N.buckets, (i) => c.restJson('s3', 'PUT', `/bench-bucket-${i}`));
  const total = N.queues + N.topics + N.groups + N.buckets;
  const counts = await config(c, 'GetDiscoveredResourceCounts', {});
  void port;
  return { seconds: (performance.now() - t0) / 1000, total, recorded: counts.totalDiscoveredResources, logged: log.lines };
}

async function putRules(c, all) {
  const t0 = performance.now();
  for (const r of all) await config(c, 'PutConfigRule', { ConfigRule: r.rule });
  return (performance.now() - t0) / 1000;
}

async function verdict(c, rule, id) {
  const out = await config(c, 'GetComplianceDetailsByResource', { ResourceType: SQS, ResourceId: id });
  return out.EvaluationResults.find((r) => r.EvaluationResultIdentifier.EvaluationResultQualifier.ConfigRuleName === rule)?.ComplianceType;
}

/** A tag flips tags-sqs-0 for one queue; the time from the 2xx until the verdict shows. Also checks which rules ran. */
async function changeToVerdict(c, port, log, expected) {
  const ms = [];
  let wrong = 0;
  for (let i = 0; i < PROBES; i++) {
    const name = `q${i % N.queues}`;
    const tagged = Math.floor(i / N.queues) % 2 === 0;
    const want = tagged ? 'COMPLIANT' : 'NON_COMPLIANT';
    const key = `${SQS} ${queueId(name)}`;
    log.byResource.delete(key);
    if (tagged) await c.json('sqs', 'AmazonSQS.TagQueue', { QueueUrl: queueUrl(port, name), Tags: { team0: 'x' } });
    else await c.json('sqs', 'AmazonSQS.UntagQueue', { QueueUrl: queueUrl(port, name), TagKeys: ['team0'] });
    const t0 = performance.now();
    while (await verdict(c, 'tags-sqs-0', queueId(name)) !== want) await new Promise((r) => setImmediate(r));
    ms.push(performance.now() - t0);
    await log.until(() => log.byResource.has(key));
    const ran = [...log.byResource.get(key)].sort();
    if (ran.join() !== expected.join()) wrong++;
  }
  return { p50: pct(ms, 50), p99: pct(ms, 99), wrong };
}

/** CHANGES queue changes sent as fast as CONNECTIONS allow, until the engine has evaluated them all. */
async function throughput(c, port, log) {
  const start = log.lines;
  const t0 = performance.now();
  await pool(CHANGES, (i) => c.json('sqs', 'AmazonSQS.SetQueueAttributes', {
    QueueUrl: queueUrl(port, `q${i % N.queues}`), Attributes: { MaximumMessageSize: String(1024 + (i % 200000)) },
  }));
  await log.until(() => log.lines - start >= CHANGES);
  return CHANGES / ((performance.now() - t0) / 1000);
}

async function fullEvaluation(c, all) {
  const t0 = performance.now();
  const names = all.map((r) => r.rule.ConfigRuleName);
  for (let i = 0; i < names.length; i += 25) await config(c, 'StartConfigRulesEvaluation', { ConfigRuleNames: names.slice(i, i + 25) });
  return (performance.now() - t0) / 1000;
}

async function periodic(port) {
  const t0 = performance.now();
  const res = await fetch(`http://127.0.0.1:${port}/_kanri/clock`, { method: 'POST', body: JSON.stringify({ advance: 'PT25H' }) });
  if (res.status !== 200) throw new Error(`clock: ${res.status}`);
  return (performance.now() - t0) / 1000;
}

async function main() {
  assertKanriBuilt();
  process.env.KANRI_CONFIG_RULE_LOG = '1';
  const port = await freePort();
  const child = startKanri(port, makeTempDir('kanri-config-rules-bench-'));
  const log = watchLog(child);
  await waitHealthy(child, port, '/_kanri/health');
  const c = client(port, { keepAlive: true, timeoutMs: 600_000 });
  try {
    const all = rules();
    const made = await setup(c, port, log);
    const putSeconds = await putRules(c, all);
    const expected = all.filter((r) => r.type === SQS && !r.periodic).map((r) => r.rule.ConfigRuleName).sort();
    const latency = await changeToVerdict(c, port, log, expected);
    const perSecond = await throughput(c, port, log);
    const full = await fullEvaluation(c, all);
    const day = await periodic(port);
    console.log(table(['measure', 'value', 'unit'], [
      [`resources recorded (of ${made.total} made)`, String(made.recorded), ''],
      ['rules (managed, scoped to one type each)', String(all.length), ''],
      ['rule cache (KANRI_CONFIG_RULE_CACHE)', CACHE, ''],
      [`putting the ${all.length} rules (each judges what is in scope)`, fixed(putSeconds, 2), 's'],
      ['change 2xx -> verdict p50', fixed(latency.p50, 2), 'ms'],
      ['change 2xx -> verdict p99', fixed(latency.p99, 2), 'ms'],
      [`changes recorded and evaluated with ${all.length} rules`, fixed(perSecond, 0), 'items/s'],
      [`full re-evaluation of ${all.length} rules over ${made.recorded} resources`, fixed(full, 2), 's'],
      ['periodic run when the clock moves a day', fixed(day, 2), 's'],
    ], 1));
    const scoped = latency.wrong === 0;
    console.log(`\nbar: each change ran exactly the ${expected.length} rules in its scope, of ${all.length} (evaluationCounts): ${scoped ? 'PASS' : `FAIL (${latency.wrong} of ${PROBES} probes)`}`);
    console.log(`BENCH_JSON ${JSON.stringify({
      resources: made.recorded, rules: all.length, cache: CACHE, putRulesSeconds: round(putSeconds),
      changeToVerdictMs: { p50: round(latency.p50), p99: round(latency.p99) }, evaluatedItemsPerSecond: round(perSecond, 0),
      fullEvaluationSeconds: round(full), periodicSeconds: round(day), scoped,
    })}`);
    if (!scoped) process.exitCode = 1;
  } finally {
    c.close();
    await stop(child);
  }
}

runBench(main, 30);
