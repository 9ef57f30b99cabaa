// The account facts account-level rules read (ctx.facts), from IAM and CloudTrail through their
// api.ts. A service absent from the build leaves its facts out, so those rules report
// InsufficientData rather than a verdict.
import type { Platform } from '../../../core/platform';
import { serviceApi } from '../../links';
import type { AccountFacts } from '../rules';

type IamApi = typeof import('../../iam/api');
type CloudTrailApi = typeof import('../../cloudtrail/api');

export function accountFacts(platform: Platform, accountId: string, region: string): AccountFacts {
  const iam = serviceApi<IamApi>('iam');
  const cloudtrail = serviceApi<CloudTrailApi>('cloudtrail');
  return {
    ...(iam ? iam.accountFacts(platform, accountId, region) : {}),
    ...(cloudtrail ? { trailIsLogging: (trail: string) => cloudtrail.trailIsLogging(platform, accountId, trail) } : {}),
  };
}
