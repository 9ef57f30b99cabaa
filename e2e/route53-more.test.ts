// Route 53 state across a restart (zones, record sets, health checks that resume probing), query
// logging configs, geolocations and DNSSEC status.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as R from '@aws-sdk/client-route-53';
import { advanceClock, type Kanri, rejects, sdkConfig, startTestKanri } from './harness';

const api = require('../dist/services/route53/api') as typeof import('../src/services/route53/api');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('restart', () => {
  it('keeps zones and record sets, and health checks resume probing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kanri-r53-restart-'));
    dirs.push(dir);
    const server = http.createServer((_req, res) => res.end('ok'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as AddressInfo).port;
    let kanri = await startTestKanri(dir);
    let r53 = new R.Route53Client(sdkConfig(kanri));
    const zone = (await r53.send(new R.CreateHostedZoneCommand({ Name: 'kept.example', CallerReference: 'kept' }))).HostedZone!.Id!;
    const hc = (await r53.send(new R.CreateHealthCheckCommand({ CallerReference: 'kept-hc',
      HealthCheckConfig: { Type: 'HTTP', IPAddress: '127.0.0.1', Port: port, RequestInterval: 10, FailureThreshold: 1 } }))).HealthCheck!.Id!;
    await r53.send(new R.ChangeResourceRecordSetsCommand({ HostedZoneId: zone, ChangeBatch: { Changes: [{ Action: 'CREATE',
      ResourceRecordSet: { Name: 'www.kept.example', Type: 'A', TTL: 60, ResourceRecords: [{ Value: '192.0.2.1' }], SetIdentifier: 'a', Failover: 'PRIMARY', HealthCheckId: hc } }] } }));
    await advanceClock(kanri, 'PT10S');
    const before = (await r53.send(new R.ListResourceRecordSetsCommand({ HostedZoneId: zone }))).ResourceRecordSets;
    await kanri.stop();
    await new Promise<void>((r) => server.close(() => r()));

    kanri = await startTestKanri(dir);
    r53 = new R.Route53Client(sdkConfig(kanri));
    try {
      expect((await r53.send(new R.ListResourceRecordSetsCommand({ HostedZoneId: zone }))).ResourceRecordSets).toEqual(before);
      const kept = await r53.send(new R.GetHealthCheckStatusCommand({ HealthCheckId: hc }));
      expect(kept.HealthCheckObservations![0].StatusReport!.Status).toBe('Success: HTTP Status Code 200, OK');
      expect(api.zoneSnapshot(kanri.platform).healthy(hc)).toBe(true);
      await advanceClock(kanri, 'PT10S');
      expect(api.zoneSnapshot(kanri.platform).healthy(hc)).toBe(false);
    } finally {
      await kanri.stop();
    }
  });
});

