// Starting the DNS server with kanri, and what /_kanri/health says about it. A DNS port that cannot
// be bound (5353 is also mDNS's port) is reported, not fatal: the AWS endpoint still serves.
import type { Platform } from '../core/platform';
import type { ClientTable } from './clients';
import { dnsServerOf, startDnsServer } from './server';

export type DnsStatus = { host: string; port: number; protocols: ['udp', 'tcp'] } | { error: string } | null;

const failures = new WeakMap<Platform, string>();

export async function startDns(platform: Platform, host: string, port: number, clientsFile?: string): Promise<void> {
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--dns-port: ${port} is not a port number`);
  // A bad table is an error the user must see; without one, the engine uses its default when it loads.
  const clients: ClientTable | undefined = clientsFile ? (require('./clients') as typeof import('./clients')).ClientTable.fromFile(clientsFile) : undefined;
  try {
    await startDnsServer(platform, { host, port, clients });
  } catch (err) {
    const message = `the DNS server could not listen on ${host}:${port}: ${(err as Error).message}`;
    failures.set(platform, message);
    console.error(`kanri: ${message} (choose another with --dns-port or KANRI_DNS_PORT)`);
  }
}

export function dnsStatus(platform: Platform): DnsStatus {
  const server = dnsServerOf(platform);
  if (server) return { host: server.host, port: server.port, protocols: ['udp', 'tcp'] };
  const error = failures.get(platform);
  return error ? { error } : null;
}
