// Route 53 health checks that really probe: an HTTP server started here goes healthy, is stopped
// (unhealthy after FailureThreshold intervals of the moved clock), and comes back. Also TCP,
// string matching, inverted, disabled, calculated checks, and the refusal of targets kanri may not probe.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as R from '@aws-sdk/client-route-53';
import { advanceClock, type Kanri, rejects, sdkConfig, startTestKanri } from './harness';

const api = require('../dist/services/route53/api') as typeof import('../src/services/route53/api');
const { startKanri } = require('../dist/server/index') as typeof import('../src/server/index');
let kanri: Kanri;
let r53: R.Route53Client;
let server: http.Server;
let port: number;
let body = 'all good';
const sockets = new Set<net.Socket>();

function listen(p = 0): Promise<http.Server> {
  const s = http.createServer((req, res) => {
    res.writeHead(req.url === '/broken' ? 500 : 200, { 'content-type': 'text/plain' });
    res.end(body);
  });
  s.on('connection', (c) => { sockets.add(c); c.on('close', () => sockets.delete(c)); });
  return new Promise((resolve) => s.listen(p, '127.0.0.1', () => resolve(s)));
}
function stop(s: http.Server): Promise<void> {
  return new Promise((resolve) => { s.close(() => resolve()); sockets.forEach((c) => c.destroy()); });
}

