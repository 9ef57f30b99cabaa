import { describe, expect, it } from 'vitest';
import { ruleContext } from '../item-index';
import { managedRule } from '../registry';
import type { AccountFacts, ConfigurationItem } from '../types';

const enc = (doc: unknown) => encodeURIComponent(JSON.stringify(doc));
const ADMIN = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
// kanri's IAM records PascalCase (GetAccountAuthorizationDetails); AWS's items are camelCase.
const kanriUser = (over: Record<string, unknown> = {}, name = 'alice'): ConfigurationItem => ({
  resourceType: 'AWS::IAM::User', resourceId: `AIDA${name.toUpperCase()}`, resourceName: name,
  configuration: { Path: '/', UserName: name, UserId: `AIDA${name.toUpperCase()}`, Arn: `arn:aws:iam::000000000000:user/${name}`, UserPolicyList: [], GroupList: [], AttachedManagedPolicies: [], ...over },
});
const awsUser = (over: Record<string, unknown> = {}, name = 'bob'): ConfigurationItem => ({
  resourceType: 'AWS::IAM::User', resourceId: `AIDA${name.toUpperCase()}`, resourceName: name,
  configuration: { path: '/', userName: name, userPolicyList: [], groupList: [], attachedManagedPolicies: [], ...over },
});
const judge = (id: string, item: ConfigurationItem, params: Record<string, string> = {}, others: ConfigurationItem[] = []) =>
  managedRule(id)!.evaluateItem!(item, ruleContext([item, ...others], params))[0];
const periodic = (id: string, items: ConfigurationItem[], facts: AccountFacts | undefined, params: Record<string, string> = {}) =>
  managedRule(id)!.evaluatePeriodic!(ruleContext(items, params, { facts, now: new Date('2026-06-01T00:00:00Z') }));

describe('IAM item rules', () => {
  it('IAM_USER_NO_POLICIES_CHECK on kanri and AWS shapes', () => {
    expect(judge('IAM_USER_NO_POLICIES_CHECK', kanriUser()).complianceType).toBe('COMPLIANT');
    expect(judge('IAM_USER_NO_POLICIES_CHECK', kanriUser({ UserPolicyList: [{ PolicyName: 'p', PolicyDocument: enc(ADMIN) }] })).complianceType).toBe('NON_COMPLIANT');
    expect(judge('IAM_USER_NO_POLICIES_CHECK', awsUser({ attachedManagedPolicies: [{ policyName: 'ReadOnlyAccess', policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }] })).complianceType).toBe('NON_COMPLIANT');
  });
  it('IAM_NO_INLINE_POLICY_CHECK for users, groups and roles', () => {
    expect(judge('IAM_NO_INLINE_POLICY_CHECK', kanriUser({ UserPolicyList: [{ PolicyName: 'p' }] })).annotation).toBe('Inline policies are attached: p.');
    const role: ConfigurationItem = { resourceType: 'AWS::IAM::Role', resourceId: 'AROA1', configuration: { Path: '/', RoleName: 'r', RolePolicyList: [] } };
    expect(judge('IAM_NO_INLINE_POLICY_CHECK', role).complianceType).toBe('COMPLIANT');
    const linked: ConfigurationItem = { resourceType: 'AWS::IAM::Role', resourceId: 'AROA2', configuration: { path: '/aws-service-role/x/', rolePolicyList: [{ policyName: 'p' }] } };
    expect(judge('IAM_NO_INLINE_POLICY_CHECK', linked).complianceType).toBe('NOT_APPLICABLE');
  });
  it('group membership both ways', () => {
    expect(judge('IAM_USER_GROUP_MEMBERSHIP_CHECK', kanriUser()).complianceType).toBe('NON_COMPLIANT');
    expect(judge('IAM_USER_GROUP_MEMBERSHIP_CHECK', awsUser({ groupList: ['devs'] })).complianceType).toBe('COMPLIANT');
    expect(judge('IAM_USER_GROUP_MEMBERSHIP_CHECK', awsUser({ groupList: ['devs'] }), { groupNames: 'admins' }).complianceType).toBe('NON_COMPLIANT');
    const group: ConfigurationItem = { resourceType: 'AWS::IAM::Group', resourceId: 'AGPA1', configuration: { GroupName: 'devs', GroupPolicyList: [] } };
    expect(judge('IAM_GROUP_HAS_USERS_CHECK', group, {}, [awsUser({ groupList: ['devs'] })]).complianceType).toBe('COMPLIANT');
    expect(judge('IAM_GROUP_HAS_USERS_CHECK', group, {}, [kanriUser()]).complianceType).toBe('NON_COMPLIANT');
  });
  it('policy statements with admin or full access', () => {
    const policy = (doc: unknown, over: Record<string, unknown> = {}): ConfigurationItem => ({
      resourceType: 'AWS::IAM::Policy', resourceId: 'ANPA1',
      configuration: { PolicyName: 'p', PermissionsBoundaryUsageCount: 0, PolicyVersionList: [{ Document: enc(doc), VersionId: 'v1', IsDefaultVersion: true }], ...over },
    });
    const s3All = { Statement: [{ Effect: 'Allow', Action: ['s3:*'], Resource: '*' }] };
    const narrow = { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] };
    expect(judge('IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS', policy(ADMIN)).complianceType).toBe('NON_COMPLIANT');
    expect(judge('IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS', policy(s3All)).complianceType).toBe('COMPLIANT');
    expect(judge('IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS', policy(ADMIN, { PermissionsBoundaryUsageCount: 2 }), { excludePermissionBoundaryPolicy: 'true' }).complianceType).toBe('NOT_APPLICABLE');
    expect(judge('IAM_POLICY_NO_STATEMENTS_WITH_FULL_ACCESS', policy(s3All)).complianceType).toBe('NON_COMPLIANT');
    expect(judge('IAM_POLICY_NO_STATEMENTS_WITH_FULL_ACCESS', policy(narrow)).complianceType).toBe('COMPLIANT');
    // AWS's item: camelCase, document URL-encoded.
    const awsPolicy: ConfigurationItem = { resourceType: 'AWS::IAM::Policy', resourceId: 'ANPA2', configuration: { policyVersionList: [{ document: enc(ADMIN), isDefaultVersion: true }] } };
    expect(judge('IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS', awsPolicy).complianceType).toBe('NON_COMPLIANT');
  });
});

