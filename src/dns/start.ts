// Starting the DNS server with kanri, and what /_kanri/health says about it. A DNS port that cannot
// be bound (5353 is also mDNS's port) is reported, not fatal: the AWS endpoint still serves.
import { unwatchFile, watchFile } from 'node:fs';
import type { Platform } from '../core/platform';
import type { ClientTable } from './clients';
import { dnsServerOf, startDnsServer } from './server';

export type DnsStatus = { host: string; port: number; protocols: ['udp', 'tcp']; workers: number } | { error: string } | null;

const failures = new WeakMap<Platform, string>();

export async function startDns(platform: Platform, host: string, port: number, clientsFile?: string, workers = 0): Promise<void> {
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--dns-port: ${port} is not a port number`);
  if (!Number.isInteger(workers) || workers < 0 || workers > 64) throw new Error(`--dns-workers: ${workers} is not a number of processes (0-64)`);
  // A bad table is an error the user must see; without one, the engine uses its default when it loads.
  const clients: ClientTable | undefined = clientsFile ? (require('./clients') as typeof import('./clients')).ClientTable.fromFile(clientsFile) : undefined;
  try {
    const server = await startDnsServer(platform, { host, port, clients, workers });
    if (clientsFile) watchClients(platform, clientsFile, (table) => server.setClients(table));
  } catch (err) {
    const message = `the DNS server could not listen on ${host}:${port}: ${(err as Error).message}`;
    failures.set(platform, message);
    console.error(`kanri: ${message} (choose another with --dns-port or KANRI_DNS_PORT)`);
  }
}

export function dnsStatus(platform: Platform): DnsStatus {
  const server = dnsServerOf(platform);
  if (server) return { host: server.host, port: server.port, protocols: ['udp', 'tcp'], workers: server.workerCount };
  const error = failures.get(platform);
  return error ? { error } : null;
}

/** The client table is read again when its file changes (a VPC made after start can be mapped); a bad edit keeps the old table. */
function watchClients(platform: Platform, file: string, use: (table: ClientTable) => void): void {
  const reload = (now: { mtimeMs: number }, before: { mtimeMs: number }) => {
    if (now.mtimeMs === before.mtimeMs) return;
    try {
      use((require('./clients') as typeof import('./clients')).ClientTable.fromFile(file));
      console.log(`kanri dns: client table ${file} reloaded`);
    } catch (err) {
      console.error(`kanri dns: kept the previous client table: ${(err as Error).message}`);
    }
  };
  watchFile(file, { interval: 500, persistent: false }, reload);
  platform.onClose(() => unwatchFile(file, reload));
}
