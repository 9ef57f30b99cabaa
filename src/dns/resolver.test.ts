import { describe, expect, it } from 'vitest';
import { ClientTable } from './clients';
import { DnsEngine } from './engine';
import { buildQuery, parseResponse, type QueryOptions } from './message';
import { fromPlain, memorySource, toPlain, type ResourceRecordSet, type Route53Snapshot, type SnapshotZone } from './source';

const SOA: ResourceRecordSet = { Name: 'example.com.', Type: 'SOA', TTL: 900, ResourceRecords: [{ Value: 'ns-1.awsdns-01.org. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400' }] };
const NS: ResourceRecordSet = { Name: 'example.com.', Type: 'NS', TTL: 172800, ResourceRecords: [{ Value: 'ns-1.awsdns-01.org.' }, { Value: 'ns-2.awsdns-02.net.' }] };
const a = (Name: string, ...values: string[]): ResourceRecordSet => ({ Name, Type: 'A', TTL: 60, ResourceRecords: values.map((Value) => ({ Value })) });

function zone(name: string, recordSets: ResourceRecordSet[], extra: Partial<SnapshotZone> = {}): SnapshotZone {
  const soa = { ...SOA, Name: name };
  const ns = { ...NS, Name: name };
  return { id: `Z${name.replace(/\W/g, '').toUpperCase()}`, name, accountId: '000000000000', privateZone: false, vpcs: [], recordSets: [soa, ns, ...recordSets], ...extra };
}

function snapshot(zones: SnapshotZone[], unhealthy: string[] = [], cidrCollections: Route53Snapshot['cidrCollections'] = []): Route53Snapshot {
  return { zones, healthy: (id) => !unhealthy.includes(id), cidrCollections };
}

const CLIENTS = new ClientTable({
  '10.1.0.0/16': { region: 'eu-west-1' },
  '10.2.0.0/16': { region: 'us-west-2' },
  '10.3.0.0/16': { region: 'ap-northeast-1' },
  '10.5.0.0/16': { region: 'us-east-1', vpcs: ['vpc-11111111111111111'] },
});

function engineFor(snap: Route53Snapshot) {
  const source = memorySource(snap);
  return { engine: new DnsEngine(source, CLIENTS), source };
}

function ask(engine: DnsEngine, name: string, type: string, opts: QueryOptions & { from?: string; tcp?: boolean } = {}) {
  const out = engine.handle(buildQuery(name, type, opts), opts.from ?? '127.0.0.1', opts.tcp ?? false);
  if (!out) throw new Error('no answer');
  return parseResponse(out);
}
const data = (r: ReturnType<typeof ask>) => r.answer.map((x) => x.data);

