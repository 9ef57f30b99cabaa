// Hosted zones: create (idempotent by CallerReference), get, list, count, comment, delete.
import type { RequestContext } from '../../types';
import { requireApi } from '../../links';
import { invalidInput, noSuchDelegationSet, r53 } from '../errors';
import { canonicalName, route53Id, sortKey } from '../names';
import {
  addZoneVpc, countRecords, countZones, deleteZoneRows, findZone, insertZone, listZones, putRecord, recordsOf, setZoneComment,
  zoneByReference, zoneVpcs, zonesOfVpc, type ZoneRow,
} from '../store';
import { apexRecords, newNameServers } from '../delegation';
import { findDelegationSet } from './delegation-sets';
import { delegationSetView, emitZone, getZone, newChange, zoneConfiguration, zoneView } from '../views';

export const MAX_HOSTED_ZONES = 500;

type Ec2Api = { findVpc(platform: unknown, accountId: string, region: string, vpcId: string): Record<string, any> | undefined };

/** The VPC must exist in kanri's EC2, in the account that owns it. */
export function checkVpc(ctx: RequestContext, vpc: { VPCId?: string; VPCRegion?: string } | undefined, accountId = ctx.accountId): { VPCId: string; VPCRegion: string } {
  if (!vpc?.VPCId) throw r53('InvalidVPCId', 'The VPC ID is missing.');
  const region = vpc.VPCRegion ?? ctx.region;
  const ec2 = requireApi<Ec2Api>('ec2');
  if (!ec2.findVpc(ctx.platform, accountId, region, vpc.VPCId)) throw r53('InvalidVPCId', `The VPC ${vpc.VPCId} in ${region} region does not exist, or it does not belong to this account.`);
  return { VPCId: vpc.VPCId, VPCRegion: region };
}

/** Two private zones of the same name cannot share a VPC. */
export function checkVpcFree(ctx: RequestContext, zoneName: string, vpc: { VPCId: string; VPCRegion: string }, exceptZone?: string): void {
  for (const other of zonesOfVpc(ctx.platform.storage, vpc.VPCId, vpc.VPCRegion)) {
    const z = findZone(ctx.platform.storage, other);
    if (z && z.zoneId !== exceptZone && z.name === zoneName) {
      throw r53('ConflictingDomainExists', `The VPC ${vpc.VPCId} in ${vpc.VPCRegion} region has already been associated with the hosted zone ${z.zoneId} with the same domain name.`);
    }
  }
}

