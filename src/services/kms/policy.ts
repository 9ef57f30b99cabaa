// Key policies: the default one AWS writes for a new key, the one of AWS managed keys, and the
// pretty-printed JSON layout KMS returns them in (" : " between names and values, inline arrays).
import { partitionOf } from '../../core/arn';
import { malformedPolicy } from './errors';

export function prettyJson(value: unknown, indent = ''): string {
  if (Array.isArray(value)) return value.length ? `[ ${value.map((v) => prettyJson(v, indent)).join(', ')} ]` : '[ ]';
  if (value && typeof value === 'object') {
    const inner = `${indent}  `;
    const members = Object.entries(value).map(([k, v]) => `${inner}${JSON.stringify(k)} : ${prettyJson(v, inner)}`);
    return members.length ? `{\n${members.join(',\n')}\n${indent}}` : '{ }';
  }
  return JSON.stringify(value);
}

function root(accountId: string, region: string): string {
  return `arn:${partitionOf(region)}:iam::${accountId}:root`;
}

/** What CreateKey attaches when no policy is given: the account's root may do everything. */
export function defaultKeyPolicy(accountId: string, region: string): string {
  return prettyJson({
    Version: '2012-10-17',
    Id: 'key-default-1',
    Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: root(accountId, region) }, Action: 'kms:*', Resource: '*' }],
  });
}

/** An AWS managed key: usable only through its service, readable by the account. */
export function managedKeyPolicy(accountId: string, region: string, service: string, serviceName: string): string {
  return prettyJson({
    Version: '2012-10-17',
    Id: `auto-${service}-2`,
    Statement: [{
      Sid: `Allow access through ${serviceName} for all principals in the account that are authorized to use ${serviceName}`,
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:CreateGrant', 'kms:DescribeKey'],
      Resource: '*',
      Condition: { StringEquals: { 'kms:CallerAccount': accountId, 'kms:ViaService': `${service}.${region}.amazonaws.com` } },
    }, {
      Sid: 'Allow direct access to key metadata to the account',
      Effect: 'Allow',
      Principal: { AWS: root(accountId, region) },
      Action: ['kms:Describe*', 'kms:Get*', 'kms:List*', 'kms:RevokeGrant'],
      Resource: '*',
    }],
  });
}

/**
 * A key policy must be a JSON object. KMS hands it back in its own layout, so kanri stores it
 * that way; it does not evaluate policies.
 */
export function normalizePolicy(policy: string): string {
  let doc: unknown;
  try {
    doc = JSON.parse(policy);
  } catch {
    throw malformedPolicy();
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc) || depthOf(doc) > MAX_POLICY_DEPTH) throw malformedPolicy();
  return prettyJson(doc);
}

const MAX_POLICY_DEPTH = 64; // real policies nest a handful of levels; deeper ones would overflow the stack

/** Nesting depth, counted without recursion so a hostile document cannot overflow the stack. */
function depthOf(doc: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[doc, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    deepest = Math.max(deepest, depth);
    if (deepest > MAX_POLICY_DEPTH) return deepest;
    if (node && typeof node === 'object') for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return deepest;
}
