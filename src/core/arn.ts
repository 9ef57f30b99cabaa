// ARNs with the real partition, service, region and account.
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

export function arn(service: string, region: string, account: string, resource: string): string {
  return `arn:${partitionOf(region || 'us-east-1')}:${service}:${region}:${account}:${resource}`;
}

export interface ParsedArn { partition: string; service: string; region: string; account: string; resource: string }

export function parseArn(value: string): ParsedArn | undefined {
  const parts = value.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return { partition: parts[1], service: parts[2], region: parts[3], account: parts[4], resource: parts.slice(5).join(':') };
}
