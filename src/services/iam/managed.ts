// Managed policies, AWS's and the account's, behind one shape. AWS's come from generated data
// (data/aws-managed-policies.json, ~3 MB), read on first use so starting IAM stays cheap.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Storage } from '../../storage/database';
import { localPolicyByArn, policyVersion, type LocalPolicyRow } from './store-policies';

interface AwsPolicyEntry { Path: string; DefaultVersionId: string; CreateDate: string; UpdateDate: string; Document: unknown }

export interface ManagedPolicy {
  arn: string;
  name: string;
  id: string;
  path: string;
  description?: string;
  defaultVersionId: string;
  createDate: string;
  updateDate: string;
  aws: boolean;
  local?: LocalPolicyRow;
}

// Works from src/ and from dist/: the data stays in the source tree, as the service models do.
const DATA_FILE = join(__dirname, '..', '..', '..', 'src', 'services', 'iam', 'data', 'aws-managed-policies.json');

let catalogue: { byName: Map<string, AwsPolicyEntry>; names: string[] } | undefined;

function load() {
  if (!catalogue) {
    const data = JSON.parse(readFileSync(DATA_FILE, 'utf8')) as { policies: Record<string, AwsPolicyEntry> };
    const names = Object.keys(data.policies).sort((a, b) => compareNames(a, b));
    catalogue = { byName: new Map(Object.entries(data.policies)), names };
  }
  return catalogue;
}

/** IAM lists names case-insensitively; the same ASCII fold and byte order as SQLite's NOCASE. */
export function sortName(name: string): string {
  return name.toLowerCase();
}

function compareNames(a: string, b: string): number {
  const x = sortName(a);
  const y = sortName(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A stable id per AWS managed policy (the data has none): ANPA plus 17 characters of a hash. */
function awsPolicyId(name: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const digest = createHash('sha256').update(`aws-managed-policy:${name}`).digest();
  let id = 'ANPA';
  for (let i = 0; id.length < 21; i++) id += alphabet[digest[i] % alphabet.length];
  return id;
}

function awsPolicy(name: string, entry: AwsPolicyEntry, partition: string): ManagedPolicy {
  return {
    arn: `arn:${partition}:iam::aws:policy${entry.Path}${name}`, name, id: awsPolicyId(name), path: entry.Path,
    defaultVersionId: entry.DefaultVersionId, createDate: entry.CreateDate, updateDate: entry.UpdateDate, aws: true,
  };
}

/** AWS managed policies in list order. */
export function awsPolicies(partition: string): ManagedPolicy[] {
  const c = load();
  return c.names.map((name) => awsPolicy(name, c.byName.get(name)!, partition));
}

export function awsPolicyByName(name: string, partition = 'aws'): ManagedPolicy | undefined {
  const entry = load().byName.get(name);
  return entry && awsPolicy(name, entry, partition);
}

function fromLocal(p: LocalPolicyRow): ManagedPolicy {
  return {
    arn: p.arn, name: p.name, id: p.id, path: p.path, description: p.description, defaultVersionId: p.defaultVersionId,
    createDate: p.createDate, updateDate: p.updateDate, aws: false, local: p,
  };
}

export function isAwsPolicyArn(arn: string): boolean {
  return /^arn:[\w-]+:iam::aws:policy\//.test(arn);
}

/** An AWS managed policy (by its exact ARN) or one of the account's own. */
export function findManagedPolicy(storage: Storage, accountId: string, arn: string): ManagedPolicy | undefined {
  if (isAwsPolicyArn(arn)) {
    const name = arn.slice(arn.lastIndexOf('/') + 1);
    const policy = awsPolicyByName(name, arn.split(':')[1]);
    return policy?.arn === arn ? policy : undefined;
  }
  const local = localPolicyByArn(storage, accountId, arn);
  return local && fromLocal(local);
}

export function localAsManaged(p: LocalPolicyRow): ManagedPolicy {
  return fromLocal(p);
}

/** A version's document text; AWS's own policies have only their default version here. */
export function policyDocument(storage: Storage, policy: ManagedPolicy, versionId = policy.defaultVersionId): string | undefined {
  if (!policy.aws) return policyVersion(storage, policy.id, versionId)?.document;
  if (versionId !== policy.defaultVersionId) return undefined;
  return JSON.stringify(load().byName.get(policy.name)!.Document, null, 4);
}
