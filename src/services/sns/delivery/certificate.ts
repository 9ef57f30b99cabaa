// A self-signed X.509 certificate for the signing key, served at SigningCertURL so a subscriber can
// check signatures as it checks AWS's (the host name differs, so AWS's own validators still refuse it).
import { createPrivateKey, createPublicKey, sign } from 'node:crypto';

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function der(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
}

const seq = (...c: Buffer[]) => der(0x30, ...c);
const SHA256_WITH_RSA = seq(Buffer.from('06092a864886f70d01010b', 'hex'), Buffer.from('0500', 'hex'));
const COMMON_NAME = Buffer.from('0603550403', 'hex');

function name(cn: string): Buffer {
  return seq(der(0x31, seq(COMMON_NAME, der(0x0c, Buffer.from(cn, 'utf8')))));
}

function utcTime(ms: number): Buffer {
  const d = new Date(Math.min(ms, Date.UTC(2049, 11, 31, 23, 59, 59)));
  const two = (n: number) => String(n).padStart(2, '0');
  const text = `${two(d.getUTCFullYear() % 100)}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}Z`;
  return der(0x17, Buffer.from(text, 'ascii'));
}

/** PEM of a v3 certificate for the key pair, valid from a day before `now` for ten years. */
export function selfSignedCertificate(privatePem: string, publicPem: string, now: number, commonName = 'sns.kanri.local'): string {
  const spki = createPublicKey(publicPem).export({ type: 'spki', format: 'der' });
  const serial = der(0x02, Buffer.from([0x01, ...Buffer.from(String(now).slice(-8), 'ascii')]));
  const tbs = seq(
    der(0xa0, der(0x02, Buffer.from([2]))),
    serial,
    SHA256_WITH_RSA,
    name(commonName),
    seq(utcTime(now - 86_400_000), utcTime(now + 10 * 365 * 86_400_000)),
    name(commonName),
    spki,
  );
  const signature = sign('sha256', tbs, createPrivateKey(privatePem));
  const cert = seq(tbs, SHA256_WITH_RSA, der(0x03, Buffer.from([0]), signature));
  const b64 = cert.toString('base64').match(/.{1,64}/g)!.join('\n');
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
}
