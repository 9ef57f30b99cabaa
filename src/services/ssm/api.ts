// What other services may use of SSM (through services/links.ts): a parameter's value by name or
// selector, as `{{resolve:ssm:...}}` / `resolve:ssm:` references need it (CloudFormation, EC2
// RunInstances' ImageId), including the public /aws/service/ parameters. Errors are SSM's AwsErrors.
import type { Platform } from '../../core/platform';
import type { RequestContext } from '../types';
import { resolveSelector, valueOf } from './parameters/read';

export interface ParameterValue { name: string; type: string; value: string; version: number; dataType: string }

export function parameterValue(platform: Platform, accountId: string, region: string, selector: string, withDecryption = false): ParameterValue {
  platform.service('ssm');
  const ctx = {
    platform, accountId, region, requestId: 'kanri-internal', now: platform.clock.date(),
  } as unknown as RequestContext;
  return platform.storage.transaction(() => {
    const r = resolveSelector(ctx, selector, withDecryption);
    return { name: r.displayName, type: r.row.type, value: valueOf(ctx, r.row, r.displayName, withDecryption), version: r.row.version, dataType: r.row.dataType };
  });
}
