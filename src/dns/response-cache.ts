// Whole responses for answers that depend on no client and no chance, kept by the query's bytes
// after the id (flags, question as asked, EDNS) and its transport. Looked up on every query before
// any parsing, so without building a string: a 32-bit hash of the bytes picks the slot and the bytes
// themselves decide. Two questions with the same hash only take each other's slot.

interface Entry {
  tcp: boolean;
  query: Buffer; // the bytes after the id, copied
  response: Buffer;
}

export class ResponseCache {
  private slots = new Map<number, Entry>();

  /** limit: entries before it starts over; maxQuery: longer queries (options beyond EDNS's usual few) are not kept. */
  constructor(private limit: number, private maxQuery: number) {}

  get size(): number {
    return this.slots.size;
  }

  clear(): void {
    this.slots.clear();
  }

  /** The kept response to these bytes with this packet's id, or null. */
  answer(packet: Buffer, tcp: boolean): Buffer | null {
    if (this.slots.size === 0 || packet.length > this.maxQuery || packet.length < 3) return null;
    const entry = this.slots.get(hashOf(packet, tcp));
    if (entry === undefined || entry.tcp !== tcp || !sameAfterId(entry.query, packet)) return null;
    const out = Buffer.allocUnsafe(entry.response.length);
    entry.response.copy(out);
    out[0] = packet[0];
    out[1] = packet[1];
    return out;
  }

  keep(packet: Buffer, tcp: boolean, response: Buffer): void {
    if (packet.length > this.maxQuery || packet.length < 3) return;
    if (this.slots.size >= this.limit) this.slots.clear();
    this.slots.set(hashOf(packet, tcp), { tcp, query: Buffer.from(packet.subarray(2)), response });
  }
}

/** FNV-1a over the bytes after the id, kept to 30 bits so the Map key stays a small integer. */
export function hashOf(packet: Buffer, tcp: boolean): number {
  let h = tcp ? 0x050c5d1f : 0x811c9dc5;
  for (let i = 2; i < packet.length; i++) h = Math.imul(h ^ packet[i], 0x01000193);
  return h & 0x3fffffff;
}

function sameAfterId(query: Buffer, packet: Buffer): boolean {
  if (query.length !== packet.length - 2) return false;
  for (let i = 0; i < query.length; i++) if (query[i] !== packet[i + 2]) return false;
  return true;
}
