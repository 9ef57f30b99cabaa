// DHCP option sets: create, associate with a VPC (or 'default'), delete, describe.
import { describe, type DescribeInput } from '../describe';
import { dependency, invalidValue } from '../errors';
import type { FieldMap } from '../filters';
import { create, get, newId, recordCreated, remove, save, where, type Ctx } from '../resources';
import { listKind, type Doc } from '../store';
import { tagOnCreate, type TagSpecification } from '../tagging';

const KEYS = ['domain-name', 'domain-name-servers', 'ntp-servers', 'netbios-name-servers', 'netbios-node-type', 'ipv6-address-preferred-lease-time'];

const DHCP_FIELDS: FieldMap<Doc> = {
  'dhcp-options-id': (d) => d.DhcpOptionsId,
  key: (d) => d.DhcpConfigurations.map((c: Doc) => c.Key),
  value: (d) => d.DhcpConfigurations.flatMap((c: Doc) => c.Values.map((v: Doc) => v.Value)),
  'owner-id': (d) => d.OwnerId,
};

export function createDhcpOptions(input: { DhcpConfigurations: { Key?: string; Values?: string[] }[]; TagSpecifications?: TagSpecification[] }, ctx: Ctx) {
  const configurations = (input.DhcpConfigurations ?? []).map((c) => {
    if (!KEYS.includes(c.Key ?? '')) throw invalidValue(`Value (${c.Key}) for parameter name is invalid. Unknown DHCP option`);
    if (!c.Values?.length) throw invalidValue(`Value for parameter ${c.Key} is invalid. It must have at least one value.`);
    return { Key: c.Key, Values: c.Values.map((Value) => ({ Value })) };
  });
  const id = newId('dopt');
  const dopt = create(ctx, 'dopt', id, { DhcpConfigurations: configurations, DhcpOptionsId: id, OwnerId: ctx.accountId });
  tagOnCreate(ctx, dopt, input.TagSpecifications);
  return { DhcpOptions: recordCreated(ctx, dopt) };
}

export function associateDhcpOptions(input: { DhcpOptionsId: string; VpcId: string }, ctx: Ctx) {
  const vpc = get(ctx, 'vpc', input.VpcId);
  const id = input.DhcpOptionsId === 'default' ? 'default' : get(ctx, 'dopt', input.DhcpOptionsId).id;
  save(ctx, vpc, { ...vpc.doc, DhcpOptionsId: id });
  return {};
}

export function deleteDhcpOptions(input: { DhcpOptionsId: string }, ctx: Ctx) {
  const dopt = get(ctx, 'dopt', input.DhcpOptionsId);
  if (listKind(ctx.platform.storage, where(ctx), 'vpc').some((v) => v.doc.DhcpOptionsId === dopt.id)) {
    throw dependency(`The dhcpOptions '${dopt.id}' has dependencies and cannot be deleted.`);
  }
  remove(ctx, dopt);
  return {};
}

export function describeDhcpOptions(input: DescribeInput & { DhcpOptionsIds?: string[] }, ctx: Ctx) {
  const { items, nextToken } = describe(ctx, { kind: 'dopt', ids: input.DhcpOptionsIds, fields: DHCP_FIELDS }, input);
  return { DhcpOptions: items, NextToken: nextToken };
}
