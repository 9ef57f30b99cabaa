// The ComplianceChangeNotification AWS Config sends to the delivery channel's SNS topic when a
// resource's compliance with a rule changes, in the format of AWS's example notification.
import type { Platform } from '../../../core/platform';
import { listChannels } from '../store';
import { publish } from '../stream';
import type { EvaluationRow, RuleRow } from './store';

const SUBJECT_LIMIT = 100; // SNS subjects are cut to 100 characters, ending in "..."

function evaluationResult(r: EvaluationRow) {
  return {
    evaluationResultIdentifier: {
      evaluationResultQualifier: { configRuleName: r.ruleName, resourceType: r.resourceType, resourceId: r.resourceId },
      orderingTimestamp: new Date(r.orderingMs).toISOString(),
    },
    complianceType: r.compliance,
    resultRecordedTime: new Date(r.recordedMs).toISOString(),
    configRuleInvokedTime: new Date(r.invokedMs).toISOString(),
    annotation: r.annotation ?? null,
    resultToken: null,
  };
}

export function complianceSubject(rule: RuleRow, r: EvaluationRow): string {
  const s = `[AWS Config:${rule.region}] ${r.resourceType} ${r.resourceId} is ${r.compliance} with ${rule.name} in Account ${rule.accountId}`;
  return s.length > SUBJECT_LIMIT ? `${s.slice(0, SUBJECT_LIMIT - 3)}...` : s;
}

/** Publishes in the result's transaction; a channel without a topic sends nothing. */
export function publishComplianceChange(platform: Platform, rule: RuleRow, now: EvaluationRow, before: EvaluationRow | undefined): void {
  const channel = listChannels(platform.storage, rule)[0];
  if (!channel?.topicArn) return;
  const message = JSON.stringify({
    awsAccountId: rule.accountId, configRuleName: rule.name, configRuleARN: rule.arn, resourceType: now.resourceType, resourceId: now.resourceId,
    awsRegion: rule.region, newEvaluationResult: evaluationResult(now), oldEvaluationResult: before ? evaluationResult(before) : null,
    notificationCreationTime: new Date(now.recordedMs).toISOString(), messageType: 'ComplianceChangeNotification', recordVersion: '1.0',
  });
  publish(platform, channel, message, complianceSubject(rule, now), 'complianceChange');
}
