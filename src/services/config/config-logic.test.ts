// Pure parts of Config: diffs as AWS writes them, relationship inverses, recording-group rules, paths.
import { describe, expect, it } from 'vitest';
import { itemDiff } from './diff';
import { effectiveRelationships, inverseName } from './relationships';
import { frequencyOf, normalizeGroup, normalizeMode, recordsType } from './recording-group';
import { historyFileName, objectKey, snapshotFileName } from './paths';
import { md5Of, type ConfigItem } from './items';

function item(configuration: unknown, extra: Partial<ConfigItem> = {}): ConfigItem {
  const base = {
    version: '1.3' as const, accountId: '000000000000', configurationItemCaptureTime: '2026-01-01T00:00:00.000Z', configurationItemStatus: 'OK',
    configurationStateId: '1', resourceType: 'AWS::EC2::SecurityGroup', resourceId: 'sg-1', awsRegion: 'us-east-1', availabilityZone: 'Not Applicable',
    tags: {}, relatedEvents: [], relationships: [], configuration, supplementaryConfiguration: {}, recordingFrequency: 'CONTINUOUS', ...extra,
  };
  return { ...base, configurationItemMD5Hash: md5Of(base) };
}

describe('configurationItemDiff', () => {
  it('is CREATE with no properties for a new resource', () => {
    expect(itemDiff(undefined, item({ a: 1 }))).toEqual({ changedProperties: {}, changeType: 'CREATE' });
  });

  it('names changed leaves and list elements by capitalized path', () => {
    const before = item({ groupName: 'web', ipPermissions: [{ fromPort: 22 }] });
    const after = item({ groupName: 'web2', ipPermissions: [{ fromPort: 22 }, { fromPort: 443 }] });
    expect(itemDiff(before, after)).toEqual({
      changeType: 'UPDATE',
      changedProperties: {
        'Configuration.GroupName': { previousValue: 'web', updatedValue: 'web2', changeType: 'UPDATE' },
        'Configuration.IpPermissions.1': { previousValue: null, updatedValue: { fromPort: 443 }, changeType: 'CREATE' },
      },
    });
  });

  it('reports a removed relationship and a deletion', () => {
    const rel = { resourceType: 'AWS::EC2::VPC', resourceId: 'vpc-1', relationshipName: 'Is contained in Vpc' };
    const before = item({ a: 1 }, { relationships: [rel] });
    expect(itemDiff(before, item({ a: 1 })).changedProperties).toEqual({
      'Relationships.0': { previousValue: { resourceId: 'vpc-1', resourceName: null, resourceType: 'AWS::EC2::VPC', name: 'Is contained in Vpc' }, updatedValue: null, changeType: 'DELETE' },
    });
    const gone = itemDiff(before, item(null, { configurationItemStatus: 'ResourceDeleted' }));
    expect(gone.changeType).toBe('DELETE');
    expect(gone.changedProperties.Configuration).toEqual({ previousValue: { a: 1 }, updatedValue: null, changeType: 'DELETE' });
  });
});

describe('relationships', () => {
  it('names the inverse side as AWS does', () => {
    expect(inverseName('Is attached to Volume', 'AWS::EC2::Instance')).toBe('Is attached to Instance');
    expect(inverseName('Is contained in Vpc', 'AWS::EC2::Subnet')).toBe('Contains Subnet');
    expect(inverseName('Contains Subnet', 'AWS::EC2::VPC')).toBe('Is contained in Vpc');
    expect(inverseName('Is associated with SecurityGroup', 'AWS::EC2::Instance')).toBe('Is associated with Instance');
    expect(inverseName('Is attached to CustomerManagedPolicy', 'AWS::IAM::Role')).toBe('Is attached to Role');
  });

  it('merges declared and inverse relationships once, in a stable order', () => {
    const own = [{ resourceType: 'AWS::EC2::Instance', resourceId: 'i-1', name: 'Is attached to Instance' }];
    const incoming = [{ resourceType: 'AWS::EC2::Instance', resourceId: 'i-1', name: 'Is attached to Volume' }];
    expect(effectiveRelationships(own, incoming, () => undefined)).toEqual([
      { resourceType: 'AWS::EC2::Instance', resourceId: 'i-1', resourceName: undefined, relationshipName: 'Is attached to Instance' },
    ]);
  });
});

describe('recording group', () => {
  it('normalizes and validates as AWS does', () => {
    expect(normalizeGroup(undefined)).toEqual({
      allSupported: true, includeGlobalResourceTypes: false, resourceTypes: [], exclusionByResourceTypes: { resourceTypes: [] }, recordingStrategy: { useOnly: 'ALL_SUPPORTED_RESOURCE_TYPES' },
    });
    expect(() => normalizeGroup({ allSupported: true, resourceTypes: ['AWS::EC2::VPC'] })).toThrow('The recording group provided is not valid');
    expect(() => normalizeGroup({ allSupported: false, includeGlobalResourceTypes: true, resourceTypes: ['AWS::EC2::VPC'] })).toThrow();
    expect(() => normalizeGroup({ allSupported: false, resourceTypes: ['AWS::Nope::Thing'] })).toThrow(/enum value set/);
  });

  it('takes global types only when asked, and per-type frequencies', () => {
    const all = { recordingGroup: normalizeGroup({ allSupported: true }) };
    expect(recordsType(all, 'AWS::IAM::User')).toBe(false);
    expect(recordsType({ recordingGroup: normalizeGroup({ allSupported: true, includeGlobalResourceTypes: true }) }, 'AWS::IAM::User')).toBe(true);
    const named = { recordingGroup: normalizeGroup({ allSupported: false, resourceTypes: ['AWS::IAM::Role'] }) };
    expect([recordsType(named, 'AWS::IAM::Role'), recordsType(named, 'AWS::EC2::VPC')]).toEqual([true, false]);
    const excluded = { recordingGroup: normalizeGroup({ allSupported: false, exclusionByResourceTypes: { resourceTypes: ['AWS::EC2::VPC'] } }) };
    expect([recordsType(excluded, 'AWS::EC2::VPC'), recordsType(excluded, 'AWS::EC2::Subnet')]).toEqual([false, true]);
    const mode = { recordingMode: normalizeMode({ recordingFrequency: 'CONTINUOUS', recordingModeOverrides: [{ resourceTypes: ['AWS::EC2::VPC'], recordingFrequency: 'DAILY' }] }) };
    expect([frequencyOf(mode, 'AWS::EC2::VPC'), frequencyOf(mode, 'AWS::EC2::Subnet')]).toEqual(['DAILY', 'CONTINUOUS']);
  });
});

describe('delivery paths', () => {
  it('names files as AWS does', () => {
    const c = { accountId: '123456789012', region: 'us-east-2', keyPrefix: 'p' };
    const t = new Date('2026-03-04T06:00:00Z');
    expect(objectKey(c, t, 'ConfigHistory', historyFileName(c, 'AWS::EC2::Instance', new Date('2026-03-04T00:00:00Z'), t, 1)))
      .toBe('p/AWSLogs/123456789012/Config/us-east-2/2026/3/4/ConfigHistory/123456789012_Config_us-east-2_ConfigHistory_AWS::EC2::Instance_20260304T000000Z_20260304T060000Z_1.json.gz');
    expect(snapshotFileName(c, t, 'abc')).toBe('123456789012_Config_us-east-2_ConfigSnapshot_20260304T060000Z_abc.json.gz');
  });
});
