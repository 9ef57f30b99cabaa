// JSON 1.1 calls from the agent to kanri, signed with the instance's credentials. Errors carry
// the AWS error code so the core can tell an expired token from a bad request.
import type { AgentCredentials } from './context';
import { signedHeaders } from './sigv4';

const SIGNING_NAMES: Record<string, string> = { AmazonSSM: 'ssm', EC2WindowsMessageDeliveryService: 'ec2messages' };

export class CallError extends Error {
  constructor(readonly code: string, message: string, readonly status: number) {
    super(`${code}: ${message}`);
  }
}

export async function jsonCall<T>(endpoint: string, region: string, creds: AgentCredentials | undefined, targetPrefix: string, operation: string, input: object, signal?: AbortSignal): Promise<T> {
  const url = new URL(endpoint.endsWith('/') ? endpoint : `${endpoint}/`);
  const body = JSON.stringify(input);
  let headers: Record<string, string> = { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `${targetPrefix}.${operation}`, 'user-agent': 'kanri-agent/1.0' };
  const service = SIGNING_NAMES[targetPrefix] ?? targetPrefix.toLowerCase();
  if (creds) headers = signedHeaders(url, body, headers, service, region, creds);
  const res = await fetch(url, { method: 'POST', headers, body, signal });
  const text = await res.text();
  const parsed = text ? JSON.parse(text) : {};
  if (!res.ok) {
    const code = String(parsed.__type ?? res.headers.get('x-amzn-errortype') ?? 'Error').split('#').pop()!.split(':')[0];
    throw new CallError(code, parsed.message ?? parsed.Message ?? text, res.status);
  }
  return parsed as T;
}
