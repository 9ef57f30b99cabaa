// Tag/Untag/List*Tags for users, roles, customer managed policies and instance profiles.
import type { RequestContext } from '../../types';
import { requireEntity } from '../entities';
import { limitExceeded, notFound } from '../errors';
import { emitChange, describeForEvent, type ChangedKind } from '../events';
import { findManagedPolicy } from '../managed';
import { pageOfList, type PageInput } from '../paging';
import { deleteTag, putTag, tagsOf, type EntityKind } from '../store';

interface Tag { Key: string; Value: string }

const MAX_TAGS = 50;
const QUOTA_NAMES: Record<EntityKind | 'policy', string> = { user: 'TagsPerUser', group: 'TagsPerGroup', role: 'TagsPerRole', 'instance-profile': 'TagsPerInstanceProfile', policy: 'TagsPerPolicy' };

/** Sets tags on a resource; over 50 in all is IAM's quota error. */
export function applyTags(ctx: RequestContext, kind: EntityKind | 'policy', resourceId: string, tags: Tag[] | undefined): void {
  if (!tags?.length) return;
  const storage = ctx.platform.storage;
  const keys = new Set(tagsOf(storage, resourceId).map((t) => t.Key.toLowerCase()));
  for (const t of tags) keys.add(t.Key.toLowerCase());
  if (keys.size > MAX_TAGS) throw limitExceeded(`Cannot exceed quota for ${QUOTA_NAMES[kind]}: ${MAX_TAGS}`);
  for (const t of tags) putTag(storage, ctx.accountId, resourceId, t.Key, t.Value);
}

interface Target { id: string; name: string; arn: string; kind: EntityKind | 'policy' }

function entityTarget(ctx: RequestContext, kind: EntityKind, name: string): Target {
  const row = requireEntity(ctx, kind, name);
  return { id: row.id, name: row.name, arn: row.arn, kind };
}

function policyTarget(ctx: RequestContext, arn: string): Target {
  const policy = findManagedPolicy(ctx.platform.storage, ctx.accountId, arn);
  if (!policy || policy.aws) throw notFound.policy(arn);
  return { id: policy.id, name: policy.name, arn: policy.arn, kind: 'policy' };
}

/** Tag changes are configuration changes for the entities Config records. */
function retag(ctx: RequestContext, target: Target, change: () => void): Record<string, never> {
  const recorded = target.kind !== 'instance-profile' && target.kind !== 'group' ? (target.kind as ChangedKind) : undefined;
  const before = recorded && describeForEvent(ctx, recorded, target.id);
  change();
  if (recorded) emitChange(ctx, recorded, target, before);
  return {};
}

function tagOp(resolve: (ctx: RequestContext, input: any) => Target) {
  return (input: { Tags: Tag[] }, ctx: RequestContext) => {
    const target = resolve(ctx, input);
    return retag(ctx, target, () => applyTags(ctx, target.kind, target.id, input.Tags));
  };
}

function untagOp(resolve: (ctx: RequestContext, input: any) => Target) {
  return (input: { TagKeys: string[] }, ctx: RequestContext) => {
    const target = resolve(ctx, input);
    return retag(ctx, target, () => input.TagKeys.forEach((k) => deleteTag(ctx.platform.storage, target.id, k)));
  };
}

function listOp(resolve: (ctx: RequestContext, input: any) => Target) {
  return (input: PageInput, ctx: RequestContext) => {
    const target = resolve(ctx, input);
    const page = pageOfList(input, tagsOf(ctx.platform.storage, target.id), (t) => t.Key);
    return { Tags: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
  };
}

const user = (ctx: RequestContext, input: { UserName: string }) => entityTarget(ctx, 'user', input.UserName);
const role = (ctx: RequestContext, input: { RoleName: string }) => entityTarget(ctx, 'role', input.RoleName);
const profile = (ctx: RequestContext, input: { InstanceProfileName: string }) => entityTarget(ctx, 'instance-profile', input.InstanceProfileName);
const policy = (ctx: RequestContext, input: { PolicyArn: string }) => policyTarget(ctx, input.PolicyArn);

export const tagHandlers = {
  TagUser: tagOp(user), UntagUser: untagOp(user), ListUserTags: listOp(user),
  TagRole: tagOp(role), UntagRole: untagOp(role), ListRoleTags: listOp(role),
  TagPolicy: tagOp(policy), UntagPolicy: untagOp(policy), ListPolicyTags: listOp(policy),
  TagInstanceProfile: tagOp(profile), UntagInstanceProfile: untagOp(profile), ListInstanceProfileTags: listOp(profile),
};
