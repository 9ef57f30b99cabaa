#!/usr/bin/env node
// AWS Config rules on kanri alone (moto's rules do not evaluate): with RESOURCES recorded resources
// (SQS queues, SNS topics, security groups, volumes) and RULES managed rules scoped to different
// types, it prints change -> verdict latency (p50/p99), the time of a full re-evaluation of every
// rule over the account, and proves with the rules' own evaluation status that a change runs only
// the rules in whose scope it falls. The last line is BENCH_JSON.
//   BENCH_RULES_RESOURCES (10000), BENCH_RULES_COUNT (50), BENCH_RULES_PROBES (100), BENCH_CONNECTIONS (32)
'use strict';
const { performance } = require('node:perf_hooks');
const { assertKanriBuilt, freePort, makeTempDir, startKanri, stop, waitHealthy } = require('./support/servers');
const { client } = require('./support/aws-client');
const { fixed, round, table } = require('./support/report');

const RESOURCES = Number(process.env.BENCH_RULES_RESOURCES || 10_000);
const RULES = Number(process.env.BENCH_RULES_COUNT || 50);
const PROBES = Number(process.env.BENCH_RULES_PROBES || 100);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 32);
setTimeout(() => { console.error('bench: time limit reached'); process.exit(2); }, 20 * 60_000).unref();

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
};
const cfg = (c, op, body) => c.json('config', `StarlingDoveService.${op}`, body, '1.1');
const ec2 = async (c, params) => c.query('ec2', { Version: '2016-11-15', ...params });
const tagOf = (xml, name) => xml.match(new RegExp(`<${name}>([^<]+)</${name}>`))[1];

async function pool(n, job) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(CONNECTIONS, n) }, async () => {
    while (next < n) await job(next++);
  }));
}

/** The managed rules (and the one type each is scoped to); repeated with other names and tag scopes up to RULES. */
const TEMPLATES = [
  ['INCOMING_SSH_DISABLED', 'AWS::EC2::SecurityGroup'], ['RESTRICTED_INCOMING_TRAFFIC', 'AWS::EC2::SecurityGroup'],
  ['VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS', 'AWS::EC2::SecurityGroup', { authorizedTcpPorts: '443' }], ['VPC_DEFAULT_SECURITY_GROUP_CLOSED', 'AWS::EC2::SecurityGroup'],
  ['EC2_SECURITY_GROUP_ATTACHED_TO_ENI', 'AWS::EC2::SecurityGroup'], ['ENCRYPTED_VOLUMES', 'AWS::EC2::Volume'], ['EC2_VOLUME_INUSE_CHECK', 'AWS::EC2::Volume'],
  ['SNS_ENCRYPTED_KMS', 'AWS::SNS::Topic'], ['SNS_TOPIC_NO_PUBLIC_ACCESS', 'AWS::SNS::Topic'], ['SNS_TOPIC_MESSAGE_DELIVERY_NOTIFICATION_ENABLED', 'AWS::SNS::Topic'],
  ['SQS_QUEUE_DLQ_CHECK', 'AWS::SQS::Queue'], ['SQS_QUEUE_NO_PUBLIC_ACCESS', 'AWS::SQS::Queue'], ['SQS_QUEUE_POLICY_FULL_ACCESS_CHECK', 'AWS::SQS::Queue'],
  ['REQUIRED_TAGS', 'AWS::EC2::SecurityGroup', { tag1Key: 'team' }], ['REQUIRED_TAGS', 'AWS::EC2::Volume', { tag1Key: 'team' }],
];

function ruleDefs() {
  return Array.from({ length: RULES }, (_, i) => {
    const [id, type, params] = TEMPLATES[i % TEMPLATES.length];
    // Later copies are also scoped by a tag, so some rules see only part of their type.
    const scope = { ComplianceResourceTypes: [type], ...(i >= TEMPLATES.length * 2 ? { TagKey: 'tier', TagValue: 'gold' } : {}) };
    return { ConfigRuleName: `rule-${String(i).padStart(2, '0')}-${id.toLowerCase()}`, Scope: scope, Source: { Owner: 'AWS', SourceIdentifier: id },
      ...(params ? { InputParameters: JSON.stringify(params) } : {}) };
  });
}

