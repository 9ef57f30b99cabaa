// Writing a response into one scratch buffer: header and question copied from the query, records
// with owner-name compression (RFC 1035 4.1.4), OPT last; the caller gets a copy of exactly its bytes.
import { addressBytes } from './cidr';
import { TYPE, type ClientSubnet, type WireRecord } from './wire';

const MAX_MESSAGE = 65535;
const scratch = Buffer.allocUnsafe(MAX_MESSAGE + 512);

/** Writes a response into a shared scratch buffer and returns a copy of exactly its bytes. */
export class ResponseWriter {
  private pos = 0;
  private names = new Map<string, number>();

  /** Header and the question as the query carried it (its case preserved), without counts yet. */
  start(query: Buffer, questionEnd: number | null): void {
    query.copy(scratch, 0, 0, 12);
    this.pos = 12;
    this.names.clear();
    if (questionEnd !== null) {
      query.copy(scratch, 12, 12, questionEnd);
      this.pos = questionEnd;
    }
    scratch.writeUInt16BE(questionEnd === null ? 0 : 1, 4);
    scratch.writeUInt32BE(0, 6);
    scratch.writeUInt16BE(0, 10);
  }

  get length(): number {
    return this.pos;
  }

  /** Sets QR, the opcode echoed, AA, TC, RD echoed, RA clear, the rcode's low bits. */
  flags(opts: { aa: boolean; tc: boolean; rcode: number; cd?: boolean }): void {
    const old = scratch.readUInt16BE(2);
    let f = 0x8000 | (old & 0x7800) | (old & 0x0100);
    if (opts.aa) f |= 0x0400;
    if (opts.tc) f |= 0x0200;
    if (opts.cd) f |= 0x0010;
    f |= opts.rcode & 0xf;
    scratch.writeUInt16BE(f, 2);
  }

  /** Drops every section after the question (for TC): back to questionEnd. */
  truncateTo(pos: number): void {
    this.pos = pos;
    scratch.writeUInt32BE(0, 6);
    scratch.writeUInt16BE(0, 10);
    for (const [k, off] of this.names) if (off >= pos) this.names.delete(k);
  }

  private name(key: string | null): void {
    if (key === null) {
      scratch[this.pos++] = 0xc0;
      scratch[this.pos++] = 12;
      return;
    }
    let i = 0;
    while (key.charCodeAt(i) !== 0) {
      const suffix = i === 0 ? key : key.slice(i);
      const at = this.names.get(suffix);
      if (at !== undefined) {
        scratch.writeUInt16BE(0xc000 | at, this.pos);
        this.pos += 2;
        return;
      }
      if (this.pos < 0x3fff) this.names.set(suffix, this.pos);
      const len = key.charCodeAt(i);
      scratch.write(key.slice(i, i + len + 1), this.pos, 'latin1');
      this.pos += len + 1;
      i += len + 1;
    }
    scratch[this.pos++] = 0;
  }

  /** Lets later owner names point at the question name. */
  registerQuestion(qkey: string): void {
    let i = 0;
    while (qkey.charCodeAt(i) !== 0) {
      this.names.set(i === 0 ? qkey : qkey.slice(i), 12 + i);
      i += qkey.charCodeAt(i) + 1;
    }
  }

  /** Appends a record to a section (0 answer, 1 authority, 2 additional); false if it would not fit. */
  record(section: 0 | 1 | 2, rr: WireRecord, limit = MAX_MESSAGE): boolean {
    const need = (rr.owner === null ? 2 : rr.owner.length) + 10 + rr.rdata.length;
    if (this.pos + need > limit) return false;
    this.name(rr.owner);
    scratch.writeUInt16BE(rr.type, this.pos);
    scratch.writeUInt16BE(1, this.pos + 2);
    scratch.writeUInt32BE(rr.ttl >>> 0, this.pos + 4);
    scratch.writeUInt16BE(rr.rdata.length, this.pos + 8);
    this.pos += 10;
    rr.rdata.copy(scratch, this.pos);
    this.pos += rr.rdata.length;
    const at = 6 + section * 2;
    scratch.writeUInt16BE(scratch.readUInt16BE(at) + 1, at);
    return true;
  }

  /** The OPT pseudo-record: our payload size, the extended rcode bits, and the client subnet echoed. */
  opt(udpSize: number, extRcode: number, clientSubnet: ClientSubnet | undefined, scopePrefix: number): void {
    scratch[this.pos++] = 0;
    scratch.writeUInt16BE(TYPE.OPT, this.pos);
    scratch.writeUInt16BE(udpSize, this.pos + 2);
    scratch.writeUInt32BE(((extRcode >> 4) & 0xff) << 24, this.pos + 4);
    this.pos += 8;
    if (!clientSubnet) {
      scratch.writeUInt16BE(0, this.pos);
      this.pos += 2;
    } else {
      const bytes = Math.ceil(clientSubnet.sourcePrefix / 8);
      scratch.writeUInt16BE(8 + bytes, this.pos);
      scratch.writeUInt16BE(8, this.pos + 2);
      scratch.writeUInt16BE(4 + bytes, this.pos + 4);
      scratch.writeUInt16BE(clientSubnet.family, this.pos + 6);
      scratch[this.pos + 8] = clientSubnet.sourcePrefix;
      scratch[this.pos + 9] = scopePrefix;
      this.pos += 10;
      addressBytes(clientSubnet.address, clientSubnet.family).copy(scratch, this.pos, 0, bytes);
      this.pos += bytes;
    }
    scratch.writeUInt16BE(scratch.readUInt16BE(10) + 1, 10);
  }

  finish(): Buffer {
    return Buffer.from(scratch.subarray(0, this.pos));
  }
}
