// The evaluator against AWS's documented evaluation logic, one row per rule
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html and
// reference_policies_elements_condition_operators.html).
import { describe, expect, it } from 'vitest';
import { contextFromEntries, contextOf, type ContextEntry } from './context';
import { evaluate, evaluateWithBoundary, type Decision, type PolicySource } from './evaluate';
import { statementSpans } from './positions';

type Doc = { Effect: 'Allow' | 'Deny'; Action?: unknown; NotAction?: unknown; Resource?: unknown; NotResource?: unknown; Condition?: unknown }[];

interface Row {
  name: string;
  policies: Doc[];
  action: string;
  resource?: string;
  context?: Record<string, string | string[]> | ContextEntry[];
  expect: Decision;
  missing?: string[];
}

const allow = (Action: unknown, Resource: unknown = '*', Condition?: unknown) => ({ Effect: 'Allow' as const, Action, Resource, Condition });
const deny = (Action: unknown, Resource: unknown = '*', Condition?: unknown) => ({ Effect: 'Deny' as const, Action, Resource, Condition });
const when = (Condition: unknown) => [allow('s3:GetObject', '*', Condition)];
const BUCKET = 'arn:aws:s3:::reports/2024/q1.csv';
const NOW = '2024-06-01T12:00:00Z';

const ROWS: Row[] = [
  // Default deny, explicit deny, allow
  { name: 'no policies: implicit deny', policies: [], action: 's3:GetObject', expect: 'implicitDeny' },
  { name: 'an allow that applies allows', policies: [[allow('s3:GetObject')]], action: 's3:GetObject', expect: 'allowed' },
  { name: 'an allow for another action: implicit deny', policies: [[allow('s3:PutObject')]], action: 's3:GetObject', expect: 'implicitDeny' },
  { name: 'explicit deny wins over allow in the same policy', policies: [[allow('s3:*'), deny('s3:GetObject')]], action: 's3:GetObject', expect: 'explicitDeny' },
  { name: 'explicit deny in another policy wins', policies: [[allow('*')], [deny('s3:*')]], action: 's3:GetObject', expect: 'explicitDeny' },
  { name: 'a deny that does not apply leaves the allow', policies: [[allow('s3:*'), deny('s3:DeleteObject')]], action: 's3:GetObject', expect: 'allowed' },
  { name: 'deny alone is still a deny', policies: [[deny('ec2:*')]], action: 'ec2:RunInstances', expect: 'explicitDeny' },
  // Action and NotAction
  { name: 'action * matches everything', policies: [[allow('*')]], action: 'iam:CreateUser', expect: 'allowed' },
  { name: 'action prefix wildcard', policies: [[allow('s3:Get*')]], action: 's3:GetObjectAcl', expect: 'allowed' },
  { name: 'action ? matches one character', policies: [[allow('ec2:?escribeVpcs')]], action: 'ec2:DescribeVpcs', expect: 'allowed' },
  { name: 'action ? does not match two characters', policies: [[allow('ec2:?scribeVpcs')]], action: 'ec2:DescribeVpcs', expect: 'implicitDeny' },
  { name: 'actions match case-insensitively', policies: [[allow('S3:getobject')]], action: 's3:GetObject', expect: 'allowed' },
  { name: 'service prefix must match', policies: [[allow('s3:Get*')]], action: 'ssm:GetParameter', expect: 'implicitDeny' },
  { name: 'action list: any entry matches', policies: [[allow(['sqs:SendMessage', 's3:GetObject'])]], action: 's3:GetObject', expect: 'allowed' },
  { name: 'NotAction allow covers other actions', policies: [[{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }]], action: 's3:GetObject', expect: 'allowed' },
  { name: 'NotAction allow excludes the listed actions', policies: [[{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }]], action: 'iam:CreateUser', expect: 'implicitDeny' },
  { name: 'NotAction deny denies everything else', policies: [[allow('*'), { Effect: 'Deny', NotAction: ['s3:*'], Resource: '*' }]], action: 'ec2:RunInstances', expect: 'explicitDeny' },
  // Resource and NotResource
  { name: 'resource wildcard in the key', policies: [[allow('s3:GetObject', 'arn:aws:s3:::reports/*')]], action: 's3:GetObject', resource: BUCKET, expect: 'allowed' },
  { name: 'resource for another bucket', policies: [[allow('s3:GetObject', 'arn:aws:s3:::other/*')]], action: 's3:GetObject', resource: BUCKET, expect: 'implicitDeny' },
  { name: 'resources match case-sensitively', policies: [[allow('s3:GetObject', 'arn:aws:s3:::Reports/*')]], action: 's3:GetObject', resource: BUCKET, expect: 'implicitDeny' },
  { name: 'resource ? wildcard', policies: [[allow('s3:GetObject', 'arn:aws:s3:::reports/202?/q1.csv')]], action: 's3:GetObject', resource: BUCKET, expect: 'allowed' },
  { name: 'NotResource allow covers other resources', policies: [[{ Effect: 'Allow', Action: 's3:*', NotResource: 'arn:aws:s3:::secret/*' }]], action: 's3:GetObject', resource: BUCKET, expect: 'allowed' },
  { name: 'NotResource allow excludes its resources', policies: [[{ Effect: 'Allow', Action: 's3:*', NotResource: 'arn:aws:s3:::reports/*' }]], action: 's3:GetObject', resource: BUCKET, expect: 'implicitDeny' },
  { name: 'a specific resource does not match the simulator default "*"', policies: [[allow('s3:GetObject', 'arn:aws:s3:::reports/*')]], action: 's3:GetObject', expect: 'implicitDeny' },
  { name: 'policy variable in a resource', policies: [[allow('s3:GetObject', 'arn:aws:s3:::home/${aws:username}/*')]], action: 's3:GetObject', resource: 'arn:aws:s3:::home/alice/notes.txt', context: { 'aws:username': 'alice' }, expect: 'allowed' },
  { name: 'policy variable without a value does not match', policies: [[allow('s3:GetObject', 'arn:aws:s3:::home/${aws:username}/*')]], action: 's3:GetObject', resource: 'arn:aws:s3:::home/alice/notes.txt', expect: 'implicitDeny', missing: ['aws:username'] },
  // String operators
  { name: 'StringEquals matches', policies: [when({ StringEquals: { 'aws:PrincipalTag/team': 'ops' } })], action: 's3:GetObject', context: { 'aws:PrincipalTag/team': 'ops' }, expect: 'allowed' },
  { name: 'StringEquals is case-sensitive', policies: [when({ StringEquals: { 'aws:PrincipalTag/team': 'ops' } })], action: 's3:GetObject', context: { 'aws:PrincipalTag/team': 'OPS' }, expect: 'implicitDeny' },
  { name: 'condition keys are case-insensitive', policies: [when({ StringEquals: { 'AWS:PRINCIPALTAG/TEAM': 'ops' } })], action: 's3:GetObject', context: { 'aws:PrincipalTag/team': 'ops' }, expect: 'allowed' },
  { name: 'StringEquals: policy values OR together', policies: [when({ StringEquals: { 'aws:RequestedRegion': ['eu-west-1', 'us-east-1'] } })], action: 's3:GetObject', context: { 'aws:RequestedRegion': 'us-east-1' }, expect: 'allowed' },
  { name: 'keys in a block AND together', policies: [when({ StringEquals: { 'aws:RequestedRegion': 'us-east-1', 's3:prefix': 'home/' } })], action: 's3:GetObject', context: { 'aws:RequestedRegion': 'us-east-1', 's3:prefix': 'tmp/' }, expect: 'implicitDeny' },
  { name: 'StringEquals with the key missing: no match, key reported', policies: [when({ StringEquals: { 'aws:PrincipalTag/team': 'ops' } })], action: 's3:GetObject', expect: 'implicitDeny', missing: ['aws:PrincipalTag/team'] },
  { name: 'StringNotEquals matches another value', policies: [when({ StringNotEquals: { 'aws:RequestedRegion': 'us-east-1' } })], action: 's3:GetObject', context: { 'aws:RequestedRegion': 'eu-west-1' }, expect: 'allowed' },
  { name: 'StringNotEquals with the key missing is true', policies: [[allow('*'), deny('*', '*', { StringNotEquals: { 'aws:RequestedRegion': 'us-east-1' } })]], action: 's3:GetObject', expect: 'explicitDeny' },
  { name: 'StringEqualsIgnoreCase', policies: [when({ StringEqualsIgnoreCase: { 'aws:PrincipalTag/team': 'OPS' } })], action: 's3:GetObject', context: { 'aws:PrincipalTag/team': 'ops' }, expect: 'allowed' },
  { name: 'StringNotEqualsIgnoreCase', policies: [when({ StringNotEqualsIgnoreCase: { 'aws:PrincipalTag/team': 'OPS' } })], action: 's3:GetObject', context: { 'aws:PrincipalTag/team': 'ops' }, expect: 'implicitDeny' },
  { name: 'StringLike with *', policies: [when({ StringLike: { 's3:prefix': 'home/*' } })], action: 's3:GetObject', context: { 's3:prefix': 'home/alice/' }, expect: 'allowed' },
  { name: 'StringLike with ?', policies: [when({ StringLike: { 's3:prefix': 'v?' } })], action: 's3:GetObject', context: { 's3:prefix': 'v10' }, expect: 'implicitDeny' },
  { name: 'StringNotLike', policies: [when({ StringNotLike: { 's3:prefix': 'private/*' } })], action: 's3:GetObject', context: { 's3:prefix': 'public/a' }, expect: 'allowed' },
  { name: 'StringLike with a policy variable', policies: [when({ StringLike: { 's3:prefix': '${aws:username}/*' } })], action: 's3:GetObject', context: { 's3:prefix': 'bob/x', 'aws:username': 'bob' }, expect: 'allowed' },
  // Numeric, date, bool, binary
  { name: 'NumericLessThan true', policies: [when({ NumericLessThan: { 's3:max-keys': '10' } })], action: 's3:GetObject', context: { 's3:max-keys': '5' }, expect: 'allowed' },
  { name: 'NumericLessThan false on equality', policies: [when({ NumericLessThan: { 's3:max-keys': '10' } })], action: 's3:GetObject', context: { 's3:max-keys': '10' }, expect: 'implicitDeny' },
  { name: 'NumericLessThanEquals on equality', policies: [when({ NumericLessThanEquals: { 's3:max-keys': 10 } })], action: 's3:GetObject', context: { 's3:max-keys': '10' }, expect: 'allowed' },
  { name: 'NumericGreaterThanEquals', policies: [when({ NumericGreaterThanEquals: { 'aws:MultiFactorAuthAge': '3600' } })], action: 's3:GetObject', context: { 'aws:MultiFactorAuthAge': '7200' }, expect: 'allowed' },
  { name: 'NumericEquals with a non-number never matches', policies: [when({ NumericEquals: { 's3:max-keys': '10' } })], action: 's3:GetObject', context: { 's3:max-keys': 'ten' }, expect: 'implicitDeny' },
  { name: 'NumericNotEquals', policies: [when({ NumericNotEquals: { 's3:max-keys': '10' } })], action: 's3:GetObject', context: { 's3:max-keys': '11' }, expect: 'allowed' },
  { name: 'DateLessThan before the date', policies: [when({ DateLessThan: { 'aws:CurrentTime': '2025-01-01T00:00:00Z' } })], action: 's3:GetObject', context: { 'aws:CurrentTime': NOW }, expect: 'allowed' },
  { name: 'DateGreaterThan before the date', policies: [when({ DateGreaterThan: { 'aws:CurrentTime': '2025-01-01T00:00:00Z' } })], action: 's3:GetObject', context: { 'aws:CurrentTime': NOW }, expect: 'implicitDeny' },
  { name: 'DateGreaterThanEquals with epoch seconds', policies: [when({ DateGreaterThanEquals: { 'aws:EpochTime': '1700000000' } })], action: 's3:GetObject', context: { 'aws:EpochTime': '1717243200' }, expect: 'allowed' },
  { name: 'Bool true', policies: [when({ Bool: { 'aws:SecureTransport': 'true' } })], action: 's3:GetObject', context: [{ ContextKeyName: 'aws:SecureTransport', ContextKeyType: 'boolean', ContextKeyValues: ['true'] }], expect: 'allowed' },
  { name: 'Bool deny on false', policies: [[allow('s3:*'), deny('s3:*', '*', { Bool: { 'aws:SecureTransport': 'false' } })]], action: 's3:GetObject', context: { 'aws:SecureTransport': 'false' }, expect: 'explicitDeny' },
  { name: 'BinaryEquals', policies: [when({ BinaryEquals: { 'kanri:Blob': 'QmluYXJ5' } })], action: 's3:GetObject', context: { 'kanri:Blob': 'QmluYXJ5' }, expect: 'allowed' },
  // IP addresses
  { name: 'IpAddress inside the CIDR', policies: [when({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } })], action: 's3:GetObject', context: { 'aws:SourceIp': '203.0.113.77' }, expect: 'allowed' },
  { name: 'IpAddress outside the CIDR', policies: [when({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } })], action: 's3:GetObject', context: { 'aws:SourceIp': '198.51.100.1' }, expect: 'implicitDeny' },
  { name: 'IpAddress with IPv6', policies: [when({ IpAddress: { 'aws:SourceIp': '2001:db8::/32' } })], action: 's3:GetObject', context: { 'aws:SourceIp': '2001:db8:1234::1' }, expect: 'allowed' },
  { name: 'NotIpAddress deny blocks outside addresses', policies: [[allow('*'), deny('*', '*', { NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.0.0/16'] } })]], action: 's3:GetObject', context: { 'aws:SourceIp': '8.8.8.8' }, expect: 'explicitDeny' },
  { name: 'NotIpAddress deny lets inside addresses through', policies: [[allow('*'), deny('*', '*', { NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } })]], action: 's3:GetObject', context: { 'aws:SourceIp': '10.1.2.3' }, expect: 'allowed' },
  // ARNs
  { name: 'ArnLike with a wildcard segment', policies: [when({ ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:123456789012:alerts' } })], action: 's3:GetObject', context: { 'aws:SourceArn': 'arn:aws:sns:eu-west-1:123456789012:alerts' }, expect: 'allowed' },
  { name: 'ArnEquals is case-sensitive', policies: [when({ ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:123456789012:Alerts' } })], action: 's3:GetObject', context: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:123456789012:alerts' }, expect: 'implicitDeny' },
  { name: 'ArnLike compares segment by segment', policies: [when({ ArnLike: { 'aws:SourceArn': 'arn:aws:*:us-east-1:123456789012:alerts' } })], action: 's3:GetObject', context: { 'aws:SourceArn': 'arn:aws:sns:eu-west-1:123456789012:alerts' }, expect: 'implicitDeny' },
  { name: 'ArnNotLike', policies: [when({ ArnNotLike: { 'aws:SourceArn': 'arn:aws:sns:*:111111111111:*' } })], action: 's3:GetObject', context: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:123456789012:alerts' }, expect: 'allowed' },
  // Null and IfExists
  { name: 'Null true: key absent', policies: [when({ Null: { 'aws:TokenIssueTime': 'true' } })], action: 's3:GetObject', expect: 'allowed', missing: [] },
  { name: 'Null true: key present', policies: [when({ Null: { 'aws:TokenIssueTime': 'true' } })], action: 's3:GetObject', context: { 'aws:TokenIssueTime': NOW }, expect: 'implicitDeny' },
  { name: 'Null false: key present', policies: [when({ Null: { 'aws:TokenIssueTime': 'false' } })], action: 's3:GetObject', context: { 'aws:TokenIssueTime': NOW }, expect: 'allowed' },
  { name: 'IfExists with the key missing is true', policies: [when({ StringEqualsIfExists: { 'ec2:InstanceType': 't3.micro' } })], action: 's3:GetObject', expect: 'allowed' },
  { name: 'IfExists with the key present compares', policies: [when({ StringEqualsIfExists: { 'ec2:InstanceType': 't3.micro' } })], action: 's3:GetObject', context: { 'ec2:InstanceType': 'm5.large' }, expect: 'implicitDeny' },
  // Set operators
  { name: 'ForAnyValue: one value matches', policies: [when({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['env', 'team'] } })], action: 's3:GetObject', context: { 'aws:TagKeys': ['owner', 'team'] }, expect: 'allowed' },
  { name: 'ForAnyValue: none match', policies: [when({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['env'] } })], action: 's3:GetObject', context: { 'aws:TagKeys': ['owner'] }, expect: 'implicitDeny' },
  { name: 'ForAnyValue: key missing is false', policies: [when({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['env'] } })], action: 's3:GetObject', expect: 'implicitDeny' },
  { name: 'ForAllValues: every value in the set', policies: [when({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env', 'team'] } })], action: 's3:GetObject', context: { 'aws:TagKeys': ['team', 'env'] }, expect: 'allowed' },
  { name: 'ForAllValues: one value outside the set', policies: [when({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env', 'team'] } })], action: 's3:GetObject', context: { 'aws:TagKeys': ['team', 'cost'] }, expect: 'implicitDeny' },
  { name: 'ForAllValues: key missing is true', policies: [when({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env'] } })], action: 's3:GetObject', expect: 'allowed' },
  { name: 'ForAllValues:StringLike', policies: [when({ 'ForAllValues:StringLike': { 'aws:TagKeys': ['kanri-*'] } })], action: 's3:GetObject', context: { 'aws:TagKeys': ['kanri-a', 'kanri-b'] }, expect: 'allowed' },
  { name: 'ForAnyValue:StringNotEquals', policies: [when({ 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': ['env'] } })], action: 's3:GetObject', context: { 'aws:TagKeys': ['env', 'x'] }, expect: 'allowed' },
  { name: 'operators in a condition AND together', policies: [when({ StringEquals: { 'aws:RequestedRegion': 'us-east-1' }, Bool: { 'aws:SecureTransport': 'true' } })], action: 's3:GetObject', context: { 'aws:RequestedRegion': 'us-east-1', 'aws:SecureTransport': 'false' }, expect: 'implicitDeny' },
];

function sources(docs: Doc[]): PolicySource[] {
  return docs.map((statements, i) => ({ id: `PolicyInputList.${i + 1}`, type: 'none', document: JSON.stringify({ Version: '2012-10-17', Statement: statements }) }));
}

describe('evaluate follows AWS evaluation logic', () => {
  it.each(ROWS.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    const context = Array.isArray(row.context) ? contextFromEntries(row.context) : contextOf(row.context ?? {});
    const result = evaluate(sources(row.policies), { action: row.action, resource: row.resource ?? '*', context });
    expect(result.decision).toBe(row.expect);
    if (row.missing) expect(result.missingContextValues).toEqual(row.missing);
    if (row.expect === 'implicitDeny') expect(result.matchedStatements).toEqual([]);
    else expect(result.matchedStatements.length).toBeGreaterThan(0);
  });

  it('has a row for each rule', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(40);
  });
});

describe('matched statements', () => {
  it('name the policy and the statement position', () => {
    const doc = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},\n    {"Effect": "Deny", "Action": "s3:Delete*", "Resource": "*"}\n  ]\n}';
    const result = evaluate([{ id: 'ops', type: 'user', document: doc }], { action: 's3:DeleteObject', resource: '*', context: new Map() });
    expect(result.decision).toBe('explicitDeny');
    expect(result.matchedStatements).toEqual([{ sourcePolicyId: 'ops', sourcePolicyType: 'user', span: { start: { line: 5, column: 5 }, end: { line: 5, column: 64 } } }]);
  });

  it('spans a single statement object', () => {
    expect(statementSpans('{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}')).toEqual([
      { start: { line: 1, column: 37 }, end: { line: 1, column: 83 } },
    ]);
  });
});

describe('permissions boundaries', () => {
  const identity = sources([[allow(['s3:*', 'ec2:*'])]]);
  const boundary = sources([[allow('s3:*')]]);
  const req = (action: string) => ({ action, resource: '*', context: new Map() });

  it('allow only what both allow', () => {
    expect(evaluateWithBoundary(identity, boundary, req('s3:GetObject'))).toMatchObject({ decision: 'allowed', allowedByBoundary: true });
    expect(evaluateWithBoundary(identity, boundary, req('ec2:RunInstances'))).toMatchObject({ decision: 'implicitDeny', allowedByBoundary: false });
  });

  it('a boundary never grants by itself', () => {
    expect(evaluateWithBoundary(sources([]), boundary, req('s3:GetObject')).decision).toBe('implicitDeny');
  });

  it('an explicit deny in the boundary wins', () => {
    const denying = sources([[allow('*'), deny('s3:DeleteBucket')]]);
    expect(evaluateWithBoundary(identity, denying, req('s3:DeleteBucket')).decision).toBe('explicitDeny');
  });
});
