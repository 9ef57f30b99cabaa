// The ec2messages API the agent polls (wire/ec2messages.json): GetMessages hands an instance its
// released, untaken invocations (and cancel requests); AcknowledgeMessage marks one taken, so it is
// never delivered again; SendReply carries the agent's results; FailMessage / DeleteMessage close it.
import { AwsError } from '../../../protocol/errors';
import type { Platform } from '../../../core/platform';
import { serviceApi } from '../../links';
import type { RequestContext } from '../../types';
import { callerInstance } from '../instances/caller';
import { recordPing } from '../instances/store';
import { finish, scheduleExecutionTimeout, TERMINAL } from './lifecycle';
import { s3Prefix } from './shapes';
import { deliverable, findCommand, findInvocation, type CommandRow, type InvocationRow, type PluginResult } from './store';

const SEND = /^aws\.ssm\.([0-9a-f-]{36})\.((?:mi|i)-[0-9a-f]+)$/;
const CANCEL = /^aws\.ssm\.cancel\.([0-9a-f-]{36})\.((?:mi|i)-[0-9a-f]+)$/;
/** Replies may carry this much of each stream; the API shows 24,000 characters, S3 the rest. */
const REPLY_STREAM_LIMIT = 1_000_000;

const invalidMessage = (id: string) => new AwsError('InvalidMessageId', `Message ${id} is not valid for this instance.`);

function owned(ctx: RequestContext, messageId: string): { command: CommandRow; inv: InvocationRow; cancel: boolean } {
  const instance = callerInstance(ctx);
  const m = SEND.exec(messageId) ?? CANCEL.exec(messageId);
  if (!m || m[2] !== instance.instanceId) throw invalidMessage(messageId);
  const command = findCommand(ctx.platform.storage, instance, m[1]);
  const inv = command && findInvocation(ctx.platform.storage, instance, m[1], m[2]);
  if (!command || !inv) throw invalidMessage(messageId);
  return { command, inv, cancel: messageId.startsWith('aws.ssm.cancel.') };
}

export function getEndpoint(input: { Protocol?: string }, ctx: RequestContext) {
  return { Protocol: input.Protocol ?? 'https', Endpoint: ctx.host };
}

export function getMessages(input: { Destination: string; MessagesRequestId: string }, ctx: RequestContext) {
  const instance = callerInstance(ctx);
  if (input.Destination !== instance.instanceId) throw new AwsError('AccessDeniedException', 'An instance can only read its own messages.');
  recordPing(ctx.platform.storage, instance, instance.instanceId, ctx.now.getTime());
  const messages = deliverable(ctx.platform.storage, instance, instance.instanceId).flatMap((inv) => {
    const command = findCommand(ctx.platform.storage, instance, inv.commandId);
    if (!command) return [];
    const created = new Date(inv.requestedAt).toISOString();
    if (inv.status === 'Cancelling') {
      return [{
        CreatedDate: created, Destination: instance.instanceId, MessageId: `aws.ssm.cancel.${inv.commandId}.${inv.instanceId}`,
        Topic: `aws.ssm.cancelCommand.${ctx.region}.kanri`, Payload: JSON.stringify({ CancelMessageID: `aws.ssm.${inv.commandId}.${inv.instanceId}` }),
      }];
    }
    return [{
      CreatedDate: created, Destination: instance.instanceId, MessageId: `aws.ssm.${inv.commandId}.${inv.instanceId}`,
      Topic: `aws.ssm.sendCommand.${ctx.region}.kanri`, Payload: JSON.stringify(sendCommandPayload(command, inv)),
    }];
  });
  return { Destination: instance.instanceId, Messages: messages, MessagesRequestId: input.MessagesRequestId };
}

/** The agent's SendCommandPayload. */
function sendCommandPayload(c: CommandRow, inv: InvocationRow) {
  return {
    CommandId: c.commandId, DocumentName: c.documentName, DocumentContent: JSON.parse(c.documentContent), Parameters: c.parameters,
    OutputS3BucketName: c.outputBucket ?? '', OutputS3KeyPrefix: c.outputBucket ? s3Prefix(c, inv.instanceId) : '',
    CloudWatchLogGroupName: c.cloudwatch?.CloudWatchLogGroupName ?? '', CloudWatchOutputEnabled: String(c.cloudwatch?.CloudWatchOutputEnabled ?? false),
  };
}

export function acknowledgeMessage(input: { MessageId: string }, ctx: RequestContext) {
  const { command, inv, cancel } = owned(ctx, input.MessageId);
  if (cancel || inv.acked) return {};
  if (TERMINAL.has(inv.status) || !inv.released) throw new AwsError('InvalidMessageId', `Message ${input.MessageId} is no longer deliverable (${inv.statusDetails}).`);
  inv.acked = true;
  inv.startedAt = ctx.now.getTime();
  finish(ctx.platform, command, inv, 'InProgress', 'InProgress', inv.startedAt);
  scheduleExecutionTimeout(ctx.platform, command, inv);
  return {};
}

interface StepReply {
  status?: string; code?: number; name?: string; stepName?: string; pluginID?: string; output?: string; standardOutput?: string; standardError?: string;
  startDateTime?: string; endDateTime?: string;
}

