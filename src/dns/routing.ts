// Route 53's routing policies: from the record sets of one name and type, the ones this client gets.
// `healthy` says whether a set may be answered; when none of a group is healthy, Route 53 answers as
// if all were (its documented rule), so each policy falls back to the whole group.
import { addressBits, contains } from './cidr';
import type { ClientNetwork } from './clients';
import { distanceKm, REGIONS, regionOfLocalZoneGroup } from './regions';
import type { IndexedSet, RecordGroup, ZoneIndex } from './zone-index';

export interface Asker {
  address: string; // from the EDNS Client Subnet option, else the source address
  network(): ClientNetwork;
}

type Healthy = (s: IndexedSet) => boolean;

function healthyOrAll(sets: IndexedSet[], healthy: Healthy): IndexedSet[] {
  const ok = sets.filter(healthy);
  return ok.length ? ok : sets;
}

function pickWeighted(sets: IndexedSet[]): IndexedSet {
  let total = 0;
  for (const s of sets) total += Math.max(0, Number(s.set.Weight) || 0);
  if (total === 0) return sets[Math.floor(Math.random() * sets.length)];
  let r = Math.random() * total;
  for (const s of sets) {
    r -= Math.max(0, Number(s.set.Weight) || 0);
    if (r < 0) return s;
  }
  return sets[sets.length - 1];
}

/** Weighted: random in proportion; weight-0 sets only when every non-zero one is unhealthy or all are 0. */
function weighted(sets: IndexedSet[], healthy: Healthy): IndexedSet[] {
  const ok = sets.filter(healthy);
  const pool = ok.length ? ok : sets;
  const nonZero = pool.filter((s) => Number(s.set.Weight) > 0);
  return [pickWeighted(nonZero.length ? nonZero : pool)];
}

function failover(sets: IndexedSet[], healthy: Healthy): IndexedSet[] {
  const primary = sets.find((s) => s.set.Failover === 'PRIMARY');
  const secondary = sets.find((s) => s.set.Failover === 'SECONDARY');
  if (primary && healthy(primary)) return [primary];
  if (secondary && healthy(secondary)) return [secondary];
  const fallback = primary ?? secondary;
  return fallback ? [fallback] : [];
}

function placeOfRegion(region: string | undefined) {
  return region ? REGIONS[region] : undefined;
}

/** Latency: the set whose region is nearest the client (kanri's stand-in for measured latency). */
function latency(sets: IndexedSet[], healthy: Healthy, asker: Asker): IndexedSet[] {
  const client = asker.network();
  let best: IndexedSet | undefined;
  let bestKm = Infinity;
  for (const s of healthyOrAll(sets, healthy)) {
    if (s.set.Region === client.region) return [s];
    const place = placeOfRegion(s.set.Region);
    const km = place ? distanceKm(client, place) : Infinity;
    if (km < bestKm || !best) [best, bestKm] = [s, km];
  }
  return best ? [best] : [];
}

/** Geolocation: subdivision, then country, then continent, then the default ('*'); none -> no answer. */
function geolocation(sets: IndexedSet[], healthy: Healthy, asker: Asker): IndexedSet[] {
  const c = asker.network();
  const rank = (s: IndexedSet): number => {
    const g = s.set.GeoLocation ?? {};
    if (g.CountryCode === '*') return 1;
    if (g.SubdivisionCode) return g.CountryCode === c.country && g.SubdivisionCode === c.subdivision ? 4 : 0;
    if (g.CountryCode) return g.CountryCode === c.country ? 3 : 0;
    if (g.ContinentCode) return g.ContinentCode === c.continent ? 2 : 0;
    return 0;
  };
  const best = (pool: IndexedSet[]) => {
    let top: IndexedSet | undefined;
    let topRank = 0;
    for (const s of pool) {
      const r = rank(s);
      if (r > topRank) [top, topRank] = [s, r];
    }
    return top;
  };
  const hit = best(sets.filter(healthy)) ?? best(sets);
  return hit ? [hit] : [];
}

function proximityPlace(s: IndexedSet) {
  const g = s.set.GeoProximityLocation ?? {};
  if (g.Coordinates) {
    const latitude = Number(g.Coordinates.Latitude), longitude = Number(g.Coordinates.Longitude);
    if (Number.isFinite(latitude) && Number.isFinite(longitude)) return { latitude, longitude };
  }
  return placeOfRegion(g.AWSRegion) ?? placeOfRegion(g.LocalZoneGroup ? regionOfLocalZoneGroup(g.LocalZoneGroup) : undefined);
}

/** Geoproximity: the nearest location after bias; AWS: biased distance = distance * (1 - bias/100). */
function geoproximity(sets: IndexedSet[], healthy: Healthy, asker: Asker): IndexedSet[] {
  const client = asker.network();
  let best: IndexedSet | undefined;
  let bestKm = Infinity;
  for (const s of healthyOrAll(sets, healthy)) {
    const place = proximityPlace(s);
    if (!place) continue;
    const bias = Math.max(-99, Math.min(99, Number(s.set.GeoProximityLocation?.Bias ?? 0) || 0));
    const km = distanceKm(client, place) * (1 - bias / 100);
    if (km < bestKm) [best, bestKm] = [s, km];
  }
  return best ? [best] : [];
}

/** Multivalue: up to eight healthy sets (one value each), in random order. */
function multivalue(sets: IndexedSet[], healthy: Healthy): IndexedSet[] {
  const pool = healthyOrAll(sets, healthy).slice();
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, 8);
}

/** IP-based: the location whose CIDR matches the client most specifically, else the '*' location. */
function cidr(sets: IndexedSet[], healthy: Healthy, asker: Asker, index: ZoneIndex): IndexedSet[] {
  const bits = addressBits(asker.address);
  const choose = (pool: IndexedSet[]) => {
    let best: IndexedSet | undefined;
    let bestPrefix = -1;
    let fallback: IndexedSet | undefined;
    for (const s of pool) {
      const cfg = s.set.CidrRoutingConfig;
      if (!cfg) continue;
      if (cfg.LocationName === '*') { fallback ??= s; continue; }
      if (bits === null) continue;
      for (const c of index.cidrLocations.get(cfg.CollectionId)?.get(cfg.LocationName) ?? []) {
        if (c.prefix > bestPrefix && contains(c, bits)) [best, bestPrefix] = [s, c.prefix];
      }
    }
    return best ?? fallback;
  };
  const hit = choose(sets.filter(healthy)) ?? choose(sets);
  return hit ? [hit] : [];
}

/** The sets of a group this client gets. */
export function route(group: RecordGroup, healthy: Healthy, asker: Asker, index: ZoneIndex): IndexedSet[] {
  const sets = group.sets;
  switch (group.policy) {
    case 'simple': return sets.slice(0, 1);
    case 'weighted': return weighted(sets, healthy);
    case 'failover': return failover(sets, healthy);
    case 'latency': return latency(sets, healthy, asker);
    case 'geolocation': return geolocation(sets, healthy, asker);
    case 'geoproximity': return geoproximity(sets, healthy, asker);
    case 'multivalue': return multivalue(sets, healthy);
    case 'cidr': return cidr(sets, healthy, asker, index);
  }
}
