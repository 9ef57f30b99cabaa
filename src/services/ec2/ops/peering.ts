// VPC peering within an account and region: request (pending-acceptance, or failed when the CIDRs
// overlap), accept (provisioning -> active on the clock), reject, delete; deleted and rejected
// connections stay visible for a while as AWS keeps them.
import { overlaps, parseCidr } from '../cidr';
import { describe, type DescribeInput } from '../describe';
import { ec2Error, invalidValue } from '../errors';
import type { FieldMap } from '../filters';
import { create, find, get, newId, recordCreated, save, type Ctx } from '../resources';
import { deleteResource, type Doc, type Resource } from '../store';
import { where } from '../resources';
import { tagOnCreate, type TagSpecification } from '../tagging';
import { registerTransition, schedule } from '../timers';

const PROVISIONING_MS = 5_000;
const KEEP_MS = 2 * 3_600_000;

const status = (Code: string, Message: string) => ({ Code, Message });

const PCX_FIELDS: FieldMap<Doc> = {
  'accepter-vpc-info.cidr-block': (p) => p.AccepterVpcInfo.CidrBlock,
  'accepter-vpc-info.owner-id': (p) => p.AccepterVpcInfo.OwnerId,
  'accepter-vpc-info.vpc-id': (p) => p.AccepterVpcInfo.VpcId,
  'expiration-time': (p) => p.ExpirationTime,
  'requester-vpc-info.cidr-block': (p) => p.RequesterVpcInfo.CidrBlock,
  'requester-vpc-info.owner-id': (p) => p.RequesterVpcInfo.OwnerId,
  'requester-vpc-info.vpc-id': (p) => p.RequesterVpcInfo.VpcId,
  'status-code': (p) => p.Status.Code,
  'status-message': (p) => p.Status.Message,
  'vpc-peering-connection-id': (p) => p.VpcPeeringConnectionId,
};

function vpcInfo(ctx: Ctx, vpc: Resource): Doc {
  return {
    CidrBlock: vpc.doc.CidrBlock, CidrBlockSet: vpc.doc.CidrBlockAssociationSet.map((a: Doc) => ({ CidrBlock: a.CidrBlock })), OwnerId: ctx.accountId,
    PeeringOptions: { AllowDnsResolutionFromRemoteVpc: false, AllowEgressFromLocalClassicLinkToRemoteVpc: false, AllowEgressFromLocalVpcToRemoteClassicLink: false },
    Region: ctx.region, VpcId: vpc.id,
  };
}

registerTransition('pcx-active', (ctx, id) => {
  const pcx = find(ctx, 'pcx', id);
  if (pcx?.doc.Status.Code === 'provisioning') save(ctx, pcx, { ...pcx.doc, Status: status('active', 'Active') });
});

registerTransition('pcx-gone', (ctx, id) => deleteResource(ctx.platform.storage, where(ctx), id));

export function createVpcPeeringConnection(input: { VpcId: string; PeerVpcId?: string; PeerOwnerId?: string; PeerRegion?: string; TagSpecifications?: TagSpecification[] }, ctx: Ctx) {
  const vpc = get(ctx, 'vpc', input.VpcId);
  if (input.PeerVpcId === undefined) throw ec2Error('MissingParameter', 'PeerVpcId');
  if ((input.PeerOwnerId ?? ctx.accountId) !== ctx.accountId || (input.PeerRegion ?? ctx.region) !== ctx.region) {
    throw invalidValue('kanri peers VPCs within one account and region only.');
  }
  const peer = get(ctx, 'vpc', input.PeerVpcId);
  const id = newId('pcx');
  const blocks = (v: Resource) => v.doc.CidrBlockAssociationSet.map((a: Doc) => parseCidr(a.CidrBlock)!);
  const clash = peer.id === vpc.id || blocks(vpc).some((a: any) => blocks(peer).some((b: any) => overlaps(a, b)));
  const pcx = create(ctx, 'pcx', id, {
    AccepterVpcInfo: vpcInfo(ctx, peer), RequesterVpcInfo: vpcInfo(ctx, vpc), VpcPeeringConnectionId: id,
    ExpirationTime: new Date(ctx.now.getTime() + 7 * 86_400_000).toISOString(),
    Status: clash ? status('failed', 'Overlapping CIDR range') : status('pending-acceptance', `Pending Acceptance by ${ctx.accountId}`),
  });
  tagOnCreate(ctx, pcx, input.TagSpecifications);
  if (clash) schedule(ctx, id, KEEP_MS, 'pcx-gone');
  const shown = recordCreated(ctx, pcx);
  return { VpcPeeringConnection: { ...shown, Status: clash ? shown.Status : status('initiating-request', `Initiating Request to ${ctx.accountId}`) } };
}

/** A connection still waiting for its accepter; `to` names the state the call asked for. */
function pending(ctx: Ctx, id: string, to: string): Resource {
  const pcx = get(ctx, 'pcx', id);
  if (pcx.doc.Status.Code !== 'pending-acceptance') {
    throw ec2Error('InvalidStateTransition', `Invalid state transition for pcx ${pcx.id}, attempted to transition from ${pcx.doc.Status.Code} to ${to}`);
  }
  return pcx;
}

export function acceptVpcPeeringConnection(input: { VpcPeeringConnectionId: string }, ctx: Ctx) {
  const pcx = pending(ctx, input.VpcPeeringConnectionId, 'active');
  const next = save(ctx, pcx, { ...pcx.doc, Status: status('provisioning', 'Provisioning'), ExpirationTime: undefined });
  schedule(ctx, pcx.id, PROVISIONING_MS, 'pcx-active');
  const { ExpirationTime: _, ...shown } = next.doc;
  return { VpcPeeringConnection: shown };
}

export function rejectVpcPeeringConnection(input: { VpcPeeringConnectionId: string }, ctx: Ctx) {
  const pcx = pending(ctx, input.VpcPeeringConnectionId, 'rejected');
  save(ctx, pcx, { ...pcx.doc, Status: status('rejected', `Rejected by ${ctx.accountId}`) });
  schedule(ctx, pcx.id, KEEP_MS, 'pcx-gone');
  return { Return: true };
}

export function deleteVpcPeeringConnection(input: { VpcPeeringConnectionId: string }, ctx: Ctx) {
  const pcx = get(ctx, 'pcx', input.VpcPeeringConnectionId);
  if (['deleted', 'rejected', 'failed'].includes(pcx.doc.Status.Code)) throw ec2Error('InvalidStateTransition', `Invalid state transition for pcx ${pcx.id}, attempted to transition from ${pcx.doc.Status.Code} to deleted`);
  save(ctx, pcx, { ...pcx.doc, Status: status('deleted', `Deleted by ${ctx.accountId}`) });
  schedule(ctx, pcx.id, KEEP_MS, 'pcx-gone');
  return { Return: true };
}

export function describeVpcPeeringConnections(input: DescribeInput & { VpcPeeringConnectionIds?: string[] }, ctx: Ctx) {
  const { items, nextToken } = describe(ctx, { kind: 'pcx', ids: input.VpcPeeringConnectionIds, fields: PCX_FIELDS }, input);
  return { VpcPeeringConnections: items, NextToken: nextToken };
}
