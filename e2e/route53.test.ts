// Route 53's control plane through the SDK v3 and the AWS CLI: hosted zones (public and private),
// record sets with AWS's batch validation, changes going INSYNC on the clock, paging, VPC
// associations across accounts, delegation sets, tags, CIDR collections, and the snapshot the
// DNS server reads (api.ts). Health checks: route53-health.test.ts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as R from '@aws-sdk/client-route-53';
import * as E from '@aws-sdk/client-ec2';
import { advanceClock, awsCli, type Kanri, rejects, sdkConfig, startTestKanri } from './harness';

const api = require('../dist/services/route53/api') as typeof import('../src/services/route53/api');
let kanri: Kanri;
let r53: R.Route53Client;
let ec2: E.EC2Client;
const dirs: string[] = [];
beforeAll(async () => {
  kanri = await startTestKanri();
  r53 = new R.Route53Client(sdkConfig(kanri));
  ec2 = new E.EC2Client(sdkConfig(kanri));
});
afterAll(async () => { await kanri.stop(); dirs.forEach((d) => rmSync(d, { recursive: true, force: true })); });

let refs = 0;
const newZone = async (Name: string, extra: Partial<R.CreateHostedZoneCommandInput> = {}) =>
  r53.send(new R.CreateHostedZoneCommand({ Name, CallerReference: `ref-${++refs}-${Date.now()}`, ...extra }));
const change = (HostedZoneId: string, Changes: R.Change[], Comment?: string) =>
  r53.send(new R.ChangeResourceRecordSetsCommand({ HostedZoneId, ChangeBatch: { Changes, Comment } }));
const a = (Name: string, value = '192.0.2.1', extra: Partial<R.ResourceRecordSet> = {}): R.ResourceRecordSet =>
  ({ Name, Type: 'A', TTL: 300, ResourceRecords: [{ Value: value }], ...extra });
const records = async (HostedZoneId: string) => (await r53.send(new R.ListResourceRecordSetsCommand({ HostedZoneId }))).ResourceRecordSets!;
describe('hosted zones', () => {
  it('creates a public zone with four awsdns name servers, NS and SOA as AWS makes them', async () => {
    const z = await newZone('Example.COM', { HostedZoneConfig: { Comment: 'main' } });
    expect(z.$metadata.httpStatusCode).toBe(201);
    const id = z.HostedZone!.Id!;
    expect(id).toMatch(/^\/hostedzone\/Z[0-9A-Z]{20}$/);
    expect(z.Location).toBe(`https://route53.amazonaws.com/2013-04-01/hostedzone/${id.slice(12)}`);
    expect(z.HostedZone).toMatchObject({ Name: 'example.com.', Config: { Comment: 'main', PrivateZone: false }, ResourceRecordSetCount: 2 });
    expect(z.ChangeInfo!.Status).toBe('PENDING');
    const ns = z.DelegationSet!.NameServers!;
    expect(ns.map((n) => n.replace(/^ns-\d+\.awsdns-\d\d\./, '')).sort()).toEqual(['co.uk', 'com', 'net', 'org']);
    const sets = await records(id);
    expect(sets).toEqual([
      { Name: 'example.com.', Type: 'NS', TTL: 172800, ResourceRecords: ns.map((n) => ({ Value: `${n}.` })) },
      { Name: 'example.com.', Type: 'SOA', TTL: 900, ResourceRecords: [{ Value: `${ns[0]}. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400` }] },
    ]);
    const got = await r53.send(new R.GetHostedZoneCommand({ Id: id }));
    expect(got.DelegationSet!.NameServers).toEqual(ns);
    expect(got.VPCs).toBeUndefined();
  });

  it('refuses a reused caller reference, and counts, lists and deletes zones', async () => {
    const before = (await r53.send(new R.GetHostedZoneCountCommand({}))).HostedZoneCount!;
    await r53.send(new R.CreateHostedZoneCommand({ Name: 'once.example', CallerReference: 'same-ref' }));
    await rejects(r53.send(new R.CreateHostedZoneCommand({ Name: 'twice.example', CallerReference: 'same-ref' })), 'HostedZoneAlreadyExists', 409,
      'A hosted zone has already been created with the specified caller reference.');
    expect((await r53.send(new R.GetHostedZoneCountCommand({}))).HostedZoneCount).toBe(before + 1);
    const z = await newZone('gone.example');
    await change(z.HostedZone!.Id!, [{ Action: 'CREATE', ResourceRecordSet: a('www.gone.example') }]);
    await rejects(r53.send(new R.DeleteHostedZoneCommand({ Id: z.HostedZone!.Id })), 'HostedZoneNotEmpty', 400,
      'The specified hosted zone contains non-required resource record sets and so cannot be deleted.');
    await change(z.HostedZone!.Id!, [{ Action: 'DELETE', ResourceRecordSet: a('www.gone.example') }]);
    expect((await r53.send(new R.DeleteHostedZoneCommand({ Id: z.HostedZone!.Id }))).ChangeInfo!.Status).toBe('PENDING');
    await rejects(r53.send(new R.GetHostedZoneCommand({ Id: z.HostedZone!.Id })), 'NoSuchHostedZone', 404, `No hosted zone found with ID: ${z.HostedZone!.Id!.slice(12)}`);
  });

  it('pages ListHostedZones and orders ListHostedZonesByName by reversed labels', async () => {
    for (const n of ['b.paging.test', 'a.paging.test', 'paging.test']) await newZone(n);
    const seen: string[] = [];
    let Marker: string | undefined;
    do {
      const page = await r53.send(new R.ListHostedZonesCommand({ MaxItems: 2, Marker }));
      seen.push(...page.HostedZones!.map((z) => z.Name!));
      Marker = page.IsTruncated ? page.NextMarker : undefined;
    } while (Marker);
    expect(seen).toEqual(expect.arrayContaining(['b.paging.test.', 'a.paging.test.', 'paging.test.']));
    const byName = await r53.send(new R.ListHostedZonesByNameCommand({ DNSName: 'paging.test', MaxItems: 2 }));
    expect(byName.HostedZones!.map((z) => z.Name)).toEqual(['paging.test.', 'a.paging.test.']);
    expect(byName).toMatchObject({ DNSName: 'paging.test', IsTruncated: true, NextDNSName: 'b.paging.test.' });
  });

  it('updates the comment and records zones for Config', async () => {
    const events: any[] = [];
    kanri.platform.outbox.subscribe('route53-test', (e) => { if (e.resourceType === 'AWS::Route53::HostedZone') events.push(e); });
    const z = await newZone('config.example');
    const id = z.HostedZone!.Id!.slice(12);
    const updated = await r53.send(new R.UpdateHostedZoneCommentCommand({ Id: id, Comment: 'now commented' }));
    expect(updated.HostedZone!.Config).toEqual({ Comment: 'now commented', PrivateZone: false });
    await kanri.platform.outbox.drain();
    kanri.platform.outbox.unsubscribe('route53-test');
    const mine = events.filter((e) => e.resourceId === id);
    expect(mine.map((e) => [e.before === null, e.after?.hostedZoneConfig])).toEqual([[true, {}], [false, { comment: 'now commented' }]]);
    expect(mine[0]).toMatchObject({ region: 'global', arn: `arn:aws:route53:::hostedzone/${id}`, resourceName: 'config.example.',
      after: { id, name: 'config.example.', nameServers: z.DelegationSet!.NameServers } });
  });
});

