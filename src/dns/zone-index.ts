// The zones the server answers from, indexed once per snapshot: names to nodes, nodes to record
// groups by type, rdata already in wire form. The server swaps in a new index when Route 53 says
// zones changed; a query never scans record sets.
import { parseCidr, type Cidr } from './cidr';
import { inZone, keyFromText, parentKey, ROOT_KEY } from './names';
import { encodeRdata, soaMinimum } from './rdata';
import type { ResourceRecordSet, Route53Snapshot } from './source';
import { TYPE, type WireRecord } from './wire';

export type Policy = 'simple' | 'weighted' | 'latency' | 'failover' | 'geolocation' | 'geoproximity' | 'multivalue' | 'cidr';

export interface IndexedSet {
  set: ResourceRecordSet;
  type: number;
  ttl: number;
  records: WireRecord[]; // owner null: written with whatever owner the answer needs
  healthy: boolean; // its own health check; aliases that evaluate target health are checked per query
  alias?: { zoneId: string; targetKey: string; evaluate: boolean };
}

export interface RecordGroup { type: number; policy: Policy; sets: IndexedSet[] }

export interface ZoneNode { key: string; groups: Map<number, RecordGroup> }

export interface IndexedZone {
  id: string;
  key: string; // apex
  privateZone: boolean;
  vpcs: Set<string>;
  nodes: Map<string, ZoneNode>;
  /** Every name that exists, empty non-terminals included: NODATA rather than NXDOMAIN. */
  existing: Set<string>;
  /** Names below the apex that carry NS records: where this zone delegates. */
  cuts: Set<string>;
  soa: WireRecord | null; // owner = apex, TTL = the negative-answer TTL
}

function policyOf(s: ResourceRecordSet): Policy {
  if (s.Weight !== undefined) return 'weighted';
  if (s.Region !== undefined) return 'latency';
  if (s.Failover !== undefined) return 'failover';
  if (s.GeoLocation !== undefined) return 'geolocation';
  if (s.GeoProximityLocation !== undefined) return 'geoproximity';
  if (s.MultiValueAnswer) return 'multivalue';
  if (s.CidrRoutingConfig !== undefined) return 'cidr';
  return 'simple';
}

function indexSet(s: ResourceRecordSet, type: number, healthy: (id: string) => boolean): IndexedSet {
  const ttl = Math.max(0, Math.min(Number(s.TTL ?? 300) || 0, 2147483647));
  const records: WireRecord[] = [];
  for (const rr of s.ResourceRecords ?? []) {
    const rdata = encodeRdata(type, String(rr?.Value ?? ''));
    if (rdata) records.push({ owner: null, type, ttl, rdata, value: String(rr.Value) });
  }
  const out: IndexedSet = { set: s, type, ttl, records, healthy: s.HealthCheckId ? safeHealthy(healthy, s.HealthCheckId) : true };
  const target = s.AliasTarget?.DNSName ? keyFromText(String(s.AliasTarget.DNSName)) : null;
  if (s.AliasTarget && target) {
    out.alias = { zoneId: String(s.AliasTarget.HostedZoneId ?? ''), targetKey: target, evaluate: s.AliasTarget.EvaluateTargetHealth === true };
  }
  return out;
}

function safeHealthy(healthy: (id: string) => boolean, id: string): boolean {
  try {
    return healthy(id) !== false;
  } catch {
    return true;
  }
}

export class ZoneIndex {
  readonly byApex = new Map<string, IndexedZone[]>();
  readonly byId = new Map<string, IndexedZone>();
  /** CIDR collection id -> location name -> CIDRs, for IP-based routing. */
  readonly cidrLocations = new Map<string, Map<string, Cidr[]>>();
  readonly hasPrivateZones: boolean;

  constructor(snapshot: Route53Snapshot) {
    let anyPrivate = false;
    for (const z of snapshot.zones ?? []) {
      const apex = keyFromText(String(z.name ?? ''));
      if (apex === null) continue;
      const zone = this.indexZone(z.id, apex, z, snapshot.healthy);
      anyPrivate ||= zone.privateZone;
      const list = this.byApex.get(zone.key) ?? [];
      list.push(zone);
      this.byApex.set(zone.key, list);
      this.byId.set(z.id, zone);
      this.byId.set(z.id.replace(/^\/hostedzone\//, ''), zone);
    }
    this.hasPrivateZones = anyPrivate;
    for (const c of snapshot.cidrCollections ?? []) {
      const locations = new Map<string, Cidr[]>();
      for (const l of c.locations ?? []) locations.set(l.name, (l.cidrs ?? []).map(parseCidr).filter((x): x is Cidr => x !== null));
      this.cidrLocations.set(c.id, locations);
    }
  }

  private indexZone(id: string, key: string, z: Route53Snapshot['zones'][number], healthy: (id: string) => boolean): IndexedZone {
    const zone: IndexedZone = {
      id, key, privateZone: z.privateZone === true, vpcs: new Set((z.vpcs ?? []).map((v) => v.VPCId)),
      nodes: new Map(), existing: new Set([key]), cuts: new Set(), soa: null,
    };
    for (const s of z.recordSets ?? []) {
      const type = (TYPE as Record<string, number>)[s.Type];
      const name = type === undefined ? null : keyFromText(String(s.Name ?? ''));
      if (type === undefined || name === null) continue;
      if (!inZone(name, key)) continue; // not inside this zone
      let node = zone.nodes.get(name);
      if (!node) zone.nodes.set(name, (node = { key: name, groups: new Map() }));
      let group = node.groups.get(type);
      if (!group) node.groups.set(type, (group = { type, policy: policyOf(s), sets: [] }));
      group.sets.push(indexSet(s, type, healthy));
      for (let k: string | null = name; k && k !== key && !zone.existing.has(k); k = parentKey(k)) zone.existing.add(k);
      if (type === TYPE.NS && name !== key) zone.cuts.add(name);
      if (type === TYPE.SOA && name === key && s.ResourceRecords?.[0]) {
        const soa = group.sets[0].records[0];
        const min = soaMinimum(s.ResourceRecords[0].Value);
        if (soa) zone.soa = { owner: key, type: TYPE.SOA, ttl: Math.min(soa.ttl, min), rdata: soa.rdata, value: soa.value };
      }
    }
    return zone;
  }

  /**
   * The zone that answers for a name: the longest-matching private zone associated with one of the
   * client's VPCs, else the longest-matching public zone, else none (REFUSED).
   */
  findZone(qkey: string, vpcs: () => string[]): IndexedZone | null {
    if (this.hasPrivateZones) {
      let clientVpcs: string[] | undefined;
      for (let k: string | null = qkey; k !== null; k = parentKey(k)) {
        const zones = this.byApex.get(k);
        if (!zones) continue;
        for (const z of zones) {
          if (!z.privateZone) continue;
          clientVpcs ??= vpcs();
          if (clientVpcs.some((v) => z.vpcs.has(v))) return z;
        }
      }
    }
    for (let k: string | null = qkey; k !== null; k = parentKey(k)) {
      const zones = this.byApex.get(k);
      if (!zones) continue;
      for (const z of zones) if (!z.privateZone) return z;
      if (k === ROOT_KEY) break;
    }
    return null;
  }

  /** True when a private zone's apex is the name or one of its ancestors: the zone chosen depends on the client. */
  privateZoneCovers(qkey: string): boolean {
    if (!this.hasPrivateZones) return false;
    for (let k: string | null = qkey; k !== null; k = parentKey(k)) if (this.byApex.get(k)?.some((z) => z.privateZone)) return true;
    return false;
  }
}
