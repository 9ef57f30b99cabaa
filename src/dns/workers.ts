// Worker processes that answer DNS over UDP next to the main process. One Node process cannot
// receive and send datagrams fast enough (and Node 20's dgram has no reusePort), so the main process
// hands its bound UDP socket to N children (child_process handle passing); they all read the same
// kernel socket, which gives each datagram to one reader. Each child runs the same engine over a
// plain copy of the zones, which it asks for after a change (worker.ts). TCP stays in the main process.
import { fork, type ChildProcess } from 'node:child_process';
import type { Socket as UdpSocket } from 'node:dgram';
import { join } from 'node:path';
import type { ClientTable } from './clients';
import { toPlain, type PlainSnapshot, type ZoneSource } from './source';

/** Messages to a worker. `generation` counts zone changes; a worker answers only from the latest. */
export type ToWorker =
  | { t: 'start'; generation: number; clients: Record<string, unknown> | null }
  | { t: 'stale'; generation: number }
  | { t: 'zones'; generation: number; snapshot: PlainSnapshot | null } // null: reading failed, keep the zones you have
  | { t: 'clients'; clients: Record<string, unknown> };
export type FromWorker = { t: 'need'; generation: number };

const MAX_RESTARTS = 10;

export class DnsWorkers {
  private children = new Set<ChildProcess>();
  private generation = 0;
  private plain: { generation: number; snapshot: PlainSnapshot | null } | null = null;
  private unsubscribe: () => void;
  private closed = false;
  private restarts = 0;

  constructor(private udp: UdpSocket, private source: ZoneSource, private clients: () => ClientTable | undefined, count: number) {
    this.unsubscribe = source.onChange(() => this.changed());
    for (let i = 0; i < count; i++) this.spawn();
  }

  get count(): number {
    return this.children.size;
  }

  /** Zones or health changed: workers stop answering from what they have until they got the new zones. */
  changed(): void {
    this.generation++;
    this.plain = null;
    this.broadcast({ t: 'stale', generation: this.generation });
  }

  setClients(table: ClientTable): void {
    this.broadcast({ t: 'clients', clients: table.table });
  }

  close(): void {
    this.closed = true;
    this.unsubscribe();
    for (const child of this.children) child.kill();
    this.children.clear();
  }

  private spawn(): void {
    // Not the main process's --inspect: a second debugger on the same port would fail.
    const execArgv = process.execArgv.filter((a) => !a.startsWith('--inspect'));
    const child = fork(join(__dirname, 'worker.js'), [], { serialization: 'advanced', execArgv });
    this.children.add(child);
    const start: ToWorker = { t: 'start', generation: this.generation, clients: this.clients()?.table ?? null };
    child.send(start, this.udp, { keepOpen: true }); // keepOpen: the main process answers on it too
    child.on('message', (m: FromWorker) => {
      if (m?.t === 'need') this.sendZones(child);
    });
    child.on('error', (err) => console.error(`kanri dns: worker ${child.pid}: ${err.message}`));
    child.once('exit', (code, signal) => {
      this.children.delete(child);
      if (this.closed) return;
      console.error(`kanri dns: worker ${child.pid} exited (${signal ?? code})${this.restarts < MAX_RESTARTS ? ', starting another' : ''}`);
      if (this.restarts++ < MAX_RESTARTS) setTimeout(() => this.closed || this.spawn(), 1000).unref();
    });
  }

  /** The zones as of the current generation, read once per generation whichever worker asks first. */
  private sendZones(child: ChildProcess): void {
    if (this.plain?.generation !== this.generation) {
      let snapshot: PlainSnapshot | null = null;
      try {
        snapshot = toPlain(this.source.snapshot());
      } catch (err) {
        console.error(`kanri dns: could not read the zones for the workers: ${(err as Error).message}`);
      }
      this.plain = { generation: this.generation, snapshot };
    }
    this.send(child, { t: 'zones', ...this.plain });
  }

  private broadcast(message: ToWorker): void {
    for (const child of this.children) this.send(child, message);
  }

  private send(child: ChildProcess, message: ToWorker): void {
    if (child.connected) child.send(message);
  }
}
