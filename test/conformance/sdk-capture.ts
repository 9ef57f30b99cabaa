// Runs a real SDK v3 command against a fake transport: captures the request the SDK serialized,
// and answers with a response of our choosing, so both directions of a codec can be checked.
import { Readable } from 'node:stream';
import { HttpResponse as SmithyResponse } from '@smithy/core/transport';
import type { HttpRequest, HttpResponse } from '../../src/protocol/codec';

export interface Captured { request: HttpRequest; output?: unknown; error?: any }

async function bodyBytes(body: unknown): Promise<Buffer> {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === 'string') return Buffer.from(body);
  if (body instanceof Uint8Array) return Buffer.from(body);
  const chunks: Buffer[] = [];
  for await (const c of body as AsyncIterable<Uint8Array | string>) chunks.push(Buffer.from(c as Uint8Array));
  return Buffer.concat(chunks);
}

/** The SDK's request as kanri's listener would have read it. */
async function toKanriRequest(r: any): Promise<HttpRequest> {
  const query: Record<string, string[]> = {};
  for (const [k, v] of Object.entries<any>(r.query ?? {})) query[k] = Array.isArray(v) ? v : [v ?? ''];
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries<any>(r.headers ?? {})) headers[k.toLowerCase()] = String(v);
  const host = r.hostname + (r.port ? `:${r.port}` : '');
  headers.host ??= host;
  return { method: r.method, path: r.path, query, headers, body: await bodyBytes(r.body), host };
}

/**
 * Sends `command` through `ClientClass` with a transport that records the request and replies
 * with `reply(request)` (or an empty 200).
 */
export async function capture(ClientClass: any, command: any, reply?: (req: HttpRequest) => HttpResponse): Promise<Captured> {
  let request: HttpRequest | undefined;
  const requestHandler = {
    async handle(r: any) {
      request = await toKanriRequest(r);
      const res = reply?.(request) ?? { status: 200, headers: {}, body: '' };
      const body = typeof res.body === 'string' ? Buffer.from(res.body) : (res.body as Buffer);
      return { response: new SmithyResponse({ statusCode: res.status, headers: { 'content-length': String(body.length), ...res.headers }, body: Readable.from([body]) }) };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs() { return {}; },
  };
  const client = new ClientClass({
    endpoint: 'http://localhost:4566', region: 'us-east-1', maxAttempts: 1, requestHandler,
    credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secret' },
    forcePathStyle: true,
  });
  try {
    const output = await client.send(command);
    return { request: request!, output };
  } catch (error) {
    if (!request) throw error;
    return { request, error };
  }
}
