// Custom Lambda Config rules with functions that really run (--run-lambdas): a Python rule (boto3)
// and a Node.js rule (SDK v3) give their verdicts through PutEvaluations for an in-scope change and
// for a periodic run, a throwing function shows its error in the evaluation status, and compliance
// changes reach the delivery channel's SNS topic as ComplianceChangeNotification.
import { describe, expect, it } from 'vitest';
import * as C from '@aws-sdk/client-config-service';
import * as Q from '@aws-sdk/client-sqs';
import { AddPermissionCommand, CreateFunctionCommand, DeleteFunctionCommand, RemovePermissionCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { advanceClock, type Kanri, rejects, sdkConfig } from './harness';
import { ROLE, withLambdaKanri } from './lambda-kit';
import { zip } from './lambda-zip';

let kanri: Kanri;
let lambda: LambdaClient;
withLambdaKanri((k, l) => { kanri = k; lambda = l; });

const ACCOUNT = '000000000000';
const fnArn = (name: string) => `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${name}`;
const queueId = (name: string) => `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/${name}`;
const BOTH = [
  { EventSource: 'aws.config' as const, MessageType: 'ConfigurationItemChangeNotification' as const },
  { EventSource: 'aws.config' as const, MessageType: 'ScheduledNotification' as const, MaximumExecutionFrequency: 'TwentyFour_Hours' as const },
];

// Python: a queue whose name contains "bad" is NON_COMPLIANT; a scheduled run judges the account.
const PYTHON = `import json, boto3
def handler(event, context):
    invoking = json.loads(event["invokingEvent"])
    params = json.loads(event["ruleParameters"])
    if invoking["messageType"] == "ScheduledNotification":
        ev = {"ComplianceResourceType": "AWS::::Account", "ComplianceResourceId": event["accountId"], "ComplianceType": "COMPLIANT",
              "Annotation": "python periodic", "OrderingTimestamp": invoking["notificationCreationTime"]}
    else:
        item = invoking["configurationItem"]
        bad = params["word"] in (item["resourceName"] or "")
        ev = {"ComplianceResourceType": item["resourceType"], "ComplianceResourceId": item["resourceId"],
              "ComplianceType": "NOT_APPLICABLE" if event["eventLeftScope"] else ("NON_COMPLIANT" if bad else "COMPLIANT"),
              "Annotation": "python says " + item["configurationItemStatus"], "OrderingTimestamp": item["configurationItemCaptureTime"]}
    boto3.client("config").put_evaluations(Evaluations=[ev], ResultToken=event["resultToken"])
`;

// Node.js: a queue is COMPLIANT when tagged owner; the annotation tells what the event carried.
const NODE = `const { ConfigServiceClient, PutEvaluationsCommand } = require('@aws-sdk/client-config-service');
exports.handler = async (event) => {
  const invoking = JSON.parse(event.invokingEvent);
  const said = [invoking.messageType, event.configRuleName, event.configRuleId, event.version, event.executionRoleArn].join('|');
  const ev = invoking.messageType === 'ScheduledNotification'
    ? { ComplianceResourceType: 'AWS::::Account', ComplianceResourceId: event.accountId, ComplianceType: 'NON_COMPLIANT', Annotation: said, OrderingTimestamp: new Date(invoking.notificationCreationTime) }
    : { ComplianceResourceType: invoking.configurationItem.resourceType, ComplianceResourceId: invoking.configurationItem.resourceId,
        ComplianceType: invoking.configurationItem.tags.owner ? 'COMPLIANT' : 'NON_COMPLIANT', Annotation: said + '|' + invoking.configurationItemDiff.changeType,
        OrderingTimestamp: new Date(invoking.configurationItem.configurationItemCaptureTime) };
  await new ConfigServiceClient({}).send(new PutEvaluationsCommand({ Evaluations: [ev], ResultToken: event.resultToken }));
};`;

const THROWING = 'def handler(event, context):\n    raise ValueError("no verdict today")\n';
const SLEEPING = 'import time\ndef handler(event, context):\n    time.sleep(3)\n';

async function until<T>(what: () => Promise<T>, ok: (v: T) => boolean, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  let v = await what();
  while (!ok(v) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 100));
    v = await what();
  }
  return v;
}

