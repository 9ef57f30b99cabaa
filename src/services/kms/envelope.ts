// The ciphertext blob: a header naming the key and the version of its material, then AES-256-GCM.
// The header and the canonical encryption context are the additional authenticated data, so a
// changed byte, a different context or a header pointing at another key all fail to decrypt.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const MAGIC = 0x4b; // 'K'
const FORMAT = 1;
const HEADER_BYTES = 2 + 16 + 4; // magic, format, key UUID, material version
const IV_BYTES = 12;
const TAG_BYTES = 16;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const MATERIAL_BYTES = 32;

export interface EnvelopeHeader {
  keyId: string;
  version: number;
}

/** The encryption context as bytes: sorted by key, so {a,b} and {b,a} bind the same way. */
export function canonicalContext(context: Record<string, string> | undefined): Buffer {
  const keys = Object.keys(context ?? {}).sort();
  if (!keys.length) return Buffer.alloc(0);
  return Buffer.from(JSON.stringify(keys.map((k) => [k, context![k]])), 'utf8');
}

function header(h: EnvelopeHeader): Buffer {
  if (!UUID.test(h.keyId)) throw new Error('envelope: key id must be a lower-case UUID');
  const out = Buffer.alloc(HEADER_BYTES);
  out[0] = MAGIC;
  out[1] = FORMAT;
  Buffer.from(h.keyId.replace(/-/g, ''), 'hex').copy(out, 2);
  out.writeUInt32BE(h.version, 18);
  return out;
}

export function seal(h: EnvelopeHeader, material: Buffer, plaintext: Buffer, context?: Record<string, string>): Buffer {
  const head = header(h);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', material, iv);
  cipher.setAAD(Buffer.concat([head, canonicalContext(context)]));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([head, iv, body, cipher.getAuthTag()]);
}

/** The key and material version a blob names, or undefined if it is not a kanri ciphertext. */
export function readHeader(blob: Buffer): EnvelopeHeader | undefined {
  if (blob.length < HEADER_BYTES + IV_BYTES + TAG_BYTES || blob[0] !== MAGIC || blob[1] !== FORMAT) return undefined;
  const hex = blob.subarray(2, 18).toString('hex');
  const keyId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { keyId, version: blob.readUInt32BE(18) };
}

/** The plaintext, or undefined when the blob, the material or the context do not match. */
export function open(blob: Buffer, material: Buffer, context?: Record<string, string>): Buffer | undefined {
  if (!readHeader(blob)) return undefined;
  const head = blob.subarray(0, HEADER_BYTES);
  const iv = blob.subarray(HEADER_BYTES, HEADER_BYTES + IV_BYTES);
  const tag = blob.subarray(blob.length - TAG_BYTES);
  const body = blob.subarray(HEADER_BYTES + IV_BYTES, blob.length - TAG_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', material, iv);
    decipher.setAAD(Buffer.concat([head, canonicalContext(context)]));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    return undefined;
  }
}

export function newMaterial(): Buffer {
  return randomBytes(MATERIAL_BYTES);
}
