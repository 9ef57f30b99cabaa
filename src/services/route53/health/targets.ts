// Which addresses kanri's health checkers may probe: loopback and this machine's own addresses,
// plus the networks a person allowed with `kanri start --allow-health-check-targets CIDR[,CIDR]`
// (or KANRI_ALLOW_HEALTH_CHECK_TARGETS). Probing is what the user asked for, but kanri does not
// send traffic to other hosts unless its operator said so.
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import type { Platform } from '../../../core/platform';

interface Net { v6: boolean; base: bigint; bits: number }

function toBigInt(ip: string): { v6: boolean; value: bigint } | undefined {
  const kind = isIP(ip);
  if (kind === 4) return { v6: false, value: ip.split('.').reduce((acc, p) => (acc << 8n) | BigInt(Number(p)), 0n) };
  if (kind !== 6) return undefined;
  let text = ip.toLowerCase();
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const n = toBigInt(v4[1])!.value;
    text = text.replace(v4[1], `${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`);
  }
  const [head, tail] = text.split('::');
  const parts = (s: string | undefined) => (s ? s.split(':') : []);
  const h = parts(head);
  const t = parts(tail);
  const groups = text.includes('::') ? [...h, ...Array(8 - h.length - t.length).fill('0'), ...t] : h;
  return { v6: true, value: groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g || '0', 16)), 0n) };
}

export function parseNet(cidr: string): Net | undefined {
  const [ip, bitsText] = cidr.trim().split('/');
  const addr = toBigInt(ip);
  if (!addr) return undefined;
  const width = addr.v6 ? 128 : 32;
  const bits = bitsText === undefined ? width : Number(bitsText);
  if (!Number.isInteger(bits) || bits < 0 || bits > width) return undefined;
  return { v6: addr.v6, base: addr.value >> BigInt(width - bits), bits };
}

function contains(net: Net, ip: string): boolean {
  const addr = toBigInt(ip);
  if (!addr || addr.v6 !== net.v6) return false;
  return addr.value >> BigInt((addr.v6 ? 128 : 32) - net.bits) === net.base;
}

/** The networks the operator allowed beyond the defaults. */
export function allowedNetworks(platform: Platform): string[] {
  const fromOptions = (platform.options as { allowHealthCheckTargets?: string[] }).allowHealthCheckTargets ?? [];
  const fromEnv = (process.env.KANRI_ALLOW_HEALTH_CHECK_TARGETS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return [...fromOptions, ...fromEnv];
}

export function targetAllowed(platform: Platform, ip: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1] ?? ip;
  const defaults = ['127.0.0.0/8', '::1/128'];
  for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) defaults.push(a.address.split('%')[0]);
  return [...defaults, ...allowedNetworks(platform)].some((c) => {
    const net = parseNet(c);
    return !!net && contains(net, mapped);
  });
}

/** A name kanri resolves to itself without asking DNS. */
export function isLocalName(name: string): boolean {
  const n = name.toLowerCase().replace(/\.$/, '');
  return n === 'localhost' || n.endsWith('.localhost');
}

export function refusal(target: string): string {
  return `kanri probes only loopback and this machine's own addresses; ${target} is outside them. Start kanri with --allow-health-check-targets CIDR (or KANRI_ALLOW_HEALTH_CHECK_TARGETS) to allow it.`;
}
