// Internet gateways and egress-only internet gateways: create, attach, detach, delete, describe.
import { describe, type DescribeInput } from '../describe';
import { dependency, ec2Error } from '../errors';
import type { FieldMap } from '../filters';
import { create, get, newId, recordCreated, remove, save, where, type Ctx } from '../resources';
import { listKind, type Doc } from '../store';
import { tagOnCreate, type TagSpecification } from '../tagging';

const IGW_FIELDS: FieldMap<Doc> = {
  'attachment.state': (g) => g.Attachments.map((a: Doc) => a.State),
  'attachment.vpc-id': (g) => g.Attachments.map((a: Doc) => a.VpcId),
  'internet-gateway-id': (g) => g.InternetGatewayId,
  'owner-id': (g) => g.OwnerId,
};

export function createInternetGateway(input: { TagSpecifications?: TagSpecification[] }, ctx: Ctx) {
  const id = newId('igw');
  const igw = create(ctx, 'igw', id, { Attachments: [], InternetGatewayId: id, OwnerId: ctx.accountId });
  tagOnCreate(ctx, igw, input.TagSpecifications);
  return { InternetGateway: recordCreated(ctx, igw) };
}

export function attachInternetGateway(input: { InternetGatewayId: string; VpcId: string }, ctx: Ctx) {
  const igw = get(ctx, 'igw', input.InternetGatewayId);
  const vpc = get(ctx, 'vpc', input.VpcId);
  if (igw.doc.Attachments.length) throw ec2Error('Resource.AlreadyAssociated', igw.id, igw.doc.Attachments[0].VpcId);
  const other = listKind(ctx.platform.storage, where(ctx), 'igw').find((g) => g.doc.Attachments.some((a: Doc) => a.VpcId === vpc.id));
  if (other) throw ec2Error('Resource.AlreadyAssociated', vpc.id, other.id);
  save(ctx, igw, { ...igw.doc, Attachments: [{ State: 'available', VpcId: vpc.id }] });
  return {};
}

export function detachInternetGateway(input: { InternetGatewayId: string; VpcId: string }, ctx: Ctx) {
  const igw = get(ctx, 'igw', input.InternetGatewayId);
  const vpc = get(ctx, 'vpc', input.VpcId);
  if (!igw.doc.Attachments.some((a: Doc) => a.VpcId === vpc.id)) throw ec2Error('Gateway.NotAttached', igw.id, vpc.id);
  const mapped = listKind(ctx.platform.storage, where(ctx), 'eni').some((e) => e.doc.VpcId === vpc.id && e.doc.Association?.PublicIp);
  if (mapped) throw dependency(`Network ${vpc.id} has some mapped public address(es). Please unmap those public address(es) before detaching the gateway.`);
  save(ctx, igw, { ...igw.doc, Attachments: [] });
  return {};
}

export function deleteInternetGateway(input: { InternetGatewayId: string }, ctx: Ctx) {
  const igw = get(ctx, 'igw', input.InternetGatewayId);
  if (igw.doc.Attachments.length) throw dependency(`The internetGateway '${igw.id}' has dependencies and cannot be deleted.`);
  remove(ctx, igw);
  return {};
}

export function describeInternetGateways(input: DescribeInput & { InternetGatewayIds?: string[] }, ctx: Ctx) {
  const { items, nextToken } = describe(ctx, { kind: 'igw', ids: input.InternetGatewayIds, fields: IGW_FIELDS }, input);
  return { InternetGateways: items, NextToken: nextToken };
}

const EIGW_FIELDS: FieldMap<Doc> = {
  'egress-only-internet-gateway-id': (g) => g.EgressOnlyInternetGatewayId,
  'attachment.vpc-id': (g) => g.Attachments.map((a: Doc) => a.VpcId),
  'attachment.state': (g) => g.Attachments.map((a: Doc) => a.State),
};

export function createEgressOnlyInternetGateway(input: { VpcId: string; ClientToken?: string; TagSpecifications?: TagSpecification[] }, ctx: Ctx) {
  const vpc = get(ctx, 'vpc', input.VpcId);
  const id = newId('eigw');
  const gw = create(ctx, 'eigw', id, { Attachments: [{ State: 'attached', VpcId: vpc.id }], EgressOnlyInternetGatewayId: id });
  tagOnCreate(ctx, gw, input.TagSpecifications);
  return { EgressOnlyInternetGateway: recordCreated(ctx, gw), ClientToken: input.ClientToken };
}

export function deleteEgressOnlyInternetGateway(input: { EgressOnlyInternetGatewayId: string }, ctx: Ctx) {
  remove(ctx, get(ctx, 'eigw', input.EgressOnlyInternetGatewayId));
  return { ReturnCode: true };
}

export function describeEgressOnlyInternetGateways(input: DescribeInput & { EgressOnlyInternetGatewayIds?: string[] }, ctx: Ctx) {
  const { items, nextToken } = describe(ctx, { kind: 'eigw', ids: input.EgressOnlyInternetGatewayIds, fields: EIGW_FIELDS }, input);
  return { EgressOnlyInternetGateways: items, NextToken: nextToken };
}
