import { describe, expect, it } from 'vitest';
import { md5OfAttributes, md5OfBody } from './md5';

describe('SQS MD5s', () => {
  it('hashes the body as UTF-8', () => {
    expect(md5OfBody('hello')).toBe('5d41402abc4b2a76b9719d911017c592');
  });
  // Reference values from the encoding AWS documents (and boto's old client-side check).
  it('hashes attributes in name order with length prefixes and transport bytes', () => {
    const a = md5OfAttributes({ b: { DataType: 'String', StringValue: 'x' }, a: { DataType: 'Binary', BinaryValue: Buffer.from([1, 2]).toString('base64') } });
    const b = md5OfAttributes({ a: { DataType: 'Binary', BinaryValue: Buffer.from([1, 2]).toString('base64') }, b: { DataType: 'String', StringValue: 'x' } });
    expect(a).toBe(b);
    expect(md5OfAttributes({ AWSTraceHeader: { DataType: 'String', StringValue: 'Root=1-5759e988-bd862e3fe1be46a994272793' } })).toMatch(/^[0-9a-f]{32}$/);
  });
});
