// Network ACLs: ordered numbered entries per direction, subnet associations moved between ACLs.
import { cidrString, parseCidr } from '../cidr';
import { describe, type DescribeInput } from '../describe';
import { dependency, ec2Error, invalidValue } from '../errors';
import type { FieldMap } from '../filters';
import { create, get, newId, recordCreated, remove, save, where, type Ctx } from '../resources';
import { listKind, type Doc, type Resource } from '../store';
import { tagOnCreate, type TagSpecification } from '../tagging';

const entries = (a: Doc): Doc[] => a.Entries ?? [];
const assocs = (a: Doc): Doc[] => a.Associations ?? [];

const ACL_FIELDS: FieldMap<Doc> = {
  'association.association-id': (a) => assocs(a).map((x) => x.NetworkAclAssociationId),
  'association.network-acl-id': (a) => assocs(a).map((x) => x.NetworkAclId),
  'association.subnet-id': (a) => assocs(a).map((x) => x.SubnetId),
  default: (a) => a.IsDefault,
  'entry.cidr': (a) => entries(a).map((e) => e.CidrBlock),
  'entry.icmp.code': (a) => entries(a).map((e) => e.IcmpTypeCode?.Code),
  'entry.icmp.type': (a) => entries(a).map((e) => e.IcmpTypeCode?.Type),
  'entry.ipv6-cidr': (a) => entries(a).map((e) => e.Ipv6CidrBlock),
  'entry.port-range.from': (a) => entries(a).map((e) => e.PortRange?.From),
  'entry.port-range.to': (a) => entries(a).map((e) => e.PortRange?.To),
  'entry.protocol': (a) => entries(a).map((e) => e.Protocol),
  'entry.rule-action': (a) => entries(a).map((e) => e.RuleAction),
  'entry.rule-number': (a) => entries(a).map((e) => e.RuleNumber),
  'entry.egress': (a) => entries(a).map((e) => e.Egress),
  'network-acl-id': (a) => a.NetworkAclId,
  'owner-id': (a) => a.OwnerId,
  'vpc-id': (a) => a.VpcId,
};

/** Egress entries first, then ingress, each by rule number, as DescribeNetworkAcls lists them. */
function ordered(list: Doc[]): Doc[] {
  return [...list].sort((a, b) => Number(b.Egress) - Number(a.Egress) || a.RuleNumber - b.RuleNumber);
}

export function createNetworkAcl(input: { VpcId: string; ClientToken?: string; TagSpecifications?: TagSpecification[] }, ctx: Ctx) {
  const vpc = get(ctx, 'vpc', input.VpcId);
  const id = newId('acl');
  const deny = (Egress: boolean) => ({ CidrBlock: '0.0.0.0/0', Egress, Protocol: '-1', RuleAction: 'deny', RuleNumber: 32767 });
  const acl = create(ctx, 'acl', id, { Associations: [], Entries: [deny(true), deny(false)], IsDefault: false, NetworkAclId: id, VpcId: vpc.id, OwnerId: ctx.accountId }, vpc.id);
  tagOnCreate(ctx, acl, input.TagSpecifications);
  return { NetworkAcl: recordCreated(ctx, acl), ClientToken: input.ClientToken };
}

export function deleteNetworkAcl(input: { NetworkAclId: string }, ctx: Ctx) {
  const acl = get(ctx, 'acl', input.NetworkAclId);
  if (acl.doc.IsDefault) throw invalidValue(`cannot delete default network ACL ${acl.id}`);
  if (assocs(acl.doc).length) throw dependency(`The networkAcl '${acl.id}' has dependencies and cannot be deleted.`);
  remove(ctx, acl);
  return {};
}

export function describeNetworkAcls(input: DescribeInput & { NetworkAclIds?: string[] }, ctx: Ctx) {
  const { items, nextToken } = describe(ctx, { kind: 'acl', ids: input.NetworkAclIds, fields: ACL_FIELDS }, input);
  return { NetworkAcls: items, NextToken: nextToken };
}

const PROTOCOL_NUMBERS: Record<string, string> = { tcp: '6', udp: '17', icmp: '1', icmpv6: '58', all: '-1', '-1': '-1' };

interface EntryInput {
  NetworkAclId: string; RuleNumber: number; Protocol?: string; RuleAction?: string; Egress: boolean;
  CidrBlock?: string; Ipv6CidrBlock?: string; PortRange?: { From?: number; To?: number }; IcmpTypeCode?: { Type?: number; Code?: number };
}

