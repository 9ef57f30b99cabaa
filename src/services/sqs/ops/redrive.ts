// ListDeadLetterSourceQueues and the message move tasks: Start, List, Cancel.
import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../types';
import { invalidParameterValue, parameterInvalid, sqsError } from '../errors';
import { scheduleMove } from '../moves';
import { isFifoName, queueArn, queueFromArn, queueUrl } from '../names';
import { parseRedrivePolicy } from '../redrive-policy';
import { requireQueue } from '../resolve';
import { allQueues, findQueue } from '../store';
import { countMessages } from '../store-messages';
import { findTask, insertTask, tasksForSource, updateTask } from '../store-moves';

export function listDeadLetterSourceQueues(input: { QueueUrl: string; NextToken?: string; MaxResults?: number }, ctx: RequestContext) {
  const q = requireQueue(ctx, input.QueueUrl);
  const max = input.MaxResults;
  if (max !== undefined && max !== null && (max < 1 || max > 1000)) throw parameterInvalid('MaxResults', max, 'MaxResults must be an integer between 1 and 1000.');
  const arn = queueArn(q);
  const sources = allQueues(ctx.platform.storage, q.accountId, q.region).filter((s) => parseRedrivePolicy(s.attributes.RedrivePolicy)?.deadLetterTargetArn === arn).map((s) => s.name);
  let start = 0;
  if (input.NextToken) {
    const after = Buffer.from(input.NextToken, 'base64').toString('utf8');
    start = sources.findIndex((n) => n > after);
    if (start < 0) start = sources.length;
  }
  const limit = max ?? 1000;
  const page = sources.slice(start, start + limit);
  const more = max !== undefined && max !== null && start + limit < sources.length;
  return {
    queueUrls: page.map((name) => queueUrl(ctx, { accountId: q.accountId, region: q.region, name })),
    NextToken: more ? Buffer.from(page[page.length - 1]).toString('base64') : undefined,
  };
}

function isDeadLetterQueue(ctx: RequestContext, arn: string, key: { accountId: string; region: string }): boolean {
  return allQueues(ctx.platform.storage, key.accountId, key.region).some((s) => parseRedrivePolicy(s.attributes.RedrivePolicy)?.deadLetterTargetArn === arn);
}

const notFound = (what: string) => sqsError('ResourceNotFoundException', `The resource that you specified for the ${what} parameter doesn't exist.`);

export function startMessageMoveTask(input: { SourceArn: string; DestinationArn?: string; MaxNumberOfMessagesPerSecond?: number }, ctx: RequestContext) {
  const storage = ctx.platform.storage;
  const sourceKey = queueFromArn(input.SourceArn ?? '');
  const source = sourceKey && findQueue(storage, sourceKey);
  if (!source) throw notFound('SourceArn');
  if (!isDeadLetterQueue(ctx, input.SourceArn, source)) throw invalidParameterValue('Source queue must be configured as a Dead Letter Queue.');
  if (input.DestinationArn) {
    const destKey = queueFromArn(input.DestinationArn);
    const dest = destKey && findQueue(storage, destKey);
    if (!dest) throw notFound('DestinationArn');
    if (isFifoName(dest.name) !== isFifoName(source.name)) throw invalidParameterValue('The source queue and destination queue must be of the same type.');
  }
  const rate = input.MaxNumberOfMessagesPerSecond;
  if (rate !== undefined && rate !== null && (rate < 1 || rate > 500)) throw parameterInvalid('MaxNumberOfMessagesPerSecond', rate, 'Must be between 1 and 500.');
  if (tasksForSource(storage, input.SourceArn, 10).some((t) => t.status === 'RUNNING')) {
    throw invalidParameterValue('There is already a task running. Only one active task is allowed for a source queue arn at a given time.');
  }
  const taskHandle = Buffer.from(JSON.stringify({ taskId: randomUUID(), sourceArn: input.SourceArn })).toString('base64');
  const now = ctx.now.getTime();
  const counts = countMessages(storage, source, now);
  insertTask(storage, {
    taskHandle, accountId: source.accountId, region: source.region, sourceArn: input.SourceArn, destinationArn: input.DestinationArn ?? null,
    maxPerSecond: rate ?? null, status: 'RUNNING', moved: 0, toMove: counts.visible + counts.inFlight + counts.delayed, startedAt: now, failureReason: null,
  });
  setImmediate(() => scheduleMove(ctx.platform, taskHandle)); // after this request commits
  return { TaskHandle: taskHandle };
}

export function listMessageMoveTasks(input: { SourceArn: string; MaxResults?: number }, ctx: RequestContext) {
  const max = input.MaxResults ?? 1;
  if (max < 1 || max > 10) throw parameterInvalid('MaxResults', max, 'Must be between 1 and 10.');
  const key = queueFromArn(input.SourceArn ?? '');
  if (!key || !findQueue(ctx.platform.storage, key)) throw notFound('SourceArn');
  const Results = tasksForSource(ctx.platform.storage, input.SourceArn, max).map((t) => ({
    TaskHandle: t.status === 'RUNNING' ? t.taskHandle : undefined, Status: t.status, SourceArn: t.sourceArn,
    DestinationArn: t.destinationArn ?? undefined, MaxNumberOfMessagesPerSecond: t.maxPerSecond ?? undefined,
    ApproximateNumberOfMessagesMoved: t.moved, ApproximateNumberOfMessagesToMove: t.toMove,
    FailureReason: t.failureReason ?? undefined, StartedTimestamp: t.startedAt,
  }));
  return { Results };
}

export function cancelMessageMoveTask(input: { TaskHandle: string }, ctx: RequestContext) {
  if (!decodeTaskHandle(input.TaskHandle ?? '')) throw invalidParameterValue('Value for parameter TaskHandle is invalid.');
  const task = findTask(ctx.platform.storage, input.TaskHandle);
  if (!task || task.status !== 'RUNNING') throw sqsError('ResourceNotFoundException', 'Task does not exist.');
  updateTask(ctx.platform.storage, task.taskHandle, 'CANCELLED', task.moved);
  ctx.platform.scheduler.cancel(`sqs-move:${task.taskHandle}`);
  return { ApproximateNumberOfMessagesMoved: task.moved };
}

function decodeTaskHandle(handle: string): { taskId: string; sourceArn: string } | undefined {
  try {
    const v = JSON.parse(Buffer.from(handle, 'base64').toString('utf8'));
    return typeof v?.taskId === 'string' && typeof v?.sourceArn === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}
