// IAM rules. Item-based ones read AWS::IAM::User/Group/Role/Policy items; account-level ones
// (password policy, root account, access key ages, credential report) read ctx.facts, which the
// Config service fills from IAM, as AWS's rules call IAM's API.
import { compliant, csv, field, intParam, list, nonCompliant, notApplicable, policyDocument, truthy, verdict } from '../fields';
import type { AccountFacts, ConfigurationItem, Evaluation, ManagedRule, RuleContext } from '../types';
import { RuleEvaluationError } from '../types';
import { isAdminStatement, isFullAccessStatement, statements } from './policies';

const ACCOUNT = 'AWS::::Account';

function needFact<K extends keyof AccountFacts>(ctx: RuleContext, name: K, what: string): NonNullable<AccountFacts[K]> {
  const fact = ctx.facts?.[name];
  if (!fact) throw new RuleEvaluationError(`kanri cannot evaluate this rule yet: ${what} is not available to AWS Config.`, 'InsufficientData');
  return fact as NonNullable<AccountFacts[K]>;
}

const accountVerdict = (ctx: RuleContext, ok: boolean, annotation?: string): Evaluation[] =>
  verdict({ resourceType: ACCOUNT, resourceId: ctx.accountId }, ok ? 'COMPLIANT' : 'NON_COMPLIANT', ok ? undefined : annotation);

const passwordPolicy: ManagedRule = {
  identifier: 'IAM_PASSWORD_POLICY',
  resourceTypes: [],
  evaluatePeriodic(ctx) {
    const policy = needFact(ctx, 'passwordPolicy', "the account's password policy")();
    if (!policy) return accountVerdict(ctx, false, 'The account has no password policy.');
    const p = ctx.parameters;
    const problems: string[] = [];
    for (const flag of ['RequireUppercaseCharacters', 'RequireLowercaseCharacters', 'RequireSymbols', 'RequireNumbers']) {
      if (truthy(p[flag]) && !truthy(field(policy, flag))) problems.push(`${flag} is not set`);
    }
    const min = intParam(p, 'MinimumPasswordLength');
    if (min !== undefined && Number(field(policy, 'MinimumPasswordLength') ?? 0) < min) problems.push(`MinimumPasswordLength is below ${min}`);
    const reuse = intParam(p, 'PasswordReusePrevention');
    if (reuse !== undefined && Number(field(policy, 'PasswordReusePrevention') ?? 0) < reuse) problems.push(`PasswordReusePrevention is below ${reuse}`);
    const age = intParam(p, 'MaxPasswordAge');
    const actualAge = field(policy, 'MaxPasswordAge');
    if (age !== undefined && (actualAge === undefined || Number(actualAge) > age)) problems.push(`MaxPasswordAge is not ${age} days or less`);
    return accountVerdict(ctx, !problems.length, `The password policy does not meet the requirements: ${problems.join(', ')}.`);
  },
};

const rootAccessKeyCheck: ManagedRule = {
  identifier: 'IAM_ROOT_ACCESS_KEY_CHECK',
  resourceTypes: [],
  evaluatePeriodic(ctx) {
    const summary = needFact(ctx, 'accountSummary', "IAM's account summary")();
    return accountVerdict(ctx, !Number(summary.AccountAccessKeysPresent ?? 0), 'The root user has access keys.');
  },
};

const rootAccountMfaEnabled: ManagedRule = {
  identifier: 'ROOT_ACCOUNT_MFA_ENABLED',
  resourceTypes: [],
  evaluatePeriodic(ctx) {
    const summary = needFact(ctx, 'accountSummary', "IAM's account summary")();
    return accountVerdict(ctx, Number(summary.AccountMFAEnabled ?? 0) === 1, 'MFA is not enabled for the root user.');
  },
};

const users = (ctx: RuleContext) => [...ctx.items.byType('AWS::IAM::User')].filter((u) => u.configuration);
const userName = (u: ConfigurationItem) => String(field(u.configuration, 'userName') ?? u.resourceName ?? u.resourceId);

const accessKeysRotated: ManagedRule = {
  identifier: 'ACCESS_KEYS_ROTATED',
  resourceTypes: ['AWS::IAM::User'],
  evaluatePeriodic(ctx) {
    const maxAge = intParam(ctx.parameters, 'maxAccessKeyAge') ?? 90;
    const keysOf = needFact(ctx, 'accessKeys', "IAM's access keys");
    return users(ctx).flatMap((u) => {
      const active = keysOf(userName(u)).filter((k) => k.status === 'Active');
      if (!active.length) return notApplicable(u);
      const old = active.filter((k) => (ctx.now.getTime() - new Date(k.createDate).getTime()) / 86_400_000 > maxAge);
      return old.length ? nonCompliant(u, `Active access key(s) ${old.map((k) => k.accessKeyId).join(', ')} were not rotated in the last ${maxAge} days.`) : compliant(u);
    });
  },
};

function credentialRule(identifier: string, judge: (row: Record<string, string>, ctx: RuleContext) => string | null | undefined): ManagedRule {
  return {
    identifier,
    resourceTypes: ['AWS::IAM::User'],
    evaluatePeriodic(ctx) {
      const report = needFact(ctx, 'credentialReport', "IAM's credential report")();
      const byUser = new Map(report.map((r) => [r.user, r]));
      return users(ctx).flatMap((u) => {
        const row = byUser.get(userName(u));
        if (!row) return notApplicable(u);
        const problem = judge(row, ctx);
        return problem === undefined ? notApplicable(u) : problem === null ? compliant(u) : nonCompliant(u, problem);
      });
    },
  };
}

