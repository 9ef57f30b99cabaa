// ChangeResourceRecordSets: the batch is checked change by change against the zone as the
// earlier changes left it; every problem is collected and the batch applies all or nothing.
import type { RequestContext } from '../types';
import type { ResourceRecordSet } from './api';
import { invalidChangeBatch, noSuchHealthCheck } from './errors';
import { canonicalName, inZone, sortKey } from './names';
import { valueProblem } from './record-values';
import { normalizeRecordSet, policyName, policyOf, sameRecordSet } from './record-set';
import { deleteRecordsAtName, findZone, putRecord, recordsAtName, type ZoneRow } from './store';
import { healthCheckExists } from './health/store';
import { cidrLocationExists } from './ops/cidr';

const keyOf = (r: ResourceRecordSet) => `${r.Type}\u0000${r.SetIdentifier ?? ''}`;

function describe(r: ResourceRecordSet): string {
  return `[name='${r.Name}', type='${r.Type}'${r.SetIdentifier !== undefined ? `, set-identifier='${r.SetIdentifier}'` : ''}]`;
}

/** The zone's record sets at the names a batch touches, changed in memory until the batch is valid. */
class WorkingSet {
  private byName = new Map<string, Map<string, ResourceRecordSet>>();
  constructor(private readonly ctx: RequestContext, readonly zone: ZoneRow) {}

  at(name: string): Map<string, ResourceRecordSet> {
    const sort = sortKey(name);
    let sets = this.byName.get(sort);
    if (!sets) {
      sets = new Map(recordsAtName(this.ctx.platform.storage, this.zone.zoneId, sort).map((r) => [keyOf(r as ResourceRecordSet), r as ResourceRecordSet]));
      this.byName.set(sort, sets);
    }
    return sets;
  }

  write(): void {
    const s = this.ctx.platform.storage;
    for (const [sort, sets] of this.byName) {
      deleteRecordsAtName(s, this.zone.zoneId, sort);
      for (const r of sets.values()) putRecord(s, this.zone.zoneId, { sortName: sort, type: r.Type, setIdentifier: r.SetIdentifier ?? '' }, r);
    }
  }
}

/** Problems of a record set on its own: its place in the zone and its values. */
function ownProblems(ctx: RequestContext, zone: ZoneRow, r: ResourceRecordSet): string[] {
  const out: string[] = [];
  if (!inZone(r.Name, zone.name)) return [`RRSet with DNS name ${r.Name} is not permitted in zone ${zone.name}`];
  if (r.Type === 'CNAME' && r.Name === zone.name) out.push(`RRSet of type CNAME with DNS name ${r.Name} is not permitted at apex in zone ${zone.name}`);
  if (r.Type === 'SOA' && r.Name !== zone.name) out.push(`RRSet of type SOA with DNS name ${r.Name} is not permitted because SOA records are only permitted at the apex of zone ${zone.name}`);
  if (r.Type === 'DS' && r.Name === zone.name) out.push(`RRSet of type DS with DNS name ${r.Name} is not permitted at apex in zone ${zone.name}`);
  if (r.Name === zone.name && (r.Type === 'NS' || r.Type === 'SOA') && r.SetIdentifier !== undefined) out.push(`RRSet of type ${r.Type} with DNS name ${r.Name} cannot have a routing policy at the apex of zone ${zone.name}`);
  const values = r.ResourceRecords?.map((v) => v.Value) ?? [];
  for (const v of values) {
    const problem = valueProblem(r.Type, v);
    if (problem) out.push(problem);
  }
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) out.push(`Duplicate Resource Record: '${v}'`);
    seen.add(v);
  }
  if ((r.Type === 'CNAME' || r.Type === 'SOA') && values.length > 1) out.push(`RRSet of type ${r.Type} with DNS name ${r.Name} has more than one resource record`);
  if (r.MultiValueAnswer !== undefined && r.AliasTarget) out.push(`RRSet with DNS name ${r.Name}, type ${r.Type}, SetIdentifier ${r.SetIdentifier} cannot be an alias: multivalue answer record sets cannot be aliases`);
  if (r.CidrRoutingConfig && !cidrLocationExists(ctx, r.CidrRoutingConfig.CollectionId, r.CidrRoutingConfig.LocationName)) {
    out.push(`CIDR location ${r.CidrRoutingConfig.LocationName} does not exist in CIDR collection ${r.CidrRoutingConfig.CollectionId}`);
  }
  return out;
}

