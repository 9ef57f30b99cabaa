// The HTTP listener: turns a request into an HttpRequest, runs the gateway, writes (or pipes) the answer.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Platform } from '../core/platform';
import { requestId } from '../core/ids';
import type { HttpRequest } from '../protocol/codec';
import { createGateway } from './gateway';
import { sessionStreams } from '../services/ssm/sessions/transport';

export interface ListenOptions { host: string; port: number; defaultRegion?: string }

function parseQuery(raw: string): Record<string, string[]> {
  const query: Record<string, string[]> = Object.create(null); // names come from the request
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

export function toHttpRequest(req: IncomingMessage): HttpRequest {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  return {
    method: req.method ?? 'GET', path: q < 0 ? url : url.slice(0, q), query: parseQuery(q < 0 ? '' : url.slice(q + 1)),
    headers, body: Buffer.alloc(0), host: headers.host ?? '', stream: req,
  };
}

export function startListener(platform: Platform, opts: ListenOptions): Promise<Server> {
  const handle = createGateway(platform, opts.defaultRegion ?? 'us-east-1');
  const streams = sessionStreams(platform, opts.defaultRegion ?? 'us-east-1'); // Session Manager's ssmmessages and WebSockets
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    if (streams.handles(req)) return streams.serve(req, res);
    try {
      const request = toHttpRequest(req);
      const out = await handle({ req: request, requestId: requestId(), sourceIp: req.socket.remoteAddress ?? '127.0.0.1', region: opts.defaultRegion ?? 'us-east-1' });
      if (out.body instanceof Readable) {
        res.writeHead(out.status, out.headers);
        if (request.method === 'HEAD') {
          out.body.destroy();
          res.end();
        } else {
          pipeline(out.body, res).catch((err) => {
            // A client that hangs up mid-download is normal; anything else is worth a line.
            if (err.code !== 'ERR_STREAM_PREMATURE_CLOSE') console.error('kanri: response stream failed:', err.message);
          });
        }
        return;
      }
      // A string body goes out as is: node then sends headers and body in one write, with no copy.
      const body = out.body;
      out.headers['content-length'] ??= String(typeof body === 'string' ? Buffer.byteLength(body) : body.length);
      res.writeHead(out.status, out.headers);
      res.end(request.method === 'HEAD' ? undefined : body);
    } catch (err) {
      console.error('kanri: listener error:', err);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end('{"__type":"InternalFailure","message":"internal error"}');
    }
  });
  server.on('upgrade', streams.upgrade);
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve(server));
  });
}