describe('IAM account rules', () => {
  const strong = { MinimumPasswordLength: 14, RequireSymbols: true, RequireNumbers: true, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true, PasswordReusePrevention: 24, MaxPasswordAge: 90 };
  const defaults = { RequireUppercaseCharacters: 'true', RequireLowercaseCharacters: 'true', RequireSymbols: 'true', RequireNumbers: 'true', MinimumPasswordLength: '14', PasswordReusePrevention: '24', MaxPasswordAge: '90' };
  it('IAM_PASSWORD_POLICY judges the account', () => {
    expect(periodic('IAM_PASSWORD_POLICY', [], { passwordPolicy: () => strong }, defaults)).toEqual([{ resourceType: 'AWS::::Account', resourceId: '000000000000', complianceType: 'COMPLIANT' }]);
    const [weak] = periodic('IAM_PASSWORD_POLICY', [], { passwordPolicy: () => ({ ...strong, MinimumPasswordLength: 8, MaxPasswordAge: undefined }) }, defaults);
    expect(weak).toMatchObject({ complianceType: 'NON_COMPLIANT', annotation: 'The password policy does not meet the requirements: MinimumPasswordLength is below 14, MaxPasswordAge is not 90 days or less.' });
    expect(periodic('IAM_PASSWORD_POLICY', [], { passwordPolicy: () => null }, defaults)[0].annotation).toBe('The account has no password policy.');
  });
  it('fails honestly without the facts it needs', () => {
    expect(() => periodic('IAM_PASSWORD_POLICY', [], undefined, defaults)).toThrow(/password policy is not available/);
    expect(() => periodic('ROOT_ACCOUNT_MFA_ENABLED', [], {})).toThrow(/account summary/);
  });
  it('root access keys and MFA', () => {
    expect(periodic('IAM_ROOT_ACCESS_KEY_CHECK', [], { accountSummary: () => ({ AccountAccessKeysPresent: 1 }) })[0].complianceType).toBe('NON_COMPLIANT');
    expect(periodic('IAM_ROOT_ACCESS_KEY_CHECK', [], { accountSummary: () => ({ AccountAccessKeysPresent: 0 }) })[0].complianceType).toBe('COMPLIANT');
    expect(periodic('ROOT_ACCOUNT_MFA_ENABLED', [], { accountSummary: () => ({ AccountMFAEnabled: 0 }) })[0].complianceType).toBe('NON_COMPLIANT');
    expect(periodic('ROOT_ACCOUNT_MFA_ENABLED', [], { accountSummary: () => ({ AccountMFAEnabled: 1 }) })[0].complianceType).toBe('COMPLIANT');
  });
  it('ACCESS_KEYS_ROTATED by key age', () => {
    const keys: Record<string, { accessKeyId: string; status: string; createDate: string }[]> = {
      alice: [{ accessKeyId: 'AKIAOLD', status: 'Active', createDate: '2026-01-01T00:00:00Z' }],
      bob: [{ accessKeyId: 'AKIANEW', status: 'Active', createDate: '2026-05-01T00:00:00Z' }, { accessKeyId: 'AKIAOFF', status: 'Inactive', createDate: '2020-01-01T00:00:00Z' }],
      carol: [],
    };
    const facts = { accessKeys: (u: string) => keys[u] ?? [] };
    const users = [kanriUser({}, 'alice'), awsUser({}, 'bob'), kanriUser({}, 'carol')];
    expect(periodic('ACCESS_KEYS_ROTATED', users, facts, { maxAccessKeyAge: '90' }).map((e) => e.complianceType)).toEqual(['NON_COMPLIANT', 'COMPLIANT', 'NOT_APPLICABLE']);
    expect(periodic('ACCESS_KEYS_ROTATED', users, facts, { maxAccessKeyAge: '200' })[0].complianceType).toBe('COMPLIANT');
  });
  it('credential report rules', () => {
    const report: Record<string, string>[] = [
      { user: 'alice', password_enabled: 'true', mfa_active: 'false', password_last_used: '2026-05-30T00:00:00Z', access_key_1_active: 'false' },
      { user: 'bob', password_enabled: 'false', mfa_active: 'true', password_last_used: 'N/A', access_key_1_active: 'true', access_key_1_last_used_date: 'N/A', access_key_1_last_rotated: '2025-01-01T00:00:00Z' },
    ];
    const facts = { credentialReport: () => report };
    const users = [kanriUser({}, 'alice'), awsUser({}, 'bob')];
    expect(periodic('MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS', users, facts).map((e) => e.complianceType)).toEqual(['NON_COMPLIANT', 'NOT_APPLICABLE']);
    expect(periodic('IAM_USER_MFA_ENABLED', users, facts).map((e) => e.complianceType)).toEqual(['NON_COMPLIANT', 'COMPLIANT']);
    const unused = periodic('IAM_USER_UNUSED_CREDENTIALS_CHECK', users, facts, { maxCredentialUsageAge: '90' });
    expect(unused.map((e) => e.complianceType)).toEqual(['COMPLIANT', 'NON_COMPLIANT']);
    expect(unused[1].annotation).toBe('Credentials unused for more than 90 days: access key 1.');
  });
});
