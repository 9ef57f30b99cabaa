// What Config suites share: a started recorder with its delivery bucket, and a rule's verdicts by
// resource id as GetComplianceDetailsByConfigRule reports them.
import * as C from '@aws-sdk/client-config-service';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { sdkConfig, type Kanri } from './harness';

/** Creates the bucket, a recorder of every type (global IAM types too unless told) and its delivery channel, and starts it. */
export async function startRecording(kanri: Kanri, cfg: C.ConfigServiceClient, bucket = 'config-delivery', globalTypes = true): Promise<void> {
  await new S3Client({ ...sdkConfig(kanri), forcePathStyle: true }).send(new CreateBucketCommand({ Bucket: bucket }));
  await cfg.send(new C.PutConfigurationRecorderCommand({ ConfigurationRecorder: { name: 'default', roleARN: 'arn:aws:iam::000000000000:role/config',
    recordingGroup: { allSupported: true, includeGlobalResourceTypes: globalTypes } } }));
  await cfg.send(new C.PutDeliveryChannelCommand({ DeliveryChannel: { name: 'default', s3BucketName: bucket } }));
  await cfg.send(new C.StartConfigurationRecorderCommand({ ConfigurationRecorderName: 'default' }));
}

/** resource id -> compliance, once what was recorded has been judged (after StartConfigRulesEvaluation when `evaluate`). */
export async function verdicts(kanri: Kanri, cfg: C.ConfigServiceClient, rule: string, evaluate = false): Promise<Record<string, string>> {
  await kanri.platform.outbox.drain();
  if (evaluate) {
    await cfg.send(new C.StartConfigRulesEvaluationCommand({ ConfigRuleNames: [rule] }));
    await kanri.platform.outbox.drain();
  }
  await new Promise((r) => setTimeout(r, 20));
  const out = await cfg.send(new C.GetComplianceDetailsByConfigRuleCommand({ ConfigRuleName: rule }));
  return Object.fromEntries(out.EvaluationResults!.map((r) => [r.EvaluationResultIdentifier!.EvaluationResultQualifier!.ResourceId!, r.ComplianceType!]));
}
