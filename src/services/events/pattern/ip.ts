// IP addresses and CIDR blocks for `cidr` patterns, IPv4 and IPv6, as numbers (bigint) and ranges.

export interface IpRange { v6: boolean; lo: bigint; hi: bigint }

export function parseIp(text: string): { v6: boolean; value: bigint } | undefined {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) {
    const octets = text.split('.').map(Number);
    if (octets.some((o) => o > 255)) return undefined;
    return { v6: false, value: octets.reduce((acc, o) => (acc << 8n) | BigInt(o), 0n) };
  }
  if (!/^[0-9a-fA-F:]+$/.test(text) || !text.includes(':')) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || (halves.length === 2 && missing < 1)) return undefined;
  const all = [...head, ...Array(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (all.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return { v6: true, value: all.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n) };
}

export function parseCidr(text: string, fail: (reason: string) => never): IpRange {
  const pieces = text.split('/');
  if (pieces.length !== 2) fail("Malformed CIDR, one '/' required");
  if (!/^\d+$/.test(pieces[1])) fail('Malformed CIDR, mask bits must be an integer');
  const ip = parseIp(pieces[0]);
  if (!ip) fail(`Nonstandard IP address: ${pieces[0]}`);
  const width = ip.v6 ? 128 : 32;
  const bits = Number(pieces[1]);
  if (bits > width) fail(`Malformed CIDR, mask bits must be between 0 and ${width}`);
  const hostBits = BigInt(width - bits);
  const lo = (ip.value >> hostBits) << hostBits;
  return { v6: ip.v6, lo, hi: lo + (1n << hostBits) - 1n };
}

export function inRange(range: IpRange, text: string): boolean {
  const ip = parseIp(text);
  return !!ip && ip.v6 === range.v6 && ip.value >= range.lo && ip.value <= range.hi;
}
