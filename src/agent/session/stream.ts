// One end of a session's data channel, for the agent and for the client alike: opens the
// WebSocket with its token, numbers what it sends, acknowledges what it gets, and hands payloads
// on in sequence order (the transport is TCP, so nothing is resent; duplicates are dropped).
import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { acknowledgement, decodeMessage, encodeMessage, MessageType, newMessage, type AgentMessage } from './message';

export interface StreamEvents {
  payload: [type: number, payload: Buffer];
  closed: [reason: string];
}

export class SessionStream extends EventEmitter<StreamEvents> {
  private nextOut = 0;
  private nextIn = 0;
  private early = new Map<number, AgentMessage>();
  private done = false;
  private constructor(private readonly ws: WebSocket, private readonly sendType: string) {
    super();
  }

  /** Connects to url and sends the open frame; sendType is input_stream_data (client) or output_stream_data (agent). */
  static open(url: string, token: string, sendType: string, extra: object = {}): Promise<SessionStream> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      const stream = new SessionStream(ws, sendType);
      ws.once('open', () => {
        ws.send(JSON.stringify({ MessageSchemaVersion: '1.0', RequestId: randomUUID(), TokenValue: token, ...extra }));
        resolve(stream);
      });
      ws.once('error', reject);
      ws.on('message', (data, isBinary) => isBinary && stream.receive(data as Buffer));
      ws.on('close', (code, reason) => stream.finish(reason.toString() || `closed (${code})`));
    });
  }

  send(payloadType: number, payload: Buffer | string): void {
    if (this.done || this.ws.readyState !== WebSocket.OPEN) return;
    this.ws.send(encodeMessage(newMessage(this.sendType, this.nextOut++, payloadType, payload)));
  }

  /** Says the channel is closing (channel_closed), then closes it. */
  closeChannel(sessionId: string, output = ''): void {
    if (this.done) return;
    const body = { MessageId: randomUUID(), CreatedDate: new Date().toISOString(), DestinationId: '', SessionId: sessionId, MessageType: MessageType.ChannelClosed, SchemaVersion: 1, Output: output };
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(encodeMessage(newMessage(MessageType.ChannelClosed, 0, 0, JSON.stringify(body))), () => this.ws.close(1000));
    this.finish('closed');
  }

  close(): void {
    this.ws.close(1000);
    this.finish('closed');
  }

  private receive(frame: Buffer): void {
    let m: AgentMessage;
    try {
      m = decodeMessage(frame);
    } catch {
      return; // a corrupt frame is dropped; without an acknowledgement AWS's sender would resend it
    }
    if (m.messageType === MessageType.Acknowledge) return;
    if (m.messageType === MessageType.ChannelClosed) {
      let output = '';
      try {
        output = String(JSON.parse(m.payload.toString()).Output ?? '');
      } catch { /* no output */ }
      return this.finish(output || 'channel closed');
    }
    if (m.messageType !== MessageType.Input && m.messageType !== MessageType.Output) return;
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(encodeMessage(acknowledgement(m)));
    if (m.sequenceNumber < this.nextIn) return; // a duplicate
    this.early.set(m.sequenceNumber, m);
    for (let next = this.early.get(this.nextIn); next; next = this.early.get(this.nextIn)) {
      this.early.delete(this.nextIn++);
      this.emit('payload', next.payloadType, next.payload);
    }
  }

  private finish(reason: string): void {
    if (this.done) return;
    this.done = true;
    this.emit('closed', reason);
    if (this.ws.readyState === WebSocket.OPEN) this.ws.close(1000);
  }
}
