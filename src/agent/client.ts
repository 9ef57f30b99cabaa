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

/** A signed path-style S3 GET of an object's body (aws:downloadContent). */
export async function s3Get(endpoint: string, region: string, creds: AgentCredentials, bucket: string, key: string, signal?: AbortSignal): Promise<Buffer> {
  const url = new URL(`${endpoint.replace(/\/$/, '')}/${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`);
  const headers = signedHeaders(url, '', { 'user-agent': 'kanri-agent/1.0' }, 's3', region, creds, new Date(), 'GET');
  const res = await fetch(url, { headers, signal });
  if (!res.ok) throw new CallError(`S3 ${res.status}`, `could not read s3://${bucket}/${key}`, res.status);
  return Buffer.from(await res.arrayBuffer());
}
