// Starts kanri in this process: the platform plus its listener. Used by the CLI and by tests.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Platform } from '../core/platform';
import { flushTrail } from '../services/cloudtrail/recorder';
import { startListener } from './listener';
import { startDns } from '../dns/start';

export interface KanriOptions {
  host?: string;
  port?: number; // 0 picks a free port
  dataDir?: string | null; // null: in memory
  defaultRegion?: string;
  /** Lets Lambda run function code; off unless a person turns it on. */
  runLambdas?: boolean;
  /** The DNS server's port (UDP and TCP; 0 picks a free one); undefined: no DNS server. */
  dnsPort?: number;
  /** A JSON file mapping client CIDRs to regions, places and VPCs, for the DNS server's routing. */
  dnsClients?: string;
  /** Processes answering DNS over UDP besides this one (started with the first query); 0: this process alone. */
  dnsWorkers?: number;
  /** Networks Route 53 health checks may probe beyond loopback and this machine. */
  allowHealthCheckTargets?: string[];
  /** A built-in SSM agent for each running EC2 instance with a suitable instance profile: runs commands on this machine. */
  instanceAgents?: boolean;
}

export interface Kanri {
  platform: Platform;
  server: Server;
  url: string;
  stop(): Promise<void>;
}

export async function startKanri(opts: KanriOptions = {}): Promise<Kanri> {
  const platform = new Platform({ dataDir: opts.dataDir === undefined ? '.kanri' : opts.dataDir, runLambdas: opts.runLambdas === true, allowHealthCheckTargets: opts.allowHealthCheckTargets });
  const host = opts.host ?? '127.0.0.1';
  const server = await startListener(platform, { host, port: opts.port ?? 4566, defaultRegion: opts.defaultRegion });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  platform.endpoint = url;
  if (opts.dnsPort !== undefined) {
    try {
      await startDns(platform, host, opts.dnsPort, opts.dnsClients, opts.dnsWorkers);
    } catch (err) { // a bad --dns-port or client table: nothing stays open behind the error
      server.close();
      platform.close();
      throw err;
    }
  }
  // Services with work on the clock (trail delivery, SNS's and EventBridge's queued deliveries,
  // scheduled rules, SSM parameter policies; Lambda's queued invocations and SQS pollers when functions may run) resume
  // shortly after start, off the cold-start path, if this data folder ever had them.
  const used = (name: string) => !!platform.storage.stmt('SELECT 1 FROM _migrations WHERE owner = ?').get(name);
  const resume = ['cloudtrail', 'sns', 'events', 'config', 'ssm', 'route53', ...(opts.runLambdas ? ['lambda'] : [])];
  setTimeout(() => resume.forEach((name) => platform.storage.db.open && used(name) && platform.service(name)), 500).unref();
  const agents = opts.instanceAgents ? (await import('../agent/instance-agents')).startInstanceAgents(platform, platform.storage.dataDir) : undefined;
  let stopped: Promise<void> | undefined;
  return {
    platform,
    server,
    url,
    stop() {
      agents?.stop(); // before the listener closes: they poll it
      stopped ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }).then(() => {
        flushTrail(platform);
        platform.close();
      });
      return stopped;
    },
  };
}
