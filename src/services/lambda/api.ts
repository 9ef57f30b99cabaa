// What other services may call: SNS and EventBridge deliver to functions through these, and check
// a function's resource policy first. Function ARNs carry the account and region.
import { randomUUID } from 'node:crypto';
import type { Platform } from '../../core/platform';
import { queueInvocation } from './async';
import { functionNotFound } from './errors';
import { execute } from './invoke';
import { parseFunctionArn, type FunctionRef } from './names';
import { policyAllows } from './policy';
import { resolveRef } from './resolve';
import { findFunction } from './store';

/** Other services may call in before any Lambda request loaded the plugin (its tables, its queue). */
function loaded(platform: Platform): Platform {
  platform.service('lambda');
  return platform;
}

function refOf(functionArn: string): FunctionRef {
  const ref = parseFunctionArn(functionArn);
  if (!ref) throw functionNotFound(functionArn);
  return ref;
}

/** Queues an Event invocation (run after the caller's transaction commits); throws ResourceNotFoundException if there is no such function. */
export async function invokeAsync(platform: Platform, functionArn: string, payload: string): Promise<void> {
  const ref = refOf(functionArn);
  resolveRef(loaded(platform), ref); // throws for a missing function, version or alias
  platform.storage.transaction(() => queueInvocation(platform, ref, payload, randomUUID()));
}

/** Runs a RequestResponse invocation and answers what Invoke would (the function's errors included). */
export async function invokeSync(platform: Platform, functionArn: string, payload: string): Promise<{ statusCode: number; payload: string; functionError?: string }> {
  const ref = refOf(functionArn);
  const resolved = resolveRef(loaded(platform), ref, Math.random());
  const result = await execute(platform, resolved, payload);
  return { statusCode: 200, payload: result.payload, functionError: result.functionError };
}

/** Whether the function's resource policy lets that service principal (sns.amazonaws.com, events.amazonaws.com) invoke it. */
export function checkInvokePermission(platform: Platform, functionArn: string, principalService: string, sourceArn?: string): boolean {
  const ref = parseFunctionArn(functionArn);
  if (!ref) return false;
  const fn = findFunction(loaded(platform).storage, ref.accountId, ref.region, ref.name);
  if (!fn) return false;
  return policyAllows(fn.policy, ref.qualifier ?? '', principalService, sourceArn);
}

/** The function (or its version or alias) an ARN names, or undefined: S3 checks notification destinations with it. */
export function findFunctionByArn(platform: Platform, functionArn: string): { functionArn: string } | undefined {
  const ref = parseFunctionArn(functionArn);
  if (!ref) return undefined;
  try {
    resolveRef(loaded(platform), ref);
    return { functionArn };
  } catch {
    return undefined;
  }
}
