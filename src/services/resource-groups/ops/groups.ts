// Groups: create, read, update, delete, list, and their tags. Each change is recorded for Config
// as AWS::ResourceGroups::Group.
import { arn } from '../../../core/arn';
import { pageAfter } from '../../../core/paging';
import { AwsError } from '../../../protocol/errors';
import type { RequestContext } from '../../types';
import { badRequest, parseQuery } from '../query';
import { deleteGroup, findGroup, listGroups, saveGroup, type Group } from '../store';

const notFound = (name: string) => new AwsError('NotFoundException', `Cannot find group ${name}.`, 404);
export const badToken = () => badRequest('The NextToken is not valid.');

/** The group named by Group (a name or an ARN) or the older GroupName member. */
export function requireGroup(ctx: RequestContext, input: { Group?: string; GroupName?: string; Arn?: string }): Group {
  const ref = input.Group ?? input.GroupName ?? input.Arn;
  if (!ref) throw badRequest('Specify the group by its name or ARN.');
  const name = ref.startsWith('arn:') ? ref.slice(ref.lastIndexOf('/') + 1) : ref;
  const g = findGroup(ctx.platform.storage, ctx.accountId, ctx.region, name);
  if (!g || (ref.startsWith('arn:') && g.arn !== ref)) throw notFound(ref);
  return g;
}

export function groupView(g: Group) {
  return { GroupArn: g.arn, Name: g.name, Description: g.description, DisplayName: g.displayName, Criticality: g.criticality, Owner: g.owner };
}

function record(ctx: RequestContext, before: Group | undefined, after: Group | undefined): void {
  const describe = (g: Group) => ({
    groupName: g.name, description: g.description, resourceQuery: g.query && { type: g.query.Type, query: g.query.Query },
    configuration: g.configuration, tags: Object.entries(g.tags).map(([key, value]) => ({ key, value })),
  });
  const g = (after ?? before)!;
  ctx.emit({ resourceType: 'AWS::ResourceGroups::Group', resourceId: g.arn, resourceName: g.name, arn: g.arn, before: before ? describe(before) : null, after: after ? describe(after) : null });
}

function checkTags(tags: Record<string, string>): void {
  for (const key of Object.keys(tags)) if (/^aws:/i.test(key)) throw badRequest('Tag keys cannot start with aws:.');
  if (Object.keys(tags).length > 50) throw badRequest('A group can have at most 50 tags.');
}

export function createGroup(input: any, ctx: RequestContext) {
  if (/^aws/i.test(input.Name)) throw badRequest('Group names cannot start with AWS or aws.');
  if (findGroup(ctx.platform.storage, ctx.accountId, ctx.region, input.Name)) throw badRequest(`Cannot create group: group ${input.Name} already exists.`);
  if (!input.ResourceQuery && !input.Configuration) throw badRequest('Specify a ResourceQuery, a Configuration, or both.');
  if (input.ResourceQuery) parseQuery(input.ResourceQuery);
  const tags = { ...(input.Tags ?? {}) };
  checkTags(tags);
  const g: Group = {
    accountId: ctx.accountId, region: ctx.region, name: input.Name, arn: arn('resource-groups', ctx.region, ctx.accountId, `group/${input.Name}`),
    description: input.Description, displayName: input.DisplayName, criticality: input.Criticality, owner: input.Owner,
    query: input.ResourceQuery, configuration: input.Configuration, tags,
  };
  saveGroup(ctx.platform.storage, g);
  record(ctx, undefined, g);
  return {
    Group: groupView(g), ResourceQuery: g.query, Tags: Object.keys(tags).length ? tags : undefined,
    GroupConfiguration: g.configuration ? { Configuration: g.configuration, Status: 'UPDATE_COMPLETE' } : undefined,
  };
}

export const getGroup = (input: any, ctx: RequestContext) => ({ Group: groupView(requireGroup(ctx, input)) });

export function getGroupQuery(input: any, ctx: RequestContext) {
  const g = requireGroup(ctx, input);
  if (!g.query) throw notFound(`query of group ${g.name}`);
  return { GroupQuery: { GroupName: g.name, ResourceQuery: g.query } };
}

