// Session Manager on the agent: holds the control channel (CreateControlChannel, then its
// WebSocket) so kanri can reach this instance, and runs a worker per session it is told about.
// The channel reconnects after kanri restarts or the network drops.
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import type { AgentContext, AgentFeature } from '../context';
import { decodeMessage } from './message';
import { signedPost } from './sign';
import { AGENT_VERSION, runSession, type StartSessionContent } from './worker';

const RETRY_MS = [1000, 2000, 5000, 10_000];

export const sessionFeature: AgentFeature = async (ctx) => {
  const sessions = new Map<string, { stop(): void }>();
  let attempt = 0;
  while (!ctx.signal.aborted) {
    try {
      await holdControlChannel(ctx, sessions, () => (attempt = 0));
    } catch (err) {
      if (!ctx.signal.aborted) ctx.log(`session control channel: ${(err as Error).message}`);
    }
    if (ctx.signal.aborted) break;
    await sleep(RETRY_MS[Math.min(attempt++, RETRY_MS.length - 1)], ctx.signal);
  }
  for (const s of sessions.values()) s.stop();
};

async function holdControlChannel(ctx: AgentContext, sessions: Map<string, { stop(): void }>, connected: () => void): Promise<void> {
  const created = await signedPost<{ TokenValue: string; Url: string }>(`${ctx.endpoint}/v1/control-channel/${encodeURIComponent(ctx.instanceId)}`,
    { MessageSchemaVersion: '1.0', RequestId: randomUUID() }, { service: 'ssmmessages', region: ctx.region, credentials: ctx.credentials(), signal: ctx.signal });
  const ws = new WebSocket(created.Url);
  await new Promise<void>((resolve, reject) => {
    const abort = () => ws.close(1000);
    ctx.signal.addEventListener('abort', abort, { once: true });
    ws.once('open', () => {
      ws.send(JSON.stringify({ MessageSchemaVersion: '1.0', RequestId: randomUUID(), TokenValue: created.TokenValue, AgentVersion: AGENT_VERSION, PlatformType: 'linux' }));
      connected();
    });
    ws.on('message', (data, isBinary) => {
      if (isBinary) void handleControl(ctx, sessions, data as Buffer);
    });
    ws.once('error', reject);
    ws.once('close', () => {
      ctx.signal.removeEventListener('abort', abort);
      resolve();
    });
  });
}

async function handleControl(ctx: AgentContext, sessions: Map<string, { stop(): void }>, frame: Buffer): Promise<void> {
  let topic = '';
  let content: StartSessionContent;
  try {
    const payload = JSON.parse(decodeMessage(frame).payload.toString());
    topic = String(payload.Topic);
    content = JSON.parse(payload.Content);
  } catch (err) {
    return ctx.log(`session control message refused: ${(err as Error).message}`);
  }
  if (topic === 'aws.ssm.terminateSession') {
    sessions.get(content.SessionId)?.stop();
    sessions.delete(content.SessionId);
    return;
  }
  if (topic !== 'aws.ssm.startSession' || sessions.has(content.SessionId)) return;
  try {
    ctx.log(`session ${content.SessionId} (${content.DocumentName}) starting`);
    const session = await runSession(ctx, content, () => sessions.delete(content.SessionId));
    sessions.set(content.SessionId, session);
  } catch (err) {
    ctx.log(`session ${content.SessionId} failed to start: ${(err as Error).message}`);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    }, { once: true });
  });
}
