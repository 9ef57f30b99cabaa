// IAM through the SDK v3, the AWS CLI and boto3: entities, policies and versions, attachments,
// access keys that sign as their user, AWS managed policies, events and the policy simulator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as I from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { awsCli, boto3, sdkConfig, startTestKanri } from './harness';
import type { Kanri } from './harness';

let kanri: Kanri;
let iam: I.IAMClient;
const ACCOUNT = '000000000000';
const events: { resourceType: string; resourceName?: string; region: string; before: any; after: any }[] = [];

beforeAll(async () => {
  kanri = await startTestKanri();
  iam = new I.IAMClient(sdkConfig(kanri));
  kanri.platform.outbox.subscribe('iam-e2e', (e) => { if (e.service === 'iam') events.push(e); });
});
afterAll(async () => { await kanri.stop(); });

const fail = (p: Promise<unknown>) => p.then(() => { throw new Error('expected an error'); }, (e) => e);
const doc = (statement: unknown) => JSON.stringify({ Version: '2012-10-17', Statement: statement });
const S3_READ = doc([{ Effect: 'Allow', Action: ['s3:Get*', 's3:List*'], Resource: '*' }]);
const TRUST_EC2 = doc([{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }]);

describe('users', () => {
  it('creates, reads, renames and deletes a user, with AWS errors', async () => {
    const created = await iam.send(new I.CreateUserCommand({ UserName: 'alice', Path: '/staff/', Tags: [{ Key: 'team', Value: 'ops' }] }));
    expect(created.User).toMatchObject({ UserName: 'alice', Path: '/staff/', Arn: `arn:aws:iam::${ACCOUNT}:user/staff/alice`, Tags: [{ Key: 'team', Value: 'ops' }] });
    expect(created.User!.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);

    const dup = await fail(iam.send(new I.CreateUserCommand({ UserName: 'ALICE' })));
    expect([dup.name, dup.$metadata.httpStatusCode, dup.message]).toEqual(['EntityAlreadyExistsException', 409, 'User with name ALICE already exists.']);
    const missing = await fail(iam.send(new I.GetUserCommand({ UserName: 'nobody' })));
    expect([missing.name, missing.$metadata.httpStatusCode, missing.message]).toEqual(['NoSuchEntityException', 404, 'The user with name nobody cannot be found.']);
    const badName = await fail(iam.send(new I.CreateUserCommand({ UserName: 'bad name!' })));
    expect(badName.name).toBe('ValidationError');
    expect(badName.message).toBe("1 validation error detected: Value 'bad name!' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+");

    await iam.send(new I.UpdateUserCommand({ UserName: 'alice', NewUserName: 'alice2', NewPath: '/' }));
    expect((await iam.send(new I.GetUserCommand({ UserName: 'alice2' }))).User!.Arn).toBe(`arn:aws:iam::${ACCOUNT}:user/alice2`);
    await iam.send(new I.DeleteUserCommand({ UserName: 'alice2' }));
    expect((await fail(iam.send(new I.GetUserCommand({ UserName: 'alice2' })))).name).toBe('NoSuchEntityException');
  });

  it('pages ListUsers with Marker and MaxItems, filtered by PathPrefix', async () => {
    for (const n of ['pg-a', 'pg-b', 'pg-c', 'pg-d', 'pg-e']) await iam.send(new I.CreateUserCommand({ UserName: n, Path: '/paged/' }));
    const seen: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const page = await iam.send(new I.ListUsersCommand({ PathPrefix: '/paged/', MaxItems: 2, Marker: marker }));
      seen.push(...page.Users!.map((u) => u.UserName!));
      expect(page.IsTruncated).toBe(!!page.Marker);
      marker = page.Marker;
      pages++;
    } while (marker);
    expect([pages, seen]).toEqual([3, ['pg-a', 'pg-b', 'pg-c', 'pg-d', 'pg-e']]);
  });

  it('refuses to delete a user that still has keys, policies or groups', async () => {
    await iam.send(new I.CreateUserCommand({ UserName: 'sticky' }));
    await iam.send(new I.CreateGroupCommand({ GroupName: 'sticky-group' }));
    const key = await iam.send(new I.CreateAccessKeyCommand({ UserName: 'sticky' }));
    await iam.send(new I.PutUserPolicyCommand({ UserName: 'sticky', PolicyName: 'inline', PolicyDocument: S3_READ }));
    await iam.send(new I.AttachUserPolicyCommand({ UserName: 'sticky', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
    await iam.send(new I.AddUserToGroupCommand({ UserName: 'sticky', GroupName: 'sticky-group' }));
    const conflict = async () => {
      const e = await fail(iam.send(new I.DeleteUserCommand({ UserName: 'sticky' })));
      expect([e.name, e.$metadata.httpStatusCode]).toEqual(['DeleteConflictException', 409]);
      return e.message;
    };
    expect(await conflict()).toBe('Cannot delete entity, must delete access keys first.');
    await iam.send(new I.DeleteAccessKeyCommand({ UserName: 'sticky', AccessKeyId: key.AccessKey!.AccessKeyId }));
    expect(await conflict()).toBe('Cannot delete entity, must delete policies first.');
    await iam.send(new I.DeleteUserPolicyCommand({ UserName: 'sticky', PolicyName: 'inline' }));
    expect(await conflict()).toBe('Cannot delete entity, must detach all policies first.');
    await iam.send(new I.DetachUserPolicyCommand({ UserName: 'sticky', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
    expect(await conflict()).toBe('Cannot delete entity, must remove users from group first.');
    await iam.send(new I.RemoveUserFromGroupCommand({ UserName: 'sticky', GroupName: 'sticky-group' }));
    await iam.send(new I.DeleteUserCommand({ UserName: 'sticky' }));
  });
});

describe('groups', () => {
  it('keeps members and refuses to delete a group that has them', async () => {
    await iam.send(new I.CreateGroupCommand({ GroupName: 'admins', Path: '/ops/' }));
    for (const u of ['gm-1', 'gm-2']) {
      await iam.send(new I.CreateUserCommand({ UserName: u }));
      await iam.send(new I.AddUserToGroupCommand({ GroupName: 'admins', UserName: u }));
    }
    const group = await iam.send(new I.GetGroupCommand({ GroupName: 'admins' }));
    expect(group.Group!.GroupId).toMatch(/^AGPA/);
    expect(group.Users!.map((u) => u.UserName)).toEqual(['gm-1', 'gm-2']);
    expect((await iam.send(new I.ListGroupsForUserCommand({ UserName: 'gm-1' }))).Groups!.map((g) => g.GroupName)).toEqual(['admins']);
    const e = await fail(iam.send(new I.DeleteGroupCommand({ GroupName: 'admins' })));
    expect([e.name, e.message]).toEqual(['DeleteConflictException', 'Cannot delete entity, must remove users from group first.']);
    await iam.send(new I.PutGroupPolicyCommand({ GroupName: 'admins', PolicyName: 'read', PolicyDocument: S3_READ }));
    expect((await iam.send(new I.ListGroupPoliciesCommand({ GroupName: 'admins' }))).PolicyNames).toEqual(['read']);
    const got = await iam.send(new I.GetGroupPolicyCommand({ GroupName: 'admins', PolicyName: 'read' }));
    expect(JSON.parse(decodeURIComponent(got.PolicyDocument!))).toEqual(JSON.parse(S3_READ));
  });
});

describe('roles and instance profiles', () => {
  it('stores the trust policy and returns it URL-encoded, as AWS does', async () => {
    const out = await iam.send(new I.CreateRoleCommand({ RoleName: 'web', AssumeRolePolicyDocument: TRUST_EC2, MaxSessionDuration: 7200, Description: 'web tier' }));
    expect(out.Role!.RoleId).toMatch(/^AROA/);
    expect(out.Role!.AssumeRolePolicyDocument).toBe(encodeURIComponent(TRUST_EC2).replace(/\*/g, '%2A'));
    const role = (await iam.send(new I.GetRoleCommand({ RoleName: 'web' }))).Role!;
    expect([role.MaxSessionDuration, role.Description, JSON.parse(decodeURIComponent(role.AssumeRolePolicyDocument!))]).toEqual([7200, 'web tier', JSON.parse(TRUST_EC2)]);

    const lambdaTrust = doc([{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }]);
    await iam.send(new I.UpdateAssumeRolePolicyCommand({ RoleName: 'web', PolicyDocument: lambdaTrust }));
    expect(decodeURIComponent((await iam.send(new I.GetRoleCommand({ RoleName: 'web' }))).Role!.AssumeRolePolicyDocument!)).toBe(lambdaTrust);

    const tooShort = await fail(iam.send(new I.UpdateRoleCommand({ RoleName: 'web', MaxSessionDuration: 600 })));
    expect(tooShort.name).toBe('ValidationError');
    const withResource = await fail(iam.send(new I.CreateRoleCommand({ RoleName: 'bad', AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole', Resource: '*' }]) })));
    expect([withResource.name, withResource.message]).toEqual(['MalformedPolicyDocumentException', 'Has prohibited field Resource.']);
  });

  it('holds one role per instance profile and guards deletion', async () => {
    await iam.send(new I.CreateRoleCommand({ RoleName: 'app', AssumeRolePolicyDocument: TRUST_EC2 }));
    await iam.send(new I.CreateRoleCommand({ RoleName: 'app2', AssumeRolePolicyDocument: TRUST_EC2 }));
    const created = await iam.send(new I.CreateInstanceProfileCommand({ InstanceProfileName: 'app-profile', Tags: [{ Key: 'tier', Value: 'app' }] }));
    expect(created.InstanceProfile!.InstanceProfileId).toMatch(/^AIPA/);
    await iam.send(new I.AddRoleToInstanceProfileCommand({ InstanceProfileName: 'app-profile', RoleName: 'app' }));
    const second = await fail(iam.send(new I.AddRoleToInstanceProfileCommand({ InstanceProfileName: 'app-profile', RoleName: 'app2' })));
    expect([second.name, second.message]).toEqual(['LimitExceededException', 'Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1']);
    const profile = (await iam.send(new I.GetInstanceProfileCommand({ InstanceProfileName: 'app-profile' }))).InstanceProfile!;
    expect(profile.Roles!.map((r) => r.RoleName)).toEqual(['app']);
    expect((await iam.send(new I.ListInstanceProfilesForRoleCommand({ RoleName: 'app' }))).InstanceProfiles!.map((p) => p.InstanceProfileName)).toEqual(['app-profile']);
    expect((await iam.send(new I.ListInstanceProfilesCommand({}))).InstanceProfiles!.map((p) => p.InstanceProfileName)).toContain('app-profile');

    const roleConflict = await fail(iam.send(new I.DeleteRoleCommand({ RoleName: 'app' })));
    expect([roleConflict.name, roleConflict.message]).toEqual(['DeleteConflictException', 'Cannot delete entity, must remove roles from instance profile first.']);
    const profileConflict = await fail(iam.send(new I.DeleteInstanceProfileCommand({ InstanceProfileName: 'app-profile' })));
    expect(profileConflict.name).toBe('DeleteConflictException');
    await iam.send(new I.RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: 'app-profile', RoleName: 'app' }));
    await iam.send(new I.DeleteInstanceProfileCommand({ InstanceProfileName: 'app-profile' }));
    await iam.send(new I.PutRolePolicyCommand({ RoleName: 'app', PolicyName: 'logs', PolicyDocument: doc([{ Effect: 'Allow', Action: 'logs:*', Resource: '*' }]) }));
    expect((await fail(iam.send(new I.DeleteRoleCommand({ RoleName: 'app' })))).message).toBe('Cannot delete entity, must delete policies first.');
    await iam.send(new I.DeleteRolePolicyCommand({ RoleName: 'app', PolicyName: 'logs' }));
    await iam.send(new I.DeleteRoleCommand({ RoleName: 'app' }));
    const gone = await fail(iam.send(new I.GetRolePolicyCommand({ RoleName: 'app2', PolicyName: 'logs' })));
    expect([gone.name, gone.message]).toEqual(['NoSuchEntityException', 'The role policy with name logs cannot be found.']);
  });

  it('creates service-linked roles that only their service may change', async () => {
    const { Role } = await iam.send(new I.CreateServiceLinkedRoleCommand({ AWSServiceName: 'config.amazonaws.com' }));
    expect(Role).toMatchObject({
      RoleName: 'AWSServiceRoleForConfig', Path: '/aws-service-role/config.amazonaws.com/',
      Arn: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
    });
    const attached = await iam.send(new I.ListAttachedRolePoliciesCommand({ RoleName: 'AWSServiceRoleForConfig' }));
    expect(attached.AttachedPolicies).toEqual([{ PolicyName: 'AWSConfigServiceRolePolicy', PolicyArn: 'arn:aws:iam::aws:policy/aws-service-role/AWSConfigServiceRolePolicy' }]);
    const again = await fail(iam.send(new I.CreateServiceLinkedRoleCommand({ AWSServiceName: 'config.amazonaws.com' })));
    expect([again.name, again.message]).toEqual(['InvalidInputException', 'Service role name AWSServiceRoleForConfig has been taken in this account, please try a different suffix.']);
    const protectedRole = await fail(iam.send(new I.DeleteRoleCommand({ RoleName: 'AWSServiceRoleForConfig' })));
    expect(protectedRole.name).toBe('UnmodifiableEntityException');
    const task = await iam.send(new I.DeleteServiceLinkedRoleCommand({ RoleName: 'AWSServiceRoleForConfig' }));
    expect((await iam.send(new I.GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId: task.DeletionTaskId }))).Status).toBe('SUCCEEDED');
  });
});

describe('managed policies', () => {
  const arn = `arn:aws:iam::${ACCOUNT}:policy/team/s3-read`;

  it('versions a policy: SetAsDefault, five at most, and the default stays', async () => {
    const created = (await iam.send(new I.CreatePolicyCommand({ PolicyName: 's3-read', Path: '/team/', PolicyDocument: S3_READ, Description: 'reads' }))).Policy!;
    expect(created).toMatchObject({ Arn: arn, DefaultVersionId: 'v1', AttachmentCount: 0, IsAttachable: true });
    expect(created.PolicyId).toMatch(/^ANPA/);
    const dup = await fail(iam.send(new I.CreatePolicyCommand({ PolicyName: 's3-read', PolicyDocument: S3_READ })));
    expect(dup.message).toBe('A policy called s3-read already exists. Duplicate names are not allowed.');

    const v2 = doc([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' }]);
    const created2 = await iam.send(new I.CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: v2, SetAsDefault: true }));
    expect(created2.PolicyVersion).toMatchObject({ VersionId: 'v2', IsDefaultVersion: true });
    for (let i = 3; i <= 5; i++) await iam.send(new I.CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: S3_READ }));
    const sixth = await fail(iam.send(new I.CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: S3_READ })));
    expect([sixth.name, sixth.$metadata.httpStatusCode, sixth.message]).toEqual(['LimitExceededException', 409,
      'A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.']);

    const got = (await iam.send(new I.GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v2' }))).PolicyVersion!;
    expect([got.IsDefaultVersion, decodeURIComponent(got.Document!)]).toEqual([true, v2]);
    expect(got.Document).toMatch(/^%7B%22Version%22%3A/); // URL-encoded on the wire
    const defaultDelete = await fail(iam.send(new I.DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v2' })));
    expect([defaultDelete.name, defaultDelete.message]).toEqual(['DeleteConflictException', 'Cannot delete the default version of a policy.']);
    await iam.send(new I.DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v5' }));
    await iam.send(new I.SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v1' }));
    const versions = (await iam.send(new I.ListPolicyVersionsCommand({ PolicyArn: arn }))).Versions!;
    expect(versions.map((v) => [v.VersionId, v.IsDefaultVersion])).toEqual([['v4', false], ['v3', false], ['v2', false], ['v1', true]]);
    expect((await iam.send(new I.GetPolicyCommand({ PolicyArn: arn }))).Policy).toMatchObject({ DefaultVersionId: 'v1', Description: 'reads' });
  });

  it('rejects malformed documents with MalformedPolicyDocument', async () => {
    const cases: [string, string][] = [
      ['{not json', 'Syntax errors in policy.'],
      [JSON.stringify({ Version: '2012-10-17' }), 'Syntax errors in policy.'],
      [doc([{ Action: 's3:*', Resource: '*' }]), 'Syntax errors in policy.'],
      [doc([{ Effect: 'Allow', Resource: '*' }]), 'Policy statement must contain actions.'],
      [doc([{ Effect: 'Allow', Action: 's3:*' }]), 'Policy statement must contain resources.'],
    ];
    for (const [document, message] of cases) {
      const e = await fail(iam.send(new I.CreatePolicyCommand({ PolicyName: 'broken', PolicyDocument: document })));
      expect([e.name, e.$metadata.httpStatusCode, e.message]).toEqual(['MalformedPolicyDocumentException', 400, message]);
    }
  });

  it('enforces the size quotas, counting no white space', async () => {
    await iam.send(new I.CreateUserCommand({ UserName: 'sized' }));
    const big = (n: number) => doc([{ Effect: 'Allow', Action: Array.from({ length: n }, (_, i) => `s3:Action${i}`), Resource: '*' }]);
    await iam.send(new I.PutUserPolicyCommand({ UserName: 'sized', PolicyName: 'a', PolicyDocument: JSON.stringify(JSON.parse(big(80)), null, 8) }));
    const over = await fail(iam.send(new I.PutUserPolicyCommand({ UserName: 'sized', PolicyName: 'b', PolicyDocument: big(80) })));
    expect([over.name, over.message]).toEqual(['LimitExceededException', 'Cannot exceed quota for UserPolicySize: 2048']);
    const managed = await fail(iam.send(new I.CreatePolicyCommand({ PolicyName: 'huge', PolicyDocument: big(500) })));
    expect(managed.message).toBe('Cannot exceed quota for PolicySize: 6144');
  });

  it('lists AWS and local policies together, each once across pages', async () => {
    const names: string[] = [];
    for await (const page of I.paginateListPolicies({ client: iam, pageSize: 300 }, { Scope: 'All' })) names.push(...page.Policies!.map((p) => p.Arn!));
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain(`arn:aws:iam::${ACCOUNT}:policy/team/s3-read`);
    expect(names).toContain('arn:aws:iam::aws:policy/ReadOnlyAccess');
  });

  it('attaches to users, groups and roles and counts it', async () => {
    await iam.send(new I.CreateUserCommand({ UserName: 'att-user' }));
    await iam.send(new I.CreateGroupCommand({ GroupName: 'att-group' }));
    await iam.send(new I.CreateRoleCommand({ RoleName: 'att-role', AssumeRolePolicyDocument: TRUST_EC2 }));
    await iam.send(new I.AttachUserPolicyCommand({ UserName: 'att-user', PolicyArn: arn }));
    await iam.send(new I.AttachGroupPolicyCommand({ GroupName: 'att-group', PolicyArn: arn }));
    await iam.send(new I.AttachRolePolicyCommand({ RoleName: 'att-role', PolicyArn: arn }));
    expect((await iam.send(new I.GetPolicyCommand({ PolicyArn: arn }))).Policy!.AttachmentCount).toBe(3);
    expect((await iam.send(new I.ListAttachedUserPoliciesCommand({ UserName: 'att-user' }))).AttachedPolicies).toEqual([{ PolicyName: 's3-read', PolicyArn: arn }]);
    const entities = await iam.send(new I.ListEntitiesForPolicyCommand({ PolicyArn: arn }));
    expect([entities.PolicyUsers!.map((u) => u.UserName), entities.PolicyGroups!.map((g) => g.GroupName), entities.PolicyRoles!.map((r) => r.RoleName)])
      .toEqual([['att-user'], ['att-group'], ['att-role']]);
    expect((await iam.send(new I.ListEntitiesForPolicyCommand({ PolicyArn: arn, EntityFilter: 'Role' }))).PolicyUsers).toEqual([]);

    const local = await iam.send(new I.ListPoliciesCommand({ Scope: 'Local', OnlyAttached: true, PathPrefix: '/team/' }));
    expect(local.Policies!.map((p) => p.PolicyName)).toEqual(['s3-read']);
    const attachedConflict = await fail(iam.send(new I.DeletePolicyCommand({ PolicyArn: arn })));
    expect([attachedConflict.name, attachedConflict.message]).toEqual(['DeleteConflictException', 'Cannot delete a policy attached to entities.']);
    const notAttachable = await fail(iam.send(new I.AttachUserPolicyCommand({ UserName: 'att-user', PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/nope` })));
    expect([notAttachable.name, notAttachable.message]).toEqual(['NoSuchEntityException', `Policy arn:aws:iam::${ACCOUNT}:policy/nope does not exist or is not attachable.`]);
    await iam.send(new I.DetachRolePolicyCommand({ RoleName: 'att-role', PolicyArn: arn }));
    const notAttached = await fail(iam.send(new I.DetachRolePolicyCommand({ RoleName: 'att-role', PolicyArn: arn })));
    expect(notAttached.message).toBe(`Policy ${arn} was not found.`);
  });

  it('serves the AWS managed policies the ops services name, with real ARNs, paths and documents', async () => {
    const names = ['AmazonSSMManagedInstanceCore', 'AWSServiceCatalogEndUserFullAccess', 'AWSServiceCatalogAdminFullAccess', 'AdministratorAccess',
      'ReadOnlyAccess', 'PowerUserAccess', 'AmazonS3FullAccess', 'AmazonS3ReadOnlyAccess', 'AmazonEC2FullAccess', 'AmazonSSMFullAccess',
      'CloudWatchAgentServerPolicy', 'AWSCloudFormationFullAccess', 'AWSSupportAccess', 'ServiceQuotasFullAccess', 'AWSStorageGatewayFullAccess'];
    for (const name of names) {
      const p = (await iam.send(new I.GetPolicyCommand({ PolicyArn: `arn:aws:iam::aws:policy/${name}` }))).Policy!;
      expect([p.PolicyName, p.Path, p.DefaultVersionId]).toEqual([name, '/', expect.stringMatching(/^v\d+$/)]);
    }
    for (const name of ['AWS_ConfigRole', 'AmazonSSMAutomationRole', 'AWSConfigRulesExecutionRole', 'AWSLambdaBasicExecutionRole']) {
      expect((await iam.send(new I.GetPolicyCommand({ PolicyArn: `arn:aws:iam::aws:policy/service-role/${name}` }))).Policy!.Path).toBe('/service-role/');
    }
    const admin = await iam.send(new I.GetPolicyVersionCommand({ PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess', VersionId: 'v1' }));
    expect(JSON.parse(decodeURIComponent(admin.PolicyVersion!.Document!))).toEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    const wrongPath = await fail(iam.send(new I.GetPolicyCommand({ PolicyArn: 'arn:aws:iam::aws:policy/AWS_ConfigRole' })));
    expect(wrongPath.name).toBe('NoSuchEntityException');
    await iam.send(new I.AttachRolePolicyCommand({ RoleName: 'att-role', PolicyArn: 'arn:aws:iam::aws:policy/service-role/AWS_ConfigRole' }));
    const aws = await iam.send(new I.ListPoliciesCommand({ Scope: 'AWS', OnlyAttached: true }));
    expect(aws.Policies!.find((p) => p.PolicyName === 'AWS_ConfigRole')!.AttachmentCount).toBe(1);
    const tagAws = await fail(iam.send(new I.TagPolicyCommand({ PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess', Tags: [{ Key: 'a', Value: 'b' }] })));
    expect(tagAws.name).toBe('NoSuchEntityException');
  });
});

describe('tags and account details', () => {
  it('tags users, roles, policies and instance profiles', async () => {
    await iam.send(new I.CreateInstanceProfileCommand({ InstanceProfileName: 'tagged-profile' }));
    const targets: [() => unknown, () => unknown, () => Promise<{ Tags?: I.Tag[] }>][] = [
      [() => iam.send(new I.TagUserCommand({ UserName: 'att-user', Tags: [{ Key: 'env', Value: 'dev' }, { Key: 'x', Value: '1' }] })),
        () => iam.send(new I.UntagUserCommand({ UserName: 'att-user', TagKeys: ['x'] })), () => iam.send(new I.ListUserTagsCommand({ UserName: 'att-user' }))],
      [() => iam.send(new I.TagRoleCommand({ RoleName: 'att-role', Tags: [{ Key: 'env', Value: 'dev' }, { Key: 'x', Value: '1' }] })),
        () => iam.send(new I.UntagRoleCommand({ RoleName: 'att-role', TagKeys: ['x'] })), () => iam.send(new I.ListRoleTagsCommand({ RoleName: 'att-role' }))],
      [() => iam.send(new I.TagPolicyCommand({ PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/team/s3-read`, Tags: [{ Key: 'env', Value: 'dev' }, { Key: 'x', Value: '1' }] })),
        () => iam.send(new I.UntagPolicyCommand({ PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/team/s3-read`, TagKeys: ['x'] })),
        () => iam.send(new I.ListPolicyTagsCommand({ PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/team/s3-read` }))],
      [() => iam.send(new I.TagInstanceProfileCommand({ InstanceProfileName: 'tagged-profile', Tags: [{ Key: 'env', Value: 'dev' }, { Key: 'x', Value: '1' }] })),
        () => iam.send(new I.UntagInstanceProfileCommand({ InstanceProfileName: 'tagged-profile', TagKeys: ['x'] })),
        () => iam.send(new I.ListInstanceProfileTagsCommand({ InstanceProfileName: 'tagged-profile' }))],
    ];
    for (const [tag, untag, list] of targets) {
      await tag();
      await untag();
      expect((await list()).Tags).toEqual([{ Key: 'env', Value: 'dev' }]);
    }
  });

  it('GetAccountAuthorizationDetails lists entities with their policies, by Filter', async () => {
    const roles = await iam.send(new I.GetAccountAuthorizationDetailsCommand({ Filter: ['Role'] }));
    expect(roles.UserDetailList).toEqual([]);
    const role = roles.RoleDetailList!.find((r) => r.RoleName === 'att-role')!;
    expect(role.AttachedManagedPolicies).toEqual([{ PolicyName: 'AWS_ConfigRole', PolicyArn: 'arn:aws:iam::aws:policy/service-role/AWS_ConfigRole' }]);
    const all = await iam.send(new I.GetAccountAuthorizationDetailsCommand({}));
    const user = all.UserDetailList!.find((u) => u.UserName === 'gm-1')!;
    expect(user.GroupList).toEqual(['admins']);
    const group = all.GroupDetailList!.find((g) => g.GroupName === 'admins')!;
    expect(group.GroupPolicyList![0].PolicyName).toBe('read');
    const policy = all.Policies!.find((p) => p.PolicyName === 's3-read')!;
    expect(policy.PolicyVersionList!.length).toBe(4);
    expect(all.Policies!.some((p) => p.PolicyName === 'AWS_ConfigRole')).toBe(true);
    const paged = await iam.send(new I.GetAccountAuthorizationDetailsCommand({ MaxItems: 1 }));
    expect([paged.IsTruncated, paged.UserDetailList!.length + paged.GroupDetailList!.length + paged.RoleDetailList!.length + paged.Policies!.length]).toEqual([true, 1]);
  });

  it('emits resource-change events for Config, region global', async () => {
    await iam.send(new I.CreateUserCommand({ UserName: 'evented' }));
    await iam.send(new I.PutUserPolicyCommand({ UserName: 'evented', PolicyName: 'p', PolicyDocument: S3_READ }));
    await iam.send(new I.DeleteUserPolicyCommand({ UserName: 'evented', PolicyName: 'p' }));
    await iam.send(new I.DeleteUserCommand({ UserName: 'evented' }));
    await kanri.platform.outbox.drain();
    const mine = events.filter((e) => e.resourceName === 'evented');
    expect(mine.map((e) => [e.resourceType, e.region, e.before === null, e.after === null])).toEqual([
      ['AWS::IAM::User', 'global', true, false], ['AWS::IAM::User', 'global', false, false],
      ['AWS::IAM::User', 'global', false, false], ['AWS::IAM::User', 'global', false, true],
    ]);
    expect(mine[1].after.userPolicyList).toEqual([{ policyName: 'p', policyDocument: expect.stringContaining('%22Statement%22') }]);
  });
});

describe('access keys', () => {
  it('signs requests as the user until the key is made inactive or deleted', async () => {
    await iam.send(new I.CreateUserCommand({ UserName: 'keyholder' }));
    const user = (await iam.send(new I.GetUserCommand({ UserName: 'keyholder' }))).User!;
    const { AccessKey: key } = await iam.send(new I.CreateAccessKeyCommand({ UserName: 'keyholder' }));
    expect(key!.AccessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(key!.SecretAccessKey).toHaveLength(40);
    const creds = { accessKeyId: key!.AccessKeyId!, secretAccessKey: key!.SecretAccessKey! };
    const asUser = new STSClient(sdkConfig(kanri, 'us-east-1', creds));
    expect(await asUser.send(new GetCallerIdentityCommand({}))).toMatchObject({ Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/keyholder`, UserId: user.UserId });
    const self = (await new I.IAMClient(sdkConfig(kanri, 'us-east-1', creds)).send(new I.GetUserCommand({}))).User!;
    expect(self.UserName).toBe('keyholder');
    const lastUsed = await iam.send(new I.GetAccessKeyLastUsedCommand({ AccessKeyId: key!.AccessKeyId }));
    expect([lastUsed.UserName, lastUsed.AccessKeyLastUsed!.LastUsedDate instanceof Date]).toEqual(['keyholder', true]);

    await iam.send(new I.CreateAccessKeyCommand({ UserName: 'keyholder' }));
    const third = await fail(iam.send(new I.CreateAccessKeyCommand({ UserName: 'keyholder' })));
    expect([third.name, third.$metadata.httpStatusCode, third.message]).toEqual(['LimitExceededException', 409, 'Cannot exceed quota for AccessKeysPerUser: 2']);
    expect((await iam.send(new I.ListAccessKeysCommand({ UserName: 'keyholder' }))).AccessKeyMetadata!.length).toBe(2);

    await iam.send(new I.UpdateAccessKeyCommand({ UserName: 'keyholder', AccessKeyId: key!.AccessKeyId, Status: 'Inactive' }));
    const listed = (await iam.send(new I.ListAccessKeysCommand({ UserName: 'keyholder' }))).AccessKeyMetadata!;
    expect(listed.find((k) => k.AccessKeyId === key!.AccessKeyId)!.Status).toBe('Inactive');
    expect((await asUser.send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:iam::${ACCOUNT}:root`);
    await iam.send(new I.UpdateAccessKeyCommand({ UserName: 'keyholder', AccessKeyId: key!.AccessKeyId, Status: 'Active' }));
    expect((await asUser.send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:iam::${ACCOUNT}:user/keyholder`);
    await iam.send(new I.DeleteAccessKeyCommand({ UserName: 'keyholder', AccessKeyId: key!.AccessKeyId }));
    expect((await asUser.send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:iam::${ACCOUNT}:root`);
    const gone = await fail(iam.send(new I.DeleteAccessKeyCommand({ UserName: 'keyholder', AccessKeyId: key!.AccessKeyId })));
    expect([gone.name, gone.message]).toEqual(['NoSuchEntityException', `The Access Key with id ${key!.AccessKeyId} cannot be found.`]);
  });

  it('works from the AWS CLI: create-user, list-users, and get-user with the user key', async () => {
    expect((await awsCli(kanri, ['iam', 'create-user', '--user-name', 'cli-user'])).User.Arn).toBe(`arn:aws:iam::${ACCOUNT}:user/cli-user`);
    const users = await awsCli(kanri, ['iam', 'list-users']);
    expect(users.Users.map((u: { UserName: string }) => u.UserName)).toContain('cli-user');
    const key = (await awsCli(kanri, ['iam', 'create-access-key', '--user-name', 'cli-user'])).AccessKey;
    const me = await awsCli(kanri, ['iam', 'get-user'], { AWS_ACCESS_KEY_ID: key.AccessKeyId, AWS_SECRET_ACCESS_KEY: key.SecretAccessKey });
    expect(me.User.UserName).toBe('cli-user');
  });
});

describe('policy simulator', () => {
  it('evaluates a user with inline, managed and group policies', async () => {
    await iam.send(new I.CreateUserCommand({ UserName: 'sim' }));
    await iam.send(new I.CreateGroupCommand({ GroupName: 'sim-group' }));
    await iam.send(new I.AddUserToGroupCommand({ GroupName: 'sim-group', UserName: 'sim' }));
    await iam.send(new I.AttachUserPolicyCommand({ UserName: 'sim', PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' }));
    await iam.send(new I.PutGroupPolicyCommand({ GroupName: 'sim-group', PolicyName: 'no-secrets', PolicyDocument: doc([{ Effect: 'Deny', Action: 's3:GetObject', Resource: 'arn:aws:s3:::secrets/*' }]) }));
    await iam.send(new I.PutUserPolicyCommand({ UserName: 'sim', PolicyName: 'ec2-in-region', PolicyDocument: doc([{ Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }]) }));
    const out = await iam.send(new I.SimulatePrincipalPolicyCommand({
      PolicySourceArn: `arn:aws:iam::${ACCOUNT}:user/sim`, ActionNames: ['s3:GetObject', 's3:PutObject'],
      ResourceArns: ['arn:aws:s3:::reports/a.csv', 'arn:aws:s3:::secrets/key.pem'],
    }));
    expect(out.EvaluationResults!.map((r) => [r.EvalActionName, r.EvalResourceName, r.EvalDecision])).toEqual([
      ['s3:GetObject', 'arn:aws:s3:::reports/a.csv', 'allowed'], ['s3:GetObject', 'arn:aws:s3:::secrets/key.pem', 'explicitDeny'],
      ['s3:PutObject', 'arn:aws:s3:::reports/a.csv', 'implicitDeny'], ['s3:PutObject', 'arn:aws:s3:::secrets/key.pem', 'implicitDeny'],
    ]);
    expect(out.EvaluationResults![0].MatchedStatements![0]).toMatchObject({ SourcePolicyId: 'AmazonS3ReadOnlyAccess', SourcePolicyType: 'aws-managed' });
    expect(out.EvaluationResults![1].MatchedStatements![0]).toMatchObject({ SourcePolicyId: 'no-secrets', SourcePolicyType: 'group', StartPosition: { Line: 1, Column: 38 } });

    const ec2 = await iam.send(new I.SimulatePrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${ACCOUNT}:user/sim`, ActionNames: ['ec2:DescribeVpcs'] }));
    expect([ec2.EvaluationResults![0].EvalDecision, ec2.EvaluationResults![0].MissingContextValues]).toEqual(['implicitDeny', ['aws:RequestedRegion']]);
    const inRegion = await iam.send(new I.SimulatePrincipalPolicyCommand({
      PolicySourceArn: `arn:aws:iam::${ACCOUNT}:user/sim`, ActionNames: ['ec2:DescribeVpcs'],
      ContextEntries: [{ ContextKeyName: 'aws:RequestedRegion', ContextKeyType: 'string', ContextKeyValues: ['eu-west-1'] }],
    }));
    expect(inRegion.EvaluationResults![0].EvalDecision).toBe('allowed');
  });

  it('SimulateCustomPolicy evaluates the given documents', async () => {
    const out = await iam.send(new I.SimulateCustomPolicyCommand({
      PolicyInputList: [doc([{ Effect: 'Allow', Action: 'sqs:*', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }])],
      ActionNames: ['sqs:SendMessage'],
      ContextEntries: [{ ContextKeyName: 'aws:SourceIp', ContextKeyType: 'ip', ContextKeyValues: ['10.1.2.3'] }],
    }));
    expect(out.EvaluationResults![0]).toMatchObject({ EvalDecision: 'allowed', MatchedStatements: [{ SourcePolicyId: 'PolicyInputList.1' }] });
  });
});

describe('boto3', () => {
  it('pages list_policies Scope=AWS and simulates a principal', async () => {
    const out = await boto3(kanri, `
import boto3, json, os
iam = boto3.client('iam', endpoint_url=os.environ['KANRI_URL'])
pages = list(iam.get_paginator('list_policies').paginate(Scope='AWS', PaginationConfig={'PageSize': 250}))
names = [p['PolicyName'] for page in pages for p in page['Policies']]
role = iam.get_role(RoleName='web')['Role']
sim = iam.simulate_principal_policy(PolicySourceArn='arn:aws:iam::${ACCOUNT}:user/sim', ActionNames=['s3:ListBucket', 'iam:CreateUser'])
print(json.dumps({'pages': len(pages), 'count': len(names), 'unique': len(set(names)), 'config': 'AWS_ConfigRole' in names,
  'trust': role['AssumeRolePolicyDocument'], 'decisions': [r['EvalDecision'] for r in sim['EvaluationResults']]}))`);
    expect(out.pages).toBeGreaterThan(4);
    expect(out.count).toBeGreaterThan(1000);
    expect([out.unique, out.config]).toEqual([out.count, true]);
    expect(out.trust.Statement[0].Principal.Service).toBe('lambda.amazonaws.com'); // boto3 decoded the URL-encoded document
    expect(out.decisions).toEqual(['allowed', 'implicitDeny']);
  });
});
