// Session Manager's binary AgentMessage, the frame every data-channel WebSocket message carries
// (as the SSM Agent and session-manager-plugin define it): a 116-byte header, then the payload
// length and the payload. Big-endian integers; strings padded with spaces.
import { createHash, randomUUID } from 'node:crypto';

export const HEADER_LENGTH = 116;

export const MessageType = {
  Input: 'input_stream_data',
  Output: 'output_stream_data',
  Acknowledge: 'acknowledge',
  ChannelClosed: 'channel_closed',
  StartPublication: 'start_publication',
  PausePublication: 'pause_publication',
} as const;

export const PayloadType = {
  Output: 1, Error: 2, Size: 3, Parameter: 4, HandshakeRequest: 5, HandshakeResponse: 6, HandshakeComplete: 7,
  EncChallengeRequest: 8, EncChallengeResponse: 9, Flag: 10, StdErr: 11, ExitCode: 12,
} as const;

/** Port sessions' Flag payload values. */
export const PortFlag = { DisconnectToPort: 1, TerminateSession: 2, ConnectToPortError: 3 } as const;

export interface AgentMessage {
  messageType: string;
  schemaVersion: number;
  createdDate: number; // ms since the epoch
  sequenceNumber: number;
  flags: number;
  messageId: string; // a UUID
  payloadType: number;
  payload: Buffer;
}

export function newMessage(messageType: string, sequenceNumber: number, payloadType: number, payload: Buffer | string, flags = 0): AgentMessage {
  return {
    messageType, schemaVersion: 1, createdDate: Date.now(), sequenceNumber, flags, messageId: randomUUID(), payloadType,
    payload: typeof payload === 'string' ? Buffer.from(payload) : payload,
  };
}

export function encodeMessage(m: AgentMessage): Buffer {
  const out = Buffer.alloc(HEADER_LENGTH + 4 + m.payload.length);
  out.writeUInt32BE(HEADER_LENGTH, 0);
  out.fill(' ', 4, 36);
  out.write(m.messageType.slice(0, 32), 4, 'utf8');
  out.writeUInt32BE(m.schemaVersion, 36);
  out.writeBigUInt64BE(BigInt(m.createdDate), 40);
  out.writeBigInt64BE(BigInt(m.sequenceNumber), 48);
  out.writeBigUInt64BE(BigInt(m.flags), 56);
  uuidBytes(m.messageId).copy(out, 64);
  createHash('sha256').update(m.payload).digest().copy(out, 80);
  out.writeUInt32BE(m.payloadType, 112);
  out.writeUInt32BE(m.payload.length, HEADER_LENGTH);
  m.payload.copy(out, HEADER_LENGTH + 4);
  return out;
}

/** Decodes a frame; throws on a short frame or a payload whose SHA-256 does not match the header's. */
export function decodeMessage(buf: Buffer): AgentMessage {
  if (buf.length < HEADER_LENGTH + 4) throw new Error(`frame too short (${buf.length} bytes)`);
  const headerLength = buf.readUInt32BE(0);
  if (headerLength < HEADER_LENGTH || headerLength + 4 > buf.length) throw new Error(`bad header length ${headerLength}`);
  const payloadLength = buf.readUInt32BE(headerLength);
  if (headerLength + 4 + payloadLength > buf.length) throw new Error('payload length past the end of the frame');
  const payload = Buffer.from(buf.subarray(headerLength + 4, headerLength + 4 + payloadLength));
  const digest = buf.subarray(80, 112);
  if (!createHash('sha256').update(payload).digest().equals(digest)) throw new Error('payload digest mismatch');
  return {
    messageType: buf.toString('utf8', 4, 36).replace(/[\s\0]+$/, ''),
    schemaVersion: buf.readUInt32BE(36),
    createdDate: Number(buf.readBigUInt64BE(40)),
    sequenceNumber: Number(buf.readBigInt64BE(48)),
    flags: Number(buf.readBigUInt64BE(56)),
    messageId: uuidString(buf.subarray(64, 80)),
    payloadType: buf.readUInt32BE(112),
    payload,
  };
}

/** The acknowledgement for a received message (flags 3, sequence 0, a JSON payload). */
export function acknowledgement(m: AgentMessage): AgentMessage {
  const content = { AcknowledgedMessageType: m.messageType, AcknowledgedMessageId: m.messageId, AcknowledgedMessageSequenceNumber: m.sequenceNumber, IsSequentialMessage: true };
  return newMessage(MessageType.Acknowledge, 0, 0, JSON.stringify(content), 3);
}

// The UUID goes on the wire as its least significant 8 bytes, then its most significant 8.
function uuidBytes(id: string): Buffer {
  const hex = Buffer.from(id.replace(/-/g, '').padEnd(32, '0').slice(0, 32), 'hex');
  return Buffer.concat([hex.subarray(8, 16), hex.subarray(0, 8)]);
}

function uuidString(b: Buffer): string {
  const h = Buffer.concat([b.subarray(8, 16), b.subarray(0, 8)]).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
