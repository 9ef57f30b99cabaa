// Key pair material and fingerprints as EC2 makes them (node:crypto, pure):
// - created RSA: PKCS#1 PEM private key; fingerprint = SHA-1 of the PKCS#8 DER private key, hex with colons
// - imported RSA: MD5 of the DER public key (SubjectPublicKeyInfo), hex with colons
// - ED25519 (created or imported): base64 SHA-256 of the OpenSSH public key blob
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';

const colons = (hex: string) => hex.match(/../g)!.join(':');

function sshString(b: Buffer | string): Buffer {
  const data = Buffer.isBuffer(b) ? b : Buffer.from(b);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  return Buffer.concat([len, data]);
}

function ed25519Raw(key: KeyObject): { pub: Buffer; seed?: Buffer } {
  const jwk = key.export({ format: 'jwk' }) as { x: string; d?: string };
  return { pub: Buffer.from(jwk.x, 'base64url'), seed: jwk.d ? Buffer.from(jwk.d, 'base64url') : undefined };
}

function ed25519Blob(pub: Buffer): Buffer {
  return Buffer.concat([sshString('ssh-ed25519'), sshString(pub)]);
}

/** The OpenSSH private key file for an ED25519 key (unencrypted), as EC2 hands it out. */
function openSshPrivateKey(pub: Buffer, seed: Buffer, comment: string): string {
  const check = randomBytes(4);
  let priv = Buffer.concat([check, check, sshString('ssh-ed25519'), sshString(pub), sshString(Buffer.concat([seed, pub])), sshString(comment)]);
  const pad: number[] = [];
  for (let i = 1; (priv.length + pad.length) % 8 !== 0; i++) pad.push(i);
  priv = Buffer.concat([priv, Buffer.from(pad)]);
  const body = Buffer.concat([Buffer.from('openssh-key-v1\0'), sshString('none'), sshString('none'), sshString(''),
    Buffer.from([0, 0, 0, 1]), sshString(ed25519Blob(pub)), sshString(priv)]);
  const b64 = body.toString('base64').match(/.{1,70}/g)!.join('\n');
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${b64}\n-----END OPENSSH PRIVATE KEY-----\n`;
}

export interface MadeKey { material: string; fingerprint: string; publicKey: string }

export function createKeyMaterial(type: 'rsa' | 'ed25519', name: string): MadeKey {
  if (type === 'ed25519') {
    const { privateKey } = generateKeyPairSync('ed25519');
    const { pub, seed } = ed25519Raw(privateKey);
    const blob = ed25519Blob(pub);
    return { material: openSshPrivateKey(pub, seed!, name), fingerprint: createHash('sha256').update(blob).digest('base64'), publicKey: `ssh-ed25519 ${blob.toString('base64')} ${name}` };
  }
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'der' });
  return {
    material: (privateKey.export({ type: 'pkcs1', format: 'pem' }) as string).trimEnd(),
    fingerprint: colons(createHash('sha1').update(pkcs8).digest('hex')),
    publicKey: `ssh-rsa ${rsaBlob(publicKey).toString('base64')} ${name}`,
  };
}

function rsaBlob(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' }) as { n: string; e: string };
  const mpint = (b64: string) => {
    const raw = Buffer.from(b64, 'base64url');
    return sshString(raw[0] & 0x80 ? Buffer.concat([Buffer.from([0]), raw]) : raw);
  };
  return Buffer.concat([sshString('ssh-rsa'), mpint(jwk.e), mpint(jwk.n)]);
}

function readSshString(buf: Buffer, at: number): [Buffer, number] {
  if (at + 4 > buf.length) throw new Error('short');
  const len = buf.readUInt32BE(at);
  if (at + 4 + len > buf.length) throw new Error('short');
  return [buf.subarray(at + 4, at + 4 + len), at + 4 + len];
}

export interface ImportedKey { type: 'rsa' | 'ed25519'; fingerprint: string; publicKey: string }

/** Reads an OpenSSH public key line (ssh-rsa / ssh-ed25519) or a PEM public key; undefined if it is neither. */
export function importPublicKey(text: string): ImportedKey | undefined {
  try {
    const line = text.trim();
    const m = /^(ssh-rsa|ssh-ed25519)\s+([A-Za-z0-9+/=]+)(\s.*)?$/.exec(line);
    let key: KeyObject;
    if (m) {
      const blob = Buffer.from(m[2], 'base64');
      const [kind, next] = readSshString(blob, 0);
      if (kind.toString() !== m[1]) return undefined;
      if (m[1] === 'ssh-ed25519') {
        const [pub] = readSshString(blob, next);
        if (pub.length !== 32) return undefined;
        return { type: 'ed25519', fingerprint: createHash('sha256').update(blob).digest('base64'), publicKey: line };
      }
      const [e, afterE] = readSshString(blob, next);
      const [n] = readSshString(blob, afterE);
      key = createPublicKey({ key: { kty: 'RSA', n: n.toString('base64url'), e: e.toString('base64url') }, format: 'jwk' });
    } else if (line.startsWith('-----BEGIN')) {
      key = line.includes('PRIVATE') ? createPublicKey(createPrivateKey(line)) : createPublicKey(line);
      if (key.asymmetricKeyType === 'ed25519') {
        const blob = ed25519Blob(ed25519Raw(key).pub);
        return { type: 'ed25519', fingerprint: createHash('sha256').update(blob).digest('base64'), publicKey: `ssh-ed25519 ${blob.toString('base64')}` };
      }
    } else {
      return undefined;
    }
    if (key.asymmetricKeyType !== 'rsa') return undefined;
    const der = key.export({ type: 'spki', format: 'der' });
    return { type: 'rsa', fingerprint: colons(createHash('md5').update(der).digest('hex')), publicKey: `ssh-rsa ${rsaBlob(key).toString('base64')}` };
  } catch {
    return undefined;
  }
}