/** Problems of adding r next to the record sets already at its name. */
function conflicts(zone: ZoneRow, r: ResourceRecordSet, sets: Map<string, ResourceRecordSet>): string[] {
  const others = [...sets.values()].filter((o) => keyOf(o) !== keyOf(r));
  if (r.Type === 'CNAME' && others.some((o) => o.Type !== 'CNAME')) {
    return [`RRSet of type CNAME with DNS name ${r.Name} is not permitted as it conflicts with other records with the same DNS name in zone ${zone.name}`];
  }
  if (r.Type !== 'CNAME' && others.some((o) => o.Type === 'CNAME')) {
    return [`RRSet of type ${r.Type} with DNS name ${r.Name} is not permitted because a conflicting RRSet of type CNAME with the same DNS name already exists in zone ${zone.name}`];
  }
  const sameType = others.filter((o) => o.Type === r.Type);
  if (!sameType.length) return [];
  const policy = policyOf(r);
  const other = sameType.find((o) => policyOf(o) !== policy);
  if (other) {
    return policy === 'simple'
      ? [`RRSet with DNS name ${r.Name}, type ${r.Type} cannot be created as a ${policyName(policyOf(other))} set exists with the same name and type.`]
      : [`RRSet with DNS name ${r.Name}, type ${r.Type}, SetIdentifier ${r.SetIdentifier} cannot be created as a non-${policyName(policy)} set exists with the same name and type.`];
  }
  const clash = (what: string, same: (o: ResourceRecordSet) => boolean) => {
    const o = sameType.find(same);
    return o ? [`RRSet with DNS name ${r.Name}, type ${r.Type}, SetIdentifier ${r.SetIdentifier} cannot be created because the ${policyName(policy)} set ${o.SetIdentifier} already has the same ${what}.`] : [];
  };
  switch (policy) {
    case 'Failover': return clash(`failover role ${r.Failover}`, (o) => o.Failover === r.Failover);
    case 'Region': return clash(`region ${r.Region}`, (o) => o.Region === r.Region);
    case 'GeoLocation': return clash('location', (o) => JSON.stringify(o.GeoLocation) === JSON.stringify(r.GeoLocation));
    case 'CidrRoutingConfig':
      if (sameType.some((o) => o.CidrRoutingConfig!.CollectionId !== r.CidrRoutingConfig!.CollectionId)) {
        return [`RRSet with DNS name ${r.Name}, type ${r.Type}, SetIdentifier ${r.SetIdentifier} must use the same CIDR collection as the other record sets with the same name and type.`];
      }
      return clash('CIDR location', (o) => o.CidrRoutingConfig!.LocationName === r.CidrRoutingConfig!.LocationName);
    default: return [];
  }
}

/** An alias to a record in a kanri zone needs its target to be there; other targets (S3, ELB...) are taken as given. */
function aliasProblems(ctx: RequestContext, work: WorkingSet, r: ResourceRecordSet): string[] {
  const alias = r.AliasTarget;
  if (!alias) return [];
  const target = alias.HostedZoneId === work.zone.zoneId ? work.zone : findZone(ctx.platform.storage, alias.HostedZoneId);
  if (!target) return [];
  const prefix = `Tried to create an alias that targets ${alias.DNSName}, type ${r.Type} in zone ${alias.HostedZoneId}`;
  if (!inZone(alias.DNSName, target.name)) return [`${prefix}, but the alias target name does not lie within the target zone`];
  const sets = target.zoneId === work.zone.zoneId ? [...work.at(alias.DNSName).values()]
    : recordsAtName(ctx.platform.storage, target.zoneId, sortKey(alias.DNSName)) as ResourceRecordSet[];
  if (!sets.some((o) => o.Type === r.Type || o.Type === 'CNAME')) return [`${prefix}, but that target was not found`];
  return [];
}

