// What the DNS server reads: a snapshot of Route 53's zones, and a signal when they change.
// The types mirror the Route 53 API model so the route53 service can hand its rows over as they are,
// and this folder never imports route53 at compile time.
import type { Platform } from '../core/platform';

export interface ResourceRecordSet {
  Name: string;
  Type: string;
  TTL?: number;
  ResourceRecords?: { Value: string }[];
  SetIdentifier?: string;
  Weight?: number;
  Region?: string;
  Failover?: 'PRIMARY' | 'SECONDARY' | string;
  GeoLocation?: { ContinentCode?: string; CountryCode?: string; SubdivisionCode?: string };
  GeoProximityLocation?: {
    AWSRegion?: string;
    LocalZoneGroup?: string;
    Coordinates?: { Latitude: string | number; Longitude: string | number };
    Bias?: number;
  };
  MultiValueAnswer?: boolean;
  HealthCheckId?: string;
  AliasTarget?: { HostedZoneId: string; DNSName: string; EvaluateTargetHealth: boolean };
  CidrRoutingConfig?: { CollectionId: string; LocationName: string };
}

export interface SnapshotZone {
  id: string;
  name: string; // 'example.com.' lower-case, trailing dot
  accountId: string;
  privateZone: boolean;
  vpcs: { VPCRegion: string; VPCId: string }[];
  recordSets: ResourceRecordSet[];
}

export interface Route53Snapshot {
  zones: SnapshotZone[];
  healthy(healthCheckId: string): boolean; // unknown id -> true
  cidrCollections: { id: string; locations: { name: string; cidrs: string[] }[] }[];
}

export interface ZoneSource {
  snapshot(): Route53Snapshot;
  /** fn runs after each change to zones, records, VPC associations or health; returns unsubscribe. */
  onChange(fn: () => void): () => void;
}

interface Route53Api {
  zoneSnapshot(platform: Platform): Route53Snapshot;
  onZonesChanged(fn: () => void): () => void;
}

export const EMPTY_SNAPSHOT: Route53Snapshot = { zones: [], healthy: () => true, cidrCollections: [] };

/** Zones from the route53 service of this platform, loaded on first use; none when route53 is absent. */
export function route53Source(platform: Platform): ZoneSource {
  // links.ts is read on first use, off kanri's start-up path.
  const api = () => (require('../services/links') as typeof import('../services/links')).serviceApi<Route53Api>('route53');
  return {
    snapshot: () => api()?.zoneSnapshot(platform) ?? EMPTY_SNAPSHOT,
    onChange: (fn) => api()?.onZonesChanged(fn) ?? (() => {}),
  };
}

/** A snapshot as plain data (health decided for every check the records name): what worker processes get over IPC. */
export interface PlainSnapshot {
  zones: SnapshotZone[];
  unhealthy: string[];
  cidrCollections: Route53Snapshot['cidrCollections'];
}

export function toPlain(snapshot: Route53Snapshot): PlainSnapshot {
  const unhealthy = new Set<string>();
  for (const z of snapshot.zones) {
    for (const s of z.recordSets) {
      const id = s.HealthCheckId;
      if (id && !unhealthy.has(id) && !healthyOrTrue(snapshot, id)) unhealthy.add(id);
    }
  }
  return { zones: snapshot.zones, unhealthy: [...unhealthy], cidrCollections: snapshot.cidrCollections };
}

export function fromPlain(plain: PlainSnapshot): Route53Snapshot {
  const unhealthy = new Set(plain.unhealthy);
  return { zones: plain.zones, healthy: (id) => !unhealthy.has(id), cidrCollections: plain.cidrCollections };
}

function healthyOrTrue(snapshot: Route53Snapshot, id: string): boolean {
  try {
    return snapshot.healthy(id) !== false;
  } catch {
    return true; // as the index treats a failing health lookup
  }
}

/** A source over a fixed or swappable snapshot: for tests and tools. */
export function memorySource(initial: Route53Snapshot = EMPTY_SNAPSHOT) {
  let current = initial;
  const listeners = new Set<() => void>();
  return {
    snapshot: () => current,
    onChange(fn: () => void) {
      listeners.add(fn);
      return () => void listeners.delete(fn);
    },
    set(next: Route53Snapshot) {
      current = next;
      for (const fn of listeners) fn();
    },
  };
}
