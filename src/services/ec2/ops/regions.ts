// DescribeRegions, DescribeAvailabilityZones, DescribeAccountAttributes.
import { compileFilters, type FieldMap, type Filter } from '../filters';
import { ec2Error } from '../errors';
import { REGIONS, zonesOf } from '../regions';
import { where, type Ctx } from '../resources';
import { listKind } from '../store';

const REGION_FIELDS: FieldMap<any> = {
  endpoint: (r) => r.Endpoint,
  'opt-in-status': (r) => r.OptInStatus,
  'region-name': (r) => r.RegionName,
};

export function describeRegions(input: { AllRegions?: boolean; RegionNames?: string[]; Filters?: Filter[] }, _ctx: Ctx) {
  const test = compileFilters(input.Filters, REGION_FIELDS);
  for (const name of input.RegionNames ?? []) if (!Object.hasOwn(REGIONS, name)) throw ec2Error('InvalidRegion.NotFound', name);
  const regions = Object.entries(REGIONS)
    .filter(([name, r]) => (input.RegionNames?.length ? input.RegionNames.includes(name) : input.AllRegions || !r.optIn))
    .map(([name, r]) => ({ RegionName: name, Endpoint: `ec2.${name}.amazonaws.com`, OptInStatus: r.optIn ? 'not-opted-in' : 'opt-in-not-required' }))
    .filter(test);
  return { Regions: regions };
}

const ZONE_FIELDS: FieldMap<any> = {
  'group-name': (z) => z.GroupName,
  'group-long-name': (z) => z.GroupLongName,
  message: (z) => (z.Messages ?? []).map((m: any) => m.Message),
  'network-border-group': (z) => z.NetworkBorderGroup,
  'opt-in-status': (z) => z.OptInStatus,
  'parent-zone-id': (z) => z.ParentZoneId,
  'parent-zone-name': (z) => z.ParentZoneName,
  'region-name': (z) => z.RegionName,
  state: (z) => z.State,
  'zone-id': (z) => z.ZoneId,
  'zone-name': (z) => z.ZoneName,
  'zone-type': (z) => z.ZoneType,
};

export function describeAvailabilityZones(input: { ZoneNames?: string[]; ZoneIds?: string[]; Filters?: Filter[] }, ctx: Ctx) {
  const test = compileFilters(input.Filters, ZONE_FIELDS);
  const zones = zonesOf(ctx.region);
  for (const n of input.ZoneNames ?? []) if (!zones.some((z) => z.name === n)) throw ec2Error('InvalidParameterValue', `The zone '${n}' does not exist.`);
  for (const n of input.ZoneIds ?? []) if (!zones.some((z) => z.id === n)) throw ec2Error('InvalidParameterValue', `The zone id '${n}' does not exist.`);
  const wanted = (z: { name: string; id: string }) =>
    (!input.ZoneNames?.length && !input.ZoneIds?.length) || input.ZoneNames?.includes(z.name) || input.ZoneIds?.includes(z.id);
  const out = zones.filter(wanted).map((z) => ({
    State: 'available', OptInStatus: 'opt-in-not-required', Messages: [], RegionName: ctx.region, ZoneName: z.name, ZoneId: z.id,
    GroupName: ctx.region, NetworkBorderGroup: ctx.region, ZoneType: 'availability-zone',
  })).filter(test);
  return { AvailabilityZones: out };
}

export function describeAccountAttributes(input: { AttributeNames?: string[] }, ctx: Ctx) {
  const defaultVpc = listKind(ctx.platform.storage, where(ctx), 'vpc').find((v) => v.doc.IsDefault)?.id ?? 'none';
  const all: Record<string, string[]> = {
    'supported-platforms': ['VPC'],
    'default-vpc': [defaultVpc],
    'max-instances': ['20'],
    'vpc-max-security-groups-per-interface': ['5'],
    'max-elastic-ips': ['5'],
    'vpc-max-elastic-ips': ['5'],
  };
  const names = input.AttributeNames?.length ? input.AttributeNames : Object.keys(all);
  return {
    AccountAttributes: names.filter((n) => Object.hasOwn(all, n))
      .map((n) => ({ AttributeName: n, AttributeValues: all[n].map((v) => ({ AttributeValue: v })) })),
  };
}
