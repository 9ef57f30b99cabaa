// Private zones' VPC associations, and the authorizations that let another account's VPC join.
import type { RequestContext } from '../../types';
import { noSuchHostedZone, r53 } from '../errors';
import { bareId } from '../names';
import { addZoneVpc, authorizations, findZone, removeZoneVpc, setAuthorization, zoneVpcs, type ZoneRow } from '../store';
import { emitZone, getZone, newChange, zoneConfiguration } from '../views';
import { checkVpc, checkVpcFree } from './zones';

/** The zone, whichever account owns it: another account's VPC owner associates with it. */
function anyZone(id: unknown): (ctx: RequestContext) => ZoneRow {
  return (ctx) => {
    const z = findZone(ctx.platform.storage, bareId(id));
    if (!z) throw noSuchHostedZone(bareId(id));
    return z;
  };
}

export function associateVpc(input: any, ctx: RequestContext) {
  const z = anyZone(input.HostedZoneId)(ctx);
  if (!z.privateZone) throw r53('PublicZoneVPCAssociation', 'You\'re trying to associate a VPC with a public hosted zone. Amazon Route 53 doesn\'t support associating a VPC with a public hosted zone.');
  const vpc = checkVpc(ctx, input.VPC);
  if (z.accountId !== ctx.accountId && !authorizations(ctx.platform.storage, z.zoneId).some((a) => a.vpcId === vpc.VPCId && a.vpcRegion === vpc.VPCRegion)) {
    throw r53('NotAuthorizedException', `The VPC: ${vpc.VPCId} you provided is not authorized to make the association.`);
  }
  checkVpcFree(ctx, z.name, vpc);
  if (zoneVpcs(ctx.platform.storage, z.zoneId).length >= 300) throw r53('LimitsExceeded', 'The limit on VPCs associated with this hosted zone has been reached.');
  const before = zoneConfiguration(ctx, z);
  addZoneVpc(ctx.platform.storage, { zoneId: z.zoneId, vpcRegion: vpc.VPCRegion, vpcId: vpc.VPCId, vpcAccount: ctx.accountId });
  emitZone(ctx, z, before, zoneConfiguration(ctx, z));
  return { ChangeInfo: newChange(ctx, input.Comment) };
}

export function disassociateVpc(input: any, ctx: RequestContext) {
  const z = anyZone(input.HostedZoneId)(ctx);
  const vpcId = input.VPC?.VPCId;
  const region = input.VPC?.VPCRegion ?? ctx.region;
  if (!vpcId) throw r53('InvalidVPCId', 'The VPC ID is missing.');
  const vpcs = zoneVpcs(ctx.platform.storage, z.zoneId);
  const assoc = vpcs.find((v) => v.vpcId === vpcId && v.vpcRegion === region);
  if (!assoc || (z.accountId !== ctx.accountId && assoc.vpcAccount !== ctx.accountId)) {
    if (z.accountId !== ctx.accountId && !assoc) throw noSuchHostedZone(z.zoneId);
    throw r53('VPCAssociationNotFound', `The specified VPC ${vpcId} and hosted zone ${z.zoneId} are not currently associated.`);
  }
  if (vpcs.length === 1) {
    throw r53('LastVPCAssociation', 'The VPC that you\'re trying to disassociate from the private hosted zone is the last VPC that is associated with the hosted zone. Amazon Route 53 doesn\'t support disassociating the last VPC from a hosted zone.');
  }
  const before = zoneConfiguration(ctx, z);
  removeZoneVpc(ctx.platform.storage, z.zoneId, region, vpcId);
  emitZone(ctx, z, before, zoneConfiguration(ctx, z));
  return { ChangeInfo: newChange(ctx, input.Comment) };
}

export function createVpcAssociationAuthorization(input: any, ctx: RequestContext) {
  const z = getZone(ctx, input.HostedZoneId);
  if (!z.privateZone) throw r53('InvalidInput', 'VPC association authorizations are only for private hosted zones.');
  if (!input.VPC?.VPCId) throw r53('InvalidVPCId', 'The VPC ID is missing.');
  const vpc = { VPCId: input.VPC.VPCId as string, VPCRegion: (input.VPC.VPCRegion ?? ctx.region) as string };
  if (authorizations(ctx.platform.storage, z.zoneId).length >= 100) {
    throw r53('TooManyVPCAssociationAuthorizations', 'You\'ve created the maximum number of authorizations that can be created for the specified hosted zone.');
  }
  setAuthorization(ctx.platform.storage, z.zoneId, vpc.VPCRegion, vpc.VPCId, true);
  return { HostedZoneId: z.zoneId, VPC: vpc };
}

export function deleteVpcAssociationAuthorization(input: any, ctx: RequestContext) {
  const z = getZone(ctx, input.HostedZoneId);
  const vpcId = input.VPC?.VPCId;
  if (!vpcId) throw r53('InvalidVPCId', 'The VPC ID is missing.');
  if (!setAuthorization(ctx.platform.storage, z.zoneId, input.VPC.VPCRegion ?? ctx.region, vpcId, false)) {
    throw r53('VPCAssociationAuthorizationNotFound', `The VPC ${vpcId} has not been authorized to be associated with the hosted zone ${z.zoneId}.`);
  }
  return {};
}

export function listVpcAssociationAuthorizations(input: any, ctx: RequestContext) {
  const z = getZone(ctx, input.HostedZoneId);
  const all = authorizations(ctx.platform.storage, z.zoneId);
  const max = input.MaxResults !== undefined ? Math.max(1, Math.min(Number(input.MaxResults) || 50, 50)) : 50;
  const from = input.NextToken ? Number(input.NextToken) : 0;
  if (!Number.isInteger(from) || from < 0 || from > all.length) throw r53('InvalidPaginationToken', 'The value that you specified for NextToken in a List request isn\'t valid.');
  const page = all.slice(from, from + max);
  return { HostedZoneId: z.zoneId, VPCs: page.map((a) => ({ VPCRegion: a.vpcRegion, VPCId: a.vpcId })), ...(from + max < all.length ? { NextToken: String(from + max) } : {}) };
}
