// One session on the agent: opens its data channel, does the handshake the plugin expects
// (HandshakeRequest naming the session type, the client's HandshakeResponse, HandshakeComplete),
// then runs a shell in a pty or forwards a port, until the shell exits, the client goes idle too
// long, or the session is terminated.
import { mkdirSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { AgentContext } from '../context';
import { PayloadType, PortFlag } from './message';
import { openPty, type Pty } from './pty';
import { signedPost } from './sign';
import { SessionStream } from './stream';

export const AGENT_VERSION = '3.0.0.0'; // below 3.0.196.0, so the plugin forwards ports without multiplexing

export interface StartSessionContent {
  SessionId: string; DocumentName: string; SessionType: string; Properties: any; Parameters: Record<string, string[]>;
  IdleSessionTimeout: number; ShellProfile?: { linux?: string };
}

/** Idle timeout: the preferences' minutes, or KANRI_SESSION_IDLE_TIMEOUT_MS (tests). */
function idleMs(content: StartSessionContent): number {
  const env = Number(process.env.KANRI_SESSION_IDLE_TIMEOUT_MS);
  if (env > 0) return env;
  return Math.min(Math.max(content.IdleSessionTimeout || 20, 1), 60) * 60_000;
}

export async function runSession(ctx: AgentContext, content: StartSessionContent, onEnd: () => void): Promise<{ stop(): void }> {
  const created = await signedPost<{ TokenValue: string; Url: string }>(`${ctx.endpoint}/v1/data-channel/${encodeURIComponent(content.SessionId)}`,
    { MessageSchemaVersion: '1.0', RequestId: randomUUID(), ClientId: randomUUID() },
    { service: 'ssmmessages', region: ctx.region, credentials: ctx.credentials(), signal: ctx.signal });
  const stream = await SessionStream.open(created.Url, created.TokenValue, 'output_stream_data');
  const port = content.SessionType === 'Port';
  let stopWork: () => void = () => {};
  let idle: NodeJS.Timeout | undefined;
  const end = (message = '') => {
    clearTimeout(idle);
    stopWork();
    stream.closeChannel(content.SessionId, message);
  };
  const touch = () => {
    clearTimeout(idle);
    idle = setTimeout(() => end(`\r\nSession ${content.SessionId} timed out after ${Math.round(idleMs(content) / 1000)} seconds of inactivity.\r\n`), idleMs(content));
  };
  const early: [number, Buffer][] = []; // input that came before the handshake finished
  let onInput: (type: number, data: Buffer) => void = (type, data) => void early.push([type, data]);
  stream.on('closed', () => {
    clearTimeout(idle);
    stopWork();
    onEnd();
  });
  stream.on('payload', (type, data) => {
    if (type === PayloadType.HandshakeResponse) {
      stream.send(PayloadType.HandshakeComplete, JSON.stringify({ HandshakeTimeToComplete: 0, CustomerMessage: '' }));
      const work = port ? forwardPort(ctx, content, stream) : runShell(ctx, content, stream, () => end());
      stopWork = work.stop;
      onInput = work.input;
      for (const [type, data] of early.splice(0)) onInput(type, data);
      touch();
      return;
    }
    touch();
    onInput(type, data);
  });
  stream.send(PayloadType.HandshakeRequest, JSON.stringify({
    AgentVersion: AGENT_VERSION,
    RequestedClientActions: [{ ActionType: 'SessionType', ActionParameters: { SessionType: content.SessionType, Properties: content.Properties } }],
  }));
  return { stop: () => end() };
}

function runShell(ctx: AgentContext, content: StartSessionContent, stream: SessionStream, exited: () => void) {
  const command = content.SessionType === 'InteractiveCommands' ? interactiveCommand(content) : undefined;
  mkdirSync(ctx.workDir, { recursive: true }); // a fresh agent has not made it yet
  const pty: Pty = openPty({ cwd: ctx.workDir, argv: command === undefined ? undefined : ['/bin/sh', '-c', command] });
  pty.child.stdout!.on('data', (chunk: Buffer) => stream.send(PayloadType.Output, chunk));
  pty.child.on('exit', () => exited());
  pty.child.on('error', (err) => {
    ctx.log(`session ${content.SessionId}: shell failed: ${err.message}`);
    exited();
  });
  if (command === undefined && content.ShellProfile?.linux) pty.write(Buffer.from(`${content.ShellProfile.linux}\n`));
  return {
    stop: () => pty.kill(),
    input(type: number, data: Buffer) {
      if (type === PayloadType.Output) pty.write(data);
      else if (type === PayloadType.Size) {
        try {
          const { cols, rows } = JSON.parse(data.toString());
          pty.resize(Number(cols), Number(rows));
        } catch { /* not a size */ }
      }
    },
  };
}

/** AWS-StartInteractiveCommand: properties.linux.commands with the document's {{ parameters }} filled in. */
function interactiveCommand(content: StartSessionContent): string {
  const template = String(content.Properties?.linux?.commands ?? '');
  return template.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (_, name: string) => (Object.hasOwn(content.Parameters, name) ? content.Parameters[name].join(' ') : ''));
}

/** Basic (unmultiplexed) port forwarding: one connection to localhost:portNumber at a time. */
function forwardPort(ctx: AgentContext, content: StartSessionContent, stream: SessionStream) {
  const portNumber = Number(content.Parameters.portNumber?.[0] ?? 80);
  let socket: Socket | undefined;
  const open = () => {
    const s = connect(portNumber, '127.0.0.1');
    s.on('data', (chunk) => stream.send(PayloadType.Output, chunk));
    s.on('error', (err) => ctx.log(`session ${content.SessionId}: port ${portNumber}: ${err.message}`));
    s.on('close', () => {
      if (socket !== s) return;
      socket = undefined;
      stream.send(PayloadType.Flag, flag(PortFlag.DisconnectToPort));
    });
    return s;
  };
  return {
    stop: () => socket?.destroy(),
    input(type: number, data: Buffer) {
      if (type === PayloadType.Output) (socket ??= open()).write(data);
      else if (type === PayloadType.Flag && data.length >= 4 && data.readUInt32BE(0) === PortFlag.DisconnectToPort) {
        const s = socket;
        socket = undefined;
        s?.end();
      }
    },
  };
}

export function flag(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(value);
  return b;
}
