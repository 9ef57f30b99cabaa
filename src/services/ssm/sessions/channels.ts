// The live side of Session Manager, in memory: which agents hold a control channel, and each
// session's two data-channel WebSockets (the client's and the agent's), relayed frame for frame.
// Frames wait in a queue until the other side has joined. Nothing here survives a restart: the
// sockets do not either, so init() ends the sessions that were open.
import type WebSocket from 'ws';
import type { Platform } from '../../../core/platform';
import { decodeMessage, encodeMessage, MessageType, newMessage, PayloadType } from '../../../agent/session/message';
import { serviceApi } from '../../links';
import { setSessionStatus, type SessionRecord } from './store';

interface Relay {
  session: Pick<SessionRecord, 'accountId' | 'region' | 'sessionId'>;
  client?: WebSocket;
  agent?: WebSocket;
  toClient: Buffer[];
  toAgent: Buffer[];
  /** Where the shell's output goes when the session ends (the document's s3BucketName). */
  transcript?: { bucket: string; key: string; chunks: Buffer[]; size: number };
  ended: boolean;
  /** The agent said channel_closed itself (the shell exited): the client has its goodbye already. */
  agentClosed?: boolean;
}

const TRANSCRIPT_LIMIT = 16 * 1024 * 1024;
const controls = new Map<string, WebSocket>();
const relays = new Map<string, Relay>();

const key = (accountId: string, region: string, id: string) => `${accountId}/${region}/${id}`;

export function controlChannelOpened(accountId: string, region: string, instanceId: string, ws: WebSocket): void {
  const k = key(accountId, region, instanceId);
  const old = controls.get(k);
  if (old && old !== ws) old.close(1000, 'replaced by a newer control channel');
  controls.set(k, ws);
  ws.on('close', () => {
    if (controls.get(k) === ws) controls.delete(k);
  });
}

export function isConnected(accountId: string, region: string, instanceId: string): boolean {
  return controls.has(key(accountId, region, instanceId));
}

/** Sends a control message (start or cancel a session) to the target's agent; false when it is offline. */
export function tellAgent(accountId: string, region: string, instanceId: string, topic: string, content: object): boolean {
  const ws = controls.get(key(accountId, region, instanceId));
  if (!ws) return false;
  const payload = JSON.stringify({ SchemaVersion: 1, TaskId: (content as { SessionId?: string }).SessionId, Topic: topic, Content: JSON.stringify(content) });
  ws.send(encodeMessage(newMessage('interactive_shell', 0, 0, payload)));
  return true;
}

export function prepareRelay(session: SessionRecord, transcript?: { bucket: string; key: string }): void {
  relays.set(key(session.accountId, session.region, session.sessionId), {
    session, toClient: [], toAgent: [], ended: false, transcript: transcript && { ...transcript, chunks: [], size: 0 },
  });
}

function relayFor(s: Pick<SessionRecord, 'accountId' | 'region' | 'sessionId'>): Relay {
  const k = key(s.accountId, s.region, s.sessionId);
  let relay = relays.get(k);
  if (!relay) relays.set(k, (relay = { session: s, toClient: [], toAgent: [], ended: false }));
  return relay;
}

/** A data channel joined (after its token checked out). */
export function dataChannelOpened(platform: Platform, s: Pick<SessionRecord, 'accountId' | 'region' | 'sessionId'>, side: 'client' | 'agent', ws: WebSocket): void {
  const relay = relayFor(s);
  if (relay.ended) return void ws.close(1000, 'session ended');
  const old = relay[side];
  if (old && old !== ws) old.close(1000, 'replaced');
  relay[side] = ws;
  const queue = side === 'client' ? relay.toClient : relay.toAgent;
  for (const frame of queue.splice(0)) ws.send(frame);
  if (side === 'client') setStatus(platform, relay, 'Connected');
  ws.on('message', (data, isBinary) => {
    if (!isBinary || relay.ended) return;
    const frame = Buffer.isBuffer(data) ? data : Buffer.concat(data as Buffer[]);
    if (side === 'agent') noteAgentFrame(relay, frame);
    const other = side === 'client' ? relay.agent : relay.client;
    if (other && other.readyState === other.OPEN) other.send(frame);
    else (side === 'client' ? relay.toAgent : relay.toClient).push(frame);
  });
  ws.on('close', () => {
    if (relay[side] !== ws) return;
    relay[side] = undefined;
    if (side === 'agent') void endRelay(platform, relay, 'Terminated');
    else if (!relay.ended) setStatus(platform, relay, 'Disconnected');
  });
}

// The server reads only what it must: output for the transcript.
function noteAgentFrame(relay: Relay, frame: Buffer): void {
  if (frame.length >= 36 && frame.toString('utf8', 4, 36).trimEnd() === MessageType.ChannelClosed) relay.agentClosed = true;
  const t = relay.transcript;
  if (!t || t.size >= TRANSCRIPT_LIMIT) return;
  try {
    const m = decodeMessage(frame);
    if (m.messageType === MessageType.Output && m.payloadType === PayloadType.Output) {
      t.chunks.push(m.payload);
      t.size += m.payload.length;
    }
  } catch { /* a frame the client will refuse too */ }
}

/** TerminateSession, the shell's exit, or the agent's channel closing: the session ends once. */
export async function endRelay(platform: Platform, relay: Relay | Pick<SessionRecord, 'accountId' | 'region' | 'sessionId'>, status = 'Terminated'): Promise<void> {
  const r = 'toClient' in relay ? relay : relays.get(key(relay.accountId, relay.region, relay.sessionId));
  if (!r) return;
  if (r.ended) return;
  r.ended = true;
  relays.delete(key(r.session.accountId, r.session.region, r.session.sessionId));
  setStatus(platform, r, status);
  if (r.client && r.client.readyState === r.client.OPEN && r.agentClosed) r.client.close(1000);
  else if (r.client && r.client.readyState === r.client.OPEN) {
    const closed = { MessageId: '', CreatedDate: new Date().toISOString(), DestinationId: '', SessionId: r.session.sessionId, MessageType: MessageType.ChannelClosed, SchemaVersion: 1, Output: '' };
    r.client.send(encodeMessage(newMessage(MessageType.ChannelClosed, 0, 0, JSON.stringify(closed))), () => r.client?.close(1000));
  }
  r.agent?.close(1000);
  const t = r.transcript;
  if (t && t.chunks.length) {
    const s3 = serviceApi<typeof import('../../s3/api')>('s3');
    const objectKey = t.key;
    await s3?.writeObject(platform, { region: r.session.region, bucket: t.bucket, key: objectKey, body: Buffer.concat(t.chunks), contentType: 'text/plain' })
      .catch((err: Error) => console.error(`kanri: session transcript to s3://${t.bucket}/${objectKey} failed: ${err.message}`));
  }
}

function setStatus(platform: Platform, relay: Relay, status: string): void {
  try {
    platform.storage.transaction(() => setSessionStatus(platform.storage, relay.session, status, platform.clock.now()));
  } catch (err) {
    console.error(`kanri: session ${relay.session.sessionId} status not saved: ${(err as Error).message}`);
  }
}
