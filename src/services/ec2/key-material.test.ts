import { execFileSync } from 'node:child_process';
import { createHash, createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createKeyMaterial, importPublicKey } from './key-material';

describe('key material', () => {
  it('makes an RSA key whose public half imports with the MD5-of-DER fingerprint', () => {
    const made = createKeyMaterial('rsa', 'k');
    const der = createPublicKey(made.material).export({ type: 'spki', format: 'der' });
    const md5 = createHash('md5').update(der).digest('hex').match(/../g)!.join(':');
    expect(importPublicKey(made.publicKey)).toEqual({ type: 'rsa', fingerprint: md5, publicKey: made.publicKey.replace(/ k$/, '') });
    const pem = createPublicKey(made.material).export({ type: 'spki', format: 'pem' }) as string;
    expect(importPublicKey(pem)?.fingerprint).toBe(md5);
  });

  it('makes an ED25519 key that ssh-keygen reads, with the SHA-256 fingerprint ssh-keygen shows', () => {
    const made = createKeyMaterial('ed25519', 'k');
    let keygen: string;
    try {
      keygen = execFileSync('ssh-keygen', ['-l', '-f', '/dev/stdin'], { input: made.publicKey }).toString();
    } catch {
      return; // no ssh-keygen on this machine
    }
    expect(keygen).toContain(`SHA256:${made.fingerprint.replace(/=+$/, '')}`);
    expect(importPublicKey(made.publicKey)?.fingerprint).toBe(made.fingerprint);
  });

  it('refuses what is not a public key', () => {
    expect(importPublicKey('ssh-rsa !!!')).toBeUndefined();
    expect(importPublicKey('hello')).toBeUndefined();
    expect(importPublicKey('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA')).toBeUndefined();
  });
});
