import { describe, expect, it } from 'vitest';
import { selectResourceConfig } from './index';
import { countingSource, ITEMS, rows } from './fixtures.test-helper';

describe('advanced query results', () => {
  it('nests dotted paths the way AWS answers, with SelectFields as written', () => {
    const out = selectResourceConfig(
      `SELECT resourceId, resourceType, configuration.instanceType, configuration.placement.tenancy, configuration.imageId, availabilityZone
       WHERE resourceType = 'AWS::EC2::Instance' AND configuration.imageId = 'ami-12345'`,
      countingSource(), {},
    );
    expect(out.QueryInfo.SelectFields).toEqual([
      { Name: 'resourceId' }, { Name: 'resourceType' }, { Name: 'configuration.instanceType' },
      { Name: 'configuration.placement.tenancy' }, { Name: 'configuration.imageId' }, { Name: 'availabilityZone' },
    ]);
    expect(out.Results.map((r) => JSON.parse(r))).toEqual([
      { resourceId: 'i-0001', resourceType: 'AWS::EC2::Instance', availabilityZone: 'us-east-1a', configuration: { instanceType: 't2.micro', imageId: 'ami-12345', placement: { tenancy: 'default' } } },
      { resourceId: 'i-0002', resourceType: 'AWS::EC2::Instance', availabilityZone: 'us-east-1b', configuration: { instanceType: 't3.large', imageId: 'ami-12345', placement: { tenancy: 'dedicated' } } },
    ]);
    expect(out.NextToken).toBeUndefined();
  });

  it('keeps arrays as arrays of the selected sub-properties (tags.key, ipPermissions.fromPort)', () => {
    expect(rows(`SELECT tags.key WHERE resourceId = 'i-0001'`)).toEqual([{ tags: [{ key: 'Name' }, { key: 'env' }] }]);
    expect(rows(`SELECT configuration.ipPermissions.fromPort WHERE resourceId = 'sg-0001'`)).toEqual([
      { configuration: { ipPermissions: [{ fromPort: 443 }, { fromPort: 22 }] } },
    ]);
    expect(rows(`SELECT configuration.ipPermissions.ipRanges WHERE resourceId = 'sg-0002'`)).toEqual([
      { configuration: { ipPermissions: [{ ipRanges: ['192.168.0.2/32'] }] } },
    ]);
  });

  it('selects whole objects: tags (with key=value tag), relationships, configuration', () => {
    const [row] = rows(`SELECT tags, relationships, configuration.state WHERE resourceId = 'i-0002'`);
    expect(row).toEqual({
      tags: [{ key: 'Name', tag: 'Name=web-2', value: 'web-2' }, { key: 'env', tag: 'env=dev', value: 'dev' }],
      relationships: [{ resourceType: 'AWS::EC2::SecurityGroup', resourceId: 'sg-0002', relationshipName: 'Is associated with SecurityGroup' }],
      configuration: { state: { code: 80, name: 'stopped' } },
    });
    expect(rows(`SELECT configuration WHERE resourceId = 'my-logs-bucket'`)).toEqual([
      { configuration: { name: 'my-logs-bucket', creationDate: '2026-02-01T00:00:00.000Z' } },
    ]);
    expect(rows(`SELECT resourceId, tags WHERE resourceId = 'vol-0001'`)).toEqual([{ resourceId: 'vol-0001', tags: [] }]);
  });

  it('leaves out properties an item does not have', () => {
    expect(rows(`SELECT resourceId, configuration.publicIpAddress WHERE resourceType = 'AWS::EC2::Instance'`)).toEqual([
      { resourceId: 'i-0001', configuration: { publicIpAddress: '54.1.2.3' } }, { resourceId: 'i-0002' }, { resourceId: 'i-0003' },
    ]);
  });

  it('SELECT * gives the top-level scalar properties only', () => {
    const out = selectResourceConfig(`SELECT * WHERE resourceId = 'i-0001'`, countingSource(), {});
    expect(out.QueryInfo.SelectFields.map((f) => f.Name)).toEqual([
      'accountId', 'awsRegion', 'arn', 'availabilityZone', 'configurationItemCaptureTime',
      'resourceCreationTime', 'resourceId', 'resourceName', 'resourceType', 'version',
    ]);
    expect(JSON.parse(out.Results[0])).toEqual({
      version: '1.3', accountId: '123456789012', configurationItemCaptureTime: '2026-11-01T10:00:00.000Z',
      arn: 'arn:aws:test:us-east-1:123456789012:i-0001', resourceType: 'AWS::EC2::Instance', resourceId: 'i-0001',
      awsRegion: 'us-east-1', availabilityZone: 'us-east-1a', resourceName: 'web-1', resourceCreationTime: '2026-01-10T08:00:00.000Z',
    });
  });

  it('answers timestamps stored as epoch numbers as ISO strings', () => {
    const source = countingSource([{ ...ITEMS[0], resourceCreationTime: 1767945600 }]);
    expect(rows(`SELECT resourceCreationTime WHERE resourceType = 'AWS::EC2::Instance'`, {}, source)).toEqual([
      { resourceCreationTime: '2026-01-09T08:00:00.000Z' },
    ]);
    expect(rows(`SELECT resourceId WHERE resourceCreationTime < '2026-01-10'`, {}, source)).toHaveLength(1);
  });
});

