// Configuration items for the advanced-query tests, and an item source that counts what it is asked.
import { selectResourceConfig, type ItemSource, type SelectOptions } from './index';

type Item = Record<string, unknown>;

function item(resourceType: string, resourceId: string, extra: Partial<Item> & { configuration?: unknown }): Item {
  return {
    version: '1.3',
    accountId: '123456789012',
    configurationItemCaptureTime: '2026-11-01T10:00:00.000Z',
    configurationItemStatus: 'OK',
    configurationStateId: '1',
    arn: `arn:aws:test:us-east-1:123456789012:${resourceId}`,
    resourceType,
    resourceId,
    awsRegion: 'us-east-1',
    availabilityZone: 'Not Applicable',
    tags: [],
    relationships: [],
    configuration: {},
    supplementaryConfiguration: {},
    ...extra,
  };
}

export const ITEMS: Item[] = [
  item('AWS::EC2::Instance', 'i-0001', {
    resourceName: 'web-1',
    availabilityZone: 'us-east-1a',
    resourceCreationTime: '2026-01-10T08:00:00.000Z',
    tags: [{ key: 'Name', value: 'web-1' }, { key: 'env', value: 'prod' }],
    relationships: [
      { resourceType: 'AWS::EC2::SecurityGroup', resourceId: 'sg-0001', relationshipName: 'Is associated with SecurityGroup' },
      { resourceType: 'AWS::EC2::Volume', resourceId: 'vol-0001', relationshipName: 'Is attached to Volume' },
    ],
    configuration: {
      instanceId: 'i-0001', instanceType: 't2.micro', imageId: 'ami-12345', placement: { tenancy: 'default', availabilityZone: 'us-east-1a' },
      privateIpAddress: '10.0.1.15', publicIpAddress: '54.1.2.3', state: { code: 16, name: 'running' }, ebsOptimized: false,
      launchTime: '2026-01-10T08:00:00.000Z', cpuOptions: { coreCount: 1, threadsPerCore: 1 },
    },
  }),
  item('AWS::EC2::Instance', 'i-0002', {
    resourceName: 'web-2',
    availabilityZone: 'us-east-1b',
    resourceCreationTime: '2026-03-05T08:00:00.000Z',
    tags: [{ key: 'Name', value: 'web-2' }, { key: 'env', value: 'dev' }],
    relationships: [{ resourceType: 'AWS::EC2::SecurityGroup', resourceId: 'sg-0002', relationshipName: 'Is associated with SecurityGroup' }],
    configuration: {
      instanceId: 'i-0002', instanceType: 't3.large', imageId: 'ami-12345', placement: { tenancy: 'dedicated' },
      privateIpAddress: '10.0.2.20', state: { code: 80, name: 'stopped' }, ebsOptimized: true,
      launchTime: '2026-03-05T08:00:00.000Z', cpuOptions: { coreCount: 2, threadsPerCore: 2 },
    },
  }),
  item('AWS::EC2::Instance', 'i-0003', {
    resourceName: 'batch',
    availabilityZone: 'us-east-1a',
    resourceCreationTime: '2026-06-01T08:00:00.000Z',
    configuration: {
      instanceId: 'i-0003', instanceType: 't2.micro', imageId: 'ami-99999', placement: { tenancy: 'default' },
      privateIpAddress: '172.31.0.9', state: { code: 16, name: 'running' }, ebsOptimized: false, cpuOptions: { coreCount: 4, threadsPerCore: 2 },
    },
  }),
  item('AWS::EC2::SecurityGroup', 'sg-0001', {
    resourceName: 'web',
    tags: [{ key: 'env', value: 'prod' }],
    relationships: [{ resourceType: 'AWS::EC2::VPC', resourceId: 'vpc-0001', relationshipName: 'Is contained in Vpc' }],
    configuration: {
      groupId: 'sg-0001', groupName: 'web', vpcId: 'vpc-0001',
      ipPermissions: [
        { ipProtocol: 'tcp', fromPort: 443, toPort: 443, ipRanges: ['0.0.0.0/0'], ipv4Ranges: [{ cidrIp: '0.0.0.0/0' }], ipv6Ranges: [] },
        { ipProtocol: 'tcp', fromPort: 22, toPort: 22, ipRanges: ['10.0.0.0/24'], ipv4Ranges: [{ cidrIp: '10.0.0.0/24' }], ipv6Ranges: [{ cidrIpv6: '2001:db8::/32' }] },
      ],
      ipPermissionsEgress: [{ ipProtocol: '-1', ipRanges: ['0.0.0.0/0'], ipv4Ranges: [{ cidrIp: '0.0.0.0/0' }] }],
    },
  }),
  item('AWS::EC2::SecurityGroup', 'sg-0002', {
    resourceName: 'db',
    relationships: [{ resourceType: 'AWS::EC2::VPC', resourceId: 'vpc-0001', relationshipName: 'Is contained in Vpc' }],
    configuration: {
      groupId: 'sg-0002', groupName: 'db', vpcId: 'vpc-0001',
      ipPermissions: [{ ipProtocol: 'tcp', fromPort: 5432, toPort: 5432, ipRanges: ['192.168.0.2/32'], ipv4Ranges: [{ cidrIp: '192.168.0.2/32' }] }],
    },
  }),
  item('AWS::EC2::Volume', 'vol-0001', {
    availabilityZone: 'us-east-1a',
    configuration: { volumeId: 'vol-0001', volumeType: 'gp2', size: 100, encrypted: false, state: { value: 'in-use' }, attachments: [{ instanceId: 'i-0001', device: '/dev/sda1' }] },
  }),
  item('AWS::EC2::Volume', 'vol-0002', {
    availabilityZone: 'us-east-1b',
    configuration: { volumeId: 'vol-0002', volumeType: 'gp3', size: 8, encrypted: true, state: { value: 'available' }, attachments: [] },
  }),
  item('AWS::EC2::Volume', 'vol-0003', {
    availabilityZone: 'us-east-1a',
    configuration: { volumeId: 'vol-0003', volumeType: 'gp2', size: 20, encrypted: false, state: { value: 'available' }, attachments: [] },
  }),
  item('AWS::EC2::VPC', 'vpc-0001', {
    configuration: { vpcId: 'vpc-0001', cidrBlock: '10.0.0.0/16', isDefault: false, cidrBlockAssociationSet: [{ cidrBlock: '10.0.0.0/16' }] },
  }),
  item('AWS::S3::Bucket', 'my-logs-bucket', {
    resourceName: 'my-logs-bucket',
    tags: [{ key: 'env', value: 'prod' }],
    // Stored as AWS's BatchGetResourceConfig shows it: configuration as JSON text.
    configuration: JSON.stringify({ name: 'my-logs-bucket', creationDate: '2026-02-01T00:00:00.000Z' }),
    supplementaryConfiguration: { BucketVersioningConfiguration: { status: 'Off', isMfaDeleteEnabled: false } },
  }),
  item('AWS::EC2::Volume', 'vol-0009', {
    configurationItemStatus: 'ResourceNotRecorded',
    configuration: { volumeId: 'vol-0009', volumeType: 'gp2', size: 500, state: { value: 'available' } },
  }),
];