const customLambda = () => require('../dist/services/config/evaluation/custom-lambda') as typeof import('../src/services/config/evaluation/custom-lambda');

/** Moves the clock a day on once every invocation so far has answered: a day later its ResultToken would be gone. */
async function nextDay(): Promise<void> {
  await until(async () => customLambda().pendingInvocations(), (n) => n === 0);
  await advanceClock(kanri, 'PT25H');
}

async function verdicts(cfg: C.ConfigServiceClient, rule: string): Promise<Record<string, [string, string | undefined]>> {
  const out = await cfg.send(new C.GetComplianceDetailsByConfigRuleCommand({ ConfigRuleName: rule }));
  return Object.fromEntries(out.EvaluationResults!.map((r) => [r.EvaluationResultIdentifier!.EvaluationResultQualifier!.ResourceId!, [r.ComplianceType!, r.Annotation]]));
}

async function createRuleFunction(name: string, runtime: string, handler: string, files: Record<string, string>, permit = true): Promise<void> {
  await lambda.send(new CreateFunctionCommand({ FunctionName: name, Runtime: runtime as 'python3.11', Role: ROLE, Handler: handler, Timeout: 30, Code: { ZipFile: zip(files) } }));
  if (permit) await lambda.send(new AddPermissionCommand({ FunctionName: name, StatementId: 'config', Action: 'lambda:InvokeFunction', Principal: 'config.amazonaws.com', SourceAccount: ACCOUNT }));
}