interface ReplyPayload { documentStatus?: string; runtimeStatus?: Record<string, StepReply> }

const DOCUMENT_STATUS: Record<string, [string, string]> = {
  Success: ['Success', 'Success'], Failed: ['Failed', 'Failed'], TimedOut: ['TimedOut', 'ExecutionTimedOut'], Cancelled: ['Cancelled', 'Cancelled'],
  InProgress: ['InProgress', 'InProgress'], Pending: ['InProgress', 'InProgress'], Undeliverable: ['Failed', 'Undeliverable'],
};

export function sendReply(input: { MessageId: string; Payload: string; ReplyId: string }, ctx: RequestContext): Promise<{ ReplyId: string }> | { ReplyId: string } {
  const { command, inv } = owned(ctx, input.MessageId.replace(/^aws\.ssm\.cancel\./, 'aws.ssm.'));
  let payload: ReplyPayload;
  try {
    payload = JSON.parse(input.Payload);
  } catch {
    throw new AwsError('ValidationException', 'The reply payload is not JSON.');
  }
  if (TERMINAL.has(inv.status)) return { ReplyId: input.ReplyId }; // late or repeated: the first final answer stands
  const mapped = DOCUMENT_STATUS[payload.documentStatus ?? ''];
  if (!mapped) throw new AwsError('ValidationException', `Unknown document status ${payload.documentStatus}.`);
  const offset = ctx.platform.clock.offset; // agent times are wall-clock; the API shows the platform clock
  const time = (t?: string) => (t && !Number.isNaN(Date.parse(t)) ? Date.parse(t) + offset : undefined);
  inv.plugins = Object.entries(payload.runtimeStatus ?? {}).map(([id, r]) => pluginResult(id, r, time));
  inv.responseCode = inv.plugins.find((p) => p.ResponseCode !== 0)?.ResponseCode ?? (inv.plugins.length ? 0 : inv.responseCode);
  const at = ctx.now.getTime();
  if (inv.status === 'Cancelling' && mapped[0] === 'InProgress') return { ReplyId: input.ReplyId };
  finish(ctx.platform, command, inv, mapped[0], mapped[1], at);
  if (!TERMINAL.has(mapped[0]) || !command.outputBucket) return { ReplyId: input.ReplyId };
  return writeOutput(ctx.platform, command, inv).then(() => ({ ReplyId: input.ReplyId }));
}

function pluginResult(id: string, r: StepReply, time: (t?: string) => number | undefined): PluginResult {
  const status = r.status === 'Success' ? 'Success' : r.status === 'TimedOut' ? 'TimedOut' : r.status === 'Cancelled' ? 'Cancelled'
    : r.status === 'InProgress' ? 'InProgress' : 'Failed';
  const details = status === 'TimedOut' ? 'ExecutionTimedOut' : status;
  const action = r.name ?? 'aws:runShellScript';
  const stepName = r.stepName ?? id;
  return {
    Name: stepName, Status: status, StatusDetails: details, ResponseCode: typeof r.code === 'number' ? r.code : -1,
    ResponseStartDateTime: time(r.startDateTime), ResponseFinishDateTime: time(r.endDateTime),
    Output: clip(r.output ?? ''), StandardOutput: clip(r.standardOutput ?? ''), StandardError: clip(r.standardError ?? ''),
    OutputS3KeyPrefix: `${action.replace(/:/g, '')}/${(r.pluginID ?? stepName).replace(/:/g, '')}`,
  };
}

function clip(text: string): string {
  return typeof text === 'string' ? text.slice(0, REPLY_STREAM_LIMIT) : '';
}

interface S3Api { writeObject(platform: Platform, opts: { region: string; bucket: string; key: string; body: Buffer; contentType?: string }): Promise<unknown> }

/** The full streams go to OutputS3BucketName/OutputS3KeyPrefix/<command>/<instance>/<plugin>/<step>/stdout|stderr. */
async function writeOutput(platform: Platform, c: CommandRow, inv: InvocationRow): Promise<void> {
  const s3 = serviceApi<S3Api>('s3');
  if (!s3) return;
  for (const p of inv.plugins) {
    const prefix = s3Prefix(c, inv.instanceId, p);
    for (const [name, text] of [['stdout', p.StandardOutput], ['stderr', p.StandardError]] as const) {
      if (!text) continue;
      try {
        await s3.writeObject(platform, { region: c.outputRegion ?? c.region, bucket: c.outputBucket!, key: `${prefix}/${name}`, body: Buffer.from(text), contentType: 'text/plain' });
      } catch (err) {
        console.error(`kanri: ssm could not write command output to s3://${c.outputBucket}/${prefix}/${name}: ${(err as Error).message}`);
      }
    }
  }
}

export function failMessage(input: { MessageId: string; FailureType: string }, ctx: RequestContext) {
  const { command, inv, cancel } = owned(ctx, input.MessageId);
  if (cancel || TERMINAL.has(inv.status)) return {};
  finish(ctx.platform, command, inv, 'Failed', 'Undeliverable', ctx.now.getTime());
  return {};
}

export function deleteMessage(input: { MessageId: string }, ctx: RequestContext) {
  owned(ctx, input.MessageId);
  return {};
}

