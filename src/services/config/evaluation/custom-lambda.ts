// Custom Lambda rules: the event AWS Config sends the rule's function (a configuration item change,
// an oversized one, or a scheduled notification), each with its own ResultToken, and the invocation
// itself. The token is stored in the caller's transaction; the function runs after it commits, a few
// at a time, so the function's own PutEvaluations call finds it. Config waits for the outcome (Lambda's
// Invoke) so that a function that throws, times out, is gone or does not let Config invoke it shows
// in DescribeConfigRuleEvaluationStatus.
import { randomBytes } from 'node:crypto';
import type { Platform } from '../../../core/platform';
import { AwsError } from '../../../protocol/errors';
import { serviceApi } from '../../links';
import type { ConfigurationItem } from '../rules';
import { fileItem, type ConfigItem } from '../items';
import { itemDiff } from '../diff';
import { itemHistory } from '../store-items';
import { listRecorders } from '../store';
import { findRule, saveRule, type RuleRow } from './store';
import { saveToken } from './store-custom';

type Lambda = typeof import('../../lambda/api');

const PRINCIPAL = 'config.amazonaws.com';
const EVENT_LIMIT = 256 * 1024; // Lambda's Event payload limit; past it Config sends the oversized form
const IN_FLIGHT = 4; // functions run at once per kanri, so a new rule over 10,000 items does not fork a storm

const cannotInvoke = (arn: string) => new AwsError('InsufficientPermissionsException',
  `The AWS Lambda function ${arn} cannot be invoked. Check the specified function ARN, and check the function's permissions.`);

/** PutConfigRule's check: the function exists and its resource policy lets Config invoke it. */
export function checkRuleFunction(platform: Platform, functionArn: string, ruleArn: string): void {
  // Without Lambda's tables no function exists; loading Lambda in a request that then fails would
  // roll its tables back under its start-up jobs, so it is not loaded just to find that out.
  if (!platform.loadedServices.includes('lambda') && !platform.storage.stmt("SELECT 1 FROM _migrations WHERE owner = 'lambda'").get()) throw cannotInvoke(functionArn);
  const lambda = serviceApi<Lambda>('lambda');
  if (!lambda?.findFunctionByArn(platform, functionArn)) throw cannotInvoke(functionArn);
  if (!lambda.checkInvokePermission(platform, functionArn, PRINCIPAL, ruleArn)) throw cannotInvoke(functionArn);
}

/** The item as the rule's event carries it (the notification form, relationships under `name`). */
function asConfigItem(item: ConfigurationItem): ConfigItem {
  return { ...item, relationships: (item.relationships ?? []).map((r) => ({ ...r, relationshipName: r.name })) } as unknown as ConfigItem;
}

function previousOf(platform: Platform, rule: RuleRow, item: ConfigItem): ConfigItem | undefined {
  const state = Number(item.configurationStateId);
  if (!Number.isFinite(state)) return undefined;
  return itemHistory(platform.storage, { accountId: item.accountId, region: item.awsRegion === 'global' ? rule.region : item.awsRegion },
    item.resourceType, item.resourceId, { fromMs: 0, toMs: Number.MAX_SAFE_INTEGER, ascending: false, afterState: state, limit: 1 })[0];
}

/** invokingEvent: what happened, as AWS Config words it. */
function invokingEvent(platform: Platform, rule: RuleRow, ruleItem: ConfigurationItem | undefined, now: string): string {
  if (!ruleItem) return JSON.stringify({ awsAccountId: rule.accountId, notificationCreationTime: now, messageType: 'ScheduledNotification', recordVersion: '1.0' });
  const item = asConfigItem(ruleItem);
  const diff = itemDiff(previousOf(platform, rule, item), item);
  const full = JSON.stringify({
    configurationItemDiff: diff, configurationItem: fileItem(item), notificationCreationTime: now,
    messageType: 'ConfigurationItemChangeNotification', recordVersion: '1.3',
  });
  if (Buffer.byteLength(full) <= EVENT_LIMIT - 16 * 1024) return full;
  const { configuration: _c, supplementaryConfiguration: _s, relationships: _r, relatedEvents: _e, tags: _t, ...summary } = fileItem(item);
  return JSON.stringify({
    configurationItemSummary: { changeType: diff.changeType, ...summary }, notificationCreationTime: now,
    messageType: 'OversizedConfigurationItemChangeNotification', recordVersion: '1.0',
  });
}

