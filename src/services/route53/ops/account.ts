// Account limits and the health checkers' address ranges.
import type { Row } from '../../../storage/database';
import type { RequestContext } from '../../types';
import { countZones } from '../store';
import { countHealthChecks } from '../health/store';
import { MAX_HOSTED_ZONES } from './zones';

const LIMITS: Record<string, number> = {
  MAX_HEALTH_CHECKS_BY_OWNER: 200, MAX_HOSTED_ZONES_BY_OWNER: MAX_HOSTED_ZONES, MAX_TRAFFIC_POLICY_INSTANCES_BY_OWNER: 5,
  MAX_REUSABLE_DELEGATION_SETS_BY_OWNER: 100, MAX_TRAFFIC_POLICIES_BY_OWNER: 50,
};

export function getAccountLimit(input: any, ctx: RequestContext) {
  const s = ctx.platform.storage;
  const count = input.Type === 'MAX_HEALTH_CHECKS_BY_OWNER' ? countHealthChecks(s, ctx.accountId)
    : input.Type === 'MAX_HOSTED_ZONES_BY_OWNER' ? countZones(s, ctx.accountId)
      : input.Type === 'MAX_REUSABLE_DELEGATION_SETS_BY_OWNER' ? (s.stmt('SELECT COUNT(*) AS n FROM route53_delegation_sets WHERE account_id = ?').get(ctx.accountId) as Row).n
        : 0;
  return { Limit: { Type: input.Type, Value: LIMITS[input.Type] ?? 0 }, Count: count };
}

/** kanri's checkers probe from this machine, so the range is loopback. */
export function getCheckerIpRanges() {
  return { CheckerIpRanges: ['127.0.0.0/8'] };
}
