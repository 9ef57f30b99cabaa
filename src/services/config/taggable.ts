// Which ARNs Config's tagging operations accept. Recorders are known here; the rules engine and
// others add a check for their own resources with registerTaggable.
import type { Platform } from '../../core/platform';
import { listRecorders } from './store';

type Check = (platform: Platform, accountId: string, region: string, arn: string) => boolean;

const checks: Check[] = [
  (platform, accountId, region, arn) => listRecorders(platform.storage, { accountId, region }).some((r) => r.arn === arn),
];

export function registerTaggable(check: Check): void {
  checks.push(check);
}

export function taggableExists(platform: Platform, accountId: string, region: string, arn: string): boolean {
  return checks.some((c) => c(platform, accountId, region, arn));
}
