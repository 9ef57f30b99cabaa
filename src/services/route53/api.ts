// What other parts of kanri may use of Route 53: the zones as the DNS server serves them, and a
// signal after every change to zones, record sets, VPC associations or health status.
import type { Platform } from '../../core/platform';
import type { Row } from '../../storage/database';
import { isHealthy } from './health/state';

export interface ResourceRecordSet {
  Name: string;
  Type: string;
  SetIdentifier?: string;
  Weight?: number;
  Region?: string;
  GeoLocation?: { ContinentCode?: string; CountryCode?: string; SubdivisionCode?: string };
  Failover?: 'PRIMARY' | 'SECONDARY';
  MultiValueAnswer?: boolean;
  TTL?: number;
  ResourceRecords?: { Value: string }[];
  AliasTarget?: { HostedZoneId: string; DNSName: string; EvaluateTargetHealth: boolean };
  HealthCheckId?: string;
  GeoProximityLocation?: { AWSRegion?: string; LocalZoneGroup?: string; Coordinates?: { Latitude: string; Longitude: string }; Bias?: number };
  CidrRoutingConfig?: { CollectionId: string; LocationName: string };
}

export interface Route53Snapshot {
  zones: {
    id: string; // Z0123..., without /hostedzone/
    name: string; // 'example.com.', lower case with the trailing dot
    accountId: string;
    privateZone: boolean;
    vpcs: { VPCRegion: string; VPCId: string }[];
    recordSets: ResourceRecordSet[];
  }[];
  /** The status the probes decided; an unknown id is healthy. */
  healthy(healthCheckId: string): boolean;
  cidrCollections: { id: string; locations: { name: string; cidrs: string[] }[] }[];
}

/** Every zone of every account with its record sets (NS and SOA included), read in one pass. */
export function zoneSnapshot(platform: Platform): Route53Snapshot {
  platform.service('route53'); // its tables exist once it is loaded
  const s = platform.storage;
  const recordsByZone = new Map<string, ResourceRecordSet[]>();
  for (const r of s.stmt('SELECT zone_id, doc FROM route53_records ORDER BY zone_id, sort_name, type, set_identifier').all() as Row[]) {
    let list = recordsByZone.get(r.zone_id);
    if (!list) recordsByZone.set(r.zone_id, (list = []));
    list.push(JSON.parse(r.doc));
  }
  const vpcsByZone = new Map<string, { VPCRegion: string; VPCId: string }[]>();
  for (const r of s.stmt('SELECT zone_id, vpc_region, vpc_id FROM route53_zone_vpcs ORDER BY rowid').all() as Row[]) {
    let list = vpcsByZone.get(r.zone_id);
    if (!list) vpcsByZone.set(r.zone_id, (list = []));
    list.push({ VPCRegion: r.vpc_region, VPCId: r.vpc_id });
  }
  const zones = (s.stmt('SELECT zone_id, name, account_id, private_zone FROM route53_zones ORDER BY zone_id').all() as Row[]).map((z) => ({
    id: z.zone_id as string, name: z.name as string, accountId: z.account_id as string, privateZone: z.private_zone === 1,
    vpcs: vpcsByZone.get(z.zone_id) ?? [], recordSets: recordsByZone.get(z.zone_id) ?? [],
  }));
  const locations = new Map<string, Map<string, string[]>>();
  for (const r of s.stmt('SELECT collection_id, location, cidr FROM route53_cidr_blocks ORDER BY collection_id, location, cidr').all() as Row[]) {
    let byLocation = locations.get(r.collection_id);
    if (!byLocation) locations.set(r.collection_id, (byLocation = new Map()));
    byLocation.set(r.location, [...(byLocation.get(r.location) ?? []), r.cidr]);
  }
  const cidrCollections = (s.stmt('SELECT id FROM route53_cidr_collections ORDER BY id').all() as Row[]).map((c) => ({
    id: c.id as string, locations: [...(locations.get(c.id) ?? new Map<string, string[]>())].map(([name, cidrs]) => ({ name, cidrs })),
  }));
  return { zones, healthy: (id: string) => isHealthy(platform, id), cidrCollections };
}

const listeners = new Set<() => void>();
let pending = false;

/** fn runs after every commit that changed zones, record sets, VPC associations or health; returns an unsubscribe. */
export function onZonesChanged(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Called inside the changing transaction: listeners run once it has committed (after the request's synchronous part). */
export function notifyZonesChanged(): void {
  if (pending) return;
  pending = true;
  setImmediate(() => {
    pending = false;
    for (const fn of [...listeners]) {
      try {
        fn();
      } catch (err) {
        console.error(`kanri: a Route 53 zone listener failed: ${(err as Error).message}`);
      }
    }
  });
}