describe('authoritative answers', () => {
  const { engine } = engineFor(snapshot([zone('example.com.', [
    a('www.example.com.', '192.0.2.1'),
    a('a.b.example.com.', '192.0.2.2'),
    { Name: 'alias.example.com.', Type: 'CNAME', TTL: 300, ResourceRecords: [{ Value: 'www.example.com' }] },
    { Name: 'out.example.com.', Type: 'CNAME', TTL: 300, ResourceRecords: [{ Value: 'www.example.net' }] },
    { Name: 'loop1.example.com.', Type: 'CNAME', TTL: 300, ResourceRecords: [{ Value: 'loop2.example.com' }] },
    { Name: 'loop2.example.com.', Type: 'CNAME', TTL: 300, ResourceRecords: [{ Value: 'loop1.example.com' }] },
    a('\\052.example.com.', '192.0.2.9'),
    { Name: 'sub.example.com.', Type: 'NS', TTL: 3600, ResourceRecords: [{ Value: 'ns1.sub.example.com' }, { Value: 'ns.elsewhere.org' }] },
    a('ns1.sub.example.com.', '192.0.2.53'),
    { Name: 'sub.example.com.', Type: 'DS', TTL: 3600, ResourceRecords: [{ Value: '12345 13 2 ABCDEF0123' }] },
    { Name: 'example.com.', Type: 'A', AliasTarget: { HostedZoneId: 'ZEXAMPLECOM', DNSName: 'www.example.com.', EvaluateTargetHealth: false } },
    { Name: 'example.com.', Type: 'MX', TTL: 300, ResourceRecords: [{ Value: '10 mail.example.com' }] },
    { Name: 'example.com.', Type: 'TXT', TTL: 300, ResourceRecords: [{ Value: '"v=spf1 -all" "second \\"quoted\\""' }] },
  ])]));

  it('answers a name it has, authoritatively', () => {
    const r = ask(engine, 'www.example.com', 'A');
    expect([r.rcode, r.aa, r.answer]).toEqual([0, true, [{ name: 'www.example.com.', type: 'A', ttl: 60, data: '192.0.2.1' }]]);
  });

  it('answers NXDOMAIN and NODATA with the SOA, its TTL the lower of the SOA TTL and minimum', () => {
    // The wildcard covers unknown names directly under the apex, so ask below a name that exists.
    const nx = ask(engine, 'nope.a.b.example.com', 'A');
    expect([nx.rcode, nx.aa, nx.answer, nx.authority.map((x) => [x.name, x.type, x.ttl])]).toEqual([3, true, [], [['example.com.', 'SOA', 900]]]);
    const nodata = ask(engine, 'www.example.com', 'AAAA');
    expect([nodata.rcode, nodata.answer, nodata.authority.map((x) => x.type)]).toEqual([0, [], ['SOA']]);
    const ent = ask(engine, 'b.example.com', 'A'); // an empty non-terminal exists
    expect([ent.rcode, ent.answer.length, ent.authority.map((x) => x.type)]).toEqual([0, 0, ['SOA']]);
  });

  it('chases a CNAME inside the zone, stops at one that leaves it, and survives a loop', () => {
    expect(ask(engine, 'alias.example.com', 'A').answer.map((x) => [x.name, x.type, x.data])).toEqual([
      ['alias.example.com.', 'CNAME', 'www.example.com.'], ['www.example.com.', 'A', '192.0.2.1']]);
    expect(data(ask(engine, 'out.example.com', 'A'))).toEqual(['www.example.net.']);
    expect(ask(engine, 'alias.example.com', 'CNAME').answer.map((x) => x.type)).toEqual(['CNAME']);
    const loop = ask(engine, 'loop1.example.com', 'A');
    expect(loop.rcode).toBe(0);
    expect(loop.answer.length).toBeLessThanOrEqual(8);
  });

  it('synthesizes from a wildcard (RFC 4592), but not where a name exists', () => {
    expect(ask(engine, 'anything.example.com', 'A').answer).toEqual([{ name: 'anything.example.com.', type: 'A', ttl: 60, data: '192.0.2.9' }]);
    expect(data(ask(engine, 'deep.er.example.com', 'A'))).toEqual(['192.0.2.9']);
    expect(ask(engine, 'anything.example.com', 'MX').answer).toEqual([]); // wildcard node exists without MX: NODATA
    expect(data(ask(engine, 'www.example.com', 'A'))).toEqual(['192.0.2.1']);
    expect(ask(engine, 'x.b.example.com', 'A').rcode).toBe(3); // b exists (empty non-terminal): no *.b
  });

  it('refers below a delegation with glue, and answers the DS at the cut itself', () => {
    const r = ask(engine, 'host.sub.example.com', 'A');
    expect([r.rcode, r.aa, r.answer.length]).toEqual([0, false, 0]);
    expect(r.authority.map((x) => [x.name, x.type, x.data])).toEqual([['sub.example.com.', 'NS', 'ns1.sub.example.com.'], ['sub.example.com.', 'NS', 'ns.elsewhere.org.']]);
    expect(r.additional.map((x) => [x.name, x.data])).toEqual([['ns1.sub.example.com.', '192.0.2.53']]);
    const ds = ask(engine, 'sub.example.com', 'DS');
    expect([ds.aa, ds.answer.map((x) => x.data)]).toEqual([true, ['30390d02abcdef0123']]);
  });

  it('resolves an alias at the apex to its target record, owned by the apex', () => {
    expect(ask(engine, 'example.com', 'A').answer).toEqual([{ name: 'example.com.', type: 'A', ttl: 60, data: '192.0.2.1' }]);
    expect(data(ask(engine, 'example.com', 'MX'))).toEqual(['10 mail.example.com.']);
    expect(data(ask(engine, 'example.com', 'TXT'))).toEqual(['"v=spf1 -all" "second \\"quoted\\""']);
  });

  it('REFUSES zones it does not serve, and keeps the question case', () => {
    const r = ask(engine, 'www.example.org', 'A');
    expect([r.rcode, r.aa]).toEqual([5, false]);
    expect(ask(engine, 'WwW.ExAmple.COM', 'A').question?.name).toBe('WwW.ExAmple.COM.');
  });

  it('truncates over UDP what does not fit, sends it whole over TCP and with a larger EDNS size', () => {
    const big = Array.from({ length: 40 }, (_, i) => `192.0.2.${i + 10}`);
    const { engine: e } = engineFor(snapshot([zone('big.test.', [a('many.big.test.', ...big)])]));
    const udp = ask(e, 'many.big.test', 'A');
    expect([udp.tc, udp.answer.length]).toEqual([true, 0]);
    expect(ask(e, 'many.big.test', 'A', { tcp: true }).answer).toHaveLength(40);
    const edns = ask(e, 'many.big.test', 'A', { edns: { udpSize: 4096 } });
    expect([edns.tc, edns.answer.length, edns.edns?.udpSize]).toEqual([false, 40, 4096]);
  });
});