async function setup(c) {
  await c.restJson('s3', 'PUT', '/config-rules-bench');
  await cfg(c, 'PutConfigurationRecorder', { ConfigurationRecorder: { name: 'default', roleARN: 'arn:aws:iam::000000000000:role/config' } });
  await cfg(c, 'PutDeliveryChannel', { DeliveryChannel: { name: 'default', s3BucketName: 'config-rules-bench' } });
  await cfg(c, 'StartConfigurationRecorder', { ConfigurationRecorderName: 'default' });
  const vpcs = [];
  for (let i = 0; i < 4; i++) vpcs.push(tagOf(await ec2(c, { Action: 'CreateVpc', CidrBlock: `10.${i}.0.0/16` }), 'vpcId'));
  const quarter = Math.floor(RESOURCES / 4);
  const groups = [];
  const t0 = performance.now();
  await pool(quarter, (i) => c.json('sqs', 'AmazonSQS.CreateQueue', { QueueName: `q${i}` }));
  await pool(quarter, (i) => c.query('sns', { Action: 'CreateTopic', Name: `t${i}` }));
  await pool(quarter, async (i) => {
    groups[i] = tagOf(await ec2(c, { Action: 'CreateSecurityGroup', GroupName: `g${i}`, GroupDescription: 'bench', VpcId: vpcs[i % vpcs.length] }), 'groupId');
  });
  await pool(RESOURCES - 3 * quarter, (i) => ec2(c, { Action: 'CreateVolume', AvailabilityZone: 'us-east-1a', Size: '8' }));
  const created = (performance.now() - t0) / 1000;
  const rules = ruleDefs();
  for (const rule of rules) await cfg(c, 'PutConfigRule', { ConfigRule: rule });
  return { groups, rules, created };
}

/** Every rule's last successful invocation, to see which rules a change ran. */
async function invocations(c, rules) {
  const out = new Map();
  for (let i = 0; i < rules.length; i += 25) {
    const names = rules.slice(i, i + 25).map((r) => r.ConfigRuleName);
    const res = await cfg(c, 'DescribeConfigRuleEvaluationStatus', { ConfigRuleNames: names });
    for (const s of res.ConfigRulesEvaluationStatus) out.set(s.ConfigRuleName, s.LastSuccessfulInvocationTime ?? 0);
  }
  return out;
}

async function verdict(c, rule, groupId) {
  const res = await cfg(c, 'GetComplianceDetailsByResource', { ResourceType: 'AWS::EC2::SecurityGroup', ResourceId: groupId });
  return res.EvaluationResults.find((r) => r.EvaluationResultIdentifier.EvaluationResultQualifier.ConfigRuleName === rule)?.ComplianceType;
}

/** Opening and closing port 22 on a group: time from the 2xx until INCOMING_SSH_DISABLED's verdict flips. */
async function changeToVerdict(c, groups, rule) {
  const ms = [];
  for (let i = 0; i < PROBES; i++) {
    const group = groups[i % groups.length];
    const perm = { 'IpPermissions.1.IpProtocol': 'tcp', 'IpPermissions.1.FromPort': '22', 'IpPermissions.1.ToPort': '22', 'IpPermissions.1.IpRanges.1.CidrIp': '0.0.0.0/0' };
    await ec2(c, { Action: 'AuthorizeSecurityGroupIngress', GroupId: group, ...perm });
    const t0 = performance.now();
    while ((await verdict(c, rule, group)) !== 'NON_COMPLIANT') await new Promise((r) => setImmediate(r));
    ms.push(performance.now() - t0);
    await ec2(c, { Action: 'RevokeSecurityGroupIngress', GroupId: group, ...perm });
  }
  return { p50: pct(ms, 50), p99: pct(ms, 99) };
}

