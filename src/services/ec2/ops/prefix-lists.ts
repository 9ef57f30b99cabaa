// Managed prefix lists: customer-managed lists with versioned entries, the AWS-managed lists of
// every region, who references them (security group rules, routes), and DescribePrefixLists.
import { cidrString, parseCidr } from '../cidr';
import { dependency, ec2Error, invalidValue } from '../errors';
import { compileFilters, type FieldMap, type Filter } from '../filters';
import { paginate } from '../paging';
import { awsPrefixLists, GATEWAY_SERVICES, prefixListUsers, requirePrefixList, type AnyList } from '../prefix-lists';
import { create, newId, recordCreated, remove, save, view, where, type Ctx } from '../resources';
import { listKind, type Doc } from '../store';
import { tagOnCreate, type TagSpecification } from '../tagging';

const PL_FIELDS: FieldMap<Doc> = {
  'owner-id': (p) => p.OwnerId,
  'prefix-list-id': (p) => p.PrefixListId,
  'prefix-list-name': (p) => p.PrefixListName,
};

interface Entry { Cidr?: string; Description?: string }

function checkEntry(family: string, e: Entry): Doc {
  const text = e.Cidr ?? '';
  if (family === 'IPv4') {
    const c = parseCidr(text);
    if (!c) throw invalidValue(`The CIDR '${text}' is invalid.`);
    return { Cidr: cidrString(c), ...(e.Description !== undefined ? { Description: e.Description } : {}) };
  }
  if (!/^[0-9a-fA-F:]+\/\d{1,3}$/.test(text) || !text.includes(':') || Number(text.split('/')[1]) > 128) throw invalidValue(`The CIDR '${text}' is invalid.`);
  return { Cidr: text.toLowerCase(), ...(e.Description !== undefined ? { Description: e.Description } : {}) };
}

function checkMax(max: number | undefined): number {
  if (max === undefined) throw ec2Error('MissingParameter', 'MaxEntries');
  if (max < 1 || max > 1000) throw invalidValue(`The maximum number of entries must be between 1 and 1000.`);
  return max;
}

function fits(entries: Doc[], max: number): void {
  if (entries.length > max) throw invalidValue(`The prefix list has ${entries.length} entries, which exceeds the maximum of ${max} entries.`);
}

export function createManagedPrefixList(input: { PrefixListName?: string; Entries?: Entry[]; MaxEntries?: number; AddressFamily?: string; TagSpecifications?: TagSpecification[]; ClientToken?: string }, ctx: Ctx) {
  const name = input.PrefixListName ?? '';
  if (!name) throw ec2Error('MissingParameter', 'PrefixListName');
  if (name.length > 255) throw invalidValue('Prefix list name can be up to 255 characters long.');
  if (name.toLowerCase().startsWith('com.amazonaws')) throw invalidValue(`The prefix list name cannot start with com.amazonaws.`);
  const family = input.AddressFamily ?? '';
  if (family !== 'IPv4' && family !== 'IPv6') throw invalidValue(`Invalid value '${family}' for AddressFamily. Valid values are IPv4 and IPv6.`);
  const max = checkMax(input.MaxEntries);
  const entries = uniqueEntries((input.Entries ?? []).map((e) => checkEntry(family, e)));
  fits(entries, max);
  const id = newId('pl');
  const pl = create(ctx, 'pl', id, {
    PrefixListId: id, AddressFamily: family, State: 'create-complete', PrefixListArn: `arn:aws:ec2:${ctx.region}:${ctx.accountId}:prefix-list/${id}`,
    PrefixListName: name, MaxEntries: max, Version: 1, OwnerId: ctx.accountId, IpamPrefixListResolverSyncEnabled: false,
    _entries: entries, _versions: { 1: entries },
  });
  tagOnCreate(ctx, pl, input.TagSpecifications);
  return { PrefixList: recordCreated(ctx, pl) };
}

function uniqueEntries(entries: Doc[]): Doc[] {
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.Cidr)) throw invalidValue(`The CIDR '${e.Cidr}' is a duplicate entry.`);
    seen.add(e.Cidr);
  }
  return entries.sort((a, b) => (a.Cidr < b.Cidr ? -1 : a.Cidr > b.Cidr ? 1 : 0));
}

