// A DNS worker process (started by workers.ts): answers UDP queries on the socket the main process
// handed over, with the same engine, from plain copies of the zones. After a change it holds queries
// until it has the new zones, so an answer never predates a change the main process announced.
// It exits when the main process goes (the IPC channel closes), even after a SIGKILL.
import type { RemoteInfo, Socket } from 'node:dgram';
import { ClientTable } from './clients';
import { DnsEngine } from './engine';
import { fromPlain, memorySource } from './source';
import { udpSender, type SendTo } from './udp-send';
import type { FromWorker, ToWorker } from './workers';

const MAX_WAITING = 4096; // beyond this, queries are dropped and the client retries

const source = memorySource();
const engine = new DnsEngine(source);
let sendTo: SendTo | null = null;
let wanted = 0; // the latest generation announced
let have = -1; // the generation of the zones we hold
let asked = -1;
const waiting: [Buffer, RemoteInfo][] = [];

function answer(msg: Buffer, from: RemoteInfo): void {
  const out = engine.handle(msg, from.address, false);
  if (out) sendTo!(out, from.port, from.address);
}

function onQuery(msg: Buffer, from: RemoteInfo): void {
  if (have >= wanted) return answer(msg, from);
  if (waiting.length < MAX_WAITING) waiting.push([msg, from]);
  ask();
}

function ask(): void {
  if (asked >= wanted || !process.connected) return;
  asked = wanted;
  process.send!({ t: 'need', generation: wanted } satisfies FromWorker);
}

process.on('message', (m: ToWorker, handle?: Socket) => {
  switch (m.t) {
    case 'start':
      wanted = m.generation;
      if (m.clients) engine.clients = new ClientTable(m.clients);
      sendTo = udpSender(handle!);
      handle!.on('message', onQuery);
      handle!.on('error', (err) => console.error(`kanri dns worker: udp: ${err.message}`));
      break;
    case 'stale':
      wanted = Math.max(wanted, m.generation);
      break;
    case 'zones':
      have = Math.max(have, m.generation);
      if (m.snapshot) source.set(fromPlain(m.snapshot));
      if (have < wanted) ask();
      else for (const [msg, from] of waiting.splice(0)) answer(msg, from);
      break;
    case 'clients':
      engine.clients = new ClientTable(m.clients);
      break;
  }
});
process.on('disconnect', () => process.exit(0));