describe('record sets', () => {
  let zoneId: string;
  beforeAll(async () => { zoneId = (await newZone('records.test')).HostedZone!.Id!; });

  it('creates every record type, stores names as Route 53 returns them, and goes INSYNC on the clock', async () => {
    const sets: R.ResourceRecordSet[] = [
      a('WWW.records.test'),
      { Name: '*.records.test', Type: 'A', TTL: 60, ResourceRecords: [{ Value: '192.0.2.9' }] },
      { Name: 'v6.records.test', Type: 'AAAA', TTL: 60, ResourceRecords: [{ Value: '2001:db8::1' }] },
      { Name: 'alias-me.records.test', Type: 'CNAME', TTL: 60, ResourceRecords: [{ Value: 'www.records.test' }] },
      { Name: 'records.test', Type: 'MX', TTL: 60, ResourceRecords: [{ Value: '10 mail.records.test' }] },
      { Name: 'records.test', Type: 'TXT', TTL: 60, ResourceRecords: [{ Value: '"v=spf1 -all"' }, { Value: '"a" "b"' }] },
      { Name: '_sip._tcp.records.test', Type: 'SRV', TTL: 60, ResourceRecords: [{ Value: '1 10 5060 sip.records.test' }] },
      { Name: 'records.test', Type: 'CAA', TTL: 60, ResourceRecords: [{ Value: '0 issue "amazon.com"' }] },
      { Name: 'sub.records.test', Type: 'NS', TTL: 60, ResourceRecords: [{ Value: 'ns1.elsewhere.test' }] },
      { Name: 'sub.records.test', Type: 'DS', TTL: 60, ResourceRecords: [{ Value: '12345 13 2 3A1EEC4B1A2B' }] },
      { Name: '1.2.0.192.records.test', Type: 'PTR', TTL: 60, ResourceRecords: [{ Value: 'www.records.test' }] },
      { Name: 'records.test', Type: 'SPF', TTL: 60, ResourceRecords: [{ Value: '"v=spf1 -all"' }] },
      { Name: 'naptr.records.test', Type: 'NAPTR', TTL: 60, ResourceRecords: [{ Value: '100 50 "u" "E2U+sip" "!^.*$!sip:info@example.com!" .' }] },
    ];
    const res = await change(zoneId, sets.map((ResourceRecordSet) => ({ Action: 'CREATE', ResourceRecordSet })), 'all types');
    expect(res.ChangeInfo).toMatchObject({ Status: 'PENDING', Comment: 'all types', Id: expect.stringMatching(/^\/change\/C[0-9A-Z]{20}$/) });
    await advanceClock(kanri, 'PT3S');
    expect((await r53.send(new R.GetChangeCommand({ Id: res.ChangeInfo!.Id }))).ChangeInfo!.Status).toBe('INSYNC');
    const names = (await records(zoneId)).map((r) => `${r.Name} ${r.Type}`);
    expect(names).toEqual([
      'records.test. CAA', 'records.test. MX', 'records.test. NS', 'records.test. SOA', 'records.test. SPF', 'records.test. TXT',
      '1.2.0.192.records.test. PTR', '\\052.records.test. A', '_sip._tcp.records.test. SRV', 'alias-me.records.test. CNAME',
      'naptr.records.test. NAPTR', 'sub.records.test. DS', 'sub.records.test. NS', 'v6.records.test. AAAA', 'www.records.test. A',
    ]);
  });

  it('answers InvalidChangeBatch with every problem of the batch, in AWS words, and changes nothing', async () => {
    const before = await records(zoneId);
    const err = await rejects(change(zoneId, [
      { Action: 'CREATE', ResourceRecordSet: a('www.records.test') },
      { Action: 'DELETE', ResourceRecordSet: a('missing.records.test') },
      { Action: 'CREATE', ResourceRecordSet: { Name: 'records.test', Type: 'CNAME', TTL: 60, ResourceRecords: [{ Value: 'x.test' }] } },
      { Action: 'CREATE', ResourceRecordSet: { Name: 'www.other.test', Type: 'A', TTL: 60, ResourceRecords: [{ Value: '192.0.2.1' }] } },
      { Action: 'CREATE', ResourceRecordSet: a('bad.records.test', '999.1.1.1') },
      { Action: 'CREATE', ResourceRecordSet: { Name: 'txt.records.test', Type: 'TXT', TTL: 60, ResourceRecords: [{ Value: 'two words' }] } },
      { Action: 'CREATE', ResourceRecordSet: { Name: 'www.records.test', Type: 'CNAME', TTL: 60, ResourceRecords: [{ Value: 'x.test' }] } },
      { Action: 'CREATE', ResourceRecordSet: a('new.records.test') },
    ]), 'InvalidChangeBatch', 400);
    expect(err.message).toBe('[' + [
      "Tried to create resource record set [name='www.records.test.', type='A'] but it already exists",
      "Tried to delete resource record set [name='missing.records.test.', type='A'] but it was not found",
      'RRSet of type CNAME with DNS name records.test. is not permitted at apex in zone records.test.',
      'RRSet with DNS name www.other.test. is not permitted in zone records.test.',
      "Invalid Resource Record: 'FATAL problem: ARRDATAIllegalIPv4Address (Value is not a valid IPv4 address) encountered with '999.1.1.1''",
      "Invalid Resource Record: 'FATAL problem: InvalidCharacterString (Value should be enclosed in quotation marks) encountered with 'two words''",
      'RRSet of type CNAME with DNS name www.records.test. is not permitted as it conflicts with other records with the same DNS name in zone records.test.',
    ].join(', ') + ']');
    expect(await records(zoneId)).toEqual(before);
  });

  it('checks DELETE values, apex NS/SOA, CNAME neighbours and UPSERT', async () => {
    await rejects(change(zoneId, [{ Action: 'DELETE', ResourceRecordSet: a('www.records.test', '192.0.2.77') }]), 'InvalidChangeBatch', 400,
      "[Tried to delete resource record set [name='www.records.test.', type='A'] but the values provided do not match the current values]");
    const soa = (await records(zoneId)).find((r) => r.Type === 'SOA')!;
    await rejects(change(zoneId, [{ Action: 'DELETE', ResourceRecordSet: soa }]), 'InvalidChangeBatch', 400, '[A HostedZone must contain exactly one SOA record.]');
    await rejects(change(zoneId, [{ Action: 'CREATE', ResourceRecordSet: a('alias-me.records.test') }]), 'InvalidChangeBatch', 400,
      '[RRSet of type A with DNS name alias-me.records.test. is not permitted because a conflicting RRSet of type CNAME with the same DNS name already exists in zone records.test.]');
    await change(zoneId, [{ Action: 'UPSERT', ResourceRecordSet: a('www.records.test', '192.0.2.2', { TTL: 30 }) }, { Action: 'UPSERT', ResourceRecordSet: a('up.records.test') }]);
    const sets = await records(zoneId);
    expect(sets.find((r) => r.Name === 'www.records.test.')).toEqual(a('www.records.test.', '192.0.2.2', { TTL: 30 }));
    expect(sets.find((r) => r.Name === 'up.records.test.')).toEqual(a('up.records.test.'));
    // The batch is atomic: the delete and re-create of one name in one batch is allowed.
    await change(zoneId, [{ Action: 'DELETE', ResourceRecordSet: a('up.records.test') }, { Action: 'CREATE', ResourceRecordSet: { Name: 'up.records.test', Type: 'CNAME', TTL: 5, ResourceRecords: [{ Value: 'www.records.test' }] } }]);
  });

  it('answers InvalidInput for alias with TTL, missing records and routing fields that do not go together', async () => {
    await rejects(change(zoneId, [{ Action: 'CREATE', ResourceRecordSet: { Name: 'x.records.test', Type: 'A', TTL: 60, AliasTarget: { HostedZoneId: zoneId.slice(12), DNSName: 'www.records.test', EvaluateTargetHealth: false } } }]),
      'InvalidInput', 400, 'Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found more than one in Change with [Action=CREATE, Name=x.records.test, Type=A, SetIdentifier=null]');
    await rejects(change(zoneId, [{ Action: 'CREATE', ResourceRecordSet: { Name: 'x.records.test', Type: 'CNAME' } }]),
      'InvalidInput', 400, 'Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found none in Change with [Action=CREATE, Name=x.records.test, Type=CNAME, SetIdentifier=null]');
    await rejects(change(zoneId, [{ Action: 'CREATE', ResourceRecordSet: a('w.records.test', '192.0.2.1', { Weight: 10 }) }]),
      'InvalidInput', 400, "Invalid request: Missing field 'SetIdentifier' in Change with [Action=CREATE, Name=w.records.test, Type=A, SetIdentifier=null]");
    const weight = await rejects(change(zoneId, [{ Action: 'CREATE', ResourceRecordSet: a('w.records.test', '192.0.2.1', { Weight: 256, SetIdentifier: 'x' }) }]), 'InvalidInput', 400);
    expect(weight.message).toMatch(/less than or equal to 255/);
  });

  it('keeps routing policies apart and set identifiers unique', async () => {
    await change(zoneId, [
      { Action: 'CREATE', ResourceRecordSet: a('w.records.test', '192.0.2.1', { SetIdentifier: 'one', Weight: 70 }) },
      { Action: 'CREATE', ResourceRecordSet: a('w.records.test', '192.0.2.2', { SetIdentifier: 'two', Weight: 30 }) },
    ]);
    await rejects(change(zoneId, [{ Action: 'CREATE', ResourceRecordSet: a('w.records.test', '192.0.2.3', { SetIdentifier: 'one', Weight: 1 }) }]), 'InvalidChangeBatch', 400,
      "[Tried to create resource record set [name='w.records.test.', type='A', set-identifier='one'] but it already exists]");
    await rejects(change(zoneId, [{ Action: 'CREATE', ResourceRecordSet: a('w.records.test', '192.0.2.3', { SetIdentifier: 'eu', Region: 'eu-west-1' }) }]), 'InvalidChangeBatch', 400,
      '[RRSet with DNS name w.records.test., type A, SetIdentifier eu cannot be created as a non-latency set exists with the same name and type.]');
    await rejects(change(zoneId, [{ Action: 'CREATE', ResourceRecordSet: a('w.records.test') }]), 'InvalidChangeBatch', 400,
      '[RRSet with DNS name w.records.test., type A cannot be created as a weighted set exists with the same name and type.]');
    await change(zoneId, [
      { Action: 'CREATE', ResourceRecordSet: a('f.records.test', '192.0.2.1', { SetIdentifier: 'p', Failover: 'PRIMARY' }) },
      { Action: 'CREATE', ResourceRecordSet: a('f.records.test', '192.0.2.2', { SetIdentifier: 's', Failover: 'SECONDARY' }) },
      { Action: 'CREATE', ResourceRecordSet: a('g.records.test', '192.0.2.1', { SetIdentifier: 'eu', GeoLocation: { ContinentCode: 'EU' } }) },
      { Action: 'CREATE', ResourceRecordSet: a('g.records.test', '192.0.2.2', { SetIdentifier: 'default', GeoLocation: { CountryCode: '*' } }) },
      { Action: 'CREATE', ResourceRecordSet: a('m.records.test', '192.0.2.1', { SetIdentifier: 'm1', MultiValueAnswer: true }) },
      { Action: 'CREATE', ResourceRecordSet: a('p.records.test', '192.0.2.1', { SetIdentifier: 'p1', GeoProximityLocation: { AWSRegion: 'us-east-1', Bias: 10 } }) },
    ]);
    const err = await rejects(change(zoneId, [{ Action: 'CREATE', ResourceRecordSet: a('f.records.test', '192.0.2.3', { SetIdentifier: 'p2', Failover: 'PRIMARY' }) }]), 'InvalidChangeBatch', 400);
    expect(err.message).toMatch(/SetIdentifier p2 cannot be created because the failover set p already has the same failover role PRIMARY/);
    const g = (await records(zoneId)).filter((r) => r.Name === 'g.records.test.');
    expect(g.map((r) => [r.SetIdentifier, r.GeoLocation])).toEqual([['default', { CountryCode: '*' }], ['eu', { ContinentCode: 'EU' }]]);
  });

  it('makes alias records to records of the zone and refuses missing targets', async () => {
    const HostedZoneId = zoneId.slice(12);
    await change(zoneId, [{ Action: 'CREATE', ResourceRecordSet: { Name: 'records.test', Type: 'A', AliasTarget: { HostedZoneId, DNSName: 'www.records.test', EvaluateTargetHealth: true } } }]);
    expect((await records(zoneId)).find((r) => r.Name === 'records.test.' && r.Type === 'A')).toEqual(
      { Name: 'records.test.', Type: 'A', AliasTarget: { HostedZoneId, DNSName: 'www.records.test.', EvaluateTargetHealth: true } });
    await rejects(change(zoneId, [{ Action: 'CREATE', ResourceRecordSet: { Name: 'al.records.test', Type: 'AAAA', AliasTarget: { HostedZoneId, DNSName: 'www.records.test', EvaluateTargetHealth: false } } }]),
      'InvalidChangeBatch', 400, `[Tried to create an alias that targets www.records.test., type AAAA in zone ${HostedZoneId}, but that target was not found]`);
    // S3 website endpoints and other AWS targets are taken as given.
    await change(zoneId, [{ Action: 'CREATE', ResourceRecordSet: { Name: 'site.records.test', Type: 'A', AliasTarget: { HostedZoneId: 'Z3AQBSTGFYJSTF', DNSName: 's3-website-us-east-1.amazonaws.com', EvaluateTargetHealth: false } } }]);
  });

  it('refuses CNAME and alias loops', async () => {
    const cname = (Name: string, Value: string): R.ResourceRecordSet => ({ Name, Type: 'CNAME', TTL: 60, ResourceRecords: [{ Value }] });
    await change(zoneId, [{ Action: 'CREATE', ResourceRecordSet: cname('l1.records.test', 'l2.records.test') }]);
    await rejects(change(zoneId, [{ Action: 'CREATE', ResourceRecordSet: cname('l2.records.test', 'l1.records.test') }]), 'InvalidChangeBatch', 400,
      '[RRSet of type CNAME with DNS name l2.records.test. is not permitted as it creates a CNAME or alias loop in the zone]');
    await rejects(change(zoneId, [{ Action: 'CREATE', ResourceRecordSet: { Name: 'l2.records.test', Type: 'CNAME', AliasTarget: { HostedZoneId: zoneId.slice(12), DNSName: 'l1.records.test', EvaluateTargetHealth: false } } }]),
      'InvalidChangeBatch', 400, '[RRSet of type CNAME with DNS name l2.records.test. is not permitted as it creates a CNAME or alias loop in the zone]');
    await change(zoneId, [{ Action: 'DELETE', ResourceRecordSet: cname('l1.records.test', 'l2.records.test') }]);
  });

  it('pages ListResourceRecordSets by name, type and identifier', async () => {
    const all = await records(zoneId);
    const seen: R.ResourceRecordSet[] = [];
    let start: Partial<R.ListResourceRecordSetsCommandInput> = {};
    for (;;) {
      const page = await r53.send(new R.ListResourceRecordSetsCommand({ HostedZoneId: zoneId, MaxItems: 3, ...start }));
      seen.push(...page.ResourceRecordSets!);
      if (!page.IsTruncated) break;
      start = { StartRecordName: page.NextRecordName, StartRecordType: page.NextRecordType, StartRecordIdentifier: page.NextRecordIdentifier };
    }
    expect(seen).toEqual(all);
    const w = await r53.send(new R.ListResourceRecordSetsCommand({ HostedZoneId: zoneId, StartRecordName: 'w.records.test', StartRecordType: 'A', StartRecordIdentifier: 'two', MaxItems: 1 }));
    expect(w.ResourceRecordSets![0]).toMatchObject({ Name: 'w.records.test.', SetIdentifier: 'two', Weight: 30 });
  });

  it('gives the DNS server a snapshot of what the API made, and signals changes', async () => {
    let signals = 0;
    const off = api.onZonesChanged(() => signals++);
    await change(zoneId, [{ Action: 'CREATE', ResourceRecordSet: a('signal.records.test') }]);
    await new Promise((r) => setImmediate(r));
    off();
    expect(signals).toBeGreaterThan(0);
    const snap = api.zoneSnapshot(kanri.platform);
    const zone = snap.zones.find((z) => z.id === zoneId.slice(12))!;
    expect(zone).toMatchObject({ name: 'records.test.', accountId: '000000000000', privateZone: false, vpcs: [] });
    expect(zone.recordSets).toEqual(await records(zoneId));
    expect(snap.healthy('no-such-check')).toBe(true);
  });
});

