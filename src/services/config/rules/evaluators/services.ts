// KMS, SNS, SQS and Lambda rules.
import { compliant, csv, field, intParam, list, nonCompliant, notApplicable, policyDocument, supplementary, truthy } from '../fields';
import type { Evaluation, ManagedRule } from '../types';
import { RuleEvaluationError } from '../types';
import { actionsOf, grantsPublicly, statements } from './policies';

const KEY = 'AWS::KMS::Key';

// AWS rotates only enabled, symmetric, customer managed keys with AWS_KMS key material.
const keyRotationEnabled: ManagedRule = {
  identifier: 'CMK_BACKING_KEY_ROTATION_ENABLED',
  resourceTypes: [KEY],
  evaluatePeriodic(ctx) {
    const out: Evaluation[] = [];
    for (const key of ctx.items.byType(KEY)) {
      const c = key.configuration;
      if (!c) continue;
      const rotatable = field(c, 'keyManager') === 'CUSTOMER' && field(c, 'keyState') === 'Enabled' &&
        (field(c, 'keySpec') ?? field(c, 'customerMasterKeySpec')) === 'SYMMETRIC_DEFAULT' && (field(c, 'origin') ?? 'AWS_KMS') === 'AWS_KMS';
      if (!rotatable) {
        out.push(...notApplicable(key));
        continue;
      }
      const recorded = supplementary(key, 'KeyRotationStatus');
      const enabled = recorded !== undefined ? truthy(recorded) : ctx.facts?.keyRotationEnabled?.(key.resourceId);
      if (enabled === undefined) throw new RuleEvaluationError(`kanri cannot evaluate this rule yet: the rotation status of key ${key.resourceId} is not recorded.`, 'InsufficientData');
      out.push(...(enabled ? compliant(key) : nonCompliant(key, 'Automatic key rotation is not enabled for the customer managed key.')));
    }
    return out;
  },
};

const keyNotScheduledForDeletion: ManagedRule = {
  identifier: 'KMS_CMK_NOT_SCHEDULED_FOR_DELETION',
  resourceTypes: [KEY],
  evaluatePeriodic(ctx) {
    const only = csv(ctx.parameters.kmsKeyIds);
    const out: Evaluation[] = [];
    for (const key of ctx.items.byType(KEY)) {
      if (!key.configuration || field(key.configuration, 'keyManager') === 'AWS') continue;
      if (only.length && !only.includes(key.resourceId)) continue;
      out.push(...(field(key.configuration, 'keyState') === 'PendingDeletion' ? nonCompliant(key, 'The key is scheduled for deletion.') : compliant(key)));
    }
    return out;
  },
};

const snsEncryptedKms: ManagedRule = {
  identifier: 'SNS_ENCRYPTED_KMS',
  resourceTypes: ['AWS::SNS::Topic'],
  evaluateItem(item, ctx) {
    const key = field(item.configuration, 'KmsMasterKeyId');
    if (!key) return nonCompliant(item, 'The topic is not encrypted with an AWS KMS key.');
    const allowed = csv(ctx.parameters.kmsKeyIds);
    if (allowed.length && !allowed.some((k) => k === key || String(key).endsWith(`/${k}`))) return nonCompliant(item, `The topic's KMS key ${key} is not in kmsKeyIds.`);
    return compliant(item);
  },
};

const snsNoPublicAccess: ManagedRule = {
  identifier: 'SNS_TOPIC_NO_PUBLIC_ACCESS',
  resourceTypes: ['AWS::SNS::Topic'],
  evaluateItem: (item) =>
    grantsPublicly(policyDocument(field(item.configuration, 'Policy')), /^sns:/i) ? nonCompliant(item, 'The topic policy allows public access.') : compliant(item),
};

const snsDeliveryNotification: ManagedRule = {
  identifier: 'SNS_TOPIC_MESSAGE_DELIVERY_NOTIFICATION_ENABLED',
  resourceTypes: ['AWS::SNS::Topic'],
  evaluateItem(item) {
    const c = item.configuration ?? {};
    const logged = ['Application', 'Firehose', 'HTTP', 'Lambda', 'SQS'].some((p) => field(c, `${p}FailureFeedbackRoleArn`) || field(c, `${p}SuccessFeedbackRoleArn`));
    return logged ? compliant(item) : nonCompliant(item, 'Delivery status logging is not enabled for the topic.');
  },
};

const sqsNoPublicAccess: ManagedRule = {
  identifier: 'SQS_QUEUE_NO_PUBLIC_ACCESS',
  resourceTypes: ['AWS::SQS::Queue'],
  evaluateItem: (item) =>
    grantsPublicly(policyDocument(field(item.configuration, 'Policy')), /^sqs:/i) ? nonCompliant(item, 'The queue policy allows public access.') : compliant(item),
};

