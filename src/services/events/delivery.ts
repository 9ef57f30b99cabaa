// The dispatcher: delivers queued events to their targets after the request that queued them has
// committed. A delivery row leaves the queue in the same transaction as the target's write (SQS,
// SNS, another bus), so a crash loses nothing and repeats nothing that was acknowledged. Target
// services are loaded lazily: when one is missing, the delivery fails (FailedInvocations), honestly.
import { parseArn } from '../../core/arn';
import { serviceApi } from '../links';
import type { Platform } from '../../core/platform';
import { ruleArn, scopeOf } from './names';
import { createOpsItemTarget } from './opsitem-target';
import { routeEvent, type EventEnvelope } from './routing';
import { countInvocation, findBus, finishDelivery, nextDeliveries, type DeliveryRow } from './store';

const MAX_HOPS = 5; // bus-to-bus forwarding stops here, so a loop of buses cannot spin forever

interface SqsApi {
  sendToQueue(p: Platform, arn: string, m: {
    body: string; messageGroupId?: string; messageDeduplicationId?: string; messageAttributes?: Record<string, { DataType: string; StringValue?: string }>;
  }): unknown;
}
interface SnsApi { publishToTopic(p: Platform, arn: string, m: { message: string }): unknown }
interface LambdaApi {
  invokeAsync(p: Platform, arn: string, payload: string): unknown;
  checkInvokePermission?(p: Platform, arn: string, principalService: string, sourceArn?: string): boolean;
}

/** A delivery that cannot succeed, with the ERROR_CODE AWS puts on dead-lettered events. */
class TargetFailure extends Error {
  constructor(message: string, readonly errorCode = 'SDK_CLIENT_ERROR') {
    super(message);
  }
}

/** AWS's dead-letter ERROR_CODE for what a target service threw. */
function errorCodeOf(err: unknown): string {
  if (err instanceof TargetFailure) return err.errorCode;
  const code = String((err as { code?: string }).code ?? '');
  return /NotFound|DoesNotExist/.test(code) ? 'RESOURCE_NOT_FOUND' : /AccessDenied|Authorization/.test(code) ? 'NO_PERMISSIONS' : 'SDK_CLIENT_ERROR';
}

/** The synchronous part of a delivery, run inside the transaction that removes it from the queue. */
function deliverNow(platform: Platform, d: DeliveryRow): 'done' | 'async' {
  const arn = String(d.target.Arn);
  const parsed = parseArn(arn);
  const event = JSON.parse(d.eventJson) as EventEnvelope;
  switch (parsed?.service) {
    case 'sqs': {
      const sqs = serviceApi<SqsApi>('sqs');
      if (!sqs?.sendToQueue) throw new TargetFailure('SQS is not available');
      const group = d.target.SqsParameters?.MessageGroupId as string | undefined;
      sqs.sendToQueue(platform, arn, { body: d.payload, messageGroupId: group, messageDeduplicationId: group ? event.id : undefined });
      return 'done';
    }
    case 'sns': {
      const sns = serviceApi<SnsApi>('sns');
      if (!sns?.publishToTopic) throw new TargetFailure('SNS is not available');
      sns.publishToTopic(platform, arn, { message: d.payload });
      return 'done';
    }
    case 'events': {
      if (!parsed.resource.startsWith('event-bus/')) throw new TargetFailure(`unsupported target ${arn}`);
      const bus = parsed.resource.slice('event-bus/'.length);
      if (!findBus(platform.storage, parsed.account, parsed.region, bus) && bus !== 'default') throw new TargetFailure(`event bus ${arn} does not exist`, 'RESOURCE_NOT_FOUND');
      if (d.hops >= MAX_HOPS) throw new TargetFailure('too many bus-to-bus hops');
      routeEvent(scopeOf(platform, parsed.account, parsed.region), bus, event, d.hops + 1);
      return 'done';
    }
    case 'ssm':
      if (parsed.resource !== 'opsitem') throw new TargetFailure(`kanri cannot deliver to ${arn}`);
      createOpsItemTarget(platform, parsed.account, parsed.region, d.payload, event, ruleArn(d, d.bus, d.rule));
      return 'done';
    case 'lambda':
      return 'async';
    default:
      throw new TargetFailure(`kanri cannot deliver to ${arn}`);
  }
}

