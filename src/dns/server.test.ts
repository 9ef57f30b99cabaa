// The DNS server on real sockets, asked by the real `dig` (bind9-dnsutils), zones from memory.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientTable } from './clients';
import { DnsEngine } from './engine';
import { buildQuery, parseResponse } from './message';
import { DnsServer } from './server';
import { memorySource, type ResourceRecordSet } from './source';

const run = promisify(execFile);
const a = (Name: string, ...values: string[]): ResourceRecordSet => ({ Name, Type: 'A', TTL: 60, ResourceRecords: values.map((Value) => ({ Value })) });

describe('dig against the DNS server', () => {
  const source = memorySource({
    zones: [{ id: 'Z1', name: 'example.com.', accountId: '000000000000', privateZone: false, vpcs: [], recordSets: [
      { Name: 'example.com.', Type: 'SOA', TTL: 900, ResourceRecords: [{ Value: 'ns-1.awsdns-01.org. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400' }] },
      { Name: 'example.com.', Type: 'NS', TTL: 172800, ResourceRecords: [{ Value: 'ns-1.awsdns-01.org.' }] },
      { ...a('w.example.com.', '192.0.2.70'), SetIdentifier: 'a', Weight: 70 },
      { ...a('w.example.com.', '192.0.2.30'), SetIdentifier: 'b', Weight: 30 },
      { ...a('g.example.com.', '192.0.2.1'), SetIdentifier: 'eu', GeoLocation: { ContinentCode: 'EU' } },
      { ...a('g.example.com.', '192.0.2.2'), SetIdentifier: 'default', GeoLocation: { CountryCode: '*' } },
      a('big.example.com.', ...Array.from({ length: 60 }, (_, i) => `198.51.100.${i}`)),
    ] }],
    healthy: () => true,
    cidrCollections: [],
  });
  const engine = new DnsEngine(source, new ClientTable({ '10.1.0.0/16': { region: 'eu-west-1' } }));
  const server = new DnsServer({ host: '127.0.0.1', port: 0, source, engine });
  const dir = mkdtempSync(join(tmpdir(), 'kanri-dig-'));
  const dig = async (...args: string[]) => (await run('dig', ['@127.0.0.1', '-p', String(server.port), '+tries=1', '+time=3', ...args])).stdout;

  beforeAll(() => server.start());
  afterAll(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers NXDOMAIN with the SOA, and REFUSED outside its zones', async () => {
    const nx = await dig('nope.example.com', 'A');
    expect(nx).toMatch(/status: NXDOMAIN/);
    expect(nx).toMatch(/flags: qr aa rd;/);
    expect(nx).toMatch(/AUTHORITY SECTION:\nexample\.com\.\s+900\s+IN\s+SOA\s+ns-1\.awsdns-01\.org\./);
    expect(await dig('www.example.org')).toMatch(/status: REFUSED/);
  });

  it('answers by the EDNS client subnet dig sends', async () => {
    expect((await dig('+short', '+subnet=10.1.2.0/24', 'g.example.com')).trim()).toBe('192.0.2.1');
    expect((await dig('+short', '+subnet=203.0.113.0/24', 'g.example.com')).trim()).toBe('192.0.2.2');
    expect(await dig('+subnet=10.1.2.0/24', 'g.example.com')).toMatch(/CLIENT-SUBNET: 10\.1\.2\.0\/24\/24/);
  });

  it('sets TC over UDP when the answer is too big, and dig gets it all over TCP', async () => {
    const out = await dig('+noedns', 'big.example.com');
    expect(out).toMatch(/Truncated, retrying in TCP mode/);
    expect(out).toMatch(/ANSWER: 60,/);
    expect(out).toMatch(/\(TCP\)/);
  });

  it('weighted 70/30 over 2,000 queries from one dig batch, within a binomial tolerance', async () => {
    const batch = join(dir, 'batch');
    writeFileSync(batch, 'w.example.com A\n'.repeat(2000));
    const { stdout } = await run('dig', ['@127.0.0.1', '-p', String(server.port), '+short', '+tries=1', '+time=3', '-f', batch], { maxBuffer: 1 << 24 });
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(2000);
    const seventy = lines.filter((l) => l === '192.0.2.70').length;
    expect(Math.abs(seventy - 1400)).toBeLessThan(92); // 4.5 sd of Binomial(2000, 0.7)
  }, 60_000);

  it('answers several queries sent in one TCP stream, split across writes', async () => {
    const { createConnection } = await import('node:net');
    const frame = (q: Buffer) => Buffer.concat([Buffer.from([q.length >> 8, q.length & 0xff]), q]);
    const stream = Buffer.concat([frame(buildQuery('g.example.com', 'A', { id: 1 })), frame(buildQuery('nope.example.com', 'A', { id: 2 }))]);
    const replies = await new Promise<Buffer>((resolve, reject) => {
      let got = Buffer.alloc(0);
      const sock = createConnection(server.port, '127.0.0.1', () => {
        sock.write(stream.subarray(0, 5));
        setTimeout(() => sock.write(stream.subarray(5)), 20);
      });
      sock.on('data', (d) => {
        got = Buffer.concat([got, d]);
        const first = got.readUInt16BE(0);
        if (got.length >= 2 + first + 2 && got.length >= 4 + first + got.readUInt16BE(2 + first)) { sock.destroy(); resolve(got); }
      });
      sock.on('error', reject);
    });
    const first = parseResponse(replies.subarray(2, 2 + replies.readUInt16BE(0)));
    const second = parseResponse(replies.subarray(4 + replies.readUInt16BE(0)));
    expect([first.id, first.rcode, first.answer.map((r) => r.data)]).toEqual([1, 0, ['192.0.2.2']]);
    expect([second.id, second.rcode]).toEqual([2, 3]);
  });

  it('answers FORMERR to garbage over TCP and keeps serving', async () => {
    const { createConnection } = await import('node:net');
    const reply = await new Promise<Buffer>((resolve, reject) => {
      const sock = createConnection(server.port, '127.0.0.1', () => sock.write(Buffer.from([0, 14, 0xab, 0xcd, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0x3f, 0x41])));
      sock.on('data', (d) => { resolve(d); sock.destroy(); });
      sock.on('error', reject);
    });
    expect([reply.readUInt16BE(2), reply.readUInt16BE(4) & 0xf]).toEqual([0xabcd, 1]);
    expect((await dig('+short', '+tcp', 'g.example.com')).trim()).toBe('192.0.2.2');
  });
});