describe('query logging, geolocations, DNSSEC', () => {
  it('stores query logging configs (kanri has no CloudWatch Logs to deliver to)', async () => {
    const kanri = await startTestKanri();
    const r53 = new R.Route53Client(sdkConfig(kanri));
    try {
      const zone = (await r53.send(new R.CreateHostedZoneCommand({ Name: 'logged.example', CallerReference: 'logged' }))).HostedZone!.Id!.slice(12);
      const arn = 'arn:aws:logs:us-east-1:000000000000:log-group:/aws/route53/logged.example';
      const created = await r53.send(new R.CreateQueryLoggingConfigCommand({ HostedZoneId: zone, CloudWatchLogsLogGroupArn: arn }));
      expect(created.QueryLoggingConfig).toEqual({ Id: expect.any(String), HostedZoneId: zone, CloudWatchLogsLogGroupArn: arn });
      await rejects(r53.send(new R.CreateQueryLoggingConfigCommand({ HostedZoneId: zone, CloudWatchLogsLogGroupArn: arn })), 'QueryLoggingConfigAlreadyExists', 409);
      expect((await r53.send(new R.ListQueryLoggingConfigsCommand({ HostedZoneId: zone }))).QueryLoggingConfigs).toEqual([created.QueryLoggingConfig]);
      await r53.send(new R.DeleteQueryLoggingConfigCommand({ Id: created.QueryLoggingConfig!.Id }));
      await rejects(r53.send(new R.GetQueryLoggingConfigCommand({ Id: created.QueryLoggingConfig!.Id })), 'NoSuchQueryLoggingConfig', 404);

      expect((await r53.send(new R.GetGeoLocationCommand({ CountryCode: 'US', SubdivisionCode: 'WA' }))).GeoLocationDetails)
        .toEqual({ CountryCode: 'US', CountryName: 'United States', SubdivisionCode: 'WA', SubdivisionName: 'Washington' });
      expect((await r53.send(new R.GetGeoLocationCommand({ ContinentCode: 'EU' }))).GeoLocationDetails).toEqual({ ContinentCode: 'EU', ContinentName: 'Europe' });
      await rejects(r53.send(new R.GetGeoLocationCommand({ CountryCode: 'QQ' })), 'NoSuchGeoLocation', 404);
      const page = await r53.send(new R.ListGeoLocationsCommand({ MaxItems: 8 }));
      expect(page.GeoLocationDetailsList!.at(-1)).toEqual({ CountryCode: '*', CountryName: 'Default' });
      expect(page).toMatchObject({ IsTruncated: true, NextCountryCode: 'AD' });
      await rejects(r53.send(new R.ChangeResourceRecordSetsCommand({ HostedZoneId: zone, ChangeBatch: { Changes: [{ Action: 'CREATE',
        ResourceRecordSet: { Name: 'g.logged.example', Type: 'A', TTL: 60, ResourceRecords: [{ Value: '192.0.2.1' }], SetIdentifier: 'x', GeoLocation: { CountryCode: 'QQ' } } }] } })),
      'InvalidInput', 400);

      expect(await r53.send(new R.GetDNSSECCommand({ HostedZoneId: zone }))).toMatchObject({ Status: { ServeSignature: 'NOT_SIGNING' }, KeySigningKeys: [] });
      await rejects(r53.send(new R.EnableHostedZoneDNSSECCommand({ HostedZoneId: zone })), 'KeySigningKeyWithActiveStatusNotFound', 400);
    } finally {
      await kanri.stop();
    }
  });
});

describe('traffic policies', () => {
  it('keeps versioned documents and checks their structure; instances are not made', async () => {
    const kanri = await startTestKanri();
    const r53 = new R.Route53Client(sdkConfig(kanri));
    try {
      const doc = (ip: string) => JSON.stringify({ AWSPolicyFormatVersion: '2015-10-01', RecordType: 'A', StartEndpoint: 'web', Endpoints: { web: { Type: 'value', Value: ip } } });
      const created = await r53.send(new R.CreateTrafficPolicyCommand({ Name: 'web', Document: doc('192.0.2.1'), Comment: 'first' }));
      expect(created.TrafficPolicy).toMatchObject({ Version: 1, Name: 'web', Type: 'A', Comment: 'first' });
      const id = created.TrafficPolicy!.Id!;
      expect(created.Location).toBe(`https://route53.amazonaws.com/2013-04-01/trafficpolicy/${id}/1`);
      await rejects(r53.send(new R.CreateTrafficPolicyCommand({ Name: 'web', Document: doc('192.0.2.1') })), 'TrafficPolicyAlreadyExists', 409);
      await rejects(r53.send(new R.CreateTrafficPolicyCommand({ Name: 'bad', Document: '{"RecordType":"A"}' })), 'InvalidTrafficPolicyDocument', 400);
      const v2 = await r53.send(new R.CreateTrafficPolicyVersionCommand({ Id: id, Document: doc('192.0.2.2') }));
      expect(v2.TrafficPolicy!.Version).toBe(2);
      await r53.send(new R.UpdateTrafficPolicyCommentCommand({ Id: id, Version: 2, Comment: 'second' }));
      expect((await r53.send(new R.GetTrafficPolicyCommand({ Id: id, Version: 2 }))).TrafficPolicy!.Comment).toBe('second');
      expect((await r53.send(new R.ListTrafficPoliciesCommand({}))).TrafficPolicySummaries).toEqual([{ Id: id, Name: 'web', Type: 'A', LatestVersion: 2, TrafficPolicyCount: 2 }]);
      expect((await r53.send(new R.ListTrafficPolicyVersionsCommand({ Id: id }))).TrafficPolicies!.map((p) => p.Version)).toEqual([1, 2]);
      await r53.send(new R.DeleteTrafficPolicyCommand({ Id: id, Version: 1 }));
      await rejects(r53.send(new R.GetTrafficPolicyCommand({ Id: id, Version: 1 })), 'NoSuchTrafficPolicy', 404);
      expect((await r53.send(new R.GetTrafficPolicyInstanceCountCommand({}))).TrafficPolicyInstanceCount).toBe(0);
    } finally {
      await kanri.stop();
    }
  });
});
