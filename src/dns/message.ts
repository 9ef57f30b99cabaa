// The client side of the wire format, small and strict: build a query, read a whole response.
// Used by the tests and tools that talk to the server as a resolver would.
import { isIPv4 } from 'node:net';
import { nameFromText, nameToText } from './names';
import { addressBytes } from './cidr';
import { readName, TYPE, TYPE_NAMES } from './wire';

export interface QueryOptions {
  id?: number;
  rd?: boolean;
  edns?: { udpSize?: number; dnssecOk?: boolean; subnet?: string };
}

export function buildQuery(name: string, type: string | number, opts: QueryOptions = {}): Buffer {
  const qname = nameFromText(name.endsWith('.') ? name : name + '.');
  if (!qname) throw new Error(`bad name ${name}`);
  const qtype = typeof type === 'number' ? type : (TYPE as Record<string, number>)[type];
  const head = Buffer.alloc(12);
  head.writeUInt16BE(opts.id ?? 0x1234, 0);
  head.writeUInt16BE(opts.rd === false ? 0 : 0x0100, 2);
  head.writeUInt16BE(1, 4);
  head.writeUInt16BE(opts.edns ? 1 : 0, 10);
  const q = Buffer.alloc(4);
  q.writeUInt16BE(qtype, 0);
  q.writeUInt16BE(1, 2);
  const parts = [head, qname, q];
  if (opts.edns) {
    let option = Buffer.alloc(0);
    if (opts.edns.subnet) {
      const [addr, len] = opts.edns.subnet.split('/');
      const family = isIPv4(addr) ? 1 : 2;
      const prefix = Number(len ?? (family === 1 ? 32 : 128));
      const bytes = addressBytes(addr, family).subarray(0, Math.ceil(prefix / 8));
      option = Buffer.alloc(8 + bytes.length);
      option.writeUInt16BE(8, 0);
      option.writeUInt16BE(4 + bytes.length, 2);
      option.writeUInt16BE(family, 4);
      option[6] = prefix;
      bytes.copy(option, 8);
    }
    const opt = Buffer.alloc(11);
    opt.writeUInt16BE(TYPE.OPT, 1);
    opt.writeUInt16BE(opts.edns.udpSize ?? 1232, 3);
    opt.writeUInt32BE(opts.edns.dnssecOk ? 0x8000 : 0, 5);
    opt.writeUInt16BE(option.length, 9);
    parts.push(opt, option);
  }
  return Buffer.concat(parts);
}

export interface ParsedRecord { name: string; type: string; ttl: number; data: string }
export interface ParsedResponse {
  id: number;
  aa: boolean;
  tc: boolean;
  rcode: number;
  question: { name: string; type: string } | null;
  answer: ParsedRecord[];
  authority: ParsedRecord[];
  additional: ParsedRecord[];
  edns?: { udpSize: number; extRcode: number; subnetScope?: number };
}

function rdataText(msg: Buffer, type: number, off: number, len: number): string {
  const b = msg.subarray(off, off + len);
  switch (type) {
    case TYPE.A: return Array.from(b).join('.');
    case TYPE.AAAA: return Array.from({ length: 8 }, (_, i) => b.readUInt16BE(i * 2).toString(16)).join(':');
    case TYPE.CNAME: case TYPE.NS: case TYPE.PTR: return nameToText(readName(msg, off).wire);
    case TYPE.MX: return `${b.readUInt16BE(0)} ${nameToText(readName(msg, off + 2).wire)}`;
    case TYPE.SOA: {
      const m = readName(msg, off);
      const r = readName(msg, m.end);
      const nums = [0, 1, 2, 3, 4].map((i) => msg.readUInt32BE(r.end + i * 4));
      return `${nameToText(m.wire)} ${nameToText(r.wire)} ${nums.join(' ')}`;
    }
    case TYPE.TXT: case TYPE.SPF: {
      const out: string[] = [];
      for (let i = 0; i < b.length; i += b[i] + 1) out.push(JSON.stringify(b.subarray(i + 1, i + 1 + b[i]).toString('utf8')));
      return out.join(' ');
    }
    default: return b.toString('hex');
  }
}

export function parseResponse(msg: Buffer): ParsedResponse {
  const flags = msg.readUInt16BE(2);
  const counts = [4, 6, 8, 10].map((o) => msg.readUInt16BE(o));
  let pos = 12;
  let question: ParsedResponse['question'] = null;
  for (let i = 0; i < counts[0]; i++) {
    const n = readName(msg, pos);
    question = { name: nameToText(n.wire), type: TYPE_NAMES[msg.readUInt16BE(n.end)] ?? String(msg.readUInt16BE(n.end)) };
    pos = n.end + 4;
  }
  const out: ParsedResponse = { id: msg.readUInt16BE(0), aa: !!(flags & 0x400), tc: !!(flags & 0x200), rcode: flags & 0xf, question, answer: [], authority: [], additional: [] };
  const sections = [out.answer, out.authority, out.additional];
  for (let s = 0; s < 3; s++) {
    for (let i = 0; i < counts[s + 1]; i++) {
      const n = readName(msg, pos);
      const type = msg.readUInt16BE(n.end);
      const ttl = msg.readUInt32BE(n.end + 4);
      const len = msg.readUInt16BE(n.end + 8);
      const at = n.end + 10;
      if (type === TYPE.OPT) {
        out.edns = { udpSize: msg.readUInt16BE(n.end + 2), extRcode: ttl >>> 24 };
        if (len >= 8 && msg.readUInt16BE(at) === 8) out.edns.subnetScope = msg[at + 7];
      } else {
        sections[s].push({ name: nameToText(n.wire), type: TYPE_NAMES[type] ?? String(type), ttl, data: rdataText(msg, type, at, len) });
      }
      pos = at + len;
    }
  }
  return out;
}
