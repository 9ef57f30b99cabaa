import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { expect, it } from 'vitest';
import { selfSignedCertificate } from './certificate';

it('makes a certificate that parses, carries the key and verifies itself', () => {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = selfSignedCertificate(pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    pair.publicKey.export({ type: 'spki', format: 'pem' }) as string, Date.UTC(2026, 10, 28));
  const cert = new X509Certificate(pem);
  expect(cert.subject).toBe('CN=sns.kanri.local');
  expect(cert.verify(pair.publicKey)).toBe(true);
  expect(cert.publicKey.export({ type: 'spki', format: 'pem' })).toBe(pair.publicKey.export({ type: 'spki', format: 'pem' }));
  expect(new Date(cert.validFrom).getTime()).toBe(Date.UTC(2026, 10, 27));
});
