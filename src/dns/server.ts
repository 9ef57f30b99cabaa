// The DNS listeners: UDP and TCP on the same port (RFC 7766 framing over TCP), started with kanri
// and closed with its platform. `dnsServerOf(platform)` finds them (health, TestDNSAnswer).
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, isIPv6, type Server as TcpServer, type Socket } from 'node:net';
import type { Platform } from '../core/platform';
import type { ClientTable } from './clients';
import type { DnsEngine, TestDnsAnswerInput } from './engine';
import type { DnsWorkers } from './workers';
import { route53Source, type ZoneSource } from './source';
import { udpSender } from './udp-send';

// The resolver is loaded with the first query, not at start: kanri's cold start pays only for the sockets.
const engineModule = () => require('./engine') as typeof import('./engine');

export interface DnsServerOptions {
  host: string;
  port: number; // 0 picks a free port
  source: ZoneSource;
  clients?: ClientTable;
  /** An engine made by the caller (tests, which cannot require() TypeScript lazily). */
  engine?: DnsEngine;
  /** Worker processes that answer UDP next to this one (workers.ts), started with the first UDP query; 0 or undefined: none. */
  workers?: number;
}

const TCP_IDLE_MS = 10_000;

export class DnsServer {
  private loadedEngine: DnsEngine | null = null;
  private udp: UdpSocket | null = null;
  private tcp: TcpServer | null = null;
  private sockets = new Set<Socket>();
  private workers: DnsWorkers | null = null;
  private workersWanted: boolean;
  port = 0;

  get host(): string {
    return this.opts.host;
  }

  constructor(private opts: DnsServerOptions) {
    this.loadedEngine = opts.engine ?? null;
    this.workersWanted = (opts.workers ?? 0) > 0;
  }

  /** Worker processes answering UDP now. */
  get workerCount(): number {
    return this.workers?.count ?? 0;
  }

  get engine(): DnsEngine {
    return (this.loadedEngine ??= new (engineModule().DnsEngine)(this.opts.source, this.opts.clients));
  }

  async start(): Promise<number> {
    const family = isIPv6(this.opts.host) ? 'udp6' : 'udp4';
    // With port 0, the UDP port is picked first and TCP takes the same one; retry if TCP's is taken.
    for (let attempt = 0; ; attempt++) {
      const udp = await this.bindUdp(family, this.opts.port);
      const port = udp.address().port;
      try {
        this.tcp = await this.listenTcp(port);
        this.udp = udp;
        this.port = port;
        return port;
      } catch (err) {
        udp.close();
        if (this.opts.port !== 0 || attempt >= 5) throw err;
      }
    }
  }

  private bindUdp(family: 'udp4' | 'udp6', port: number): Promise<UdpSocket> {
    return new Promise((resolve, reject) => {
      const udp = createSocket({ type: family });
      udp.once('error', reject);
      udp.bind(port, this.opts.host, () => {
        udp.off('error', reject);
        udp.on('error', (err) => console.error(`kanri dns: udp: ${err.message}`));
        const sendTo = udpSender(udp);
        udp.on('message', (msg, rinfo) => {
          if (this.workersWanted) this.startWorkers(udp);
          const out = this.answer(msg, rinfo.address, false);
          if (out) sendTo(out, rinfo.port, rinfo.address);
        });
        resolve(udp);
      });
    });
  }

  /** Off kanri's cold start: a kanri that never gets a DNS query never forks. */
  private startWorkers(udp: UdpSocket): void {
    this.workersWanted = false;
    const { DnsWorkers } = require('./workers') as typeof import('./workers');
    this.workers = new DnsWorkers(udp, this.opts.source, () => this.opts.clients, this.opts.workers ?? 0);
  }

  private listenTcp(port: number): Promise<TcpServer> {
    return new Promise((resolve, reject) => {
      const server = createServer((sock) => this.serveTcp(sock));
      server.once('error', reject);
      server.listen(port, this.opts.host, () => {
        server.off('error', reject);
        server.on('error', (err) => console.error(`kanri dns: tcp: ${err.message}`));
        resolve(server);
      });
    });
  }

  /** A new client table (the file changed): the next query sees it. */
  setClients(clients: ClientTable): void {
    this.opts.clients = clients;
    if (this.loadedEngine) this.loadedEngine.clients = clients;
    this.workers?.setClients(clients);
  }

  /** Zones changed under the engine without a change signal (state reset): read them again everywhere. */
  invalidate(): void {
    this.loadedEngine?.invalidate();
    this.workers?.changed();
  }

  /** The engine never throws; this guards the sockets against the engine failing to load. */
  private answer(msg: Buffer, from: string, tcp: boolean): Buffer | null {
    try {
      return this.engine.handle(msg, from, tcp);
    } catch (err) {
      console.error(`kanri dns: ${(err as Error).message}`);
      return null;
    }
  }

  private serveTcp(sock: Socket): void {
    this.sockets.add(sock);
    sock.setNoDelay(true);
    sock.setTimeout(TCP_IDLE_MS, () => sock.destroy());
    sock.on('error', () => sock.destroy());
    sock.on('close', () => this.sockets.delete(sock));
    let pending: Buffer = Buffer.alloc(0);
    sock.on('data', (chunk: Buffer) => {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      while (pending.length >= 2) {
        const len = pending.readUInt16BE(0);
        if (pending.length < 2 + len) break;
        const msg = pending.subarray(2, 2 + len);
        pending = pending.subarray(2 + len);
        const out = this.answer(msg, sock.remoteAddress ?? '127.0.0.1', true);
        if (!out) continue;
        const frame = Buffer.allocUnsafe(2 + out.length);
        frame.writeUInt16BE(out.length, 0);
        out.copy(frame, 2);
        sock.write(frame);
      }
    });
  }

  close(): void {
    this.workersWanted = false;
    this.workers?.close();
    this.workers = null;
    this.loadedEngine?.close();
    this.udp?.close();
    this.udp = null;
    this.tcp?.close();
    this.tcp = null;
    for (const s of this.sockets) s.destroy();
  }
}

const running = new WeakMap<Platform, DnsServer>();
const standalone = new WeakMap<Platform, DnsEngine>();

/** Starts the DNS server for a platform, answering from its Route 53 zones; it stops when the platform closes. */
export async function startDnsServer(platform: Platform, opts: { host: string; port: number; clients?: ClientTable; workers?: number }): Promise<DnsServer> {
  const server = new DnsServer({ ...opts, source: route53Source(platform) });
  await server.start();
  running.set(platform, server);
  platform.onClose(() => server.close());
  return server;
}

export function dnsServerOf(platform: Platform): DnsServer | undefined {
  return running.get(platform);
}

/** The resolver the DNS server uses (or an equal one when no server runs): `resolverFor(p).resolve(q, client)`. */
export function resolverFor(platform: Platform): DnsEngine {
  const server = running.get(platform);
  if (server) return server.engine;
  let engine = standalone.get(platform);
  if (!engine) {
    engine = new (engineModule().DnsEngine)(route53Source(platform));
    standalone.set(platform, engine);
    platform.onClose(() => engine!.close());
  }
  return engine;
}

/** Route 53's TestDNSAnswer output for this platform's zones; undefined when the zone is unknown. */
export function testDnsAnswerFor(platform: Platform, input: TestDnsAnswerInput) {
  return engineModule().testDnsAnswer(resolverFor(platform), input);
}

/** After /_kanri/reset: Route 53's tables were cleared under the server, so its zones are read again. */
export function zonesReset(platform: Platform): void {
  running.get(platform)?.invalidate();
  standalone.get(platform)?.invalidate();
}