/** The lists a DescribeManagedPrefixLists sees: the account's own, then AWS's. */
function allLists(ctx: Ctx): { id: string; doc: Doc }[] {
  const own = listKind(ctx.platform.storage, where(ctx), 'pl').map((r) => ({ id: r.id, doc: view(ctx, r) }));
  const aws = awsPrefixLists(ctx.region).map((l) => ({ id: l.doc.PrefixListId, doc: { ...l.doc, Tags: [] } }));
  return [...own, ...aws].sort((a, b) => (a.id < b.id ? -1 : 1));
}

export function describeManagedPrefixLists(input: { PrefixListIds?: string[]; Filters?: Filter[]; MaxResults?: number; NextToken?: string }, ctx: Ctx) {
  for (const id of input.PrefixListIds ?? []) requirePrefixList(ctx, id);
  const ids = input.PrefixListIds?.length ? new Set(input.PrefixListIds) : undefined;
  const test = compileFilters(input.Filters, PL_FIELDS);
  const shown = allLists(ctx).filter((x) => (!ids || ids.has(x.id)) && test(x.doc));
  const { page, nextToken } = paginate(shown, (x) => x.id, input.MaxResults, input.NextToken);
  return { PrefixLists: page.map((x) => x.doc), NextToken: nextToken };
}

function ownList(ctx: Ctx, id: string): AnyList & { resource: NonNullable<AnyList['resource']> } {
  const list = requirePrefixList(ctx, id);
  if (!list.resource) throw ec2Error('UnauthorizedOperation');
  return list as AnyList & { resource: NonNullable<AnyList['resource']> };
}

export function modifyManagedPrefixList(input: { PrefixListId: string; CurrentVersion?: number; PrefixListName?: string; AddEntries?: Entry[]; RemoveEntries?: { Cidr?: string }[]; MaxEntries?: number }, ctx: Ctx) {
  const list = ownList(ctx, input.PrefixListId);
  const doc = list.resource.doc;
  const changesEntries = !!(input.AddEntries?.length || input.RemoveEntries?.length);
  if (changesEntries && input.MaxEntries !== undefined) throw ec2Error('InvalidParameterCombination', 'You cannot modify the entries of a prefix list and modify the size of a prefix list at the same time.');
  if (input.CurrentVersion !== undefined && input.CurrentVersion !== doc.Version) throw ec2Error('PrefixListVersionMismatch', doc.Version);
  if (changesEntries && input.CurrentVersion === undefined) throw ec2Error('MissingParameter', 'CurrentVersion');
  let next: Doc = { ...doc, State: 'modify-complete' };
  if (input.PrefixListName !== undefined) {
    if (input.PrefixListName.toLowerCase().startsWith('com.amazonaws')) throw invalidValue(`The prefix list name cannot start with com.amazonaws.`);
    next.PrefixListName = input.PrefixListName;
  }
  if (input.MaxEntries !== undefined) {
    const max = checkMax(input.MaxEntries);
    fits(doc._entries, max);
    next.MaxEntries = max;
  }
  if (changesEntries) {
    const removed = new Set<string>();
    for (const e of input.RemoveEntries ?? []) {
      const cidr = checkEntry(doc.AddressFamily, { Cidr: e.Cidr }).Cidr;
      if (!doc._entries.some((x: Doc) => x.Cidr === cidr)) throw invalidValue(`The CIDR '${cidr}' does not exist in the prefix list.`);
      removed.add(cidr);
    }
    const added = (input.AddEntries ?? []).map((e) => checkEntry(doc.AddressFamily, e));
    const addedCidrs = new Set(added.map((e) => e.Cidr));
    const kept = doc._entries.filter((x: Doc) => !removed.has(x.Cidr) && !addedCidrs.has(x.Cidr));
    const entries = uniqueEntries([...kept, ...added]);
    fits(entries, next.MaxEntries);
    const version = doc.Version + 1;
    next = { ...next, Version: version, _entries: entries, _versions: { ...doc._versions, [version]: entries } };
  }
  return { PrefixList: view(ctx, save(ctx, list.resource, next)) };
}

