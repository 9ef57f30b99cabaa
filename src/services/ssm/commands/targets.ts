// Which managed instances a SendCommand reaches: InstanceIds, or Targets by instance id, by tag
// (tag:Key, tag-key) and by resource group (its tag query, evaluated over managed instances' tags).
import { AwsError } from '../../../protocol/errors';
import type { RequestContext } from '../../types';
import { tagsOf } from '../store-parameters';
import { findManagedInstance, listInstances, type ManagedInstance } from '../instances/store';
import { withEc2States } from '../instances/describe';

function invalidInstances(ids: string[], accountId: string): AwsError {
  return new AwsError('InvalidInstanceId', `Instances [[${ids.join(', ')}]] not in a valid state for account ${accountId}`);
}

export function tagsOfInstance(ctx: RequestContext, i: ManagedInstance): Record<string, string> {
  const tags: Record<string, string> = Object.create(null);
  if (i.resourceType === 'EC2Instance') Object.assign(tags, ctx.platform.resources.get(i.accountId, i.region, 'AWS::EC2::Instance', i.instanceId)?.tags ?? {});
  for (const t of tagsOf(ctx.platform.storage, i, 'ManagedInstance', i.instanceId)) tags[t.Key] = t.Value;
  return tags;
}

export function byInstanceIds(ctx: RequestContext, ids: string[]): ManagedInstance[] {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new AwsError('DuplicateInstanceId', 'You cannot specify an instance ID in more than one association.');
    seen.add(id);
  }
  const found = ids.map((id) => {
    const i = findManagedInstance(ctx.platform.storage, ctx.accountId, ctx.region, id);
    return i && withEc2States(ctx.platform, [i])[0]; // an EC2 instance EC2 no longer has is no target
  });
  const missing = ids.filter((_, n) => !found[n]);
  if (missing.length) throw invalidInstances(missing, ctx.accountId);
  return found as ManagedInstance[];
}

export function byTargets(ctx: RequestContext, targets: { Key: string; Values: string[] }[]): ManagedInstance[] {
  let candidates = withEc2States(ctx.platform, listInstances(ctx.platform.storage, ctx));
  for (const t of targets) {
    const values = t.Values ?? [];
    if (t.Key === 'InstanceIds') {
      const chosen = new Set(byInstanceIds(ctx, values).map((i) => i.instanceId));
      candidates = candidates.filter((i) => chosen.has(i.instanceId));
    } else if (t.Key.startsWith('tag:')) {
      const key = t.Key.slice(4);
      candidates = candidates.filter((i) => { const tags = tagsOfInstance(ctx, i); return Object.hasOwn(tags, key) && values.includes(tags[key]); });
    } else if (t.Key === 'tag-key') {
      candidates = candidates.filter((i) => values.some((k) => Object.hasOwn(tagsOfInstance(ctx, i), k)));
    } else if (t.Key === 'resource-groups:Name') {
      const members = groupMembers(ctx, values);
      candidates = candidates.filter((i) => members(i));
    } else if (t.Key === 'resource-groups:ResourceTypeFilters') {
      const types = values.map((v) => (v === 'AWS::EC2::Instance' ? 'EC2Instance' : v === 'AWS::SSM::ManagedInstance' ? 'ManagedInstance' : v));
      candidates = candidates.filter((i) => types.includes(i.resourceType));
    } else {
      throw new AwsError('InvalidParameters', `Target key ${t.Key} is not valid. Use InstanceIds, tag:<key>, tag-key or resource-groups:Name.`);
    }
  }
  return candidates;
}

/** A resource group's tag query (from the resource index, where Resource Groups records groups) as a test on instances. */
function groupMembers(ctx: RequestContext, names: string[]): (i: ManagedInstance) => boolean {
  const filters: { Key: string; Values?: string[] }[][] = [];
  for (const name of names) {
    const group = ctx.platform.resources.get(ctx.accountId, ctx.region, 'AWS::ResourceGroups::Group', name)
      ?? ctx.platform.resources.list({ accountId: ctx.accountId, region: ctx.region, resourceTypes: ['AWS::ResourceGroups::Group'] }).find((g) => g.resourceName === name);
    const query = (group?.description as { resourceQuery?: { query?: string }; ResourceQuery?: { Query?: string } } | undefined);
    const text = query?.resourceQuery?.query ?? query?.ResourceQuery?.Query;
    if (!group || !text) throw new AwsError('InvalidParameters', `Resource group ${name} does not exist or has no tag query.`);
    try {
      filters.push((JSON.parse(text).TagFilters ?? []) as { Key: string; Values?: string[] }[]);
    } catch {
      throw new AwsError('InvalidParameters', `Resource group ${name} has a query kanri cannot target.`);
    }
  }
  return (i) => {
    const tags = tagsOfInstance(ctx, i);
    return filters.some((f) => f.every((tf) => Object.hasOwn(tags, tf.Key) && (!tf.Values?.length || tf.Values.includes(tags[tf.Key]))));
  };
}