// A user without a console password is NOT_APPLICABLE to the console MFA rule.
const mfaForConsole = credentialRule('MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS', (row) =>
  row.password_enabled !== 'true' ? undefined : row.mfa_active === 'true' ? null : 'The user has console access without MFA.');

const userMfaEnabled = credentialRule('IAM_USER_MFA_ENABLED', (row) => (row.mfa_active === 'true' ? null : 'MFA is not enabled for the user.'));

const unusedCredentials = credentialRule('IAM_USER_UNUSED_CREDENTIALS_CHECK', (row, ctx) => {
  const maxDays = intParam(ctx.parameters, 'maxCredentialUsageAge') ?? 90;
  const stale = (used: string | undefined, issued: string | undefined) => {
    const when = used && !['N/A', 'no_information'].includes(used) ? used : issued;
    return when && !['N/A', 'not_supported'].includes(when) && (ctx.now.getTime() - new Date(when).getTime()) / 86_400_000 > maxDays;
  };
  const problems: string[] = [];
  if (row.password_enabled === 'true' && stale(row.password_last_used, row.password_last_changed)) problems.push('password');
  for (const n of ['1', '2']) {
    if (row[`access_key_${n}_active`] === 'true' && stale(row[`access_key_${n}_last_used_date`], row[`access_key_${n}_last_rotated`])) problems.push(`access key ${n}`);
  }
  return problems.length ? `Credentials unused for more than ${maxDays} days: ${problems.join(', ')}.` : null;
});

const userNoPolicies: ManagedRule = {
  identifier: 'IAM_USER_NO_POLICIES_CHECK',
  resourceTypes: ['AWS::IAM::User'],
  evaluateItem(item) {
    const inline = list(field(item.configuration, 'userPolicyList')).length;
    const attached = list(field(item.configuration, 'attachedManagedPolicies')).length;
    return inline || attached ? nonCompliant(item, `The user has ${inline} inline and ${attached} attached policies; permissions should come from groups or roles.`) : compliant(item);
  },
};

const INLINE_LISTS: Record<string, string> = { 'AWS::IAM::User': 'userPolicyList', 'AWS::IAM::Group': 'groupPolicyList', 'AWS::IAM::Role': 'rolePolicyList' };
const noInlinePolicy: ManagedRule = {
  identifier: 'IAM_NO_INLINE_POLICY_CHECK',
  resourceTypes: Object.keys(INLINE_LISTS),
  evaluateItem(item) {
    // Service-linked roles' inline policies belong to AWS.
    if (item.resourceType === 'AWS::IAM::Role' && String(field(item.configuration, 'path') ?? '').startsWith('/aws-service-role/')) return notApplicable(item);
    const names = list(field(item.configuration, INLINE_LISTS[item.resourceType])).map((p) => field(p, 'policyName'));
    return names.length ? nonCompliant(item, `Inline policies are attached: ${names.join(', ')}.`) : compliant(item);
  },
};

const groupMembership: ManagedRule = {
  identifier: 'IAM_USER_GROUP_MEMBERSHIP_CHECK',
  resourceTypes: ['AWS::IAM::User'],
  evaluateItem(item, ctx) {
    const groups = list(field(item.configuration, 'groupList')).map((g) => (typeof g === 'string' ? g : String(field(g, 'groupName'))));
    const wanted = csv(ctx.parameters.groupNames);
    if (!groups.length) return nonCompliant(item, 'The user is not a member of any group.');
    if (wanted.length && !groups.some((g) => wanted.includes(g))) return nonCompliant(item, `The user is not a member of any of ${wanted.join(', ')}.`);
    return compliant(item);
  },
};

const groupHasUsers: ManagedRule = {
  identifier: 'IAM_GROUP_HAS_USERS_CHECK',
  resourceTypes: ['AWS::IAM::Group'],
  evaluateItem(item, ctx) {
    const name = String(field(item.configuration, 'groupName') ?? item.resourceName);
    const member = users(ctx).some((u) => list(field(u.configuration, 'groupList')).some((g) => (typeof g === 'string' ? g : field(g, 'groupName')) === name));
    return member ? compliant(item) : nonCompliant(item, 'The group has no users.');
  },
};

/** The default version's document of an AWS::IAM::Policy item. */
function defaultDocument(item: ConfigurationItem): any {
  const versions = list(field(item.configuration, 'policyVersionList'));
  const v = versions.find((x) => truthy(field(x, 'isDefaultVersion'))) ?? versions[0];
  return policyDocument(field(v, 'document'));
}

function policyRule(identifier: string, bad: (s: any) => boolean, annotation: string): ManagedRule {
  return {
    identifier,
    resourceTypes: ['AWS::IAM::Policy'],
    evaluateItem(item, ctx) {
      if (truthy(ctx.parameters.excludePermissionBoundaryPolicy) && Number(field(item.configuration, 'permissionsBoundaryUsageCount') ?? 0) > 0) return notApplicable(item);
      const doc = defaultDocument(item);
      if (!doc) return notApplicable(item, 'The policy document could not be read.');
      return statements(doc).some(bad) ? nonCompliant(item, annotation) : compliant(item);
    },
  };
}

const noAdminAccess = policyRule('IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS', isAdminStatement, 'The policy allows "Action": "*" on "Resource": "*".');
const noFullAccess = policyRule('IAM_POLICY_NO_STATEMENTS_WITH_FULL_ACCESS', isFullAccessStatement, 'The policy allows all actions of a service ("service:*").');

export const IAM_RULES: ManagedRule[] = [
  passwordPolicy, rootAccessKeyCheck, rootAccountMfaEnabled, accessKeysRotated, mfaForConsole, userMfaEnabled, unusedCredentials,
  userNoPolicies, noInlinePolicy, groupMembership, groupHasUsers, noAdminAccess, noFullAccess,
];
