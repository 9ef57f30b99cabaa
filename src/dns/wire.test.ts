import { describe, expect, it } from 'vitest';
import { DnsEngine } from './engine';
import { buildQuery, parseResponse } from './message';
import { keyFromText, keyOf, nameFromText, nameToText } from './names';
import { encodeRdata } from './rdata';
import { memorySource, type Route53Snapshot } from './source';
import { ipv6Bytes } from './cidr';
import { parseQuery, TYPE } from './wire';

const hex = (b: Buffer | null) => b?.toString('hex') ?? null;

describe('names', () => {
  it('reads Route 53 spellings: trailing dot optional, \\ooo octal escapes, case kept for the wire but not the key', () => {
    expect(nameToText(nameFromText('\\052.Example.com.')!)).toBe('*.Example.com.');
    expect(keyOf(nameFromText('WWW.example.com')!)).toBe('\x03www\x07example\x03com\x00');
    expect(nameFromText('a..b')).toBeNull();
    expect(nameFromText('x'.repeat(64) + '.com')).toBeNull();
    expect(nameFromText(Array(130).fill('a').join('.'))).toBeNull();
  });

  it('keys a name the same on the fast path and the byte-level one', () => {
    for (const name of ['www.Example.com.', 'example.com', '\\052.example.com.', '*.x.example.com', '_sip._tcp.Example.com.', 'a\\.b.example.com.', '.']) {
      expect(keyFromText(name), name).toBe(keyOf(nameFromText(name)!));
    }
    expect(keyFromText('x'.repeat(64) + '.com')).toBeNull();
    expect(keyFromText('a..b')).toBeNull();
  });
});

describe('rdata from Route 53 values', () => {
  it('encodes every record type the issue lists', () => {
    expect(hex(encodeRdata(TYPE.A, '192.0.2.1'))).toBe('c0000201');
    expect(hex(encodeRdata(TYPE.AAAA, '2001:db8::1'))).toBe('20010db8000000000000000000000001');
    expect(hex(encodeRdata(TYPE.AAAA, '::ffff:192.0.2.1'))).toBe('00000000000000000000ffffc0000201');
    expect(hex(encodeRdata(TYPE.CNAME, 'a.b'))).toBe('0161016200');
    expect(hex(encodeRdata(TYPE.MX, '10 mx.b.'))).toBe('000a026d78016200');
    expect(hex(encodeRdata(TYPE.TXT, '"ab" "c d"'))).toBe('02616203632064');
    expect(hex(encodeRdata(TYPE.SPF, '"v=spf1 -all"'))).toBe('0b763d73706631202d616c6c');
    expect(hex(encodeRdata(TYPE.SRV, '1 2 443 t.b'))).toBe('0001000201bb0174016200');
    expect(hex(encodeRdata(TYPE.CAA, '0 issue "ca.org"'))).toBe('0005697373756563612e6f7267');
    expect(hex(encodeRdata(TYPE.NAPTR, '100 50 "u" "E2U+sip" "!^.*$!sip:x@y!" .'))).toBe('006400320175074532552b7369700e215e2e2a24217369703a7840792100');
    expect(hex(encodeRdata(TYPE.DS, '60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118'))).toBe('ec4505012bb183af5f22588179a53b0a98631fad1a292118');
    expect(hex(encodeRdata(TYPE.PTR, 'h.b.'))).toBe('0168016200');
    expect(hex(encodeRdata(TYPE.NS, 'ns.b'))).toBe('026e73016200');
    expect(encodeRdata(TYPE.SOA, 'ns.b. host.b. 1 7200 900 1209600 86400')?.length).toBe(6 + 8 + 20);
  });

  it('rejects values it cannot encode rather than guessing', () => {
    expect(encodeRdata(TYPE.A, '300.1.1.1')).toBeNull();
    expect(encodeRdata(TYPE.AAAA, '1::2::3')).toBeNull();
    expect(encodeRdata(TYPE.MX, 'mail.example.com')).toBeNull();
    expect(encodeRdata(TYPE.TXT, '"unterminated')).toBeNull();
    expect(ipv6Bytes('1:2:3:4:5:6:7:8:9')).toBeNull();
  });
});