describe('advanced query ORDER BY', () => {
  it('orders by one property ascending or descending, numbers numerically', () => {
    const sizes = (dir: string) => rows(`SELECT configuration.size WHERE resourceType = 'AWS::EC2::Volume' ORDER BY configuration.size ${dir}`)
      .map((r) => (r.configuration as { size: number }).size);
    expect(sizes('')).toEqual([8, 20, 100]);
    expect(sizes('ASC')).toEqual([8, 20, 100]);
    expect(sizes('DESC')).toEqual([100, 20, 8]);
  });

  it('orders by several properties, and puts items without the property last', () => {
    const out = rows(`SELECT resourceId WHERE resourceType IN ('AWS::EC2::Instance', 'AWS::EC2::Volume') ORDER BY availabilityZone DESC, configuration.instanceType, resourceId DESC`);
    expect(out.map((r) => r.resourceId)).toEqual(['i-0002', 'vol-0002', 'i-0003', 'i-0001', 'vol-0003', 'vol-0001']);
  });

  it('orders IP addresses numerically and dates by time', () => {
    const ips = rows(`SELECT resourceId WHERE resourceType = 'AWS::EC2::Instance' ORDER BY configuration.privateIpAddress DESC`).map((r) => r.resourceId);
    expect(ips).toEqual(['i-0003', 'i-0002', 'i-0001']);
    const created = rows(`SELECT resourceId WHERE resourceType = 'AWS::EC2::Instance' ORDER BY resourceCreationTime DESC`).map((r) => r.resourceId);
    expect(created).toEqual(['i-0003', 'i-0002', 'i-0001']);
  });
});

