// The policies that apply to a principal: a user's own (inline and attached) plus its groups',
// a group's, or a role's. Used by the simulator and GetContextKeysForPrincipalPolicy.
import { parseArn } from '../../../core/arn';
import type { RequestContext } from '../../types';
import { invalidInput, notFound } from '../errors';
import { findManagedPolicy, policyDocument } from '../managed';
import type { PolicySource, PolicySourceType } from '../policy/evaluate';
import { getEntity, groupsOfUser, type EntityKind, type EntityRow } from '../store';
import { attachedPolicyArns, inlinePolicies } from '../store-policies';

export interface PrincipalPolicies { entity: EntityRow; kind: EntityKind; policies: PolicySource[]; boundary: PolicySource[] }

function ownPolicies(ctx: RequestContext, entity: EntityRow, inlineType: PolicySourceType): PolicySource[] {
  const storage = ctx.platform.storage;
  const out: PolicySource[] = inlinePolicies(storage, entity.id).map((p) => ({ id: p.name, type: inlineType, document: p.document }));
  for (const arn of attachedPolicyArns(storage, entity.id)) {
    const policy = findManagedPolicy(storage, ctx.accountId, arn);
    const document = policy && policyDocument(storage, policy);
    if (policy && document) out.push({ id: policy.name, type: policy.aws ? 'aws-managed' : 'user-managed', document });
  }
  return out;
}

function boundaryOf(ctx: RequestContext, entity: EntityRow): PolicySource[] {
  if (!entity.permissionsBoundary) return [];
  const storage = ctx.platform.storage;
  const policy = findManagedPolicy(storage, ctx.accountId, entity.permissionsBoundary);
  const document = policy && policyDocument(storage, policy);
  return policy && document ? [{ id: policy.name, type: policy.aws ? 'aws-managed' : 'user-managed', document }] : [];
}

/** Resolves a user, group or role ARN of the caller's account to its policies. */
export function principalPolicies(ctx: RequestContext, arn: string): PrincipalPolicies {
  const parsed = parseArn(arn);
  const [type] = parsed?.resource.split('/') ?? [];
  const kinds: Record<string, EntityKind> = { user: 'user', group: 'group', role: 'role' };
  if (!parsed || parsed.service !== 'iam' || !kinds[type]) throw invalidInput(`Invalid ARN: ${arn}`);
  const kind = kinds[type];
  const name = parsed.resource.slice(parsed.resource.lastIndexOf('/') + 1);
  const entity = parsed.account === ctx.accountId ? getEntity(ctx.platform.storage, kind, ctx.accountId, name) : undefined;
  if (!entity || entity.arn !== arn) throw notFound[kind](name);
  const policies = ownPolicies(ctx, entity, kind as PolicySourceType);
  if (kind === 'user') {
    for (const group of groupsOfUser(ctx.platform.storage, entity.id)) policies.push(...ownPolicies(ctx, group, 'group'));
  }
  return { entity, kind, policies, boundary: boundaryOf(ctx, entity) };
}
