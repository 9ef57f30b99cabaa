// IpAddress/NotIpAddress: does an address fall in a CIDR block (IPv4 and IPv6)?
import { isIPv4, isIPv6 } from 'node:net';

/** An address as a big integer and its width in bits; undefined if it is not an address. */
function parseAddress(text: string): { value: bigint; bits: number } | undefined {
  if (isIPv4(text)) {
    return { value: text.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n), bits: 32 };
  }
  if (!isIPv6(text)) return undefined;
  let address = text;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (v4) {
    const n = parseAddress(v4[1])!.value;
    address = address.slice(0, -v4[1].length) + `${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head, tail] = address.split('::');
  const headParts = head ? head.split(':') : [];
  const tailParts = tail !== undefined && tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : new Array(8 - headParts.length - tailParts.length).fill('0');
  const groups = [...headParts, ...fill, ...tailParts];
  return { value: groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n), bits: 128 };
}

export function inCidr(address: string, cidr: string): boolean {
  const [base, prefixText] = cidr.trim().split('/');
  const ip = parseAddress(address.trim());
  const net = parseAddress(base);
  if (!ip || !net || ip.bits !== net.bits) return false;
  const prefix = prefixText === undefined ? net.bits : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > net.bits) return false;
  const shift = BigInt(net.bits - prefix);
  return ip.value >> shift === net.value >> shift;
}