export function updateGroup(input: any, ctx: RequestContext) {
  const before = requireGroup(ctx, input);
  const after: Group = { ...before };
  for (const [member, field] of [['Description', 'description'], ['DisplayName', 'displayName'], ['Criticality', 'criticality'], ['Owner', 'owner']] as const) {
    if (input[member] !== undefined) (after as any)[field] = input[member];
  }
  saveGroup(ctx.platform.storage, after);
  record(ctx, before, after);
  return { Group: groupView(after) };
}

export function updateGroupQuery(input: any, ctx: RequestContext) {
  const before = requireGroup(ctx, input);
  parseQuery(input.ResourceQuery);
  const after = { ...before, query: input.ResourceQuery };
  saveGroup(ctx.platform.storage, after);
  record(ctx, before, after);
  return { GroupQuery: { GroupName: after.name, ResourceQuery: after.query } };
}

export function deleteGroupOp(input: any, ctx: RequestContext) {
  const g = requireGroup(ctx, input);
  deleteGroup(ctx.platform.storage, g);
  record(ctx, g, undefined);
  return { Group: groupView(g) };
}

const GROUP_FILTERS: Record<string, (g: Group, values: string[]) => boolean> = {
  'resource-type': (g, v) => !!g.query && v.some((t) => (JSON.parse(g.query!.Query).ResourceTypeFilters ?? ['AWS::AllSupported']).includes(t)),
  'configuration-type': (g, v) => (g.configuration ?? []).some((c: any) => v.includes(c.Type)),
  owner: (g, v) => !!g.owner && v.includes(g.owner),
  'display-name': (g, v) => !!g.displayName && v.includes(g.displayName),
  criticality: (g, v) => g.criticality !== undefined && v.includes(String(g.criticality)),
};

export function listGroupsOp(input: any, ctx: RequestContext) {
  const max = input.MaxResults ?? 50;
  if (max < 1 || max > 50) throw badRequest('MaxResults must be between 1 and 50.');
  const filters = (input.Filters ?? []).map((f: any) => {
    const test = Object.hasOwn(GROUP_FILTERS, f.Name) ? GROUP_FILTERS[f.Name] : undefined;
    if (!test) throw badRequest(`Filter name ${f.Name} is not valid.`);
    return (g: Group) => test(g, f.Values);
  });
  const groups = listGroups(ctx.platform.storage, ctx.accountId, ctx.region).filter((g) => filters.every((f: (g: Group) => boolean) => f(g)));
  const { page, nextToken } = pageAfter(groups, (g) => g.name, max, input.NextToken, badToken);
  return {
    GroupIdentifiers: page.map((g) => ({ GroupName: g.name, GroupArn: g.arn, Description: g.description, Criticality: g.criticality, Owner: g.owner, DisplayName: g.displayName })),
    Groups: page.map(groupView), NextToken: nextToken,
  };
}

export function getTags(input: { Arn: string }, ctx: RequestContext) {
  const g = requireGroup(ctx, input);
  return { Arn: g.arn, Tags: g.tags };
}

export function tag(input: { Arn: string; Tags: Record<string, string> }, ctx: RequestContext) {
  const before = requireGroup(ctx, input);
  const after = { ...before, tags: { ...before.tags, ...input.Tags } };
  checkTags(after.tags);
  saveGroup(ctx.platform.storage, after);
  record(ctx, before, after);
  return { Arn: after.arn, Tags: input.Tags };
}

export function untag(input: { Arn: string; Keys: string[] }, ctx: RequestContext) {
  const before = requireGroup(ctx, input);
  const tags = Object.fromEntries(Object.entries(before.tags).filter(([k]) => !input.Keys.includes(k)));
  const after = { ...before, tags };
  saveGroup(ctx.platform.storage, after);
  record(ctx, before, after);
  return { Arn: after.arn, Keys: input.Keys };
}

export function getGroupConfiguration(input: any, ctx: RequestContext) {
  const g = requireGroup(ctx, input);
  return { GroupConfiguration: g.configuration ? { Configuration: g.configuration, Status: 'UPDATE_COMPLETE' } : undefined };
}

export function putGroupConfiguration(input: any, ctx: RequestContext) {
  const before = requireGroup(ctx, input);
  const after = { ...before, configuration: input.Configuration };
  saveGroup(ctx.platform.storage, after);
  record(ctx, before, after);
  return {};
}
