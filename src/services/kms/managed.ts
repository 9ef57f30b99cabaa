// AWS managed keys (alias/aws/<service>): created on first use by their service, or when a request
// names the alias, as AWS does. Their policy keeps them out of the account's hands (resolve.ts).
import type { Platform } from '../../core/platform';
import { createKey } from './lifecycle';
import { keyArn, scopeOf, type Scope } from './names';
import { managedKeyPolicy } from './policy';
import { findAlias, insertAlias, type AliasRow } from './store-links';

interface ManagedService { protects: string; name: string; via: string }

const MANAGED: Record<string, ManagedService> = {
  s3: { protects: 'S3 objects', name: 'Amazon S3', via: 's3' },
  ebs: { protects: 'EBS volumes', name: 'Amazon EBS', via: 'ec2' },
  ssm: { protects: 'SSM parameters', name: 'AWS Systems Manager', via: 'ssm' },
  secretsmanager: { protects: 'Secrets Manager secrets', name: 'AWS Secrets Manager', via: 'secretsmanager' },
  lambda: { protects: 'Lambda functions', name: 'AWS Lambda', via: 'lambda' },
  rds: { protects: 'RDS database volumes', name: 'Amazon RDS', via: 'rds' },
  sns: { protects: 'SNS topics', name: 'Amazon SNS', via: 'sns' },
  sqs: { protects: 'SQS queues', name: 'Amazon SQS', via: 'sqs' },
  dynamodb: { protects: 'DynamoDB tables', name: 'Amazon DynamoDB', via: 'dynamodb' },
  elasticfilesystem: { protects: 'EFS file systems', name: 'Amazon Elastic File System', via: 'elasticfilesystem' },
  backup: { protects: 'Backup vaults', name: 'AWS Backup', via: 'backup' },
  kinesis: { protects: 'Kinesis streams', name: 'Amazon Kinesis', via: 'kinesis' },
  storagegateway: { protects: 'Storage Gateway volumes', name: 'AWS Storage Gateway', via: 'storagegateway' },
};

/** AWS managed keys rotate every year. */
const MANAGED_ROTATION_DAYS = 365;

export function isReservedAliasName(aliasName: string): boolean {
  return aliasName.startsWith('alias/aws/');
}

function createManagedKey(scope: Scope, service: string, spec: ManagedService): AliasRow {
  const aliasName = `alias/aws/${service}`;
  const row = createKey(scope, {
    description: `Default key that protects my ${spec.protects} when no other key is defined`,
    policy: managedKeyPolicy(scope.accountId, scope.region, spec.via, spec.name),
    keyManager: 'AWS',
    rotationPeriod: MANAGED_ROTATION_DAYS,
  });
  const at = scope.now.getTime();
  const alias: AliasRow = { aliasName, keyId: row.keyId, createdAt: at, updatedAt: at };
  insertAlias(scope.platform.storage, scope.accountId, scope.region, alias);
  return alias;
}

/** A request named alias/aws/<service> that does not exist yet: AWS creates the key there and then. */
export function ensureReservedAlias(scope: Scope, aliasName: string): AliasRow | undefined {
  const service = /^alias\/aws\/(.+)$/.exec(aliasName)?.[1];
  const spec = service ? MANAGED[service] : undefined;
  return spec ? createManagedKey(scope, service!, spec) : undefined;
}

/**
 * The AWS managed key of a service (ssm, s3, ebs, ...), created with its alias on first use.
 * Other services call this; it runs in their transaction when they have one.
 */
export function awsManagedKey(platform: Platform, accountId: string, region: string, service: string): { keyId: string; arn: string; aliasName: string } {
  if (!/^[a-z0-9-]+$/.test(service)) throw new Error(`kanri: invalid service name for an AWS managed key: ${service}`);
  platform.service('kms'); // tables and timers
  const scope = scopeOf(platform, accountId, region);
  return platform.storage.transaction(() => {
    const aliasName = `alias/aws/${service}`;
    const alias = findAlias(platform.storage, accountId, region, aliasName)
      ?? createManagedKey(scope, service, MANAGED[service] ?? { protects: `${service} resources`, name: service, via: service });
    return { keyId: alias.keyId, arn: keyArn(scope, alias.keyId), aliasName };
  });
}
