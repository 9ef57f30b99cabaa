// `kanri ssm start-session`: the client the AWS CLI would need session-manager-plugin for. It calls
// StartSession, opens StreamUrl, answers the agent's handshake, and then either is a terminal
// (raw mode, resize on SIGWINCH, the terminal restored on exit) or forwards a local TCP port.
import { createServer, type Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { AgentCredentials } from '../agent/context';
import { PayloadType, PortFlag } from '../agent/session/message';
import { signedPost } from '../agent/session/sign';
import { SessionStream } from '../agent/session/stream';
import { flag } from '../agent/session/worker';

export interface StartSessionOptions { target: string; documentName?: string; parameters?: string; endpoint?: string; region?: string; reason?: string }

/** "k=v,k2=v2" (or JSON {"k":["v"]}) as SSM parameters. */
export function parseParameters(text: string | undefined): Record<string, string[]> | undefined {
  if (!text) return undefined;
  if (text.trim().startsWith('{')) return JSON.parse(text);
  const out: Record<string, string[]> = Object.create(null);
  for (const pair of text.split(',')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new Error(`parameter "${pair}" is not name=value`);
    (out[pair.slice(0, eq).trim()] ??= []).push(pair.slice(eq + 1).trim());
  }
  return out;
}

function credentials(): AgentCredentials {
  const env = process.env;
  return { accessKeyId: env.AWS_ACCESS_KEY_ID ?? 'test', secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? 'test', sessionToken: env.AWS_SESSION_TOKEN || undefined };
}

export async function startSessionCommand(opts: StartSessionOptions): Promise<number> {
  const endpoint = (opts.endpoint ?? process.env.AWS_ENDPOINT_URL ?? `http://127.0.0.1:${process.env.KANRI_PORT ?? 4566}`).replace(/\/+$/, '');
  const region = opts.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
  const ssm = <T>(op: string, input: object) => signedPost<T>(`${endpoint}/`, input, {
    service: 'ssm', region, credentials: credentials(), headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AmazonSSM.${op}` },
  });
  const started = await ssm<{ SessionId: string; TokenValue: string; StreamUrl: string }>('StartSession', {
    Target: opts.target, DocumentName: opts.documentName, Parameters: parseParameters(opts.parameters), Reason: opts.reason,
  });
  const stream = await SessionStream.open(started.StreamUrl, started.TokenValue, 'input_stream_data', { ClientId: randomUUID(), ClientVersion: '1.2.0.0' });
  process.stdout.write(`\nStarting session with SessionId: ${started.SessionId}\n`);
  let sessionType = 'Standard_Stream';
  let stopMode: () => void = () => {};
  const ended = new Promise<string>((resolve) => stream.on('closed', resolve));
  stream.on('payload', (type, data) => {
    if (type === PayloadType.HandshakeRequest) {
      try {
        sessionType = JSON.parse(data.toString()).RequestedClientActions?.[0]?.ActionParameters?.SessionType ?? sessionType;
      } catch { /* the default */ }
      stream.send(PayloadType.HandshakeResponse, JSON.stringify({
        ClientVersion: '1.2.0.0', ProcessedClientActions: [{ ActionType: 'SessionType', ActionStatus: 1 }], Errors: [],
      }));
    } else if (type === PayloadType.HandshakeComplete) {
      stopMode = sessionType === 'Port' ? forwardLocalPort(stream, started.SessionId, opts) : beTerminal(stream);
    } else if (type === PayloadType.Output) {
      if (sessionType === 'Port') portData(data);
      else process.stdout.write(data);
    } else if (type === PayloadType.Flag && sessionType === 'Port') portData(undefined);
  });
  let portData: (data: Buffer | undefined) => void = () => {};
  function forwardLocalPort(s: SessionStream, sessionId: string, o: StartSessionOptions): () => void {
    const local = Number(parseParameters(o.parameters)?.localPortNumber?.[0] ?? 0);
    let current: Socket | undefined;
    const server = createServer((socket) => {
      if (current) return void socket.destroy(); // one connection at a time, as the plugin's basic mode
      current = socket;
      socket.on('data', (chunk) => s.send(PayloadType.Output, chunk));
      socket.on('error', () => {});
      socket.on('close', () => {
        if (current !== socket) return;
        current = undefined;
        s.send(PayloadType.Flag, flag(PortFlag.DisconnectToPort));
      });
    });
    portData = (data) => {
      if (data) current?.write(data);
      else {
        const c = current;
        current = undefined;
        c?.end();
      }
    };
    server.listen(local, '127.0.0.1', () => {
      const addr = server.address();
      process.stdout.write(`Port ${typeof addr === 'object' && addr ? addr.port : local} opened for sessionId ${sessionId}.\nWaiting for connections...\n`);
    });
    return () => {
      server.close();
      current?.destroy();
    };
  }
  const interrupt = () => stream.close();
  process.once('SIGTERM', interrupt);
  const reason = await ended;
  stopMode();
  process.off('SIGTERM', interrupt);
  await ssm('TerminateSession', { SessionId: started.SessionId }).catch(() => undefined);
  process.stdout.write(`\n${reason && reason !== 'closed' && reason !== 'channel closed' ? `${reason.trim()}\n` : ''}Exiting session with sessionId: ${started.SessionId}.\n\n`);
  return 0;
}

function beTerminal(stream: SessionStream): () => void {
  const stdin = process.stdin;
  const raw = stdin.isTTY === true;
  const size = () => stream.send(PayloadType.Size, JSON.stringify({ cols: process.stdout.columns ?? 80, rows: process.stdout.rows ?? 24 }));
  if (raw) stdin.setRawMode(true);
  size();
  const onData = (chunk: Buffer) => stream.send(PayloadType.Output, chunk);
  stdin.on('data', onData);
  stdin.resume();
  process.on('SIGWINCH', size);
  return () => {
    process.off('SIGWINCH', size);
    stdin.off('data', onData);
    if (raw) stdin.setRawMode(false);
    stdin.pause();
  };
}