/** The names a CNAME or an alias to this zone leads to next. */
function nextNames(work: WorkingSet, name: string, type: string): string[] {
  const out: string[] = [];
  for (const o of work.at(name).values()) {
    if (o.Type === 'CNAME' && o.ResourceRecords?.length) {
      const target = canonicalName(o.ResourceRecords[0].Value);
      if (target) out.push(target);
    }
    if (o.AliasTarget && o.AliasTarget.HostedZoneId === work.zone.zoneId && (o.Type === type || o.Type === 'CNAME')) out.push(o.AliasTarget.DNSName);
  }
  return out.filter((n) => inZone(n, work.zone.name));
}

/** Whether following CNAMEs and aliases from r's targets comes back to r's name. */
function makesLoop(work: WorkingSet, r: ResourceRecordSet): boolean {
  if (r.Type !== 'CNAME' && !r.AliasTarget) return false;
  let frontier = nextNames(work, r.Name, r.Type);
  const seen = new Set<string>();
  for (let depth = 0; depth < 32 && frontier.length; depth++) {
    if (frontier.includes(r.Name)) return true;
    const next: string[] = [];
    for (const n of frontier) {
      if (seen.has(n)) continue;
      seen.add(n);
      next.push(...nextNames(work, n, r.Type));
    }
    frontier = next;
  }
  return false;
}

export function applyChangeBatch(ctx: RequestContext, zone: ZoneRow, changes: any[]): void {
  const sets = changes.map((c) => ({ action: c.Action as string, rrs: normalizeRecordSet(c.Action, c.ResourceRecordSet) }));
  for (const { rrs } of sets) {
    if (rrs.HealthCheckId !== undefined && !healthCheckExists(ctx, rrs.HealthCheckId)) throw noSuchHealthCheck(rrs.HealthCheckId);
  }
  const work = new WorkingSet(ctx, zone);
  const messages: string[] = [];
  for (const { action, rrs } of sets) {
    const own = ownProblems(ctx, zone, rrs);
    if (own.length) {
      messages.push(...own);
      continue;
    }
    const atName = work.at(rrs.Name);
    const current = atName.get(keyOf(rrs));
    const apexRequired = rrs.Name === zone.name && (rrs.Type === 'NS' || rrs.Type === 'SOA');
    if (action === 'DELETE') {
      if (!current) messages.push(`Tried to delete resource record set ${describe(rrs)} but it was not found`);
      else if (!sameRecordSet(current, rrs)) messages.push(`Tried to delete resource record set ${describe(rrs)} but the values provided do not match the current values`);
      else if (apexRequired) messages.push(rrs.Type === 'NS' ? 'A HostedZone must contain at least one NS record for the zone itself.' : 'A HostedZone must contain exactly one SOA record.');
      else atName.delete(keyOf(rrs));
      continue;
    }
    if (action === 'CREATE' && current) {
      messages.push(`Tried to create resource record set ${describe(rrs)} but it already exists`);
      continue;
    }
    const problems = [...conflicts(zone, rrs, atName), ...aliasProblems(ctx, work, rrs)];
    if (problems.length) {
      messages.push(...problems);
      continue;
    }
    const previous = atName.get(keyOf(rrs));
    atName.set(keyOf(rrs), rrs);
    if (makesLoop(work, rrs)) {
      messages.push(`RRSet of type ${rrs.Type} with DNS name ${rrs.Name} is not permitted as it creates a CNAME or alias loop in the zone`);
      if (previous) atName.set(keyOf(rrs), previous);
      else atName.delete(keyOf(rrs));
    }
  }
  if (messages.length) throw invalidChangeBatch(messages);
  work.write();
}