describe('the response cache', () => {
  it('answers a repeated question with its own id and case, drops what it kept when zones change, and keeps no routed answer', () => {
    const { engine, source } = engineFor(snapshot([zone('example.com.', [a('www.example.com.', '192.0.2.1')])]));
    expect([ask(engine, 'www.example.com', 'A', { id: 1 }).id, ask(engine, 'www.example.com', 'A', { id: 2 }).id]).toEqual([1, 2]);
    const mixed = ask(engine, 'WWW.example.com', 'A', { id: 3 });
    expect([mixed.id, mixed.question?.name, data(mixed)]).toEqual([3, 'WWW.example.com.', ['192.0.2.1']]);
    expect(ask(engine, 'www.example.com', 'A', { tcp: true }).id).toBe(0x1234);
    source.set(snapshot([zone('example.com.', [a('www.example.com.', '192.0.2.2'), { ...a('w.example.com.', '192.0.2.70'), SetIdentifier: 'a', Weight: 50 },
      { ...a('w.example.com.', '192.0.2.30'), SetIdentifier: 'b', Weight: 50 }])]));
    expect(data(ask(engine, 'www.example.com', 'A', { id: 4 }))).toEqual(['192.0.2.2']);
    const seen = new Set<string>();
    for (let i = 0; i < 100; i++) seen.add(data(ask(engine, 'w.example.com', 'A'))[0]);
    expect(seen).toEqual(new Set(['192.0.2.70', '192.0.2.30']));
  });
});

describe('plain snapshots (what DNS worker processes get)', () => {
  it('carry the health the probes decided, so a worker answers as the main process does', () => {
    const failover = (id: string, Failover: string, ip: string, HealthCheckId: string): ResourceRecordSet => ({ ...a('f.example.com.', ip), SetIdentifier: id, Failover, HealthCheckId });
    const snap = snapshot([zone('example.com.', [failover('p', 'PRIMARY', '192.0.2.1', 'hc-p'), failover('s', 'SECONDARY', '192.0.2.2', 'hc-s')])], ['hc-p']);
    const plain = toPlain(snap);
    expect(plain.unhealthy).toEqual(['hc-p']);
    const copy = structuredClone(plain); // as it crosses the IPC channel
    expect(data(ask(engineFor(fromPlain(copy)).engine, 'f.example.com', 'A'))).toEqual(['192.0.2.2']);
    expect(data(ask(engineFor(snap).engine, 'f.example.com', 'A'))).toEqual(['192.0.2.2']);
  });
});

