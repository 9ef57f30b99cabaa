// Route 53 record sets made through the SDK and the AWS CLI, answered by kanri's DNS server and
// checked with the real `dig`: weighted 70/30, failover on a real HTTP health check as the clock moves,
// geolocation and latency by the EDNS client subnet, multivalue without its unhealthy values,
// NXDOMAIN and NODATA with the SOA, and a private zone that answers only clients in its VPC.
// TestDNSAnswer answers from the same resolver. Two DNS worker processes answer next to kanri's own,
// so every answer here may come from any of the three.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as R from '@aws-sdk/client-route-53';
import * as E from '@aws-sdk/client-ec2';
import { advanceClock, awsCli, type Kanri, run, sdkConfig } from './harness';

const { startKanri } = require('../dist/server/index') as typeof import('../src/server/index');
const dnsPortOf = async (k: Kanri) => ((await (await fetch(`${k.url}/_kanri/health`)).json()) as any).dns.port as number;

const CLIENTS = {
  '10.1.0.0/16': { region: 'eu-west-1' }, // Ireland: EU, IE
  '10.2.0.0/16': { region: 'us-west-2', country: 'US', subdivision: 'OR' },
  '10.3.0.0/16': { region: 'ap-northeast-1' }, // Tokyo: AS, JP
};

