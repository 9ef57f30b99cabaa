// Destinations of event invocations: an invocation record sent to SQS, SNS, EventBridge or another
// function through those services' exported functions, loaded only when a destination needs them.
import type { Platform } from '../../core/platform';
import { requireApi } from '../links';
import { parseArn } from '../../core/arn';
import type { Execution } from './invoke';
import type { QueuedInvocation } from './store';

type Condition = 'Success' | 'RetriesExhausted' | 'EventAgeExceeded';

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Lambda's invocation record (version 1.0). */
export function invocationRecord(platform: Platform, functionArn: string, q: QueuedInvocation, condition: Condition, result: Execution | undefined) {
  return {
    version: '1.0',
    timestamp: new Date(platform.clock.now()).toISOString(),
    requestContext: { requestId: q.requestId, functionArn, condition, approximateInvokeCount: q.attempts },
    requestPayload: parsed(q.payload),
    responseContext: result
      ? { statusCode: 200, executedVersion: result.executedVersion, ...(result.functionError ? { functionError: result.functionError } : {}) }
      : undefined,
    responsePayload: result ? parsed(result.payload) : undefined,
  };
}

export async function sendToDestination(platform: Platform, destination: string | undefined, functionArn: string, q: QueuedInvocation,
  condition: Condition, result: Execution | undefined): Promise<void> {
  if (!destination) return;
  const target = parseArn(destination);
  if (!target) return;
  const body = JSON.stringify(invocationRecord(platform, functionArn, q, condition, result));
  try {
    if (target.service === 'sqs') {
      requireApi<{ sendToQueue(p: Platform, arn: string, msg: { body: string }): unknown }>('sqs').sendToQueue(platform, destination, { body });
    } else if (target.service === 'sns') {
      requireApi<{ publishToTopic(p: Platform, arn: string, msg: { message: string }): unknown }>('sns').publishToTopic(platform, destination, { message: body });
    } else if (target.service === 'events') {
      const events = requireApi<{
        putEvent(p: Platform, accountId: string, region: string, entry: { source: string; detailType: string; detail: object; resources?: string[]; busName?: string }): string | undefined;
      }>('events');
      const busName = target.resource.replace(/^event-bus\//, '');
      const id = events.putEvent(platform, target.account, target.region, {
        source: 'lambda', detailType: `Lambda Function Invocation Result - ${condition === 'Success' ? 'Success' : 'Failure'}`,
        detail: JSON.parse(body), resources: [functionArn], busName,
      });
      if (id === undefined) throw new Error('the event bus does not exist');
    } else if (target.service === 'lambda') {
      const { invokeAsync } = require('./api') as typeof import('./api');
      await invokeAsync(platform, destination, body);
    }
  } catch (err) {
    // A destination that is missing or unreachable loses the record, as in Lambda; say so.
    console.error(`kanri: lambda destination ${destination} for ${q.requestId} failed: ${(err as Error).message}`);
  }
}