describe('custom Lambda Config rules', () => {
  let cfg: C.ConfigServiceClient;
  let sqs: Q.SQSClient;
  let notesUrl: string;

  it('sets up recording with an SNS delivery channel', async () => {
    cfg = new C.ConfigServiceClient(sdkConfig(kanri));
    sqs = new Q.SQSClient(sdkConfig(kanri));
    const sns = new SNSClient(sdkConfig(kanri));
    await new S3Client({ ...sdkConfig(kanri), forcePathStyle: true }).send(new CreateBucketCommand({ Bucket: 'config-lambda-rules' }));
    const topicArn = (await sns.send(new CreateTopicCommand({ Name: 'config-topic' }))).TopicArn!;
    notesUrl = (await sqs.send(new Q.CreateQueueCommand({ QueueName: 'config-notes' }))).QueueUrl!;
    await sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: `arn:aws:sqs:us-east-1:${ACCOUNT}:config-notes` }));
    await cfg.send(new C.PutConfigurationRecorderCommand({ ConfigurationRecorder: { name: 'default', roleARN: `arn:aws:iam::${ACCOUNT}:role/config`,
      recordingGroup: { allSupported: true, includeGlobalResourceTypes: true } } }));
    await cfg.send(new C.PutDeliveryChannelCommand({ DeliveryChannel: { name: 'default', s3BucketName: 'config-lambda-rules', snsTopicARN: topicArn } }));
    await cfg.send(new C.StartConfigurationRecorderCommand({ ConfigurationRecorderName: 'default' }));
  });

  it('refuses a rule whose function is missing or does not let Config invoke it', async () => {
    const rule = (name: string) => ({ ConfigRuleName: 'refused', Source: { Owner: 'CUSTOM_LAMBDA' as const, SourceIdentifier: fnArn(name), SourceDetails: BOTH } });
    await rejects(cfg.send(new C.PutConfigRuleCommand({ ConfigRule: rule('nowhere') })), 'InsufficientPermissionsException', 400);
    await createRuleFunction('unpermitted', 'python3.11', 'app.handler', { 'app.py': PYTHON }, false);
    await rejects(cfg.send(new C.PutConfigRuleCommand({ ConfigRule: rule('unpermitted') })), 'InsufficientPermissionsException', 400);
    await rejects(cfg.send(new C.PutEvaluationsCommand({ ResultToken: 'made-up', Evaluations: [] })), 'InvalidResultTokenException', 400);
    // TestMode checks the call without a valid token and records nothing.
    expect((await cfg.send(new C.PutEvaluationsCommand({ ResultToken: 'made-up', TestMode: true, Evaluations: [{
      ComplianceResourceType: 'AWS::SQS::Queue', ComplianceResourceId: 'x', ComplianceType: 'COMPLIANT', OrderingTimestamp: new Date() }] }))).FailedEvaluations).toEqual([]);
  });

  it('a Python rule judges in-scope changes and runs periodically through PutEvaluations', async () => {
    await createRuleFunction('py-rule', 'python3.11', 'app.handler', { 'app.py': PYTHON });
    await sqs.send(new Q.CreateQueueCommand({ QueueName: 'good-queue' }));
    await cfg.send(new C.PutConfigRuleCommand({ ConfigRule: { ConfigRuleName: 'py-queues', InputParameters: JSON.stringify({ word: 'bad' }),
      Scope: { ComplianceResourceTypes: ['AWS::SQS::Queue'] }, Source: { Owner: 'CUSTOM_LAMBDA', SourceIdentifier: fnArn('py-rule'), SourceDetails: BOTH } } }));
    const opened = await sqs.send(new Q.CreateQueueCommand({ QueueName: 'bad-queue' }));
    expect(opened.QueueUrl).toBeDefined();
    const v = await until(() => verdicts(cfg, 'py-queues'), (x) => !!x[queueId('bad-queue')]);
    expect(v[queueId('bad-queue')]).toEqual(['NON_COMPLIANT', 'python says OK']);
    // Out of scope (a topic) never reaches the function.
    await new SNSClient(sdkConfig(kanri)).send(new CreateTopicCommand({ Name: 'bad-topic' }));

    await nextDay();
    const after = await until(() => verdicts(cfg, 'py-queues'), (x) => !!x[ACCOUNT]);
    expect(after[ACCOUNT]).toEqual(['COMPLIANT', 'python periodic']);
    expect(Object.keys(after).some((id) => id.includes('topic'))).toBe(false);
    const byRule = await cfg.send(new C.DescribeComplianceByConfigRuleCommand({ ConfigRuleNames: ['py-queues'] }));
    expect(byRule.ComplianceByConfigRules![0].Compliance!.ComplianceType).toBe('NON_COMPLIANT');
    const [status] = (await cfg.send(new C.DescribeConfigRuleEvaluationStatusCommand({ ConfigRuleNames: ['py-queues'] }))).ConfigRulesEvaluationStatus!;
    expect(status.LastSuccessfulEvaluationTime).toBeInstanceOf(Date);
    expect(status.LastErrorCode).toBeUndefined();
  });

  it('a Node.js rule gets AWS\'s event and gives its verdicts, on change and periodically', async () => {
    await createRuleFunction('node-rule', 'nodejs20.x', 'index.handler', { 'index.js': NODE });
    await cfg.send(new C.PutConfigRuleCommand({ ConfigRule: { ConfigRuleName: 'node-owned', Scope: { ComplianceResourceTypes: ['AWS::SQS::Queue'] },
      Source: { Owner: 'CUSTOM_LAMBDA', SourceIdentifier: fnArn('node-rule'), SourceDetails: BOTH } } }));
    const [rule] = (await cfg.send(new C.DescribeConfigRulesCommand({ ConfigRuleNames: ['node-owned'] }))).ConfigRules!;
    const url = (await sqs.send(new Q.CreateQueueCommand({ QueueName: 'owned', tags: { owner: 'me' } }))).QueueUrl!;
    let v = await until(() => verdicts(cfg, 'node-owned'), (x) => !!x[queueId('owned')]);
    expect(v[queueId('owned')]).toEqual(['COMPLIANT',
      `ConfigurationItemChangeNotification|node-owned|${rule.ConfigRuleId}|1.0|arn:aws:iam::${ACCOUNT}:role/config|CREATE`]);
    await sqs.send(new Q.UntagQueueCommand({ QueueUrl: url, TagKeys: ['owner'] }));
    v = await until(() => verdicts(cfg, 'node-owned'), (x) => x[queueId('owned')]?.[0] === 'NON_COMPLIANT');
    expect(v[queueId('owned')][0]).toBe('NON_COMPLIANT');
    expect(v[queueId('owned')][1]).toMatch(/\|UPDATE$/);

    await nextDay();
    v = await until(() => verdicts(cfg, 'node-owned'), (x) => !!x[ACCOUNT]);
    expect(v[ACCOUNT][0]).toBe('NON_COMPLIANT');
    expect(v[ACCOUNT][1]).toMatch(/^ScheduledNotification\|node-owned\|/);
    const byResource = await cfg.send(new C.GetComplianceDetailsByResourceCommand({ ResourceType: 'AWS::SQS::Queue', ResourceId: queueId('owned') }));
    expect(byResource.EvaluationResults!.map((r) => r.EvaluationResultIdentifier!.EvaluationResultQualifier!.ConfigRuleName).sort()).toEqual(['node-owned', 'py-queues']);
  });

  it('shows a throwing function\'s error in the evaluation status', async () => {
    await createRuleFunction('thrower', 'python3.11', 'app.handler', { 'app.py': THROWING });
    await cfg.send(new C.PutConfigRuleCommand({ ConfigRule: { ConfigRuleName: 'throws', Scope: { ComplianceResourceTypes: ['AWS::SQS::Queue'] },
      Source: { Owner: 'CUSTOM_LAMBDA', SourceIdentifier: fnArn('thrower'), SourceDetails: [BOTH[0]] } } }));
    const status = await until(async () => (await cfg.send(new C.DescribeConfigRuleEvaluationStatusCommand({ ConfigRuleNames: ['throws'] }))).ConfigRulesEvaluationStatus![0],
      (s) => !!s.LastErrorCode);
    expect(status).toMatchObject({ LastErrorCode: 'ValueError', LastErrorMessage: 'no verdict today' });
    expect(status.LastFailedInvocationTime).toBeInstanceOf(Date);
    expect(await verdicts(cfg, 'throws')).toEqual({});
  });

  it('sends ComplianceChangeNotification to the delivery channel\'s topic', async () => {
    const seen: any[] = [];
    await until(async () => {
      const out = await sqs.send(new Q.ReceiveMessageCommand({ QueueUrl: notesUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
      for (const m of out.Messages ?? []) {
        const envelope = JSON.parse(m.Body!);
        const message = JSON.parse(envelope.Message);
        if (message.messageType === 'ComplianceChangeNotification') seen.push({ subject: envelope.Subject, message });
      }
      return seen;
    }, (s) => s.some((n) => n.message.resourceId === queueId('bad-queue')));
    const note = seen.find((n) => n.message.resourceId === queueId('bad-queue'));
    expect(note.subject).toBe(`[AWS Config:us-east-1] AWS::SQS::Queue ${queueId('bad-queue')} is NON_COMPLIANT with py-queues in Account ${ACCOUNT}`.slice(0, 97) + '...');
    expect(note.message).toMatchObject({
      awsAccountId: ACCOUNT, configRuleName: 'py-queues', resourceType: 'AWS::SQS::Queue', awsRegion: 'us-east-1', messageType: 'ComplianceChangeNotification',
      recordVersion: '1.0', oldEvaluationResult: null,
      newEvaluationResult: { complianceType: 'NON_COMPLIANT', annotation: 'python says OK',
        evaluationResultIdentifier: { evaluationResultQualifier: { configRuleName: 'py-queues', resourceType: 'AWS::SQS::Queue', resourceId: queueId('bad-queue') } } },
    });
    expect(note.message.configRuleARN).toMatch(/^arn:aws:config:us-east-1:000000000000:config-rule\/config-rule-[0-9a-f]{6}$/);
  });

  it('reports a timeout, a deleted function and a withdrawn permission in the status', async () => {
    const status = (rule: string) => async () => (await cfg.send(new C.DescribeConfigRuleEvaluationStatusCommand({ ConfigRuleNames: [rule] }))).ConfigRulesEvaluationStatus![0];
    await lambda.send(new CreateFunctionCommand({ FunctionName: 'sleeper', Runtime: 'python3.11', Role: ROLE, Handler: 'app.handler', Timeout: 1,
      Code: { ZipFile: zip({ 'app.py': SLEEPING }) } }));
    await lambda.send(new AddPermissionCommand({ FunctionName: 'sleeper', StatementId: 'config', Action: 'lambda:InvokeFunction', Principal: 'config.amazonaws.com' }));
    await cfg.send(new C.PutConfigRuleCommand({ ConfigRule: { ConfigRuleName: 'sleepy', Scope: { ComplianceResourceTypes: ['AWS::SQS::Queue'], ComplianceResourceId: queueId('good-queue') },
      Source: { Owner: 'CUSTOM_LAMBDA', SourceIdentifier: fnArn('sleeper'), SourceDetails: [BOTH[0]] } } }));
    expect(await until(status('sleepy'), (st) => !!st.LastErrorCode)).toMatchObject({ LastErrorCode: 'Sandbox.Timedout', LastErrorMessage: expect.stringMatching(/Task timed out after 1/) });

    await lambda.send(new DeleteFunctionCommand({ FunctionName: 'sleeper' }));
    await sqs.send(new Q.TagQueueCommand({ QueueUrl: queueId('good-queue').replace('https://sqs.us-east-1.amazonaws.com', kanri.url), Tags: { touched: 'yes' } }));
    expect(await until(status('sleepy'), (st) => st.LastErrorCode === 'ResourceNotFoundException'))
      .toMatchObject({ LastErrorCode: 'ResourceNotFoundException', LastErrorMessage: `Function not found: ${fnArn('sleeper')}` });

    await lambda.send(new RemovePermissionCommand({ FunctionName: 'node-rule', StatementId: 'config' }));
    await sqs.send(new Q.TagQueueCommand({ QueueUrl: queueId('owned').replace('https://sqs.us-east-1.amazonaws.com', kanri.url), Tags: { touched: 'yes' } }));
    const denied = await until(status('node-owned'), (st) => st.LastErrorCode === 'AccessDeniedException');
    expect(denied.LastErrorMessage).toBe(`The AWS Lambda function ${fnArn('node-rule')} cannot be invoked. Check the specified function ARN, and check the function's permissions.`);
    expect(denied.LastFailedInvocationTime).toBeInstanceOf(Date);
  });
});

describe('remediation configurations', () => {
  let cfg: C.ConfigServiceClient;
  const target = { TargetType: 'SSM_DOCUMENT' as const, TargetId: 'AWS-PublishSNSNotification',
    Parameters: { Message: { StaticValue: { Values: ['fix me'] } }, TopicArn: { StaticValue: { Values: [`arn:aws:sns:us-east-1:${ACCOUNT}:config-topic`] } } } };
  const bad = { resourceType: 'AWS::SQS::Queue' as const, resourceId: queueId('bad-queue') };

  it('are checked, stored, described and keep the rule from being deleted', async () => {
    cfg = new C.ConfigServiceClient(sdkConfig(kanri));
    await rejects(cfg.send(new C.PutRemediationConfigurationsCommand({ RemediationConfigurations: [{ ConfigRuleName: 'nope', ...target }] })), 'InvalidParameterValueException', 400);
    await rejects(cfg.send(new C.PutRemediationConfigurationsCommand({ RemediationConfigurations: [{ ConfigRuleName: 'py-queues', ...target, Automatic: true }] })),
      'InvalidParameterValueException', 400); // automatic needs AutomationAssumeRole
    await rejects(cfg.send(new C.PutRemediationConfigurationsCommand({ RemediationConfigurations: [{ ConfigRuleName: 'py-queues', ...target,
      Parameters: { Message: { StaticValue: { Values: ['x'] }, ResourceValue: { Value: 'RESOURCE_ID' } } } }] })), 'InvalidParameterValueException', 400);
    expect((await cfg.send(new C.PutRemediationConfigurationsCommand({ RemediationConfigurations: [{ ConfigRuleName: 'py-queues', ...target }] }))).FailedBatches).toEqual([]);
    const [described] = (await cfg.send(new C.DescribeRemediationConfigurationsCommand({ ConfigRuleNames: ['py-queues', 'node-owned'] }))).RemediationConfigurations!;
    expect(described).toMatchObject({ ConfigRuleName: 'py-queues', ...target });
    expect(described.Arn).toMatch(/^arn:aws:config:us-east-1:000000000000:remediation-configuration\/py-queues\/[0-9a-f-]{36}$/);
    await rejects(cfg.send(new C.DeleteConfigRuleCommand({ ConfigRuleName: 'py-queues' })), 'ResourceInUseException', 400);
  });

  it('exceptions go on NON_COMPLIANT resources only', async () => {
    const put = await cfg.send(new C.PutRemediationExceptionsCommand({ ConfigRuleName: 'py-queues', Message: 'known',
      ResourceKeys: [{ ResourceType: 'AWS::SQS::Queue', ResourceId: queueId('bad-queue') }, { ResourceType: 'AWS::SQS::Queue', ResourceId: queueId('good-queue') }] }));
    expect(put.FailedBatches![0].FailedItems!.map((i) => i.ResourceId)).toEqual([queueId('good-queue')]);
    const listed = await cfg.send(new C.DescribeRemediationExceptionsCommand({ ConfigRuleName: 'py-queues' }));
    expect(listed.RemediationExceptions).toEqual([{ ConfigRuleName: 'py-queues', ResourceType: 'AWS::SQS::Queue', ResourceId: queueId('bad-queue'), Message: 'known' }]);
    const keys = [{ ResourceType: 'AWS::SQS::Queue', ResourceId: queueId('bad-queue') }];
    expect((await cfg.send(new C.DeleteRemediationExceptionsCommand({ ConfigRuleName: 'py-queues', ResourceKeys: keys }))).FailedBatches).toEqual([]);
    await rejects(cfg.send(new C.DeleteRemediationExceptionsCommand({ ConfigRuleName: 'py-queues', ResourceKeys: keys })), 'NoSuchRemediationExceptionException', 400);
  });

  it('executions fail honestly: kanri has no SSM Automation', async () => {
    await rejects(cfg.send(new C.StartRemediationExecutionCommand({ ConfigRuleName: 'node-owned', ResourceKeys: [bad] })), 'NoSuchRemediationConfigurationException', 400);
    const started = await cfg.send(new C.StartRemediationExecutionCommand({ ConfigRuleName: 'py-queues', ResourceKeys: [bad] }));
    expect(started.FailureMessage).toMatch(/SSM Automation/);
    expect(started.FailedItems).toEqual([bad]);
    const [st] = (await cfg.send(new C.DescribeRemediationExecutionStatusCommand({ ConfigRuleName: 'py-queues' }))).RemediationExecutionStatuses!;
    expect(st).toMatchObject({ ResourceKey: bad, State: 'FAILED', StepDetails: [{ Name: 'StartAutomationExecution', State: 'FAILED' }] });
    expect(st.StepDetails![0].ErrorMessage).toMatch(/^kanri does not run SSM Automation yet: the remediation document AWS-PublishSNSNotification was not run/);

    // Automatic remediation of a new NON_COMPLIANT resource is recorded the same way.
    await cfg.send(new C.PutRemediationConfigurationsCommand({ RemediationConfigurations: [{ ConfigRuleName: 'py-queues', ...target, Automatic: true,
      MaximumAutomaticAttempts: 3, RetryAttemptSeconds: 60,
      Parameters: { ...target.Parameters, AutomationAssumeRole: { StaticValue: { Values: [`arn:aws:iam::${ACCOUNT}:role/remediate`] } } } }] }));
    await new Q.SQSClient(sdkConfig(kanri)).send(new Q.CreateQueueCommand({ QueueName: 'bad-again' }));
    const auto = await until(async () => (await cfg.send(new C.DescribeRemediationExecutionStatusCommand({ ConfigRuleName: 'py-queues',
      ResourceKeys: [{ resourceType: 'AWS::SQS::Queue', resourceId: queueId('bad-again') }] }))).RemediationExecutionStatuses!, (x) => x.length > 0);
    expect(auto[0].State).toBe('FAILED');

    await cfg.send(new C.DeleteRemediationConfigurationCommand({ ConfigRuleName: 'py-queues' }));
    expect((await cfg.send(new C.DescribeRemediationConfigurationsCommand({ ConfigRuleNames: ['py-queues'] }))).RemediationConfigurations).toEqual([]);
    await rejects(cfg.send(new C.DeleteRemediationConfigurationCommand({ ConfigRuleName: 'py-queues' })), 'NoSuchRemediationConfigurationException', 400);
    await cfg.send(new C.DeleteConfigRuleCommand({ ConfigRuleName: 'py-queues' }));
  });
});