export function restoreManagedPrefixListVersion(input: { PrefixListId: string; PreviousVersion: number; CurrentVersion: number }, ctx: Ctx) {
  const list = ownList(ctx, input.PrefixListId);
  const doc = list.resource.doc;
  if (input.CurrentVersion !== doc.Version) throw ec2Error('PrefixListVersionMismatch', doc.Version);
  const entries = doc._versions?.[input.PreviousVersion];
  if (!entries) throw invalidValue(`The version ${input.PreviousVersion} does not exist for prefix list ${list.id}.`);
  fits(entries, doc.MaxEntries);
  const version = doc.Version + 1;
  const next = { ...doc, State: 'restore-complete', Version: version, _entries: entries, _versions: { ...doc._versions, [version]: entries } };
  return { PrefixList: view(ctx, save(ctx, list.resource, next)) };
}

export function deleteManagedPrefixList(input: { PrefixListId: string }, ctx: Ctx) {
  const list = ownList(ctx, input.PrefixListId);
  const users = prefixListUsers(ctx, list.id);
  if (users.length) throw dependency(`The prefix list ${list.id} is being referenced by ${users.map((u) => u.ResourceId).join(', ')} and cannot be deleted.`);
  const shown = view(ctx, list.resource);
  remove(ctx, list.resource);
  return { PrefixList: { ...shown, State: 'delete-complete' } };
}

export function getManagedPrefixListEntries(input: { PrefixListId: string; TargetVersion?: number; MaxResults?: number; NextToken?: string }, ctx: Ctx) {
  const list = requirePrefixList(ctx, input.PrefixListId);
  let entries: Doc[] = list.entries;
  if (input.TargetVersion !== undefined) {
    entries = list.resource?.doc._versions?.[input.TargetVersion];
    if (!entries) throw invalidValue(`The version ${input.TargetVersion} does not exist for prefix list ${list.id}.`);
  }
  const { page, nextToken } = paginate(entries, (e) => e.Cidr, input.MaxResults, input.NextToken);
  return { Entries: page, NextToken: nextToken };
}

export function getManagedPrefixListAssociations(input: { PrefixListId: string; MaxResults?: number; NextToken?: string }, ctx: Ctx) {
  const list = requirePrefixList(ctx, input.PrefixListId);
  const { page, nextToken } = paginate(prefixListUsers(ctx, list.id), (u) => u.ResourceId, input.MaxResults, input.NextToken);
  return { PrefixListAssociations: page, NextToken: nextToken };
}

const OLD_FIELDS: FieldMap<Doc> = { 'prefix-list-id': (p) => p.PrefixListId, 'prefix-list-name': (p) => p.PrefixListName };

/** The older API: the AWS services' lists that gateway endpoints route to. */
export function describePrefixLists(input: { PrefixListIds?: string[]; Filters?: Filter[]; MaxResults?: number; NextToken?: string }, ctx: Ctx) {
  const lists = awsPrefixLists(ctx.region)
    .filter((l) => GATEWAY_SERVICES.some((s) => l.doc.PrefixListName === `com.amazonaws.${ctx.region}.${s}`))
    .map((l) => ({ PrefixListId: l.doc.PrefixListId, PrefixListName: l.doc.PrefixListName, Cidrs: l.entries.map((e) => e.Cidr) }));
  for (const id of input.PrefixListIds ?? []) if (!lists.some((l) => l.PrefixListId === id)) throw ec2Error('InvalidPrefixListID.NotFound', id);
  const ids = input.PrefixListIds?.length ? new Set(input.PrefixListIds) : undefined;
  const test = compileFilters(input.Filters, OLD_FIELDS);
  const shown = lists.filter((l) => (!ids || ids.has(l.PrefixListId)) && test(l)).sort((a, b) => (a.PrefixListId < b.PrefixListId ? -1 : 1));
  const { page, nextToken } = paginate(shown, (l) => l.PrefixListId, input.MaxResults, input.NextToken);
  return { PrefixLists: page, NextToken: nextToken };
}
