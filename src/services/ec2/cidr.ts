// IPv4 CIDR arithmetic for VPCs and subnets (pure). Addresses are unsigned 32-bit numbers.

export interface Cidr { base: number; prefix: number }

export function parseIp(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

export function ipString(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** A CIDR as written; the base is masked (AWS accepts 10.0.0.1/16 and stores 10.0.0.0/16). */
export function parseCidr(text: string): Cidr | undefined {
  const m = /^([\d.]+)\/(\d{1,2})$/.exec(text ?? '');
  if (!m) return undefined;
  const ip = parseIp(m[1]);
  const prefix = Number(m[2]);
  if (ip === undefined || prefix > 32) return undefined;
  return { base: maskOf(ip, prefix), prefix };
}

function maskOf(ip: number, prefix: number): number {
  return prefix === 0 ? 0 : (ip & (~0 << (32 - prefix))) >>> 0;
}

export function cidrString(c: Cidr): string {
  return `${ipString(c.base)}/${c.prefix}`;
}

export function size(c: Cidr): number {
  return 2 ** (32 - c.prefix);
}

export function contains(outer: Cidr, inner: Cidr): boolean {
  return inner.prefix >= outer.prefix && maskOf(inner.base, outer.prefix) === outer.base;
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return contains(a, b) || contains(b, a);
}

export function containsIp(c: Cidr, ip: number): boolean {
  return maskOf(ip, c.prefix) === c.base;
}

/** Addresses AWS reserves in every subnet: network, router, DNS, future use, broadcast. */
export const RESERVED_PER_SUBNET = 5;

/** The first address AWS hands out in a subnet (.4), then upwards, skipping those in use. */
export function nextFreeAddress(c: Cidr, used: ReadonlySet<string>): string | undefined {
  for (let n = c.base + 4; n < c.base + size(c) - 1; n++) {
    const ip = ipString(n);
    if (!used.has(ip)) return ip;
  }
  return undefined;
}

/** The RFC 1918 ranges (and 100.64/10) AWS recommends; others are allowed but not in 0/8 etc. */
export function isPrivate(c: Cidr): boolean {
  return ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'].some((r) => contains(parseCidr(r)!, c));
}
