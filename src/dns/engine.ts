// One DNS message in, one out: the index kept current from the zone source, queries parsed,
// resolved for the asking client and written, with TC over UDP and EDNS0. Sockets live in server.ts.
import { ClientTable } from './clients';
import { nameFromText, keyOf, nameToText } from './names';
import { resolveIn, type Resolution } from './resolver';
import type { Asker } from './routing';
import type { ZoneSource } from './source';
import { ResponseCache } from './response-cache';
import { DropPacket, FormatError, parseQuery, RCODE, TYPE, TYPE_NAMES, type Query, type WireRecord } from './wire';
import { ResponseWriter } from './writer';
import { ZoneIndex } from './zone-index';

/** What our OPT record advertises: the usual EDNS payload size. */
const OUR_UDP_SIZE = 4096;
const CACHE_LIMIT = 20_000;
/** Longer queries (options beyond EDNS's usual few) are answered but not kept. */
const MAX_CACHED_QUERY = 512;

/** zoneId: answer from this hosted zone only (TestDNSAnswer), whoever asks. */
export interface DnsQuestion { name: string; type: string | number; zoneId?: string }
/** Who asks: a source address, and optionally the EDNS Client Subnet address it carries. */
export interface DnsClient { address?: string; subnet?: string }
export interface DnsRecord { name: string; type: string; ttl: number; value: string }
export interface DnsAnswer {
  rcode: 'NOERROR' | 'FORMERR' | 'SERVFAIL' | 'NXDOMAIN' | 'NOTIMP' | 'REFUSED';
  authoritative: boolean;
  answer: DnsRecord[];
  authority: DnsRecord[];
  additional: DnsRecord[];
}

const RCODE_NAMES = Object.fromEntries(Object.entries(RCODE).map(([k, v]) => [v, k])) as Record<number, DnsAnswer['rcode']>;

export class DnsEngine {
  private index: ZoneIndex | null = null;
  private stale = true;
  private failing = false;
  private unsubscribe: (() => void) | null = null;
  /** Whole responses for answers that depend on no client and no chance, by the query's bytes after the id. */
  private cache = new ResponseCache(CACHE_LIMIT, MAX_CACHED_QUERY);
  private writer = new ResponseWriter();

  constructor(private source: ZoneSource, public clients = new ClientTable()) {}

  /** The current index, rebuilt after the source said zones changed (at most once per change burst). */
  zones(): ZoneIndex {
    if (!this.unsubscribe) this.unsubscribe = this.source.onChange(() => this.invalidate());
    if (this.stale || !this.index) {
      try {
        this.index = new ZoneIndex(this.source.snapshot());
        this.stale = false;
        this.failing = false;
      } catch (err) {
        // Serve the zones we had (or none) and try again on the next query; say so once.
        if (!this.failing) console.error(`kanri dns: could not read the zones: ${(err as Error).message}`);
        this.failing = true;
        this.index ??= new ZoneIndex({ zones: [], healthy: () => true, cidrCollections: [] });
      }
      this.cache.clear();
    }
    return this.index;
  }

  /** Zones changed (or state was reset): the next query reads them afresh. */
  invalidate(): void {
    this.stale = true;
  }