describe('private zones and VPCs', () => {
  it('associates VPCs, across accounts with an authorization, and lists zones by VPC', async () => {
    const vpc1 = (await ec2.send(new E.CreateVpcCommand({ CidrBlock: '10.10.0.0/16' }))).Vpc!.VpcId!;
    const vpc2 = (await ec2.send(new E.CreateVpcCommand({ CidrBlock: '10.11.0.0/16' }))).Vpc!.VpcId!;
    await rejects(newZone('corp.internal', { VPC: { VPCId: 'vpc-0123456789abcdef0', VPCRegion: 'us-east-1' } }), 'InvalidVPCId', 400);
    const z = await newZone('corp.internal', { VPC: { VPCId: vpc1, VPCRegion: 'us-east-1' }, HostedZoneConfig: { Comment: 'private' } });
    expect(z.HostedZone!.Config).toEqual({ Comment: 'private', PrivateZone: true });
    expect(z.DelegationSet).toBeUndefined();
    expect(z.VPC).toEqual({ VPCId: vpc1, VPCRegion: 'us-east-1' });
    const id = z.HostedZone!.Id!;
    expect((await records(id))[0]).toEqual({ Name: 'corp.internal.', Type: 'NS', TTL: 172800,
      ResourceRecords: ['ns-1536.awsdns-00.co.uk.', 'ns-0.awsdns-00.com.', 'ns-1024.awsdns-00.org.', 'ns-512.awsdns-00.net.'].map((Value) => ({ Value })) });
    await rejects(newZone('corp.internal', { VPC: { VPCId: vpc1, VPCRegion: 'us-east-1' } }), 'ConflictingDomainExists', 400);
    await r53.send(new R.AssociateVPCWithHostedZoneCommand({ HostedZoneId: id, VPC: { VPCId: vpc2, VPCRegion: 'us-east-1' } }));
    expect((await r53.send(new R.GetHostedZoneCommand({ Id: id }))).VPCs).toEqual([{ VPCRegion: 'us-east-1', VPCId: vpc1 }, { VPCRegion: 'us-east-1', VPCId: vpc2 }]);
    const byVpc = await r53.send(new R.ListHostedZonesByVPCCommand({ VPCId: vpc2, VPCRegion: 'us-east-1' }));
    expect(byVpc.HostedZoneSummaries).toEqual([{ HostedZoneId: id.slice(12), Name: 'corp.internal.', Owner: { OwningAccount: '000000000000' } }]);

    // Another account's VPC needs the zone owner's authorization.
    const other = { accessKeyId: '111122223333', secretAccessKey: 'x' };
    const ec2b = new E.EC2Client(sdkConfig(kanri, 'us-east-1', other));
    const r53b = new R.Route53Client(sdkConfig(kanri, 'us-east-1', other));
    const vpcB = (await ec2b.send(new E.CreateVpcCommand({ CidrBlock: '10.20.0.0/16' }))).Vpc!.VpcId!;
    await rejects(r53b.send(new R.AssociateVPCWithHostedZoneCommand({ HostedZoneId: id, VPC: { VPCId: vpcB, VPCRegion: 'us-east-1' } })), 'NotAuthorizedException', 401);
    await r53.send(new R.CreateVPCAssociationAuthorizationCommand({ HostedZoneId: id, VPC: { VPCId: vpcB, VPCRegion: 'us-east-1' } }));
    expect((await r53.send(new R.ListVPCAssociationAuthorizationsCommand({ HostedZoneId: id }))).VPCs).toEqual([{ VPCRegion: 'us-east-1', VPCId: vpcB }]);
    await r53b.send(new R.AssociateVPCWithHostedZoneCommand({ HostedZoneId: id, VPC: { VPCId: vpcB, VPCRegion: 'us-east-1' } }));
    const snap = api.zoneSnapshot(kanri.platform).zones.find((zz) => zz.id === id.slice(12))!;
    expect(snap).toMatchObject({ privateZone: true, vpcs: [{ VPCId: vpc1 }, { VPCId: vpc2 }, { VPCId: vpcB }] });

    await r53.send(new R.DisassociateVPCFromHostedZoneCommand({ HostedZoneId: id, VPC: { VPCId: vpc2, VPCRegion: 'us-east-1' } }));
    await r53b.send(new R.DisassociateVPCFromHostedZoneCommand({ HostedZoneId: id, VPC: { VPCId: vpcB, VPCRegion: 'us-east-1' } }));
    await rejects(r53.send(new R.DisassociateVPCFromHostedZoneCommand({ HostedZoneId: id, VPC: { VPCId: vpc1, VPCRegion: 'us-east-1' } })), 'LastVPCAssociation', 400);
    await rejects(r53.send(new R.AssociateVPCWithHostedZoneCommand({ HostedZoneId: (await newZone('public.example')).HostedZone!.Id, VPC: { VPCId: vpc1, VPCRegion: 'us-east-1' } })),
      'PublicZoneVPCAssociation', 400);
  });
});