describe('DNS answers from Route 53 record sets', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kanri-dns-e2e-'));
  let kanri: Kanri;
  let r53: R.Route53Client;
  let dnsPort: number;
  let zoneId: string;
  let refs = 0;

  const dig = async (...args: string[]) => (await run('dig', ['@127.0.0.1', '-p', String(dnsPort), '+tries=1', '+time=3', ...args])).stdout;
  const short = async (...args: string[]) => (await dig('+short', ...args)).trim().split('\n').filter(Boolean).sort();
  const advance = async (duration: string) => {
    await advanceClock(kanri, duration);
    await new Promise((r) => setTimeout(r, 20)); // Route 53 signals the DNS server right after its commit
  };
  const change = (Changes: R.Change[], HostedZoneId = zoneId) => r53.send(new R.ChangeResourceRecordSetsCommand({ HostedZoneId, ChangeBatch: { Changes } }));
  const a = (Name: string, values: string[], extra: Partial<R.ResourceRecordSet> = {}): R.Change =>
    ({ Action: 'CREATE', ResourceRecordSet: { Name, Type: 'A', TTL: 60, ResourceRecords: values.map((Value) => ({ Value })), ...extra } });
  const healthCheck = async (config: R.HealthCheckConfig) =>
    (await r53.send(new R.CreateHealthCheckCommand({ CallerReference: `hc-${++refs}`, HealthCheckConfig: config }))).HealthCheck!.Id!;

  beforeAll(async () => {
    writeFileSync(join(dir, 'clients.json'), JSON.stringify(CLIENTS));
    kanri = await startKanri({ port: 0, dataDir: join(dir, 'state'), dnsPort: 0, dnsClients: join(dir, 'clients.json'), dnsWorkers: 2 });
    r53 = new R.Route53Client(sdkConfig(kanri));
    dnsPort = await dnsPortOf(kanri);
    zoneId = (await r53.send(new R.CreateHostedZoneCommand({ Name: 'example.com', CallerReference: 'dns-e2e' }))).HostedZone!.Id!;
  });
  afterAll(async () => {
    await kanri?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers the zone\'s SOA and NS as Route 53 made them, with NXDOMAIN and NODATA carrying the SOA', async () => {
    await change([a('www.example.com', ['192.0.2.1'])]);
    expect(await short('www.example.com')).toEqual(['192.0.2.1']);
    const ns = await short('example.com', 'NS');
    expect(ns).toHaveLength(4);
    const nx = await dig('nope.example.com');
    expect(nx).toMatch(/status: NXDOMAIN/);
    expect(nx).toMatch(/flags: qr aa rd;/);
    expect(nx).toMatch(/AUTHORITY SECTION:\nexample\.com\.\s+900\s+IN\s+SOA\s+ns-\d+\.awsdns-\d+\.[a-z.]+ awsdns-hostmaster\.amazon\.com\. 1 7200 900 1209600 86400/);
    const nodata = await dig('www.example.com', 'AAAA');
    expect(nodata).toMatch(/status: NOERROR/);
    expect(nodata).toMatch(/ANSWER: 0, AUTHORITY: 1/);
    expect(nodata).toMatch(/AUTHORITY SECTION:\nexample\.com\.\s+900\s+IN\s+SOA/);
  });

  it('splits weighted answers 70/30 over 2,000 queries (record sets made with the AWS CLI)', async () => {
    const batch = join(dir, 'weighted.json');
    writeFileSync(batch, JSON.stringify({ Changes: [
      a('w.example.com', ['192.0.2.70'], { SetIdentifier: 'seventy', Weight: 70 }),
      a('w.example.com', ['192.0.2.30'], { SetIdentifier: 'thirty', Weight: 30 }),
    ] }));
    const out = await awsCli(kanri, ['route53', 'change-resource-record-sets', '--hosted-zone-id', zoneId, '--change-batch', `file://${batch}`]);
    expect(out.ChangeInfo.Status).toBe('PENDING');
    const queries = join(dir, 'queries');
    writeFileSync(queries, 'w.example.com A\n'.repeat(2000));
    const { stdout } = await run('dig', ['@127.0.0.1', '-p', String(dnsPort), '+short', '+tries=1', '+time=3', '-f', queries], { maxBuffer: 1 << 24 });
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(2000);
    const seventy = lines.filter((l) => l === '192.0.2.70').length;
    expect(lines.filter((l) => l !== '192.0.2.70' && l !== '192.0.2.30')).toEqual([]);
    expect(Math.abs(seventy - 1400)).toBeLessThan(92); // 4.5 sd of Binomial(2000, 0.7): a false failure about once in 150,000 runs
    expect(((await (await fetch(`${kanri.url}/_kanri/health`)).json()) as any).dns.workers).toBe(2); // the answers came from three processes
  }, 60_000);

  it('fails over to the secondary when the primary\'s HTTP server stops, within the failure threshold, and back', async () => {
    const sockets = new Set<Socket>();
    const listen = (port = 0) => new Promise<http.Server>((resolve) => {
      const s = http.createServer((_req, res) => res.end('ok'));
      s.on('connection', (c) => { sockets.add(c); c.on('close', () => sockets.delete(c)); });
      s.listen(port, '127.0.0.1', () => resolve(s));
    });
    let server = await listen();
    const port = (server.address() as AddressInfo).port;
    const hc = await healthCheck({ Type: 'HTTP', IPAddress: '127.0.0.1', Port: port, ResourcePath: '/', RequestInterval: 10, FailureThreshold: 2 });
    await change([
      a('f.example.com', ['192.0.2.10'], { SetIdentifier: 'primary', Failover: 'PRIMARY', HealthCheckId: hc }),
      a('f.example.com', ['192.0.2.20'], { SetIdentifier: 'secondary', Failover: 'SECONDARY' }),
    ]);
    await advance('PT10S');
    expect(await short('f.example.com')).toEqual(['192.0.2.10']);
    await new Promise<void>((resolve) => { server.close(() => resolve()); sockets.forEach((c) => c.destroy()); });
    await advance('PT10S');
    expect(await short('f.example.com')).toEqual(['192.0.2.10']); // one failure: below the threshold of two
    await advance('PT10S');
    expect(await short('f.example.com')).toEqual(['192.0.2.20']);
    server = await listen(port);
    await advance('PT10S');
    await advance('PT10S');
    expect(await short('f.example.com')).toEqual(['192.0.2.10']);
    await new Promise<void>((resolve) => { server.close(() => resolve()); sockets.forEach((c) => c.destroy()); });
  });

  it('answers geolocation and latency records by the EDNS client subnet', async () => {
    await change([
      a('geo.example.com', ['192.0.2.1'], { SetIdentifier: 'europe', GeoLocation: { ContinentCode: 'EU' } }),
      a('geo.example.com', ['192.0.2.2'], { SetIdentifier: 'oregon', GeoLocation: { CountryCode: 'US', SubdivisionCode: 'OR' } }),
      a('geo.example.com', ['192.0.2.3'], { SetIdentifier: 'us', GeoLocation: { CountryCode: 'US' } }),
      a('geo.example.com', ['192.0.2.4'], { SetIdentifier: 'default', GeoLocation: { CountryCode: '*' } }),
      a('lat.example.com', ['198.51.100.1'], { SetIdentifier: 'virginia', Region: 'us-east-1' }),
      a('lat.example.com', ['198.51.100.2'], { SetIdentifier: 'ireland', Region: 'eu-west-1' }),
      a('lat.example.com', ['198.51.100.3'], { SetIdentifier: 'tokyo', Region: 'ap-northeast-1' }),
    ]);
    expect(await short('+subnet=10.1.20.0/24', 'geo.example.com')).toEqual(['192.0.2.1']);
    expect(await short('+subnet=10.2.20.0/24', 'geo.example.com')).toEqual(['192.0.2.2']);
    expect(await short('+subnet=10.3.20.0/24', 'geo.example.com')).toEqual(['192.0.2.4']);
    expect(await short('geo.example.com')).toEqual(['192.0.2.3']); // 127.0.0.1: unlisted, a client in us-east-1 (Virginia)
    expect(await dig('+subnet=10.1.20.0/24', 'geo.example.com')).toMatch(/CLIENT-SUBNET: 10\.1\.20\.0\/24\/24/);
    expect(await short('+subnet=10.1.20.0/24', 'lat.example.com')).toEqual(['198.51.100.2']);
    expect(await short('+subnet=10.3.20.0/24', 'lat.example.com')).toEqual(['198.51.100.3']);
    expect(await short('+subnet=10.2.20.0/24', 'lat.example.com')).toEqual(['198.51.100.1']);
    const test = (RecordName: string, subnet?: string) => r53.send(new R.TestDNSAnswerCommand({ HostedZoneId: zoneId, RecordName, RecordType: 'A',
      ...(subnet ? { EDNS0ClientSubnetIP: subnet, EDNS0ClientSubnetMask: '24' } : {}) }));
    expect(await test('geo.example.com', '10.1.20.0')).toMatchObject({ RecordData: ['192.0.2.1'], ResponseCode: 'NOERROR', Protocol: 'UDP', RecordType: 'A' });
    expect((await test('lat.example.com', '10.3.20.0')).RecordData).toEqual(['198.51.100.3']);
    expect((await test('nothing-here.example.com')).ResponseCode).toBe('NXDOMAIN');
    await expect(r53.send(new R.TestDNSAnswerCommand({ HostedZoneId: 'Z0000000000000000000', RecordName: 'x.example.com', RecordType: 'A' })))
      .rejects.toMatchObject({ name: 'NoSuchHostedZone' });
  });

  it('leaves the unhealthy values out of a multivalue answer', async () => {
    const up = http.createServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => up.listen(0, '127.0.0.1', () => resolve()));
    const upPort = (up.address() as AddressInfo).port;
    const hcUp = await healthCheck({ Type: 'TCP', IPAddress: '127.0.0.1', Port: upPort, RequestInterval: 10, FailureThreshold: 1 });
    const hcDown = await healthCheck({ Type: 'HTTP', IPAddress: '127.0.0.1', Port: upPort, ResourcePath: '/', SearchString: 'never there', RequestInterval: 10, FailureThreshold: 1 });
    await change([1, 2, 3].map((i) => a('mv.example.com', [`203.0.113.${i}`], { SetIdentifier: `v${i}`, MultiValueAnswer: true, HealthCheckId: i === 2 ? hcDown : hcUp })));
    await advance('PT10S');
    await advance('PT10S');
    for (let i = 0; i < 5; i++) expect(await short('mv.example.com')).toEqual(['203.0.113.1', '203.0.113.3']);
    up.close();
  });

  it('answers a private zone only to clients in its VPC (after a restart, and after the client table is edited)', async () => {
    const ec2 = new E.EC2Client(sdkConfig(kanri));
    const vpc = (await ec2.send(new E.CreateVpcCommand({ CidrBlock: '10.50.0.0/16' }))).Vpc!.VpcId!;
    const priv = (await r53.send(new R.CreateHostedZoneCommand({ Name: 'corp.internal', CallerReference: 'dns-e2e-private', VPC: { VPCId: vpc, VPCRegion: 'us-east-1' } }))).HostedZone!.Id!;
    await change([a('db.corp.internal', ['10.50.0.5'])], priv);
    await kanri.stop();
    // Clients in 10.50.0.0/16 sit in the VPC: the table names it, and kanri reads the table at start.
    writeFileSync(join(dir, 'clients.json'), JSON.stringify({ ...CLIENTS, '10.50.0.0/16': { region: 'us-east-1', vpcs: [vpc] } }));
    kanri = await startKanri({ port: 0, dataDir: join(dir, 'state'), dnsPort: 0, dnsClients: join(dir, 'clients.json'), dnsWorkers: 2 });
    dnsPort = await dnsPortOf(kanri);
    expect(await short('+subnet=10.50.3.0/24', 'db.corp.internal')).toEqual(['10.50.0.5']);
    expect(await dig('+subnet=10.1.3.0/24', 'db.corp.internal')).toMatch(/status: REFUSED/);
    expect(await dig('db.corp.internal')).toMatch(/status: REFUSED/);
    expect(await short('www.example.com')).toEqual(['192.0.2.1']); // the public zone survived the restart too

    // An edited table is read again while kanri runs: 10.60.0.0/16 joins the VPC.
    writeFileSync(join(dir, 'clients.json'), JSON.stringify({ ...CLIENTS, '10.60.0.0/16': { region: 'us-east-1', vpcs: [vpc] } }));
    const deadline = Date.now() + 10_000;
    while ((await short('+subnet=10.60.1.0/24', 'db.corp.internal')).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(await short('+subnet=10.60.1.0/24', 'db.corp.internal')).toEqual(['10.50.0.5']);
    expect(await dig('+subnet=10.50.3.0/24', 'db.corp.internal')).toMatch(/status: REFUSED/);
  });

  it('forgets the zones when Route 53\'s state is reset', async () => {
    expect((await fetch(`${kanri.url}/_kanri/reset`, { method: 'POST', body: JSON.stringify({ service: 'route53' }) })).status).toBe(200);
    expect(await dig('www.example.com')).toMatch(/status: REFUSED/);
  });
});