describe('routing policies', () => {
  const weighted = (id: string, Weight: number, ip: string, HealthCheckId?: string): ResourceRecordSet =>
    ({ ...a('w.example.com.', ip), SetIdentifier: id, Weight, HealthCheckId });

  it('weighted 70/30 over 2,000 queries, within a binomial tolerance', () => {
    const { engine } = engineFor(snapshot([zone('example.com.', [weighted('a', 70, '192.0.2.70'), weighted('b', 30, '192.0.2.30')])]));
    let seventy = 0;
    for (let i = 0; i < 2000; i++) if (data(ask(engine, 'w.example.com', 'A'))[0] === '192.0.2.70') seventy++;
    // n=2000, p=0.7: mean 1400, sd 20.5; 4.5 sd either side fails by chance about once in 150,000 runs.
    expect(Math.abs(seventy - 1400)).toBeLessThan(92);
  });

  it('weighted leaves out unhealthy sets, answers weight 0 only when nothing else can', () => {
    const { engine, source } = engineFor(snapshot([zone('example.com.', [weighted('a', 70, '192.0.2.70', 'hc-a'), weighted('z', 0, '192.0.2.0')])], ['hc-a']));
    for (let i = 0; i < 20; i++) expect(data(ask(engine, 'w.example.com', 'A'))).toEqual(['192.0.2.0']);
    source.set(snapshot([zone('example.com.', [weighted('a', 70, '192.0.2.70', 'hc-a'), weighted('z', 0, '192.0.2.0')])]));
    for (let i = 0; i < 20; i++) expect(data(ask(engine, 'w.example.com', 'A'))).toEqual(['192.0.2.70']);
  });

  it('weighted with every weight 0 answers each set alike', () => {
    const { engine } = engineFor(snapshot([zone('example.com.', [weighted('a', 0, '192.0.2.1'), weighted('b', 0, '192.0.2.2')])]));
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) seen.add(data(ask(engine, 'w.example.com', 'A'))[0]);
    expect([...seen].sort()).toEqual(['192.0.2.1', '192.0.2.2']);
  });

  it('geolocation without a match or a default answers NOERROR with no records (and the SOA)', () => {
    const { engine } = engineFor(snapshot([zone('example.com.', [{ ...a('g.example.com.', '192.0.2.1'), SetIdentifier: 'jp', GeoLocation: { CountryCode: 'JP' } }])]));
    const r = ask(engine, 'g.example.com', 'A', { edns: { subnet: '10.1.0.0/24' } });
    expect([r.rcode, r.answer, r.authority.map((x) => x.type)]).toEqual([0, [], ['SOA']]);
    expect(data(ask(engine, 'g.example.com', 'A', { edns: { subnet: '10.3.0.0/24' } }))).toEqual(['192.0.2.1']);
  });

  it('reads an IPv6 client subnet', () => {
    const clients = new ClientTable({ '2001:db8:1::/48': { region: 'eu-west-1' } });
    const lat = (Region: string, ip: string) => ({ ...a('l.example.com.', ip), SetIdentifier: Region, Region });
    const engine = new DnsEngine(memorySource(snapshot([zone('example.com.', [lat('us-east-1', '192.0.2.1'), lat('eu-west-1', '192.0.2.2')])])), clients);
    expect(data(ask(engine, 'l.example.com', 'A', { edns: { subnet: '2001:db8:1:2::/64' } }))).toEqual(['192.0.2.2']);
    expect(data(ask(engine, 'l.example.com', 'A', { edns: { subnet: '2001:db8:9::/48' } }))).toEqual(['192.0.2.1']);
  });

  it('fails over to the secondary while the primary is unhealthy, and back; both down: the primary', () => {
    const sets = [
      { ...a('f.example.com.', '192.0.2.1'), SetIdentifier: 'p', Failover: 'PRIMARY', HealthCheckId: 'hc-p' },
      { ...a('f.example.com.', '192.0.2.2'), SetIdentifier: 's', Failover: 'SECONDARY', HealthCheckId: 'hc-s' },
    ];
    const { engine, source } = engineFor(snapshot([zone('example.com.', sets)]));
    expect(data(ask(engine, 'f.example.com', 'A'))).toEqual(['192.0.2.1']);
    source.set(snapshot([zone('example.com.', sets)], ['hc-p']));
    expect(data(ask(engine, 'f.example.com', 'A'))).toEqual(['192.0.2.2']);
    source.set(snapshot([zone('example.com.', sets)], ['hc-p', 'hc-s']));
    expect(data(ask(engine, 'f.example.com', 'A'))).toEqual(['192.0.2.1']);
    source.set(snapshot([zone('example.com.', sets)]));
    expect(data(ask(engine, 'f.example.com', 'A'))).toEqual(['192.0.2.1']);
  });

  it('geolocation by the EDNS client subnet: subdivision, country, continent, default', () => {
    const geo = (id: string, GeoLocation: ResourceRecordSet['GeoLocation'], ip: string) => ({ ...a('g.example.com.', ip), SetIdentifier: id, GeoLocation });
    const { engine } = engineFor(snapshot([zone('example.com.', [
      geo('eu', { ContinentCode: 'EU' }, '192.0.2.1'), geo('us', { CountryCode: 'US' }, '192.0.2.2'),
      geo('or', { CountryCode: 'US', SubdivisionCode: 'OR' }, '192.0.2.3'), geo('default', { CountryCode: '*' }, '192.0.2.4'),
    ])]));
    const by = (subnet: string) => ask(engine, 'g.example.com', 'A', { edns: { subnet } });
    expect(data(by('10.1.7.0/24'))).toEqual(['192.0.2.1']);
    expect(data(by('10.2.7.0/24'))).toEqual(['192.0.2.3']);
    expect(data(by('10.3.7.0/24'))).toEqual(['192.0.2.4']);
    expect(data(ask(engine, 'g.example.com', 'A'))).toEqual(['192.0.2.2']); // 127.0.0.1: the default client, in Virginia
    expect(by('10.1.7.0/24').edns?.subnetScope).toBe(24);
  });

  it('latency by the client subnet: the nearest region', () => {
    const lat = (Region: string, ip: string) => ({ ...a('l.example.com.', ip), SetIdentifier: Region, Region });
    const { engine } = engineFor(snapshot([zone('example.com.', [lat('us-east-1', '192.0.2.1'), lat('eu-west-1', '192.0.2.2'), lat('ap-northeast-1', '192.0.2.3')])]));
    expect(data(ask(engine, 'l.example.com', 'A', { edns: { subnet: '10.1.0.0/24' } }))).toEqual(['192.0.2.2']);
    expect(data(ask(engine, 'l.example.com', 'A', { edns: { subnet: '10.3.0.0/24' } }))).toEqual(['192.0.2.3']);
    expect(data(ask(engine, 'l.example.com', 'A', { edns: { subnet: '10.2.0.0/24' } }))).toEqual(['192.0.2.1']);
  });

  it('geoproximity with bias pulls clients toward a location', () => {
    const gp = (id: string, AWSRegion: string, Bias: number, ip: string) => ({ ...a('p.example.com.', ip), SetIdentifier: id, GeoProximityLocation: { AWSRegion, Bias } });
    const plain = engineFor(snapshot([zone('example.com.', [gp('east', 'us-east-1', 0, '192.0.2.1'), gp('eu', 'eu-west-1', 0, '192.0.2.2')])])).engine;
    expect(data(ask(plain, 'p.example.com', 'A', { edns: { subnet: '10.2.0.0/24' } }))).toEqual(['192.0.2.1']);
    const biased = engineFor(snapshot([zone('example.com.', [gp('east', 'us-east-1', -90, '192.0.2.1'), gp('eu', 'eu-west-1', 90, '192.0.2.2')])])).engine;
    expect(data(ask(biased, 'p.example.com', 'A', { edns: { subnet: '10.2.0.0/24' } }))).toEqual(['192.0.2.2']);
  });

  it('multivalue leaves out the unhealthy values, and answers at most eight', () => {
    const mv = (i: number) => ({ ...a('m.example.com.', `192.0.2.${i}`), SetIdentifier: `v${i}`, MultiValueAnswer: true, HealthCheckId: `hc-${i}` });
    const { engine } = engineFor(snapshot([zone('example.com.', [1, 2, 3, 4].map(mv))], ['hc-2']));
    for (let i = 0; i < 10; i++) expect(data(ask(engine, 'm.example.com', 'A')).sort()).toEqual(['192.0.2.1', '192.0.2.3', '192.0.2.4']);
    const many = engineFor(snapshot([zone('example.com.', Array.from({ length: 12 }, (_, i) => mv(i + 1)))])).engine;
    expect(data(ask(many, 'm.example.com', 'A'))).toHaveLength(8);
  });

  it('IP-based routing by CIDR collection, with the * location as the default', () => {
    const ip = (LocationName: string, addr: string) => ({ ...a('c.example.com.', addr), SetIdentifier: LocationName, CidrRoutingConfig: { CollectionId: 'col-1', LocationName } });
    const { engine } = engineFor(snapshot([zone('example.com.', [ip('office', '192.0.2.1'), ip('lab', '192.0.2.2'), ip('*', '192.0.2.3')])], [],
      [{ id: 'col-1', locations: [{ name: 'office', cidrs: ['10.1.0.0/16'] }, { name: 'lab', cidrs: ['10.1.5.0/24'] }] }]));
    expect(data(ask(engine, 'c.example.com', 'A', { edns: { subnet: '10.1.9.0/24' } }))).toEqual(['192.0.2.1']);
    expect(data(ask(engine, 'c.example.com', 'A', { edns: { subnet: '10.1.5.0/24' } }))).toEqual(['192.0.2.2']);
    expect(data(ask(engine, 'c.example.com', 'A', { from: '10.9.9.9' }))).toEqual(['192.0.2.3']);
  });

  it('an alias with EvaluateTargetHealth is unhealthy when its target is', () => {
    const sets = [
      { ...a('t.example.com.', '192.0.2.1'), SetIdentifier: 'only', Failover: 'PRIMARY', HealthCheckId: 'hc-t' },
      { Name: 'f.example.com.', Type: 'A', SetIdentifier: 'p', Failover: 'PRIMARY', AliasTarget: { HostedZoneId: 'ZEXAMPLECOM', DNSName: 't.example.com.', EvaluateTargetHealth: true } },
      { ...a('f.example.com.', '192.0.2.2'), SetIdentifier: 's', Failover: 'SECONDARY' },
    ];
    expect(data(ask(engineFor(snapshot([zone('example.com.', sets)])).engine, 'f.example.com', 'A'))).toEqual(['192.0.2.1']);
    expect(data(ask(engineFor(snapshot([zone('example.com.', sets)], ['hc-t'])).engine, 'f.example.com', 'A'))).toEqual(['192.0.2.2']);
  });
});