describe('delegation sets, tags, CIDR collections, limits', () => {
  it('shares a reusable delegation set between zones', async () => {
    const set = await r53.send(new R.CreateReusableDelegationSetCommand({ CallerReference: 'ds-1' }));
    expect(set.DelegationSet!.Id).toMatch(/^\/delegationset\/N[0-9A-Z]{20}$/);
    const z1 = await newZone('shared-one.example', { DelegationSetId: set.DelegationSet!.Id });
    const z2 = await newZone('shared-two.example', { DelegationSetId: set.DelegationSet!.Id!.slice(15) });
    expect(z1.DelegationSet).toEqual(set.DelegationSet && { Id: set.DelegationSet.Id, NameServers: set.DelegationSet.NameServers });
    expect(z2.DelegationSet!.NameServers).toEqual(set.DelegationSet!.NameServers);
    await rejects(newZone('shared-one.example', { DelegationSetId: set.DelegationSet!.Id }), 'ConflictingDomainExists', 400);
    await rejects(r53.send(new R.DeleteReusableDelegationSetCommand({ Id: set.DelegationSet!.Id })), 'DelegationSetInUse', 400);
    expect((await r53.send(new R.ListHostedZonesCommand({ DelegationSetId: set.DelegationSet!.Id }))).HostedZones!.map((z) => z.Name).sort())
      .toEqual(['shared-one.example.', 'shared-two.example.']);
  });

  it('tags zones and health checks', async () => {
    const z = (await newZone('tags.example')).HostedZone!.Id!.slice(12);
    await r53.send(new R.ChangeTagsForResourceCommand({ ResourceType: 'hostedzone', ResourceId: z, AddTags: [{ Key: 'env', Value: 'prod' }, { Key: 'team', Value: 'ops' }] }));
    await r53.send(new R.ChangeTagsForResourceCommand({ ResourceType: 'hostedzone', ResourceId: z, RemoveTagKeys: ['team'] }));
    expect((await r53.send(new R.ListTagsForResourceCommand({ ResourceType: 'hostedzone', ResourceId: z }))).ResourceTagSet)
      .toEqual({ ResourceType: 'hostedzone', ResourceId: z, Tags: [{ Key: 'env', Value: 'prod' }] });
    expect((await r53.send(new R.ListTagsForResourcesCommand({ ResourceType: 'hostedzone', ResourceIds: [z] }))).ResourceTagSets![0].Tags).toEqual([{ Key: 'env', Value: 'prod' }]);
    await rejects(r53.send(new R.ListTagsForResourceCommand({ ResourceType: 'healthcheck', ResourceId: 'abc' })), 'NoSuchHealthCheck', 404);
  });

  it('keeps CIDR collections with versions, and IP-based record sets use them', async () => {
    const col = (await r53.send(new R.CreateCidrCollectionCommand({ Name: 'offices', CallerReference: 'cidr-1' }))).Collection!;
    expect(col).toMatchObject({ Name: 'offices', Version: 1, Arn: `arn:aws:route53:::cidrcollection/${col.Id}` });
    await r53.send(new R.ChangeCidrCollectionCommand({ Id: col.Id, CollectionVersion: 1, Changes: [
      { LocationName: 'tokyo', Action: 'PUT', CidrList: ['198.51.100.0/24'] }, { LocationName: 'paris', Action: 'PUT', CidrList: ['203.0.113.0/24', '2001:db8::/32'] }] }));
    await rejects(r53.send(new R.ChangeCidrCollectionCommand({ Id: col.Id, CollectionVersion: 1, Changes: [{ LocationName: 'x', Action: 'PUT', CidrList: ['192.0.2.0/24'] }] })),
      'CidrCollectionVersionMismatchException', 409);
    expect((await r53.send(new R.ListCidrLocationsCommand({ CollectionId: col.Id }))).CidrLocations).toEqual([{ LocationName: 'paris' }, { LocationName: 'tokyo' }]);
    expect((await r53.send(new R.ListCidrBlocksCommand({ CollectionId: col.Id, LocationName: 'tokyo' }))).CidrBlocks).toEqual([{ CidrBlock: '198.51.100.0/24', LocationName: 'tokyo' }]);
    const zone = (await newZone('cidr.example')).HostedZone!.Id!;
    await change(zone, [
      { Action: 'CREATE', ResourceRecordSet: a('ip.cidr.example', '192.0.2.1', { SetIdentifier: 'tokyo', CidrRoutingConfig: { CollectionId: col.Id, LocationName: 'tokyo' } }) },
      { Action: 'CREATE', ResourceRecordSet: a('ip.cidr.example', '192.0.2.2', { SetIdentifier: 'rest', CidrRoutingConfig: { CollectionId: col.Id, LocationName: '*' } }) },
    ]);
    const snap = api.zoneSnapshot(kanri.platform);
    expect(snap.cidrCollections.find((c) => c.id === col.Id)).toEqual({ id: col.Id, locations: [{ name: 'paris', cidrs: ['2001:db8::/32', '203.0.113.0/24'] }, { name: 'tokyo', cidrs: ['198.51.100.0/24'] }] });
    await rejects(r53.send(new R.DeleteCidrCollectionCommand({ Id: col.Id })), 'CidrCollectionInUseException', 400);
  });

  it('reports limits and leaves unbuilt operations at 501', async () => {
    const limit = await r53.send(new R.GetAccountLimitCommand({ Type: 'MAX_HOSTED_ZONES_BY_OWNER' }));
    expect(limit.Limit).toEqual({ Type: 'MAX_HOSTED_ZONES_BY_OWNER', Value: 500 });
    expect(limit.Count).toBeGreaterThan(5);
    const err = await r53.send(new R.ListTrafficPolicyInstancesCommand({})).catch((e) => e);
    expect(err.$metadata.httpStatusCode).toBe(501);
  });
});

