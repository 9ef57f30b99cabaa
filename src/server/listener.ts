// The HTTP listener: reads a request (gzip bodies too), runs the gateway, writes the answer.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { gunzipSync } from 'node:zlib';
import type { Platform } from '../core/platform';
import { requestId } from '../core/ids';
import type { HttpRequest } from '../protocol/codec';
import { createGateway, MAX_BODY_BYTES } from './gateway';

export interface ListenOptions { host: string; port: number; defaultRegion?: string }

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      // Past the cap, keep draining but stop storing; the gateway answers 413.
      if (size <= MAX_BODY_BYTES + 1) chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseQuery(raw: string): Record<string, string[]> {
  const query: Record<string, string[]> = {};
  if (!raw) return query;
  for (const part of raw.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const k = safeDecode(eq < 0 ? part : part.slice(0, eq));
    const v = eq < 0 ? '' : safeDecode(part.slice(eq + 1));
    (query[k] ??= []).push(v);
  }
  return query;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

export async function toHttpRequest(req: IncomingMessage): Promise<HttpRequest> {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  let body = await readBody(req);
  if (/\bgzip\b/i.test(headers['content-encoding'] ?? '') && body.length) {
    try {
      body = gunzipSync(body, { maxOutputLength: MAX_BODY_BYTES + 1 });
    } catch {
      body = Buffer.alloc(MAX_BODY_BYTES + 1); // undecodable or too large once inflated: the gateway answers 413
    }
  }
  return { method: req.method ?? 'GET', path: q < 0 ? url : url.slice(0, q), query: parseQuery(q < 0 ? '' : url.slice(q + 1)), headers, body, host: headers.host ?? '' };
}

export function startListener(platform: Platform, opts: ListenOptions): Promise<Server> {
  const handle = createGateway(platform, opts.defaultRegion ?? 'us-east-1');
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    try {
      const request = await toHttpRequest(req);
      const out = await handle({ req: request, requestId: requestId(), sourceIp: req.socket.remoteAddress ?? '127.0.0.1', region: opts.defaultRegion ?? 'us-east-1' });
      const body = typeof out.body === 'string' ? Buffer.from(out.body) : out.body;
      out.headers['content-length'] ??= String(body.length);
      res.writeHead(out.status, out.headers);
      res.end(request.method === 'HEAD' ? undefined : body);
    } catch (err) {
      console.error('kanri: listener error:', err);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end('{"__type":"InternalFailure","message":"internal error"}');
    }
  });
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve(server));
  });
}
