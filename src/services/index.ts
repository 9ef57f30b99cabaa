// The service registry: one entry per service kanri implements, each loaded on first use.
import type { ServicePlugin } from './types';

export const SERVICE_LOADERS: Record<string, () => ServicePlugin> = {
  sts: () => require('./sts').default,
  cloudtrail: () => require('./cloudtrail').default,
  kms: () => require('./kms').default,
  iam: () => require('./iam').default,
  s3: () => require('./s3').default,
  events: () => require('./events').default,
  lambda: () => require('./lambda').default,
  sns: () => require('./sns').default,
  sqs: () => require('./sqs').default,
  ec2: () => require('./ec2').default,
  'resource-groups': () => require('./resource-groups').default,
  resourcegroupstaggingapi: () => require('./resourcegroupstaggingapi').default,
  config: () => require('./config').default,
  ssm: () => require('./ssm').default,
  ec2messages: () => require('./ssm/ec2messages').default,
  route53: () => require('./route53').default,
};

/** Access-key patterns and the service that issues them (its plugin's resolveAccessKey knows them). */
export const KEY_RESOLVERS: [RegExp, string][] = [[/^ASIA/, 'sts'], [/^AKIA/, 'iam'], [/^ASIA/, 'ssm']];
