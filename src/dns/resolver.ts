// Authoritative lookup in the indexed zones (RFC 1034 4.3.2, wildcards per RFC 4592): which zone
// answers, delegations with glue, CNAME chasing inside the zone, aliases resolved to their target's
// records, NXDOMAIN vs NODATA with the SOA, and the routing policy applied for the asking client.
import { inZone, keyOf, parentKey, wildcardKey } from './names';
import { route, type Asker } from './routing';
import { RCODE, TYPE, type WireRecord } from './wire';
import type { IndexedSet, IndexedZone, RecordGroup, ZoneIndex } from './zone-index';

export interface Resolution {
  rcode: number;
  aa: boolean;
  answer: WireRecord[];
  authority: WireRecord[];
  additional: WireRecord[];
  /** The answer depends on who asked or on chance (routing, private zones): never cache it. */
  variable: boolean;
  zone: IndexedZone | null;
}

const MAX_CHAIN = 8;

class Lookup {
  variable = false;
  constructor(readonly index: ZoneIndex, readonly asker: Asker) {}

  healthy = (s: IndexedSet): boolean => this.setHealthy(s, 0);

  private setHealthy(s: IndexedSet, depth: number): boolean {
    if (!s.healthy) return false;
    if (!s.alias?.evaluate || depth > MAX_CHAIN) return true;
    const group = this.aliasGroup(s);
    if (group === undefined) return true; // a target outside kanri: nothing to evaluate
    return group !== null && group.sets.some((t) => this.setHealthy(t, depth + 1));
  }

  /** The group an alias points at; undefined when its zone is not kanri's, null when the record is missing. */
  private aliasGroup(s: IndexedSet): RecordGroup | null | undefined {
    const a = s.alias!;
    const zone = this.index.byId.get(a.zoneId) ?? this.index.findZone(a.targetKey, () => []);
    if (!zone || !inZone(a.targetKey, zone.key)) return undefined;
    return zone.nodes.get(a.targetKey)?.groups.get(s.type) ?? null;
  }

  /** The records of a group for this client, aliases followed, written with the given owner. */
  emit(group: RecordGroup, owner: string | null, out: WireRecord[], depth = 0): void {
    if (group.policy !== 'simple') this.variable = true;
    for (const s of route(group, this.healthy, this.asker, this.index)) {
      if (s.alias) {
        if (depth >= MAX_CHAIN) continue;
        const target = this.aliasGroup(s);
        if (target) this.emit(target, owner, out, depth + 1);
        continue;
      }
      for (const r of s.records) out.push(owner === null ? r : { ...r, owner });
    }
  }
}

function negative(res: Resolution, zone: IndexedZone, rcode: number): Resolution {
  res.rcode = rcode;
  if (zone.soa) res.authority.push(zone.soa);
  return res;
}

/** The delegation point at or above name (below the apex), if the zone cuts there. */
function cutAbove(zone: IndexedZone, name: string): string | null {
  if (zone.cuts.size === 0) return null;
  let found: string | null = null;
  for (let k: string | null = name; k !== null && k !== zone.key; k = parentKey(k)) if (zone.cuts.has(k)) found = k;
  return found;
}

function referral(res: Resolution, zone: IndexedZone, cut: string, look: Lookup): Resolution {
  res.aa = false;
  const ns = zone.nodes.get(cut)!.groups.get(TYPE.NS)!;
  look.emit(ns, cut, res.authority);
  for (const rr of res.authority) {
    const target = keyOf(rr.rdata); // NS rdata is the target's uncompressed wire name
    if (!inZone(target, zone.key)) continue; // glue only for names inside this zone
    const node = zone.nodes.get(target);
    for (const t of [TYPE.A, TYPE.AAAA]) {
      const g = node?.groups.get(t);
      if (g) look.emit(g, target, res.additional);
    }
  }
  return res;
}

/** Answers one question for one client. */
export function resolveIn(index: ZoneIndex, qkey: string, qtype: number, asker: Asker, onlyZone?: IndexedZone): Resolution {
  const look = new Lookup(index, asker);
  const zone = onlyZone ? (inZone(qkey, onlyZone.key) ? onlyZone : null) : index.findZone(qkey, () => asker.network().vpcs);
  const res: Resolution = { rcode: RCODE.NOERROR, aa: true, answer: [], authority: [], additional: [], variable: index.privateZoneCovers(qkey), zone };
  if (!zone) {
    res.rcode = RCODE.REFUSED;
    res.aa = false;
    return res;
  }
  let name = qkey;
  for (let chain = 0; ; chain++) {
    const cut = cutAbove(zone, name);
    if (cut !== null && !(cut === name && qtype === TYPE.DS)) {
      if (res.answer.length) break; // a CNAME led into a delegation: stop there
      referral(res, zone, cut, look);
      break;
    }
    const owner = name === qkey ? null : name;
    let node = zone.nodes.get(name);
    if (!node) {
      if (zone.existing.has(name)) return finish(negative(res, zone, RCODE.NOERROR), look);
      let encloser = parentKey(name)!;
      while (!zone.existing.has(encloser)) encloser = parentKey(encloser)!;
      node = zone.nodes.get(wildcardKey(encloser));
      if (!node) return finish(negative(res, zone, RCODE.NXDOMAIN), look);
    }
    if (qtype === TYPE.ANY) {
      for (const g of node.groups.values()) look.emit(g, owner, res.answer);
      break;
    }
    const group = node.groups.get(qtype);
    if (group) {
      const before = res.answer.length;
      look.emit(group, owner, res.answer);
      if (res.answer.length === before && before === 0) return finish(negative(res, zone, RCODE.NOERROR), look);
      break;
    }
    const cname = qtype === TYPE.CNAME ? undefined : node.groups.get(TYPE.CNAME);
    if (!cname) {
      if (res.answer.length === 0) return finish(negative(res, zone, RCODE.NOERROR), look);
      break;
    }
    const before = res.answer.length;
    look.emit(cname, owner, res.answer);
    if (res.answer.length === before) break;
    const target = keyOf(res.answer[res.answer.length - 1].rdata);
    if (!inZone(target, zone.key) || chain + 1 >= MAX_CHAIN || target === name) break; // outside the zone: the client's resolver goes on
    name = target;
  }
  return finish(res, look);
}

function finish(res: Resolution, look: Lookup): Resolution {
  res.variable ||= look.variable;
  return res;
}