/** One change to one queue: the rules whose status moved are the rules it ran. */
async function rulesRunByOneChange(c, port, rules) {
  const before = await invocations(c, rules);
  await new Promise((r) => setTimeout(r, 5)); // a later millisecond than any earlier run
  await c.json('sqs', 'AmazonSQS.SetQueueAttributes', { QueueUrl: `http://127.0.0.1:${port}/000000000000/q1`, Attributes: { DelaySeconds: '7' } });
  const wanted = rules.filter((r) => r.Scope.ComplianceResourceTypes.includes('AWS::SQS::Queue') && !r.Scope.TagKey).map((r) => r.ConfigRuleName);
  let ran = [];
  for (let tries = 0; tries < 400; tries++) {
    const after = await invocations(c, rules);
    ran = rules.map((r) => r.ConfigRuleName).filter((n) => after.get(n) !== before.get(n));
    if (ran.length >= wanted.length) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  await new Promise((r) => setTimeout(r, 200)); // anything else that would run has run by now
  const after = await invocations(c, rules);
  ran = rules.map((r) => r.ConfigRuleName).filter((n) => after.get(n) !== before.get(n));
  return { ran, wanted };
}

async function main() {
  assertKanriBuilt();
  const port = await freePort();
  const child = startKanri(port, makeTempDir('kanri-rules-bench-'), (process.env.BENCH_KANRI_NODE_ARGS ?? '').split(' ').filter(Boolean));
  await waitHealthy(child, port, '/_kanri/health');
  const c = client(port, { keepAlive: true, timeoutMs: 300_000 });
  try {
    const { groups, rules, created } = await setup(c);
    const sshRule = rules.find((r) => r.Source.SourceIdentifier === 'INCOMING_SSH_DISABLED' && !r.Scope.TagKey).ConfigRuleName;
    const latency = await changeToVerdict(c, groups, sshRule);
    const oneChange = await rulesRunByOneChange(c, port, rules);
    const full = [];
    for (let round = 0; round < 3; round++) {
      const t0 = performance.now();
      for (let i = 0; i < rules.length; i += 25) await cfg(c, 'StartConfigRulesEvaluation', { ConfigRuleNames: rules.slice(i, i + 25).map((r) => r.ConfigRuleName) });
      full.push((performance.now() - t0) / 1000);
    }
    const exact = oneChange.ran.length === oneChange.wanted.length && oneChange.wanted.every((n) => oneChange.ran.includes(n));
    console.log(table(['measure', 'value', 'unit'], [
      ['recorded resources (queues, topics, security groups, volumes)', String(RESOURCES), ''],
      ['  made through the API in', fixed(created, 1), 's'],
      ['rules (managed, scoped to one type; later copies also by tag)', String(rules.length), ''],
      ['change 2xx -> NON_COMPLIANT verdict p50', fixed(latency.p50, 2), 'ms'],
      ['change 2xx -> NON_COMPLIANT verdict p99', fixed(latency.p99, 2), 'ms'],
      ['full re-evaluation of every rule over the account (best of 3)', fixed(Math.min(...full), 2), 's'],
      ['rules run by one SQS queue change', `${oneChange.ran.length} of ${rules.length}`, ''],
      ['rules in whose scope that change falls', String(oneChange.wanted.length), ''],
    ], 1));
    console.log(`\nbar: a change runs only the rules in whose scope it falls (ran: ${oneChange.ran.join(', ') || 'none'}): ${exact ? 'PASS' : 'FAIL'}`);
    console.log(`BENCH_JSON ${JSON.stringify({
      resources: RESOURCES, rules: rules.length, changeToVerdictMs: { p50: round(latency.p50), p99: round(latency.p99) },
      fullReevaluationSeconds: round(Math.min(...full)), rulesRunByOneChange: oneChange.ran.length, rulesInScope: oneChange.wanted.length, onlyInScope: exact,
    })}`);
  } finally {
    c.close();
    await stop(child);
  }
}

main().catch((err) => { console.error(`bench: ${err.stack ?? err}`); process.exit(1); });