describe('queries on the wire', () => {
  it('reads the question, EDNS and the client subnet', () => {
    const q = parseQuery(buildQuery('WWW.Example.com', 'AAAA', { id: 7, edns: { udpSize: 1400, dnssecOk: true, subnet: '198.51.100.0/24' } }));
    expect([q.id, q.qkey, q.qtype, q.qclass, q.edns?.udpSize, q.edns?.dnssecOk, q.edns?.clientSubnet]).toEqual([
      7, '\x03www\x07example\x03com\x00', 28, 1, 1400, true, { family: 1, sourcePrefix: 24, scopePrefix: 0, address: '198.51.100.0' }]);
  });
});

const SNAP: Route53Snapshot = {
  zones: [{ id: 'Z1', name: 'example.com.', accountId: '000000000000', privateZone: false, vpcs: [], recordSets: [
    { Name: 'example.com.', Type: 'SOA', TTL: 900, ResourceRecords: [{ Value: 'ns.example.com. h.example.com. 1 2 3 4 300' }] },
    { Name: 'www.example.com.', Type: 'A', TTL: 60, ResourceRecords: [{ Value: '192.0.2.1' }] },
  ] }],
  healthy: () => true,
  cidrCollections: [],
};

describe('malformed packets', () => {
  const engine = new DnsEngine(memorySource(SNAP));

  it('drops what is not a query, answers FORMERR to what it cannot read, NOTIMP to other opcodes', () => {
    expect(engine.handle(Buffer.from([1, 2, 3]), '127.0.0.1', false)).toBeNull();
    const response = buildQuery('www.example.com', 'A');
    response[2] |= 0x80;
    expect(engine.handle(response, '127.0.0.1', false)).toBeNull();
    const garbage = Buffer.concat([buildQuery('www.example.com', 'A').subarray(0, 12), Buffer.from([0x3f, 1, 2])]);
    const formerr = parseResponse(engine.handle(garbage, '127.0.0.1', false)!);
    expect([formerr.id, formerr.rcode, formerr.question]).toEqual([0x1234, 1, null]);
    const loop = buildQuery('www.example.com', 'A');
    loop.writeUInt16BE(0xc00c, 12); // a pointer to itself
    expect(parseResponse(engine.handle(loop, '127.0.0.1', false)!).rcode).toBe(1);
    const notify = buildQuery('www.example.com', 'A');
    notify[2] |= 4 << 3;
    expect(parseResponse(engine.handle(notify, '127.0.0.1', false)!).rcode).toBe(4);
    const v1 = parseResponse(engine.handle(Buffer.from(buildQuery('www.example.com', 'A', { edns: {} }).toString('hex').replace(/0029(04d0)00000000/, '0029$10001' + '0000'), 'hex'), '127.0.0.1', false)!);
    expect([v1.rcode, v1.edns?.extRcode]).toEqual([0, 1]); // BADVERS = 16
  });

  it('never throws on random bytes or on mutations of a good query (fuzz)', () => {
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const good = buildQuery('www.example.com', 'A', { edns: { subnet: '10.0.0.0/8' } });
    for (let i = 0; i < 20_000; i++) {
      let packet: Buffer;
      if (i % 2) {
        packet = Buffer.from(Array.from({ length: Math.floor(rand() * 80) }, () => Math.floor(rand() * 256)));
      } else {
        packet = Buffer.from(good);
        for (let m = 0; m < 1 + rand() * 4; m++) packet[Math.floor(rand() * packet.length)] = Math.floor(rand() * 256);
        if (rand() < 0.2) packet = packet.subarray(0, Math.floor(rand() * packet.length));
      }
      const out = engine.handle(packet, '127.0.0.1', rand() < 0.5);
      if (out) expect(() => parseResponse(out)).not.toThrow();
    }
  });
});
