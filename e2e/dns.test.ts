// kanri's DNS server as users start it (`kanri start --dns-port N`), asked by the real `dig`.
// Record sets through the Route 53 API come with the route53 service; until then this checks what
// the server does on its own: it starts, says where in /_kanri/health, refuses what it does not serve,
// answers FORMERR to garbage and stops with kanri.
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, startProcess } from './harness';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function udpAsk(port: number, packet: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const sock = createSocket('udp4');
    const timer = setTimeout(() => { sock.close(); reject(new Error('no answer')); }, 3000);
    sock.on('message', (msg) => { clearTimeout(timer); sock.close(); resolve(msg); });
    sock.send(packet, port, '127.0.0.1');
  });
}

describe('kanri start --dns-port', () => {
  let kanri: Awaited<ReturnType<typeof startProcess>>;
  let dnsPort: number;

  beforeAll(async () => {
    dnsPort = await freePort();
    kanri = await startProcess(['--in-memory', '--dns-port', String(dnsPort)]);
  });
  afterAll(() => kanri?.child.kill('SIGTERM'));

  it('reports the DNS port in /_kanri/health and on its console', async () => {
    const health = (await (await fetch(`${kanri.url}/_kanri/health`)).json()) as any;
    expect(health.dns).toEqual({ host: '127.0.0.1', port: dnsPort, protocols: ['udp', 'tcp'], workers: expect.any(Number) });
    expect(kanri.output()).toContain(`kanri DNS on 127.0.0.1 port ${dnsPort} (UDP and TCP)`);
  });

  it('answers REFUSED, over UDP and TCP, for a zone it does not serve', async () => {
    for (const transport of ['+notcp', '+tcp']) {
      const { stdout } = await run('dig', ['@127.0.0.1', '-p', String(dnsPort), '+tries=1', '+time=3', transport, 'www.not-served.example', 'A']);
      expect(stdout).toMatch(/status: REFUSED/);
      expect(stdout).toMatch(/QUESTION SECTION:\n;www\.not-served\.example\.\s+IN\s+A/);
    }
  });

  it('answers FORMERR to a packet it cannot read, and keeps answering', async () => {
    const garbage = Buffer.from([0xbe, 0xef, 0x01, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0x05, 0x61]);
    const reply = await udpAsk(dnsPort, garbage);
    expect([reply.readUInt16BE(0), reply[2] & 0x80, reply[3] & 0x0f]).toEqual([0xbeef, 0x80, 1]);
    const { stdout } = await run('dig', ['@127.0.0.1', '-p', String(dnsPort), '+tries=1', '+time=3', 'example.com', 'SOA']);
    expect(stdout).toMatch(/status: REFUSED/);
  });

  it('stops listening when kanri stops', async () => {
    const other = await startProcess(['--in-memory', '--dns-port', '0']);
    const port = Number(/kanri DNS on \S+ port (\d+)/.exec(other.output())![1]);
    const exited = new Promise((resolve) => other.child.once('exit', resolve));
    other.child.kill('SIGTERM');
    await exited;
    const { stdout } = await run('dig', ['@127.0.0.1', '-p', String(port), '+tries=1', '+time=1', 'example.com']).catch((e) => e);
    expect(stdout).toMatch(/timed out|connection refused|no servers could be reached/i);
  });

  it('refuses to start with a client table that is not one', async () => {
    await expect(startProcess(['--in-memory', '--dns-port', '0', '--dns-clients', '/nonexistent/clients.json'])).rejects.toThrow(/clients\.json/);
  });
});