describe('private zones', () => {
  const vpc = { VPCRegion: 'us-east-1', VPCId: 'vpc-11111111111111111' };
  it('answer only clients mapped to an associated VPC; others fall through to the public zone or get REFUSED', () => {
    const { engine } = engineFor(snapshot([
      zone('corp.internal.', [a('db.corp.internal.', '10.0.0.5')], { id: 'ZPRIV1', privateZone: true, vpcs: [vpc] }),
      zone('example.com.', [a('www.example.com.', '10.0.0.80')], { id: 'ZPRIV2', privateZone: true, vpcs: [vpc] }),
      zone('example.com.', [a('www.example.com.', '192.0.2.80')], { id: 'ZPUB' }),
    ]));
    expect(data(ask(engine, 'db.corp.internal', 'A', { edns: { subnet: '10.5.1.0/24' } }))).toEqual(['10.0.0.5']);
    expect(ask(engine, 'db.corp.internal', 'A', { edns: { subnet: '10.1.1.0/24' } }).rcode).toBe(5);
    expect(ask(engine, 'db.corp.internal', 'A').rcode).toBe(5);
    expect(data(ask(engine, 'www.example.com', 'A', { from: '10.5.0.9' }))).toEqual(['10.0.0.80']);
    expect(data(ask(engine, 'www.example.com', 'A'))).toEqual(['192.0.2.80']);
  });
});

