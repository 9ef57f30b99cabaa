// IP addresses and CIDR blocks as inclusive ranges of integers, so that `ip` and `cidr_block`
// properties compare as AWS documents: a CIDR is converted to its IP range, and a condition holds
// when the property's range and the literal's range intersect.

export interface IpRange {
  v6: boolean;
  low: bigint;
  high: bigint;
}

export function parseIpRange(text: string): IpRange | undefined {
  const slash = text.indexOf('/');
  const address = slash < 0 ? text : text.slice(0, slash);
  const v6 = address.includes(':');
  const value = v6 ? parseV6(address) : parseV4(address);
  if (value === undefined) return undefined;
  const bits = v6 ? 128 : 32;
  let prefix = bits;
  if (slash >= 0) {
    const digits = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(digits) || Number(digits) > bits) return undefined;
    prefix = Number(digits);
  }
  const hostBits = BigInt(bits - prefix);
  const low = (value >> hostBits) << hostBits;
  return { v6, low, high: low + (1n << hostBits) - 1n };
}

export function intersects(a: IpRange, b: IpRange): boolean {
  return a.v6 === b.v6 && a.low <= b.high && b.low <= a.high;
}

function parseV4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = (value << 8n) | BigInt(Number(part));
  }
  return value;
}

function parseV6(text: string): bigint | undefined {
  let groups: string[];
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const side = (s: string) => (s === '' ? [] : s.split(':'));
  let head = side(halves[0]);
  let tail = halves.length === 2 ? side(halves[1]) : [];
  // An embedded IPv4 tail (::ffff:10.0.0.1) stands for two groups.
  const last = (tail.length ? tail : head).at(-1);
  if (last?.includes('.')) {
    const v4 = parseV4(last);
    if (v4 === undefined) return undefined;
    const groupsOf = [(v4 >> 16n).toString(16), (v4 & 0xffffn).toString(16)];
    if (tail.length) tail = [...tail.slice(0, -1), ...groupsOf];
    else head = [...head.slice(0, -1), ...groupsOf];
  }
  if (halves.length === 2) {
    const missing = 8 - head.length - tail.length;
    if (missing < 1) return undefined;
    groups = [...head, ...Array(missing).fill('0'), ...tail];
  } else groups = head;
  if (groups.length !== 8) return undefined;
  let value = 0n;
  for (const group of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
    value = (value << 16n) | BigInt(parseInt(group, 16));
  }
  return value;
}
