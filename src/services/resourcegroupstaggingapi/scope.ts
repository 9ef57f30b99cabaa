// What the tagging API sees from one region: the region's resources, plus IAM's global ones from
// us-east-1 (where AWS lists them), each by ARN with its "service[:type]" name.
import { parseArn } from '../../core/arn';
import type { IndexedResource } from '../../core/resources';
import { AwsError } from '../../protocol/errors';

export const invalid = (message: string) => new AwsError('InvalidParameterException', message, 400);

export function regionsSeenFrom(region: string): string[] {
  return region === 'us-east-1' ? [region, 'global'] : [region];
}

/** The tagging API's type names for a resource: "ec2:instance" from the ARN, "s3:bucket" from the Config type. */
export function typeNames(r: IndexedResource): { service: string; types: string[] } {
  const parsed = parseArn(r.arn ?? '');
  const service = parsed?.service ?? '';
  const types = [r.resourceType.split('::')[2]?.toLowerCase() ?? ''];
  const m = /^([a-z0-9-]+)[/:]/i.exec(parsed?.resource ?? '');
  if (m) types.push(m[1].toLowerCase());
  return { service, types };
}

/** ResourceTypeFilters: "service" or "service:type", as AWS writes them. */
export function typeFilter(filters: string[] | undefined): (r: IndexedResource) => boolean {
  if (!filters?.length) return () => true;
  const parsed = filters.map((f) => {
    const m = /^([a-z0-9-]+)(?::([A-Za-z0-9-]+))?$/.exec(f);
    if (!m) throw invalid(`Unsupported service or resource type: ${f}`);
    return { service: m[1], type: m[2]?.toLowerCase() };
  });
  return (r) => {
    const names = typeNames(r);
    return parsed.some((f) => f.service === names.service && (!f.type || names.types.includes(f.type)));
  };
}