beforeAll(async () => {
  kanri = await startTestKanri();
  r53 = new R.Route53Client(sdkConfig(kanri));
  server = await listen();
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => { await kanri.stop(); await stop(server); });

let refs = 0;
const create = (HealthCheckConfig: R.HealthCheckConfig, client = r53) =>
  client.send(new R.CreateHealthCheckCommand({ CallerReference: `hc-${++refs}`, HealthCheckConfig }));
const status = async (HealthCheckId: string) => (await r53.send(new R.GetHealthCheckStatusCommand({ HealthCheckId }))).HealthCheckObservations!;
const healthy = (id: string) => api.zoneSnapshot(kanri.platform).healthy(id);

describe('HTTP health checks', () => {
  it('go unhealthy after FailureThreshold failed intervals when the server stops, and healthy again when it returns', async () => {
    const hc = (await create({ Type: 'HTTP', IPAddress: '127.0.0.1', Port: port, ResourcePath: '/health', RequestInterval: 10, FailureThreshold: 2 })).HealthCheck!;
    expect(hc).toMatchObject({ HealthCheckVersion: 1, HealthCheckConfig: { Type: 'HTTP', IPAddress: '127.0.0.1', Port: port, ResourcePath: '/health',
      RequestInterval: 10, FailureThreshold: 2, Inverted: false, Disabled: false, MeasureLatency: false, EnableSNI: false } });
    await advanceClock(kanri, 'PT10S');
    const ok = await status(hc.Id!);
    expect(ok).toEqual([{ Region: 'us-east-1', IPAddress: '127.0.0.1', StatusReport: { Status: 'Success: HTTP Status Code 200, OK', CheckedTime: expect.any(Date) } }]);
    expect(healthy(hc.Id!)).toBe(true);

    let signals = 0;
    const off = api.onZonesChanged(() => signals++);
    await stop(server);
    await advanceClock(kanri, 'PT10S');
    expect(healthy(hc.Id!)).toBe(true); // one failure is below the threshold of two
    await advanceClock(kanri, 'PT10S');
    expect(healthy(hc.Id!)).toBe(false);
    await new Promise((r) => setImmediate(r));
    expect(signals).toBeGreaterThan(0);
    expect((await status(hc.Id!))[0].StatusReport!.Status).toMatch(/^Failure: Connection refused/);
    const reason = (await r53.send(new R.GetHealthCheckLastFailureReasonCommand({ HealthCheckId: hc.Id }))).HealthCheckObservations!;
    expect(reason[0].StatusReport!.Status).toMatch(/^Failure: Connection refused/);

    server = await listen(port);
    await advanceClock(kanri, 'PT10S');
    expect(healthy(hc.Id!)).toBe(false);
    await advanceClock(kanri, 'PT10S');
    expect(healthy(hc.Id!)).toBe(true);
    off();
  });

  it('matches a search string, treats 5xx as failure, and honours Inverted and Disabled', async () => {
    const match = (await create({ Type: 'HTTP_STR_MATCH', IPAddress: '127.0.0.1', Port: port, SearchString: 'all good', RequestInterval: 10, FailureThreshold: 1 })).HealthCheck!;
    const miss = (await create({ Type: 'HTTP_STR_MATCH', IPAddress: '127.0.0.1', Port: port, SearchString: 'nope', RequestInterval: 10, FailureThreshold: 1 })).HealthCheck!;
    const broken = (await create({ Type: 'HTTP', IPAddress: '127.0.0.1', Port: port, ResourcePath: '/broken', RequestInterval: 10, FailureThreshold: 1 })).HealthCheck!;
    const inverted = (await create({ Type: 'HTTP', IPAddress: '127.0.0.1', Port: port, Inverted: true, RequestInterval: 10, FailureThreshold: 1 })).HealthCheck!;
    const disabled = (await create({ Type: 'HTTP', IPAddress: '127.0.0.1', Port: port, ResourcePath: '/broken', Disabled: true, RequestInterval: 10, FailureThreshold: 1 })).HealthCheck!;
    await advanceClock(kanri, 'PT10S');
    expect([match, miss, broken, inverted, disabled].map((h) => healthy(h.Id!))).toEqual([true, false, false, false, true]);
    expect((await status(miss.Id!))[0].StatusReport!.Status).toMatch(/Search string 'nope' not found/);
    expect((await status(broken.Id!))[0].StatusReport!.Status).toBe('Failure: HTTP Status Code 500, Internal Server Error. Resolved IP: 127.0.0.1');
    expect(await status(disabled.Id!)).toEqual([]);
  });

  it('probes TCP, and a calculated check follows its children', async () => {
    const tcpUp = (await create({ Type: 'TCP', IPAddress: '127.0.0.1', Port: port, RequestInterval: 10, FailureThreshold: 1 })).HealthCheck!;
    const closed = await listen();
    const closedPort = (closed.address() as AddressInfo).port;
    await stop(closed);
    const tcpDown = (await create({ Type: 'TCP', FullyQualifiedDomainName: 'localhost', Port: closedPort, RequestInterval: 10, FailureThreshold: 1 })).HealthCheck!;
    const any = (await create({ Type: 'CALCULATED', HealthThreshold: 1, ChildHealthChecks: [tcpUp.Id!, tcpDown.Id!] })).HealthCheck!;
    const all = (await create({ Type: 'CALCULATED', HealthThreshold: 2, ChildHealthChecks: [tcpUp.Id!, tcpDown.Id!] })).HealthCheck!;
    expect(all.HealthCheckConfig).toEqual({ Type: 'CALCULATED', Inverted: false, Disabled: false, HealthThreshold: 2, ChildHealthChecks: [tcpUp.Id, tcpDown.Id] });
    await advanceClock(kanri, 'PT10S');
    expect([tcpUp, tcpDown, any, all].map((h) => healthy(h.Id!))).toEqual([true, false, true, false]);
    expect((await status(tcpUp.Id!))[0].StatusReport!.Status).toBe('Success: TCP connection established.');
    await rejects(r53.send(new R.DeleteHealthCheckCommand({ HealthCheckId: tcpUp.Id })), 'HealthCheckInUse', 400);
  });
});

describe('slow endpoints', () => {
  it('do not hold up the clock: a silent server is recorded as failed when its time limit passes', async () => {
    const silent = net.createServer(() => { /* accepts, never answers */ });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    try {
      const hc = (await create({ Type: 'HTTP', IPAddress: '127.0.0.1', Port: (silent.address() as AddressInfo).port, RequestInterval: 10, FailureThreshold: 1 })).HealthCheck!;
      const started = Date.now();
      await advanceClock(kanri, 'PT10S');
      expect(Date.now() - started).toBeLessThan(1500);
      await new Promise((r) => setTimeout(r, 2500));
      expect((await status(hc.Id!))[0].StatusReport!.Status).toBe('Failure: The endpoint did not respond within 2 seconds after the connection was established.');
      expect(healthy(hc.Id!)).toBe(false);
    } finally {
      silent.close();
    }
  });
});

describe('HTTPS health checks', () => {
  it('probe over TLS with SNI, without verifying the certificate (as AWS)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kanri-r53-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-subj', '/CN=localhost', '-days', '1'], { stdio: 'ignore' });
    let sni: string | undefined;
    const tls = https.createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (req, res) => res.end('secure ok'));
    tls.on('secureConnection', (socket) => { sni = (socket as unknown as { servername?: string }).servername; });
    await new Promise<void>((r) => tls.listen(0, '127.0.0.1', () => r()));
    try {
      const tlsPort = (tls.address() as AddressInfo).port;
      const hc = (await create({ Type: 'HTTPS_STR_MATCH', FullyQualifiedDomainName: 'localhost', Port: tlsPort, SearchString: 'secure', RequestInterval: 10, FailureThreshold: 1 })).HealthCheck!;
      await advanceClock(kanri, 'PT10S');
      expect((await status(hc.Id!))[0].StatusReport!.Status).toBe('Success: HTTP Status Code 200, OK');
      expect(healthy(hc.Id!)).toBe(true);
      expect(sni).toBe('localhost');
    } finally {
      await new Promise<void>((r) => { tls.close(() => r()); tls.closeAllConnections(); });
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('health check API', () => {
  it('is idempotent by caller reference, versions updates, counts, lists and deletes', async () => {
    const config: R.HealthCheckConfig = { Type: 'HTTPS', FullyQualifiedDomainName: 'localhost', Port: port };
    const first = await r53.send(new R.CreateHealthCheckCommand({ CallerReference: 'same', HealthCheckConfig: config }));
    expect(first.$metadata.httpStatusCode).toBe(201);
    expect(first.Location).toBe(`https://route53.amazonaws.com/2013-04-01/healthcheck/${first.HealthCheck!.Id}`);
    expect(first.HealthCheck!.HealthCheckConfig).toEqual({ Type: 'HTTPS', FullyQualifiedDomainName: 'localhost', Port: port, RequestInterval: 30,
      FailureThreshold: 3, MeasureLatency: false, Inverted: false, Disabled: false, EnableSNI: true });
    const again = await r53.send(new R.CreateHealthCheckCommand({ CallerReference: 'same', HealthCheckConfig: config }));
    expect(again.HealthCheck!.Id).toBe(first.HealthCheck!.Id);
    await rejects(r53.send(new R.CreateHealthCheckCommand({ CallerReference: 'same', HealthCheckConfig: { ...config, Port: 1 } })), 'HealthCheckAlreadyExists', 409);
    const id = first.HealthCheck!.Id!;
    const updated = await r53.send(new R.UpdateHealthCheckCommand({ HealthCheckId: id, HealthCheckVersion: 1, FailureThreshold: 5, ResourcePath: '/x' }));
    expect(updated.HealthCheck).toMatchObject({ HealthCheckVersion: 2, HealthCheckConfig: { FailureThreshold: 5, ResourcePath: '/x' } });
    await rejects(r53.send(new R.UpdateHealthCheckCommand({ HealthCheckId: id, HealthCheckVersion: 1, FailureThreshold: 4 })), 'HealthCheckVersionMismatch', 409);
    const reset = await r53.send(new R.UpdateHealthCheckCommand({ HealthCheckId: id, ResetElements: ['ResourcePath'] }));
    expect(reset.HealthCheck!.HealthCheckConfig!.ResourcePath).toBeUndefined();
    const count = (await r53.send(new R.GetHealthCheckCountCommand({}))).HealthCheckCount!;
    const listed = (await r53.send(new R.ListHealthChecksCommand({}))).HealthChecks!;
    expect(listed.length).toBe(count);
    await r53.send(new R.ChangeTagsForResourceCommand({ ResourceType: 'healthcheck', ResourceId: id, AddTags: [{ Key: 'k', Value: 'v' }] }));
    await r53.send(new R.DeleteHealthCheckCommand({ HealthCheckId: id }));
    await rejects(r53.send(new R.GetHealthCheckCommand({ HealthCheckId: id })), 'NoSuchHealthCheck', 404, `A health check with id ${id} does not exist.`);
    expect((await r53.send(new R.GetHealthCheckCountCommand({}))).HealthCheckCount).toBe(count - 1);
  });

  it('refuses targets outside loopback and this machine unless kanri was started to allow them', async () => {
    const err = await rejects(create({ Type: 'HTTP', IPAddress: '203.0.113.7' }), 'InvalidInput', 400);
    expect(err.message).toBe("kanri probes only loopback and this machine's own addresses; 203.0.113.7 is outside them. Start kanri with --allow-health-check-targets CIDR (or KANRI_ALLOW_HEALTH_CHECK_TARGETS) to allow it.");
    await rejects(create({ Type: 'HTTP', FullyQualifiedDomainName: 'example.org' }), 'InvalidInput', 400);
    const open = await startKanri({ port: 0, dataDir: null, allowHealthCheckTargets: ['203.0.113.0/24'] });
    try {
      const client = new R.Route53Client(sdkConfig(open));
      const hc = (await create({ Type: 'HTTP', IPAddress: '203.0.113.7', RequestInterval: 10 }, client)).HealthCheck!;
      expect(hc.HealthCheckConfig!.IPAddress).toBe('203.0.113.7');
    } finally {
      await open.stop();
    }
  });

  it('refuses record sets naming a health check that does not exist', async () => {
    const zone = (await r53.send(new R.CreateHostedZoneCommand({ Name: 'hc.example', CallerReference: 'hc-zone' }))).HostedZone!.Id!;
    await rejects(r53.send(new R.ChangeResourceRecordSetsCommand({ HostedZoneId: zone, ChangeBatch: { Changes: [{ Action: 'CREATE',
      ResourceRecordSet: { Name: 'a.hc.example', Type: 'A', TTL: 60, ResourceRecords: [{ Value: '192.0.2.1' }], HealthCheckId: '00000000-0000-0000-0000-000000000000' } }] } })),
    'NoSuchHealthCheck', 404);
  });
});