describe('advanced query aggregates', () => {
  it('COUNT(*) without GROUP BY is one row, even when nothing matches', () => {
    expect(rows(`SELECT COUNT(*) WHERE resourceType = 'AWS::EC2::Volume'`)).toEqual([{ 'COUNT(*)': 3 }]);
    expect(rows(`SELECT count(*) WHERE resourceType = 'AWS::SQS::Queue'`)).toEqual([{ 'COUNT(*)': 0 }]);
  });

  it('GROUP BY with COUNT(*): groups by item count, largest first; keys in code-unit order', () => {
    const out = selectResourceConfig(`SELECT resourceType, COUNT(*) GROUP BY resourceType`, countingSource(), {});
    expect(out.QueryInfo.SelectFields).toEqual([{ Name: 'resourceType' }, { Name: 'COUNT(*)' }]);
    expect(out.Results).toEqual([
      '{"COUNT(*)":3,"resourceType":"AWS::EC2::Instance"}',
      '{"COUNT(*)":3,"resourceType":"AWS::EC2::Volume"}',
      '{"COUNT(*)":2,"resourceType":"AWS::EC2::SecurityGroup"}',
      '{"COUNT(*)":1,"resourceType":"AWS::EC2::VPC"}',
      '{"COUNT(*)":1,"resourceType":"AWS::S3::Bucket"}',
    ]);
  });

  it('groups by a nested property and by each value of a multi-valued one', () => {
    expect(rows(`SELECT configuration.instanceType, COUNT(*) WHERE resourceType = 'AWS::EC2::Instance' GROUP BY configuration.instanceType`)).toEqual([
      { 'COUNT(*)': 2, configuration: { instanceType: 't2.micro' } },
      { 'COUNT(*)': 1, configuration: { instanceType: 't3.large' } },
    ]);
    expect(rows(`SELECT tags.key, COUNT(*) GROUP BY tags.key`)).toEqual([
      { 'COUNT(*)': 4, tags: { key: 'env' } },
      { 'COUNT(*)': 2, tags: { key: 'Name' } },
    ]);
  });

  it('SUM, AVG, MIN, MAX and COUNT(property)', () => {
    expect(rows(`SELECT SUM(configuration.size), AVG(configuration.size), MIN(configuration.size), MAX(configuration.size), COUNT(configuration.size) WHERE resourceType = 'AWS::EC2::Volume'`))
      .toEqual([{ 'AVG(configuration.size)': 128 / 3, 'COUNT(configuration.size)': 3, 'MAX(configuration.size)': 100, 'MIN(configuration.size)': 8, 'SUM(configuration.size)': 128 }]);
    expect(rows(`SELECT configuration.volumeType, SUM(configuration.size) WHERE resourceType = 'AWS::EC2::Volume' GROUP BY configuration.volumeType ORDER BY SUM(configuration.size) DESC`))
      .toEqual([{ configuration: { volumeType: 'gp2' }, 'SUM(configuration.size)': 120 }, { configuration: { volumeType: 'gp3' }, 'SUM(configuration.size)': 8 }]);
    expect(rows(`SELECT MAX(resourceCreationTime), MIN(configuration.launchTime)`)).toEqual([
      { 'MAX(resourceCreationTime)': '2026-06-01T08:00:00.000Z', 'MIN(configuration.launchTime)': '2026-01-10T08:00:00.000Z' },
    ]);
    expect(rows(`SELECT MAX(configuration.size) WHERE resourceType = 'AWS::EC2::VPC'`)).toEqual([{ 'MAX(configuration.size)': null }]);
  });

  it('GROUP BY up to three properties, ordered by a group property', () => {
    expect(rows(`SELECT resourceType, availabilityZone, COUNT(*) WHERE resourceType IN ('AWS::EC2::Instance', 'AWS::EC2::Volume') GROUP BY resourceType, availabilityZone ORDER BY resourceType, availabilityZone DESC`))
      .toEqual([
        { 'COUNT(*)': 1, availabilityZone: 'us-east-1b', resourceType: 'AWS::EC2::Instance' },
        { 'COUNT(*)': 2, availabilityZone: 'us-east-1a', resourceType: 'AWS::EC2::Instance' },
        { 'COUNT(*)': 1, availabilityZone: 'us-east-1b', resourceType: 'AWS::EC2::Volume' },
        { 'COUNT(*)': 2, availabilityZone: 'us-east-1a', resourceType: 'AWS::EC2::Volume' },
      ]);
  });

  it('ORDER BY COUNT(*) ascending', () => {
    expect(rows(`SELECT configuration.state.value, COUNT(*) WHERE resourceType = 'AWS::EC2::Volume' GROUP BY configuration.state.value ORDER BY COUNT(*)`))
      .toEqual([{ 'COUNT(*)': 1, configuration: { state: { value: 'in-use' } } }, { 'COUNT(*)': 2, configuration: { state: { value: 'available' } } }]);
  });

  it("an aggregator's items from several accounts: AWS's `group by accountId` example, lower-case keywords", () => {
    const source = countingSource([...ITEMS, { ...ITEMS[0], accountId: '210987654321', resourceId: 'i-other' }]);
    const out = selectResourceConfig(`select COUNT(*), accountId group by accountId`, source, {});
    expect(out.QueryInfo.SelectFields).toEqual([{ Name: 'COUNT(*)' }, { Name: 'accountId' }]);
    expect(out.Results).toEqual(['{"COUNT(*)":10,"accountId":"123456789012"}', '{"COUNT(*)":1,"accountId":"210987654321"}']);
  });
});