export function createHostedZone(input: any, ctx: RequestContext) {
  const s = ctx.platform.storage;
  const name = canonicalName(input.Name);
  if (!name || name === '.') throw r53('InvalidDomainName', `${input.Name} is not a valid domain name.`);
  if (zoneByReference(s, ctx.accountId, input.CallerReference)) throw r53('HostedZoneAlreadyExists', 'A hosted zone has already been created with the specified caller reference.');
  const privateZone = input.VPC !== undefined;
  if (input.HostedZoneConfig?.PrivateZone === true && !privateZone) throw invalidInput('A private hosted zone requires a VPC: specify VPCId and VPCRegion.');
  if (privateZone && input.DelegationSetId) throw invalidInput('A reusable delegation set cannot be used with a private hosted zone.');
  if (!privateZone && !name.slice(0, -1).includes('.')) throw r53('InvalidDomainName', `${name.slice(0, -1)} is reserved by AWS!`);
  if (countZones(s, ctx.accountId) >= MAX_HOSTED_ZONES) throw r53('TooManyHostedZones', 'This operation can\'t be completed because the current account has reached the limit on the number of hosted zones.');
  let nameServers: string[];
  let delegationSetId: string | null = null;
  if (input.DelegationSetId) {
    const set = findDelegationSet(ctx, input.DelegationSetId);
    if (!set) throw noSuchDelegationSet(input.DelegationSetId);
    if (listZones(s, ctx.accountId).some((z) => z.delegationSetId === set.id && z.name === name)) {
      throw r53('ConflictingDomainExists', `Cannot create hosted zone with DelegationSetId /delegationset/${set.id} as the DNSName ${name} conflicts with existing ones sharing the delegation set`);
    }
    nameServers = set.nameServers;
    delegationSetId = set.id;
  } else {
    nameServers = privateZone ? [] : newNameServers();
  }
  let vpc: { VPCId: string; VPCRegion: string } | undefined;
  if (privateZone) {
    vpc = checkVpc(ctx, input.VPC);
    checkVpcFree(ctx, name, vpc);
  }
  const zone: ZoneRow = { zoneId: route53Id('Z'), accountId: ctx.accountId, name, callerReference: input.CallerReference,
    comment: input.HostedZoneConfig?.Comment ?? null, privateZone, delegationSetId, nameServers, createdAt: ctx.now.getTime() };
  insertZone(s, zone);
  if (vpc) addZoneVpc(s, { zoneId: zone.zoneId, vpcRegion: vpc.VPCRegion, vpcId: vpc.VPCId, vpcAccount: ctx.accountId });
  for (const rrs of apexRecords(name, nameServers, privateZone)) putRecord(s, zone.zoneId, { sortName: sortKey(name), type: rrs.Type, setIdentifier: '' }, rrs);
  const changeInfo = newChange(ctx);
  emitZone(ctx, zone, null, zoneConfiguration(ctx, zone));
  return {
    HostedZone: zoneView(ctx, zone), ChangeInfo: changeInfo, Location: `https://route53.amazonaws.com/2013-04-01/hostedzone/${zone.zoneId}`,
    ...(privateZone ? { VPC: vpc } : { DelegationSet: delegationSetView(zone) }),
  };
}

export function getHostedZone(input: any, ctx: RequestContext) {
  const z = getZone(ctx, input.Id);
  const out: Record<string, unknown> = { HostedZone: zoneView(ctx, z) };
  if (z.privateZone) out.VPCs = zoneVpcs(ctx.platform.storage, z.zoneId).map((v) => ({ VPCRegion: v.vpcRegion, VPCId: v.vpcId }));
  else out.DelegationSet = delegationSetView(z);
  return out;
}

export function getHostedZoneCount(_input: any, ctx: RequestContext) {
  return { HostedZoneCount: countZones(ctx.platform.storage, ctx.accountId) };
}

/** MaxItems arrives as a string; Route 53 caps pages (100 zones, 300 record sets). */
export function pageSize(value: unknown, max: number): number {
  if (value === undefined) return max;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw invalidInput(`1 validation error detected: Value '${String(value)}' at 'maxItems' failed to satisfy constraint: Member must be a positive integer`);
  return Math.min(n, max);
}

export function listHostedZones(input: any, ctx: RequestContext) {
  const max = pageSize(input.MaxItems, 100);
  let zones = listZones(ctx.platform.storage, ctx.accountId);
  if (input.DelegationSetId) {
    const set = findDelegationSet(ctx, input.DelegationSetId);
    if (!set) throw noSuchDelegationSet(input.DelegationSetId);
    zones = zones.filter((z) => z.delegationSetId === set.id);
  }
  if (input.HostedZoneType === 'PrivateHostedZone') zones = zones.filter((z) => z.privateZone);
  const start = input.Marker ? zones.findIndex((z) => z.zoneId >= input.Marker) : 0;
  const from = start < 0 ? zones.length : start;
  const page = zones.slice(from, from + max);
  const next = zones[from + max];
  return { HostedZones: page.map((z) => zoneView(ctx, z)), Marker: input.Marker ?? '', IsTruncated: !!next, MaxItems: String(max),
    ...(next ? { NextMarker: next.zoneId } : {}) };
}

