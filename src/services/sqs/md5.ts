// The MD5 digests SQS answers: of the body (UTF-8), and of message (system) attributes in AWS's
// documented encoding: sorted by name; name, data type, a transport byte (1 string, 2 binary)
// and the value, each length-prefixed with a 4-byte big-endian length.
import { createHash } from 'node:crypto';
import type { StoredAttribute } from './store-messages';

export function md5OfBody(body: string): string {
  return createHash('md5').update(body, 'utf8').digest('hex');
}

function lengthPrefixed(bytes: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(bytes.length);
  return Buffer.concat([len, bytes]);
}

export function md5OfAttributes(attributes: Record<string, StoredAttribute>): string {
  const hash = createHash('md5');
  for (const name of Object.keys(attributes).sort()) {
    const a = attributes[name];
    hash.update(lengthPrefixed(Buffer.from(name, 'utf8')));
    hash.update(lengthPrefixed(Buffer.from(a.DataType, 'utf8')));
    if (a.BinaryValue !== undefined) {
      hash.update(Buffer.from([2]));
      hash.update(lengthPrefixed(Buffer.from(a.BinaryValue, 'base64')));
    } else {
      hash.update(Buffer.from([1]));
      hash.update(lengthPrefixed(Buffer.from(a.StringValue ?? '', 'utf8')));
    }
  }
  return hash.digest('hex');
}
