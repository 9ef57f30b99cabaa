// Route 53 record values (presentation text, as ChangeResourceRecordSets takes them) to rdata bytes.
// Names inside rdata are written uncompressed: always correct, and the bytes can be prepared once.
import { nameFromText } from './names';
import { ipv6Bytes } from './cidr';
import { TYPE } from './wire';

/** Splits on blanks, keeping "quoted strings" (with \" and \ooo escapes) whole, quotes stripped. */
export function tokens(value: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  while (i < value.length) {
    const c = value[i];
    if (c === ' ' || c === '\t') { i++; continue; }
    if (c === '"') {
      let s = '';
      i++;
      for (;;) {
        if (i >= value.length) return null;
        const d = value[i];
        if (d === '"') { i++; break; }
        if (d === '\\') {
          const oct = value.slice(i + 1, i + 4);
          if (/^[0-7]{3}$/.test(oct)) { s += String.fromCharCode(parseInt(oct, 8) & 0xff); i += 4; continue; }
          if (i + 1 >= value.length) return null;
          s += value[i + 1];
          i += 2;
          continue;
        }
        s += d;
        i++;
      }
      out.push(s);
    } else {
      let j = i;
      while (j < value.length && value[j] !== ' ' && value[j] !== '\t') j++;
      out.push(value.slice(i, j));
      i = j;
    }
  }
  return out;
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

function int(s: string | undefined, max: number): number | null {
  if (s === undefined || !/^\d+$/.test(s)) return null;
  const n = Number(s);
  return n <= max ? n : null;
}

/** One <character-string>: a length byte, then at most 255 bytes (latin1 as the value spelled it). */
function charString(s: string): Buffer | null {
  const b = Buffer.from(s, 'utf8');
  if (b.length > 255) return null;
  return Buffer.concat([Buffer.from([b.length]), b]);
}

function name(s: string | undefined): Buffer | null {
  return s === undefined ? null : nameFromText(s);
}

function all(parts: (Buffer | null)[]): Buffer | null {
  return parts.some((p) => p === null) ? null : Buffer.concat(parts as Buffer[]);
}

/** Dotted-quad to 4 bytes without intermediate arrays: zones can hold many thousands of A records. */
function ipv4(v: string): Buffer | null {
  const b = Buffer.allocUnsafe(4);
  let part = 0;
  let n = 0;
  let digits = 0;
  for (let i = 0; i <= v.length; i++) {
    const c = i < v.length ? v.charCodeAt(i) : 0x2e;
    if (c === 0x2e) {
      if (digits === 0 || n > 255 || part > 3) return null;
      b[part++] = n;
      n = 0;
      digits = 0;
    } else if (c >= 0x30 && c <= 0x39 && digits < 3) {
      n = n * 10 + c - 0x30;
      digits++;
    } else return null;
  }
  return part === 4 ? b : null;
}

/** The rdata of one value of a record of this type, or null when the value cannot be encoded. */
export function encodeRdata(type: number, value: string): Buffer | null {
  const v = value.trim();
  switch (type) {
    case TYPE.A:
      return ipv4(v);
    case TYPE.AAAA:
      return ipv6Bytes(v);
    case TYPE.CNAME:
    case TYPE.NS:
    case TYPE.PTR:
      return name(v);
    case TYPE.MX: {
      const t = v.split(/\s+/);
      const pref = int(t[0], 65535);
      return t.length === 2 && pref !== null ? all([u16(pref), name(t[1])]) : null;
    }
    case TYPE.TXT:
    case TYPE.SPF: {
      const t = tokens(v);
      if (!t || t.length === 0) return null;
      return all(t.map(charString));
    }
    case TYPE.SRV: {
      const t = v.split(/\s+/);
      const [p, w, port] = [int(t[0], 65535), int(t[1], 65535), int(t[2], 65535)];
      return t.length === 4 && p !== null && w !== null && port !== null ? all([u16(p), u16(w), u16(port), name(t[3])]) : null;
    }
    case TYPE.CAA: {
      const t = tokens(v);
      const flags = int(t?.[0], 255);
      if (!t || t.length !== 3 || flags === null || !/^[A-Za-z0-9]{1,15}$/.test(t[1])) return null;
      return Buffer.concat([Buffer.from([flags, t[1].length]), Buffer.from(t[1], 'latin1'), Buffer.from(t[2], 'utf8')]);
    }
    case TYPE.NAPTR: {
      const t = tokens(v);
      if (!t || t.length !== 6) return null;
      const [order, pref] = [int(t[0], 65535), int(t[1], 65535)];
      if (order === null || pref === null) return null;
      return all([u16(order), u16(pref), charString(t[2]), charString(t[3]), charString(t[4]), name(t[5])]);
    }
    case TYPE.DS: {
      const t = v.split(/\s+/);
      const [tag, alg, dt] = [int(t[0], 65535), int(t[1], 255), int(t[2], 255)];
      const hex = t.slice(3).join('');
      if (tag === null || alg === null || dt === null || !/^([0-9a-fA-F]{2})+$/.test(hex)) return null;
      return Buffer.concat([u16(tag), Buffer.from([alg, dt]), Buffer.from(hex, 'hex')]);
    }
    case TYPE.SOA: {
      const t = v.split(/\s+/);
      if (t.length !== 7) return null;
      const nums = t.slice(2).map((x) => int(x, 0xffffffff));
      if (nums.some((n) => n === null)) return null;
      return all([name(t[0]), name(t[1]), ...nums.map((n) => u32(n as number))]);
    }
    default:
      return null;
  }
}

/** SOA's minimum field (the negative-caching TTL), from its value. */
export function soaMinimum(value: string): number {
  const n = Number(value.trim().split(/\s+/)[6]);
  return Number.isFinite(n) ? n : 0;
}
