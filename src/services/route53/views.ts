// What the API shows of a zone, and the shared pieces of answers: ChangeInfo, delegation sets,
// the lookups every handler starts with, and the resource-change events Config records.
import type { RequestContext } from '../types';
import { noSuchHostedZone } from './errors';
import { bareId, route53Id } from './names';
import { countRecords, findChange, findZone, insertChange, tagsOf, zoneVpcs, type ZoneRow } from './store';
import { notifyZonesChanged } from './api';

/** How long a change stays PENDING on the clock (KANRI_ROUTE53_PROPAGATION_MS, default 2 s). */
export function propagationMs(): number {
  const v = Number(process.env.KANRI_ROUTE53_PROPAGATION_MS);
  return Number.isFinite(v) && v >= 0 ? v : 2000;
}

export function zoneView(ctx: RequestContext, z: ZoneRow) {
  const config: Record<string, unknown> = { PrivateZone: z.privateZone };
  if (z.comment !== null) config.Comment = z.comment;
  return { Id: `/hostedzone/${z.zoneId}`, Name: z.name, CallerReference: z.callerReference, Config: config,
    ResourceRecordSetCount: countRecords(ctx.platform.storage, z.zoneId) };
}

export function delegationSetView(z: ZoneRow) {
  return z.delegationSetId ? { Id: `/delegationset/${z.delegationSetId}`, NameServers: z.nameServers } : { NameServers: z.nameServers };
}

/** The account's zone, or NoSuchHostedZone (another account's zone is not there for this one). */
export function getZone(ctx: RequestContext, id: unknown): ZoneRow {
  const zoneId = bareId(id);
  const z = findZone(ctx.platform.storage, zoneId);
  if (!z || z.accountId !== ctx.accountId) throw noSuchHostedZone(zoneId);
  return z;
}

/** Records a change that goes INSYNC after the propagation delay, and tells DNS to reload. */
export function newChange(ctx: RequestContext, comment?: string) {
  const changeId = route53Id('C');
  const submittedAt = ctx.now.getTime();
  insertChange(ctx.platform.storage, { changeId, accountId: ctx.accountId, submittedAt, insyncAt: submittedAt + propagationMs(), comment: comment ?? null });
  notifyZonesChanged();
  return changeInfo(ctx, findChange(ctx.platform.storage, changeId)!);
}

export function changeInfo(ctx: RequestContext, row: Record<string, any>) {
  const out: Record<string, unknown> = { Id: `/change/${row.change_id}`, Status: ctx.platform.clock.now() >= row.insync_at ? 'INSYNC' : 'PENDING',
    SubmittedAt: new Date(row.submitted_at) };
  if (row.comment !== null) out.Comment = row.comment;
  return out;
}

/** AWS Config's view of a hosted zone (AWS::Route53::HostedZone), in camelCase. */
export function zoneConfiguration(ctx: RequestContext, z: ZoneRow) {
  const out: Record<string, unknown> = { id: z.zoneId, name: z.name, nameServers: z.privateZone ? [] : z.nameServers,
    hostedZoneConfig: z.comment !== null ? { comment: z.comment } : {},
    hostedZoneTags: tagsOf(ctx.platform.storage, 'hostedzone', z.zoneId).map((t) => ({ key: t.Key, value: t.Value })),
    vpcs: zoneVpcs(ctx.platform.storage, z.zoneId).map((v) => ({ vpcId: v.vpcId, vpcRegion: v.vpcRegion })) };
  return out;
}

export function emitZone(ctx: RequestContext, z: ZoneRow, before: unknown | null, after: unknown | null): void {
  const vpcs = after ? zoneVpcs(ctx.platform.storage, z.zoneId) : [];
  ctx.emit({ accountId: z.accountId, resourceType: 'AWS::Route53::HostedZone', resourceId: z.zoneId, resourceName: z.name, arn: `arn:aws:route53:::hostedzone/${z.zoneId}`,
    region: 'global', before, after,
    relationships: vpcs.map((v) => ({ resourceType: 'AWS::EC2::VPC', resourceId: v.vpcId, name: 'Is associated with Vpc' })) });
}
