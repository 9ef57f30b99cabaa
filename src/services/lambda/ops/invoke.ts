// Invoke (RequestResponse, Event, DryRun) and the legacy InvokeAsync.
import type { RequestContext } from '../../types';
import { queueInvocation } from '../async';
import { invalidParameter, requestTooLarge } from '../errors';
import { execute, executionEnabled, logTail } from '../invoke';
import { resolve } from '../resolve';
import { executionDisabled } from '../errors';
import { AwsError } from '../../../protocol/errors';

const SYNC_LIMIT = 6_291_456;
const ASYNC_LIMIT = 262_144;

function payloadText(payload: Buffer | string | undefined): string {
  if (payload === undefined) return '';
  return Buffer.isBuffer(payload) ? payload.toString('utf8') : String(payload);
}

function checkJson(text: string): void {
  if (text === '') return;
  try {
    JSON.parse(text);
  } catch {
    throw new AwsError('InvalidRequestContentException', 'Could not parse request body into json: Could not parse payload into json: Unexpected character', 400, true, { Type: 'User' });
  }
}

/** X-Amz-Client-Context: base64 JSON, at most 3583 bytes, handed to the function as its client context. */
function clientContext(value: string | undefined): unknown {
  if (value === undefined) return undefined;
  if (value.length > 3583) throw invalidParameter('Client context must be 3583 bytes or less.');
  try {
    return JSON.parse(Buffer.from(value, 'base64').toString('utf8'));
  } catch {
    throw invalidParameter('Client context must be a valid Base64-encoded JSON object.');
  }
}

export async function invoke(input: { FunctionName: string; Qualifier?: string; InvocationType?: string; LogType?: string; Payload?: Buffer; ClientContext?: string }, ctx: RequestContext) {
  const type = input.InvocationType ?? 'RequestResponse';
  const text = payloadText(input.Payload);
  const r = resolve(ctx, input.FunctionName, input.Qualifier, Math.random());
  if (type === 'DryRun') return { StatusCode: 204 };
  if (type === 'Event') {
    if (Buffer.byteLength(text) > ASYNC_LIMIT) throw requestTooLarge(ASYNC_LIMIT);
    checkJson(text);
    if (!executionEnabled(ctx.platform)) throw executionDisabled();
    queueInvocation(ctx.platform, r.ref, text || '{}', ctx.requestId);
    return { StatusCode: 202 };
  }
  if (Buffer.byteLength(text) > SYNC_LIMIT) throw requestTooLarge(SYNC_LIMIT);
  if (input.LogType !== undefined && input.LogType !== 'None' && input.LogType !== 'Tail') throw invalidParameter(`Unsupported log type: ${input.LogType}`);
  checkJson(text);
  const result = await execute(ctx.platform, r, text || '{}', ctx.requestId, clientContext(input.ClientContext));
  if (Buffer.byteLength(result.payload) > SYNC_LIMIT) {
    return {
      StatusCode: 200, FunctionError: 'Unhandled', ExecutedVersion: result.executedVersion,
      Payload: Buffer.from(JSON.stringify({ errorMessage: `Response payload size (${Buffer.byteLength(result.payload)} bytes) exceeded maximum allowed payload size (${SYNC_LIMIT} bytes).`, errorType: 'Function.ResponseSizeTooLarge' })),
    };
  }
  return {
    StatusCode: 200,
    FunctionError: result.functionError,
    LogResult: input.LogType === 'Tail' ? logTail(result.logs) : undefined,
    ExecutedVersion: result.executedVersion,
    Payload: Buffer.from(result.payload, 'utf8'),
  };
}

/** The deprecated InvokeAsync: an Event invocation that answers {Status: 202}. */
export async function invokeAsyncOp(input: { FunctionName: string; InvokeArgs?: Buffer | NodeJS.ReadableStream }, ctx: RequestContext) {
  let body = '';
  const args = input.InvokeArgs as any;
  if (Buffer.isBuffer(args)) body = args.toString('utf8');
  else if (args && typeof args[Symbol.asyncIterator] === 'function') {
    const chunks: Buffer[] = [];
    for await (const c of args) chunks.push(Buffer.from(c));
    body = Buffer.concat(chunks).toString('utf8');
  } else if (typeof args === 'string') body = args;
  const r = resolve(ctx, input.FunctionName, undefined);
  if (Buffer.byteLength(body) > ASYNC_LIMIT) throw requestTooLarge(ASYNC_LIMIT);
  checkJson(body);
  if (!executionEnabled(ctx.platform)) throw executionDisabled();
  ctx.platform.storage.transaction(() => queueInvocation(ctx.platform, r.ref, body || '{}', ctx.requestId));
  return { Status: 202 };
}
