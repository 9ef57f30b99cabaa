// SigV4 for Session Manager's POSTs (ssmmessages from the agent, AmazonSSM from the client):
// the signature an AWS SDK computes, without depending on the SDK at run time.
import { createHash, createHmac } from 'node:crypto';
import type { AgentCredentials } from '../context';

const sha256 = (data: string) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

export async function signedPost<T>(url: string, body: object, opts: { service: string; region: string; credentials: AgentCredentials; headers?: Record<string, string>; signal?: AbortSignal }): Promise<T> {
  const u = new URL(url);
  const text = JSON.stringify(body);
  const amzDate = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = { ...opts.headers, host: u.host, 'x-amz-date': amzDate, 'x-amz-content-sha256': sha256(text) };
  if (opts.credentials.sessionToken) headers['x-amz-security-token'] = opts.credentials.sessionToken;
  const names = Object.keys(headers).sort();
  const canonical = ['POST', u.pathname, u.search.slice(1), names.map((n) => `${n}:${headers[n].trim()}\n`).join(''), names.join(';'), headers['x-amz-content-sha256']].join('\n');
  const scope = `${day}/${opts.region}/${opts.service}/aws4_request`;
  const key = hmac(hmac(hmac(hmac(`AWS4${opts.credentials.secretAccessKey}`, day), opts.region), opts.service), 'aws4_request');
  const signature = createHmac('sha256', key).update(['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n')).digest('hex');
  delete headers.host;
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${opts.credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
  const res = await fetch(url, { method: 'POST', headers, body: text, signal: opts.signal });
  const answer = await res.text();
  let parsed: any = {};
  try {
    parsed = answer ? JSON.parse(answer) : {};
  } catch { /* reported below */ }
  if (!res.ok) {
    const code = String(parsed.__type ?? res.status).split('#').pop();
    throw Object.assign(new Error(`${code}: ${parsed.message ?? parsed.Message ?? answer.slice(0, 200)}`), { code });
  }
  return parsed as T;
}
