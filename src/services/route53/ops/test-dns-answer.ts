// TestDNSAnswer: what kanri's DNS server answers for a record, from the same resolver (src/dns/).
import type { RequestContext } from '../../types';
import { testDnsAnswerFor } from '../../../dns/server';
import { noSuchHostedZone } from '../errors';
import { getZone } from '../views';

export function testDnsAnswer(input: any, ctx: RequestContext) {
  const zone = getZone(ctx, input.HostedZoneId); // the caller's own zone, or NoSuchHostedZone
  const out = testDnsAnswerFor(ctx.platform, { ...input, HostedZoneId: zone.zoneId });
  if (!out) throw noSuchHostedZone(zone.zoneId);
  return out;
}
