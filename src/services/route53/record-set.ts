// One change's record set, normalized as Route 53 stores it, after the checks AWS answers with
// InvalidInput (which fields go together). The checks against the zone are in change-batch.ts.
import type { ResourceRecordSet } from './api';
import { invalidInput } from './errors';
import { canonicalName } from './names';
import { knownGeoLocation } from './ops/geo';

export const POLICY_FIELDS = ['Weight', 'Region', 'Failover', 'GeoLocation', 'MultiValueAnswer', 'GeoProximityLocation', 'CidrRoutingConfig'] as const;

/** The routing policy's name as AWS's messages spell it. */
const POLICY_NAMES: Record<string, string> = {
  Weight: 'weighted', Region: 'latency', Failover: 'failover', GeoLocation: 'geolocation', MultiValueAnswer: 'multivalue answer',
  GeoProximityLocation: 'geoproximity', CidrRoutingConfig: 'IP-based', simple: 'simple',
};

export function policyOf(r: ResourceRecordSet): string {
  return POLICY_FIELDS.find((f) => r[f] !== undefined) ?? 'simple';
}

export const policyName = (policy: string) => POLICY_NAMES[policy];

const CONTINENTS = new Set(['AF', 'AN', 'AS', 'EU', 'OC', 'NA', 'SA']);

function describe(action: string, given: any): string {
  return `Change with [Action=${action}, Name=${given.Name}, Type=${given.Type}, SetIdentifier=${given.SetIdentifier ?? 'null'}]`;
}

/** The stored form of a change's ResourceRecordSet (members in the API's order), or InvalidInput. */
export function normalizeRecordSet(action: string, given: any): ResourceRecordSet {
  const where = describe(action, given);
  const name = canonicalName(given.Name);
  if (!name || name === '.') throw invalidInput(`Invalid request: DNS name ${given.Name} is not valid in ${where}`);
  const hasRecords = given.TTL !== undefined || given.ResourceRecords !== undefined;
  const kinds = [given.AliasTarget !== undefined, hasRecords, given.TrafficPolicyInstanceId !== undefined].filter(Boolean).length;
  if (kinds !== 1 || (hasRecords && given.AliasTarget === undefined && given.TrafficPolicyInstanceId === undefined && (given.TTL === undefined || !given.ResourceRecords?.length))) {
    const found = kinds > 1 ? 'more than one' : 'none';
    throw invalidInput(`Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found ${found} in ${where}`);
  }
  if (given.TrafficPolicyInstanceId !== undefined) throw invalidInput(`Invalid request: kanri has no traffic policy instances; TrafficPolicyInstanceId cannot be used in ${where}`);
  const policies = POLICY_FIELDS.filter((f) => given[f] !== undefined);
  if (policies.length > 1) {
    throw invalidInput(`Invalid request: Expected exactly one of [Weight, Region, Failover, GeoLocation, MultiValueAnswer, GeoProximityLocation, or CidrRoutingConfig], but found more than one in ${where}`);
  }
  if (policies.length === 1 && given.SetIdentifier === undefined) throw invalidInput(`Invalid request: Missing field 'SetIdentifier' in ${where}`);
  if (policies.length === 0 && given.SetIdentifier !== undefined) {
    throw invalidInput(`Invalid request: Expected exactly one of [Weight, Region, Failover, GeoLocation, MultiValueAnswer, GeoProximityLocation, or CidrRoutingConfig], but found none in ${where}`);
  }
  const geo = given.GeoLocation;
  if (geo !== undefined) {
    if ((geo.ContinentCode === undefined) === (geo.CountryCode === undefined)) {
      throw invalidInput(`Invalid request: Expected exactly one of [ContinentCode, or CountryCode], but found ${geo.ContinentCode === undefined ? 'none' : 'more than one'} in ${where}`);
    }
    if (geo.ContinentCode !== undefined && !CONTINENTS.has(geo.ContinentCode)) throw invalidInput(`Invalid request: ContinentCode ${geo.ContinentCode} is not valid in ${where}`);
    if (geo.SubdivisionCode !== undefined && geo.CountryCode === undefined) throw invalidInput(`Invalid request: SubdivisionCode requires CountryCode in ${where}`);
    if (!knownGeoLocation(geo)) throw invalidInput(`Invalid request: Route 53 does not support the geolocation [ContinentCode=${geo.ContinentCode ?? 'null'}, CountryCode=${geo.CountryCode ?? 'null'}, SubdivisionCode=${geo.SubdivisionCode ?? 'null'}] in ${where}`);
  }
  const prox = given.GeoProximityLocation;
  if (prox !== undefined && [prox.AWSRegion, prox.LocalZoneGroup, prox.Coordinates].filter((v) => v !== undefined).length !== 1) {
    throw invalidInput(`Invalid request: Expected exactly one of [AWSRegion, LocalZoneGroup, or Coordinates] in ${where}`);
  }
  if (prox?.Coordinates) {
    const lat = Number(prox.Coordinates.Latitude);
    const lon = Number(prox.Coordinates.Longitude);
    if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) throw invalidInput(`Invalid request: Coordinates are out of range in ${where}`);
  }
  const out: ResourceRecordSet = { Name: name, Type: given.Type };
  if (given.SetIdentifier !== undefined) out.SetIdentifier = given.SetIdentifier;
  if (given.Weight !== undefined) out.Weight = given.Weight;
  if (given.Region !== undefined) out.Region = given.Region;
  if (geo !== undefined) out.GeoLocation = pick(geo, ['ContinentCode', 'CountryCode', 'SubdivisionCode']);
  if (given.Failover !== undefined) out.Failover = given.Failover;
  if (given.MultiValueAnswer !== undefined) out.MultiValueAnswer = given.MultiValueAnswer;
  if (given.TTL !== undefined) out.TTL = given.TTL;
  if (given.ResourceRecords !== undefined) out.ResourceRecords = given.ResourceRecords.map((r: any) => ({ Value: r.Value }));
  if (given.AliasTarget !== undefined) {
    const dns = canonicalName(given.AliasTarget.DNSName);
    if (!dns) throw invalidInput(`Invalid request: Alias target DNSName ${given.AliasTarget.DNSName} is not valid in ${where}`);
    out.AliasTarget = { HostedZoneId: String(given.AliasTarget.HostedZoneId).replace(/^\/?hostedzone\//, ''), DNSName: dns, EvaluateTargetHealth: given.AliasTarget.EvaluateTargetHealth };
  }
  if (given.HealthCheckId !== undefined) out.HealthCheckId = given.HealthCheckId;
  if (given.CidrRoutingConfig !== undefined) out.CidrRoutingConfig = { CollectionId: given.CidrRoutingConfig.CollectionId, LocationName: given.CidrRoutingConfig.LocationName };
  if (prox !== undefined) {
    out.GeoProximityLocation = pick(prox, ['AWSRegion', 'LocalZoneGroup', 'Coordinates', 'Bias']);
    if (prox.Coordinates) out.GeoProximityLocation!.Coordinates = { Latitude: prox.Coordinates.Latitude, Longitude: prox.Coordinates.Longitude };
  }
  return out;
}

function pick(from: any, keys: string[]): any {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (from[k] !== undefined) out[k] = from[k];
  return out;
}

/** Two record sets are the same for DELETE when every member matches (values in any order). */
export function sameRecordSet(a: ResourceRecordSet, b: ResourceRecordSet): boolean {
  const norm = (r: ResourceRecordSet) => JSON.stringify({ ...r, ResourceRecords: r.ResourceRecords?.map((v) => v.Value).sort() });
  return norm(a) === norm(b);
}