export interface CountingSource extends ItemSource {
  calls: { byType: string[]; byId: string[]; all: number; yielded: number };
}

export function countingSource(items: Item[] = ITEMS, withById = true): CountingSource {
  const calls = { byType: [] as string[], byId: [] as string[], all: 0, yielded: 0 };
  function* counted(list: Item[]) {
    for (const i of list) { calls.yielded++; yield i; }
  }
  const source: CountingSource = {
    calls,
    byType: (type) => { calls.byType.push(type); return counted(items.filter((i) => i.resourceType === type)); },
    all: () => { calls.all++; return counted(items); },
  };
  if (withById) source.byId = (id) => { calls.byId.push(id); return counted(items.filter((i) => i.resourceId === id)); };
  return source;
}

/** Runs a query over the fixtures and parses each result. */
export function rows(expression: string, opts: SelectOptions = {}, source: ItemSource = countingSource()): Record<string, unknown>[] {
  return selectResourceConfig(expression, source, opts).Results.map((r) => JSON.parse(r));
}

/** The resource ids a WHERE condition selects, sorted. */
export function ids(where: string): string[] {
  return rows(`SELECT resourceId WHERE ${where}`, { limit: 100 }).map((r) => r.resourceId as string).sort();
}

/** The AwsError a query raises, as {code, message}. */
export function failure(expression: string, opts: SelectOptions = {}): { code: string; message: string } {
  try {
    selectResourceConfig(expression, countingSource(), opts);
  } catch (e) {
    const err = e as { code: string; message: string };
    return { code: err.code, message: err.message };
  }
  throw new Error(`expected ${expression} to fail`);
}
