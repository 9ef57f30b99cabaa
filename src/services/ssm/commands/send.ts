// SendCommand: resolve the document and its parameters, find the targets, write the command and
// one invocation per instance, release the first ones and start the delivery timeout.
import { randomUUID } from 'node:crypto';
import { AwsError } from '../../../protocol/errors';
import type { RequestContext } from '../../types';
import { parseBody } from '../documents/content';
import { resolveDocument } from '../documents/resolve';
import { advance, scheduleDeliveryTimeout } from './lifecycle';
import { checkParameters } from './params';
import { describeCommand } from './shapes';
import { insertCommand, insertInvocation, type CommandRow } from './store';
import { byInstanceIds, byTargets } from './targets';

interface SendInput {
  InstanceIds?: string[]; Targets?: { Key: string; Values: string[] }[]; DocumentName: string; DocumentVersion?: string; DocumentHash?: string;
  TimeoutSeconds?: number; Comment?: string; Parameters?: Record<string, string[]>; OutputS3Region?: string; OutputS3BucketName?: string;
  OutputS3KeyPrefix?: string; MaxConcurrency?: string; MaxErrors?: string; ServiceRoleArn?: string;
  NotificationConfig?: { NotificationArn?: string; NotificationEvents?: string[]; NotificationType?: string };
  CloudWatchOutputConfig?: { CloudWatchLogGroupName?: string; CloudWatchOutputEnabled?: boolean };
}

export function sendCommand(input: SendInput, ctx: RequestContext) {
  const hasIds = !!input.InstanceIds?.length;
  const hasTargets = !!input.Targets?.length;
  if (hasIds === hasTargets) {
    throw new AwsError('ValidationException', hasIds ? 'Specify either InstanceIds or Targets, not both.' : 'You must specify either InstanceIds or Targets.');
  }
  const found = resolveDocument(ctx, input.DocumentName, input.DocumentVersion);
  if (found.doc.documentType !== 'Command') throw new AwsError('InvalidDocument', `${input.DocumentName} is not a Command document.`);
  if (input.DocumentHash && input.DocumentHash !== found.version.hash) throw new AwsError('InvalidDocument', 'The document hash does not match the document.');
  const content = parseBody(found.version.content, found.version.format) as Record<string, unknown>;
  const parameters = checkParameters(content.parameters, input.Parameters);
  const instances = hasIds ? byInstanceIds(ctx, input.InstanceIds!) : byTargets(ctx, input.Targets!);
  if (input.NotificationConfig?.NotificationArn && !input.ServiceRoleArn) {
    throw new AwsError('InvalidRole', 'A service role ARN is required to send notifications.');
  }
  const now = ctx.now.getTime();
  const timeout = input.TimeoutSeconds ?? 3600;
  const command: CommandRow = {
    accountId: ctx.accountId, region: ctx.region, commandId: randomUUID(), documentName: input.DocumentName,
    documentVersion: input.DocumentVersion ?? (found.amazon ? '$DEFAULT' : String(found.version.version)), documentContent: JSON.stringify(content),
    comment: input.Comment ?? null, parameters, targets: input.Targets ?? [], instanceIds: input.InstanceIds ?? [], requestedAt: now,
    expiresAt: now + timeout * 1000, status: 'Pending', statusDetails: 'Pending', outputBucket: input.OutputS3BucketName ?? null,
    outputPrefix: input.OutputS3KeyPrefix ?? null, outputRegion: input.OutputS3Region ?? (input.OutputS3BucketName ? ctx.region : null),
    maxConcurrency: input.MaxConcurrency ?? '50', maxErrors: input.MaxErrors ?? '0', serviceRole: input.ServiceRoleArn ?? null,
    notification: input.NotificationConfig ?? null, cloudwatch: input.CloudWatchOutputConfig ?? null, timeoutSeconds: timeout,
  };
  insertCommand(ctx.platform.storage, command);
  instances.forEach((i, seq) => insertInvocation(ctx.platform.storage, {
    accountId: ctx.accountId, region: ctx.region, commandId: command.commandId, instanceId: i.instanceId, seq, instanceName: i.computerName ?? '',
    status: 'Pending', statusDetails: 'Pending', released: false, acked: false, requestedAt: now, startedAt: null, endedAt: null, responseCode: null, plugins: [],
  }));
  ctx.touch('AWS::SSM::Document', input.DocumentName);
  advance(ctx.platform, command);
  if (!instances.length) {
    // Nothing matched the targets: AWS answers the command as finished at once.
    command.status = 'Success';
    command.statusDetails = 'Success';
    ctx.platform.storage.stmt("UPDATE ssm_commands SET status = 'Success', status_details = 'Success' WHERE account_id = ? AND region = ? AND command_id = ?")
      .run(ctx.accountId, ctx.region, command.commandId);
  } else {
    scheduleDeliveryTimeout(ctx.platform, command);
  }
  return { Command: describeCommand(ctx.platform, command) };
}