describe('resolve() for TestDNSAnswer', () => {
  it('answers a question given as text, for a client given by subnet', () => {
    const lat = (Region: string, ip: string) => ({ ...a('l.example.com.', ip), SetIdentifier: Region, Region });
    const { engine } = engineFor(snapshot([zone('example.com.', [lat('us-east-1', '192.0.2.1'), lat('eu-west-1', '192.0.2.2')])]));
    expect(engine.resolve({ name: 'l.example.com', type: 'A' }, { subnet: '10.1.0.0/24' })).toEqual({
      rcode: 'NOERROR', authoritative: true, answer: [{ name: 'l.example.com.', type: 'A', ttl: 60, value: '192.0.2.2' }], authority: [], additional: [],
    });
    expect(engine.resolve({ name: 'nope.example.com.', type: 'A' }).rcode).toBe('NXDOMAIN');
    expect(engine.resolve({ name: 'x.example.org', type: 'A' }).rcode).toBe('REFUSED');
  });
});

describe('TestDNSAnswer', () => {
  it('answers from the named zone, as the given client subnet would be answered', async () => {
    const { testDnsAnswer } = await import('./engine');
    const lat = (Region: string, ip: string) => ({ ...a('l.example.com.', ip), SetIdentifier: Region, Region });
    const { engine } = engineFor(snapshot([zone('example.com.', [lat('us-east-1', '192.0.2.1'), lat('eu-west-1', '192.0.2.2'),
      { Name: 'c.example.com.', Type: 'CNAME', TTL: 60, ResourceRecords: [{ Value: 'l.example.com' }] }])]));
    expect(testDnsAnswer(engine, { HostedZoneId: '/hostedzone/ZEXAMPLECOM', RecordName: 'l.example.com', RecordType: 'A', EDNS0ClientSubnetIP: '10.1.0.0', EDNS0ClientSubnetMask: '24' })).toEqual({
      Nameserver: 'ns-1.awsdns-01.org', RecordName: 'l.example.com', RecordType: 'A', RecordData: ['192.0.2.2'], ResponseCode: 'NOERROR', Protocol: 'UDP',
    });
    expect(testDnsAnswer(engine, { HostedZoneId: 'ZEXAMPLECOM', RecordName: 'c.example.com', RecordType: 'A' })?.RecordData).toEqual(['l.example.com']);
    expect(testDnsAnswer(engine, { HostedZoneId: 'ZEXAMPLECOM', RecordName: 'none.example.com', RecordType: 'A' })?.ResponseCode).toBe('NXDOMAIN');
    expect(testDnsAnswer(engine, { HostedZoneId: 'ZNOPE', RecordName: 'l.example.com', RecordType: 'A' })).toBeUndefined();
  });
});
