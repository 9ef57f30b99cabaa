// CIDR matching over IPv4 and IPv6 as 128-bit values (IPv4 mapped into ::ffff:0:0/96).
import { isIPv4, isIPv6 } from 'node:net';
import { ipv6Bytes } from './wire';

export interface Cidr { bits: bigint; prefix: number } // prefix over 128 bits

export function addressBits(address: string): bigint | null {
  let a = address;
  if (a.startsWith('::ffff:') && isIPv4(a.slice(7))) a = a.slice(7);
  if (isIPv4(a)) return 0xffff00000000n | BigInt(a.split('.').reduce((n, p) => n * 256 + Number(p), 0));
  if (!isIPv6(a)) return null;
  const b = ipv6Bytes(a);
  return b ? BigInt('0x' + b.toString('hex')) : null;
}

export function parseCidr(text: string): Cidr | null {
  const [addr, len, extra] = text.trim().split('/');
  if (extra !== undefined) return null;
  const bits = addressBits(addr);
  if (bits === null) return null;
  const v4 = isIPv4(addr);
  const max = v4 ? 32 : 128;
  const n = len === undefined ? max : /^\d+$/.test(len) ? Number(len) : NaN;
  if (!(n >= 0 && n <= max)) return null;
  const prefix = v4 ? 96 + n : n;
  return { bits: bits & mask(prefix), prefix };
}

function mask(prefix: number): bigint {
  return prefix === 0 ? 0n : ((1n << BigInt(prefix)) - 1n) << BigInt(128 - prefix);
}

export function contains(c: Cidr, bits: bigint): boolean {
  return (bits & mask(c.prefix)) === c.bits;
}
