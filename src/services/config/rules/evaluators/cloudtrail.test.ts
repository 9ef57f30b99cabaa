import { describe, expect, it } from 'vitest';
import { ruleContext } from '../item-index';
import { managedRule } from '../registry';
import type { ConfigurationItem } from '../types';

// kanri's CloudTrail records DescribeTrails in PascalCase; AWS's item is camelCase.
const trail = (name: string, over: Record<string, unknown> = {}): ConfigurationItem => ({
  resourceType: 'AWS::CloudTrail::Trail', resourceId: name, arn: `arn:aws:cloudtrail:us-east-1:000000000000:trail/${name}`,
  configuration: { Name: name, S3BucketName: 'logs', IncludeGlobalServiceEvents: true, IsMultiRegionTrail: false, HomeRegion: 'us-east-1', TrailARN: `arn:aws:cloudtrail:us-east-1:000000000000:trail/${name}`, LogFileValidationEnabled: false, ...over },
});
const run = (id: string, items: ConfigurationItem[], logging: string[] | undefined, params: Record<string, string> = {}) =>
  managedRule(id)!.evaluatePeriodic!(ruleContext(items, params, logging ? { facts: { trailIsLogging: (t) => logging.some((n) => t.endsWith(`/${n}`)) } } : {}));

describe('CloudTrail rules', () => {
  it('CLOUD_TRAIL_ENABLED judges the account by logging trails and parameters', () => {
    expect(run('CLOUD_TRAIL_ENABLED', [trail('a')], ['a'])).toEqual([{ resourceType: 'AWS::::Account', resourceId: '000000000000', complianceType: 'COMPLIANT' }]);
    expect(run('CLOUD_TRAIL_ENABLED', [trail('a')], [])[0].complianceType).toBe('NON_COMPLIANT');
    expect(run('CLOUD_TRAIL_ENABLED', [], [])[0].complianceType).toBe('NON_COMPLIANT');
    expect(run('CLOUD_TRAIL_ENABLED', [trail('a')], ['a'], { s3BucketName: 'other' })[0].complianceType).toBe('NON_COMPLIANT');
    expect(() => run('CLOUD_TRAIL_ENABLED', [trail('a')], undefined)).toThrow(/logging status/);
  });
  it('MULTI_REGION_CLOUD_TRAIL_ENABLED wants a logging multi-Region trail', () => {
    expect(run('MULTI_REGION_CLOUD_TRAIL_ENABLED', [trail('a')], ['a'])[0].complianceType).toBe('NON_COMPLIANT');
    expect(run('MULTI_REGION_CLOUD_TRAIL_ENABLED', [trail('a', { IsMultiRegionTrail: true })], ['a'])[0].complianceType).toBe('COMPLIANT');
    const writeOnly = trail('w', { IsMultiRegionTrail: true, eventSelectors: [{ readWriteType: 'WriteOnly', includeManagementEvents: true }] });
    expect(run('MULTI_REGION_CLOUD_TRAIL_ENABLED', [writeOnly], ['w'], { readWriteType: 'ReadOnly' })[0].complianceType).toBe('NON_COMPLIANT');
  });
  it('per-trail rules', () => {
    const items = [trail('plain'), { ...trail('good'), configuration: { name: 'good', logFileValidationEnabled: true, kmsKeyId: 'arn:k', cloudWatchLogsLogGroupArn: 'arn:lg' } }];
    for (const id of ['CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED', 'CLOUD_TRAIL_ENCRYPTION_ENABLED', 'CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED']) {
      expect(run(id, items, []).map((e) => e.complianceType)).toEqual(['NON_COMPLIANT', 'COMPLIANT']);
    }
  });
});