export function listHostedZonesByName(input: any, ctx: RequestContext) {
  const max = pageSize(input.MaxItems, 100);
  if (input.HostedZoneId && !input.DNSName) throw invalidInput('The input is not valid: HostedZoneId requires DNSName.');
  const key = (z: ZoneRow) => `${sortKey(z.name)}\u0000${z.zoneId}`;
  const zones = listZones(ctx.platform.storage, ctx.accountId).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  let from = 0;
  if (input.DNSName) {
    const name = canonicalName(input.DNSName);
    if (!name) throw r53('InvalidDomainName', `${input.DNSName} is not a valid domain name.`);
    const startKey = `${sortKey(name)}\u0000${input.HostedZoneId ?? ''}`;
    from = zones.findIndex((z) => key(z) >= startKey);
    if (from < 0) from = zones.length;
  }
  const page = zones.slice(from, from + max);
  const next = zones[from + max];
  return {
    HostedZones: page.map((z) => zoneView(ctx, z)), IsTruncated: !!next, MaxItems: String(max),
    ...(input.DNSName ? { DNSName: input.DNSName } : {}), ...(input.HostedZoneId ? { HostedZoneId: input.HostedZoneId } : {}),
    ...(next ? { NextDNSName: next.name, NextHostedZoneId: next.zoneId } : {}),
  };
}

export function listHostedZonesByVpc(input: any, ctx: RequestContext) {
  const max = pageSize(input.MaxItems, 100);
  const ids = zonesOfVpc(ctx.platform.storage, input.VPCId, input.VPCRegion);
  let from = 0;
  if (input.NextToken) {
    from = ids.indexOf(input.NextToken);
    if (from < 0) throw r53('InvalidPaginationToken', 'The value that you specified for NextToken in a List request isn\'t valid.');
  }
  const page = ids.slice(from, from + max);
  const summaries = page.map((id) => findZone(ctx.platform.storage, id)!).map((z) => ({ HostedZoneId: z.zoneId, Name: z.name, Owner: { OwningAccount: z.accountId } }));
  return { HostedZoneSummaries: summaries, MaxItems: String(max), ...(ids[from + max] ? { NextToken: ids[from + max] } : {}) };
}

export function updateHostedZoneComment(input: any, ctx: RequestContext) {
  const z = getZone(ctx, input.Id);
  const before = zoneConfiguration(ctx, z);
  const comment = input.Comment ?? null;
  setZoneComment(ctx.platform.storage, z.zoneId, comment);
  const after = { ...z, comment };
  emitZone(ctx, after, before, zoneConfiguration(ctx, after));
  return { HostedZone: zoneView(ctx, after) };
}

export function deleteHostedZone(input: any, ctx: RequestContext) {
  const z = getZone(ctx, input.Id);
  const s = ctx.platform.storage;
  const required = recordsOf(s, z.zoneId).filter((r) => !(r.Name === z.name && (r.Type === 'NS' || r.Type === 'SOA')));
  if (required.length) throw r53('HostedZoneNotEmpty', 'The specified hosted zone contains non-required resource record sets and so cannot be deleted.');
  const before = zoneConfiguration(ctx, z);
  deleteZoneRows(s, z.zoneId);
  s.stmt('DELETE FROM route53_query_logging WHERE zone_id = ?').run(z.zoneId);
  emitZone(ctx, z, before, null);
  return { ChangeInfo: newChange(ctx) };
}

export function getHostedZoneLimit(input: any, ctx: RequestContext) {
  const z = getZone(ctx, input.Id);
  if (input.Type === 'MAX_VPCS_ASSOCIATED_BY_ZONE') {
    if (!z.privateZone) throw r53('HostedZoneNotPrivate', 'The specified hosted zone is a public hosted zone, not a private hosted zone.');
    return { Limit: { Type: input.Type, Value: 300 }, Count: zoneVpcs(ctx.platform.storage, z.zoneId).length };
  }
  return { Limit: { Type: input.Type, Value: 10000 }, Count: countRecords(ctx.platform.storage, z.zoneId) };
}
