import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { acknowledgement, decodeMessage, encodeMessage, HEADER_LENGTH, MessageType, newMessage, PayloadType } from './message';

describe('AgentMessage framing', () => {
  it('lays the header out as the plugin reads it', () => {
    const m = newMessage(MessageType.Input, 7, PayloadType.Output, 'ls\r', 0);
    m.messageId = '01234567-89ab-cdef-0011-223344556677';
    const buf = encodeMessage(m);
    expect(buf.readUInt32BE(0)).toBe(HEADER_LENGTH);
    expect(buf.toString('utf8', 4, 36)).toBe('input_stream_data'.padEnd(32, ' '));
    expect(buf.readUInt32BE(36)).toBe(1);
    expect(Number(buf.readBigInt64BE(48))).toBe(7);
    // least significant half of the UUID first
    expect(buf.subarray(64, 80).toString('hex')).toBe('0011223344556677' + '0123456789abcdef');
    expect(buf.subarray(80, 112)).toEqual(createHash('sha256').update('ls\r').digest());
    expect(buf.readUInt32BE(112)).toBe(PayloadType.Output);
    expect(buf.readUInt32BE(116)).toBe(3);
    expect(buf.subarray(120).toString()).toBe('ls\r');
  });

  it('round-trips every field', () => {
    const m = newMessage(MessageType.Output, 123456789, PayloadType.Size, JSON.stringify({ cols: 80, rows: 24 }), 1);
    expect(decodeMessage(encodeMessage(m))).toEqual(m);
  });

  it('refuses a frame whose payload does not match its digest, or that is cut short', () => {
    const buf = encodeMessage(newMessage(MessageType.Output, 0, PayloadType.Output, 'hello'));
    buf[buf.length - 1] ^= 1;
    expect(() => decodeMessage(buf)).toThrow(/digest/);
    expect(() => decodeMessage(buf.subarray(0, 100))).toThrow(/short/);
    const long = encodeMessage(newMessage(MessageType.Output, 0, PayloadType.Output, 'hello'));
    long.writeUInt32BE(1000, HEADER_LENGTH);
    expect(() => decodeMessage(long)).toThrow(/past the end/);
  });

  it('acknowledges with the message id, type and sequence number', () => {
    const m = newMessage(MessageType.Output, 5, PayloadType.Output, 'x');
    const ack = decodeMessage(encodeMessage(acknowledgement(m)));
    expect(ack.messageType).toBe('acknowledge');
    expect(ack.flags).toBe(3);
    expect(JSON.parse(ack.payload.toString())).toEqual({
      AcknowledgedMessageType: 'output_stream_data', AcknowledgedMessageId: m.messageId, AcknowledgedMessageSequenceNumber: 5, IsSequentialMessage: true,
    });
  });
});