describe('the AWS CLI', () => {
  it('makes the same record sets as the SDK', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kanri-r53-'));
    dirs.push(dir);
    const batch = { Comment: 'weighted pair', Changes: [
      { Action: 'CREATE', ResourceRecordSet: a('api.cli.example', '192.0.2.10', { SetIdentifier: 'blue', Weight: 70 }) },
      { Action: 'CREATE', ResourceRecordSet: a('api.cli.example', '192.0.2.20', { SetIdentifier: 'green', Weight: 30 }) },
      { Action: 'CREATE', ResourceRecordSet: { Name: 'cli.example', Type: 'TXT', TTL: 60, ResourceRecords: [{ Value: '"hello"' }] } },
    ] };
    writeFileSync(join(dir, 'batch.json'), JSON.stringify(batch));
    const sdkZone = (await newZone('cli.example')).HostedZone!.Id!;
    await change(sdkZone, batch.Changes as R.Change[], batch.Comment);
    const cliZone = await awsCli(kanri, ['route53', 'create-hosted-zone', '--name', 'cli.example', '--caller-reference', 'cli-1']);
    expect(cliZone.HostedZone.Name).toBe('cli.example.');
    const res = await awsCli(kanri, ['route53', 'change-resource-record-sets', '--hosted-zone-id', cliZone.HostedZone.Id, '--change-batch', `file://${join(dir, 'batch.json')}`]);
    expect(res.ChangeInfo).toMatchObject({ Status: 'PENDING', Comment: 'weighted pair' });
    const listed = await awsCli(kanri, ['route53', 'list-resource-record-sets', '--hosted-zone-id', cliZone.HostedZone.Id]);
    const strip = (sets: any[]) => sets.filter((r) => r.Type !== 'NS' && r.Type !== 'SOA');
    expect(strip(listed.ResourceRecordSets)).toEqual(strip(await records(sdkZone)));
    await advanceClock(kanri, 'PT3S');
    const got = await awsCli(kanri, ['route53', 'get-change', '--id', res.ChangeInfo.Id]);
    expect(got.ChangeInfo.Status).toBe('INSYNC');
  });
});
