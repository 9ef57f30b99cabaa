// IP addresses: CIDR matching over IPv4 and IPv6 as 128-bit values (IPv4 mapped into ::ffff:0:0/96), and addresses in bytes.
import { isIPv4, isIPv6 } from 'node:net';

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

/** An IPv4 or IPv6 address in bytes (zeros for what does not parse). */
export function addressBytes(address: string, family: number): Buffer {
  if (family === 1) {
    const b = Buffer.alloc(4);
    address.split('.').forEach((p, i) => (b[i] = Number(p) & 0xff));
    return b;
  }
  return ipv6Bytes(address) ?? Buffer.alloc(16);
}

export function ipv6Bytes(text: string): Buffer | null {
  let s = text;
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(s);
  if (v4) {
    const p = v4.slice(1).map(Number);
    if (p.some((x) => x > 255)) return null;
    s = s.slice(0, v4.index) + ((p[0] << 8) | p[1]).toString(16) + ':' + ((p[2] << 8) | p[3]).toString(16);
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const parse = (h: string) => (h === '' ? [] : h.split(':').map((g) => (/^[0-9a-fA-F]{1,4}$/.test(g) ? parseInt(g, 16) : NaN)));
  const head = parse(halves[0]);
  const rest = halves.length === 2 ? parse(halves[1]) : [];
  if ([...head, ...rest].some(Number.isNaN)) return null;
  let all: number[];
  if (halves.length === 2) {
    if (head.length + rest.length > 7) return null;
    all = [...head, ...new Array(8 - head.length - rest.length).fill(0), ...rest];
  } else {
    if (head.length !== 8) return null;
    all = head;
  }
  const b = Buffer.alloc(16);
  all.forEach((g, i) => b.writeUInt16BE(g, i * 2));
  return b;
}