  close(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  /** The response to a packet, or null when it deserves none. Never throws. */
  handle(packet: Buffer, sourceAddress: string, tcp: boolean): Buffer | null {
    // The same bytes after the id got an answer that depends on no client and no chance: send it
    // again with this id, without parsing (most of a busy server's queries repeat).
    if (!this.stale) {
      const hit = this.cache.answer(packet, tcp);
      if (hit) return hit;
    }
    let query: Query;
    try {
      query = parseQuery(packet);
    } catch (err) {
      if (err instanceof FormatError) return this.error(packet, null, RCODE.FORMERR);
      return null; // DropPacket, or anything else unreadable
    }
    try {
      return this.answer(packet, query, sourceAddress, tcp);
    } catch (err) {
      if (err instanceof DropPacket) return null;
      console.error(`kanri dns: failed to answer: ${(err as Error).message}`);
      return this.error(packet, query.questionEnd, RCODE.SERVFAIL, query);
    }
  }

  private error(packet: Buffer, questionEnd: number | null, rcode: number, query?: Query): Buffer {
    const w = this.writer;
    w.start(packet, questionEnd);
    w.flags({ aa: false, tc: false, rcode });
    if (query?.edns) w.opt(OUR_UDP_SIZE, rcode, undefined, 0);
    return w.finish();
  }

  private answer(packet: Buffer, q: Query, sourceAddress: string, tcp: boolean): Buffer {
    if (q.opcode !== 0) return this.error(packet, q.questionEnd, RCODE.NOTIMP, q);
    if (q.edns && q.edns.version > 0) return this.error(packet, q.questionEnd, RCODE.BADVERS, q);
    if (q.qclass !== 1 && q.qclass !== 255) return this.error(packet, q.questionEnd, RCODE.REFUSED, q);
    if (q.qtype === TYPE.AXFR || q.qtype === TYPE.IXFR) return this.error(packet, q.questionEnd, RCODE.REFUSED, q); // no zone transfers
    const index = this.zones();
    const ecs = q.edns?.clientSubnet;
    const res = resolveIn(index, q.qkey, q.qtype, this.asker(ecs?.address ?? sourceAddress));
    const out = this.write(packet, q, res, tcp);
    if (!ecs && !res.variable) this.cache.keep(packet, tcp, out);
    return out;
  }

  private asker(address: string): Asker {
    const clients = this.clients;
    return { address, network: () => clients.lookup(address) };
  }

  private write(packet: Buffer, q: Query, res: Resolution, tcp: boolean): Buffer {
    const w = this.writer;
    w.start(packet, q.questionEnd);
    w.registerQuestion(q.qkey);
    const ecs = q.edns?.clientSubnet;
    const optSize = q.edns ? 11 + (ecs ? 8 + Math.ceil(ecs.sourcePrefix / 8) : 0) : 0;
    const limit = (tcp ? 65535 : q.edns ? Math.min(Math.max(q.edns.udpSize, 512), OUR_UDP_SIZE) : 512) - optSize;
    let tc = false;
    const sections: [0 | 1 | 2, WireRecord[]][] = [[0, res.answer], [1, res.authority], [2, res.additional]];
    outer: for (const [section, records] of sections) {
      for (const rr of records) {
        if (w.record(section, rr, limit)) continue;
        // Glue that does not fit is left out; anything else: TC, and the client retries over TCP.
        if (section === 2) break outer;
        tc = true;
        w.truncateTo(q.questionEnd);
        break outer;
      }
    }
    w.flags({ aa: res.aa, tc, rcode: res.rcode, cd: q.cd });
    if (q.edns) w.opt(OUR_UDP_SIZE, res.rcode, ecs, res.variable && ecs ? ecs.sourcePrefix : 0);
    return w.finish();
  }

  /** The same resolver for a question given as text: for Route 53's TestDNSAnswer and for tools. */
  resolve(question: DnsQuestion, client: DnsClient = {}): DnsAnswer {
    const wire = nameFromText(question.name.endsWith('.') ? question.name : question.name + '.');
    const type = typeof question.type === 'number' ? question.type : (TYPE as Record<string, number>)[question.type.toUpperCase()];
    if (!wire || type === undefined) return { rcode: 'FORMERR', authoritative: false, answer: [], authority: [], additional: [] };
    const qkey = keyOf(wire);
    const address = client.subnet?.split('/')[0] ?? client.address ?? '127.0.0.1';
    const index = this.zones();
    const only = question.zoneId === undefined ? undefined : index.byId.get(question.zoneId.replace(/^\/hostedzone\//, ''));
    if (question.zoneId !== undefined && !only) return { rcode: 'REFUSED', authoritative: false, answer: [], authority: [], additional: [] };
    const res = resolveIn(index, qkey, type, this.asker(address), only);
    const text = (rr: WireRecord): DnsRecord => ({
      name: nameToText(rr.owner ?? qkey), type: TYPE_NAMES[rr.type] ?? String(rr.type), ttl: rr.ttl, value: rr.value ?? rr.rdata.toString('hex'),
    });
    return { rcode: RCODE_NAMES[res.rcode] ?? 'SERVFAIL', authoritative: res.aa, answer: res.answer.map(text), authority: res.authority.map(text), additional: res.additional.map(text) };
  }
}

export interface TestDnsAnswerInput {
  HostedZoneId: string;
  RecordName: string;
  RecordType: string;
  ResolverIP?: string;
  EDNS0ClientSubnetIP?: string;
  EDNS0ClientSubnetMask?: string;
}

/**
 * Route 53's TestDNSAnswer: what this zone's name server answers for the record, as the given
 * resolver (or client subnet) would get it. Undefined when kanri serves no such zone.
 */
export function testDnsAnswer(engine: DnsEngine, input: TestDnsAnswerInput) {
  const zoneId = input.HostedZoneId.replace(/^\/hostedzone\//, '');
  const zone = engine.zones().byId.get(zoneId);
  if (!zone) return undefined;
  const subnet = input.EDNS0ClientSubnetIP ? `${input.EDNS0ClientSubnetIP}/${input.EDNS0ClientSubnetMask ?? ''}` : undefined;
  const res = engine.resolve({ name: input.RecordName, type: input.RecordType, zoneId }, { address: input.ResolverIP, subnet });
  const asked = nameToText(nameFromText(input.RecordName.endsWith('.') ? input.RecordName : input.RecordName + '.') ?? Buffer.from([0])).toLowerCase();
  const apexNs = zone.nodes.get(zone.key)?.groups.get(TYPE.NS)?.sets[0]?.records[0]?.value;
  return {
    Nameserver: (apexNs ?? 'ns-1.awsdns-01.org.').replace(/\.$/, ''),
    RecordName: input.RecordName,
    RecordType: input.RecordType,
    RecordData: res.answer.filter((r) => r.name.toLowerCase() === asked).map((r) => r.value),
    ResponseCode: res.rcode,
    Protocol: 'UDP',
  };
}