function entryOf(input: EntryInput): Doc {
  if (!(input.RuleNumber >= 1 && input.RuleNumber <= 32766)) throw invalidValue(`Value (${input.RuleNumber}) for parameter ruleNumber is invalid. The rule number must be between 1 and 32766.`);
  const raw = (input.Protocol ?? '').toLowerCase();
  const protocol = Object.hasOwn(PROTOCOL_NUMBERS, raw) ? PROTOCOL_NUMBERS[raw] : /^\d+$/.test(raw) && Number(raw) <= 255 ? raw : undefined;
  if (protocol === undefined) throw invalidValue(`Invalid value '${input.Protocol}' for protocol. Unknown protocol.`);
  if (input.RuleAction !== 'allow' && input.RuleAction !== 'deny') throw invalidValue(`Invalid value '${input.RuleAction}' for ruleAction.`);
  const entry: Doc = { Egress: input.Egress, Protocol: protocol, RuleAction: input.RuleAction, RuleNumber: input.RuleNumber };
  if (input.CidrBlock !== undefined) {
    const c = parseCidr(input.CidrBlock);
    if (!c) throw invalidValue(`Value (${input.CidrBlock}) for parameter cidrBlock is invalid. This is not a valid CIDR block.`);
    entry.CidrBlock = cidrString(c);
  } else if (input.Ipv6CidrBlock !== undefined) {
    entry.Ipv6CidrBlock = input.Ipv6CidrBlock.toLowerCase();
  } else {
    throw ec2Error('MissingParameter', 'cidrBlock or ipv6CidrBlock');
  }
  if (protocol === '6' || protocol === '17') {
    const { From, To } = input.PortRange ?? {};
    if (From === undefined || To === undefined) throw ec2Error('MissingParameter', 'portRange');
    entry.PortRange = { From, To };
  }
  if (protocol === '1' || protocol === '58') entry.IcmpTypeCode = { Type: input.IcmpTypeCode?.Type ?? -1, Code: input.IcmpTypeCode?.Code ?? -1 };
  return entry;
}

const sameSlot = (a: Doc, egress: boolean, number: number) => a.Egress === egress && a.RuleNumber === number;

export function createNetworkAclEntry(input: EntryInput, ctx: Ctx) {
  const acl = get(ctx, 'acl', input.NetworkAclId);
  const entry = entryOf(input);
  if (entries(acl.doc).some((e) => sameSlot(e, entry.Egress, entry.RuleNumber))) throw ec2Error('NetworkAclEntryAlreadyExists', entry.RuleNumber);
  if (entries(acl.doc).length >= 42) throw ec2Error('InvalidParameterValue', 'The maximum number of network ACL entries has been reached.');
  save(ctx, acl, { ...acl.doc, Entries: ordered([...entries(acl.doc), entry]) });
  return {};
}

function existingEntry(acl: Resource, egress: boolean, number: number): Doc {
  const found = entries(acl.doc).find((e) => sameSlot(e, egress, number));
  if (!found) throw ec2Error('InvalidNetworkAclEntry.NotFound');
  return found;
}

export function replaceNetworkAclEntry(input: EntryInput, ctx: Ctx) {
  const acl = get(ctx, 'acl', input.NetworkAclId);
  const entry = entryOf(input);
  const old = existingEntry(acl, entry.Egress, entry.RuleNumber);
  save(ctx, acl, { ...acl.doc, Entries: ordered(entries(acl.doc).map((e) => (e === old ? entry : e))) });
  return {};
}

export function deleteNetworkAclEntry(input: { NetworkAclId: string; RuleNumber: number; Egress: boolean }, ctx: Ctx) {
  const acl = get(ctx, 'acl', input.NetworkAclId);
  const old = existingEntry(acl, input.Egress, input.RuleNumber);
  save(ctx, acl, { ...acl.doc, Entries: entries(acl.doc).filter((e) => e !== old) });
  return {};
}

export function replaceNetworkAclAssociation(input: { AssociationId: string; NetworkAclId: string }, ctx: Ctx) {
  const acls = listKind(ctx.platform.storage, where(ctx), 'acl');
  const from = acls.find((a) => assocs(a.doc).some((x) => x.NetworkAclAssociationId === input.AssociationId));
  if (!from) throw ec2Error('InvalidAssociationID.NotFound', input.AssociationId);
  const to = get(ctx, 'acl', input.NetworkAclId);
  if (to.doc.VpcId !== from.doc.VpcId) throw invalidValue(`Network ACL ${to.id} and association ${input.AssociationId} belong to different networks`);
  const old = assocs(from.doc).find((x) => x.NetworkAclAssociationId === input.AssociationId)!;
  const moved = { NetworkAclAssociationId: newId('aclassoc'), NetworkAclId: to.id, SubnetId: old.SubnetId };
  save(ctx, from, { ...from.doc, Associations: assocs(from.doc).filter((x) => x !== old) });
  const target = get(ctx, 'acl', to.id);
  save(ctx, target, { ...target.doc, Associations: [...assocs(target.doc), moved] });
  return { NewAssociationId: moved.NetworkAclAssociationId };
}
