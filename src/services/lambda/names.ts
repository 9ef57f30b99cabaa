// Function names as callers give them (a name, a partial ARN or a full ARN, each with an optional
// :qualifier) and the ARNs kanri hands out.
import { arn } from '../../core/arn';
import { functionNotFound, invalidParameter } from './errors';

export interface FunctionRef { accountId: string; region: string; name: string; qualifier?: string }

export function functionArn(region: string, accountId: string, name: string, qualifier?: string): string {
  return arn('lambda', region, accountId, `function:${name}${qualifier ? `:${qualifier}` : ''}`);
}

const FULL = /^arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):(\d{12}):function:([a-zA-Z0-9_.-]+)(?::([a-zA-Z0-9_$.-]+))?$/;
const PARTIAL = /^(\d{12}):function:([a-zA-Z0-9_.-]+)(?::([a-zA-Z0-9_$.-]+))?$/;
const PLAIN = /^([a-zA-Z0-9_.-]+)(?::([a-zA-Z0-9_$.-]+))?$/;

/**
 * Resolves a FunctionName (and Qualifier parameter) in the caller's account and region. A function
 * in another account or region is, to this caller, a function that does not exist.
 */
export function parseFunctionName(ctx: { accountId: string; region: string }, value: string, qualifier?: string): FunctionRef {
  let name: string | undefined;
  let derived: string | undefined;
  let m = FULL.exec(value);
  if (m) {
    if (m[1] !== ctx.region || m[2] !== ctx.accountId) throw functionNotFound(value);
    [name, derived] = [m[3], m[4]];
  } else if ((m = PARTIAL.exec(value))) {
    if (m[1] !== ctx.accountId) throw functionNotFound(value);
    [name, derived] = [m[2], m[3]];
  } else if ((m = PLAIN.exec(value))) {
    [name, derived] = [m[1], m[2]];
  } else {
    throw invalidParameter(`1 validation error detected: Value '${value}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern`);
  }
  if (derived !== undefined && qualifier !== undefined && derived !== qualifier) {
    throw invalidParameter('The derived qualifier from the function name does not match the specified qualifier.');
  }
  return { accountId: ctx.accountId, region: ctx.region, name, qualifier: qualifier ?? derived };
}

/** Parses a function ARN given by another service (SNS, EventBridge): account and region come from it. */
export function parseFunctionArn(value: string): FunctionRef | undefined {
  const m = FULL.exec(value);
  return m ? { region: m[1], accountId: m[2], name: m[3], qualifier: m[4] } : undefined;
}

/** Names a function as AWS's create call allows: 1-64 of letters, digits, hyphens and underscores. */
export function validFunctionName(name: string): boolean {
  return /^[a-zA-Z0-9_-]{1,64}$/.test(name);
}