const sqsPolicyFullAccess: ManagedRule = {
  identifier: 'SQS_QUEUE_POLICY_FULL_ACCESS_CHECK',
  resourceTypes: ['AWS::SQS::Queue'],
  evaluateItem(item) {
    const full = statements(policyDocument(field(item.configuration, 'Policy'))).some((s) =>
      s.Effect === 'Allow' && actionsOf(s).some((a) => a === '*' || a.toLowerCase() === 'sqs:*'));
    return full ? nonCompliant(item, 'The queue policy grants full access (sqs:*).') : compliant(item);
  },
};

const sqsDlq: ManagedRule = {
  identifier: 'SQS_QUEUE_DLQ_CHECK',
  resourceTypes: ['AWS::SQS::Queue'],
  evaluateItem(item) {
    const redrive = field(item.configuration, 'RedrivePolicy');
    const parsed = typeof redrive === 'string' ? policyDocument(redrive) : redrive;
    return parsed?.deadLetterTargetArn ? compliant(item) : nonCompliant(item, 'The queue has no dead-letter queue.');
  },
};

const FUNCTION = 'AWS::Lambda::Function';

// AWS's item carries the function's resource policy as supplementaryConfiguration.Policy.
const lambdaPublicAccess: ManagedRule = {
  identifier: 'LAMBDA_FUNCTION_PUBLIC_ACCESS_PROHIBITED',
  resourceTypes: [FUNCTION],
  evaluateItem(item) {
    const policy = policyDocument(supplementary(item, 'Policy') ?? field(item.configuration, 'policy'));
    const open = grantsPublicly(policy, /^lambda:/i);
    return open ? nonCompliant(item, 'The function policy allows public access.') : compliant(item);
  },
};

const lambdaSettings: ManagedRule = {
  identifier: 'LAMBDA_FUNCTION_SETTINGS_CHECK',
  resourceTypes: [FUNCTION],
  evaluateItem(item, ctx) {
    const c = item.configuration;
    const problems: string[] = [];
    const runtimes = csv(ctx.parameters.runtime);
    if (runtimes.length && !runtimes.includes(field(c, 'runtime'))) problems.push(`runtime ${field(c, 'runtime') ?? '(none)'} is not one of ${runtimes.join(', ')}`);
    if (ctx.parameters.role && field(c, 'role') !== ctx.parameters.role) problems.push(`role is not ${ctx.parameters.role}`);
    const memory = intParam(ctx.parameters, 'memorySize');
    if (memory !== undefined && Number(field(c, 'memorySize')) !== memory) problems.push(`memorySize is ${field(c, 'memorySize')}, not ${memory}`);
    const timeout = intParam(ctx.parameters, 'timeout');
    if (timeout !== undefined && Number(field(c, 'timeout')) !== timeout) problems.push(`timeout is ${field(c, 'timeout')}, not ${timeout}`);
    return problems.length ? nonCompliant(item, `The function's settings do not match: ${problems.join('; ')}.`) : compliant(item);
  },
};

const lambdaInsideVpc: ManagedRule = {
  identifier: 'LAMBDA_INSIDE_VPC',
  resourceTypes: [FUNCTION],
  evaluateItem(item, ctx) {
    const subnets = list(field(field(item.configuration, 'vpcConfig'), 'subnetIds')).map(String);
    if (!subnets.length) return nonCompliant(item, 'The function is not in a VPC.');
    const wanted = csv(ctx.parameters.subnetIds);
    if (wanted.length && !subnets.every((s) => wanted.includes(s))) return nonCompliant(item, `The function uses subnets outside ${wanted.join(', ')}.`);
    return compliant(item);
  },
};

const lambdaDlq: ManagedRule = {
  identifier: 'LAMBDA_DLQ_CHECK',
  resourceTypes: [FUNCTION],
  evaluateItem(item, ctx) {
    const target = field(field(item.configuration, 'deadLetterConfig'), 'targetArn');
    if (!target) return nonCompliant(item, 'The function has no dead-letter queue.');
    const allowed = csv(ctx.parameters.dlqArns);
    if (allowed.length && !allowed.includes(target)) return nonCompliant(item, `The function's dead-letter target ${target} is not in dlqArns.`);
    return compliant(item);
  },
};

const lambdaXray: ManagedRule = {
  identifier: 'LAMBDA_FUNCTION_XRAY_ENABLED',
  resourceTypes: [FUNCTION],
  evaluateItem: (item) =>
    field(field(item.configuration, 'tracingConfig'), 'mode') === 'Active' ? compliant(item) : nonCompliant(item, 'X-Ray active tracing is not enabled for the function.'),
};

export const SERVICE_RULES: ManagedRule[] = [
  keyRotationEnabled, keyNotScheduledForDeletion, snsEncryptedKms, snsNoPublicAccess, snsDeliveryNotification,
  sqsNoPublicAccess, sqsPolicyFullAccess, sqsDlq, lambdaPublicAccess, lambdaSettings, lambdaInsideVpc, lambdaDlq, lambdaXray,
];
