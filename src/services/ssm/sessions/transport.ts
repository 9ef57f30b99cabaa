// ssmmessages, served on kanri's own port as AWS serves it on ssmmessages.<region>.amazonaws.com:
// - POST /v1/control-channel/{ChannelId} and POST /v1/data-channel/{SessionId} (REST-JSON, SigV4
//   signed for "ssmmessages"; botocore has no model for them, so they are answered here, not by
//   the gateway) return a token and the WebSocket URL;
// - the WebSockets at those paths open with a JSON text frame carrying that token, then carry
//   binary AgentMessages (agent/session/message.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Platform } from '../../../core/platform';
import { signingOf } from '../../../server/sigv4';
import { toHttpRequest } from '../../../server/listener';
import { controlChannelOpened, dataChannelOpened } from './channels';
import { findSession, sessionByToken } from './store';
import { findKey } from '../instances/store';

const PATH = /^\/v1\/(control-channel|data-channel)\/([A-Za-z0-9._@:+=-]{1,128})(?:\?|$)/;
const OPEN_TIMEOUT_MS = 10_000;
const MAX_BODY = 64 * 1024;

type Grant = { kind: 'control'; accountId: string; region: string; instanceId: string } | { kind: 'data'; accountId: string; region: string; sessionId: string };
/** Tokens handed out by CreateControlChannel / CreateDataChannel (the agent's side); clients use StartSession's. */
const grants = new Map<string, Grant>();

export interface SessionStreams {
  handles(req: IncomingMessage): boolean;
  serve(req: IncomingMessage, res: ServerResponse): void;
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
}

export function sessionStreams(platform: Platform, defaultRegion: string): SessionStreams {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  platform.onClose(() => wss.close());
  return {
    handles: (req) => req.method === 'POST' && PATH.test(req.url ?? '') && signingOf(toHttpRequest(req))?.service === 'ssmmessages',
    serve: (req, res) => void createChannel(platform, defaultRegion, req, res),
    upgrade(req, socket, head) {
      const m = PATH.exec(req.url ?? '');
      if (!m) return void socket.destroy();
      wss.handleUpgrade(req, socket, head, (ws) => awaitOpen(platform, ws, m[1], decodeURIComponent(m[2])));
    },
  };
}

async function createChannel(platform: Platform, defaultRegion: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const reply = (status: number, body: object) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'x-amzn-requestid': randomUUID() });
    res.end(text);
  };
  try {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of req) {
      size += (c as Buffer).length;
      if (size > MAX_BODY) return reply(413, { __type: 'ValidationException', message: 'request body too large' });
      chunks.push(c as Buffer);
    }
    let body: { RequestId?: unknown } = {};
    try {
      body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
    } catch {
      return reply(400, { __type: 'ValidationException', message: 'request body is not JSON' });
    }
    const [, kind, id] = PATH.exec(req.url ?? '')!;
    const signing = signingOf(toHttpRequest(req))!;
    const principal = platform.accounts.principalFor(signing.accessKeyId);
    if (principal.expired) return reply(403, { __type: 'ExpiredTokenException', message: 'The security token included in the request is expired' });
    const region = signing.region ?? defaultRegion;
    const channelId = decodeURIComponent(id);
    platform.service('ssm'); // its tables
    // Credentials issued to a managed instance open only that instance's channels.
    const instanceKey = findKey(platform.storage, signing.accessKeyId);
    const denied = () => reply(400, { __type: 'AccessDeniedException', message: `${instanceKey!.instanceId} may not open channels of ${channelId}.` });
    let grant: Grant;
    if (kind === 'control-channel') {
      if (instanceKey && instanceKey.instanceId !== channelId) return denied();
      grant = { kind: 'control', accountId: principal.accountId, region, instanceId: channelId };
    } else {
      const s = findSession(platform.storage, principal.accountId, region, channelId);
      if (!s || s.status === 'Terminated' || s.status === 'Failed') return reply(400, { __type: 'ValidationException', message: `Session ${channelId} is not active.` });
      if (instanceKey && instanceKey.instanceId !== s.target) return denied();
      grant = { kind: 'data', accountId: principal.accountId, region, sessionId: channelId };
    }
    const token = randomUUID() + randomUUID();
    grants.set(token, grant);
    const host = req.headers.host ?? '127.0.0.1:4566';
    reply(200, {
      MessageSchemaVersion: '1.0', RequestId: typeof body.RequestId === 'string' ? body.RequestId : randomUUID(), TokenValue: token,
      Url: `ws://${host}/v1/${kind}/${encodeURIComponent(channelId)}${kind === 'control-channel' ? '' : '?role=publish_subscribe'}`,
    });
  } catch (err) {
    console.error('kanri: ssmmessages request failed:', (err as Error).message);
    if (!res.headersSent) reply(500, { __type: 'InternalServerError', message: 'internal error' });
  }
}

/** The first frame is OpenControlChannel / OpenDataChannel JSON with the token; nothing else is accepted before it. */
function awaitOpen(platform: Platform, ws: WebSocket, kind: string, id: string): void {
  const timer = setTimeout(() => ws.close(1008, 'no open message'), OPEN_TIMEOUT_MS);
  ws.once('message', (data, isBinary) => {
    clearTimeout(timer);
    let token = '';
    try {
      if (!isBinary) token = String(JSON.parse(data.toString()).TokenValue ?? '');
    } catch { /* refused below */ }
    platform.service('ssm');
    const grant = grants.get(token);
    if (kind === 'control-channel') {
      if (grant?.kind !== 'control' || grant.instanceId !== id) return void ws.close(1008, 'invalid token');
      return controlChannelOpened(grant.accountId, grant.region, grant.instanceId, ws);
    }
    if (grant?.kind === 'data' && grant.sessionId === id) return dataChannelOpened(platform, grant, 'agent', ws);
    const s = token ? sessionByToken(platform.storage, token) : undefined;
    if (!s || s.sessionId !== id || s.status === 'Terminated' || s.status === 'Failed') return void ws.close(1008, 'invalid token');
    dataChannelOpened(platform, s, 'client', ws);
  });
  ws.on('error', () => ws.terminate());
}
