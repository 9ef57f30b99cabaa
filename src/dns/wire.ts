// The DNS wire format (RFC 1035, EDNS0 from RFC 6891, Client Subnet from RFC 7871): reading a query
// and writing an answer. Hand-written: kanri parses only what a query holds and writes answers
// from rdata prepared when the zone was indexed.
import { lowerWire } from './names';

export const TYPE = {
  A: 1, NS: 2, CNAME: 5, SOA: 6, PTR: 12, MX: 15, TXT: 16, AAAA: 28, SRV: 33, NAPTR: 35, OPT: 41, DS: 43,
  SPF: 99, IXFR: 251, AXFR: 252, ANY: 255, CAA: 257,
} as const;
export const TYPE_NAMES: Record<number, string> = Object.fromEntries(Object.entries(TYPE).map(([k, v]) => [v, k]));

export const RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5, BADVERS: 16 } as const;

export interface ClientSubnet {
  family: number; // 1 IPv4, 2 IPv6
  sourcePrefix: number;
  scopePrefix: number;
  address: string;
}

export interface Edns {
  udpSize: number;
  version: number;
  dnssecOk: boolean;
  clientSubnet?: ClientSubnet;
}

export interface Query {
  id: number;
  opcode: number;
  rd: boolean;
  cd: boolean;
  qname: Buffer; // uncompressed wire form, as the client spelled it
  qkey: string; // lower-cased wire form as latin1
  qtype: number;
  qclass: number;
  questionEnd: number;
  edns?: Edns;
}

/** Bytes that cannot be answered at all (too short, or a response): drop them. */
export class DropPacket extends Error {}
/** A query kanri can read the header of but not the rest: answer FORMERR. */
export class FormatError extends Error {}

/** Reads a possibly compressed name at off; returns its wire form and the offset after it. */
export function readName(buf: Buffer, off: number): { wire: Buffer; end: number } {
  const out: number[] = [];
  let end = -1;
  let jumps = 0;
  let pos = off;
  for (;;) {
    if (pos >= buf.length) throw new FormatError('name runs past the message');
    const len = buf[pos];
    if (len === 0) {
      out.push(0);
      if (end < 0) end = pos + 1;
      break;
    }
    if ((len & 0xc0) === 0xc0) {
      if (pos + 1 >= buf.length) throw new FormatError('truncated pointer');
      const target = ((len & 0x3f) << 8) | buf[pos + 1];
      if (end < 0) end = pos + 2;
      if (target >= pos || ++jumps > 64) throw new FormatError('bad compression pointer');
      pos = target;
      continue;
    }
    if (len & 0xc0) throw new FormatError('reserved label type');
    if (pos + 1 + len > buf.length) throw new FormatError('label runs past the message');
    out.push(len);
    for (let i = pos + 1; i <= pos + len; i++) out.push(buf[i]);
    if (out.length > 255) throw new FormatError('name longer than 255 bytes');
    pos += len + 1;
  }
  return { wire: Buffer.from(out), end };
}

/** The question name, sliced, not copied: a lone question has nothing before it to point at. */
function readQuestionName(buf: Buffer, off: number): { wire: Buffer; end: number } {
  let pos = off;
  while (pos < buf.length) {
    const len = buf[pos];
    if (len === 0) {
      if (pos + 1 - off > 255) throw new FormatError('name longer than 255 bytes');
      return { wire: buf.subarray(off, pos + 1), end: pos + 1 };
    }
    if (len & 0xc0) throw new FormatError('a pointer in the question, where nothing precedes it to point at');
    pos += len + 1;
  }
  throw new FormatError('name runs past the message');
}

function skipRecord(buf: Buffer, off: number): number {
  const { end } = readName(buf, off);
  if (end + 10 > buf.length) throw new FormatError('record header runs past the message');
  const rdlen = buf.readUInt16BE(end + 8);
  if (end + 10 + rdlen > buf.length) throw new FormatError('rdata runs past the message');
  return end + 10 + rdlen;
}

function readOpt(buf: Buffer, off: number, end: number): Edns {
  const ttl = buf.readUInt32BE(off + 4);
  const edns: Edns = { udpSize: buf.readUInt16BE(off + 2), version: (ttl >>> 16) & 0xff, dnssecOk: (ttl & 0x8000) !== 0 };
  let pos = off + 10;
  while (pos < end) {
    if (pos + 4 > end) throw new FormatError('truncated EDNS option');
    const code = buf.readUInt16BE(pos);
    const len = buf.readUInt16BE(pos + 2);
    if (pos + 4 + len > end) throw new FormatError('EDNS option runs past the record');
    if (code === 8) edns.clientSubnet = readClientSubnet(buf.subarray(pos + 4, pos + 4 + len));
    pos += 4 + len;
  }
  return edns;
}

function readClientSubnet(b: Buffer): ClientSubnet {
  if (b.length < 4) throw new FormatError('short client subnet option');
  const family = b.readUInt16BE(0);
  const sourcePrefix = b[2];
  const scopePrefix = b[3];
  const width = family === 1 ? 4 : family === 2 ? 16 : 0;
  if (!width || sourcePrefix > width * 8 || b.length - 4 !== Math.ceil(sourcePrefix / 8)) throw new FormatError('bad client subnet option');
  const addr = Buffer.alloc(width);
  b.copy(addr, 0, 4);
  const address = family === 1 ? Array.from(addr).join('.') : ipv6Text(addr);
  return { family, sourcePrefix, scopePrefix, address };
}

function ipv6Text(addr: Buffer): string {
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(addr.readUInt16BE(i).toString(16));
  return groups.join(':');
}

/** Reads a query. Throws DropPacket for what deserves no answer, FormatError for FORMERR. */
export function parseQuery(buf: Buffer): Query {
  if (buf.length < 12) throw new DropPacket('shorter than a header');
  const flags = buf.readUInt16BE(2);
  if (flags & 0x8000) throw new DropPacket('a response, not a query');
  const qd = buf.readUInt16BE(4), an = buf.readUInt16BE(6), ns = buf.readUInt16BE(8), ar = buf.readUInt16BE(10);
  if (qd !== 1) throw new FormatError('expected exactly one question');
  const q = readQuestionName(buf, 12);
  if (q.end + 4 > buf.length) throw new FormatError('truncated question');
  const query: Query = {
    id: buf.readUInt16BE(0), opcode: (flags >> 11) & 0xf, rd: (flags & 0x100) !== 0, cd: (flags & 0x10) !== 0,
    qname: q.wire, qkey: lowerWire(q.wire).toString('latin1'), qtype: buf.readUInt16BE(q.end), qclass: buf.readUInt16BE(q.end + 2),
    questionEnd: q.end + 4,
  };
  let pos = query.questionEnd;
  for (let i = 0; i < an + ns; i++) pos = skipRecord(buf, pos);
  for (let i = 0; i < ar; i++) {
    const start = pos;
    pos = skipRecord(buf, pos);
    if (buf[start] === 0 && buf.readUInt16BE(start + 1) === TYPE.OPT) {
      if (query.edns) throw new FormatError('more than one OPT record');
      query.edns = readOpt(buf, start + 1, pos);
    }
  }
  return query;
}

/** One resource record to write: owner by key (or the question's own name), rdata prepared. */
export interface WireRecord {
  owner: string | null; // lower-case wire key; null = the question name (a pointer to offset 12)
  type: number;
  ttl: number;
  rdata: Buffer;
  value?: string; // the record's value as Route 53 spells it (for TestDNSAnswer)
}
