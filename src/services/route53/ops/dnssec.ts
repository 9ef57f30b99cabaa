// DNSSEC: kanri's DNS server does not sign zones, and its KMS has no asymmetric ECC_NIST_P256
// keys (which key-signing keys need), so every zone reports NOT_SIGNING and signing cannot start.
import type { RequestContext } from '../../types';
import { r53 } from '../errors';
import { getZone } from '../views';

export function getDnssec(input: any, ctx: RequestContext) {
  getZone(ctx, input.HostedZoneId);
  return { Status: { ServeSignature: 'NOT_SIGNING' }, KeySigningKeys: [] };
}

export function enableHostedZoneDnssec(input: any, ctx: RequestContext) {
  getZone(ctx, input.HostedZoneId);
  throw r53('KeySigningKeyWithActiveStatusNotFound', 'A key-signing key (KSK) with ACTIVE status wasn\'t found.');
}

export function disableHostedZoneDnssec(input: any, ctx: RequestContext) {
  getZone(ctx, input.HostedZoneId);
  throw r53('DNSSECNotFound', 'The hosted zone doesn\'t have any DNSSEC resources.');
}

export function createKeySigningKey(input: any, ctx: RequestContext) {
  getZone(ctx, input.HostedZoneId);
  throw r53('InvalidKMSArn', 'The KeyManagementServiceArn that you specified isn\'t valid to use with DNSSEC signing: kanri\'s KMS has no asymmetric ECC_NIST_P256 signing keys.');
}