/** The event for one invocation, with a fresh ResultToken stored in the caller's transaction. */
export function ruleEvent(platform: Platform, rule: RuleRow, item: ConfigurationItem | undefined, leftScope: boolean): string {
  const now = platform.clock.date();
  const resultToken = randomBytes(48).toString('base64');
  saveToken(platform.storage, { accountId: rule.accountId, region: rule.region, ruleName: rule.name, token: resultToken, invokedMs: now.getTime() });
  const recorder = listRecorders(platform.storage, rule).find((r) => !r.servicePrincipal);
  return JSON.stringify({
    version: '1.0',
    invokingEvent: invokingEvent(platform, rule, item, now.toISOString()),
    ruleParameters: rule.rule.InputParameters ?? '{}',
    resultToken,
    eventLeftScope: leftScope,
    executionRoleArn: recorder?.roleArn ?? `arn:aws:iam::${rule.accountId}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
    configRuleArn: rule.arn,
    configRuleName: rule.name,
    configRuleId: rule.id,
    accountId: rule.accountId,
  });
}

interface Job { platform: Platform; rule: RuleRow; payload: string }
const queue: Job[] = [];
let active = 0;

/** Invokes the rule's function with the event once the caller's transaction committed. */
export function invokeRuleFunction(platform: Platform, rule: RuleRow, item: ConfigurationItem | undefined, leftScope: boolean): void {
  queue.push({ platform, rule, payload: ruleEvent(platform, rule, item, leftScope) });
  setImmediate(pump);
}

function pump(): void {
  while (active < IN_FLIGHT && queue.length) {
    const job = queue.shift()!;
    active++;
    void run(job).finally(() => {
      active--;
      pump();
    });
  }
}

async function run({ platform, rule, payload }: Job): Promise<void> {
  if (!platform.storage.db.open) return;
  const fnArn: string = rule.rule.Source.SourceIdentifier;
  let failure: { code: string; message: string } | undefined;
  const lambda = serviceApi<Lambda>('lambda');
  try {
    if (!lambda?.findFunctionByArn(platform, fnArn)) {
      failure = { code: 'ResourceNotFoundException', message: `Function not found: ${fnArn}` };
    } else if (!lambda.checkInvokePermission(platform, fnArn, PRINCIPAL, rule.arn)) {
      failure = { code: 'AccessDeniedException', message: cannotInvoke(fnArn).message };
    } else {
      const out = await lambda.invokeSync(platform, fnArn, payload);
      if (out.functionError) failure = functionFailure(out.payload);
    }
  } catch (err) {
    const e = err as Error & { code?: string };
    failure = { code: e.code ?? e.name, message: e.message };
  }
  if (!platform.storage.db.open) return;
  platform.storage.transaction(() => {
    const current = findRule(platform.storage, rule, rule.name);
    if (!current || current.id !== rule.id) return; // the rule went away meanwhile
    const ms = platform.clock.now();
    current.status = failure
      ? { ...current.status, lastFailedInvocation: ms, lastFailedEvaluation: ms, lastErrorCode: failure.code, lastErrorMessage: failure.message }
      : { ...current.status, lastSuccessfulInvocation: ms };
    saveRule(platform.storage, current);
  });
}

/** The function's own error (its errorType and errorMessage), as the status reports it. */
function functionFailure(payload: string): { code: string; message: string } {
  try {
    const p = JSON.parse(payload) as { errorType?: string; errorMessage?: string };
    return { code: p.errorType || 'FunctionError', message: (p.errorMessage || 'The function returned an error.').slice(0, 1000) };
  } catch {
    return { code: 'FunctionError', message: payload.slice(0, 1000) };
  }
}

/** Whether invocations are still queued or running (tests and benches wait on it). */
export function pendingInvocations(): number {
  return queue.length + active;
}
