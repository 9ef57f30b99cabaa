// Reusable delegation sets: four name servers that many public zones can share.
import type { Row } from '../../../storage/database';
import type { RequestContext } from '../../types';
import { noSuchDelegationSet, r53 } from '../errors';
import { bareId, route53Id } from '../names';
import { findZone, listZones } from '../store';
import { newNameServers } from '../delegation';
import { pageSize } from './zones';

interface DelegationSetRow { id: string; callerReference: string | null; nameServers: string[] }

export function findDelegationSet(ctx: RequestContext, id: unknown): DelegationSetRow | undefined {
  const r = ctx.platform.storage.stmt('SELECT * FROM route53_delegation_sets WHERE id = ? AND account_id = ?').get(bareId(id), ctx.accountId) as Row | undefined;
  return r && { id: r.id, callerReference: r.caller_reference, nameServers: JSON.parse(r.name_servers) };
}

const view = (d: DelegationSetRow) => ({ Id: `/delegationset/${d.id}`, ...(d.callerReference !== null ? { CallerReference: d.callerReference } : {}), NameServers: d.nameServers });

export function createReusableDelegationSet(input: any, ctx: RequestContext) {
  const s = ctx.platform.storage;
  if (s.stmt('SELECT 1 FROM route53_delegation_sets WHERE account_id = ? AND caller_reference = ?').get(ctx.accountId, input.CallerReference)) {
    throw r53('DelegationSetAlreadyCreated', 'A delegation set with the same owner and caller reference combination has already been created.');
  }
  const count = (s.stmt('SELECT COUNT(*) AS n FROM route53_delegation_sets WHERE account_id = ?').get(ctx.accountId) as Row).n;
  if (count >= 100) throw r53('LimitsExceeded', 'This operation can\'t be completed because the current account has reached the limit on reusable delegation sets.');
  let nameServers = newNameServers();
  let id = route53Id('N');
  if (input.HostedZoneId) {
    const zone = findZone(s, bareId(input.HostedZoneId));
    if (!zone || zone.accountId !== ctx.accountId) throw r53('HostedZoneNotFound', `The specified hosted zone ${bareId(input.HostedZoneId)} does not exist.`);
    if (zone.privateZone) throw r53('InvalidArgument', 'A private hosted zone has no delegation set.');
    if (zone.delegationSetId) throw r53('DelegationSetAlreadyReusable', 'The specified delegation set has already been marked as reusable.');
    nameServers = zone.nameServers;
    id = route53Id('N');
    s.stmt('UPDATE route53_zones SET delegation_set_id = ? WHERE zone_id = ?').run(id, zone.zoneId);
  }
  s.stmt('INSERT INTO route53_delegation_sets (id, account_id, caller_reference, name_servers, reusable) VALUES (?, ?, ?, ?, 1)')
    .run(id, ctx.accountId, input.CallerReference, JSON.stringify(nameServers));
  return { DelegationSet: view({ id, callerReference: input.CallerReference, nameServers }), Location: `https://route53.amazonaws.com/2013-04-01/delegationset/${id}` };
}

function getSet(ctx: RequestContext, id: unknown): DelegationSetRow {
  const set = findDelegationSet(ctx, id);
  if (!set) throw noSuchDelegationSet(bareId(id));
  return set;
}

export function getReusableDelegationSet(input: any, ctx: RequestContext) {
  return { DelegationSet: view(getSet(ctx, input.Id)) };
}

export function listReusableDelegationSets(input: any, ctx: RequestContext) {
  const max = pageSize(input.MaxItems, 100);
  const rows = (ctx.platform.storage.stmt('SELECT * FROM route53_delegation_sets WHERE account_id = ? AND id >= ? ORDER BY id LIMIT ?')
    .all(ctx.accountId, input.Marker ?? '', max + 1) as Row[]).map((r) => ({ id: r.id, callerReference: r.caller_reference, nameServers: JSON.parse(r.name_servers) }));
  const next = rows[max];
  return { DelegationSets: rows.slice(0, max).map(view), Marker: input.Marker ?? '', IsTruncated: !!next, MaxItems: String(max), ...(next ? { NextMarker: next.id } : {}) };
}

export function deleteReusableDelegationSet(input: any, ctx: RequestContext) {
  const set = getSet(ctx, input.Id);
  if (listZones(ctx.platform.storage, ctx.accountId).some((z) => z.delegationSetId === set.id)) {
    throw r53('DelegationSetInUse', 'The specified delegation contains associated hosted zones which must be deleted before the reusable delegation set can be deleted.');
  }
  ctx.platform.storage.stmt('DELETE FROM route53_delegation_sets WHERE id = ?').run(set.id);
  return {};
}

export function getReusableDelegationSetLimit(input: any, ctx: RequestContext) {
  const set = getSet(ctx, input.DelegationSetId);
  const count = listZones(ctx.platform.storage, ctx.accountId).filter((z) => z.delegationSetId === set.id).length;
  return { Limit: { Type: input.Type, Value: 100 }, Count: count };
}