async function deliverLambda(platform: Platform, d: DeliveryRow): Promise<void> {
  const lambda = serviceApi<LambdaApi>('lambda');
  if (!lambda?.invokeAsync) throw new TargetFailure('Lambda is not available');
  // As on AWS, the function's resource policy must let EventBridge (for this rule) invoke it.
  const rule = ruleArn(d, d.bus, d.rule);
  if (lambda.checkInvokePermission && !lambda.checkInvokePermission(platform, String(d.target.Arn), 'events.amazonaws.com', rule)) {
    throw new TargetFailure(`the function's policy does not allow events.amazonaws.com to invoke it for ${rule}`, 'NO_PERMISSIONS');
  }
  await lambda.invokeAsync(platform, String(d.target.Arn), d.payload);
}

function settle(platform: Platform, d: DeliveryRow, failure?: { code: string; message: string }): void {
  const dlq = failure && typeof d.target.DeadLetterConfig?.Arn === 'string' ? String(d.target.DeadLetterConfig.Arn) : undefined;
  if (dlq) platform.service('sqs');
  platform.storage.transaction(() => {
    finishDelivery(platform.storage, d.seq);
    countInvocation(platform.storage, d.accountId, d.region, d.bus, d.rule, failure !== undefined);
    if (dlq && failure) deadLetter(platform, d, dlq, failure);
  });
}

/** A failed event goes to the target's dead-letter queue, with the attributes AWS sets. */
function deadLetter(platform: Platform, d: DeliveryRow, queueArn: string, failure: { code: string; message: string }): void {
  const sqs = serviceApi<SqsApi>('sqs');
  const text = (value: string) => ({ DataType: 'String', StringValue: value });
  try {
    sqs?.sendToQueue(platform, queueArn, {
      body: d.payload,
      messageAttributes: {
        RULE_ARN: text(ruleArn(d, d.bus, d.rule)), TARGET_ARN: text(String(d.target.Arn)), ERROR_CODE: text(failure.code),
        ERROR_MESSAGE: text(failure.message), EXHAUSTED_RETRY_CONDITION: text('MaximumRetryAttempts'), RETRY_ATTEMPTS: { DataType: 'Number', StringValue: '0' },
      },
    });
  } catch (err) {
    console.error(`kanri: events: dead-letter queue ${queueArn} refused an event: ${(err as Error).message}`);
  }
}

// Target services are loaded before the delivery's transaction opens: a plugin first loaded inside
// a transaction that then rolls back would lose its tables.
const SERVICE_OF_TARGET: Record<string, string> = { sqs: 'sqs', sns: 'sns', lambda: 'lambda', ssm: 'ssm' };

async function deliverOne(platform: Platform, d: DeliveryRow): Promise<void> {
  try {
    const service = SERVICE_OF_TARGET[parseArn(String(d.target.Arn))?.service ?? ''];
    if (service) platform.service(service);
    const kind = platform.storage.transaction(() => {
      const k = deliverNow(platform, d);
      if (k === 'done') {
        finishDelivery(platform.storage, d.seq);
        countInvocation(platform.storage, d.accountId, d.region, d.bus, d.rule, false);
      }
      return k;
    });
    if (kind === 'async') {
      await deliverLambda(platform, d);
      settle(platform, d);
    }
  } catch (err) {
    // AWS retries and then drops the event (to the target's dead-letter queue if it has one),
    // counting a FailedInvocation; kanri does not retry a target that is missing or refuses it.
    console.error(`kanri: events: rule ${d.rule} could not deliver to ${d.target.Arn}: ${(err as Error).message}`);
    settle(platform, d, { code: errorCodeOf(err), message: (err as Error).message });
  }
}

const running = new WeakMap<Platform, Promise<void>>();

/** Delivers everything queued; resolves when the queue is empty. */
export function drainDeliveries(platform: Platform): Promise<void> {
  const current = running.get(platform);
  if (current) return current.then(() => drainDeliveries(platform));
  const run = (async () => {
    for (;;) {
      if (!platform.storage.db.open) return;
      const batch = nextDeliveries(platform.storage, 0, 100);
      if (!batch.length) return;
      for (const d of batch) await deliverOne(platform, d);
    }
  })().finally(() => running.delete(platform));
  running.set(platform, run);
  return run;
}

/** After the current request commits, start delivering. */
export function kickDeliveries(platform: Platform): void {
  setImmediate(() => void drainDeliveries(platform).catch((err) => console.error(`kanri: events: delivery failed: ${err.message}`)));
}
