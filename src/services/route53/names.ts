// DNS names as Route 53 keeps them: lower case, a trailing dot, and characters other than
// a-z 0-9 - _ written as three-digit octal escapes (\052 for *), as ListResourceRecordSets returns them.
import { randomBytes } from 'node:crypto';

const PLAIN = /[a-z0-9_\-.]/;

/** The stored form of a user-given name; undefined when it is not a usable DNS name. */
export function canonicalName(input: string): string | undefined {
  if (typeof input !== 'string') return undefined;
  let out = '';
  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (ch === '\\' && /^[0-7]{3}$/.test(input.slice(i + 1, i + 4))) {
      const code = parseInt(input.slice(i + 1, i + 4), 8);
      out += escapeChar(String.fromCharCode(code).toLowerCase());
      i += 3;
      continue;
    }
    const c = ch.toLowerCase();
    if (PLAIN.test(c)) out += c;
    else if (c.charCodeAt(0) > 32 && c.charCodeAt(0) < 127) out += escapeChar(c);
    else return undefined;
  }
  if (out === '.') return out;
  if (!out.endsWith('.')) out += '.';
  if (out.startsWith('.') || out.includes('..')) return undefined;
  const labels = out.slice(0, -1).split('.');
  if (labels.some((l) => unescapedLength(l) > 63) || unescapedLength(out) > 255) return undefined;
  return out;
}

function escapeChar(c: string): string {
  return PLAIN.test(c) && c !== '.' ? c : `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`;
}

function unescapedLength(s: string): number {
  return s.replace(/\\[0-7]{3}/g, 'x').length;
}

/** Whether name is the zone's apex or below it. */
export function inZone(name: string, zone: string): boolean {
  return name === zone || name.endsWith(`.${zone}`);
}

/** The key ListResourceRecordSets sorts by: labels reversed (www.example.com. -> com.example.www). */
export function sortKey(name: string): string {
  return name.slice(0, -1).split('.').reverse().join('.');
}

/** Upper-case alphanumeric ids as Route 53 makes them: Z... zones, C... changes, N... delegation sets. */
export function route53Id(prefix: string, length = 21): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  const bytes = randomBytes(length);
  let out = prefix;
  for (let i = prefix.length; i < length; i++) out += alphabet[bytes[i] % alphabet.length];
  return out;
}

/** Ids arrive bare (the SDKs strip it) or as /hostedzone/Z..., /change/C..., /delegationset/N.... */
export function bareId(id: unknown): string {
  return typeof id === 'string' ? id.replace(/^\/?(hostedzone|change|delegationset|healthcheck)\//, '') : '';
}
