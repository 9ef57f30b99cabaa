// Starts kanri in this process: the platform plus its listener. Used by the CLI and by tests.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Platform } from '../core/platform';
import { flushTrail } from '../services/cloudtrail/recorder';
import { startListener } from './listener';

export interface KanriOptions {
  host?: string;
  port?: number; // 0 picks a free port
  dataDir?: string | null; // null: in memory
  defaultRegion?: string;
}

export interface Kanri {
  platform: Platform;
  server: Server;
  url: string;
  stop(): Promise<void>;
}

export async function startKanri(opts: KanriOptions = {}): Promise<Kanri> {
  const platform = new Platform({ dataDir: opts.dataDir === undefined ? '.kanri' : opts.dataDir });
  const host = opts.host ?? '127.0.0.1';
  const server = await startListener(platform, { host, port: opts.port ?? 4566, defaultRegion: opts.defaultRegion });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  platform.endpoint = url;
  // Services with work on the clock (trail delivery) resume shortly after start, off the cold-start path.
  setTimeout(() => platform.storage.db.open && platform.service('cloudtrail'), 500).unref();
  // SNS resumes its queued deliveries, if this data folder ever had SNS (loading it costs a little).
  const used = (name: string) => !!platform.storage.stmt('SELECT 1 FROM _migrations WHERE owner = ?').get(name);
  setTimeout(() => platform.storage.db.open && used('sns') && platform.service('sns'), 500).unref();
  let stopped: Promise<void> | undefined;
  return {
    platform,
    server,
    url,
    stop() {
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
